import { describe, expect, it } from 'vitest';
import { runChaos } from './chaos-harness.js';
import { defaultChaosOptions } from './chaos-options.js';
import { REPORT_GRACE_MS } from './deadlines.js';

describe('the chaos harness at its deadline', () => {
  it('reports by its deadline and grace, naming each delivery still open and where it stands', async () => {
    const base = defaultChaosOptions(20261122, 1);
    // Every claim "crashes" right after it lands, so nothing is ever sent and nothing can finish.
    // The deadline leaves room for the one filing and approval to land on a loaded machine (8 s
    // were seen with two cores shared by several test runs); only then is there a delivery to stall.
    const options = {
      ...base,
      deadlineMs: 15_000,
      crashes: { ...base.crashes, claimBefore: 0, claimAfter: 1, planBefore: 0 },
    };
    const started = Date.now();

    const report = await runChaos(options);

    expect(Date.now() - started).toBeLessThan(options.deadlineMs + REPORT_GRACE_MS);
    expect(report.problems).toContain(`1 broadcast(s) still DISPATCHING after ${options.deadlineMs} ms`);
    expect(report.problems.filter((p) => p.startsWith('STALLED ')).length).toBeGreaterThan(0);
    expect(report.problems.find((p) => p.startsWith('STALLED '))).toMatch(/: (PENDING|SENDING), attempt \d+/);
  }, 180_000);
});
