import {
  InvalidParameterException,
  ListPhoneNumbersOptedOutCommand,
  NotFoundException,
  OptedOutException,
  PublishCommand,
  SNSClient,
  SNSServiceException,
  SubscribeCommand,
  ThrottledException,
  UnsubscribeCommand,
} from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { allCustomMatcher, type BaseMatcher } from 'aws-sdk-client-mock-vitest';
import { afterEach, describe, expect, it } from 'vitest';
import type { SmsDeliverySettings } from '../../../shared/adapters/sns/sms-attributes.js';
import { SnsTopicSubscriber } from '../../../shared/adapters/sns/sns-topic-subscriber.js';
import { ChannelError } from '../../../shared/domain/errors.js';

expect.extend(allCustomMatcher);

declare module 'vitest' {
  interface Matchers<T = any> extends BaseMatcher<T> {}
}

const PREFIX = 'arn:aws:sns:ca-central-1:123456789012:herald-';
const PHONE = '+14165550167';
const SUBSCRIPTION_ARN = `${PREFIX}area-14-en:0b7e4c3a-5f1d-4a8e-9c2b-1d3e5f7a9b0c`;

const sns = mockClient(SNSClient);
afterEach(() => {
  sns.reset();
});

function subscriber(sms?: SmsDeliverySettings) {
  return new SnsTopicSubscriber({
    client: new SNSClient({ region: 'ca-central-1' }),
    topicArnPrefix: PREFIX,
    ...(sms ? { sms } : {}),
  });
}

/** An SNS service error whose message quotes the number, as SNS's messages sometimes do. */
function quotingError(status = 400) {
  return new SNSServiceException({
    name: 'InvalidParameterException',
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status },
    message: `Invalid parameter: Endpoint Reason: ${PHONE} is not a valid phone number`,
  });
}

/** Runs `act`, expects a ChannelError, and returns it. */
async function channelErrorOf(act: () => Promise<unknown>): Promise<ChannelError> {
  try {
    await act();
  } catch (error) {
    expect(error).toBeInstanceOf(ChannelError);
    return error as ChannelError;
  }
  throw new Error('expected a ChannelError, but nothing was thrown');
}

describe('SnsTopicSubscriber.subscribe', () => {
  it('subscribes the endpoint to the prefixed topic, asks for the ARN and returns it', async () => {
    sns.on(SubscribeCommand).resolves({ SubscriptionArn: SUBSCRIPTION_ARN });

    const arn = await subscriber().subscribe('area-14-en', 'sms', PHONE);

    expect(arn).toBe(SUBSCRIPTION_ARN);
    expect(sns).toHaveReceivedCommandTimes(SubscribeCommand, 1);
    expect(sns).toHaveReceivedCommandWith(SubscribeCommand, {
      TopicArn: `${PREFIX}area-14-en`,
      Protocol: 'sms',
      Endpoint: PHONE,
      ReturnSubscriptionArn: true,
    });
  });

  it('refuses to subscribe when it was given no topic ARN prefix, and calls nothing', async () => {
    const codesOnly = new SnsTopicSubscriber({ client: new SNSClient({ region: 'ca-central-1' }) });

    await expect(codesOnly.subscribe('area-14-en', 'sms', PHONE)).rejects.toThrow(
      'no topic ARN prefix was configured, so area-14-en cannot be subscribed to',
    );
    expect(sns).toHaveReceivedCommandTimes(SubscribeCommand, 0);
  });

  it('subscribes an e-mail address with the email protocol', async () => {
    sns.on(SubscribeCommand).resolves({ SubscriptionArn: SUBSCRIPTION_ARN });

    await subscriber().subscribe('citywide-fr', 'email', 'jo@example.org');

    expect(sns).toHaveReceivedCommandWith(SubscribeCommand, {
      TopicArn: `${PREFIX}citywide-fr`,
      Protocol: 'email',
      Endpoint: 'jo@example.org',
    });
  });

  it.each([
    { kind: '"pending confirmation"', answer: { SubscriptionArn: 'pending confirmation' } },
    { kind: 'no ARN at all', answer: {} },
  ])('fails with a retryable ChannelError when SNS answers $kind', async ({ answer }) => {
    sns.on(SubscribeCommand).resolves(answer);

    const error = await channelErrorOf(() => subscriber().subscribe('area-14-en', 'email', 'jo@example.org'));

    expect(error.retryable).toBe(true);
    expect(error.message).toContain('area-14-en');
  });

  it('never puts the number in the error, even when SNS’s message quotes it', async () => {
    sns.on(SubscribeCommand).rejects(quotingError());

    const error = await channelErrorOf(() => subscriber().subscribe('area-14-en', 'sms', PHONE));

    expect(error.message).toBe('SNS could not subscribe to area-14-en: InvalidParameterException');
    expect(error.message).not.toContain('5550167');
    expect(error.retryable).toBe(false);
  });

  it('never puts the e-mail address in the error of a modelled SNS exception', async () => {
    sns.on(SubscribeCommand).rejects(
      new InvalidParameterException({
        $metadata: { httpStatusCode: 400 },
        message: 'Invalid parameter: Email address jo@example.org is not valid',
      }),
    );

    const error = await channelErrorOf(() => subscriber().subscribe('area-14-en', 'email', 'jo@example.org'));

    expect(error.message).not.toContain('example.org');
    expect(error.message).toContain('InvalidParameterException');
  });

  it.each([
    {
      kind: 'a throttling error',
      error: () => new ThrottledException({ $metadata: { httpStatusCode: 400 }, message: 'Rate exceeded' }),
    },
    { kind: 'a 500', error: () => quotingError(500) },
    { kind: 'a 429', error: () => quotingError(429) },
    { kind: 'a network error', error: () => new Error(`connect ECONNRESET while sending ${PHONE}`) },
  ])('calls $kind retryable and never quotes the number', async ({ error }) => {
    sns.on(SubscribeCommand).rejects(error());

    const failure = await channelErrorOf(() => subscriber().subscribe('area-14-en', 'sms', PHONE));

    expect(failure.retryable).toBe(true);
    expect(failure.message).not.toContain('5550167');
  });
});

describe('SnsTopicSubscriber.unsubscribe', () => {
  it('unsubscribes the ARN', async () => {
    sns.on(UnsubscribeCommand).resolves({});

    await subscriber().unsubscribe(SUBSCRIPTION_ARN);

    expect(sns).toHaveReceivedCommandWith(UnsubscribeCommand, { SubscriptionArn: SUBSCRIPTION_ARN });
  });

  it('succeeds when the subscription is already gone', async () => {
    sns
      .on(UnsubscribeCommand)
      .rejects(
        new NotFoundException({ $metadata: { httpStatusCode: 404 }, message: 'Subscription does not exist' }),
      );

    await expect(subscriber().unsubscribe(SUBSCRIPTION_ARN)).resolves.toBeUndefined();
  });

  it('fails with a ChannelError for any other error', async () => {
    sns
      .on(UnsubscribeCommand)
      .rejects(new ThrottledException({ $metadata: { httpStatusCode: 400 }, message: 'Rate exceeded' }));

    const error = await channelErrorOf(() => subscriber().unsubscribe(SUBSCRIPTION_ARN));

    expect(error.retryable).toBe(true);
    expect(error.message).toBe('SNS could not unsubscribe: ThrottledException');
  });
});

describe('SnsTopicSubscriber.sendSms', () => {
  it('sends a Transactional SMS straight to the number', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });

    await subscriber().sendSms(PHONE, 'Herald: your alert sign-up code is 123456.');

    expect(sns).toHaveReceivedCommandWith(PublishCommand, {
      PhoneNumber: PHONE,
      Message: 'Herald: your alert sign-up code is 123456.',
      MessageAttributes: { 'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' } },
    });
    const sent = sns.commandCalls(PublishCommand)[0]!.args[0].input;
    expect(sent.TopicArn).toBeUndefined();
  });

  it('stays Transactional and adds the origination number and sender id when configured', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });

    await subscriber({ type: 'Promotional', originationNumber: '+16135550100', senderId: 'HERALD' }).sendSms(
      PHONE,
      'code',
    );

    const sent = sns.commandCalls(PublishCommand)[0]!.args[0].input;
    expect(sent.MessageAttributes).toEqual({
      'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
      'AWS.MM.SMS.OriginationNumber': { DataType: 'String', StringValue: '+16135550100' },
      'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: 'HERALD' },
    });
  });

  it('swallows an OptedOut error: a number that replied STOP gets nothing and the sign-up goes on', async () => {
    sns.on(PublishCommand).rejects(
      new OptedOutException({
        $metadata: { httpStatusCode: 400 },
        message: `Phone number ${PHONE} is opted out`,
      }),
    );

    await expect(subscriber().sendSms(PHONE, 'code')).resolves.toBeUndefined();
    expect(sns).toHaveReceivedCommandTimes(PublishCommand, 1);
  });

  it('fails with a ChannelError that does not quote the number for any other error', async () => {
    sns.on(PublishCommand).rejects(quotingError());

    const error = await channelErrorOf(() => subscriber().sendSms(PHONE, 'code 123456'));

    expect(error.message).toBe('SNS could not send a code by SMS: InvalidParameterException');
    expect(error.message).not.toMatch(/5550167|123456/);
  });
});

describe('SnsTopicSubscriber.listOptedOut', () => {
  it('follows nextToken across pages and returns every number', async () => {
    sns
      .on(ListPhoneNumbersOptedOutCommand)
      .resolvesOnce({ phoneNumbers: ['+14165550101', '+14165550102'], nextToken: 'page-2' })
      .resolvesOnce({ phoneNumbers: ['+14165550103'], nextToken: 'page-3' })
      .resolvesOnce({ phoneNumbers: ['+14165550104'] });

    const numbers = await subscriber().listOptedOut();

    expect(numbers).toEqual(['+14165550101', '+14165550102', '+14165550103', '+14165550104']);
    expect(sns.commandCalls(ListPhoneNumbersOptedOutCommand).map((c) => c.args[0].input.nextToken)).toEqual([
      undefined,
      'page-2',
      'page-3',
    ]);
  });

  it('returns nothing when no number opted out', async () => {
    sns.on(ListPhoneNumbersOptedOutCommand).resolves({});

    expect(await subscriber().listOptedOut()).toEqual([]);
    expect(sns).toHaveReceivedCommandTimes(ListPhoneNumbersOptedOutCommand, 1);
  });

  it('fails with a ChannelError when a later page fails', async () => {
    sns
      .on(ListPhoneNumbersOptedOutCommand)
      .resolvesOnce({ phoneNumbers: ['+14165550101'], nextToken: 'page-2' })
      .rejectsOnce(new ThrottledException({ $metadata: { httpStatusCode: 400 }, message: 'Rate exceeded' }));

    const error = await channelErrorOf(() => subscriber().listOptedOut());

    expect(error.retryable).toBe(true);
  });
});
