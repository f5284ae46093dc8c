import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLambdaContext, functionTimeout, TIMED_OUT } from '../../../infra/local/lambda-context.js';
import { definition } from './support.js';

describe('the local Lambda context', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('names the function and counts down from its timeout', () => {
    vi.useFakeTimers();
    const context = createLambdaContext(definition('reconciler', { kind: 'schedule', everySeconds: 60 }, 6));

    expect(context.functionName).toBe('reconciler');
    expect(context.invokedFunctionArn).toBe('arn:aws:lambda:local:000000000000:function:reconciler');
    expect(context.getRemainingTimeInMillis()).toBe(6000);
    vi.advanceTimersByTime(5000);
    expect(context.getRemainingTimeInMillis()).toBe(1000);
    vi.advanceTimersByTime(5000);
    expect(context.getRemainingTimeInMillis()).toBe(0);
  });

  it('refuses callback-style completion', () => {
    const context = createLambdaContext(definition('fn', { kind: 'http', routes: [] }));

    expect(() => context.succeed('done')).toThrow(/not supported locally/);
  });

  it("gives a timeout that is reached at the function's timeout, unless cleared", async () => {
    vi.useFakeTimers();
    const fn = definition('fn', { kind: 'http', routes: [] }, 2);
    const reached = vi.fn();
    const cleared = vi.fn();
    functionTimeout(fn).reached.then(reached);
    const stopped = functionTimeout(fn);
    stopped.reached.then(cleared);
    stopped.clear();

    await vi.advanceTimersByTimeAsync(1999);
    expect(reached).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(reached).toHaveBeenCalledWith(TIMED_OUT);
    expect(cleared).not.toHaveBeenCalled();
  });
});
