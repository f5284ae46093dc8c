/**
 * The AWS SDK packages, each loaded at the first call that needs it (issue 17). A static import of
 * an SDK package costs every cold start 100-250 ms of module loading, even on a path that never
 * calls AWS (a Lambda bundle keeps the SDK external and imports it at the top, wherever the import
 * was written). The adapters therefore import SDK values only through these loaders, and only SDK
 * types statically: `await documentSdk()` inside the method that sends. Each loader imports
 * its package once per process and then answers from the cached promise. The same module instance
 * as a static import, so tests that mock commands by class see the same classes.
 */
const once = <T>(load: () => Promise<T>): (() => Promise<T>) => {
  let loading: Promise<T> | undefined;
  return () => {
    loading ??= load();
    return loading;
  };
};

export const dynamoSdk = once(() => import('@aws-sdk/client-dynamodb'));
export const documentSdk = once(() => import('@aws-sdk/lib-dynamodb'));
export const snsSdk = once(() => import('@aws-sdk/client-sns'));
export const sqsSdk = once(() => import('@aws-sdk/client-sqs'));
export const kmsSdk = once(() => import('@aws-sdk/client-kms'));
export const secretsSdk = once(() => import('@aws-sdk/client-secrets-manager'));
export const s3Sdk = once(() => import('@aws-sdk/client-s3'));
export const lambdaSdk = once(() => import('@aws-sdk/client-lambda'));

/** What an error thrown by an AWS service (not by the network or our deadline) carries. */
export interface AwsServiceError extends Error {
  $fault: 'client' | 'server';
  $metadata: { httpStatusCode?: number };
}

/**
 * An error the service answered with: what `instanceof <Service>ServiceException` tells, without
 * loading the package to get the class. Every modeled and unmodeled service error has both fields.
 */
export function isAwsServiceError(error: unknown): error is AwsServiceError {
  return error instanceof Error && '$fault' in error && '$metadata' in error;
}

/** The service's error named `name` (the exception's shape name: `NotFoundException`, `NoSuchKey`). */
export function isAwsError(error: unknown, name: string): boolean {
  return isAwsServiceError(error) && error.name === name;
}

/** The one method of an SDK client the adapters call. */
interface Sends {
  send(...args: never[]): Promise<unknown>;
}

/**
 * A client created at its first `send`, so building a function's context at its first event loads
 * no SDK package: only the first call does. Only `send` exists on it (the adapters call nothing
 * else); it forwards every argument (the command and its options, such as `abortSignal`).
 */
export function clientAtFirstSend<C extends Sends>(create: () => Promise<C>): C {
  const client = once(create);
  const send = async (...args: Parameters<C['send']>) => (await client()).send(...(args as never[]));
  return { send, [CREATE]: client } as unknown as C;
}

const CREATE = Symbol('create the client');

/**
 * Creates a `clientAtFirstSend` client now, loading its package, without sending anything (a
 * warm-up, D40). Any other client already exists: nothing to do.
 */
export async function prepareClient(client: object): Promise<void> {
  const create = (client as { [CREATE]?: () => Promise<unknown> })[CREATE];
  if (create) await create();
}
