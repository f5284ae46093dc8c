import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AudienceCount, SubscriptionChannel, TopicHold } from '../../domain/subscription.js';
import type { TopicHoldChange } from '../../ports/subscriptions.js';
import { documentSdk } from '../aws-sdk.js';
import { keys, stripKeys } from './keys.js';
import { appliedIf, isConditionFailure, queryAll } from './table-calls.js';

/**
 * What SNS should have for each (address, topic), D15: the hold items whose `holders` string set
 * names the subscriptions that want it (adding or removing one is idempotent), the SNS ARN the
 * worker settled, the audience counts that follow those settles, and the numbers that opted out.
 */
export class DynamoTopicHolds {
  constructor(
    protected readonly db: DynamoDBDocumentClient,
    protected readonly tableName: string,
  ) {}

  async hold(change: TopicHoldChange): Promise<void> {
    await this.db.send(
      new (await documentSdk()).UpdateCommand({
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
        new (await documentSdk()).UpdateCommand({
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
      new (await documentSdk()).GetCommand({
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
        new (await documentSdk()).UpdateCommand({
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
        new (await documentSdk()).UpdateCommand({
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
      new (await documentSdk()).GetCommand({
        TableName: this.tableName,
        Key: keys.address(addressHash),
        ConsistentRead: true,
      }),
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
      new (await documentSdk()).UpdateCommand({
        TableName: this.tableName,
        Key: keys.audience(topic, channel),
        UpdateExpression: 'ADD subscribers :delta SET topic = :topic, channel = :channel',
        ExpressionAttributeValues: { ':delta': delta, ':topic': topic, ':channel': channel },
      }),
    );
  }
}
