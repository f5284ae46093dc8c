import type { TestProject } from 'vitest/node';
import { manifest } from '../../functions/manifest.js';
import { buildIamModel, type IamModel } from './iam-model.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The synthesized policies, built once per run for every integration file (D22). */
    iamModel: IamModel;
  }
}

/** vitest globalSetup of the integration project: synthesizes once, not once per test file. */
export default function setup(project: TestProject): void {
  project.provide('iamModel', buildIamModel(manifest));
}
