/**
 * `npm run bench:abuse`: an SMS-pumping and mail-bombing attack on the public sign-up, against the
 * local server on 127.0.0.1 only, while a real alert is dispatched (docs/architecture.md D34).
 *
 * - The attack: `BENCH_ATTACK_SIGN_UPS` sign-ups (default 3,000) from `BENCH_ATTACK_CLIENTS`
 *   simulated clients (default 500), each its own loopback address (127.1.x.y: the local server
 *   reads the socket's address as API Gateway's `sourceIp`), `BENCH_CONCURRENCY` at a time,
 *   stopped after `BENCH_ATTACK_SECONDS` (default 90) whatever is left. Numbers in Canada (many
 *   area codes), the United States, the United Kingdom, France, Germany, premium-rate-looking ranges
 *   and a few numbers signed up again and again; a fifth of them e-mail addresses on a few domains.
 * - The alert: the city-wide broadcast of bench:fanout (40 X accounts at 200 ms, every topic at
 *   30 ms). `BENCH_ALERTS` of them (default 3) without the attack, then as many during it, in the
 *   same run; approve -> last delivery from the ledger, as bench:fanout measures it.
 * - Reported: code SMS sent (and to which countries), sign-ups refused by each rule, the sample
 *   registry's budget, and the alerts' times with and without the attack.
 *
 * The registry is the sample's, limits and all: the attack meets the numbers an operator ships.
 */
import '../shared/runtime/quiet-sdk-warning.js';
import http from 'node:http';
import { loadavg } from 'node:os';
import { parsePhoneNumberFromString } from 'libphonenumber-js/mobile';
import { seededRandom } from '../infra/local/fakes/faults.js';
import { DEFAULT_REGISTRY_FILE, startLocalRuntime } from '../infra/local/runtime.js';
import { acceptedCountries } from '../shared/domain/sign-up-protection.js';
import { createLogger } from '../shared/runtime/logger.js';
import { fanoutClient } from './fanout-broadcast.js';
import { percentile } from './percentile.js';

const SIGN_UPS = Number(process.env.BENCH_ATTACK_SIGN_UPS ?? 3000);
const CLIENTS = Math.min(60_000, Number(process.env.BENCH_ATTACK_CLIENTS ?? 500));
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);
const ATTACK_SECONDS = Number(process.env.BENCH_ATTACK_SECONDS ?? 90);
const ALERTS = Number(process.env.BENCH_ALERTS ?? 3);

// Errors only: the attack makes thousands of expected warnings (every refusal by the budget).
const log = createLogger((line) => {
  if (/"level":"error"/.test(line)) process.stderr.write(`${line}\n`);
});
const runtime = await startLocalRuntime({ port: 0, quiet: true, log, registryFile: DEFAULT_REGISTRY_FILE });
const url = new URL(runtime.url);
if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost')
  throw new Error(`bench:abuse attacks 127.0.0.1 only, not ${url.hostname}`);
runtime.fakeX.faults.set({ latency: 200 });
runtime.fakeSns.faults.set({ latency: 30 });
const registry = runtime.registry;
const accepted = acceptedCountries(registry.subscriptions);

const random = seededRandom(20261204);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const digits = (n: number) =>
  Array.from({ length: n }, () => Math.floor(random() * 10))
    .join('')
    .replace(/^0/, '5');

/** Mobile numbers an attacker would cycle through: many Canadian area codes, and abroad. */
const CANADIAN_AREAS = [
  '416',
  '647',
  '437',
  '905',
  '289',
  '365',
  '613',
  '343',
  '514',
  '438',
  '604',
  '778',
  '403',
];
const destinations: (() => string)[] = [
  () => `+1${pick(CANADIAN_AREAS)}555${digits(4)}`,
  () => `+1${pick(CANADIAN_AREAS)}555${digits(4)}`,
  () => `+1${pick(CANADIAN_AREAS)}555${digits(4)}`,
  () => `+1${pick(['212', '305', '415', '646', '702'])}555${digits(4)}`,
  () => `+447${pick(['400', '700', '911', '800'])}${digits(6)}`,
  () => `+336${digits(8)}`,
  () => `+4915${digits(9)}`,
  () => `+88${pick(['2', '3'])}${digits(9)}`,
  () => `+1416555${pick(['0101', '0102', '0103'])}`,
];
const MAIL_DOMAINS = ['example.org', 'example.net', 'victim.example'];

interface Attempt {
  channel: 'sms' | 'email';
  address: string;
  client: string;
}
const attempts: Attempt[] = Array.from({ length: SIGN_UPS }, (_, i) => ({
  ...(random() < 0.2
    ? { channel: 'email' as const, address: `inbox${Math.floor(random() * 50)}@${pick(MAIL_DOMAINS)}` }
    : { channel: 'sms' as const, address: pick(destinations)() }),
  client: `127.1.${Math.floor((i % CLIENTS) / 250)}.${((i % CLIENTS) % 250) + 1}`,
}));

const agent = new http.Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });
/**
 * A JSON POST from one loopback address: the server sees it as that client. A kept-alive socket
 * the server closed as it was reused is tried once more on a new one (nothing reached the server).
 */
async function postFrom(client: string, path: string, body: unknown): Promise<{ status: number; body: any }> {
  try {
    return await postOnce(client, path, body);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ECONNRESET') throw error;
    return postOnce(client, path, body);
  }
}

function postOnce(client: string, path: string, body: unknown): Promise<{ status: number; body: any }> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: url.hostname,
        port: url.port,
        path,
        method: 'POST',
        localAddress: client,
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: response.statusCode ?? 0, body: text ? JSON.parse(text) : {} });
        });
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

/** Which rule an answer names: the body's `rule`, or the address issue's path for a 422. */
function ruleOf(status: number, body: any): string {
  if (status === 202) return 'accepted';
  if (body?.rule) return body.rule;
  const path = body?.issues?.[0]?.path?.join('.');
  if (status === 422 && path === 'address.country') return 'allowed-countries';
  if (status === 422) return `invalid (${path ?? 'body'})`;
  return `status ${status}`;
}

const outcomes = new Map<string, { sms: number; email: number }>();
let attackDone = false;
async function attack(): Promise<{ sent: number; seconds: number }> {
  const started = performance.now();
  const deadline = started + ATTACK_SECONDS * 1000;
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < attempts.length && performance.now() < deadline) {
        const attempt = attempts[next++] as Attempt;
        const { status, body } = await postFrom(attempt.client, '/subscriptions', {
          channel: attempt.channel,
          address: attempt.address,
          areas: ['14'],
          language: 'en',
        });
        const rule = ruleOf(status, body);
        const counts = outcomes.get(rule) ?? { sms: 0, email: 0 };
        counts[attempt.channel] += 1;
        outcomes.set(rule, counts);
      }
    }),
  );
  attackDone = true;
  return { sent: next, seconds: (performance.now() - started) / 1000 };
}

const alerts = await fanoutClient(runtime, ['en', 'fr']);
const summary = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    samples: samples.length,
    medianMs: Math.round(percentile(sorted, 50)),
    maxMs: Math.max(...sorted),
  };
};
let alertIndex = 0;
await alerts.broadcast(alertIndex++); // warm-up, not counted
const quiet: number[] = [];
for (let i = 0; i < ALERTS; i++) quiet.push((await alerts.broadcast(alertIndex++)).elapsedMs);

const running = attack();
// Let the attack reach its stride (budget spent, refusals flowing) before the first alert.
await new Promise((resolve) => setTimeout(resolve, 3000));
const underAttack: number[] = [];
let alertDeliveries = 0;
for (let i = 0; i < ALERTS; i++) {
  const sample = await alerts.broadcast(alertIndex++);
  underAttack.push(sample.elapsedMs);
  alertDeliveries = sample.deliveries;
  if (attackDone) console.error('warning: the attack ended before this alert was delivered');
}
const { sent: attempted, seconds } = await running;
await runtime.queues.idle({ includeDelayed: true });

const codeTexts = runtime.inbox.smsMessages();
const countries = new Map<string, number>();
for (const text of codeTexts) {
  const country = parsePhoneNumberFromString(text.phoneNumber)?.country ?? 'unknown';
  countries.set(country, (countries.get(country) ?? 0) + 1);
}
const budget = registry.subscriptions.protection.codeSms;
const result = {
  /** The machine's 1-minute load at the end (2 cores here, shared): the alert times depend on it. */
  loadAverage: Math.round((loadavg()[0] ?? 0) * 10) / 10,
  attack: {
    signUps: attempted,
    clients: Math.min(CLIENTS, attempted),
    concurrency: CONCURRENCY,
    seconds: Math.round(seconds * 10) / 10,
    perSecond: Math.round(attempted / seconds),
  },
  codeSms: {
    sent: codeTexts.length,
    budgetPerHour: budget.perHour,
    budgetPerDay: budget.perDay,
    withinBudget: codeTexts.length <= budget.perHour,
    byCountry: Object.fromEntries(countries),
    toCountriesNotAllowed: codeTexts.length - accepted.reduce((n, c) => n + (countries.get(c) ?? 0), 0),
  },
  emailSignUpsAccepted: outcomes.get('accepted')?.email ?? 0,
  confirmationMailsSent: runtime.inbox.subscriptionConfirmations().length,
  outcomesByRule: Object.fromEntries([...outcomes].sort(([, a], [, b]) => b.sms + b.email - a.sms - a.email)),
  alert: {
    deliveriesEach: alertDeliveries,
    withoutAttack: summary(quiet),
    underAttack: summary(underAttack),
    ratio:
      Math.round(
        (percentile(
          [...underAttack].sort((a, b) => a - b),
          50,
        ) /
          percentile(
            [...quiet].sort((a, b) => a - b),
            50,
          )) *
          100,
      ) / 100,
  },
};
console.log(JSON.stringify(result, null, 2));
agent.destroy();
await runtime.stop();
