import type { LocalRuntime } from '../infra/local/runtime.js';
import { percentile } from './percentile.js';

/** Per chain function, how many invocations it had when the cold and the warm approve were sent. */
export interface RepetitionMarks {
  coldFrom: number[];
  warmFrom: number[];
}

const p50 = (values: number[]) =>
  Math.round(
    percentile(
      [...values].sort((a, b) => a - b),
      50,
    ) * 10,
  ) / 10;

/**
 * Where each cold function's time went, medians over the repetitions: its thread's start and that
 * start's phases, when the start began after the approve reached the API function (the chain is
 * sequential: a worker starts when the first job reaches it), and its first invocation's own run
 * once the thread was ready against the same invocation on the warm broadcast. The probes say how
 * much of a first run is the first call to each provider.
 */
export function coldBreakdown(
  runtime: LocalRuntime,
  chain: readonly string[],
  marks: RepetitionMarks[],
  probes: Record<string, any>[],
) {
  const approveAt = marks.map(
    (m) => runtime.functionTimings(chain[0] as string).invocations[m.coldFrom[0] as number]?.at ?? 0,
  );
  const functions = Object.fromEntries(
    chain.map((fn, f) => {
      const { starts, invocations } = runtime.functionTimings(fn);
      const rows = marks.map((m, r) => {
        const first = invocations[m.coldFrom[f] as number];
        // The start that invocation began or found under way (a repetition starts the threads
        // more than once: bench/cold.ts).
        const start = first && [...starts].reverse().find((s) => s.at <= first.at + 1);
        const warmFirst = invocations[m.warmFrom[f] as number];
        if (!start || !first || !warmFirst || !first.cold)
          throw new Error(`${fn}: no cold start recorded for repetition ${r + 1}`);
        const waitedMs = start.at + start.readyMs - first.at;
        return {
          startedAfterApproveMs: start.at - (approveAt[r] as number),
          readyMs: start.readyMs,
          boot: start.boot,
          firstRunMs: first.ms - waitedMs,
          warmRunMs: warmFirst.ms,
        };
      });
      const phase = (key: keyof (typeof rows)[number]['boot']) => p50(rows.map((row) => row.boot[key]));
      return [
        fn,
        {
          startedAfterApproveMs: p50(rows.map((row) => row.startedAfterApproveMs)),
          threadStartMs: p50(rows.map((row) => row.readyMs)),
          threadStartPhasesMs: {
            thread: phase('threadMs'),
            typescriptLoader: phase('loaderMs'),
            runtimeModules: phase('runtimeImportsMs'),
            context: phase('contextMs'),
            handlerModules: phase('handlerImportMs'),
          },
          firstInvocationRunMs: p50(rows.map((row) => row.firstRunMs)),
          warmInvocationRunMs: p50(rows.map((row) => row.warmRunMs)),
          firstRunExtraMs: p50(rows.map((row) => row.firstRunMs - row.warmRunMs)),
        },
      ];
    }),
  );
  const probe = (path: (p: Record<string, any>) => number) => p50(probes.map(path));
  return {
    functions,
    freshThreadProbe: {
      runtimeModulesMs: probe((p) => p.runtimeImportsMs),
      contextMs: probe((p) => p.contextMs),
      dynamoRead: {
        firstMs: probe((p) => p.dynamoRead.firstMs),
        secondMs: probe((p) => p.dynamoRead.secondMs),
      },
      xPost: { firstMs: probe((p) => p.xPost.firstMs), secondMs: probe((p) => p.xPost.secondMs) },
      snsPublish: {
        firstMs: probe((p) => p.snsPublish.firstMs),
        secondMs: probe((p) => p.snsPublish.secondMs),
      },
    },
  };
}
