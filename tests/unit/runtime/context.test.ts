import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppContext } from '../../../shared/runtime/context.js';

/** The module keeps the process's context; each test gets the module fresh, with none installed. */
let context: typeof import('../../../shared/runtime/context.js');
beforeEach(async () => {
  vi.resetModules();
  context = await import('../../../shared/runtime/context.js');
});

/** Contexts told apart by identity; nothing here reads a port. */
const named = (name: string) => ({ name }) as unknown as AppContext;

describe("a handler's context", () => {
  it('is built once, at the first call, when none was given (Lambda)', async () => {
    const built = named('built from the environment');
    const build = vi.fn(() => built);

    const first = await context.appContext(build);
    const second = await context.appContext(build);

    expect([first, second]).toEqual([built, built]);
    expect(build).toHaveBeenCalledTimes(1);
  });

  it('is the installed one when a process installed it, and is never built', async () => {
    const installed = named('installed');
    const build = vi.fn(() => named('built'));
    context.installContext(installed);

    expect(await context.appContext(build)).toBe(installed);
    expect(build).not.toHaveBeenCalled();
  });

  it('is the one its invocation runs in, whatever the process installed', async () => {
    const local = named('a local runtime');
    context.installContext(named('installed'));

    const seen = await context.runInContext(local, () => context.appContext(() => named('built')));

    expect(seen).toBe(local);
  });

  it('stays apart for two runtimes whose invocations interleave', async () => {
    const [one, two] = [named('one'), named('two')];
    const build = () => named('built');
    const invocation = async (release: Promise<void>) => {
      const before = await context.appContext(build);
      await release;
      return [before, await context.appContext(build)];
    };
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });

    const first = context.runInContext(one, () => invocation(released));
    const second = context.runInContext(two, () => invocation(released));
    release();

    expect(await first).toEqual([one, one]);
    expect(await second).toEqual([two, two]);
  });

  it('outside any invocation is not the one an invocation ran in', async () => {
    const built = named('built');
    await context.runInContext(named('a local runtime'), () => context.appContext(() => built));

    expect(await context.appContext(() => built)).toBe(built);
  });
});
