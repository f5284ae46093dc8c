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
/** The status of each step of the flow, by step. */
const answered: Record<string, number> = {};

// The flow runs once, before the tests: each test reads the lines it left, and none changes them.
beforeAll(async () => {
  for (const stream of [process.stdout, process.stderr]) {
    vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
      streamed.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    });
  }
  herald = await startHerald({ quiet: false, log: createLogger((line) => mainLines.push(line)) });
  await wholeFlow();
}, 60_000);
afterAll(async () => {
  await herald?.stop();
  vi.restoreAllMocks();
});

/** What must never appear in a log line, gathered as the flow makes it. */
const secrets: string[] = [PHONE, PHONE.slice(2), '555-0121', '5550121', EMAIL, 'log.hygiene'];

const allLines = () => [...mainLines, ...streamed.join('').split('\n')].filter((line) => line.trim());

/** One step of the flow: its status is kept under `step`. */
async function call(step: string, method: string, path: string, body?: unknown, bearer?: string) {
  const response = await fetch(`${herald.url}${path}`, {
    method,
    headers: {
      ...(body !== undefined && { 'content-type': 'application/json' }),
      ...(bearer && { authorization: `Bearer ${bearer}` }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  answered[step] = response.status;
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

async function tokenFor(user: string): Promise<string> {
  const { body } = await call(`token for ${user}`, 'POST', '/dev/token', { user });
  secrets.push(body.token);
  return body.token;
}

/** Worker threads' lines arrive through a message port a moment after their work is done. */
async function threadLinesArrived(message: string): Promise<void> {
  const seen = () => streamed.join('').includes(`"message":"${message}"`);
  for (let waited = 0; !seen() && waited < 5_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
}

/** File, approve, deliver, sign up by SMS and e-mail, confirm, manage and leave. */
async function wholeFlow(): Promise<void> {
  const ada = await tokenFor('inspector.ada');
  const ben = await tokenFor('inspector.ben');
  const filed = await call('file', 'POST', '/incidents', exampleIncident(), ada);
  const { id, contentHash } = filed.body.broadcast;
  await call('approve', 'POST', `/broadcasts/${id}/approve`, { contentHash }, ben);
  await call('audience with a bad token', 'GET', '/audience', undefined, 'not-a-token');

  const sms = await call('SMS sign-up', 'POST', '/subscriptions', {
    channel: 'sms',
    address: '(416) 555-0121',
    areas: ['14'],
    language: 'fr',
  });
  const code = herald.runtime.inbox
    .smsMessages()
    .findLast((m) => m.phoneNumber === PHONE)
    ?.message.match(/\b(\d{6})\b/)?.[1] as string;
  secrets.push(code);
  const wrong = code === '000000' ? '111111' : '000000';
  const subscriptionId = sms.body.subscription.id;
  await call('wrong code', 'POST', `/subscriptions/${subscriptionId}/confirm`, { code: wrong });
  const confirmed = await call('right code', 'POST', `/subscriptions/${subscriptionId}/confirm`, { code });
  const smsToken: string = confirmed.body.manageToken;

  const email = await call('e-mail sign-up', 'POST', '/subscriptions', {
    channel: 'email',
    address: EMAIL,
    areas: ['14', '51'],
    language: 'en',
  });
  const emailToken: string = email.body.subscription.manageToken;
  secrets.push(smsToken, emailToken);
  await herald.settled();
  for (const [i, confirmation] of herald.runtime.inbox.subscriptionConfirmations().entries()) {
    secrets.push(new URL(confirmation.link).searchParams.get('Token') as string);
    answered[`SNS confirmation ${i + 1}`] = (await fetch(confirmation.link)).status;
  }

  await call('view', 'GET', `/subscriptions/manage/${smsToken}`);
  await call('change', 'PUT', `/subscriptions/manage/${smsToken}`, { areas: ['14', '51'] });
  const unknown = `${smsToken.startsWith('A') ? 'B' : 'A'}${smsToken.slice(1)}`;
  secrets.push(unknown);
  await call('view with an unknown token', 'GET', `/subscriptions/manage/${unknown}`);
  await call('SMS leaves', 'DELETE', `/subscriptions/manage/${smsToken}`);
  await call('e-mail leaves', 'DELETE', `/subscriptions/manage/${emailToken}`);
  await herald.settled();
  await threadLinesArrived('delivered');
  await threadLinesArrived('subscription removed');
}

describe('the logs of a whole flow', () => {
  it('come from a flow whose every step was answered as a caller expects', () => {
    expect(answered).toEqual({
      'token for inspector.ada': 200,
      'token for inspector.ben': 200,
      file: 201,
      approve: 200,
      'audience with a bad token': 401,
      'SMS sign-up': 202,
      'wrong code': 422,
      'right code': 200,
      'e-mail sign-up': 202,
      'SNS confirmation 1': 200,
      'SNS confirmation 2': 200,
      view: 200,
      change: 200,
      'view with an unknown token': 404,
      'SMS leaves': 200,
      'e-mail leaves': 200,
    });
  });

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
