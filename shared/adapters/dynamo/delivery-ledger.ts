import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AuditEntry, Delivery, DeliveryJob } from '../../domain/broadcast.js';
import type { DeliveryLedger, DeliveryOutcome } from '../../ports/repositories.js';
import { documentSdk } from '../aws-sdk.js';
import { keys, stripKeys } from './keys.js';
import { appliedIf, isConditionFailure, queryAll } from './table-calls.js';

/**
 * The dispatch ledger (ARCHITECTURE.md 4): one item per (broadcast, channel, target). Every change
 * is conditional on what the writer saw, so a redelivered job or a second worker cannot apply a
 * step twice.
 */
export class DynamoDeliveryLedger implements DeliveryLedger {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async plan(deliveries: Delivery[]): Promise<void> {
    // One conditional put per delivery (BatchWrite cannot carry conditions); existing ones are kept,
    // so planning again after a crash resumes instead of resetting progress.
    await Promise.all(
      deliveries.map(async (delivery) => {
        try {
          await this.db.send(
            new (await documentSdk()).PutCommand({
              TableName: this.tableName,
              Item: { ...this.key(delivery), type: 'delivery', ...delivery },
              ConditionExpression: 'attribute_not_exists(pk)',
            }),
          );
        } catch (error) {
          if (!isConditionFailure(error)) throw error;
        }
      }),
    );
  }

  async get(job: DeliveryJob): Promise<Delivery | undefined> {
    const { Item } = await this.db.send(
      new (await documentSdk()).GetCommand({
        TableName: this.tableName,
        Key: this.key(job),
        ConsistentRead: true,
      }),
    );
    return Item ? stripKeys<Delivery>(Item) : undefined;
  }

  async listForBroadcast(broadcastId: string): Promise<Delivery[]> {
    return await queryAll<Delivery>(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: {
        ':pk': keys.broadcast(broadcastId).pk,
        ':prefix': keys.deliveriesPrefix(),
      },
      ConsistentRead: true,
    });
  }

  async claim(
    seen: Delivery,
    lease: { token: string; until: number; at: string; actor: string },
  ): Promise<Delivery | undefined> {
    const audit: AuditEntry = { at: lease.at, actor: lease.actor, from: seen.status, to: 'SENDING' };
    try {
      const { Attributes } = await this.db.send(
        new (await documentSdk()).UpdateCommand({
          TableName: this.tableName,
          Key: this.key(seen),
          UpdateExpression:
            'SET #status = :sending, leaseToken = :token, leaseUntil = :until, attempts = attempts + :one, history = list_append(history, :audit)',
          // A lease still running in the table is never taken over, even when the worker read it
          // as expired: its holder may have extended it since (D23) and still be sending.
          ConditionExpression:
            '#status = :seenStatus AND attempts = :seenAttempts AND (attribute_not_exists(leaseUntil) OR leaseUntil <= :now)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':sending': 'SENDING',
            ':token': lease.token,
            ':until': lease.until,
            ':now': Date.parse(lease.at),
            ':one': 1,
            ':audit': [audit],
            ':seenStatus': seen.status,
            ':seenAttempts': seen.attempts,
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Attributes ? stripKeys<Delivery>(Attributes) : undefined;
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  }

  async extendLease(claimed: Delivery, until: number): Promise<boolean> {
    return this.whileLeased(claimed, 'SET leaseUntil = :until', { ':until': until });
  }

  async settle(claimed: Delivery, outcome: DeliveryOutcome, audit: AuditEntry): Promise<boolean> {
    const values: Record<string, unknown> = { ':to': outcome.status, ':audit': [audit] };
    const sets = ['#status = :to', 'history = list_append(history, :audit)'];
    const removes = ['leaseToken', 'leaseUntil'];
    if (outcome.providerIds) {
      sets.push('providerIds = :ids');
      values[':ids'] = outcome.providerIds;
    }
    switch (outcome.status) {
      case 'SENT':
        sets.push('sentAt = :sentAt');
        removes.push('#error');
        values[':sentAt'] = outcome.sentAt;
        break;
      case 'PENDING':
        sets.push('notBefore = :notBefore', '#error = :error');
        Object.assign(values, { ':notBefore': outcome.notBefore, ':error': outcome.error });
        if (outcome.wait) {
          // In the settle's own conditional write: a wait is counted only by the lease holder that
          // recorded it, once. Items planned before waits were counted have none: 0.
          sets.push('waits = if_not_exists(waits, :zero) + :one');
          Object.assign(values, { ':zero': 0, ':one': 1 });
        }
        break;
      case 'UNKNOWN':
      case 'FAILED':
        sets.push('#error = :error');
        values[':error'] = outcome.error;
        break;
    }
    return this.whileLeased(claimed, `SET ${sets.join(', ')} REMOVE ${removes.join(', ')}`, values, {
      '#error': 'error',
    });
  }

  private async whileLeased(
    claimed: Delivery,
    update: string,
    values: Record<string, unknown>,
    names: Record<string, string> = {},
  ): Promise<boolean> {
    return appliedIf(
      this.db.send(
        new (await documentSdk()).UpdateCommand({
          TableName: this.tableName,
          Key: this.key(claimed),
          UpdateExpression: update,
          ConditionExpression: '#status = :sendingNow AND leaseToken = :leaseToken',
          ExpressionAttributeNames: { '#status': 'status', ...names },
          ExpressionAttributeValues: {
            ...values,
            ':sendingNow': 'SENDING',
            ':leaseToken': claimed.leaseToken,
          },
        }),
      ),
    );
  }

  private key(job: DeliveryJob) {
    return keys.delivery(job.broadcastId, job.channel, job.target);
  }
}
