import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { FunctionDefinition } from '../../functions/manifest-types.js';
import { buildHeraldApp } from '../../infra/aws/herald-app.js';
import type { Registry } from '../../shared/domain/registry.js';

/**
 * The deployment as `npm run synth` builds it, except that every function gets the same inline
 * stub instead of an esbuild bundle (bundling seven handlers per test run would take ~10 s). The
 * real bundling path is exercised by `npm run synth` and `npm run bundles`, and so is CDK's
 * CloudFormation schema validation (about 6 s to start, for every app built). The sample
 * registry's origination number is allowed, as `npm run synth` allows it.
 */
export function buildTestApp(
  manifest: readonly FunctionDefinition[],
  options: { nag?: boolean; context?: Record<string, string>; registry?: Registry } = {},
) {
  return buildHeraldApp({
    manifest,
    nag: options.nag ?? false,
    // The sample city's registry, with its fictional origination number, which a deploy refuses.
    context: { allowSampleOriginationNumber: 'true', ...options.context },
    ...(options.registry ? { registry: options.registry } : {}),
    cfnValidation: false,
    code: {
      kind: 'prebuilt',
      code: () => lambda.Code.fromInline('export const handler = async () => ({});'),
    },
  });
}
