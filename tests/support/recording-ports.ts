import type { DeliveryJob } from '../../shared/domain/broadcast.js';
import type { QueueName } from '../../shared/domain/dispatch.js';
import type { SubscriptionChannel, SubscriptionJob } from '../../shared/domain/subscription.js';
import type { DispatchShape } from '../../shared/domain/warm-up.js';
import type {
  AudienceMessage,
  AudiencePublisher,
  SocialPost,
  SocialPoster,
} from '../../shared/ports/channels.js';
import type { JobQueue, QueueJobs } from '../../shared/ports/repositories.js';
import type { TopicSubscriber } from '../../shared/ports/subscriptions.js';
import type { Clock } from '../../shared/ports/system.js';
import type { DispatchWarmer } from '../../shared/ports/warm-up.js';
import { createLogger, type LogLine } from '../../shared/runtime/logger.js';

/** In-memory port fakes for use-case tests: they record what was asked and fail on cue. */

export class RecordingPoster implements SocialPoster {
  readonly posts: { accountId: string; id: string; text: string; inReplyTo?: string }[] = [];
  /** Errors thrown by the next calls to post(), in order; `accept` ones are thrown after recording. */
  readonly script: { error: Error; accept?: boolean }[] = [];
  private next = 1;

  async post(request: { accountId: string; text: string; inReplyTo?: string }): Promise<SocialPost> {
    const step = this.script.shift();
    if (step && !step.accept) throw step.error;
    const id = String(this.next++);
    this.posts.push({ ...request, id });
    if (step?.accept) throw step.error;
    return { id, url: `https://x.test/${request.accountId}/status/${id}` };
  }

  async findPosts(request: { accountId: string; marker: string }): Promise<SocialPost[]> {
    return this.posts
      .filter((p) => p.accountId === request.accountId && p.text.includes(request.marker))
      .map((p) => ({ id: p.id, url: `https://x.test/${p.accountId}/status/${p.id}` }));
  }

  readonly prepared: string[] = [];
  async prepare(accountId: string): Promise<void> {
    this.prepared.push(accountId);
  }

  postsOf(accountId: string) {
    return this.posts.filter((p) => p.accountId === accountId);
  }
}

export class RecordingPublisher implements AudiencePublisher {
  readonly messages: AudienceMessage[] = [];
  readonly script: Error[] = [];

  async publish(message: AudienceMessage): Promise<{ messageId: string }> {
    const error = this.script.shift();
    if (error) throw error;
    this.messages.push(message);
    return { messageId: `msg-${this.messages.length}` };
  }

  prepared = 0;
  async prepare(): Promise<void> {
    this.prepared += 1;
  }
}

export class RecordingQueue implements JobQueue {
  readonly sent: { queue: QueueName; job: DeliveryJob; delaySeconds: number }[] = [];

  readonly subscriptionJobs: SubscriptionJob[] = [];

  async send<Q extends QueueName>(
    queue: Q,
    jobs: QueueJobs[Q][],
    options: { delaySeconds?: number } = {},
  ): Promise<void> {
    for (const job of jobs) {
      if (queue === 'subscription-changes') this.subscriptionJobs.push(job as SubscriptionJob);
      else this.sent.push({ queue, job: job as DeliveryJob, delaySeconds: options.delaySeconds ?? 0 });
    }
  }

  take(): { queue: QueueName; job: DeliveryJob; delaySeconds: number }[] {
    return this.sent.splice(0, this.sent.length);
  }
}

export class ManualClock implements Clock {
  constructor(private time = Date.parse('2026-11-22T10:00:00.000Z')) {}
  now(): Date {
    return new Date(this.time);
  }
  advance(ms: number): void {
    this.time += ms;
  }
}

/** Warm-ups asked for, in order; `failWith` makes the next ones fail as a refused hand-over would. */
export class RecordingWarmer implements DispatchWarmer {
  readonly warmed: DispatchShape[] = [];
  failWith: Error | undefined;
  async warm(shape: DispatchShape): Promise<void> {
    this.warmed.push(shape);
    if (this.failWith) throw this.failWith;
  }
}

export function capturingLogger() {
  const lines: LogLine[] = [];
  return { lines, log: createLogger((line) => lines.push(JSON.parse(line) as LogLine)) };
}

/** SNS subscriptions in memory: what was subscribed, unsubscribed and texted. */
export class RecordingTopicSubscriber implements TopicSubscriber {
  readonly subscribed = new Map<string, { topic: string; channel: SubscriptionChannel; address: string }>();
  readonly texts: { phoneNumber: string; text: string }[] = [];
  readonly optedOut: string[] = [];
  calls = 0;

  async subscribe(topic: string, channel: SubscriptionChannel, address: string): Promise<string> {
    this.calls += 1;
    const arn = `arn:aws:sns:us-east-1:000000000000:${topic}:${channel}:${address}`;
    this.subscribed.set(arn, { topic, channel, address });
    return arn;
  }

  async unsubscribe(arn: string): Promise<void> {
    this.calls += 1;
    this.subscribed.delete(arn);
  }

  async sendSms(phoneNumber: string, text: string): Promise<void> {
    this.texts.push({ phoneNumber, text });
  }

  async listOptedOut(): Promise<string[]> {
    return [...this.optedOut];
  }

  /** The last code texted to a number. */
  lastCode(phoneNumber: string): string | undefined {
    return this.texts.findLast((t) => t.phoneNumber === phoneNumber)?.text.match(/\b(\d{6})\b/)?.[1];
  }
}
