import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AuditEntry } from '../../domain/broadcast.js';
import { ConflictError } from '../../domain/errors.js';
import type { Resource, ResourceContent } from '../../domain/resource.js';
import type { ResourceRepository } from '../../ports/resources.js';
import { documentSdk } from '../aws-sdk.js';
import { keys, stripKeys } from './keys.js';
import { isConditionFailure, queryAll } from './table-calls.js';

/**
 * The resource library in the table, over the sample library Herald ships with: a sample entry is
 * served as revision 0 until someone saves it, and then the stored item takes its place. The
 * samples are loaded at the first read that needs them (`samples`, called once).
 */
export class DynamoResourceRepository implements ResourceRepository {
  private loadedSamples: Promise<Map<string, Resource>> | undefined;

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly samples: () => Promise<readonly Resource[]>,
  ) {}

  private samplesById(): Promise<Map<string, Resource>> {
    this.loadedSamples ??= this.samples().then((list) => new Map(list.map((r) => [r.id, r])));
    return this.loadedSamples;
  }

  async list(): Promise<Resource[]> {
    const stored = await queryAll<Resource>(this.db, {
      TableName: this.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.resourcesPartition() },
    });
    const ids = new Set(stored.map((r) => r.id));
    const samples = [...(await this.samplesById()).values()].filter((r) => !ids.has(r.id));
    return [...stored, ...samples].sort((a, b) => a.id.localeCompare(b.id));
  }

  async get(id: string): Promise<Resource | undefined> {
    const { Item } = await this.db.send(
      new (await documentSdk()).GetCommand({
        TableName: this.tableName,
        Key: keys.resource(id),
        ConsistentRead: true,
      }),
    );
    return Item ? stripKeys<Resource>(Item) : (await this.samplesById()).get(id);
  }

  async save(
    seen: Resource | { id: string; revision: 0 },
    content: ResourceContent,
    change: Pick<AuditEntry, 'at' | 'actor' | 'actorName'>,
    audit: AuditEntry,
  ): Promise<Resource> {
    const history = 'history' in seen ? seen.history : [];
    const saved: Resource = {
      ...content,
      id: seen.id,
      revision: seen.revision + 1,
      updatedAt: change.at,
      updatedBy: change.actor,
      ...(change.actorName ? { updatedByName: change.actorName } : {}),
      history: [...history, audit],
    };
    try {
      await this.db.send(
        new (await documentSdk()).PutCommand({
          TableName: this.tableName,
          Item: { ...keys.resource(seen.id), ...keys.resourceListing(seen.id), type: 'resource', ...saved },
          // The whole entry is replaced, but only over the revision the writer read.
          ConditionExpression: seen.revision === 0 ? 'attribute_not_exists(pk)' : 'revision = :seen',
          ...(seen.revision === 0 ? {} : { ExpressionAttributeValues: { ':seen': seen.revision } }),
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) {
        throw new ConflictError(
          `resource ${seen.id} changed since you read it; reload it and apply your change again`,
        );
      }
      throw error;
    }
    return saved;
  }
}
