/**
 * `npm run bundles`: bundles every manifest function exactly as the CDK construct does
 * (infra/aws/bundling.ts), prints each bundle's minified size and its cold import time in a fresh
 * `node` process against bare `node` measured in the same run, and fails when a bundle is over
 * budget. `--top` lists the largest inputs of each bundle (from esbuild's metafile).
 *
 * The AWS SDK clients are external (infra/aws/bundling.ts): the sizes leave them out, and the
 * bundles are written under node_modules/.cache so each import resolves them from this repo's
 * node_modules, as a Lambda resolves them from the runtime's: the import times include loading them.
 */
import { execSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { manifest } from '../functions/manifest.js';
import { bundleSettings, esbuildOptions, filesBesideBundle } from '../infra/aws/bundling.js';
import { REPO_ROOT } from '../infra/aws/herald-app.js';

const KIB = 1024;
/** Hard limit: any bundle over it fails the run. */
const MAX_BUNDLE_KIB = 500;
/** Aims (reported, not enforced). */
const AIM_MEDIAN_KIB = 350;
const AIM_OVERHEAD_MS = 60;
const RUNS = Number(process.env.HERALD_BUNDLE_RUNS ?? 7);
const showTop = process.argv.includes('--top');
/** `--sdk`: also time loading each SDK package at a function's first call, external and bundled (D20). */
const measureSdk = process.argv.includes('--sdk');

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

/** Wall time of a fresh `node` that imports `file` (or nothing) and exits: what a cold start pays. */
function coldImportMs(file: string | undefined): number {
  const script = file ? `await import(${JSON.stringify(pathToFileURL(file).href)})` : '';
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    encoding: 'utf8',
  });
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`importing ${file} failed:\n${result.stderr}`);
  return elapsed;
}

type BundleOutput = Metafile['outputs'][string];

/**
 * What loading an SDK package costs at a function's first call (the bundles load none since issue
 * 17): a fresh node importing it from node_modules, and importing it bundled and minified into one
 * file, each against bare node. The DynamoDB pair counts as one: every table call needs both.
 */
async function sdkFirstCall(bareMs: number): Promise<void> {
  const packages = [
    ['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb'],
    ['@aws-sdk/client-sqs'],
    ['@aws-sdk/client-sns'],
    ['@aws-sdk/client-kms'],
    ['@aws-sdk/client-secrets-manager'],
    ['@aws-sdk/client-s3'],
  ];
  console.log(`\nSDK loaded at the first call, over bare node (${RUNS} runs each, medians):`);
  console.log(
    `${'package'.padEnd(50)}${'external'.padStart(10)}${'bundled'.padStart(10)}${'bundled size'.padStart(14)}`,
  );
  for (const names of packages) {
    const source = names.map((name, i) => `export * as p${i} from '${name}';`).join('\n');
    const entry = path.join(outDir, `sdk-${names.length}-${names[0]?.split('/')[1]}.mjs`);
    writeFileSync(entry, source);
    const bundled = entry.replace(/\.mjs$/, '.bundle.mjs');
    const { metafile } = await build({ ...esbuildOptions(entry, bundled), external: [], sourcemap: false });
    const bytes = Object.values(metafile?.outputs ?? {}).find((o) => o.entryPoint)?.bytes ?? 0;
    const external: number[] = [];
    const inBundle: number[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      external.push(coldImportMs(entry) - bareMs);
      inBundle.push(coldImportMs(bundled) - bareMs);
    }
    console.log(
      `${names.join(' + ').padEnd(50)}${`${median(external).toFixed(0)} ms`.padStart(10)}${`${median(inBundle).toFixed(0)} ms`.padStart(10)}${`${(bytes / KIB).toFixed(1)} KiB`.padStart(14)}`,
    );
  }
}

function largestInputs(output: BundleOutput, count = 12): string[] {
  const byPackage = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    const match = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
    const key = match ? (match[1] as string) : input.split('/').slice(0, 2).join('/');
    byPackage.set(key, (byPackage.get(key) ?? 0) + bytesInOutput);
  }
  return [...byPackage]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, bytes]) => `      ${(bytes / KIB).toFixed(1).padStart(7)} KiB  ${name}`);
}

// Inside the repository, so the external SDK packages resolve from its node_modules.
const cacheDir = path.join(REPO_ROOT, 'node_modules', '.cache');
mkdirSync(cacheDir, { recursive: true });
const outDir = mkdtempSync(path.join(cacheDir, 'herald-bundles-'));
try {
  const bundles = [];
  for (const definition of manifest) {
    const outfile = path.join(outDir, definition.name, 'index.mjs');
    mkdirSync(path.dirname(outfile), { recursive: true });
    const { metafile } = await build(esbuildOptions(path.join(REPO_ROOT, definition.entry), outfile));
    if (!metafile) throw new Error('esbuild returned no metafile');
    writeFileSync(path.join(outDir, definition.name, 'meta.json'), JSON.stringify(metafile));
    for (const command of filesBesideBundle(definition.name).afterBundling?.(
      REPO_ROOT,
      path.dirname(outfile),
    ) ?? [])
      execSync(command);
    const output = Object.values(metafile.outputs).find((o) => o.entryPoint);
    if (!output) throw new Error(`esbuild wrote no bundle for ${definition.name}`);
    bundles.push({ name: definition.name, outfile, bytes: output.bytes, output });
  }

  // Interleave the runs so drift (a busy machine, a warming disk cache) hits every bundle alike.
  const bare: number[] = [];
  const times = new Map<string, number[]>(bundles.map((b) => [b.name, []]));
  coldImportMs(undefined);
  for (let run = 0; run < RUNS; run += 1) {
    bare.push(coldImportMs(undefined));
    for (const b of bundles) times.get(b.name)?.push(coldImportMs(b.outfile));
  }
  const bareMs = median(bare);

  console.log(`node ${process.version}, ${RUNS} runs each, medians; bare node: ${bareMs.toFixed(0)} ms`);
  console.log(
    `external (not in the sizes, loaded by the imports): ${bundleSettings.externalModules.join(', ') || 'none'}\n`,
  );
  console.log(
    `${'function'.padEnd(22)}${'size'.padStart(12)}${'import'.padStart(10)}${'overhead'.padStart(11)}`,
  );
  const overheads: number[] = [];
  for (const b of bundles) {
    const ms = median(times.get(b.name) ?? []);
    overheads.push(ms - bareMs);
    const flag = b.bytes > MAX_BUNDLE_KIB * KIB ? '  OVER BUDGET' : '';
    console.log(
      `${b.name.padEnd(22)}${`${(b.bytes / KIB).toFixed(1)} KiB`.padStart(12)}${`${ms.toFixed(0)} ms`.padStart(10)}${`${(ms - bareMs).toFixed(0)} ms`.padStart(11)}${flag}`,
    );
    if (showTop || flag) console.log(largestInputs(b.output).join('\n'));
  }
  const medianKib = median(bundles.map((b) => b.bytes)) / KIB;
  const medianOverhead = median(overheads);
  console.log(
    `\nmedian size ${medianKib.toFixed(1)} KiB (aim <= ${AIM_MEDIAN_KIB}), median import overhead ${medianOverhead.toFixed(0)} ms (aim <= ${AIM_OVERHEAD_MS}), limit ${MAX_BUNDLE_KIB} KiB per bundle`,
  );
  if (measureSdk) await sdkFirstCall(bareMs);
  const over = bundles.filter((b) => b.bytes > MAX_BUNDLE_KIB * KIB);
  if (over.length > 0) {
    console.error(`over the ${MAX_BUNDLE_KIB} KiB limit: ${over.map((b) => b.name).join(', ')}`);
    process.exitCode = 1;
  }
} finally {
  if (process.env.HERALD_KEEP_BUNDLES) console.log(`bundles kept in ${outDir}`);
  else rmSync(outDir, { recursive: true, force: true });
}
