import type { AuditEntry } from './audit.js';
import type { Facts } from './incident.js';
import type { PersonalDataWarning } from './personal-data-warnings/warnings.js';
import type { BroadcastKind, CapMsgType, CapSeverity, CapStatus, Channel } from './vocabulary.js';
import type { XPostingSchedule } from './x-schedule.js';

// In a file of its own so an incident's history needs no import of this file (no cycle, D24).
export type { AuditEntry } from './audit.js';

/** Where a broadcast stands in its approval life. Dispatch progress is derived, see `DispatchStatus`. */
export type ApprovalStatus = 'PENDING_APPROVAL' | 'APPROVED' | 'REJECTED';

/** Derived from the deliveries once a broadcast is approved (ARCHITECTURE.md 4.5). */
export type DispatchStatus = 'DISPATCHING' | 'DELIVERED' | 'PARTIALLY_DELIVERED' | 'FAILED';

/** What the API shows as a broadcast's status. */
export type BroadcastStatus = ApprovalStatus | DispatchStatus;

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface RenderedSms {
  text: string;
  encoding: SmsEncoding;
  /** Characters as the encoding counts them (GSM-7 extension characters count two). */
  units: number;
  parts: number;
}

export interface RenderedLanguage {
  headline: string;
  /** The posts of this language on X, each within 280 weighted characters. */
  x: string[];
  sms: RenderedSms;
  /** Plain text; the body ends with the attached resources in full. */
  email: { subject: string; body: string };
  /** CAP `info` texts (the headline is `headline`). */
  cap: { description: string; instruction: string };
  /** The public page's article: escaped HTML, with the resources in full. */
  web: string;
}

/** Exactly what will be sent, per language; the content hash covers this and the audience. */
export interface RenderedContent {
  status: CapStatus;
  msgType: CapMsgType;
  kind: BroadcastKind;
  /** The public page of this broadcast; every post and SMS carries it, and it marks our posts on X. */
  link: string;
  languages: Record<string, RenderedLanguage>;
  /** The whole X thread each account posts: every language's posts in order, numbered when more than one. */
  xThread: string[];
  templates: { language: string; id: string; version: number }[];
  /** The library entries attached (category and area), as they were when rendered. */
  resources: { id: string; revision: number; stale: boolean }[];
}

export interface Target {
  channel: Channel;
  /** An account id for X, a topic name for SNS. */
  target: string;
  /** For SNS topics: the language of the topic. */
  language?: string;
}

export interface Audience {
  accounts: string[];
  topics: string[];
  citywide: boolean;
  /** True for Exercise and Test: every target is a sandbox account or an exercise topic. */
  sandbox: boolean;
}

export interface Broadcast {
  id: string;
  incidentId: string;
  /** Copied from the incident: SNS message attributes and CAP need them with the content. */
  category: string;
  severity: CapSeverity;
  kind: BroadcastKind;
  msgType: CapMsgType;
  /** The broadcast this one follows (update, cancel, all-clear, correction). */
  follows?: string;
  status: ApprovalStatus;
  authorId: string;
  createdAt: string;
  content: RenderedContent;
  contentHash: string;
  /**
   * The facts the content was rendered from (the incident's and the changed ones), so the next
   * follow-up starts from what this one said. Absent on broadcasts stored before it was kept.
   */
  facts?: Facts;
  audience: Audience;
  /** One entry per delivery the approval will plan: every account (X) and topic (SNS). */
  targets: Target[];
  /** Personal data found in the facts before approval (outside the hash: it describes, never changes, the content). */
  warnings?: PersonalDataWarning[];
  /** Which accounts fit in the X app's 24-hour budget at filing time, and when the others post. */
  xSchedule?: XPostingSchedule;
  approval?: {
    by: string;
    at: string;
    contentHash: string;
    breakGlassReason?: string;
    /** Subscribers on each SNS topic at approval, per channel (counts only): the reach the report shows. */
    reach?: ApprovalReach;
  };
  /** `returned`: sent back to the author for edit rather than turned down (D9). */
  rejection?: { by: string; at: string; reason: string; returned?: boolean };
  /** Set once every delivery has been written to the ledger. */
  plannedAt?: string;
  dispatch?: DispatchSummary;
  history: AuditEntry[];
}

/** Absent on broadcasts approved before it was kept. */
export interface ApprovalReach {
  topics: { topic: string; sms: number; email: number }[];
}

export interface DispatchSummary {
  status: DispatchStatus;
  /** Deliveries in a final state; only grows, so a stale summary never overwrites a newer one. */
  settled: number;
  counts: Record<DeliveryStatus, number>;
  firstDeliveredAt?: string;
  lastDeliveredAt?: string;
}

export type DeliveryStatus = 'PENDING' | 'SENDING' | 'SENT' | 'FAILED' | 'UNKNOWN';

export interface Delivery extends Target {
  broadcastId: string;
  status: DeliveryStatus;
  /** Claims so far: every claim adds one, and the next claim is conditional on it (D3). */
  attempts: number;
  /**
   * Of those attempts, the ones that ended waiting for a provider's rate-limit reset or the X post
   * budget: waiting is not failing, so only `attempts - waits` counts against `maxAttempts`.
   * Absent on deliveries that have never waited, and on those written before it was counted.
   */
  waits?: number;
  /** Epoch ms before which no worker should try again (backoff or rate-limit reset). */
  notBefore: number;
  leaseUntil?: number;
  leaseToken?: string;
  /** Provider ids in order: the post ids of a thread on X, the message id on SNS. */
  providerIds: string[];
  error?: string;
  sentAt?: string;
  /** X: the first attempt's posts were counted against the app's budget when the plan was written. */
  budgetReserved?: boolean;
  history: AuditEntry[];
}

/** One unit of work on a queue: deliver this target of this broadcast. */
export interface DeliveryJob {
  broadcastId: string;
  channel: Channel;
  target: string;
}

export function deliveryId(job: DeliveryJob): string {
  return `${job.broadcastId}:${job.channel}:${job.target}`;
}
