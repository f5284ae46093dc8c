import '../../shared/runtime/quiet-sdk-warning.js';
/**
 * `npm start`: Herald on this machine. Data persists in `.herald/` (HERALD_DATA_DIR to move it,
 * `--memory` or HERALD_MEMORY=1 to keep nothing); PORT changes the port (default 3000).
 */
import { resolve } from 'node:path';
import { type LocalRuntime, startLocalRuntime } from './runtime.js';
import { checkPortFree, claimDataDir, dataDirLocked, portInUse, StartRefused } from './start-guards.js';

const started = Date.now();
const memory = process.argv.includes('--memory') || process.env.HERALD_MEMORY === '1';
const dataDir = memory ? undefined : resolve(process.env.HERALD_DATA_DIR ?? '.herald');
const port = Number(process.env.PORT ?? 3000);
const host = '127.0.0.1';

const runtime = await start().catch((error: unknown) => {
  if (!(error instanceof StartRefused)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});

async function start(): Promise<LocalRuntime> {
  if (dataDir) claimDataDir(dataDir);
  await checkPortFree(port, host);
  try {
    return await startLocalRuntime({
      host,
      port,
      ...(dataDir ? { dataDir } : {}),
      ...(process.env.HERALD_REGISTRY_FILE ? { registryFile: process.env.HERALD_REGISTRY_FILE } : {}),
      quiet: process.env.HERALD_QUIET === '1',
    });
  } catch (error) {
    // The checks above leave a race (something took the port or the folder meanwhile).
    const code = (error as { code?: unknown }).code;
    if (code === 'EADDRINUSE') throw portInUse(port);
    if (code === 'HERALD_DYNALITE_DIED' && dataDir) throw dataDirLocked(dataDir, (error as Error).message);
    throw error;
  }
}

const users = runtime.auth.users.map((u) => `  ${u.id.padEnd(16)} ${u.groups.join(', ')}`).join('\n');
process.stdout.write(`
Herald is running at ${runtime.url}  (ready in ${Date.now() - started} ms; data: ${dataDir ?? 'in memory'})

Demo users:
${users}

Get a token:   curl -s -X POST ${runtime.url}/dev/token -H 'content-type: application/json' -d '{"user":"inspector.ada"}'
What was sent: curl -s ${runtime.url}/dev/inbox
API:           curl -s ${runtime.url}/openapi.json
Stop with Ctrl-C.

`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(1);
    stopping = true;
    process.stdout.write('\nStopping Herald...\n');
    runtime.stop().then(
      () => process.exit(0),
      (error) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
