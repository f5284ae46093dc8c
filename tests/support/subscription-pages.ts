import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { DEFAULT_REGISTRY_FILE } from '../../infra/local/runtime.js';
import type { PageResponse } from './form-client.js';
import type { Herald } from './herald.js';

/** What the flows of the public subscription pages share. */

/**
 * The sample registry with some subscription settings changed, as a file the runtime reads. The
 * forms' minimum fill time is 0 unless `protection` says otherwise: the tests post a form as soon
 * as it is served, and no test may depend on waiting (the fill-time tests turn it on).
 */
export function registryWith(subscriptions: Record<string, unknown>): string {
  const registry = JSON.parse(readFileSync(DEFAULT_REGISTRY_FILE, 'utf8'));
  const protection = {
    ...registry.subscriptions?.protection,
    form: { minFillSeconds: 0 },
    ...(subscriptions.protection as object | undefined),
  };
  registry.subscriptions = { ...registry.subscriptions, ...subscriptions, protection };
  const file = join(tmpdir(), `herald-registry-${process.pid}-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(registry));
  return file;
}

/** The last sign-up code the fake SNS texted to `phone` (E.164). */
export function lastCode(herald: Herald, phone: string): string | undefined {
  return herald.runtime.inbox
    .smsMessages()
    .findLast((m) => m.phoneNumber === phone)
    ?.message.match(/\b(\d{6})\b/)?.[1];
}

export function subscribedEndpoints(herald: Herald, topic: string): string[] {
  return herald.runtime.fakeSns
    .subscriptions(topic)
    .map((s) => s.endpoint)
    .sort();
}

/** Every HTML answer of the forms carries these, errors and redirects included. */
export function expectPageHeaders(page: PageResponse): void {
  expect(page.headers.get('content-security-policy')).toBe(
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  );
  expect(page.headers.get('x-content-type-options')).toBe('nosniff');
  expect(page.headers.get('referrer-policy')).toBe('no-referrer');
  expect(page.headers.get('cache-control')).toBe('no-store');
  if (page.status !== 303) expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
}
