import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadRegistry } from '../../../shared/config/load-registry.js';
import type { Delivery } from '../../../shared/domain/broadcast.js';
import { deliveryView } from '../../../shared/http/views.js';

const registry = loadRegistry(fileURLToPath(new URL('../../../config/registry.json', import.meta.url)));

const pending: Delivery = {
  broadcastId: 'bc_0000000000aaaaaaaaaaaaaaaa',
  channel: 'x',
  target: 'div-14',
  status: 'PENDING',
  attempts: 5,
  waits: 4,
  notBefore: 0,
  providerIds: [],
  error: '503',
  history: [],
};

describe('a delivery as staff see it', () => {
  it('shows the attempts spent waiting for a rate-limit reset beside the attempts', () => {
    expect(deliveryView(pending, registry)).toMatchObject({ status: 'PENDING', attempts: 5, waits: 4 });
  });

  it('shows no waits for a delivery written before waits were counted', () => {
    const { waits: _waits, ...before } = pending;
    expect(deliveryView(before, registry)).toMatchObject({ attempts: 5, waits: 0 });
  });
});
