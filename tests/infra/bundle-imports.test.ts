import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { manifest } from '../../functions/manifest.js';
import { esbuildOptions, RUNTIME_SDK_MODULES } from '../../infra/aws/bundling.js';
import { REPO_ROOT } from '../../infra/aws/herald-app.js';
import { LOG_METRICS } from '../../infra/aws/monitoring.js';
import { xWeightedLength } from '../../shared/domain/rendering/x-text.js';

/** A static import of an SDK package in a bundle: it loads when the bundle loads. */
const STATIC_SDK_IMPORT = /(?:^|[;\s])import\s*(?:[^;()]*?\bfrom\s*)?["']@aws-sdk\//m;

/** Each manifest function's bundle, built once with the Lambda settings (unminified, to be read). */
interface BuiltBundle {
  name: string;
  code: string;
  inputs: string[];
}

describe('the Lambda bundles', () => {
  const bundles: BuiltBundle[] = [];
  beforeAll(async () => {
    for (const definition of manifest) {
      const options = esbuildOptions(path.join(REPO_ROOT, definition.entry), `/tmp/${definition.name}.mjs`);
      const result = await build({ ...options, write: false, sourcemap: false, minify: false });
      bundles.push({
        name: definition.name,
        code: result.outputFiles.find((file) => file.path.endsWith('.mjs'))?.text ?? '',
        inputs: Object.keys(result.metafile?.inputs ?? {}),
      });
    }
  }, 120_000);

  it('import no AWS SDK package when they load, only at the first call that needs one (issue 17)', () => {
    const staticImports: string[] = [];
    const dynamicImports = new Set<string>();
    for (const { name, code } of bundles) {
      if (STATIC_SDK_IMPORT.test(code)) staticImports.push(name);
      for (const [, name] of code.matchAll(/import\(["'](@aws-sdk\/[^"']+)["']\)/g))
        dynamicImports.add(name as string);
    }

    expect(staticImports).toEqual([]);
    // The loaders are reached (the table and queue adapters are in most bundles), and name only
    // packages the runtime provides.
    expect(bundles).toHaveLength(manifest.length);
    expect([...dynamicImports].sort()).toEqual([...RUNTIME_SDK_MODULES].sort());
  });

  it('carry none of the core-js polyfills twitter-text imports, and count X lengths as twitter-text does', async () => {
    const withCoreJs = bundles
      .filter(({ inputs }) => inputs.some((input) => input.includes('node_modules/core-js/')))
      .map(({ name }) => name);
    // twitter-text is in some bundles, so the check has something to find.
    expect(
      bundles.filter(({ inputs }) => inputs.some((input) => input.includes('node_modules/twitter-text/')))
        .length,
    ).toBeGreaterThan(0);
    expect(withCoreJs).toEqual([]);

    // The bundled length function (native built-ins in place of the polyfills) against the one the
    // tests use (twitter-text with its polyfills), on text that exercises every rule it applies.
    const samples = [
      'Avoid Queen St W between Bay and Yonge: https://police.example/a/inc_01 #Toronto @TPSOperations',
      'Évitez le secteur. Renseignements : www.example.ca/fr?x=1&y=2 — merci',
      '道路封鎖 警察の指示に従ってください 🚓🚨👮🏽‍♀️ 😷',
      `${'word '.repeat(60)}example.com/${'p'.repeat(80)} $CASH #tag`,
      'Zero\u200bwidth and RTL \u202eevil\u202c and combining é, e\u0301, and \ud83c\udff3\ufe0f\u200d\ud83c\udf08',
    ];
    const dir = mkdtempSync(path.join(REPO_ROOT, 'node_modules', '.cache', 'x-text-'));
    try {
      const outfile = path.join(dir, 'x-text.mjs');
      await build(esbuildOptions(path.join(REPO_ROOT, 'shared/domain/rendering/x-text.ts'), outfile));
      const bundled = (await import(pathToFileURL(outfile).href)) as {
        xWeightedLength: (text: string) => number;
      };
      expect(samples.map((text) => bundled.xWeightedLength(text))).toEqual(samples.map(xWeightedLength));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('build no zod schema when they load: each is built by the first request that uses it (issue 17)', async () => {
    // zod gives every schema node one call of its constructor's `init`; counting those calls while
    // a bundle loads (in a fresh node, as a cold start does) counts the schemas built at load.
    const INIT = 'function init(inst, def) {';
    const dir = mkdtempSync(path.join(REPO_ROOT, 'node_modules', '.cache', 'zod-at-load-'));
    const builtAtLoad: Record<string, number> = {};
    try {
      for (const { name, code } of bundles) {
        expect(code, `zod's constructor in ${name}`).toContain(INIT);
        const file = path.join(dir, `${name}.mjs`);
        writeFileSync(
          file,
          code.replace(
            INIT,
            `${INIT} if (!inst._zod) globalThis.zodSchemasBuilt = (globalThis.zodSchemasBuilt ?? 0) + 1;`,
          ),
        );
        const count = execFileSync(
          process.execPath,
          [
            '--input-type=module',
            '-e',
            `await import(${JSON.stringify(pathToFileURL(file).href)}); console.log(globalThis.zodSchemasBuilt ?? 0)`,
          ],
          { encoding: 'utf8' },
        );
        builtAtLoad[name] = Number(count.trim());
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(builtAtLoad).toEqual(Object.fromEntries(manifest.map((definition) => [definition.name, 0])));
  }, 180_000);

  it('log exactly the metrics the monitoring gives their log groups a filter for', () => {
    const metrics = Object.values(LOG_METRICS);
    const logged = (code: string) =>
      metrics
        .filter(({ name }) => code.includes(`"${name}"`) || code.includes(`'${name}'`))
        .map(({ name }) => name);
    const filtered = (functionName: string) =>
      metrics
        .filter(({ loggedBy }) => (loggedBy as readonly string[]).includes(functionName))
        .map(({ name }) => name);
    const found = Object.fromEntries(bundles.map(({ name, code }) => [name, logged(code).sort()]));
    const declared = Object.fromEntries(bundles.map(({ name }) => [name, filtered(name).sort()]));
    expect(found).toEqual(declared);
    expect(found['x-worker']).toContain('DeliveryFailed');
  });
});
