/**
 * `npx tsx scripts/cold-profile.ts <bundle dir>`: where a cold import goes. For each bundle that
 * `HERALD_KEEP_BUNDLES=1 npm run bundles` kept, imports it in a fresh `node --cpu-prof` exactly as
 * the bundles script does, then adds up the samples' self time by what ran: a package or a source
 * folder of Herald (through the bundle's source map), an external package loaded from
 * node_modules, Node's own module loader, or the compiler and garbage collector.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface ProfileNode {
  id: number;
  children?: number[];
  callFrame: { url: string; lineNumber: number; columnNumber: number; functionName: string };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const bundlesDir = process.argv[2];
if (!bundlesDir) throw new Error('usage: cold-profile.ts <bundles dir kept by npm run bundles>');
const only = process.argv.slice(3);

/** A package name or a Herald folder (two levels: `shared/adapters`), from a path. */
function owner(file: string): string {
  const match = file.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (match) return match[1] as string;
  const relative = file.replace(/^(\.\.\/)+/, '');
  return relative.split('/').slice(0, 2).join('/');
}

function profile(bundle: string): Map<string, number> {
  const dir = mkdtempSync(path.join(tmpdir(), 'herald-prof-'));
  try {
    const script = `await import(${JSON.stringify(pathToFileURL(bundle).href)})`;
    const result = spawnSync(
      process.execPath,
      [
        '--cpu-prof',
        '--cpu-prof-dir',
        dir,
        '--cpu-prof-interval',
        '100',
        '--input-type=module',
        '-e',
        script,
      ],
      { env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' }, encoding: 'utf8' },
    );
    if (result.status !== 0) throw new Error(result.stderr);
    const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile')) as string;
    const data = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Profile;
    const map = new SourceMap(JSON.parse(readFileSync(`${bundle}.map`, 'utf8')));
    const byId = new Map(data.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of data.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
    const bundleUrl = pathToFileURL(realpathSync(bundle)).href;
    /** Node's own frames (the module loader, built-ins) count for the code that called them. */
    const payer = (id: number): ProfileNode => {
      let node = byId.get(id) as ProfileNode;
      for (let up = parent.get(node.id); node.callFrame.url.startsWith('node:') && up; up = parent.get(up)) {
        const next = byId.get(up) as ProfileNode;
        if (!next.callFrame.url) break;
        node = next;
      }
      return node;
    };
    const totals = new Map<string, number>();
    data.samples.forEach((id, i) => {
      const { callFrame } = payer(id);
      let key: string;
      if (!callFrame.url) key = callFrame.functionName || '(anonymous)';
      else if (callFrame.url === bundleUrl) {
        const entry = map.findEntry(callFrame.lineNumber, callFrame.columnNumber) as {
          originalSource?: string;
        };
        key = entry.originalSource ? owner(entry.originalSource) : 'bundle (unmapped)';
      } else if (callFrame.url.startsWith('node:')) key = 'node: startup and ESM loader';
      else if (callFrame.url.startsWith('file:')) key = `external ${owner(fileURLToPath(callFrame.url))}`;
      else key = callFrame.url;
      totals.set(key, (totals.get(key) ?? 0) + (data.timeDeltas[i] ?? 0) / 1000);
    });
    return totals;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

for (const name of readdirSync(bundlesDir).sort()) {
  if (only.length > 0 && !only.includes(name)) continue;
  const totals = profile(path.join(bundlesDir, name, 'index.mjs'));
  const all = [...totals.values()].reduce((a, b) => a + b, 0);
  console.log(`\n${name}: ${all.toFixed(0)} ms sampled`);
  for (const [key, ms] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, 12)) {
    console.log(`  ${ms.toFixed(1).padStart(7)} ms  ${key}`);
  }
}
