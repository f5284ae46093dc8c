import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { BatchGetCommand, DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type {
  AudienceCount,
  Subscription,
  SubscriptionChannel,
  TopicHold,
} from '../../domain/subscription.js';
import type { SubscriptionStore, TopicHoldChange } from '../../ports/subscriptions.js';
import { keys, stripKeys } from './keys.js';
import { appliedIf, isConditionFailure, queryAll } from './table.js';

/**
 * Subscribers in the table. Only the key-level operations the public functions' IAM scope allows
 * (no index); holders are a string set, so adding or removing one is idempotent.
 */
export class DynamoSubscriptionStore implements SubscriptionStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(subscription: Subscription): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...keys.subscription(subscription.id), ...subscription },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    await this.db.send(
      new PutCommand({
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
      new GetCommand({ TableName: this.tableName, Key: keys.subscription(id), ConsistentRead: true }),
    );
    return Item ? stripKeys<Subscription>(Item) : undefined;
  }

  async update(subscription: Subscription, expectedVersion: number): Promise<boolean> {
    return appliedIf(
      this.db.send(
        new PutCommand({
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
        new UpdateCommand({
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
      new PutCommand({
        TableName: this.tableName,
        Item: { ...keys.manageToken(tokenHash), subscriptionId },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async findByManageToken(tokenHash: string): Promise<string | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.manageToken(tokenHash), ConsistentRead: true }),
    );
    return Item?.subscriptionId as string | undefined;
  }

  async deleteManageToken(tokenHash: string): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: keys.manageToken(tokenHash) }));
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
          new BatchGetCommand({
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
      new PutCommand({
        TableName: this.tableName,
        Item: { ...keys.syncing(subscriptionId), subscriptionId, previousTopics, at },
      }),
    );
  }

  async clearSyncing(subscriptionId: string): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: keys.syncing(subscriptionId) }));
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

  async hold(change: TopicHoldChange): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.topicHold(change.addressHash, change.topic),
        UpdateExpression:
          'ADD holders :holder SET addressHash = :hash, topic = :topic, channel = :channel, sealedAddress = :sealed, changedAt = :at',
        ExpressionAttributeValues: {
          ':holder': new Set([change.subscriptionId]),
          ':hash': change.addressHash,
          ':topic': change.topic,
          ':channel': change.channel,
          ':sealed': change.sealedAddress,
          ':at': change.at,
        },
      }),
    );
  }

  async release(change: Omit<TopicHoldChange, 'sealedAddress' | 'channel'>): Promise<void> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.topicHold(change.addressHash, change.topic),
          UpdateExpression: 'DELETE holders :holder SET changedAt = :at',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':holder': new Set([change.subscriptionId]), ':at': change.at },
        }),
      );
    } catch (error) {
      // Never held: nothing to release.
      if (!isConditionFailure(error)) throw error;
    }
  }

  async getHold(addressHash: string, topic: string): Promise<TopicHold | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: keys.topicHold(addressHash, topic),
        ConsistentRead: true,
      }),
    );
    if (!Item) return undefined;
    const hold = stripKeys<Omit<TopicHold, 'holders'> & { holders?: Set<string> }>(Item);
    return { ...hold, holders: [...(hold.holders ?? [])].sort() };
  }

  async settleHold(hold: TopicHold, arn: string | undefined): Promise<boolean> {
    const key = keys.topicHold(hold.addressHash, hold.topic);
    const applied = await appliedIf(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key,
          UpdateExpression: arn ? 'SET arn = :arn' : 'REMOVE arn',
          ConditionExpression: hold.arn ? 'arn = :seen' : 'attribute_not_exists(arn)',
          ExpressionAttributeValues: {
            ...(arn ? { ':arn': arn } : {}),
            ...(hold.arn ? { ':seen': hold.arn } : {}),
          },
        }),
      ),
    );
    if (!applied) return false;
    // The count follows the write that won, so a retried worker never counts twice.
    await this.count(hold.topic, hold.channel, arn ? 1 : -1);
    return true;
  }

  async markOptedOut(addressHash: string, at: string): Promise<boolean> {
    return appliedIf(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.address(addressHash),
          UpdateExpression: 'SET optedOutAt = :at',
          ConditionExpression: 'attribute_not_exists(optedOutAt)',
          ExpressionAttributeValues: { ':at': at },
        }),
      ),
    );
  }

  async isOptedOut(addressHash: string): Promise<boolean> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.address(addressHash), ConsistentRead: true }),
    );
    return Item?.optedOutAt !== undefined;
  }

  async audience(): Promise<AudienceCount[]> {
    const items = await queryAll<{ topic: string; channel: SubscriptionChannel; subscribers: number }>(
      this.db,
      {
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.audiencePartition() },
      },
    );
    return items
      .map(({ topic, channel, subscribers }) => ({ topic, channel, subscribers: Math.max(0, subscribers) }))
      .sort((a, b) => a.topic.localeCompare(b.topic) || a.channel.localeCompare(b.channel));
  }

  private async count(topic: string, channel: SubscriptionChannel, delta: number): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.audience(topic, channel),
        UpdateExpression: 'ADD subscribers :delta SET topic = :topic, channel = :channel',
        ExpressionAttributeValues: { ':delta': delta, ':topic': topic, ':channel': channel },
      }),
    );
  }
}
