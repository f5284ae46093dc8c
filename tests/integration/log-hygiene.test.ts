import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../shared/runtime/logger.js';
import { exampleIncident, type Herald, startHerald } from '../support/herald.js';

/**
 * Every log line of a whole flow, on a local Herald with its queue workers on their own threads
 * as `npm start` runs them: the main thread's lines through the runtime's logger, and the
 * threads' lines (each thread builds its own logger, writing to its stdout, which Node forwards
 * to this process's stdout) by capturing stdout and stderr. Values are fictional (555-01xx,
 * example.org).
 */

const PHONE = '+14165550121';
const EMAIL = 'log.hygiene@example.org';

const mainLines: string[] = [];
const streamed: string[] = [];
let herald: Herald;

beforeAll(async () => {
  for (const stream of [process.stdout, process.stderr]) {
    vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
      streamed.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    });
  }
  herald = await startHerald({ quiet: false, log: createLogger((line) => mainLines.push(line)) });
});
afterAll(async () => {
  await herald?.stop();
  vi.restoreAllMocks();
});

/** What must never appear in a log line, gathered as the flow makes it. */
const secrets: string[] = [PHONE, PHONE.slice(2), '555-0121', '5550121', EMAIL, 'log.hygiene'];

const allLines = () => [...mainLines, ...streamed.join('').split('\n')].filter((line) => line.trim());

async function call(method: string, path: string, body?: unknown, bearer?: string) {
  const response = await fetch(`${herald.url}${path}`, {
    method,
    headers: {
      ...(body !== undefined && { 'content-type': 'application/json' }),
      ...(bearer && { authorization: `Bearer ${bearer}` }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

async function tokenFor(user: string): Promise<string> {
  const { status, body } = await call('POST', '/dev/token', { user });
  expect(status).toBe(200);
  secrets.push(body.token);
  return body.token;
}

/** Worker threads' lines arrive through a message port a moment after their work is done. */
async function threadLinesArrived(message: string): Promise<void> {
  const seen = () => streamed.join('').includes(`"message":"${message}"`);
  for (let waited = 0; !seen() && waited < 5_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
}

describe('the logs of a whole flow', () => {
  it('file, approve, deliver, sign up by SMS and e-mail, confirm, manage and leave', async () => {
    const ada = await tokenFor('inspector.ada');
    const ben = await tokenFor('inspector.ben');
    const filed = await call('POST', '/incidents', exampleIncident(), ada);
    expect(filed.status).toBe(201);
    const { id, contentHash } = filed.body.broadcast;
    expect((await call('POST', `/broadcasts/${id}/approve`, { contentHash }, ben)).status).toBe(200);
    expect((await call('GET', '/audience', undefined, 'not-a-token')).status).toBe(401);

    const sms = await call('POST', '/subscriptions', {
      channel: 'sms',
      address: '(416) 555-0121',
      areas: ['14'],
      language: 'fr',
    });
    expect(sms.status).toBe(202);
    const code = herald.runtime.inbox
      .smsMessages()
      .findLast((m) => m.phoneNumber === PHONE)
      ?.message.match(/\b(\d{6})\b/)?.[1] as string;
    secrets.push(code);
    const wrong = code === '000000' ? '111111' : '000000';
    const subscriptionId = sms.body.subscription.id;
    expect((await call('POST', `/subscriptions/${subscriptionId}/confirm`, { code: wrong })).status).toBe(
      422,
    );
    const confirmed = await call('POST', `/subscriptions/${subscriptionId}/confirm`, { code });
    expect(confirmed.status).toBe(200);
    const smsToken: string = confirmed.body.manageToken;

    const email = await call('POST', '/subscriptions', {
      channel: 'email',
      address: EMAIL,
      areas: ['14', '51'],
      language: 'en',
    });
    expect(email.status).toBe(202);
    const emailToken: string = email.body.subscription.manageToken;
    secrets.push(smsToken, emailToken);
    await herald.settled();
    for (const confirmation of herald.runtime.inbox.subscriptionConfirmations()) {
      secrets.push(new URL(confirmation.link).searchParams.get('Token') as string);
      expect((await fetch(confirmation.link)).status).toBe(200);
    }

    expect((await call('GET', `/subscriptions/manage/${smsToken}`)).status).toBe(200);
    expect((await call('PUT', `/subscriptions/manage/${smsToken}`, { areas: ['14', '51'] })).status).toBe(
      200,
    );
    const unknown = `${smsToken.startsWith('A') ? 'B' : 'A'}${smsToken.slice(1)}`;
    secrets.push(unknown);
    expect((await call('GET', `/subscriptions/manage/${unknown}`)).status).toBe(404);
    expect((await call('DELETE', `/subscriptions/manage/${smsToken}`)).status).toBe(200);
    expect((await call('DELETE', `/subscriptions/manage/${emailToken}`)).status).toBe(200);
    await herald.settled();
    await threadLinesArrived('delivered');
    await threadLinesArrived('subscription removed');
  }, 60_000);

  it('captured the lines of the main thread and of the worker threads', () => {
    expect(mainLines.length).toBeGreaterThan(10);
    expect(streamed.join('')).toContain('"message":"delivered"');
    expect(streamed.join('')).toMatch(/"message":"topic [a-z]+"/);
  });

  it('logs the management routes by route key, never by path', () => {
    const messages = mainLines.map((line) => JSON.parse(line).message as string);
    expect(messages).toContain('PUT /subscriptions/manage/{token} 200');
    expect(messages).toContain('GET /subscriptions/manage/{token} 404');
    expect(allLines().join('\n')).not.toMatch(/\/subscriptions\/manage\/(?!\{token\})/);
  });

  it('finds no phone number, e-mail address, SMS code, management token or JWT in any line', () => {
    const lines = allLines();
    expect(secrets.filter(Boolean).length).toBeGreaterThanOrEqual(12);
    for (const line of lines) {
      for (const secret of secrets.filter(Boolean)) {
        // A code is six digits: only a standalone run of them is the code.
        const found = /^\d{6}$/.test(secret)
          ? new RegExp(`(?<!\\d)${secret}(?!\\d)`).test(line)
          : line.includes(secret);
        expect(found, `a secret in: ${line.slice(0, 200)}`).toBe(false);
      }
      expect(line).not.toMatch(/eyJ[\w-]+\.|@example\.org|\+1416/);
    }
  });
});
