import { describe, expect, it } from 'vitest';
import { createLogger, type LogLine, REDACTED, redact } from '../../../shared/runtime/logger.js';

/** The lines a logger wrote, parsed. */
function capture(base?: Record<string, unknown>) {
  const lines: LogLine[] = [];
  const log = createLogger((line) => lines.push(JSON.parse(line) as LogLine), base);
  return { log, lines };
}

// Fictional values only: 555-01xx numbers and example.* domains are reserved for examples.
const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJpbnNwZWN0b3IuYWRhIn0.dGhpcy1pcy1ub3QtYS1yZWFsLXNpZ25hdHVyZQ';
const TOKEN = 'Xq3vH1pR8sT2uW5yZ7aB9cD0eF4gJ6kL2mN8oP1rS3t';

describe('redact: what looks like a secret or an address is masked', () => {
  it.each([
    ['a phone number in E.164', 'to +14165550199 now', `to ${REDACTED} now`],
    ['a phone number with spaces', 'number 416 555 0199', `number ${REDACTED}`],
    ['a phone number with brackets and a dash', 'call (416) 555-0199.', `call ${REDACTED}.`],
    ['a phone number with a country code and dashes', 'tel 1-416-555-0199', `tel ${REDACTED}`],
    ['ten bare digits', 'sent to 4165550199', `sent to ${REDACTED}`],
    ['an international number with separators', 'to +44 20 7946 0018', `to ${REDACTED}`],
    ['an e-mail address', 'mail a.b+alerts@example.org ok', `mail ${REDACTED} ok`],
    ['a JWT on its own', `token ${JWT}`, `token ${REDACTED}`],
    ['a bearer header', `Bearer ${TOKEN}`, `Bearer ${REDACTED}`],
    ['a lower-case bearer header', `bearer ${TOKEN}`, `bearer ${REDACTED}`],
    [
      'the token of an SNS confirmation link',
      'https://sns.example/?Action=ConfirmSubscription&Token=2336412f37fb687f5d51e6e2&x=1',
      `https://sns.example/?Action=ConfirmSubscription&Token=${REDACTED}&x=1`,
    ],
    ['the code in a JSON body', '{"code":"123456"}', `{"code":"${REDACTED}"}`],
    [
      'a management token in its path',
      `PUT /subscriptions/manage/${TOKEN} 200`,
      'PUT /subscriptions/manage/{token} 200',
    ],
  ])('masks %s', (_what, text, expected) => {
    expect(redact(text)).toBe(expected);
  });

  it.each([
    ['an X post id (19 digits)', 'post 1790000000000000123'],
    ['epoch milliseconds', 'at 1715000000000'],
    ['epoch seconds', 'at 1715000000'],
    ['an ISO time', '2025-05-01T21:40:00.000Z'],
    ['a UUID', '550e8400-e29b-41d4-a716-446655440000'],
    ['a template id', 'weapons-call.fr.alert'],
    ['a package version', 'zod@4.6.7'],
    ['a topic name', 'herald-area-14-fr'],
    ['a template version', 'VERSION#000001'],
    ['the route key of the management route', 'PUT /subscriptions/manage/{token} 200'],
    ['a content hash', 'sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'],
  ])('leaves %s alone', (_what, text) => {
    expect(redact(text)).toBe(text);
  });
});

describe('the logger masks every line it writes', () => {
  it('writes a plain line unchanged', () => {
    const { log, lines } = capture({ function: 'delivery-worker' });
    const fields = { broadcastId: '01J9Z8X7W6V5T4S3R2Q1P0NMLK', channel: 'x', attempts: 1, status: 'SENT' };

    log.info('delivered', fields);

    expect(lines[0]).toEqual({
      level: 'info',
      message: 'delivered',
      time: expect.any(String),
      function: 'delivery-worker',
      ...fields,
    });
  });

  it('masks the message and every string field, however deep', () => {
    const { log, lines } = capture();

    log.warn('could not reach +14165550199', {
      request: { headers: { 'x-forwarded': `Bearer ${TOKEN}` }, to: ['someone@example.com'] },
      url: `/subscriptions/manage/${TOKEN}`,
    });

    const text = JSON.stringify(lines[0]);
    expect(text).not.toMatch(/5550199|example\.com/);
    expect(text).not.toContain(TOKEN);
    expect(lines[0]?.url).toBe('/subscriptions/manage/{token}');
  });

  it('masks fields named like a secret or an address whatever their value looks like', () => {
    const { log, lines } = capture();

    log.info('sign-up', { token: TOKEN, code: 123456, address: 'x', authorization: 'abc', channel: 'sms' });

    expect(lines[0]).toMatchObject({
      token: REDACTED,
      code: REDACTED,
      address: REDACTED,
      authorization: REDACTED,
      channel: 'sms',
    });
  });

  it("keeps an Error's name and message (which JSON alone would drop), masked", () => {
    const { log, lines } = capture();

    log.error('failed', { error: new TypeError('no subscriber a@example.net') });

    expect(lines[0]?.error).toMatchObject({ error: `no subscriber ${REDACTED}`, errorName: 'TypeError' });
  });

  it('masks the base fields given when the logger is made', () => {
    const { log, lines } = capture({ caller: 'ops@example.org' });

    log.info('started');

    expect(lines[0]?.caller).toBe(REDACTED);
  });

  it('stops looking below four levels instead of following a cycle forever', () => {
    const { log, lines } = capture();
    const a: Record<string, unknown> = { name: 'a' };
    a.self = a;

    log.info('cycle', { a });

    expect(JSON.stringify(lines[0])).toContain('[nested too deep]');
  });
});
