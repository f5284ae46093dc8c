/**
 * What the Lambda service gives every local invocation, whatever its trigger: the context object
 * and the function timeout that stops a run.
 */
import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import type { FunctionDefinition } from '../../functions/manifest-types.js';

/**
 * A Lambda-like context. `getRemainingTimeInMillis` counts down from the definition's timeout
 * because middy and the delivery workers (D23) read it to stop early, as on AWS.
 */
export function createLambdaContext(definition: FunctionDefinition): Context {
  const deadline = Date.now() + definition.timeoutSeconds * 1000;
  const callbackStyle = () => {
    throw new Error('Callback-style completion is not supported locally; return a promise');
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: definition.name,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${definition.name}`,
    memoryLimitInMB: String(definition.memoryMb),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${definition.name}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: callbackStyle,
    fail: callbackStyle,
    succeed: callbackStyle,
  };
}

export const TIMED_OUT = Symbol('timed out');

/**
 * Resolves with `TIMED_OUT` when the function's configured timeout has passed, as Lambda would
 * stop it then. A handler cannot be stopped in-process, so the caller races it against this and
 * ignores whatever it does later, as a stopped environment's work would be lost. The timer is
 * unref'd so it never holds the process open; `clear` it when the run ends.
 */
export function functionTimeout(definition: FunctionDefinition): {
  reached: Promise<typeof TIMED_OUT>;
  clear(): void;
} {
  let timer: NodeJS.Timeout | undefined;
  const reached = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), definition.timeoutSeconds * 1000);
    timer.unref();
  });
  return { reached, clear: () => clearTimeout(timer) };
}
