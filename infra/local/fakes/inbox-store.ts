import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import * as z from 'zod';

/**
 * What the fake providers "sent": X posts and SNS publishes, in arrival order. Kept in memory and,
 * when a file is given, appended to it as JSON lines (one synchronous append per record, so a
 * killed local runtime keeps everything it acknowledged) and read back on construction.
 */

const postRecordSchema = z.object({
  kind: z.literal('post'),
  id: z.string(),
  account: z.string(),
  text: z.string(),
  inReplyTo: z.string().optional(),
  at: z.string(),
});

const publishRecordSchema = z.object({
  kind: z.literal('publish'),
  id: z.string(),
  /** Topic name (the last part of the ARN). */
  topic: z.string(),
  sms: z.string(),
  email: z.string(),
  subject: z.string(),
  default: z.string(),
  attributes: z.record(z.string(), z.string()),
  at: z.string(),
});

/** An SMS published straight to a phone number (no topic), e.g. a verification code. */
const smsRecordSchema = z.object({
  kind: z.literal('sms'),
  id: z.string(),
  phoneNumber: z.string(),
  message: z.string(),
  attributes: z.record(z.string(), z.string()),
  at: z.string(),
});

/** SNS's confirmation mail for an e-mail subscription: following `link` confirms it. */
const subscriptionConfirmationSchema = z.object({
  kind: z.literal('subscription-confirmation'),
  id: z.string(),
  topic: z.string(),
  endpoint: z.string(),
  link: z.string(),
  at: z.string(),
});

/** One message as one subscriber of a topic received it (the subscriber's inbox entry). */
const deliveryRecordSchema = z.object({
  kind: z.literal('delivery'),
  id: z.string(),
  /** The publish it came from. */
  messageId: z.string(),
  topic: z.string(),
  protocol: z.string(),
  endpoint: z.string(),
  subject: z.string().optional(),
  body: z.string(),
  status: z.enum(['delivered', 'opted-out']),
  at: z.string(),
});

const inboxRecordSchema = z.discriminatedUnion('kind', [
  postRecordSchema,
  publishRecordSchema,
  smsRecordSchema,
  subscriptionConfirmationSchema,
  deliveryRecordSchema,
]);

export type PostRecord = z.infer<typeof postRecordSchema>;
export type PublishRecord = z.infer<typeof publishRecordSchema>;
export type SmsRecord = z.infer<typeof smsRecordSchema>;
export type SubscriptionConfirmationRecord = z.infer<typeof subscriptionConfirmationSchema>;
export type DeliveryRecord = z.infer<typeof deliveryRecordSchema>;
export type InboxRecord = z.infer<typeof inboxRecordSchema>;
/** A record as given to `append`: `at` defaults to now. */
export type NewInboxRecord = InboxRecord extends infer R
  ? R extends InboxRecord
    ? Omit<R, 'at'> & { at?: string }
    : never
  : never;

export class InboxStore {
  private readonly records: InboxRecord[] = [];
  private readonly listeners = new Set<(record: InboxRecord) => void>();
  /** Lines of the file that could not be read back (a torn last line after a crash). */
  readonly skippedLines: number = 0;

  constructor(private readonly options: { file?: string } = {}) {
    const { file } = options;
    if (!file) return;
    mkdirSync(dirname(file), { recursive: true });
    if (!existsSync(file)) return;
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      const parsed = inboxRecordSchema.safeParse(safeJson(line));
      if (parsed.success) this.records.push(parsed.data);
      else this.skippedLines += 1;
    }
  }

  append(input: NewInboxRecord): InboxRecord {
    const record = inboxRecordSchema.parse({ ...input, at: input.at ?? new Date().toISOString() });
    if (this.options.file) appendFileSync(this.options.file, `${JSON.stringify(record)}\n`);
    this.records.push(record);
    for (const listener of this.listeners) listener(record);
    return record;
  }

  all(): InboxRecord[] {
    return [...this.records];
  }

  size(): number {
    return this.records.length;
  }

  /** The records from position `start` on, in arrival order. */
  since(start: number): InboxRecord[] {
    return this.records.slice(start);
  }

  posts(): PostRecord[] {
    return this.records.filter((r): r is PostRecord => r.kind === 'post');
  }

  publishes(): PublishRecord[] {
    return this.records.filter((r): r is PublishRecord => r.kind === 'publish');
  }

  smsMessages(): SmsRecord[] {
    return this.records.filter((r): r is SmsRecord => r.kind === 'sms');
  }

  subscriptionConfirmations(): SubscriptionConfirmationRecord[] {
    return this.records.filter(
      (r): r is SubscriptionConfirmationRecord => r.kind === 'subscription-confirmation',
    );
  }

  /** What each subscriber received, optionally of one endpoint (a phone number or address). */
  deliveries(endpoint?: string): DeliveryRecord[] {
    return this.records.filter(
      (r): r is DeliveryRecord =>
        r.kind === 'delivery' && (endpoint === undefined || r.endpoint === endpoint),
    );
  }

  /** Calls `listener` for every record appended from now on; returns the unsubscribe function. */
  onAppend(listener: (record: InboxRecord) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Forgets everything, on disk too (tests). */
  clear(): void {
    this.records.length = 0;
    if (this.options.file) writeFileSync(this.options.file, '');
  }
}

function safeJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}
