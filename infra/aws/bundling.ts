/**
 * How a Lambda handler becomes one ESM file (ARCHITECTURE.md 9). The CDK construct and
 * `npm run bundles` both read these settings, so the bundle that is measured is the one deployed.
 *
 * - ESM with `mainFields: ['module', 'main']` picks the ESM build of dependencies that ship one.
 * - The banner gives CommonJS dependencies (twitter-api-v2) a working `require` for Node built-ins:
 *   without it the bundle loads and then fails at the first call ("Dynamic require of ... is not
 *   supported").
 * - The AWS SDK clients we use are external: they come from the SDK v3 that the Node.js 24 runtime
 *   includes (/var/runtime/node_modules), not from the bundle. Bundled, they cost 300–420 KiB of
 *   SDK per function (the shared @smithy/@aws-sdk core, the default credential chain with its
 *   nested STS/SSO clients, then each client), which with zod and the function's own code put
 *   every function with AWS access over the 500 KiB limit of `npm run bundles` even once each
 *   handler declares only the adapters it uses (shared/runtime/aws/). Passing env credentials does
 *   not help: every client's runtimeConfig imports the default chain statically. Only the six
 *   packages our code imports are listed, so everything else stays bundled.
 *   The trade: the deployed SDK is the runtime's version, not the one pinned in package-lock.json
 *   (tests, the local runtime and `npm run bundles` use the pinned one). Since issue 17 no bundle
 *   imports an SDK package when it loads: each is imported at the first call that needs it
 *   (shared/adapters/aws-sdk.ts), so a cold start pays for the packages its first event uses, at
 *   that event (`npm run bundles --sdk` times them; docs/architecture.md D20).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ICommandHooks } from 'aws-cdk-lib/aws-lambda-nodejs';
import { CONSOLE_CSS_BESIDE_BUNDLE, CONSOLE_CSS_SOURCE } from '../../shared/runtime/console-stylesheet.js';
import { REGISTRY_BESIDE_BUNDLE } from '../../shared/runtime/registry-file.js';

/** The repository's root: where the bundler runs, and what the polyfill aliases are relative to. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const LAMBDA_NODE_TARGET = 'node24';

/** The SDK v3 packages Herald imports, all of them included in the Lambda Node.js runtime. */
export const RUNTIME_SDK_MODULES = [
  '@aws-sdk/client-dynamodb',
  '@aws-sdk/lib-dynamodb',
  '@aws-sdk/client-sqs',
  '@aws-sdk/client-s3',
  '@aws-sdk/client-sns',
  '@aws-sdk/client-kms',
  '@aws-sdk/client-secrets-manager',
  '@aws-sdk/client-lambda',
] as const;

export const REQUIRE_SHIM_BANNER =
  "import { createRequire as __heraldCreateRequire } from 'node:module'; const require = __heraldCreateRequire(import.meta.url);";

/** The empty module every core-js polyfill import is bundled as (a path from the repository root). */
export const NO_POLYFILL_MODULE = './infra/aws/no-polyfill.mjs';

/**
 * esbuild aliases that bundle twitter-text's core-js 2 polyfill imports (`import
 * "core-js/modules/es6.regexp.replace"` and 22 more in its ESM build) as an empty module.
 * Each polyfills an ES2015 feature Node.js 24 has natively, so they change nothing at run time, but
 * they put 28 KiB into four bundles and run their feature tests at every cold start (issue 17).
 * The list is read from the installed package, so an upgrade that imports another polyfill is
 * covered without an edit; tests/infra/bundle-imports.test.ts checks no core-js is left in any
 * bundle and that the bundled X text length still counts as twitter-text's own.
 */
export function polyfillAliases(repoRoot: string): Record<string, string> {
  const esmDir = path.join(repoRoot, 'node_modules', 'twitter-text', 'dist', 'esm');
  const names = new Set<string>();
  for (const file of readdirSync(esmDir, { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.js')) continue;
    for (const [, name] of readFileSync(path.join(esmDir, file), 'utf8').matchAll(
      /import "(core-js\/modules\/[^"]+)"/g,
    ))
      names.add(name as string);
  }
  return Object.fromEntries([...names].sort().map((name) => [name, NO_POLYFILL_MODULE]));
}

export const bundleSettings = {
  target: LAMBDA_NODE_TARGET,
  minify: true,
  /** Source maps go next to the bundle (not inline): readable stack traces, no import cost. */
  sourceMap: true,
  sourcesContent: false,
  mainFields: ['module', 'main'],
  banner: REQUIRE_SHIM_BANNER,
  /** The AWS SDK packages our code imports; the runtime provides them (see above). */
  externalModules: [...RUNTIME_SDK_MODULES] as string[],
} as const;

/** The same settings in esbuild's own vocabulary, for `npm run bundles`. */
export function esbuildOptions(entry: string, outfile: string) {
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node' as const,
    format: 'esm' as const,
    target: bundleSettings.target,
    minify: bundleSettings.minify,
    sourcemap: bundleSettings.sourceMap,
    sourcesContent: bundleSettings.sourcesContent,
    mainFields: [...bundleSettings.mainFields],
    banner: { js: bundleSettings.banner },
    external: [...bundleSettings.externalModules],
    alias: polyfillAliases(REPO_ROOT),
    absWorkingDir: REPO_ROOT,
    metafile: true,
    logLevel: 'warning' as const,
  };
}

/** The registry every function reads, from the repository root. */
export const REGISTRY_SOURCE = 'config/registry.json';

/** A path as one word of a POSIX shell command. */
const shellWord = (word: string) => `'${word.replaceAll("'", `'\\''`)}'`;

/**
 * After esbuild, the registry is copied beside each bundle's index.mjs, where the function reads
 * it at its cold start (shared/runtime/registry-file.ts, D29): imported, it was 16.6 KiB of object
 * literal in every bundle. The CDK construct runs these hooks and `npm run bundles` runs the same
 * command, so the measured bundle directory is the deployed one.
 */
export const registryBesideBundle: ICommandHooks = {
  beforeBundling: () => [],
  beforeInstall: () => [],
  afterBundling: (inputDir, outputDir) => [
    `cp ${shellWord(path.join(inputDir, REGISTRY_SOURCE))} ${shellWord(path.join(outputDir, REGISTRY_BESIDE_BUNDLE))}`,
  ],
};

/**
 * What ships beside one function's bundle: the registry for every function, and for the console
 * its stylesheet (80 KiB of CSS it serves itself; as a string in its code it was parsed at every
 * cold start and put the bundle over 500 KiB). `npm run bundles` runs the same hooks.
 */
export function filesBesideBundle(functionName: string): ICommandHooks {
  if (functionName !== 'console') return registryBesideBundle;
  return {
    ...registryBesideBundle,
    afterBundling: (inputDir, outputDir) => [
      ...registryBesideBundle.afterBundling(inputDir, outputDir),
      `cp ${shellWord(path.join(inputDir, CONSOLE_CSS_SOURCE))} ${shellWord(path.join(outputDir, CONSOLE_CSS_BESIDE_BUNDLE))}`,
    ],
  };
}
