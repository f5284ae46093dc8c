import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { manifest } from '../../functions/manifest.js';
import { esbuildOptions, RUNTIME_SDK_MODULES } from '../../infra/aws/bundling.js';
import { REPO_ROOT } from '../../infra/aws/herald-app.js';

/** A static import of an SDK package in a bundle: it loads when the bundle loads. */
const STATIC_SDK_IMPORT = /(?:^|[;\s])import\s*(?:[^;()]*?\bfrom\s*)?["']@aws-sdk\//m;

describe('the Lambda bundles', () => {
  it('import no AWS SDK package when they load, only at the first call that needs one (issue 17)', async () => {
    const staticImports: string[] = [];
    const dynamicImports = new Set<string>();
    for (const definition of manifest) {
      const options = esbuildOptions(path.join(REPO_ROOT, definition.entry), `/tmp/${definition.name}.mjs`);
      const result = await build({ ...options, write: false, sourcemap: false, minify: false });
      const code = result.outputFiles.find((file) => file.path.endsWith('.mjs'))?.text ?? '';
      if (STATIC_SDK_IMPORT.test(code)) staticImports.push(definition.name);
      for (const [, name] of code.matchAll(/import\(["'](@aws-sdk\/[^"']+)["']\)/g))
        dynamicImports.add(name as string);
    }

    expect(staticImports).toEqual([]);
    // The loaders are reached (the table and queue adapters are in most bundles), and name only
    // packages the runtime provides.
    expect([...dynamicImports].sort()).toEqual([...RUNTIME_SDK_MODULES].sort());
  }, 120_000);
});
