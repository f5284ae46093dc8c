/**
 * How a Lambda handler becomes one ESM file (ARCHITECTURE.md 9). The CDK construct and
 * `npm run bundles` both read these settings, so the bundle that is measured is the one deployed.
 *
 * - ESM with `mainFields: ['module', 'main']` picks the ESM build of dependencies that ship one.
 * - The banner gives CommonJS dependencies (twitter-api-v2) a working `require` for Node built-ins:
 *   without it the bundle loads and then fails at the first call ("Dynamic require of ... is not
 *   supported").
 * - The AWS SDK is bundled, not taken from the runtime: the versions we test are the versions we
 *   run, and a runtime SDK update cannot change behaviour under us. It costs about 270 KiB of
 *   shared SDK core per bundle (see docs/benchmarks.md).
 */
export const LAMBDA_NODE_TARGET = 'node24';

export const REQUIRE_SHIM_BANNER =
  "import { createRequire as __heraldCreateRequire } from 'node:module'; const require = __heraldCreateRequire(import.meta.url);";

export const bundleSettings = {
  target: LAMBDA_NODE_TARGET,
  minify: true,
  /** Source maps go next to the bundle (not inline): readable stack traces, no import cost. */
  sourceMap: true,
  sourcesContent: false,
  mainFields: ['module', 'main'],
  banner: REQUIRE_SHIM_BANNER,
  /** Nothing external: the SDK included (see above). */
  externalModules: [] as string[],
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
    metafile: true,
    logLevel: 'warning' as const,
  };
}
