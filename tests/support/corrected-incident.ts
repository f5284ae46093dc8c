import { expect } from 'vitest';
import { approveThroughApi, fileThroughApi } from './console.js';
import type { Herald } from './herald.js';

/**
 * An exercise alert approved and delivered, then a correction filed by comms staff, approved and
 * delivered: what an after-action report with a time to correct is made of. Returns the incident.
 */
export async function correctedIncident(
  herald: Herald,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const alert = await fileThroughApi(herald, { status: 'Exercise', ...overrides });
  await approveThroughApi(herald, alert);
  await herald.settled();
  const filed = await herald.call('POST', `/incidents/${alert.incidentId}/follow-ups`, {
    user: 'comms.chloe',
    body: { kind: 'correction', facts: { location: 'Queen St W and Spadina Ave' } },
  });
  expect(filed.status, JSON.stringify(filed.body)).toBe(201);
  await approveThroughApi(herald, filed.body.broadcast);
  await herald.settled();
  return alert.incidentId;
}
