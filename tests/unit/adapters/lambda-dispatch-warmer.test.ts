import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { LambdaDispatchWarmer } from '../../../shared/adapters/lambda/lambda-dispatch-warmer.js';
import { dispatchWarmer } from '../../../shared/runtime/aws/dispatch-warmer.js';
import { ENV } from '../../../shared/runtime/environment.js';
import { registry } from '../../support/memory-engine.js';

const X_WORKER = 'arn:aws:lambda:ca-central-1:123456789012:function:herald-x-worker:live';
const SNS_WORKER = 'arn:aws:lambda:ca-central-1:123456789012:function:herald-sns-worker:live';
const workers = {
  'x-deliveries': { functionArn: X_WORKER, batchSize: 1, maxConcurrency: 40 },
  'sns-deliveries': { functionArn: SNS_WORKER, batchSize: 10, maxConcurrency: 10 },
};
const shape = { broadcastId: 'bc_0000000000aaaaaaaaaaaaaaaa', accounts: ['hq', 'div-11'], topics: 12 };

const lambda = mockClient(LambdaClient);
afterEach(() => {
  lambda.reset();
});

const invocations = () =>
  lambda.commandCalls(InvokeCommand).map(({ args: [command] }) => ({
    to: command.input.FunctionName,
    type: command.input.InvocationType,
    event: JSON.parse(new TextDecoder().decode(command.input.Payload as Uint8Array)),
  }));

describe('LambdaDispatchWarmer', () => {
  it('invokes each worker asynchronously once per environment its jobs will occupy', async () => {
    lambda.on(InvokeCommand).resolves({ StatusCode: 202 });
    await new LambdaDispatchWarmer({ client: new LambdaClient({}), workers }).warm(shape);

    expect(invocations()).toEqual([
      {
        to: X_WORKER,
        type: 'Event',
        event: { heraldWarmUp: { broadcastId: shape.broadcastId, accountId: 'hq' } },
      },
      {
        to: X_WORKER,
        type: 'Event',
        event: { heraldWarmUp: { broadcastId: shape.broadcastId, accountId: 'div-11' } },
      },
      { to: SNS_WORKER, type: 'Event', event: { heraldWarmUp: { broadcastId: shape.broadcastId } } },
      { to: SNS_WORKER, type: 'Event', event: { heraldWarmUp: { broadcastId: shape.broadcastId } } },
    ]);
  });

  it('sends every warm-up even when one is refused, then says how many were not accepted', async () => {
    lambda
      .on(InvokeCommand)
      .resolves({ StatusCode: 202 })
      .on(InvokeCommand, { FunctionName: SNS_WORKER })
      .rejects(Object.assign(new Error('Rate exceeded'), { name: 'TooManyRequestsException' }));
    const warming = new LambdaDispatchWarmer({ client: new LambdaClient({}), workers }).warm(shape);

    await expect(warming).rejects.toThrow(
      '2 of 4 warm-up invocations were not accepted: TooManyRequestsException',
    );
    expect(invocations()).toHaveLength(4);
  });
});

describe('the dispatchWarmer adapter', () => {
  const base = { registry, settings: { leaseMs: 60_000, maxAttempts: 5 }, clock: { now: () => new Date() } };

  it('is built from the workers the CDK app names in its variable', async () => {
    lambda.on(InvokeCommand).resolves({ StatusCode: 202 });
    const { warmer } = dispatchWarmer.build({ [ENV.dispatchWorkers]: JSON.stringify(workers) }, base);
    await warmer.warm({ ...shape, topics: 0 });
    expect(invocations().map((call) => call.to)).toEqual([X_WORKER, X_WORKER]);
  });

  it('refuses to build without the variable, naming it, or with a worker it does not know', () => {
    expect(() => dispatchWarmer.build({}, base)).toThrow(ENV.dispatchWorkers);
    const unknown = JSON.stringify({ ...workers, 'public-site': workers['x-deliveries'] });
    expect(() => dispatchWarmer.build({ [ENV.dispatchWorkers]: unknown }, base)).toThrow();
  });
});
