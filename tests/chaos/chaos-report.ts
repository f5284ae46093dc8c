// The run's report: its fields, built from the steps' results, and the compact block the test prints.
import type { ChaosOptions } from './chaos-options.js';
import type { Filed } from './file-and-approve.js';
import type { ChaosRun } from './set-up.js';
import type { Findings } from './verify.js';

export interface ChaosReport {
  options: ChaosOptions;
  revokedAccount: string;
  accounts: number;
  topics: number;
  broadcasts: number;
  approved: number;
  posts: { actual: number; expected: number };
  publishes: { actual: number; expected: number };
  duplicates: number;
  misses: number;
  /** Everything that went wrong; empty on success. */
  problems: string[];
  /** Injected or observed faults by kind. */
  faults: Record<string, number>;
  deadLetters: number;
  timings: { submitMs: number; settleMs: number; verifyMs: number; totalMs: number };
  /** Approval to SENT of the X deliveries other than the revoked account's. */
  latency: { medianMs: number; p95Ms: number; maxMs: number };
  /** Longest claim-to-settle of a worker, to compare with the lease. */
  maxLeaseHoldMs: number;
  /** The longest claim still held when its lease was extended (0: no lease needed extending). */
  longestExtendedHoldMs: number;
  /** Longest call per port operation (ms). */
  slowest: Record<string, number>;
}

export function report(run: ChaosRun, filed: Filed, settledAt: number, findings: Findings): ChaosReport {
  const { options, audience, log } = run;
  return {
    options,
    revokedAccount: run.revokedAccount,
    accounts: audience.accounts.length,
    topics: audience.topics.length,
    broadcasts: options.broadcasts,
    approved: filed.submitted.length,
    posts: { actual: findings.posts, expected: findings.expectedPosts },
    publishes: { actual: findings.publishes, expected: findings.expectedPublishes },
    duplicates: findings.duplicates,
    misses: findings.misses,
    problems: run.problems,
    faults: log.counts,
    deadLetters: findings.deadLetters,
    timings: {
      submitMs: filed.at - run.started,
      settleMs: settledAt - filed.at,
      verifyMs: findings.at - settledAt,
      totalMs: findings.at - run.started,
    },
    latency: findings.latency,
    maxLeaseHoldMs: log.maxLeaseHoldMs,
    longestExtendedHoldMs: log.longestExtendedHoldMs,
    slowest: log.slowest,
  };
}

/** One compact block: seed, sizes, counts, faults, times, and how to reproduce. */
export function formatReport(report: ChaosReport): string {
  const o = report.options;
  const s = (ms: number) => `${(ms / 1000).toFixed(1)}s`;
  const faults = Object.entries(report.faults)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  const lines = [
    `chaos seed=${o.seed}: ${report.approved}/${report.broadcasts} broadcasts x ${report.accounts} accounts ` +
      `(revoked ${report.revokedAccount}) + ${report.topics} topics`,
    `  posts ${report.posts.actual}/${report.posts.expected}, publishes ${report.publishes.actual}/` +
      `${report.publishes.expected}, duplicates ${report.duplicates}, misses ${report.misses}, ` +
      `problems ${report.problems.length}, dead letters ${report.deadLetters}`,
    `  faults: ${faults}`,
    `  time: submit ${s(report.timings.submitMs)}, settle ${s(report.timings.settleMs)}, ` +
      `verify ${s(report.timings.verifyMs)}, total ${s(report.timings.totalMs)}; approve->SENT median ` +
      `${s(report.latency.medianMs)} p95 ${s(report.latency.p95Ms)} max ${s(report.latency.maxMs)}; ` +
      `longest lease hold ${report.maxLeaseHoldMs} ms of ${o.leaseMs}, longest extended ` +
      `${report.longestExtendedHoldMs} ms (${report.faults['lease.extensions'] ?? 0} extensions)`,
    `  slowest calls (ms): ${Object.entries(report.slowest)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ')}`,
    `  reproduce: HERALD_CHAOS_SEED=${o.seed} HERALD_CHAOS_BROADCASTS=${o.broadcasts} npx vitest run tests/chaos`,
  ];
  if (report.problems.length > 0) {
    lines.push(`  first problems:`, ...report.problems.slice(0, 30).map((p) => `    - ${p}`));
    if (report.problems.length > 30) lines.push(`    ... and ${report.problems.length - 30} more`);
  }
  return lines.join('\n');
}
