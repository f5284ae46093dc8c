import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { allCustomMatcher, type BaseMatcher } from 'aws-sdk-client-mock-vitest';
import { afterEach, describe, expect, it } from 'vitest';
import { SqsJobQueue } from '../../../shared/adapters/sqs/sqs-job-queue.js';
import type { DeliveryJob } from '../../../shared/domain/broadcast.js';

expect.extend(allCustomMatcher);

declare module 'vitest' {
  interface Matchers<T = any> extends BaseMatcher<T> {}
}

const X_URL = 'https://sqs.us-east-1.amazonaws.com/123456789012/herald-x-deliveries';
const SNS_URL = 'https://sqs.us-east-1.amazonaws.com/123456789012/herald-sns-deliveries';

const sqs = mockClient(SQSClient);
const client = () => new SQSClient({ region: 'us-east-1' });
afterEach(() => {
  sqs.reset();
});

function xJobs(count: number): DeliveryJob[] {
  return Array.from({ length: count }, (_, i) => ({
    broadcastId: 'bc_0000000000aaaaaaaaaaaaaaaa',
    channel: 'x',
    target: `div-${i + 1}`,
  }));
}

function entriesOfCall(n: number) {
  const input = sqs.commandCalls(SendMessageBatchCommand)[n]?.args[0].input;
  return input?.Entries ?? [];
}

describe('SqsJobQueue', () => {
  it('sends jobs to the URL of the named queue as JSON bodies', async () => {
    sqs.on(SendMessageBatchCommand).resolves({ Successful: [], Failed: [] });
    const queue = new SqsJobQueue(client(), { 'x-deliveries': X_URL, 'sns-deliveries': SNS_URL });
    const jobs: DeliveryJob[] = [
      { broadcastId: 'bc_0000000000aaaaaaaaaaaaaaaa', channel: 'sns', target: 'area-14-en' },
      { broadcastId: 'bc_0000000000aaaaaaaaaaaaaaaa', channel: 'sns', target: 'area-14-fr' },
    ];

    await queue.send('sns-deliveries', jobs);

    expect(sqs).toHaveReceivedCommandTimes(SendMessageBatchCommand, 1);
    expect(sqs).toHaveReceivedCommandWith(SendMessageBatchCommand, { QueueUrl: SNS_URL });
    const entries = entriesOfCall(0);
    expect(entries.map((entry) => JSON.parse(entry.MessageBody ?? ''))).toEqual(jobs);
    expect(new Set(entries.map((entry) => entry.Id)).size).toBe(entries.length);
  });

  it('splits more than ten jobs into batches of at most ten, in order', async () => {
    sqs.on(SendMessageBatchCommand).resolves({ Successful: [], Failed: [] });
    const queue = new SqsJobQueue(client(), { 'x-deliveries': X_URL });
    const jobs = xJobs(23);

    await queue.send('x-deliveries', jobs);

    expect(sqs).toHaveReceivedCommandTimes(SendMessageBatchCommand, 3);
    expect([0, 1, 2].map((n) => entriesOfCall(n).length)).toEqual([10, 10, 3]);
    const sent = [0, 1, 2].flatMap((n) =>
      entriesOfCall(n).map((entry) => JSON.parse(entry.MessageBody ?? '')),
    );
    expect(sent).toEqual(jobs);
    for (const n of [0, 1, 2]) {
      const ids = entriesOfCall(n).map((entry) => entry.Id);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it('passes delaySeconds to every entry as DelaySeconds', async () => {
    sqs.on(SendMessageBatchCommand).resolves({ Successful: [], Failed: [] });
    const queue = new SqsJobQueue(client(), { 'x-deliveries': X_URL });

    await queue.send('x-deliveries', xJobs(12), { delaySeconds: 30 });

    const entries = [...entriesOfCall(0), ...entriesOfCall(1)];
    expect(entries).toHaveLength(12);
    expect(entries.every((entry) => entry.DelaySeconds === 30)).toBe(true);
  });

  it('sends no DelaySeconds when no delay is asked for', async () => {
    sqs.on(SendMessageBatchCommand).resolves({ Successful: [], Failed: [] });
    const queue = new SqsJobQueue(client(), { 'x-deliveries': X_URL });

    await queue.send('x-deliveries', xJobs(2));

    expect(entriesOfCall(0).map((entry) => entry.DelaySeconds)).toEqual([undefined, undefined]);
  });

  it('makes no call when there are no jobs', async () => {
    const queue = new SqsJobQueue(client(), { 'x-deliveries': X_URL });

    await queue.send('x-deliveries', []);

    expect(sqs).not.toHaveReceivedAnyCommand();
  });

  it('refuses a queue this function may not send to without calling SQS', async () => {
    sqs.on(SendMessageBatchCommand).resolves({ Successful: [], Failed: [] });
    const queue = new SqsJobQueue(client(), { 'x-deliveries': X_URL });

    await expect(
      queue.send('sns-deliveries', [{ broadcastId: 'bc_1', channel: 'sns', target: 'area-14-en' }]),
    ).rejects.toThrow(/may not send to sns-deliveries/);

    expect(sqs).not.toHaveReceivedAnyCommand();
  });

  it('throws when SQS reports some entries of a batch as failed', async () => {
    sqs.on(SendMessageBatchCommand).resolves({
      Successful: [{ Id: '0', MessageId: 'm-0', MD5OfMessageBody: 'x' }],
      Failed: [{ Id: '1', Code: 'InternalError', SenderFault: false, Message: 'try again' }],
    });
    const queue = new SqsJobQueue(client(), { 'x-deliveries': X_URL });

    await expect(queue.send('x-deliveries', xJobs(2))).rejects.toThrow(/refused 1 of 2 jobs: InternalError/);
  });

  it('stops at the first batch with failures instead of sending the rest', async () => {
    sqs
      .on(SendMessageBatchCommand)
      .resolvesOnce({
        Successful: [],
        Failed: [{ Id: '3', Code: 'ThrottlingException', SenderFault: false }],
      })
      .resolves({ Successful: [], Failed: [] });
    const queue = new SqsJobQueue(client(), { 'x-deliveries': X_URL });

    await expect(queue.send('x-deliveries', xJobs(15))).rejects.toThrow(/ThrottlingException/);

    expect(sqs).toHaveReceivedCommandTimes(SendMessageBatchCommand, 1);
  });
});
