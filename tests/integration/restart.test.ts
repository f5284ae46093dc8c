import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { postsOf, publishesOf, threadsPerAccount } from '../support/delivered.js';
import { exampleIncident, startHerald } from '../support/herald.js';

/**
 * Two Heralds in turn on one data directory, as `npm start` after a crash: the second finishes
 * what the first left when it stopped right after an approval. Each starts whole, with its worker
 * threads: 11 s for both in a full run, past the 20 s default when other runs share the two cores.
 */
describe('restarting', { timeout: 60_000 }, () => {
  it('completes every delivery exactly once after a stop right after approval and a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'herald-restart-'));
    try {
      const first = await startHerald({ dataDir });
      // The process dies right after the approval commits: its in-memory jobs are lost.
      await first.runtime.queues.stop();
      const filed = await first.fileIncident(exampleIncident());
      const { broadcast } = filed.body;
      await first.call('POST', `/broadcasts/${broadcast.id}/approve`, {
        user: 'inspector.ben',
        body: { contentHash: broadcast.contentHash },
      });
      await first.stop();
      const sentBeforeRestart = postsOf(first, broadcast.preview.link).length;

      const second = await startHerald({ dataDir });
      try {
        await second.settled();
        const view = await second.call('GET', `/broadcasts/${broadcast.id}`, { user: 'inspector.ada' });
        expect(view.body.broadcast.status).toBe('DELIVERED');
        const posts = postsOf(second, broadcast.preview.link);
        expect(sentBeforeRestart).toBe(0);
        const threads = threadsPerAccount(posts);
        expect([...threads.values()].every((n) => n === 1)).toBe(true);
        expect(posts).toHaveLength(threads.size * broadcast.preview.xThread.length);
        expect(publishesOf(second, broadcast.preview.link)).toHaveLength(4);
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
