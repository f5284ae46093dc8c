import type { DeliveryJob } from '../../shared/domain/broadcast.js';
import type { QueueName } from '../../shared/domain/dispatch.js';
import type {
  AudienceMessage,
  AudiencePublisher,
  SocialPost,
  SocialPoster,
} from '../../shared/ports/channels.js';
import type { JobQueue } from '../../shared/ports/repositories.js';
import type { Clock } from '../../shared/ports/system.js';
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
}

export class RecordingQueue implements JobQueue {
  readonly sent: { queue: QueueName; job: DeliveryJob; delaySeconds: number }[] = [];

  async send(queue: QueueName, jobs: DeliveryJob[], options: { delaySeconds?: number } = {}): Promise<void> {
    for (const job of jobs) this.sent.push({ queue, job, delaySeconds: options.delaySeconds ?? 0 });
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

export function capturingLogger() {
  const lines: LogLine[] = [];
  return { lines, log: createLogger((line) => lines.push(JSON.parse(line) as LogLine)) };
}
