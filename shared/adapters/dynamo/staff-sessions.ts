import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../../domain/errors.js';
import type { SignInAttempt, StaffSession } from '../../domain/staff-session.js';
import type { SessionStore, SignInAttemptStore } from '../../ports/staff-sessions.js';
import type { Clock } from '../../ports/system.js';
import { documentSdk } from '../aws-sdk.js';
import { keys, PURGE_AT_ATTRIBUTE, stripKeys } from './keys.js';
import { appliedIf, isConditionFailure } from './table-calls.js';

/**
 * Console sessions and sign-ins in progress (docs/architecture.md D30), one item each, under the
 * SHA-256 of the browser's secret: a table read yields nothing a browser could present. Items are
 * purged a day after they end (the table's TTL, housekeeping only): the use cases and `take` check
 * the times themselves, since AWS deletes lazily and dynalite never.
 */

const PURGE_MARGIN_S = 86_400;

const purgeAt = (iso: string) => Math.floor(Date.parse(iso) / 1000) + PURGE_MARGIN_S;

function withoutPlumbing<T>(item: Record<string, unknown>): T {
  const { [PURGE_AT_ATTRIBUTE]: _purge, ...rest } = stripKeys<Record<string, unknown>>(item);
  return rest as T;
}

export class DynamoSessionStore implements SessionStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(session: StaffSession): Promise<void> {
    try {
      await this.db.send(
        new (await documentSdk()).PutCommand({
          TableName: this.tableName,
          Item: {
            ...keys.staffSession(session.key),
            ...session,
            [PURGE_AT_ATTRIBUTE]: purgeAt(session.expiresAt),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      // 256 random bits do not collide; a second create of one key is a bug, never an overwrite.
      if (isConditionFailure(error)) throw new ConflictError('a session with this key exists already');
      throw error;
    }
  }

  async get(key: string): Promise<StaffSession | undefined> {
    const { Item } = await this.db.send(
      new (await documentSdk()).GetCommand({
        TableName: this.tableName,
        Key: keys.staffSession(key),
        ConsistentRead: true,
      }),
    );
    return Item ? withoutPlumbing<StaffSession>(Item) : undefined;
  }

  async touch(
    key: string,
    seenLastActiveAt: string,
    lastActiveAt: string,
    idleExpiresAt: string,
  ): Promise<boolean> {
    return appliedIf(
      this.db.send(
        new (await documentSdk()).UpdateCommand({
          TableName: this.tableName,
          Key: keys.staffSession(key),
          UpdateExpression: 'SET lastActiveAt = :now, idleExpiresAt = :idle',
          // Fails on a session that is gone as well: the attribute is absent then.
          ConditionExpression: 'lastActiveAt = :seen',
          ExpressionAttributeValues: {
            ':now': lastActiveAt,
            ':idle': idleExpiresAt,
            ':seen': seenLastActiveAt,
          },
        }),
      ),
    );
  }

  async end(key: string): Promise<void> {
    // Conditional so that ending an ended session writes nothing; either way it is gone.
    await appliedIf(
      this.db.send(
        new (await documentSdk()).DeleteCommand({
          TableName: this.tableName,
          Key: keys.staffSession(key),
          ConditionExpression: 'attribute_exists(pk)',
        }),
      ),
    );
  }
}

export class DynamoSignInAttemptStore implements SignInAttemptStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly clock: Clock,
  ) {}

  async start(stateKey: string, attempt: SignInAttempt): Promise<void> {
    try {
      await this.db.send(
        new (await documentSdk()).PutCommand({
          TableName: this.tableName,
          Item: {
            ...keys.signInAttempt(stateKey),
            ...attempt,
            [PURGE_AT_ATTRIBUTE]: purgeAt(attempt.expiresAt),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) throw new ConflictError('a sign-in with this state exists already');
      throw error;
    }
  }

  async take(stateKey: string): Promise<SignInAttempt | undefined> {
    // One DeleteItem returning what it deleted: of two callbacks racing with the same state, only
    // one gets the attempt back, so a code can be traded for a session once.
    try {
      const { Attributes } = await this.db.send(
        new (await documentSdk()).DeleteCommand({
          TableName: this.tableName,
          Key: keys.signInAttempt(stateKey),
          ConditionExpression: 'attribute_exists(pk)',
          ReturnValues: 'ALL_OLD',
        }),
      );
      if (!Attributes) return undefined;
      const attempt = withoutPlumbing<SignInAttempt>(Attributes);
      return Date.parse(attempt.expiresAt) > this.clock.now().getTime() ? attempt : undefined;
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  }
}
