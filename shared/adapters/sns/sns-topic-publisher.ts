import type { SNSClient, SNSClientConfig } from '@aws-sdk/client-sns';
import * as z from 'zod';
import { ChannelError } from '../../domain/errors.js';
import { lazySchema } from '../../domain/lazy-schema.js';
import type { AudienceMessage, AudiencePublisher, ProviderCall } from '../../ports/channels.js';
import { isAwsError, isAwsServiceError, prepareClient, snsSdk } from '../aws-sdk.js';
import { deadlineSignal } from '../deadline.js';
import { type SmsDeliverySettings, smsAttributes } from './sms-attributes.js';

export type { SmsDeliverySettings } from './sms-attributes.js';

/**
 * `AudiencePublisher` on SNS: one publish per topic with `MessageStructure: json`, so SMS
 * subscribers get the short text and e-mail subscribers the full one.
 */

export interface SnsPublisherOptions {
  /** Built by the caller (endpoint, region, credentials) with `SNS_PUBLISHER_CLIENT_CONFIG`. */
  client: SNSClient;
  /** Topic ARN without the name, e.g. `arn:aws:sns:ca-central-1:123456789012:`. */
  topicArnPrefix: string;
  /** Deadline of a publish whose caller sets none, after which the outcome is unknown. @default 10_000 */
  timeoutMs?: number;
  /** How SMS subscribers are reached (from the registry's `sms` settings). */
  sms?: SmsDeliverySettings;
}

/**
 * How a publisher's SNS client is configured. `maxAttempts: 1`: the SDK must not retry on its own,
 * because a publish whose answer was lost may have reached every subscriber (SNS standard topics do
 * not deduplicate), and our worker decides about retries with its backoff and ambiguity rules.
 */
export const SNS_PUBLISHER_CLIENT_CONFIG: SNSClientConfig = { maxAttempts: 1 };

/** SNS subjects must be under 100 characters with no line breaks or control characters. */
export function sanitizeSubject(subject: string): string {
  const flat = subject
    .replace(/\p{Cc}+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const chars = Array.from(flat);
  return chars.length < 100 ? flat : `${chars.slice(0, 98).join('').trimEnd()}…`;
}

const publishOutputSchema = lazySchema(() => z.object({ MessageId: z.string().min(1) }));
/** Failures before the request left the machine: sending again cannot duplicate anything. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

export class SnsPublisher implements AudiencePublisher {
  private readonly timeoutMs: number;

  constructor(private readonly options: SnsPublisherOptions) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  async prepare(): Promise<void> {
    await Promise.all([snsSdk(), prepareClient(this.options.client)]);
  }

  async publish(message: AudienceMessage, call: ProviderCall = {}): Promise<{ messageId: string }> {
    const subject = sanitizeSubject(message.subject);
    // SNS refuses empty attribute values; an empty attribute carries nothing anyway.
    const attributes = [
      ...Object.entries(message.attributes).filter(([, value]) => value !== ''),
      ...smsAttributes(this.options.sms),
    ];
    const command = new (await snsSdk()).PublishCommand({
      TopicArn: `${this.options.topicArnPrefix}${message.topic}`,
      MessageStructure: 'json',
      Message: JSON.stringify({ default: message.default, sms: message.sms, email: message.email }),
      ...(subject ? { Subject: subject } : {}),
      MessageAttributes: Object.fromEntries(
        attributes.map(([name, value]) => [name, { DataType: 'String', StringValue: value }]),
      ),
    });
    let output: unknown;
    try {
      const waitMs = call.deadline === undefined ? this.timeoutMs : Math.max(0, call.deadline - Date.now());
      output = await this.options.client.send(command, { abortSignal: deadlineSignal(waitMs) });
    } catch (error) {
      throw channelError(error, message.topic);
    }
    const parsed = publishOutputSchema.safeParse(output);
    if (!parsed.success) {
      throw new ChannelError(`SNS accepted a publish to ${message.topic} but returned no message id`, {
        retryable: true,
        ambiguous: true,
      });
    }
    return { messageId: parsed.data.MessageId };
  }
}

function channelError(error: unknown, topic: string): ChannelError {
  const options = { cause: error };
  if (isAwsServiceError(error)) {
    const said = `SNS refused the publish to ${topic}: ${error.name}: ${error.message}`;
    const status = error.$metadata.httpStatusCode ?? 0;
    // `Throttling` is the query APIs' generic code, unmodeled in the SNS client: only its name tells.
    if (
      isAwsError(error, 'ThrottledException') ||
      isAwsError(error, 'KMSThrottlingException') ||
      status === 429 ||
      error.name === 'Throttling'
    ) {
      return new ChannelError(said, { ...options, retryable: true });
    }
    if (isAwsError(error, 'InternalErrorException') || status >= 500) {
      return new ChannelError(said, { ...options, retryable: true });
    }
    const permanent =
      isAwsError(error, 'NotFoundException') ||
      isAwsError(error, 'InvalidParameterException') ||
      isAwsError(error, 'InvalidParameterValueException') ||
      isAwsError(error, 'AuthorizationErrorException') ||
      (status >= 400 && status < 500);
    return new ChannelError(said, { ...options, retryable: !permanent });
  }
  const code = errnoCode(error);
  if (code && NOT_SENT_CODES.has(code)) {
    return new ChannelError(`could not reach SNS to publish to ${topic} (${code})`, {
      ...options,
      retryable: true,
    });
  }
  // Our deadline (AbortError), the SDK's timeouts, resets: the publish may have been accepted.
  return new ChannelError(`no answer from SNS for the publish to ${topic}`, {
    ...options,
    retryable: true,
    ambiguous: true,
  });
}

function errnoCode(error: unknown): string | undefined {
  const parsed = z.object({ code: z.string() }).safeParse(error);
  return parsed.success ? parsed.data.code : undefined;
}
