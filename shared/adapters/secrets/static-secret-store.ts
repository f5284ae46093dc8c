import { NotFoundError } from '../../domain/errors.js';
import type { SecretStore } from '../../ports/channels.js';

/** Secrets held in memory: the local runtime fills it with the fake X's demo credentials. */
export class StaticSecretStore implements SecretStore {
  private readonly secrets: Map<string, unknown>;

  constructor(secrets: Record<string, unknown> = {}) {
    this.secrets = new Map(Object.entries(secrets));
  }

  set(name: string, value: unknown): void {
    this.secrets.set(name, value);
  }

  async getJson<T = unknown>(name: string): Promise<T> {
    if (!this.secrets.has(name)) throw new NotFoundError(`no secret named ${name}`);
    // A copy, so a caller cannot change what the next caller reads.
    return structuredClone(this.secrets.get(name)) as T;
  }
}
