import type { Subscription } from '../../domain/subscription.js';
import type { SubscriptionStore } from '../../ports/subscriptions.js';
import { documentSdk } from '../aws-sdk.js';
import { keys, stripKeys } from './keys.js';
import { appliedIf, isConditionFailure, queryAll } from './table-calls.js';
import { DynamoTopicHolds } from './topic-holds.js';

/**
 * Subscribers in the table: each subscription, its management token, the index of an address's
 * subscriptions and the "syncing" marks of D16. The port's topic holds, opt-outs and audience
 * counts come from DynamoTopicHolds (topic-holds.ts), extended rather than wrapped: a wrapper's
 * forwarding methods would be bundled into every function that reaches the table. Only the
 * key-level operations the public functions' IAM scope allows (no index).
 */
export class DynamoSubscriptionStore extends DynamoTopicHolds implements SubscriptionStore {
  async create(subscription: Subscription): Promise<void> {
    await this.db.send(
      new (await documentSdk()).PutCommand({
        TableName: this.tableName,
        Item: { ...keys.subscription(subscription.id), ...subscription },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    await this.db.send(
      new (await documentSdk()).PutCommand({
        TableName: this.tableName,
        Item: {
          ...keys.addressHolder(subscription.addressHash, subscription.id),
          subscriptionId: subscription.id,
        },
      }),
    );
  }

  async get(id: string): Promise<Subscription | undefined> {
    const { Item } = await this.db.send(
      new (await documentSdk()).GetCommand({
        TableName: this.tableName,
        Key: keys.subscription(id),
        ConsistentRead: true,
      }),
    );
    return Item ? stripKeys<Subscription>(Item) : undefined;
  }

  async update(subscription: Subscription, expectedVersion: number): Promise<boolean> {
    return appliedIf(
      this.db.send(
        new (await documentSdk()).PutCommand({
          TableName: this.tableName,
          Item: { ...keys.subscription(subscription.id), ...subscription },
          ConditionExpression: 'version = :expected',
          ExpressionAttributeValues: { ':expected': expectedVersion },
        }),
      ),
    );
  }

  async countCodeAttempt(id: string, maxAttempts: number): Promise<Subscription | undefined> {
    try {
      const { Attributes } = await this.db.send(
        new (await documentSdk()).UpdateCommand({
          TableName: this.tableName,
          Key: keys.subscription(id),
          UpdateExpression: 'SET code.attempts = code.attempts + :one',
          ConditionExpression: '#status = :pending AND code.attempts < :max',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':one': 1, ':pending': 'PENDING_CODE', ':max': maxAttempts },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Attributes ? stripKeys<Subscription>(Attributes) : undefined;
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  }

  async saveManageToken(tokenHash: string, subscriptionId: string): Promise<void> {
    await this.db.send(
      new (await documentSdk()).PutCommand({
        TableName: this.tableName,
        Item: { ...keys.manageToken(tokenHash), subscriptionId },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async findByManageToken(tokenHash: string): Promise<string | undefined> {
    const { Item } = await this.db.send(
      new (await documentSdk()).GetCommand({
        TableName: this.tableName,
        Key: keys.manageToken(tokenHash),
        ConsistentRead: true,
      }),
    );
    return Item?.subscriptionId as string | undefined;
  }

  async deleteManageToken(tokenHash: string): Promise<void> {
    await this.db.send(
      new (await documentSdk()).DeleteCommand({
        TableName: this.tableName,
        Key: keys.manageToken(tokenHash),
      }),
    );
  }

  async listByAddress(addressHash: string): Promise<Subscription[]> {
    const holders = await queryAll<{ subscriptionId: string }>(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: {
        ':pk': keys.addressPartition(addressHash),
        ':prefix': keys.addressHoldersPrefix(),
      },
      ConsistentRead: true,
    });
    const found: Subscription[] = [];
    for (let start = 0; start < holders.length; start += 100) {
      let requested: Record<string, unknown>[] = holders
        .slice(start, start + 100)
        .map((h) => keys.subscription(h.subscriptionId));
      // BatchGet may hand back part of the keys as unprocessed; ask again for those.
      while (requested.length > 0) {
        const result = await this.db.send(
          new (await documentSdk()).BatchGetCommand({
            RequestItems: { [this.tableName]: { Keys: requested, ConsistentRead: true } },
          }),
        );
        found.push(
          ...(result.Responses?.[this.tableName] ?? []).map((item) => stripKeys<Subscription>(item)),
        );
        requested = result.UnprocessedKeys?.[this.tableName]?.Keys ?? [];
      }
    }
    return found.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  async markSyncing(subscriptionId: string, previousTopics: string[], at: string): Promise<void> {
    await this.db.send(
      new (await documentSdk()).PutCommand({
        TableName: this.tableName,
        Item: { ...keys.syncing(subscriptionId), subscriptionId, previousTopics, at },
      }),
    );
  }

  async clearSyncing(subscriptionId: string): Promise<void> {
    await this.db.send(
      new (await documentSdk()).DeleteCommand({
        TableName: this.tableName,
        Key: keys.syncing(subscriptionId),
      }),
    );
  }

  async listSyncing(before: string, limit: number) {
    const items = await queryAll<{ subscriptionId: string; previousTopics: string[]; at: string }>(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      FilterExpression: '#at < :before',
      ExpressionAttributeNames: { '#at': 'at' },
      ExpressionAttributeValues: { ':pk': keys.syncingPartition(), ':before': before },
      ConsistentRead: true,
    });
    return items
      .slice(0, limit)
      .map(({ subscriptionId, previousTopics }) => ({ subscriptionId, previousTopics }));
  }
}
