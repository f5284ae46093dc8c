import { SUBSCRIBER_KEY_PREFIX } from '../shared/adapters/dynamo/keys.js';
import { type ConsoleKey, consoleContract } from '../shared/http/console-contract.js';
import type { PageKey, RouteKey } from '../shared/http/contract.js';
import { contract, pageContract, splitRouteKey } from '../shared/http/contract.js';
import type { FunctionDefinition, HttpRoute } from './manifest-types.js';

export type { FunctionDefinition } from './manifest-types.js';

function routes(...keys: (RouteKey | PageKey)[]): HttpRoute[] {
  return keys.map((key) => ({
    ...splitRouteKey(key),
    auth: key in contract ? contract[key as RouteKey].auth : pageContract[key as PageKey].auth,
  }));
}

/**
 * Every function of Herald: its entry, trigger and what it may touch (ARCHITECTURE.md 1). The local
 * runtime and the CDK app are both built from this list; adding a function is one entry here.
 */
/** The console's pages: none is open to the public at the gateway; the function asks for a session. */
function consoleRoutes(): HttpRoute[] {
  return (Object.keys(consoleContract) as ConsoleKey[]).map((key) => {
    const [method, path] = key.split(' ') as [HttpRoute['method'], string];
    return { method, path, auth: 'session' };
  });
}

export const manifest: FunctionDefinition[] = [
  {
    name: 'api-meta',
    entry: 'functions/api-meta/handler.ts',
    description: 'Health, OpenAPI document and the registry',
    trigger: { kind: 'http', routes: routes('GET /health', 'GET /openapi.json', 'GET /registry') },
    access: {},
    timeoutSeconds: 5,
    memoryMb: 256,
  },
  {
    name: 'api-incidents',
    entry: 'functions/api-incidents/handler.ts',
    description: 'File incidents and follow-ups; read incidents',
    trigger: {
      kind: 'http',
      routes: routes(
        'POST /incidents',
        'GET /incidents',
        'GET /incidents/{id}',
        'POST /incidents/{id}/follow-ups',
      ),
    },
    // Filing warms the delivery workers for the approval to come (D40).
    access: { table: 'readwrite', warmDispatchWorkers: true },
    timeoutSeconds: 10,
    memoryMb: 512,
  },
  {
    name: 'api-broadcasts',
    entry: 'functions/api-broadcasts/handler.ts',
    description: 'Approve or reject broadcasts (approval plans the dispatch); read broadcasts and deliveries',
    trigger: {
      kind: 'http',
      routes: routes(
        'GET /broadcasts/{id}',
        'POST /broadcasts/{id}/approve',
        'POST /broadcasts/{id}/reject',
        'GET /broadcasts/{id}/deliveries',
      ),
    },
    access: { table: 'readwrite', sendTo: ['x-deliveries', 'sns-deliveries', 'public-site'] },
    timeoutSeconds: 10,
    memoryMb: 512,
  },
  {
    name: 'api-library',
    entry: 'functions/api-library/handler.ts',
    description: 'Templates (drafts, versions, publishing, preview), the resource library and categories',
    trigger: {
      kind: 'http',
      routes: routes(
        'GET /categories',
        'GET /templates',
        'GET /templates/{id}',
        'PUT /templates/{id}',
        'POST /templates/{id}/publish',
        'POST /templates/{id}/preview',
        'GET /templates/{id}/versions/{version}',
        'GET /resources',
        'GET /resources/{id}',
        'PUT /resources/{id}',
      ),
    },
    // A resource edit renders the public pages again: an active alert shows its resources in full.
    access: { table: 'readwrite', sendTo: ['public-site'] },
    timeoutSeconds: 10,
    memoryMb: 512,
  },
  {
    name: 'x-worker',
    entry: 'functions/x-worker/handler.ts',
    description: 'Posts each approved broadcast to one X account per job',
    trigger: { kind: 'queue', queue: 'x-deliveries', batchSize: 1, maxConcurrency: 40 },
    access: { table: 'readwrite', sendTo: ['x-deliveries'], readXSecrets: true },
    timeoutSeconds: 60,
    memoryMb: 512,
  },
  {
    name: 'sns-worker',
    entry: 'functions/sns-worker/handler.ts',
    description: 'Publishes each approved broadcast to one area-and-language topic per job',
    trigger: { kind: 'queue', queue: 'sns-deliveries', batchSize: 10, maxConcurrency: 10 },
    access: { table: 'readwrite', sendTo: ['sns-deliveries'], publishToAreaTopics: true },
    timeoutSeconds: 30,
    memoryMb: 512,
  },
  {
    name: 'reconciler',
    entry: 'functions/reconciler/handler.ts',
    description:
      'Plans approved broadcasts left unplanned, re-enqueues lost or stuck deliveries, and asks for the public site to be swept',
    trigger: { kind: 'schedule', everySeconds: 60 },
    access: { table: 'readwrite', sendTo: ['x-deliveries', 'sns-deliveries', 'public-site'] },
    timeoutSeconds: 60,
    memoryMb: 256,
  },
  {
    name: 'public-site',
    entry: 'functions/public-site/handler.ts',
    description: 'Renders the public alert pages, indexes, Atom feeds and CAP documents into the site bucket',
    // Jobs are rendered in batches: ten approvals at once are one render of the indexes and feeds.
    trigger: { kind: 'queue', queue: 'public-site', batchSize: 10, maxConcurrency: 2 },
    access: { table: 'read', writePublicSite: true },
    timeoutSeconds: 60,
    memoryMb: 512,
  },
  {
    name: 'api-subscriptions',
    entry: 'functions/api-subscriptions/handler.ts',
    description:
      'Public sign-up, SMS code confirmation, and managing a subscription by its token: the JSON API and the HTML forms',
    trigger: {
      kind: 'http',
      routes: routes(
        'POST /subscriptions',
        'POST /subscriptions/{id}/confirm',
        'GET /subscriptions/manage/{token}',
        'PUT /subscriptions/manage/{token}',
        'DELETE /subscriptions/manage/{token}',
        // The forms run the same use cases with the same access (docs/architecture.md D26): a
        // second function would be a second role that may text any number, for nothing.
        ...(Object.keys(pageContract) as PageKey[]),
      ),
    },
    // Subscriber items only: a public function must not be able to read incidents or templates.
    access: {
      table: 'readwrite',
      tableKeyPrefixes: [SUBSCRIBER_KEY_PREFIX],
      sendTo: ['subscription-changes'],
      sendDirectSms: true,
      subscriberKeys: true,
    },
    timeoutSeconds: 10,
    memoryMb: 512,
  },
  {
    name: 'api-audience',
    entry: 'functions/api-audience/handler.ts',
    description: 'Subscriber counts per area, language and channel for staff',
    trigger: { kind: 'http', routes: routes('GET /audience') },
    access: { table: 'read', tableKeyPrefixes: [SUBSCRIBER_KEY_PREFIX] },
    timeoutSeconds: 5,
    memoryMb: 256,
  },
  {
    name: 'subscription-worker',
    entry: 'functions/subscription-worker/handler.ts',
    description: 'Subscribes and unsubscribes addresses on the area topics at a bounded rate',
    trigger: { kind: 'queue', queue: 'subscription-changes', batchSize: 10, maxConcurrency: 5 },
    access: {
      table: 'readwrite',
      tableKeyPrefixes: [SUBSCRIBER_KEY_PREFIX],
      manageTopicSubscriptions: true,
      subscriberKeys: true,
    },
    timeoutSeconds: 60,
    memoryMb: 256,
  },
  {
    name: 'opt-out-sync',
    entry: 'functions/opt-out-sync/handler.ts',
    description: 'Ends the subscriptions of numbers that replied STOP; finishes interrupted changes',
    trigger: { kind: 'schedule', everySeconds: 60 },
    access: {
      table: 'readwrite',
      tableKeyPrefixes: [SUBSCRIBER_KEY_PREFIX],
      sendTo: ['subscription-changes'],
      readOptedOutNumbers: true,
      subscriberKeys: true,
    },
    timeoutSeconds: 60,
    memoryMb: 256,
  },
  {
    name: 'console',
    entry: 'functions/console/handler.ts',
    description:
      'The duty console: sign in, file and preview, approve, the live delivery board, follow-ups and history',
    trigger: { kind: 'http', routes: consoleRoutes() },
    // What filing (api-incidents) and approving (api-broadcasts) need, and the subscriber counts of
    // the audience estimate; sessions and sign-ins are table items too. The staff sign-in is the
    // user pool's hosted sign-in (D30). After-action findings are `INCIDENT#<id>`/`REPORT` items (D33).
    access: {
      table: 'readwrite',
      sendTo: ['x-deliveries', 'sns-deliveries', 'public-site'],
      staffSignIn: true,
      warmDispatchWorkers: true,
    },
    timeoutSeconds: 10,
    memoryMb: 512,
  },
];
