import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import * as z from 'zod';

/**
 * Topics, subscriptions, opted-out numbers and SMS settings of the fake SNS. Saved to a JSON file
 * after each change when one is given, so subscriptions made through the app survive a restart of
 * the local runtime just as its subscriber records do.
 */

export const FAKE_ACCOUNT = '000000000000';

const topicSchema = z.object({
  name: z.string(),
  arn: z.string(),
  attributes: z.record(z.string(), z.string()),
});
const subscriptionSchema = z.object({
  arn: z.string(),
  topicArn: z.string(),
  protocol: z.string(),
  endpoint: z.string(),
  status: z.enum(['confirmed', 'pending']),
  /** Confirmation token of an e-mail subscription (what the confirmation link carries). */
  token: z.string().optional(),
  attributes: z.record(z.string(), z.string()),
});
const stateSchema = z.object({
  topics: z.array(topicSchema),
  subscriptions: z.array(subscriptionSchema),
  optedOut: z.array(z.string()),
  smsAttributes: z.record(z.string(), z.string()),
});

export type SnsTopic = z.infer<typeof topicSchema>;
export type SnsSubscription = z.infer<typeof subscriptionSchema>;
type State = z.infer<typeof stateSchema>;

export class SnsState {
  private readonly state: State;

  constructor(
    readonly region: string,
    private readonly file?: string,
  ) {
    this.state =
      file && existsSync(file)
        ? stateSchema.parse(JSON.parse(readFileSync(file, 'utf8')))
        : { topics: [], subscriptions: [], optedOut: [], smsAttributes: {} };
  }

  topicArn(name: string): string {
    return `arn:aws:sns:${this.region}:${FAKE_ACCOUNT}:${name}`;
  }

  /** Idempotent, as in SNS: creating an existing topic returns it. */
  createTopic(name: string, attributes: Record<string, string> = {}): SnsTopic {
    const existing = this.state.topics.find((t) => t.name === name);
    if (existing) return existing;
    const topic = { name, arn: this.topicArn(name), attributes };
    this.state.topics.push(topic);
    this.save();
    return topic;
  }

  topic(arn: string): SnsTopic | undefined {
    return this.state.topics.find((t) => t.arn === arn);
  }

  topics(): SnsTopic[] {
    return [...this.state.topics];
  }

  subscriptions(topicArn?: string): SnsSubscription[] {
    return this.state.subscriptions.filter((s) => topicArn === undefined || s.topicArn === topicArn);
  }

  /**
   * SMS subscriptions are active at once; e-mail ones wait for confirmation. Subscribing the same
   * endpoint again returns the existing subscription, as SNS does.
   */
  subscribe(topicArn: string, protocol: string, endpoint: string, attributes: Record<string, string>) {
    const existing = this.state.subscriptions.find(
      (s) => s.topicArn === topicArn && s.protocol === protocol && s.endpoint === endpoint,
    );
    if (existing) return existing;
    const pending = protocol === 'email' || protocol === 'email-json';
    const subscription: SnsSubscription = {
      arn: `${topicArn}:${randomUUID()}`,
      topicArn,
      protocol,
      endpoint,
      status: pending ? 'pending' : 'confirmed',
      ...(pending ? { token: randomBytes(64).toString('hex') } : {}),
      attributes,
    };
    this.state.subscriptions.push(subscription);
    this.save();
    return subscription;
  }

  confirm(topicArn: string, token: string): SnsSubscription | undefined {
    const subscription = this.state.subscriptions.find((s) => s.topicArn === topicArn && s.token === token);
    if (subscription && subscription.status !== 'confirmed') {
      subscription.status = 'confirmed';
      this.save();
    }
    return subscription;
  }

  unsubscribe(arn: string): boolean {
    const index = this.state.subscriptions.findIndex((s) => s.arn === arn);
    if (index === -1) return false;
    this.state.subscriptions.splice(index, 1);
    this.save();
    return true;
  }

  isOptedOut(phoneNumber: string): boolean {
    return this.state.optedOut.includes(phoneNumber);
  }

  optedOut(): string[] {
    return [...this.state.optedOut];
  }

  /** What a STOP reply does: the subscription stays, deliveries to the number fail. */
  optOut(phoneNumber: string): void {
    if (this.isOptedOut(phoneNumber)) return;
    this.state.optedOut.push(phoneNumber);
    this.save();
  }

  optIn(phoneNumber: string): void {
    this.state.optedOut = this.state.optedOut.filter((n) => n !== phoneNumber);
    this.save();
  }

  smsAttributes(): Record<string, string> {
    return { ...this.state.smsAttributes };
  }

  setSmsAttributes(attributes: Record<string, string>): void {
    Object.assign(this.state.smsAttributes, attributes);
    this.save();
  }

  private save(): void {
    if (!this.file) return;
    mkdirSync(dirname(this.file), { recursive: true });
    const temporary = `${this.file}.tmp`;
    writeFileSync(temporary, JSON.stringify(this.state));
    renameSync(temporary, this.file);
  }
}
