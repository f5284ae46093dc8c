import { fileURLToPath } from 'node:url';
import { App } from 'aws-cdk-lib';
import { loadRegistry } from '../../shared/config/load-registry.js';
import { StatefulStack } from './stateful-stack.js';

/**
 * The AWS deployment. For now the stateful part (table and audience topics) built from the same
 * registry as the local runtime; the functions from the manifest follow with the deploy issue.
 */
const registry = loadRegistry(fileURLToPath(new URL('../../config/registry.json', import.meta.url)));
const app = new App();
new StatefulStack(app, 'HeraldStateful', {
  registry,
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});
app.synth();
