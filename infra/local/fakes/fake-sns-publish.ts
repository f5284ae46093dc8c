import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import {
  el,
  invalidParameter,
  list,
  members,
  messageAttributes,
  type Params,
  required,
  SnsError,
} from './fake-sns-query.js';
import type { SnsState, SnsTopic } from './fake-sns-state.js';
import type { InboxStore } from './inbox-store.js';

/**
 * Publish and PublishBatch of the fake SNS: SNS's checks on the way in (message size, JSON
 * structure, subject, attributes), the inbox record, and the fan-out to confirmed subscribers.
 */

const MAX_MESSAGE_BYTES = 256 * 1024;
export const E164 = /^\+[1-9]\d{7,14}$/;
export const notFound = (what: string) => new SnsError('NotFound', `${what} does not exist`, 404);

export class SnsPublishing {
  constructor(
    private readonly state: SnsState,
    private readonly inbox: InboxStore,
  ) {}

  existingTopic(arn: string): SnsTopic {
    const topic = this.state.topic(arn);
    if (!topic) throw notFound('Topic');
    return topic;
  }

  publish(p: Params, topicArn = p.get('TopicArn')): string {
    const message = required(p, 'Message');
    if (Buffer.byteLength(message) > MAX_MESSAGE_BYTES) throw invalidParameter('Message too long');
    const structure = p.get('MessageStructure');
    if (structure !== undefined && structure !== 'json') throw invalidParameter('MessageStructure');
    const bodies = structure === 'json' ? structuredBodies(message) : { default: message };
    const subject = p.get('Subject');
    if (subject !== undefined) checkSubject(subject);
    const attributes = Object.fromEntries(
      Object.entries(messageAttributes(p)).map(([name, attribute]) => [name, attribute.value]),
    );
    const id = randomUUID();
    if (topicArn) {
      const topic = this.existingTopic(topicArn);
      const bodyFor = (protocol: string) => bodies[protocol] ?? bodies.default ?? '';
      this.inbox.append({
        kind: 'publish',
        id,
        topic: topic.name,
        sms: bodyFor('sms'),
        email: bodyFor('email'),
        subject: subject ?? '',
        default: bodies.default ?? '',
        attributes,
      });
      this.fanOut(id, topic, subject, bodyFor);
      return id;
    }
    const phoneNumber = p.get('PhoneNumber');
    if (phoneNumber === undefined) {
      throw invalidParameter(
        p.has('TargetArn')
          ? 'TargetArn (mobile push is not in the fake)'
          : 'TopicArn or TargetArn Reason: no value for required parameter',
      );
    }
    if (!E164.test(phoneNumber)) throw invalidParameter('PhoneNumber Reason: not an E.164 number');
    if (this.state.isOptedOut(phoneNumber)) throw new SnsError('OptedOut', 'Phone number is opted out', 400);
    this.inbox.append({
      kind: 'sms',
      id,
      phoneNumber,
      message: bodies.sms ?? bodies.default ?? '',
      attributes,
    });
    return id;
  }

  private fanOut(
    messageId: string,
    topic: SnsTopic,
    subject: string | undefined,
    bodyFor: (p: string) => string,
  ) {
    const at = new Date().toISOString();
    for (const s of this.state.subscriptions(topic.arn)) {
      if (s.status !== 'confirmed') continue;
      const optedOut = s.protocol === 'sms' && this.state.isOptedOut(s.endpoint);
      // What each subscriber would have received, in order: the inbox is the one record of it.
      this.inbox.append({
        kind: 'delivery',
        id: randomUUID(),
        messageId,
        topic: topic.name,
        protocol: s.protocol,
        endpoint: s.endpoint,
        ...(s.protocol.startsWith('email') && subject !== undefined ? { subject } : {}),
        body: bodyFor(s.protocol),
        status: optedOut ? 'opted-out' : 'delivered',
        at,
      });
    }
  }

  publishBatch(p: Params): string {
    const topicArn = required(p, 'TopicArn');
    this.existingTopic(topicArn);
    const entries = members(p, 'PublishBatchRequestEntries.member');
    if (entries.length === 0)
      throw new SnsError('EmptyBatchRequest', 'The batch request does not contain any entries');
    if (entries.length > 10)
      throw new SnsError('TooManyEntriesInBatchRequest', 'The batch request contains more than 10 entries');
    const entryIds = entries.map((e) => e.get('Id') ?? '');
    if (new Set(entryIds).size !== entryIds.length)
      throw new SnsError('BatchEntryIdsNotDistinct', 'Two or more batch entries have the same Id');
    const successful: string[] = [];
    const failed: string[] = [];
    for (const entry of entries) {
      const id = entry.get('Id') ?? '';
      try {
        if (!/^[A-Za-z0-9_-]{1,80}$/.test(id))
          throw new SnsError('InvalidBatchEntryId', 'The Id of a batch entry is invalid');
        successful.push(el('Id', id) + el('MessageId', this.publish(entry, topicArn)));
      } catch (error) {
        if (!(error instanceof SnsError)) throw error;
        failed.push(
          el('Id', id) +
            el('Code', error.code) +
            el('Message', error.message) +
            el('SenderFault', error.type === 'Sender'),
        );
      }
    }
    return list('Successful', successful) + list('Failed', failed);
  }
}

/** `MessageStructure=json`: an object of strings with a `default` entry, as SNS demands. */
function structuredBodies(message: string): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch {
    throw invalidParameter('Message Structure - JSON message body failed to parse');
  }
  const result = z.record(z.string(), z.string()).safeParse(parsed);
  if (!result.success)
    throw invalidParameter('Message Structure - every entry of the JSON message body must be a string');
  if (result.data.default === undefined)
    throw invalidParameter('Message Structure - No default entry in JSON message body');
  return result.data;
}

/** SNS subjects: under 100 characters, no line breaks or control characters, not starting with a space. */
function checkSubject(subject: string): void {
  if (subject === '' || Array.from(subject).length >= 100 || /\p{Cc}/u.test(subject) || /^\s/.test(subject)) {
    throw invalidParameter('Subject');
  }
}
