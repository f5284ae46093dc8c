import type { DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEntry } from '../../domain/broadcast.js';
import { ConflictError } from '../../domain/errors.js';
import { type TemplateRecord, type TemplateVersion, templateId } from '../../domain/template.js';
import type { BroadcastKind } from '../../domain/vocabulary.js';
import type { Template, TemplateRepository } from '../../ports/templates.js';
import { documentSdk } from '../aws-sdk.js';
import { keys, stripKeys } from './keys.js';
import { isConditionFailure, queryAll } from './table-calls.js';

/**
 * Templates in the table: a head item per template (published version, draft, revision) and an
 * immutable item per published version. The head is the authority: publishing is one conditional
 * write of the head, and the version item is written after it (and again, idempotently, before
 * the next publish), so a crash between the two loses nothing.
 *
 * Templates Herald ships with are served as revision 0 until someone changes them. They are loaded
 * at the first read that needs one (`builtins`, called once), not when the repository is built.
 */
export class DynamoTemplateRepository implements TemplateRepository {
  private loadedBuiltins: Promise<Map<string, Template>> | undefined;

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly builtins: () => Promise<readonly Template[]>,
  ) {}

  private builtinsById(): Promise<Map<string, Template>> {
    this.loadedBuiltins ??= this.builtins().then((list) => new Map(list.map((t) => [t.id, t])));
    return this.loadedBuiltins;
  }

  async find(query: {
    category: string;
    language: string;
    kind: BroadcastKind;
  }): Promise<Template | undefined> {
    return (await this.get(templateId(query)))?.published;
  }

  async get(id: string): Promise<TemplateRecord | undefined> {
    const { Item } = await this.db.send(
      new (await documentSdk()).GetCommand({
        TableName: this.tableName,
        Key: keys.template(id),
        ConsistentRead: true,
      }),
    );
    if (Item) return stripKeys<TemplateRecord>(Item);
    const builtin = (await this.builtinsById()).get(id);
    return builtin ? builtinRecord(builtin) : undefined;
  }

  async list(): Promise<TemplateRecord[]> {
    const stored = await queryAll<TemplateRecord>(this.db, {
      TableName: this.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.templatesPartition() },
    });
    const ids = new Set(stored.map((t) => t.id));
    const builtins = [...(await this.builtinsById()).values()];
    const untouched = builtins.filter((t) => !ids.has(t.id)).map(builtinRecord);
    return [...stored, ...untouched].sort((a, b) => a.id.localeCompare(b.id));
  }

  async getVersion(id: string, version: number): Promise<TemplateVersion | undefined> {
    const { Item } = await this.db.send(
      new (await documentSdk()).GetCommand({
        TableName: this.tableName,
        Key: keys.templateVersion(id, version),
        ConsistentRead: true,
      }),
    );
    if (Item) return stripKeys<TemplateVersion>(Item);
    // Not written yet: the built-in version 1, or a publish that crashed before its version item.
    const record = await this.get(id);
    return [record?.published, (await this.builtinsById()).get(id)].find((v) => v?.version === version);
  }

  async listVersions(id: string): Promise<TemplateVersion[]> {
    const { Items } = await this.db.send(
      new (await documentSdk()).QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': keys.template(id).pk, ':prefix': keys.templateVersionsPrefix() },
        ConsistentRead: true,
      }),
    );
    const versions = (Items ?? []).map((item) => stripKeys<TemplateVersion>(item));
    // The head's published version and the built-in one may not have their item yet.
    const record = await this.get(id);
    const builtin = (await this.builtinsById()).get(id);
    for (const extra of [record?.published, builtin]) {
      if (extra && !versions.some((v) => v.version === extra.version)) versions.push(extra);
    }
    return versions.sort((a, b) => a.version - b.version);
  }

  async saveDraft(
    seen: TemplateRecord,
    draft: NonNullable<TemplateRecord['draft']>,
    audit: AuditEntry,
  ): Promise<TemplateRecord> {
    if (seen.revision === 0) {
      const created: TemplateRecord = { ...seen, revision: 1, draft, history: [...seen.history, audit] };
      await this.conditional(
        new (await documentSdk()).PutCommand({
          TableName: this.tableName,
          Item: { ...keys.template(seen.id), ...keys.templateListing(seen.id), type: 'template', ...created },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
        seen.id,
      );
      if (seen.published) await this.writeVersion(seen.published);
      return created;
    }
    const { Attributes } = await this.conditional(
      new (await documentSdk()).UpdateCommand({
        TableName: this.tableName,
        Key: keys.template(seen.id),
        UpdateExpression: 'SET draft = :draft, revision = :next, history = list_append(history, :audit)',
        ConditionExpression: 'revision = :seen',
        ExpressionAttributeValues: {
          ':draft': draft,
          ':next': seen.revision + 1,
          ':seen': seen.revision,
          ':audit': [audit],
        },
        ReturnValues: 'ALL_NEW',
      }),
      seen.id,
    );
    return stripKeys<TemplateRecord>(Attributes ?? {});
  }

  async publish(seen: TemplateRecord, version: TemplateVersion, audit: AuditEntry): Promise<TemplateRecord> {
    if (version.version !== seen.latestVersion + 1) {
      throw new ConflictError(
        `template ${seen.id}: version ${version.version} does not follow ${seen.latestVersion}`,
      );
    }
    // Repairs a crash between an earlier publish and its version item (and keeps built-in v1).
    if (seen.published) await this.writeVersion(seen.published);
    const { Attributes } = await this.conditional(
      new (await documentSdk()).UpdateCommand({
        TableName: this.tableName,
        Key: keys.template(seen.id),
        UpdateExpression:
          'SET published = :version, latestVersion = :number, builtin = :false, revision = :next, ' +
          'history = list_append(history, :audit) REMOVE draft',
        ConditionExpression: 'revision = :seen',
        ExpressionAttributeValues: {
          ':version': version,
          ':number': version.version,
          ':false': false,
          ':next': seen.revision + 1,
          ':seen': seen.revision,
          ':audit': [audit],
        },
        ReturnValues: 'ALL_NEW',
      }),
      seen.id,
    );
    await this.writeVersion(version);
    return stripKeys<TemplateRecord>(Attributes ?? {});
  }

  /** Version items never change: the first write of a number wins and repeats are no-ops. */
  private async writeVersion(version: TemplateVersion): Promise<void> {
    try {
      await this.db.send(
        new (await documentSdk()).PutCommand({
          TableName: this.tableName,
          Item: {
            ...keys.templateVersion(version.id, version.version),
            type: 'template-version',
            ...version,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  /** Sends a write whose condition is "the revision I read"; losing it is the caller's 409. */
  private async conditional(
    command: PutCommand | UpdateCommand,
    id: string,
  ): Promise<{ Attributes?: Record<string, unknown> }> {
    try {
      // Two calls, so each command picks its own overload of `send`.
      const { PutCommand } = await documentSdk();
      return command instanceof PutCommand ? await this.db.send(command) : await this.db.send(command);
    } catch (error) {
      if (isConditionFailure(error)) {
        throw new ConflictError(
          `template ${id} changed since you read it; reload it and apply your change again`,
        );
      }
      throw error;
    }
  }
}

function builtinRecord(template: Template): TemplateRecord {
  return {
    id: template.id,
    category: template.category,
    language: template.language,
    kind: template.kind,
    revision: 0,
    published: template,
    latestVersion: template.version,
    builtin: true,
    history: [],
  };
}
