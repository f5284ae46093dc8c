import { SubscribeCommand } from '@aws-sdk/client-sns';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FakeSns, startFakeSns } from '../../../infra/local/fakes/fake-sns.js';
import {
  createSnsClient,
  SnsPublisher,
  sanitizeSubject,
} from '../../../shared/adapters/sns/sns-publisher.js';
import { ChannelError } from '../../../shared/domain/errors.js';
import type { AudienceMessage } from '../../../shared/ports/channels.js';

let sns: FakeSns;
let publisher: SnsPublisher;
const client = () =>
  createSnsClient({
    endpoint: sns.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });

const message = (overrides: Partial<AudienceMessage> = {}): AudienceMessage => ({
  topic: 'area-14-en',
  default: 'Police alert: road closed on Main St. Details: https://alerts.example.org/b/1',
  sms: 'Road closed on Main St. https://alerts.example.org/b/1',
  email: 'Road closed on Main St between 1st and 3rd Ave until 18:00.\n\nhttps://alerts.example.org/b/1',
  subject: 'Police alert: road closed',
  attributes: { broadcastId: 'b-1', exercise: 'false' },
  ...overrides,
});

async function failure(promise: Promise<unknown>): Promise<ChannelError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ChannelError);
  return error as ChannelError;
}

beforeAll(async () => {
  sns = await startFakeSns({ topics: ['area-14-en', 'citywide-fr'] });
  publisher = new SnsPublisher({ client: client(), topicArnPrefix: 'arn:aws:sns:us-east-1:000000000000:' });
});

afterEach(() => {
  sns.faults.reset();
});

afterAll(async () => {
  await sns.close();
});

describe('the SNS publisher against the fake SNS', () => {
  it('marks SMS as transactional and sets the configured origination number', async () => {
    const smsPublisher = new SnsPublisher({
      client: client(),
      topicArnPrefix: 'arn:aws:sns:us-east-1:000000000000:',
      sms: { type: 'Transactional', originationNumber: '+15550100' },
    });
    const { messageId } = await smsPublisher.publish(message());

    const recorded = sns.inbox.publishes().find((p) => p.id === messageId);
    expect(recorded?.attributes).toMatchObject({
      'AWS.SNS.SMS.SMSType': 'Transactional',
      'AWS.MM.SMS.OriginationNumber': '+15550100',
      broadcastId: 'b-1',
    });
  });

  it('publishes per-protocol bodies, subject and attributes as one JSON-structured message', async () => {
    const { messageId } = await publisher.publish(message());

    const recorded = sns.inbox.publishes().find((p) => p.id === messageId);
    expect(recorded).toMatchObject({
      topic: 'area-14-en',
      sms: message().sms,
      email: message().email,
      default: message().default,
      subject: 'Police alert: road closed',
      attributes: { broadcastId: 'b-1', exercise: 'false' },
    });
  });

  it('delivers the SMS body to phones and the e-mail body with its subject to inboxes', async () => {
    const sdk = client();
    const topicArn = sns.topicArn('citywide-fr');
    await sdk.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'sms', Endpoint: '+15145550100' }));

    const { messageId } = await publisher.publish(
      message({ topic: 'citywide-fr', sms: 'Alerte: rue fermée' }),
    );

    const deliveries = sns.deliveries().filter((d) => d.messageId === messageId);
    expect(deliveries).toEqual([
      expect.objectContaining({ endpoint: '+15145550100', body: 'Alerte: rue fermée' }),
    ]);
  });

  it('flattens a subject with line breaks and cuts it below 100 characters', async () => {
    const long = `Alert\nline two ${'x'.repeat(150)}`;

    const { messageId } = await publisher.publish(message({ subject: long }));

    const subject = sns.inbox.publishes().find((p) => p.id === messageId)?.subject ?? '';
    expect(subject.startsWith('Alert line two')).toBe(true);
    expect(Array.from(subject).length).toBeLessThan(100);
    expect(sanitizeSubject(' \t ')).toBe('');
  });

  it('fails permanently when the topic does not exist', async () => {
    const error = await failure(publisher.publish(message({ topic: 'area-99-en' })));

    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/NotFound/);
  });

  it('retries later when SNS throttles, in either throttling dialect', async () => {
    sns.faults.set({ throttleRate: 1 });
    const modeled = await failure(publisher.publish(message()));
    sns.faults.set({ throttleRate: 1, throttleCode: 'Throttling' });
    const generic = await failure(publisher.publish(message()));

    expect([modeled.retryable, modeled.ambiguous]).toEqual([true, false]);
    expect([generic.retryable, generic.ambiguous]).toEqual([true, false]);
  });

  it('retries later on an internal error', async () => {
    sns.faults.set({ errorRate: 1 });

    const error = await failure(publisher.publish(message()));

    expect(error.retryable).toBe(true);
    expect(error.ambiguous).toBe(false);
  });

  it('calls a publish ambiguous when SNS accepted it and never answered', async () => {
    sns.faults.set({ acceptThenTimeout: 1 });
    const impatient = new SnsPublisher({
      client: client(),
      topicArnPrefix: 'arn:aws:sns:us-east-1:000000000000:',
      timeoutMs: 300,
    });
    const before = sns.inbox.publishes().length;

    const started = Date.now();
    const error = await failure(impatient.publish(message()));

    expect(Date.now() - started).toBeLessThan(2_000);
    expect(error.ambiguous).toBe(true);
    expect(error.retryable).toBe(true);
    expect(sns.inbox.publishes()).toHaveLength(before + 1);
  });

  it("waits for a slow publish until the caller's deadline, past its own default timeout", async () => {
    sns.faults.set({ latency: { min: 600, max: 600 } });
    const impatient = new SnsPublisher({
      client: client(),
      topicArnPrefix: 'arn:aws:sns:us-east-1:000000000000:',
      timeoutMs: 200,
    });

    const { messageId } = await impatient.publish(message(), { deadline: Date.now() + 5_000 });

    expect(messageId).toBe(sns.inbox.publishes().at(-1)?.id);
  });

  it("calls a publish ambiguous at the caller's deadline when SNS has not answered by then", async () => {
    sns.faults.set({ acceptThenTimeout: 1 });
    const started = Date.now();

    const error = await failure(publisher.publish(message(), { deadline: started + 300 }));

    expect(Date.now() - started).toBeLessThan(2_000);
    expect(error.ambiguous).toBe(true);
  });
});
