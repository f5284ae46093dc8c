import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RateLimiter } from '../../ports/subscriptions.js';
import type { Clock } from '../../ports/system.js';
import { documentSdk } from '../aws-sdk.js';
import { keys, PURGE_AT_ATTRIBUTE } from './keys.js';
import { appliedIf } from './table-calls.js';

/**
 * Fixed-window counters in the table: one atomic conditional ADD per request, shared by every
 * function instance. A window is purged a day past its end (the table's TTL attribute on AWS).
 */
export class DynamoRateLimiter implements RateLimiter {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly clock: Clock,
  ) {}

  async take(key: string, limit: number, windowSeconds: number): Promise<boolean> {
    const nowS = Math.floor(this.clock.now().getTime() / 1000);
    const windowStart = nowS - (nowS % windowSeconds);
    return appliedIf(
      this.db.send(
        new (await documentSdk()).UpdateCommand({
          TableName: this.tableName,
          Key: keys.rateWindow(key, windowStart),
          UpdateExpression: 'ADD used :one SET #purgeAt = :purgeAt',
          ExpressionAttributeNames: { '#purgeAt': PURGE_AT_ATTRIBUTE },
          ConditionExpression: 'attribute_not_exists(used) OR used < :limit',
          ExpressionAttributeValues: {
            ':one': 1,
            ':limit': limit,
            ':purgeAt': windowStart + windowSeconds + 86_400,
          },
        }),
      ),
    );
  }
}
