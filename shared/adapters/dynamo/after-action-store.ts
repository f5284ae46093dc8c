import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AfterActionNotes } from '../../domain/after-action-notes.js';
import type { AuditEntry } from '../../domain/audit.js';
import { ConflictError } from '../../domain/errors.js';
import type { AfterActionStore } from '../../ports/after-action.js';
import { documentSdk } from '../aws-sdk.js';
import { keys, stripKeys } from './keys.js';
import { isConditionFailure } from './table-calls.js';

/**
 * An incident's after-action findings: one item in the incident's own partition (`INCIDENT#<id>`,
 * sk `REPORT`), so the report is kept with the incident and read with one consistent get. The
 * first save creates it (only if absent), every later one updates it only at the revision read.
 */
export class DynamoAfterActionStore implements AfterActionStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(incidentId: string): Promise<AfterActionNotes | undefined> {
    const { Item } = await this.db.send(
      new (await documentSdk()).GetCommand({
        TableName: this.tableName,
        Key: keys.afterActionNotes(incidentId),
        ConsistentRead: true,
      }),
    );
    return Item ? stripKeys<AfterActionNotes>(Item) : undefined;
  }

  async save(
    seen: number,
    notes: Pick<AfterActionNotes, 'incidentId' | 'strengths' | 'improvements' | 'actions'>,
    audit: AuditEntry,
  ): Promise<AfterActionNotes> {
    const key = keys.afterActionNotes(notes.incidentId);
    const fields = { strengths: notes.strengths, improvements: notes.improvements, actions: notes.actions };
    try {
      if (seen === 0) {
        const created: AfterActionNotes = {
          incidentId: notes.incidentId,
          ...fields,
          revision: 1,
          updatedAt: audit.at,
          updatedBy: audit.actor,
          history: [audit],
        };
        await this.db.send(
          new (await documentSdk()).PutCommand({
            TableName: this.tableName,
            Item: { ...key, type: 'after-action', ...created },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return created;
      }
      const { Attributes } = await this.db.send(
        new (await documentSdk()).UpdateCommand({
          TableName: this.tableName,
          Key: key,
          UpdateExpression:
            'SET strengths = :strengths, improvements = :improvements, actions = :actions, ' +
            'revision = :next, updatedAt = :at, updatedBy = :by, history = list_append(history, :audit)',
          ConditionExpression: 'revision = :seen',
          ExpressionAttributeValues: {
            ':strengths': fields.strengths,
            ':improvements': fields.improvements,
            ':actions': fields.actions,
            ':next': seen + 1,
            ':seen': seen,
            ':at': audit.at,
            ':by': audit.actor,
            ':audit': [audit],
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return stripKeys<AfterActionNotes>(Attributes ?? {});
    } catch (error) {
      if (isConditionFailure(error))
        throw new ConflictError(
          'someone else saved this report since you opened it; your text is below, copy what you need and reload',
        );
      throw error;
    }
  }
}
