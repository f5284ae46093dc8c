import type { FunctionDefinition } from '../../functions/manifest-types.js';

/**
 * Functions that use every field of `Access`, added to the real manifest in the infra tests so the
 * construct's mapping is checked for fields no real function uses yet. Names and paths are
 * `synthetic-` and `/synthetic/` so they can never clash with real entries.
 */
export const syntheticFunctions: FunctionDefinition[] = [
  {
    name: 'synthetic-signup',
    entry: 'functions/api-meta/handler.ts',
    description: 'Synthetic public sign-up: key-prefix table access, a queue, direct SMS, subscriber keys',
    trigger: { kind: 'http', routes: [{ method: 'POST', path: '/synthetic/signups', auth: 'public' }] },
    access: {
      table: 'readwrite',
      tableKeyPrefixes: ['SYNTHSUB#', 'SYNTHRATE#'],
      sendTo: ['subscription-changes'],
      sendDirectSms: true,
      subscriberKeys: true,
    },
    timeoutSeconds: 10,
    memoryMb: 256,
  },
  {
    name: 'synthetic-subscriber',
    entry: 'functions/api-meta/handler.ts',
    description: 'Synthetic subscription worker: manages topic subscriptions',
    trigger: { kind: 'queue', queue: 'subscription-changes', batchSize: 5, maxConcurrency: 3 },
    access: {
      table: 'readwrite',
      tableKeyPrefixes: ['SYNTHSUB#'],
      manageTopicSubscriptions: true,
      subscriberKeys: true,
    },
    timeoutSeconds: 20,
    memoryMb: 256,
  },
  {
    name: 'synthetic-opt-outs',
    entry: 'functions/api-meta/handler.ts',
    description: 'Synthetic opt-out sync: reads the opted-out list hourly',
    trigger: { kind: 'schedule', everySeconds: 3600 },
    access: { table: 'read', tableKeyPrefixes: ['SYNTHSUB#'], readOptedOutNumbers: true },
    timeoutSeconds: 30,
    memoryMb: 256,
  },
  {
    name: 'synthetic-alerter',
    entry: 'functions/api-meta/handler.ts',
    description: 'Synthetic function that both publishes to topics and sends SMS directly',
    trigger: { kind: 'http', routes: [{ method: 'POST', path: '/synthetic/alerts', auth: 'staff' }] },
    access: { publishToAreaTopics: true, sendDirectSms: true },
    timeoutSeconds: 10,
    memoryMb: 256,
  },
  {
    name: 'synthetic-console',
    entry: 'functions/api-meta/handler.ts',
    description: 'Synthetic duty console: the table and the staff sign-in',
    trigger: { kind: 'http', routes: [{ method: 'GET', path: '/synthetic/console', auth: 'public' }] },
    access: { table: 'readwrite', staffSignIn: true },
    timeoutSeconds: 10,
    memoryMb: 256,
  },
];
