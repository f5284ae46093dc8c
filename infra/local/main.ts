import '../../shared/runtime/quiet-sdk-warning.js';
/**
 * `npm start`: Herald on this machine. Data persists in `.herald/` (HERALD_DATA_DIR to move it,
 * `--memory` or HERALD_MEMORY=1 to keep nothing); PORT changes the port (default 3000).
 */
import { resolve } from 'node:path';
import { startLocalRuntime } from './runtime.js';

const started = Date.now();
const memory = process.argv.includes('--memory') || process.env.HERALD_MEMORY === '1';
const dataDir = memory ? undefined : resolve(process.env.HERALD_DATA_DIR ?? '.herald');
const port = Number(process.env.PORT ?? 3000);

const runtime = await startLocalRuntime({
  port,
  ...(dataDir ? { dataDir } : {}),
  ...(process.env.HERALD_REGISTRY_FILE ? { registryFile: process.env.HERALD_REGISTRY_FILE } : {}),
  quiet: process.env.HERALD_QUIET === '1',
});

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
