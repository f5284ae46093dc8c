import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AuditEntry, Broadcast, DispatchSummary } from '../../domain/broadcast.js';
import { ConflictError, NotFoundError } from '../../domain/errors.js';
import type { BroadcastRepository } from '../../ports/repositories.js';
import { documentSdk } from '../aws-sdk.js';
import { keys, stripKeys } from './keys.js';
import { isConditionFailure, queryAll } from './table-calls.js';

export class DynamoBroadcastRepository implements BroadcastRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(broadcast: Broadcast): Promise<void> {
    try {
      await this.db.send(
        new (await documentSdk()).PutCommand({
          TableName: this.tableName,
          Item: {
            ...keys.broadcast(broadcast.id),
            ...keys.broadcastOfIncident(broadcast.incidentId, broadcast.createdAt, broadcast.id),
            ...(broadcast.status === 'PENDING_APPROVAL'
              ? keys.pendingApproval(broadcast.createdAt, broadcast.id)
              : {}),
            type: 'broadcast',
            ...broadcast,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) throw new ConflictError(`broadcast ${broadcast.id} already exists`);
      throw error;
    }
  }

  async get(id: string): Promise<Broadcast | undefined> {
    const { Item } = await this.db.send(
      new (await documentSdk()).GetCommand({
        TableName: this.tableName,
        Key: keys.broadcast(id),
        ConsistentRead: true,
      }),
    );
    return Item ? stripKeys<Broadcast>(Item) : undefined;
  }

  async listByIncident(incidentId: string): Promise<Broadcast[]> {
    return await queryAll<Broadcast>(this.db, {
      TableName: this.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)',
      ExpressionAttributeValues: {
        ':pk': keys.broadcastsOfIncidentPartition(incidentId),
        ':prefix': keys.broadcastsOfIncidentPrefix(),
      },
    });
  }

  async approve(
    id: string,
    approval: NonNullable<Broadcast['approval']>,
    audit: AuditEntry,
  ): Promise<Broadcast> {
    // The index keys move from the approval queue to the reconciler's list in the same write.
    const open = keys.openDispatch(approval.at, id);
    return this.transition(id, 'APPROVED', audit, {
      set: 'approval = :approval, gsi2pk = :gsi2pk, gsi2sk = :gsi2sk',
      condition: 'contentHash = :hash',
      values: {
        ':approval': approval,
        ':hash': approval.contentHash,
        ':gsi2pk': open.gsi2pk,
        ':gsi2sk': open.gsi2sk,
      },
    });
  }

  async reject(
    id: string,
    rejection: NonNullable<Broadcast['rejection']>,
    audit: AuditEntry,
  ): Promise<Broadcast> {
    return this.transition(id, 'REJECTED', audit, {
      set: 'rejection = :rejection',
      remove: 'gsi2pk, gsi2sk',
      values: { ':rejection': rejection },
    });
  }

  async markPlanned(id: string, at: string): Promise<void> {
    await this.db.send(
      new (await documentSdk()).UpdateCommand({
        TableName: this.tableName,
        Key: keys.broadcast(id),
        UpdateExpression: 'SET plannedAt = if_not_exists(plannedAt, :at)',
        ConditionExpression: 'attribute_exists(pk) AND #status = :approved',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':at': at, ':approved': 'APPROVED' },
      }),
    );
  }

  async recordDispatch(id: string, summary: DispatchSummary, open: boolean): Promise<void> {
    try {
      await this.db.send(
        new (await documentSdk()).UpdateCommand({
          TableName: this.tableName,
          Key: keys.broadcast(id),
          UpdateExpression: open
            ? 'SET dispatch = :summary'
            : 'SET dispatch = :summary REMOVE gsi2pk, gsi2sk',
          // Workers finish in any order: never let an older summary overwrite a newer one.
          ConditionExpression:
            'attribute_exists(pk) AND (attribute_not_exists(dispatch) OR dispatch.settled <= :settled)',
          ExpressionAttributeValues: { ':summary': summary, ':settled': summary.settled },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  async listDispatching(): Promise<Broadcast[]> {
    return await queryAll<Broadcast>(this.db, {
      TableName: this.tableName,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.openDispatchPartition() },
    });
  }

  /** Pending broadcasts, oldest first: the sparse index holds only those still PENDING_APPROVAL. */
  async listAwaitingApproval(): Promise<Broadcast[]> {
    return await queryAll<Broadcast>(this.db, {
      TableName: this.tableName,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.pendingApprovalPartition() },
      ScanIndexForward: true,
    });
  }

  /** A conditional status change from PENDING_APPROVAL, with its audit entry in the same write. */
  private async transition(
    id: string,
    to: Broadcast['status'],
    audit: AuditEntry,
    change: { set: string; remove?: string; condition?: string; values: Record<string, unknown> },
  ): Promise<Broadcast> {
    try {
      const { Attributes } = await this.db.send(
        new (await documentSdk()).UpdateCommand({
          TableName: this.tableName,
          Key: keys.broadcast(id),
          UpdateExpression: [
            `SET ${change.set}, #status = :to, history = list_append(history, :audit)`,
            change.remove ? `REMOVE ${change.remove}` : '',
          ]
            .filter(Boolean)
            .join(' '),
          ConditionExpression: ['attribute_exists(pk)', '#status = :from', change.condition]
            .filter(Boolean)
            .join(' AND '),
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ...change.values,
            ':to': to,
            ':from': 'PENDING_APPROVAL',
            ':audit': [audit],
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return stripKeys<Broadcast>(Attributes ?? {});
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const current = await this.get(id);
      if (!current) throw new NotFoundError(`broadcast ${id} not found`);
      throw new ConflictError(
        current.status === 'PENDING_APPROVAL'
          ? 'the content changed since it was previewed'
          : `broadcast is already ${current.status}`,
      );
    }
  }
}
