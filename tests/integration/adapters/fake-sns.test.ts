import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CheckIfPhoneNumberIsOptedOutCommand,
  ConfirmSubscriptionCommand,
  CreateTopicCommand,
  GetSMSAttributesCommand,
  InvalidParameterException,
  ListPhoneNumbersOptedOutCommand,
  ListSubscriptionsByTopicCommand,
  ListTopicsCommand,
  NotFoundException,
  PublishBatchCommand,
  PublishCommand,
  SetSMSAttributesCommand,
  SNSClient,
  SubscribeCommand,
  UnsubscribeCommand,
} from '@aws-sdk/client-sns';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FakeSns, startFakeSns } from '../../../infra/local/fakes/fake-sns.js';

let sns: FakeSns;
let sdk: SNSClient;
const dirs: string[] = [];

beforeAll(async () => {
  sns = await startFakeSns({ topics: ['area-11-en'] });
  sdk = new SNSClient({
    endpoint: sns.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
});

afterEach(() => {
  sns.faults.reset();
});

afterAll(async () => {
  await sns.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('the fake SNS through the real SDK', () => {
  it('runs an e-mail subscription through pending, confirmed and unsubscribed', async () => {
    // A topic of its own: the other tests subscribe to area-11-en, and they may run first.
    const { TopicArn } = await sdk.send(new CreateTopicCommand({ Name: 'email-flow-en' }));
    const subscribed = await sdk.send(
      new SubscribeCommand({ TopicArn, Protocol: 'email', Endpoint: 'a@example.org' }),
    );
    const pending = await sdk.send(new ListSubscriptionsByTopicCommand({ TopicArn }));
    const token = sns.subscriptions('email-flow-en').find((s) => s.endpoint === 'a@example.org')?.token ?? '';

    const confirmed = await sdk.send(new ConfirmSubscriptionCommand({ TopicArn, Token: token }));
    const active = await sdk.send(new ListSubscriptionsByTopicCommand({ TopicArn }));
    await sdk.send(new UnsubscribeCommand({ SubscriptionArn: confirmed.SubscriptionArn }));
    const after = await sdk.send(new ListSubscriptionsByTopicCommand({ TopicArn }));

    expect(subscribed.SubscriptionArn).toBe('pending confirmation');
    expect(pending.Subscriptions?.[0]?.SubscriptionArn).toBe('PendingConfirmation');
    expect(confirmed.SubscriptionArn).toMatch(new RegExp(`^${TopicArn}:`));
    expect(active.Subscriptions).toEqual([
      expect.objectContaining({
        SubscriptionArn: confirmed.SubscriptionArn,
        Protocol: 'email',
        Endpoint: 'a@example.org',
      }),
    ]);
    expect(after.Subscriptions ?? []).toEqual([]);
  });

  it('refuses a wrong confirmation token and an unknown subscription', async () => {
    const TopicArn = sns.topicArn('area-11-en');

    const badToken = await sdk
      .send(new ConfirmSubscriptionCommand({ TopicArn, Token: 'nope' }))
      .catch((e: unknown) => e);
    const unknown = await sdk
      .send(new UnsubscribeCommand({ SubscriptionArn: `${TopicArn}:missing` }))
      .catch((e: unknown) => e);

    expect(badToken).toBeInstanceOf(InvalidParameterException);
    expect(unknown).toBeInstanceOf(NotFoundException);
  });

  it('creates topics idempotently and lists them', async () => {
    const first = await sdk.send(new CreateTopicCommand({ Name: 'area-12-fr' }));
    const again = await sdk.send(new CreateTopicCommand({ Name: 'area-12-fr' }));
    const listed = await sdk.send(new ListTopicsCommand({}));

    expect(again.TopicArn).toBe(first.TopicArn);
    expect(first.TopicArn).toBe('arn:aws:sns:us-east-1:000000000000:area-12-fr');
    expect(listed.Topics?.map((t) => t.TopicArn)).toContain(first.TopicArn);
  });

  it('refuses a JSON-structured message without a default entry', async () => {
    const error = await sdk
      .send(
        new PublishCommand({
          TopicArn: sns.topicArn('area-11-en'),
          MessageStructure: 'json',
          Message: JSON.stringify({ sms: 'only sms' }),
        }),
      )
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(InvalidParameterException);
    expect((error as Error).message).toMatch(/No default entry/);
    expect((error as InvalidParameterException).$metadata.httpStatusCode).toBe(400);
  });

  it('publishes a batch, failing only the entry that breaks a rule', async () => {
    const result = await sdk.send(
      new PublishBatchCommand({
        TopicArn: sns.topicArn('area-11-en'),
        PublishBatchRequestEntries: [
          { Id: 'ok', Message: 'fine', Subject: 'Fine' },
          { Id: 'bad', Message: 'bad subject', Subject: 'line\nbreak' },
        ],
      }),
    );

    expect(result.Successful?.map((s) => s.Id)).toEqual(['ok']);
    expect(result.Failed).toEqual([
      expect.objectContaining({ Id: 'bad', Code: 'InvalidParameter', SenderFault: true }),
    ]);
    expect(sns.inbox.publishes().some((p) => p.id === result.Successful?.[0]?.MessageId)).toBe(true);
  });

  it('keeps opted-out phones subscribed but marks their deliveries', async () => {
    const TopicArn = sns.topicArn('area-11-en');
    await sdk.send(new SubscribeCommand({ TopicArn, Protocol: 'sms', Endpoint: '+14165550123' }));
    sns.optOut('+14165550123');

    const { MessageId } = await sdk.send(new PublishCommand({ TopicArn, Message: 'hello' }));
    const check = await sdk.send(new CheckIfPhoneNumberIsOptedOutCommand({ phoneNumber: '+14165550123' }));
    const listed = await sdk.send(new ListPhoneNumbersOptedOutCommand({}));

    expect(sns.deliveries().find((d) => d.messageId === MessageId)).toMatchObject({ status: 'opted-out' });
    expect(check.isOptedOut).toBe(true);
    expect(listed.phoneNumbers).toEqual(['+14165550123']);
  });

  it('stores SMS attributes', async () => {
    await sdk.send(
      new SetSMSAttributesCommand({
        attributes: { DefaultSMSType: 'Transactional', MonthlySpendLimit: '50' },
      }),
    );

    const read = await sdk.send(new GetSMSAttributesCommand({ attributes: ['DefaultSMSType'] }));

    expect(read.attributes).toEqual({ DefaultSMSType: 'Transactional' });
  });

  it('takes faults over HTTP and answers with them', async () => {
    const set = await fetch(`${sns.url}/_fake/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ errorRate: 1 }),
    });

    const error = await sdk.send(new ListTopicsCommand({})).catch((e: unknown) => e);

    expect(set.status).toBe(200);
    expect(error).toMatchObject({ name: 'InternalErrorException', $metadata: { httpStatusCode: 500 } });
  });

  it('keeps topics and subscriptions across a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'herald-fake-sns-'));
    dirs.push(dataDir);
    const first = await startFakeSns({ dataDir, topics: ['area-13-en'] });
    const firstSdk = new SNSClient({
      endpoint: first.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'l', secretAccessKey: 'l' },
    });
    await firstSdk.send(
      new SubscribeCommand({
        TopicArn: first.topicArn('area-13-en'),
        Protocol: 'sms',
        Endpoint: '+15145550111',
      }),
    );
    await firstSdk.send(new PublishCommand({ TopicArn: first.topicArn('area-13-en'), Message: 'kept' }));
    await first.close();

    const second = await startFakeSns({ dataDir });
    try {
      expect(second.topics().map((t) => t.name)).toEqual(['area-13-en']);
      expect(second.subscriptions('area-13-en').map((s) => s.endpoint)).toEqual(['+15145550111']);
      expect(second.inbox.publishes().map((p) => p.default)).toEqual(['kept']);
    } finally {
      await second.close();
    }
  });
});
