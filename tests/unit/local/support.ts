import { vi } from 'vitest';
import type { FunctionDefinition, Trigger } from '../../../functions/manifest-types.js';

export function definition(name: string, trigger: Trigger, timeoutSeconds = 10): FunctionDefinition {
  return {
    name,
    entry: `functions/${name}/handler.ts`,
    description: name,
    trigger,
    access: {},
    timeoutSeconds,
    memoryMb: 256,
  };
}

/** A logger that records instead of printing, so tests can assert on what was logged. */
export function recordingLogger() {
  return { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
}

/** A promise the test resolves by hand, to hold a handler in flight. */
export function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
