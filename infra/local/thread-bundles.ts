import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { FunctionDefinition } from '../../functions/manifest-types.js';
import { esbuildOptions, REPO_ROOT } from '../aws/bundling.js';

/**
 * One JavaScript file per function thread, built with the Lambda bundles' own settings
 * (infra/aws/bundling.ts): the thread's local wiring (function-thread.ts) and the function's
 * handler in one module graph, so the thread loads what a Lambda environment loads, one minified
 * file, instead of each TypeScript module through tsx (bench:cold starts the chain this way).
 * Written under node_modules/.cache, so the SDK packages (external, as on Lambda) resolve from the
 * repository's node_modules.
 */
export async function buildThreadBundle(definition: FunctionDefinition): Promise<string> {
  const dir = join(REPO_ROOT, 'node_modules', '.cache', 'herald-thread-bundles', definition.name);
  mkdirSync(dir, { recursive: true });
  const outfile = join(dir, 'index.mjs');
  const { entryPoints: _, ...options } = esbuildOptions(join(REPO_ROOT, definition.entry), outfile);
  await build({
    ...options,
    stdin: {
      contents: [
        `import { runFunctionThread } from ${JSON.stringify(join(REPO_ROOT, 'infra/local/function-thread.ts'))};`,
        `await runFunctionThread(() => import(${JSON.stringify(join(REPO_ROOT, definition.entry))}));`,
      ].join('\n'),
      resolveDir: REPO_ROOT,
      sourcefile: `${definition.name}-thread.ts`,
      loader: 'ts',
    },
    metafile: false,
  });
  return outfile;
}
