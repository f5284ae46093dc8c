import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AuditEntry } from '../../domain/broadcast.js';
import { ConflictError, ValidationError } from '../../domain/errors.js';
import type { Incident, IncidentRecord } from '../../domain/incident.js';
import type { IncidentRepository, Page } from '../../ports/repositories.js';
import { documentSdk } from '../aws-sdk.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { keys, stripKeys } from './keys.js';
import { isConditionFailure } from './table-calls.js';

export class DynamoIncidentRepository implements IncidentRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(incident: Incident, audit: AuditEntry): Promise<void> {
    try {
      await this.db.send(
        new (await documentSdk()).PutCommand({
          TableName: this.tableName,
          Item: {
            ...keys.incident(incident.id),
            ...keys.incidentListing(incident.createdAt, incident.id),
            type: 'incident',
            ...incident,
            history: [audit],
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) throw new ConflictError(`incident ${incident.id} already exists`);
      throw error;
    }
  }

  async get(id: string): Promise<IncidentRecord | undefined> {
    const { Item } = await this.db.send(
      new (await documentSdk()).GetCommand({ TableName: this.tableName, Key: keys.incident(id) }),
    );
    return Item ? stripKeys<IncidentRecord>(Item) : undefined;
  }

  async list({ limit, cursor }: { limit: number; cursor?: string }): Promise<Page<IncidentRecord>> {
    const startKey = cursor ? decodeCursor(cursor) : undefined;
    if (cursor && !startKey)
      throw new ValidationError('bad cursor', [{ path: ['cursor'], message: 'not a cursor from this API' }]);
    const result = await this.db.send(
      new (await documentSdk()).QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.incidentsPartition() },
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: startKey,
      }),
    );
    const items = (result.Items ?? []).map((item) => stripKeys<IncidentRecord>(item));
    return result.LastEvaluatedKey ? { items, cursor: encodeCursor(result.LastEvaluatedKey) } : { items };
  }

  /** The index's start key of this incident, as DynamoDB would have returned it after it. */
  cursorAfter(incident: Incident): string {
    return encodeCursor({
      ...keys.incident(incident.id),
      ...keys.incidentListing(incident.createdAt, incident.id),
    });
  }

  async close(id: string, audit: AuditEntry): Promise<void> {
    try {
      await this.db.send(
        new (await documentSdk()).UpdateCommand({
          TableName: this.tableName,
          Key: keys.incident(id),
          UpdateExpression: 'SET #state = :closed, history = list_append(history, :audit)',
          ConditionExpression: '#state = :open',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':closed': 'CLOSED', ':open': 'OPEN', ':audit': [audit] },
        }),
      );
    } catch (error) {
      // Already closed (a redelivered approval, a second all-clear): nothing to change.
      if (!isConditionFailure(error)) throw error;
    }
  }
}
