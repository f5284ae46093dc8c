import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { NoSuchKey } from '@aws-sdk/client-s3';
import { NotFoundException, SNSServiceException } from '@aws-sdk/client-sns';
import { describe, expect, it } from 'vitest';
import {
  clientAtFirstSend,
  documentSdk,
  isAwsError,
  isAwsServiceError,
  snsSdk,
} from '../../../shared/adapters/aws-sdk.js';
import { ChannelError } from '../../../shared/domain/errors.js';

const metadata = { $metadata: { httpStatusCode: 400 } };

describe('clientAtFirstSend', () => {
  it('creates no client until the first send, then one client for every send', async () => {
    const created: string[] = [];
    const calls: unknown[][] = [];
    const client = clientAtFirstSend(async () => {
      created.push('client');
      return { send: async (...args: unknown[]) => calls.push(args) };
    });
    expect(created).toEqual([]);

    await client.send('first' as never);
    await client.send('second' as never, { abortSignal: 'signal' } as never);

    expect(created).toEqual(['client']);
    expect(calls).toEqual([['first'], ['second', { abortSignal: 'signal' }]]);
  });

  it('rejects the send when the client cannot be created, and the next send too', async () => {
    const client = clientAtFirstSend<{ send(): Promise<void> }>(async () => {
      throw new Error('no SDK');
    });

    await expect(client.send()).rejects.toThrow('no SDK');
    await expect(client.send()).rejects.toThrow('no SDK');
  });
});

describe('the SDK loaders', () => {
  it('give the same module as a static import, so commands and errors are the same classes', async () => {
    expect((await snsSdk()).SNSServiceException).toBe(SNSServiceException);
    expect(await documentSdk()).toBe(await documentSdk());
  });
});

describe('isAwsError', () => {
  it('recognises a service error by its name, as instanceof its class would', () => {
    const conditionFailed = new ConditionalCheckFailedException({ message: 'no', ...metadata });
    const noKey = new NoSuchKey({ message: 'no key', ...metadata });

    expect(isAwsError(conditionFailed, 'ConditionalCheckFailedException')).toBe(true);
    expect(isAwsError(noKey, 'NoSuchKey')).toBe(true);
    expect(isAwsError(noKey, 'ConditionalCheckFailedException')).toBe(false);
    expect(isAwsServiceError(new NotFoundException({ message: 'gone', ...metadata }))).toBe(true);
  });

  it('does not take an error of ours or of the network for a service error, whatever its name', () => {
    const ours = new ChannelError('no answer', { retryable: true });
    const network = Object.assign(new Error('reset'), { name: 'NoSuchKey', code: 'ECONNRESET' });

    expect(isAwsServiceError(ours)).toBe(false);
    expect(isAwsError(network, 'NoSuchKey')).toBe(false);
    expect(isAwsServiceError('NoSuchKey')).toBe(false);
  });
});
