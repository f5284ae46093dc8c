import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * `npm start` twice, as a newcomer does: real processes (`tsx infra/local/main.ts`) on a
 * temporary data folder and free ports, so nothing collides with a Herald already running here.
 */

const TSX = join(process.cwd(), 'node_modules/.bin/tsx');
const folders: string[] = [];
let first: ChildProcess | undefined;
let firstPort: number;
let dataDir: string;

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'herald-start-'));
  folders.push(dir);
  return dir;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

function herald(env: { PORT: number; HERALD_DATA_DIR: string }) {
  const child = spawn(TSX, ['infra/local/main.ts'], {
    env: { ...process.env, PORT: String(env.PORT), HERALD_DATA_DIR: env.HERALD_DATA_DIR, HERALD_QUIET: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.once('exit', (code) => resolve({ code, stdout, stderr })),
  );
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', () => stdout.includes('Herald is running at') && resolve());
    exited.then(({ stderr: why }) => reject(new Error(`Herald exited before it was ready: ${why}`)));
  });
  // Only a start expected to succeed awaits `ready`; a refused one must not leave it unhandled.
  ready.catch(() => {});
  return { child, exited, ready };
}

/**
 * A Herald that started, on a free port. Another process may take the probed port before Herald
 * listens on it (tests run in parallel), so a start refused for the port is tried on another.
 */
async function startedHerald(dir: string): Promise<{ child: ChildProcess; port: number }> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const started = herald({ PORT: port, HERALD_DATA_DIR: dir });
    try {
      await started.ready;
      return { child: started.child, port };
    } catch (error) {
      if (attempt === 3 || !/is in use/.test(String(error))) throw error;
    }
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const gone = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGINT');
  await gone;
}

beforeAll(async () => {
  dataDir = tempDir();
  const started = await startedHerald(dataDir);
  first = started.child;
  firstPort = started.port;
}, 60_000);

afterAll(async () => {
  if (first) await stop(first);
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
}, 30_000);

describe('a second npm start', () => {
  it('on the same data folder says which process holds it, in one line, and exits with 1', async () => {
    const holder = readFileSync(join(dataDir, 'herald.pid'), 'utf8').trim();

    const second = await herald({ PORT: await freePort(), HERALD_DATA_DIR: dataDir }).exited;

    expect(second.code).toBe(1);
    expect(second.stderr).toBe(
      `Herald is already running on ${dataDir} (pid ${holder}); stop it, or start another one with HERALD_DATA_DIR=<another folder> PORT=<another port>\n`,
    );
  }, 30_000);

  it('on a port in use names the port and the setting to change, in one line, and exits with 1', async () => {
    const second = await herald({ PORT: firstPort, HERALD_DATA_DIR: tempDir() }).exited;

    expect(second.code).toBe(1);
    expect(second.stderr).toBe(
      `port ${firstPort} is in use (another Herald?); stop what listens on it or set PORT, e.g. PORT=${firstPort + 1} npm start\n`,
    );
  }, 30_000);

  it('on a folder whose database another process holds, without a pid file, says so in one line', async () => {
    const pidFile = join(dataDir, 'herald.pid');
    renameSync(pidFile, `${pidFile}.away`);
    try {
      const second = await herald({ PORT: await freePort(), HERALD_DATA_DIR: dataDir }).exited;

      expect(second.code).toBe(1);
      expect(second.stderr).toMatch(
        /^the database in .+ could not be opened, most likely because another process/,
      );
      expect(second.stderr.trim().split('\n')).toHaveLength(1);
    } finally {
      renameSync(`${pidFile}.away`, pidFile);
    }
  }, 30_000);
});

describe('stopping', () => {
  it('removes the pid file, so the next start finds the folder free', async () => {
    // A Herald of its own: the others' tests need the first one running, in whatever order they run.
    const dir = tempDir();
    const { child } = await startedHerald(dir);
    expect(readFileSync(join(dir, 'herald.pid'), 'utf8').trim()).toMatch(/^\d+$/);

    await stop(child);

    expect(() => readFileSync(join(dir, 'herald.pid'))).toThrow(/ENOENT/);
  }, 60_000);
});
