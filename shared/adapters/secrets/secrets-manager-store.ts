import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { NotFoundError } from '../../domain/errors.js';
import type { SecretStore } from '../../ports/channels.js';
import { isAwsError, secretsSdk } from '../aws-sdk.js';

/**
 * Secrets from AWS Secrets Manager by name, cached for a bounded time so a rotated or revoked
 * credential is picked up within `ttlMs` without a fetch on every post.
 */
export class SecretsManagerStore implements SecretStore {
  private readonly cache = new Map<string, { value: unknown; until: number }>();

  constructor(
    private readonly client: SecretsManagerClient,
    private readonly ttlMs = 5 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  async getJson<T = unknown>(name: string): Promise<T> {
    const cached = this.cache.get(name);
    if (cached && cached.until > this.now()) return cached.value as T;
    let SecretString: string | undefined;
    try {
      ({ SecretString } = await this.client.send(
        new (await secretsSdk()).GetSecretValueCommand({ SecretId: name }),
      ));
    } catch (error) {
      // A missing secret is a configuration fault, not a passing one: do not retry it as transient.
      if (isAwsError(error, 'ResourceNotFoundException')) throw new NotFoundError(`no secret named ${name}`);
      throw error;
    }
    if (!SecretString) throw new Error(`secret ${name} has no string value`);
    const value: unknown = JSON.parse(SecretString);
    this.cache.set(name, { value, until: this.now() + this.ttlMs });
    return value as T;
  }
}
