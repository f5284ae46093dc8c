import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Herald, startHerald } from '../support/herald.js';

/**
 * Two local Heralds in one process, as a test file may start them: each runs its functions in its
 * own context (shared/runtime/context.ts), so neither answers with the other's ports.
 */

let herald: Herald;
beforeAll(async () => {
  herald = await startHerald({ threads: false });
});
afterAll(() => herald?.stop());

describe('a local Herald beside another in the same process', () => {
  it('keeps its own data while the other starts, answers, and after it stops', async () => {
    const filed = await herald.fileIncident();
    expect(filed.status).toBe(201);
    const path = `/incidents/${filed.body.incident.id}`;

    const other = await startHerald({ threads: false });
    try {
      expect((await herald.call('GET', path, { user: 'inspector.ada' })).status).toBe(200);
      expect((await other.call('GET', path, { user: 'inspector.ada' })).status).toBe(404);
    } finally {
      await other.stop();
    }

    expect((await herald.call('GET', path, { user: 'inspector.ada' })).status).toBe(200);
  });
});
