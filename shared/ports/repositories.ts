import type { AuditEntry, Broadcast, Delivery, DeliveryJob, DispatchSummary } from '../domain/broadcast.js';
import type { QueueName } from '../domain/dispatch.js';
import type { Incident, IncidentRecord } from '../domain/incident.js';
import type { PublicSiteJob } from '../domain/public-site.js';
import type { SubscriptionJob } from '../domain/subscription.js';

/**
 * Storage ports. Every state change is a conditional write on the state the caller saw; a failed
 * condition surfaces as `ConflictError` (or `false`/`undefined` where losing a race is normal).
 * Each change appends its audit entry to the item's own history in the same write.
 */

export interface Page<T> {
  items: T[];
  cursor?: string;
}

export interface IncidentRepository {
  create(incident: Incident, audit: AuditEntry): Promise<void>;
  /** With the incident's audit trail, the entry `create` and `close` wrote. */
  get(id: string): Promise<IncidentRecord | undefined>;
  /** Newest first; `cursor` continues where the previous page ended. */
  list(options: { limit: number; cursor?: string }): Promise<Page<IncidentRecord>>;
  /** A cursor whose page starts just after this incident (a search that stopped mid-page). */
  cursorAfter(incident: Incident): string;
  /** OPEN -> CLOSED; closing a closed incident changes nothing. */
  close(id: string, audit: AuditEntry): Promise<void>;
}

export interface BroadcastRepository {
  create(broadcast: Broadcast): Promise<void>;
  get(id: string): Promise<Broadcast | undefined>;
  listByIncident(incidentId: string): Promise<Broadcast[]>;
  /** PENDING_APPROVAL -> APPROVED, only while the stored hash is the approved one. */
  approve(id: string, approval: NonNullable<Broadcast['approval']>, audit: AuditEntry): Promise<Broadcast>;
  /** PENDING_APPROVAL -> REJECTED. */
  reject(id: string, rejection: NonNullable<Broadcast['rejection']>, audit: AuditEntry): Promise<Broadcast>;
  /** Records that every delivery is in the ledger; idempotent. */
  markPlanned(id: string, at: string): Promise<void>;
  /** Stores the derived summary; `open: false` takes the broadcast off the reconciler's list. */
  recordDispatch(id: string, summary: DispatchSummary, open: boolean): Promise<void>;
  /** Approved broadcasts whose dispatch is not finished (the reconciler's work list). */
  listDispatching(): Promise<Broadcast[]>;
  /** Broadcasts still PENDING_APPROVAL, oldest first (the approvers' queue). */
  listAwaitingApproval(): Promise<Broadcast[]>;
}

/** How a send attempt ended; `providerIds` are the posts made so far (a thread may stop part-way). */
export type DeliveryOutcome = { providerIds?: string[] } & (
  | { status: 'SENT'; providerIds: string[]; sentAt: string }
  | { status: 'PENDING'; notBefore: number; error: string; wait?: true }
  | { status: 'UNKNOWN'; error: string }
  | { status: 'FAILED'; error: string }
);

export interface DeliveryLedger {
  /** Writes each delivery unless it exists (deterministic id): planning twice plans once. */
  plan(deliveries: Delivery[]): Promise<void>;
  get(job: DeliveryJob): Promise<Delivery | undefined>;
  listForBroadcast(broadcastId: string): Promise<Delivery[]>;
  /**
   * Takes the delivery for sending: conditional on the status and attempt count the caller saw.
   * Returns the claimed delivery, or undefined when another worker got there first.
   */
  claim(
    seen: Delivery,
    lease: { token: string; until: number; at: string; actor: string },
  ): Promise<Delivery | undefined>;
  /**
   * Moves the lease's end to `until` while a send is still going (a slow provider call); conditional
   * on still holding the lease. False when the lease was lost. Writes no audit entry: holding on
   * is not a change of state.
   */
  extendLease(claimed: Delivery, until: number): Promise<boolean>;
  /**
   * Ends a send attempt; conditional on still holding the lease. False when the lease was lost. A
   * PENDING outcome marked `wait` adds one to the delivery's `waits` in the same write, so a wait
   * is counted exactly when its outcome is recorded.
   */
  settle(claimed: Delivery, outcome: DeliveryOutcome, audit: AuditEntry): Promise<boolean>;
}

/** What each queue carries. */
export interface QueueJobs {
  'x-deliveries': DeliveryJob;
  'sns-deliveries': DeliveryJob;
  'subscription-changes': SubscriptionJob;
  'public-site': PublicSiteJob;
}

export interface JobQueue {
  send<Q extends QueueName>(
    queue: Q,
    jobs: QueueJobs[Q][],
    options?: { delaySeconds?: number },
  ): Promise<void>;
}
