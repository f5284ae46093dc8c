import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkPortFree, claimDataDir, PID_FILE, StartRefused } from '../../../infra/local/start-guards.js';

const folders: string[] = [];
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'herald-guard-'));
  folders.push(dir);
  return dir;
}

const pidIn = (dir: string) => readFileSync(join(dir, PID_FILE), 'utf8').trim();

describe('claiming the data folder', () => {
  it('writes this process id and removes it on release', () => {
    const dir = tempDir();

    const release = claimDataDir(dir);
    expect(pidIn(dir)).toBe(String(process.pid));
    release();

    expect(existsSync(join(dir, PID_FILE))).toBe(false);
  });

  it('takes over a pid file left by a process that is gone', () => {
    const dir = tempDir();
    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    writeFileSync(join(dir, PID_FILE), `${gone}\n`);

    claimDataDir(dir)();

    expect(existsSync(join(dir, PID_FILE))).toBe(false);
  });

  it('refuses while a live Node process holds the folder, naming its pid', () => {
    const dir = tempDir();
    // The test runner's parent is a live Node process.
    writeFileSync(join(dir, PID_FILE), `${process.ppid}\n`);

    expect(() => claimDataDir(dir)).toThrow(StartRefused);
    expect(() => claimDataDir(dir)).toThrow(`(pid ${process.ppid})`);
    expect(pidIn(dir)).toBe(String(process.ppid));
  });

  it.runIf(existsSync('/proc/self/cmdline'))(
    'takes over a pid file whose pid now belongs to something other than Node (a reused pid)',
    async () => {
      const dir = tempDir();
      const other = spawn('sleep', ['10']);
      try {
        writeFileSync(join(dir, PID_FILE), `${other.pid}\n`);

        claimDataDir(dir)();

        expect(existsSync(join(dir, PID_FILE))).toBe(false);
      } finally {
        other.kill();
      }
    },
  );
});

describe('checking the port', () => {
  it('refuses a port something listens on, naming it and PORT', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as { port: number };
    try {
      await expect(checkPortFree(port, '127.0.0.1')).rejects.toThrow(
        `port ${port} is in use (another Herald?); stop what listens on it or set PORT, e.g. PORT=${port + 1} npm start`,
      );
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  it('lets a free port through, and leaves it free', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as { port: number };
    await new Promise((resolve) => probe.close(resolve));

    await expect(checkPortFree(port, '127.0.0.1')).resolves.toBeUndefined();
    await expect(checkPortFree(port, '127.0.0.1')).resolves.toBeUndefined();
  });
});
