import type { DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient, QueryCommandInput, TranslateConfig } from '@aws-sdk/lib-dynamodb';
import { clientAtFirstSend, documentSdk, dynamoSdk, isAwsError } from '../aws-sdk.js';
import { stripKeys } from './keys.js';

/**
 * What every repository calls on the table. No SDK value is imported here (aws-sdk.ts): a function
 * loads the DynamoDB packages at its first table call, not when its bundle loads.
 */

/** How every document client marshals: attributes left undefined are dropped, not rejected. */
export const DOCUMENT_CLIENT_OPTIONS: TranslateConfig = { marshallOptions: { removeUndefinedValues: true } };

/** The document client of a Lambda function: both DynamoDB packages load at its first call. */
export function documentClientAtFirstSend(config: DynamoDBClientConfig = {}): DynamoDBDocumentClient {
  return clientAtFirstSend(async () => {
    const [{ DynamoDBClient }, { DynamoDBDocumentClient }] = await Promise.all([dynamoSdk(), documentSdk()]);
    return DynamoDBDocumentClient.from(new DynamoDBClient(config), DOCUMENT_CLIENT_OPTIONS);
  });
}

/** Every item a query matches, across pages, as domain objects (storage keys stripped). */
export async function queryAll<T>(
  db: DynamoDBDocumentClient,
  input: Omit<QueryCommandInput, 'ExclusiveStartKey'>,
): Promise<T[]> {
  const { QueryCommand } = await documentSdk();
  const items: T[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey }));
    items.push(...(page.Items ?? []).map((item) => stripKeys<T>(item)));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

export function isConditionFailure(error: unknown): boolean {
  return isAwsError(error, 'ConditionalCheckFailedException');
}

/** Runs a conditional write: true when it was applied, false when its condition did not hold. */
export async function appliedIf(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}
