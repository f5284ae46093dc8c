import { describe, expect, it } from 'vitest';
import { runChaos } from './chaos-harness.js';
import { chaosOptionsFromEnv } from './chaos-options.js';
import { formatReport } from './chaos-report.js';
import { REPORT_GRACE_MS } from './deadlines.js';

/**
 * Many city-wide broadcasts to 40 X accounts and 36 topics under injected faults (see
 * chaos-harness.ts): every (broadcast, account) gets exactly one thread, except the revoked
 * account (none, FAILED), and every (broadcast, topic) exactly one publish.
 *
 * `npm test` runs a small size with one fixed seed. Larger runs and other seeds:
 *   HERALD_CHAOS_BROADCASTS=1000 HERALD_CHAOS_SEED=7 npx vitest run tests/chaos
 *   HERALD_CHAOS_SEED=1,2,3 npx vitest run tests/chaos
 */

const { seeds, options } = chaosOptionsFromEnv(process.env);

describe('chaos: dispatch under provider faults and worker crashes', () => {
  for (const seed of seeds) {
    it(
      `delivers every broadcast exactly once per account and topic (seed ${seed}, ${options.broadcasts} broadcasts)`,
      async () => {
        const report = await runChaos({ ...options, seed });
        const summary = formatReport(report);
        console.log(summary);
        expect(report.problems, summary).toEqual([]);
        expect(report.posts.actual, summary).toBe(report.posts.expected);
        expect(report.publishes.actual, summary).toBe(report.publishes.expected);
      },
      // The harness reports by its deadline plus its grace; this only catches a harness bug.
      options.deadlineMs + REPORT_GRACE_MS + 30_000,
    );
  }
});
