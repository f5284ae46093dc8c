/**
 * One queue as SQS keeps it, locally: messages with their delay, visibility timeout and receive
 * count, and the dead-letter list. Who receives and when is the consumer's business (local-queue.ts).
 */
import { createHash, randomUUID } from 'node:crypto';
import type { SQSRecord } from 'aws-lambda';
import type { QueueName } from '../../functions/manifest-types.js';

export interface SendOptions {
  /** Seconds before the messages become visible (SQS allows 0 to 900). */
  delaySeconds?: number;
}

export interface DeadLetter {
  messageId: string;
  body: string;
  receiveCount: number;
  sentTimestamp: number;
  /** The error of the last failed invocation, when the handler threw. */
  lastError?: string;
}

export interface QueueStats {
  /** Ready to deliver now. */
  visible: number;
  /** Waiting for a delay or a visibility timeout to run out. */
  delayed: number;
  /** Handed to an invocation that has not finished. */
  inFlight: number;
  deadLetters: number;
}

interface Message {
  id: string;
  body: string;
  md5: string;
  sentAt: number;
  visibleAt: number;
  receiveCount: number;
  firstReceivedAt?: number;
  receiptHandle?: string;
  inFlight: boolean;
}

export class SqsQueue {
  /** Insertion-ordered, so delivery is roughly first in, first out. */
  private readonly messages = new Map<string, Message>();
  private readonly dead: DeadLetter[] = [];

  constructor(
    readonly name: QueueName,
    private readonly settings: {
      /** How long a received message stays hidden; a failed one reappears when it runs out. */
      visibilityTimeoutMs: number;
      /** Receives after which a message that still fails moves to the dead-letter list. */
      maxReceiveCount: number;
    },
  ) {}

  /** Enqueues the bodies (objects are JSON-encoded) and returns their message ids. */
  send(bodies: readonly (string | object)[], { delaySeconds = 0 }: SendOptions = {}): string[] {
    if (!(delaySeconds >= 0 && delaySeconds <= 900)) {
      throw new RangeError(`delaySeconds must be between 0 and 900, got ${delaySeconds}`);
    }
    const now = Date.now();
    return bodies.map((item) => {
      const body = typeof item === 'string' ? item : JSON.stringify(item);
      const id = randomUUID();
      this.messages.set(id, {
        id,
        body,
        md5: createHash('md5').update(body).digest('hex'),
        sentAt: now,
        visibleAt: now + delaySeconds * 1000,
        receiveCount: 0,
        inFlight: false,
      });
      return id;
    });
  }

  /** Up to `max` visible messages, now in flight and hidden for the visibility timeout. */
  receive(max: number, now: number): SQSRecord[] {
    const batch: SQSRecord[] = [];
    for (const message of this.messages.values()) {
      if (batch.length === max) break;
      if (message.inFlight || message.visibleAt > now) continue;
      message.inFlight = true;
      message.receiveCount += 1;
      message.firstReceivedAt ??= now;
      message.receiptHandle = randomUUID();
      // Measured from the receive, as on SQS; a failed message reappears when this runs out.
      message.visibleAt = now + this.settings.visibilityTimeoutMs;
      batch.push(this.toRecord(message));
    }
    return batch;
  }

  /**
   * Ends a receive: the messages not in `failed` are deleted, the failed ones reappear when their
   * visibility timeout runs out, or move to the dead-letter list once received too often.
   * Returns the messages it moved there.
   */
  settle(
    batch: readonly SQSRecord[],
    failed: ReadonlySet<string>,
    lastError: string | undefined,
  ): DeadLetter[] {
    const moved: DeadLetter[] = [];
    for (const { messageId } of batch) {
      const message = this.messages.get(messageId);
      if (!message) continue;
      message.inFlight = false;
      if (!failed.has(message.id)) {
        this.messages.delete(message.id);
        continue;
      }
      if (message.receiveCount < this.settings.maxReceiveCount) continue;
      this.messages.delete(message.id);
      const dead: DeadLetter = {
        messageId: message.id,
        body: message.body,
        receiveCount: message.receiveCount,
        sentTimestamp: message.sentAt,
        ...(lastError !== undefined && { lastError }),
      };
      this.dead.push(dead);
      moved.push(dead);
    }
    return moved;
  }

  /** When the next waiting message (delayed or failed) becomes visible; infinity when none waits. */
  nextVisibleAt(now: number): number {
    let next = Number.POSITIVE_INFINITY;
    for (const m of this.messages.values()) {
      if (!m.inFlight && m.visibleAt > now) next = Math.min(next, m.visibleAt);
    }
    return next;
  }

  /** Whether a message is in flight or visible, or with `includeDelayed`, whether any is held. */
  busy(includeDelayed: boolean, now: number): boolean {
    for (const m of this.messages.values()) {
      if (m.inFlight || includeDelayed || m.visibleAt <= now) return true;
    }
    return false;
  }

  /** Messages held (visible, delayed and in flight), not counting dead letters. */
  get depth(): number {
    return this.messages.size;
  }

  stats(now: number): QueueStats {
    const stats: QueueStats = { visible: 0, delayed: 0, inFlight: 0, deadLetters: this.dead.length };
    for (const m of this.messages.values()) {
      if (m.inFlight) stats.inFlight += 1;
      else if (m.visibleAt > now) stats.delayed += 1;
      else stats.visible += 1;
    }
    return stats;
  }

  deadLetters(): readonly DeadLetter[] {
    return [...this.dead];
  }

  private toRecord(message: Message): SQSRecord {
    return {
      messageId: message.id,
      receiptHandle: message.receiptHandle ?? '',
      body: message.body,
      attributes: {
        ApproximateReceiveCount: String(message.receiveCount),
        SentTimestamp: String(message.sentAt),
        SenderId: 'local',
        ApproximateFirstReceiveTimestamp: String(message.firstReceivedAt ?? message.sentAt),
      },
      messageAttributes: {},
      md5OfBody: message.md5,
      eventSource: 'aws:sqs',
      eventSourceARN: `arn:aws:sqs:local:000000000000:${this.name}`,
      awsRegion: 'local',
    };
  }
}
