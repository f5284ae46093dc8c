import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import * as z from 'zod';
import {
  el,
  entryMap,
  errorXml,
  invalidParameter,
  list,
  members,
  messageAttributes,
  newRequestId,
  type Params,
  page,
  parseForm,
  required,
  SnsError,
  successXml,
} from './fake-sns-query.js';
import { FAKE_ACCOUNT, type SnsSubscription, SnsState, type SnsTopic } from './fake-sns-state.js';
import { baseFaultsSchema, FaultSettings } from './faults.js';
import { listen, parseJson, readBody, sendJson, sendText, sleep } from './http-kit.js';
import { InboxStore } from './inbox-store.js';

/**
 * A fake SNS endpoint speaking the awsQuery subset Herald uses, for the real `@aws-sdk/client-sns`
 * (point it here with `AWS_ENDPOINT_URL_SNS` or `endpoint`). It checks what SNS checks on the way
 * in, records every publish in the inbox, fans it out to the topic's confirmed subscribers as
 * `deliveries()`, and injects faults.
 */

export interface FakeSnsOptions {
  /** Topic names created at start (idempotent, so a restart with the same list is harmless). */
  topics?: string[];
  /** @default 'us-east-1' */
  region?: string;
  inbox?: InboxStore;
  /** Keeps topics and subscriptions (`fake-sns-state.json`) and, without `inbox`, the inbox. */
  dataDir?: string;
  host?: string;
  port?: number;
}

export const snsFaultsSchema = baseFaultsSchema.extend({
  /** Share of requests refused as throttled. */
  throttleRate: z.number().min(0).max(1).default(0),
  /** SNS's modeled `Throttled` (429) or the generic query-API `Throttling` (400). */
  throttleCode: z.enum(['Throttled', 'Throttling']).default('Throttled'),
});
export type SnsFaults = z.output<typeof snsFaultsSchema>;
export type SnsFaultsInput = z.input<typeof snsFaultsSchema>;

export interface SnsDelivery {
  messageId: string;
  topic: string;
  subscriptionArn: string;
  protocol: string;
  endpoint: string;
  /** E-mail only. */
  subject?: string;
  body: string;
  /** An opted-out phone keeps its subscription but gets nothing. */
  status: 'delivered' | 'opted-out';
  at: string;
}

export interface FakeSns {
  url: string;
  region: string;
  inbox: InboxStore;
  faults: FaultSettings<SnsFaults, SnsFaultsInput>;
  topicArn(name: string): string;
  createTopic(name: string): string;
  topics(): SnsTopic[];
  /** All subscriptions, or those of one topic (by name); pending e-mail ones carry their `token`. */
  subscriptions(topic?: string): SnsSubscription[];
  deliveries(): SnsDelivery[];
  /** Simulates a STOP reply from a phone. */
  optOut(phoneNumber: string): void;
  close(): Promise<void>;
}

const MAX_MESSAGE_BYTES = 256 * 1024;
const E164 = /^\+[1-9]\d{7,14}$/;
const WRITES = new Set(['Publish', 'PublishBatch', 'Subscribe', 'ConfirmSubscription', 'Unsubscribe', 'CreateTopic']);
const notFound = (what: string) => new SnsError('NotFound', `${what} does not exist`, 404);

export async function startFakeSns(options: FakeSnsOptions = {}): Promise<FakeSns> {
  const region = options.region ?? 'us-east-1';
  const state = new SnsState(region, options.dataDir ? join(options.dataDir, 'fake-sns-state.json') : undefined);
  const inbox =
    options.inbox ?? new InboxStore(options.dataDir ? { file: join(options.dataDir, 'inbox.jsonl') } : {});
  const faults = new FaultSettings(snsFaultsSchema);
  const deliveries: SnsDelivery[] = [];
  for (const name of options.topics ?? []) state.createTopic(name);

  function existingTopic(arn: string): SnsTopic {
    const topic = state.topic(arn);
    if (!topic) throw notFound('Topic');
    return topic;
  }

  function publish(p: Params, topicArn = p.get('TopicArn')): string {
    const message = required(p, 'Message');
    if (Buffer.byteLength(message) > MAX_MESSAGE_BYTES) throw invalidParameter('Message too long');
    const structure = p.get('MessageStructure');
    if (structure !== undefined && structure !== 'json') throw invalidParameter('MessageStructure');
    const bodies = structure === 'json' ? structuredBodies(message) : { default: message };
    const subject = p.get('Subject');
    if (subject !== undefined) checkSubject(subject);
    const attributes = Object.fromEntries(
      Object.entries(messageAttributes(p)).map(([name, attribute]) => [name, attribute.value]),
    );
    const id = randomUUID();
    if (topicArn) {
      const topic = existingTopic(topicArn);
      const bodyFor = (protocol: string) => bodies[protocol] ?? bodies.default ?? '';
      inbox.append({
        kind: 'publish',
        id,
        topic: topic.name,
        sms: bodyFor('sms'),
        email: bodyFor('email'),
        subject: subject ?? '',
        default: bodies.default ?? '',
        attributes,
      });
      fanOut(id, topic, subject, bodyFor);
      return id;
    }
    const phoneNumber = p.get('PhoneNumber');
    if (phoneNumber === undefined) {
      throw invalidParameter(p.has('TargetArn') ? 'TargetArn (mobile push is not in the fake)' : 'TopicArn or TargetArn Reason: no value for required parameter');
    }
    if (!E164.test(phoneNumber)) throw invalidParameter('PhoneNumber Reason: not an E.164 number');
    if (state.isOptedOut(phoneNumber)) throw new SnsError('OptedOut', 'Phone number is opted out', 400);
    inbox.append({ kind: 'sms', id, phoneNumber, message: bodies.sms ?? bodies.default ?? '', attributes });
    return id;
  }

  function fanOut(messageId: string, topic: SnsTopic, subject: string | undefined, bodyFor: (p: string) => string) {
    const at = new Date().toISOString();
    for (const s of state.subscriptions(topic.arn)) {
      if (s.status !== 'confirmed') continue;
      const optedOut = s.protocol === 'sms' && state.isOptedOut(s.endpoint);
      deliveries.push({
        messageId,
        topic: topic.name,
        subscriptionArn: s.arn,
        protocol: s.protocol,
        endpoint: s.endpoint,
        ...(s.protocol.startsWith('email') && subject !== undefined ? { subject } : {}),
        body: bodyFor(s.protocol),
        status: optedOut ? 'opted-out' : 'delivered',
        at,
      });
    }
  }

  function publishBatch(p: Params): string {
    const topicArn = required(p, 'TopicArn');
    existingTopic(topicArn);
    const entries = members(p, 'PublishBatchRequestEntries.member');
    if (entries.length === 0) throw new SnsError('EmptyBatchRequest', 'The batch request does not contain any entries');
    if (entries.length > 10) throw new SnsError('TooManyEntriesInBatchRequest', 'The batch request contains more than 10 entries');
    const entryIds = entries.map((e) => e.get('Id') ?? '');
    if (new Set(entryIds).size !== entryIds.length) throw new SnsError('BatchEntryIdsNotDistinct', 'Two or more batch entries have the same Id');
    const successful: string[] = [];
    const failed: string[] = [];
    for (const entry of entries) {
      const id = entry.get('Id') ?? '';
      try {
        if (!/^[A-Za-z0-9_-]{1,80}$/.test(id)) throw new SnsError('InvalidBatchEntryId', 'The Id of a batch entry is invalid');
        successful.push(el('Id', id) + el('MessageId', publish(entry, topicArn)));
      } catch (error) {
        if (!(error instanceof SnsError)) throw error;
        failed.push(el('Id', id) + el('Code', error.code) + el('Message', error.message) + el('SenderFault', error.type === 'Sender'));
      }
    }
    return list('Successful', successful) + list('Failed', failed);
  }

  function subscribe(p: Params): string {
    const topicArn = required(p, 'TopicArn');
    existingTopic(topicArn);
    const protocol = required(p, 'Protocol');
    const endpoint = required(p, 'Endpoint');
    if (protocol === 'sms' && !E164.test(endpoint)) throw invalidParameter('Invalid SMS endpoint');
    if (protocol.startsWith('email') && !/^[^@\s]+@[^@\s]+$/.test(endpoint)) throw invalidParameter('Email address');
    if (!['sms', 'email', 'email-json'].includes(protocol)) throw invalidParameter(`Protocol ${protocol} (not in the fake)`);
    const subscription = state.subscribe(topicArn, protocol, endpoint, entryMap(p, 'Attributes.entry'));
    const showArn = subscription.status === 'confirmed' || p.get('ReturnSubscriptionArn') === 'true';
    return el('SubscriptionArn', showArn ? subscription.arn : 'pending confirmation');
  }

  const actions: Record<string, (p: Params) => string | undefined> = {
    CreateTopic: (p) => {
      const name = required(p, 'Name');
      if (!/^[A-Za-z0-9_-]{1,256}$/.test(name)) throw invalidParameter('Topic Name');
      return el('TopicArn', state.createTopic(name, entryMap(p, 'Attributes.entry')).arn);
    },
    ListTopics: (p) => {
      const { items, next } = page(state.topics(), p.get('NextToken'));
      return list('Topics', items.map((t) => el('TopicArn', t.arn))) + (next ? el('NextToken', next) : '');
    },
    Publish: (p) => el('MessageId', publish(p)),
    PublishBatch: publishBatch,
    Subscribe: subscribe,
    ConfirmSubscription: (p) => {
      const topicArn = required(p, 'TopicArn');
      existingTopic(topicArn);
      const subscription = state.confirm(topicArn, required(p, 'Token'));
      if (!subscription) throw invalidParameter('Token');
      return el('SubscriptionArn', subscription.arn);
    },
    Unsubscribe: (p) => {
      if (!state.unsubscribe(required(p, 'SubscriptionArn'))) throw notFound('Subscription');
      return undefined;
    },
    ListSubscriptionsByTopic: (p) => {
      const topicArn = required(p, 'TopicArn');
      existingTopic(topicArn);
      const { items, next } = page(state.subscriptions(topicArn), p.get('NextToken'));
      const shown = items.map(
        (s) =>
          el('SubscriptionArn', s.status === 'confirmed' ? s.arn : 'PendingConfirmation') +
          el('Owner', FAKE_ACCOUNT) +
          el('Protocol', s.protocol) +
          el('Endpoint', s.endpoint) +
          el('TopicArn', s.topicArn),
      );
      return list('Subscriptions', shown) + (next ? el('NextToken', next) : '');
    },
    CheckIfPhoneNumberIsOptedOut: (p) => el('isOptedOut', state.isOptedOut(required(p, 'phoneNumber'))),
    ListPhoneNumbersOptedOut: (p) => {
      const { items, next } = page(state.optedOut(), p.get('nextToken'));
      return list('phoneNumbers', items) + (next ? el('nextToken', next) : '');
    },
    OptInPhoneNumber: (p) => {
      state.optIn(required(p, 'phoneNumber'));
      return '';
    },
    SetSMSAttributes: (p) => {
      state.setSmsAttributes(entryMap(p, 'attributes.entry'));
      return '';
    },
    GetSMSAttributes: (p) => {
      const wanted = members(p, 'attributes.member').map((m) => m.get('') ?? '');
      const all = Object.entries(state.smsAttributes()).filter(([key]) => wanted.length === 0 || wanted.includes(key));
      return el('attributes', all.map(([key, value]) => el('entry', el('key', key) + el('value', value), true)).join(''), true);
    },
  };

  async function control(req: IncomingMessage, res: ServerResponse, path: string) {
    if (path === '/_fake/faults' && req.method === 'POST') {
      const result = faults.trySet(parseJson(await readBody(req)));
      if (!result.success) return sendJson(res, 400, { error: 'invalid faults', issues: result.error.issues });
      return sendJson(res, 200, faults.current);
    }
    if (path === '/_fake/faults' && req.method === 'DELETE') return sendJson(res, 200, faults.reset());
    if (path === '/_fake/faults') return sendJson(res, 200, faults.current);
    if (path === '/_fake/deliveries') return sendJson(res, 200, deliveries);
    if (path === '/_fake/subscriptions') return sendJson(res, 200, state.subscriptions());
    if (path === '/_fake/publishes') return sendJson(res, 200, inbox.publishes());
    if (path === '/_fake/opt-out' && req.method === 'POST') {
      const parsed = z.object({ phoneNumber: z.string().regex(E164) }).safeParse(parseJson(await readBody(req)));
      if (!parsed.success) return sendJson(res, 400, { error: 'phoneNumber must be E.164' });
      state.optOut(parsed.data.phoneNumber);
      return sendJson(res, 200, { optedOut: state.optedOut() });
    }
    return sendJson(res, 404, { error: 'no such control route' });
  }

  const server = await listen(
    async (req, res) => {
      const url = new URL(req.url ?? '/', 'http://fake');
      if (url.pathname.startsWith('/_fake/')) return control(req, res, url.pathname);
      const params = new Map([...url.searchParams, ...parseForm(await readBody(req))]);
      const requestId = newRequestId();
      const reply = (status: number, xml: string) => {
        res.setHeader('x-amzn-RequestId', requestId);
        sendText(res, status, xml, 'text/xml');
      };
      await sleep(faults.latencyMs());
      const action = params.get('Action') ?? '';
      try {
        if (faults.chance(faults.current.throttleRate)) {
          const { throttleCode } = faults.current;
          throw new SnsError(throttleCode, 'Rate exceeded', throttleCode === 'Throttled' ? 429 : 400);
        }
        if (faults.chance(faults.current.errorRate)) {
          throw new SnsError('InternalError', 'An internal service error occurred', 500, 'Receiver');
        }
        const run = actions[action];
        if (!run) throw new SnsError('InvalidAction', `The action ${action} is not valid for this web service.`);
        const xml = successXml(action, requestId, run(params));
        if (WRITES.has(action) && faults.chance(faults.current.acceptThenTimeout)) {
          return server.hang(res, faults.current.hangMs);
        }
        reply(200, xml);
      } catch (error) {
        if (!(error instanceof SnsError)) throw error;
        reply(error.status, errorXml(error, requestId));
      }
    },
    { host: options.host, port: options.port },
  );

  return {
    url: server.url,
    region,
    inbox,
    faults,
    topicArn: (name) => state.topicArn(name),
    createTopic: (name) => state.createTopic(name).arn,
    topics: () => state.topics(),
    subscriptions: (topic) => state.subscriptions(topic === undefined ? undefined : state.topicArn(topic)),
    deliveries: () => [...deliveries],
    optOut: (phoneNumber) => state.optOut(phoneNumber),
    close: () => server.close(),
  };
}

/** `MessageStructure=json`: an object of strings with a `default` entry, as SNS demands. */
function structuredBodies(message: string): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch {
    throw invalidParameter('Message Structure - JSON message body failed to parse');
  }
  const result = z.record(z.string(), z.string()).safeParse(parsed);
  if (!result.success) throw invalidParameter('Message Structure - every entry of the JSON message body must be a string');
  if (result.data.default === undefined) throw invalidParameter('Message Structure - No default entry in JSON message body');
  return result.data;
}

/** SNS subjects: under 100 characters, no line breaks or control characters, not starting with a space. */
function checkSubject(subject: string): void {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what SNS refuses
  if (subject === '' || Array.from(subject).length >= 100 || /[\u0000-\u001f\u007f]/.test(subject) || /^\s/.test(subject)) {
    throw invalidParameter('Subject');
  }
}
