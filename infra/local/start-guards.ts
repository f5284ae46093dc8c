/**
 * What `npm start` checks before it starts anything, so that a newcomer's commonest mistakes
 * (a second `npm start` in the same folder, a port already taken) end in one readable line
 * instead of a stack trace from deep inside start-up.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { isAbsolute, join, relative } from 'node:path';

/** A start-up refusal whose message is the whole story: printed alone, without a stack. */
export class StartRefused extends Error {
  override name = 'StartRefused';
}

export const PID_FILE = 'herald.pid';

/**
 * Claims the data folder for this process with a pid file, or refuses when a live process holds
 * it: LevelDB allows one process per folder, and a second one otherwise fails later with
 * `connect ECONNREFUSED`. A pid file left by a run that did not stop cleanly is taken over.
 * @returns a release function (also run at exit) that removes the file if it is still ours.
 */
export function claimDataDir(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, PID_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
      const release = () => {
        if (readPid(file) === process.pid) rmSync(file, { force: true });
      };
      process.once('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readPid(file);
      if (holder !== undefined && holder !== process.pid && isHerald(holder)) {
        throw new StartRefused(
          `Herald is already running on ${shown(dir)} (pid ${holder}); stop it, or start another one with HERALD_DATA_DIR=<another folder> PORT=<another port>`,
        );
      }
      rmSync(file, { force: true });
    }
  }
  throw new StartRefused(`could not claim ${shown(dir)}: another Herald is starting on it at this moment`);
}

/** Refuses a port another process listens on, before start-up spends seconds on the rest. */
export async function checkPortFree(port: number, host: string): Promise<void> {
  if (port === 0) return;
  const probe = createServer();
  const free = await new Promise<boolean>((resolve, reject) => {
    probe.once('error', (error: NodeJS.ErrnoException) =>
      error.code === 'EADDRINUSE' ? resolve(false) : reject(error),
    );
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
  if (!free) throw portInUse(port);
}

export function portInUse(port: number): StartRefused {
  return new StartRefused(
    `port ${port} is in use (another Herald?); stop what listens on it or set PORT, e.g. PORT=${port + 1} npm start`,
  );
}

/** The LevelDB refusal of the embedded DynamoDB, for a folder some other kind of process holds. */
export function dataDirLocked(dir: string, detail: string): StartRefused {
  return new StartRefused(
    `the database in ${shown(dir)} could not be opened, most likely because another process (a Herald, a test) holds it; stop it or set HERALD_DATA_DIR (${detail})`,
  );
}

function readPid(file: string): number | undefined {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether the pid is a live Node process. Pids are reused (after a reboot, a stale file's pid may
 * be anything), so on Linux the command line must be Node's; elsewhere a live pid is enough.
 */
function isHerald(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    return /node|tsx/.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
  } catch {
    return true;
  }
}

/** `.herald` rather than an absolute path when the folder is under the current one. */
function shown(dir: string): string {
  const path = relative(process.cwd(), dir);
  return path === '' ? '.' : path.startsWith('..') || isAbsolute(path) ? dir : path;
}
