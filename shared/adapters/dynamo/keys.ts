/**
 * Every key of the single table is built here (ARCHITECTURE.md 3). Access patterns:
 *
 * | pattern                                   | key                                                      |
 * | ----------------------------------------- | -------------------------------------------------------- |
 * | incident by id                            | pk INCIDENT#<id>, sk INCIDENT                            |
 * | incidents, newest first                   | gsi1 INCIDENTS / <createdAt>#<id>                        |
 * | an incident's after-action findings        | pk INCIDENT#<id>, sk REPORT                              |
 * | broadcast by id                           | pk BROADCAST#<id>, sk BROADCAST                          |
 * | broadcasts of an incident, oldest first   | gsi1 INCIDENT#<id> / BROADCAST#<createdAt>#<id>          |
 * | deliveries of a broadcast                 | pk BROADCAST#<id>, sk begins_with DELIVERY#              |
 * | one delivery                              | pk BROADCAST#<id>, sk DELIVERY#<channel>#<target>        |
 * | approved broadcasts still dispatching     | gsi2 DISPATCH#OPEN / <approvedAt>#<id> (sparse)          |
 * | broadcasts awaiting approval, oldest first | gsi2 APPROVAL#PENDING / <createdAt>#<id> (sparse)      |
 * | X app posts in one hour (budget counter)  | pk XBUDGET, sk HOUR#<hour start, ISO>                    |
 * | template (published, draft, revision)     | pk TEMPLATE#<id>, sk HEAD                                |
 * | templates, by id                          | gsi1 TEMPLATES / <id>                                    |
 * | a template's published versions           | pk TEMPLATE#<id>, sk begins_with VERSION# (zero-padded)  |
 * | resource by id                            | pk RESOURCE#<id>, sk RESOURCE                            |
 * | resources, by id                          | gsi1 RESOURCES / <id>                                    |
 * | subscription by id                        | pk SUBSCRIBER#<id>, sk SUBSCRIPTION                      |
 * | subscription by management token (hash)   | pk SUBSCRIBER#TOKEN#<hash>, sk TOKEN                     |
 * | an address (by keyed hash): opt-out mark  | pk SUBSCRIBER#ADDR#<hash>, sk ADDRESS                    |
 * | an address's subscriptions                | pk SUBSCRIBER#ADDR#<hash>, sk begins_with HOLDER#        |
 * | an address's hold on a topic (SNS ARN)    | pk SUBSCRIBER#ADDR#<hash>, sk TOPIC#<topic>              |
 * | subscription changes not yet queued       | pk SUBSCRIBER#SYNCING, sk <subscription id>              |
 * | subscribers per topic and channel         | pk SUBSCRIBER#AUDIENCE, sk <topic>#<channel>             |
 * | rate-limit window                         | pk SUBSCRIBER#LIMIT#<key>, sk <window start>             |
 * | an address's growing cool-down            | pk SUBSCRIBER#LIMIT#<key>, sk COOLDOWN                   |
 * | console session (SHA-256 of its cookie)   | pk STAFF#SESSION#<key>, sk SESSION                       |
 * | sign-in in progress (SHA-256 of state)    | pk STAFF#SIGNIN#<stateKey>, sk ATTEMPT                   |
 *
 * Every subscriber item's partition key starts with `SUBSCRIBER#`, so the public functions get
 * table access limited to that prefix (IAM `dynamodb:LeadingKeys`) and no index.
 */

export const TABLE_KEYS = { pk: 'pk', sk: 'sk', gsi1: 'gsi1', gsi2: 'gsi2' } as const;

/**
 * The table's TTL attribute (epoch seconds): housekeeping only. AWS deletes such items lazily and
 * dynalite never does, so no code relies on the deletion; windows check their own times. A name of
 * its own, because domain items carry an ISO `expiresAt` that must never make them disappear.
 */
export const PURGE_AT_ATTRIBUTE = 'purgeAt';

export const keys = {
  incident: (id: string) => ({ pk: `INCIDENT#${id}`, sk: 'INCIDENT' }),
  incidentListing: (createdAt: string, id: string) => ({ gsi1pk: 'INCIDENTS', gsi1sk: `${createdAt}#${id}` }),
  incidentsPartition: () => 'INCIDENTS',
  afterActionNotes: (incidentId: string) => ({ pk: `INCIDENT#${incidentId}`, sk: 'REPORT' }),

  broadcast: (id: string) => ({ pk: `BROADCAST#${id}`, sk: 'BROADCAST' }),
  broadcastOfIncident: (incidentId: string, createdAt: string, id: string) => ({
    gsi1pk: `INCIDENT#${incidentId}`,
    gsi1sk: `BROADCAST#${createdAt}#${id}`,
  }),
  broadcastsOfIncidentPartition: (incidentId: string) => `INCIDENT#${incidentId}`,
  broadcastsOfIncidentPrefix: () => 'BROADCAST#',

  openDispatch: (approvedAt: string, id: string) => ({
    gsi2pk: 'DISPATCH#OPEN',
    gsi2sk: `${approvedAt}#${id}`,
  }),
  openDispatchPartition: () => 'DISPATCH#OPEN',

  // Set while PENDING_APPROVAL: approval replaces it with openDispatch, rejection removes it.
  pendingApproval: (createdAt: string, id: string) => ({
    gsi2pk: 'APPROVAL#PENDING',
    gsi2sk: `${createdAt}#${id}`,
  }),
  pendingApprovalPartition: () => 'APPROVAL#PENDING',

  delivery: (broadcastId: string, channel: string, target: string) => ({
    pk: `BROADCAST#${broadcastId}`,
    sk: `DELIVERY#${channel}#${target}`,
  }),
  deliveriesPrefix: () => 'DELIVERY#',

  xBudgetHour: (hourStartIso: string) => ({ pk: 'XBUDGET', sk: `HOUR#${hourStartIso}` }),

  template: (id: string) => ({ pk: `TEMPLATE#${id}`, sk: 'HEAD' }),
  templateListing: (id: string) => ({ gsi1pk: 'TEMPLATES', gsi1sk: id }),
  templatesPartition: () => 'TEMPLATES',
  templateVersion: (id: string, version: number) => ({
    pk: `TEMPLATE#${id}`,
    sk: `VERSION#${String(version).padStart(6, '0')}`,
  }),
  templateVersionsPrefix: () => 'VERSION#',

  resource: (id: string) => ({ pk: `RESOURCE#${id}`, sk: 'RESOURCE' }),
  resourceListing: (id: string) => ({ gsi1pk: 'RESOURCES', gsi1sk: id }),
  resourcesPartition: () => 'RESOURCES',

  subscription: (id: string) => ({ pk: `SUBSCRIBER#${id}`, sk: 'SUBSCRIPTION' }),
  manageToken: (tokenHash: string) => ({ pk: `SUBSCRIBER#TOKEN#${tokenHash}`, sk: 'TOKEN' }),
  addressPartition: (addressHash: string) => `SUBSCRIBER#ADDR#${addressHash}`,
  address: (addressHash: string) => ({ pk: `SUBSCRIBER#ADDR#${addressHash}`, sk: 'ADDRESS' }),
  addressHolder: (addressHash: string, subscriptionId: string) => ({
    pk: `SUBSCRIBER#ADDR#${addressHash}`,
    sk: `HOLDER#${subscriptionId}`,
  }),
  addressHoldersPrefix: () => 'HOLDER#',
  topicHold: (addressHash: string, topic: string) => ({
    pk: `SUBSCRIBER#ADDR#${addressHash}`,
    sk: `TOPIC#${topic}`,
  }),
  syncingPartition: () => 'SUBSCRIBER#SYNCING',
  syncing: (subscriptionId: string) => ({ pk: 'SUBSCRIBER#SYNCING', sk: subscriptionId }),
  audiencePartition: () => 'SUBSCRIBER#AUDIENCE',
  audience: (topic: string, channel: string) => ({ pk: 'SUBSCRIBER#AUDIENCE', sk: `${topic}#${channel}` }),
  rateWindow: (key: string, windowStart: number) => ({
    pk: `SUBSCRIBER#LIMIT#${key}`,
    sk: String(windowStart),
  }),
  coolDown: (key: string) => ({ pk: `SUBSCRIBER#LIMIT#${key}`, sk: 'COOLDOWN' }),

  staffSession: (key: string) => ({ pk: `STAFF#SESSION#${key}`, sk: 'SESSION' }),
  signInAttempt: (stateKey: string) => ({ pk: `STAFF#SIGNIN#${stateKey}`, sk: 'ATTEMPT' }),
} as const;

/** The partition-key prefix of every subscriber item (the public functions' IAM scope). */
export const SUBSCRIBER_KEY_PREFIX = 'SUBSCRIBER#';

/** Fields that are storage plumbing, stripped before an item becomes a domain object. */
export const KEY_FIELDS = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'type'] as const;

export function stripKeys<T>(item: Record<string, unknown>): T {
  const copy: Record<string, unknown> = { ...item };
  for (const field of KEY_FIELDS) delete copy[field];
  return copy as T;
}
