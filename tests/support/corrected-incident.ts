import { expect } from 'vitest';
import { approveThroughApi, fileThroughApi } from './console.js';
import type { Herald } from './herald.js';

/**
 * An exercise alert approved and delivered, then a correction filed by comms staff, approved and
 * delivered: what an after-action report with a time to correct is made of. Returns the incident.
 * `pauseMs` waits that long after the alert's deliveries, so the time to correct is not zero.
 */
export async function correctedIncident(
  herald: Herald,
  overrides: Record<string, unknown> = {},
  { pauseMs = 0 }: { pauseMs?: number } = {},
): Promise<string> {
  const alert = await fileThroughApi(herald, { status: 'Exercise', ...overrides });
  await approveThroughApi(herald, alert);
  await herald.settled();
  if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
  const filed = await herald.call('POST', `/incidents/${alert.incidentId}/follow-ups`, {
    user: 'comms.chloe',
    body: { kind: 'correction', facts: { location: 'Queen St W and Spadina Ave' } },
  });
  expect(filed.status, JSON.stringify(filed.body)).toBe(201);
  await approveThroughApi(herald, filed.body.broadcast);
  await herald.settled();
  return alert.incidentId;
}
