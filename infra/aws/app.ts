import { manifest } from '../../functions/manifest.js';
import { buildHeraldApp } from './herald-app.js';

/**
 * The AWS deployment (`npm run synth`, `npm run deploy`): both stacks from the registry and the
 * function manifest, checked by cdk-nag. Offline: no lookups, environment-agnostic stacks.
 */
buildHeraldApp({ manifest }).app.synth();
