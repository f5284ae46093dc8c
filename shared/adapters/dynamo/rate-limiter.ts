import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { RateLimiter } from '../../ports/subscriptions.js';
import type { Clock } from '../../ports/system.js';
import { keys } from './keys.js';
import { isConditionFailure } from './table.js';

/**
 * Fixed-window counters in the table: one atomic conditional ADD per request, shared by every
 * function instance. Windows are kept a day past their end (`expiresAt` for TTL on AWS).
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
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.rateWindow(key, windowStart),
          UpdateExpression: 'ADD used :one SET expiresAt = :expires',
          ConditionExpression: 'attribute_not_exists(used) OR used < :limit',
          ExpressionAttributeValues: {
            ':one': 1,
            ':limit': limit,
            ':expires': windowStart + windowSeconds + 86_400,
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }
}
