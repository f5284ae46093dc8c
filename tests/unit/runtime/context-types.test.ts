import { describe, expect, expectTypeOf, it } from 'vitest';
import type * as apiAudience from '../../../functions/api-audience/handler.js';
import type * as apiLibrary from '../../../functions/api-library/handler.js';
import type * as apiMeta from '../../../functions/api-meta/handler.js';
import type * as snsWorker from '../../../functions/sns-worker/handler.js';
import type * as xWorker from '../../../functions/x-worker/handler.js';
import { sqsQueue } from '../../../shared/runtime/aws/sqs.js';
import { table } from '../../../shared/runtime/aws/table.js';
import { awsContext } from '../../../shared/runtime/aws-context.js';
import { broadcastRepository } from '../../../shared/runtime/table-ports.js';

/*
 * A handler's context holds only the ports its declared adapters provide, so using one it did not
 * declare fails `npm run typecheck` (which covers this file), never a Lambda at run time. The
 * assertions here are on types: each would stop compiling if an undeclared port crept back in.
 */

type HandlerContext<F extends { appContext: () => Promise<unknown> }> = Awaited<ReturnType<F['appContext']>>;

describe("a handler's context type", () => {
  it('does not compile a use of a port the function did not declare', () => {
    const context = awsContext(table(broadcastRepository), sqsQueue);
    const undeclared = (declared: Awaited<ReturnType<typeof context>>) =>
      // @ts-expect-error: no declared adapter provides an X poster
      declared.poster;

    expect(context.adapters.map((adapter) => adapter.name)).toEqual(['table', 'sqs']);
    expect(undeclared).toBeTypeOf('function');
  });

  it('gives each worker its own channel only', () => {
    expectTypeOf<HandlerContext<typeof snsWorker>>().toHaveProperty('publisher');
    expectTypeOf<HandlerContext<typeof snsWorker>>().not.toHaveProperty('poster');
    expectTypeOf<HandlerContext<typeof snsWorker>>().not.toHaveProperty('xBudget');
    expectTypeOf<HandlerContext<typeof xWorker>>().toHaveProperty('poster');
    expectTypeOf<HandlerContext<typeof xWorker>>().not.toHaveProperty('publisher');
  });

  it('gives the table repositories a function named and no other', () => {
    expectTypeOf<HandlerContext<typeof apiLibrary>>().toHaveProperty('templates');
    expectTypeOf<HandlerContext<typeof apiLibrary>>().not.toHaveProperty('broadcasts');
    expectTypeOf<HandlerContext<typeof apiAudience>>().toHaveProperty('subscriptions');
    expectTypeOf<HandlerContext<typeof apiAudience>>().not.toHaveProperty('incidents');
    expectTypeOf<HandlerContext<typeof apiAudience>>().not.toHaveProperty('queue');
  });

  it('gives a function without AWS access the base alone', () => {
    expectTypeOf<keyof HandlerContext<typeof apiMeta>>().toEqualTypeOf<
      'registry' | 'clock' | 'ids' | 'log' | 'settings'
    >();
  });
});
