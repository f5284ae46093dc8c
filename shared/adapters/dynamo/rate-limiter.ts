import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CoolDown, RateLimiter } from '../../ports/subscriptions.js';
import type { Clock } from '../../ports/system.js';
import { documentSdk } from '../aws-sdk.js';
import { keys, PURGE_AT_ATTRIBUTE } from './keys.js';
import { appliedIf } from './table-calls.js';

const DAY_S = 86_400;

/**
 * Counters in the table, shared by every function instance: fixed windows (one atomic conditional
 * ADD per request), sliding windows over two of them (a read of the previous window, then the same
 * conditional ADD with the allowance it leaves), and growing cool-downs (a read, then a put
 * conditional on what was read). A window is purged a day past its end (the table's TTL attribute
 * on AWS), a cool-down a day past when it is forgotten.
 */
export class DynamoRateLimiter implements RateLimiter {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly clock: Clock,
  ) {}

  async take(key: string, limit: number, windowSeconds: number): Promise<boolean> {
    const windowStart = this.windowStart(windowSeconds);
    return this.add(key, windowStart, windowSeconds, limit);
  }

  async takeSliding(key: string, limit: number, windowSeconds: number): Promise<boolean> {
    const nowS = this.clock.now().getTime() / 1000;
    const windowStart = this.windowStart(windowSeconds);
    const previous = await this.count(key, windowStart - windowSeconds);
    const stillCovered = 1 - (nowS - windowStart) / windowSeconds;
    const allowance = limit - Math.floor(previous * stillCovered);
    if (allowance <= 0) return false;
    return this.add(key, windowStart, windowSeconds, allowance);
  }

  async used(key: string, windowSeconds: number): Promise<number> {
    return this.count(key, this.windowStart(windowSeconds));
  }

  async coolDown(
    key: string,
    waitAfter: (previous: number) => number,
    forgetAfterSeconds: number,
  ): Promise<CoolDown> {
    const sdk = await documentSdk();
    const nowS = Math.floor(this.clock.now().getTime() / 1000);
    const { Item } = await this.db.send(
      new sdk.GetCommand({ TableName: this.tableName, Key: keys.coolDown(key), ConsistentRead: true }),
    );
    const lastAt = Item ? Number(Item.lastAt) : undefined;
    const remembered = lastAt !== undefined && nowS - lastAt < forgetAfterSeconds;
    const previous = remembered ? Number(Item?.takes ?? 0) : 0;
    const wait = waitAfter(previous);
    if (remembered && lastAt !== undefined && nowS < lastAt + wait)
      return { allowed: false, retryAfterSeconds: lastAt + wait - nowS };
    const taken = await appliedIf(
      this.db.send(
        new sdk.PutCommand({
          TableName: this.tableName,
          Item: {
            ...keys.coolDown(key),
            takes: previous + 1,
            lastAt: nowS,
            [PURGE_AT_ATTRIBUTE]: nowS + forgetAfterSeconds + DAY_S,
          },
          // Another request for the same key between the read and this write: it took the turn.
          ConditionExpression: Item ? 'lastAt = :lastAt' : 'attribute_not_exists(pk)',
          ...(Item ? { ExpressionAttributeValues: { ':lastAt': Item.lastAt } } : {}),
        }),
      ),
    );
    return taken
      ? { allowed: true }
      : { allowed: false, retryAfterSeconds: Math.max(1, waitAfter(previous + 1)) };
  }

  private windowStart(windowSeconds: number): number {
    const nowS = Math.floor(this.clock.now().getTime() / 1000);
    return nowS - (nowS % windowSeconds);
  }

  private async count(key: string, windowStart: number): Promise<number> {
    const { Item } = await this.db.send(
      new (await documentSdk()).GetCommand({
        TableName: this.tableName,
        Key: keys.rateWindow(key, windowStart),
        ConsistentRead: true,
      }),
    );
    return Number(Item?.used ?? 0);
  }

  private async add(
    key: string,
    windowStart: number,
    windowSeconds: number,
    limit: number,
  ): Promise<boolean> {
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
            ':purgeAt': windowStart + windowSeconds + DAY_S,
          },
        }),
      ),
    );
  }
}
