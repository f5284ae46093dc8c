import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import * as z from 'zod';
import { snsActions } from './fake-sns-actions.js';
import { E164, SnsPublishing } from './fake-sns-publish.js';
import { errorXml, newRequestId, parseForm, SnsError, successXml } from './fake-sns-query.js';
import { SnsState, type SnsSubscription, type SnsTopic } from './fake-sns-state.js';
import { baseFaultsSchema, FaultSettings, faultsRoute } from './faults.js';
import { listen, parseJson, readBody, sendJson, sendText, sleep } from './http-kit.js';
import { type DeliveryRecord, InboxStore } from './inbox-store.js';

/**
 * A fake SNS endpoint speaking the awsQuery subset Herald uses, for the real `@aws-sdk/client-sns`
 * (point it here with `AWS_ENDPOINT_URL_SNS` or `endpoint`). It checks what SNS checks on the way
 * in, records every publish in the inbox, fans it out to the topic's confirmed subscribers as
 * `deliveries()`, and injects faults.
 */

/** What one subscriber received from a publish (the inbox's delivery record). */
export type SnsDelivery = DeliveryRecord;

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

const WRITES = new Set([
  'Publish',
  'PublishBatch',
  'Subscribe',
  'ConfirmSubscription',
  'Unsubscribe',
  'CreateTopic',
]);

export async function startFakeSns(options: FakeSnsOptions = {}): Promise<FakeSns> {
  const region = options.region ?? 'us-east-1';
  const state = new SnsState(
    region,
    options.dataDir ? join(options.dataDir, 'fake-sns-state.json') : undefined,
  );
  const inbox =
    options.inbox ?? new InboxStore(options.dataDir ? { file: join(options.dataDir, 'inbox.jsonl') } : {});
  const faults = new FaultSettings(snsFaultsSchema);
  const publishing = new SnsPublishing(state, inbox);
  let baseUrl = () => '';
  for (const name of options.topics ?? []) state.createTopic(name);

  const actions = snsActions(state, publishing, inbox, () => baseUrl());

  async function control(req: IncomingMessage, res: ServerResponse, path: string) {
    if (await faultsRoute(req, res, path, faults)) return;
    if (path === '/_fake/deliveries') return sendJson(res, 200, inbox.deliveries());
    if (path === '/_fake/subscriptions') return sendJson(res, 200, state.subscriptions());
    if (path === '/_fake/publishes') return sendJson(res, 200, inbox.publishes());
    if (path === '/_fake/opt-out' && req.method === 'POST') {
      const parsed = z
        .object({ phoneNumber: z.string().regex(E164) })
        .safeParse(parseJson(await readBody(req)));
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
        if (!run)
          throw new SnsError('InvalidAction', `The action ${action} is not valid for this web service.`);
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

  baseUrl = () => server.url;
  return {
    url: server.url,
    region,
    inbox,
    faults,
    topicArn: (name) => state.topicArn(name),
    createTopic: (name) => state.createTopic(name).arn,
    topics: () => state.topics(),
    subscriptions: (topic) => state.subscriptions(topic === undefined ? undefined : state.topicArn(topic)),
    deliveries: () => inbox.deliveries(),
    optOut: (phoneNumber) => state.optOut(phoneNumber),
    close: () => server.close(),
  };
}
