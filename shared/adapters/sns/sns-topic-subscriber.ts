import type { SNSClient } from '@aws-sdk/client-sns';
import { ChannelError } from '../../domain/errors.js';
import type { SubscriptionChannel } from '../../domain/subscription.js';
import type { TopicSubscriber } from '../../ports/subscriptions.js';
import { isAwsError, isAwsServiceError, snsSdk } from '../aws-sdk.js';
import { type SmsDeliverySettings, smsAttributes } from './sms-attributes.js';

/**
 * `TopicSubscriber` on SNS. Subscribe and Unsubscribe are idempotent, so the SDK's own retries are
 * fine here (unlike publishes). Errors carry SNS's error name and never its message, which may
 * quote the phone number or address.
 *
 * `topicArnPrefix` is needed only to subscribe: a subscriber that only sends codes or lists
 * opted-out numbers is given none, and refuses to subscribe rather than build a topic ARN without it.
 */
export class SnsTopicSubscriber implements TopicSubscriber {
  constructor(
    private readonly options: { client: SNSClient; topicArnPrefix?: string; sms?: SmsDeliverySettings },
  ) {}

  async subscribe(topic: string, channel: SubscriptionChannel, address: string): Promise<string> {
    const prefix = this.options.topicArnPrefix;
    if (!prefix) throw new Error(`no topic ARN prefix was configured, so ${topic} cannot be subscribed to`);
    const { SubscribeCommand } = await snsSdk();
    const out = await this.call(`subscribe to ${topic}`, () =>
      this.options.client.send(
        new SubscribeCommand({
          TopicArn: `${prefix}${topic}`,
          Protocol: channel,
          Endpoint: address,
          ReturnSubscriptionArn: true,
        }),
      ),
    );
    if (!out.SubscriptionArn?.startsWith('arn:'))
      throw new ChannelError(`SNS returned no subscription ARN for ${topic}`, { retryable: true });
    return out.SubscriptionArn;
  }

  async unsubscribe(arn: string): Promise<void> {
    const { UnsubscribeCommand } = await snsSdk();
    try {
      await this.call('unsubscribe', () =>
        this.options.client.send(new UnsubscribeCommand({ SubscriptionArn: arn })),
      );
    } catch (error) {
      if (error instanceof ChannelError && isAwsError(error.cause, 'NotFoundException')) return;
      throw error;
    }
  }

  async sendSms(phoneNumber: string, text: string): Promise<void> {
    // A code is always transactional, whatever the broadcasts' SMS type is set to.
    const settings = { ...this.options.sms, type: 'Transactional' as const };
    const attributes = Object.fromEntries(
      smsAttributes(settings).map(([name, value]) => [name, { DataType: 'String', StringValue: value }]),
    );
    const { PublishCommand } = await snsSdk();
    try {
      await this.call('send a code by SMS', () =>
        this.options.client.send(
          new PublishCommand({ PhoneNumber: phoneNumber, Message: text, MessageAttributes: attributes }),
        ),
      );
    } catch (error) {
      // A number that replied STOP gets nothing; the sign-up answers as for any other number.
      if (error instanceof ChannelError && /OptedOut/i.test((error.cause as Error | undefined)?.name ?? ''))
        return;
      throw error;
    }
  }

  async listOptedOut(): Promise<string[]> {
    const { ListPhoneNumbersOptedOutCommand } = await snsSdk();
    const numbers: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await this.call('list opted-out numbers', () =>
        this.options.client.send(new ListPhoneNumbersOptedOutCommand({ nextToken })),
      );
      numbers.push(...(page.phoneNumbers ?? []));
      nextToken = page.nextToken;
    } while (nextToken);
    return numbers;
  }

  private async call<T>(what: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (isAwsServiceError(error)) {
        const status = error.$metadata.httpStatusCode ?? 0;
        const retryable = status === 429 || status >= 500 || /Throttl/.test(error.name);
        throw new ChannelError(`SNS could not ${what}: ${error.name}`, { retryable, cause: error });
      }
      throw new ChannelError(`no answer from SNS to ${what}`, { retryable: true, cause: error });
    }
  }
}
