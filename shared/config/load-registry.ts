import { readFileSync } from 'node:fs';
import { type Registry, RegistrySchema } from '../domain/registry.js';

export class RegistryLoadError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RegistryLoadError';
  }
}

/** Validates a parsed registry; the error message names every bad field by its path. */
export function parseRegistry(raw: unknown, source = 'registry'): Registry {
  const result = RegistrySchema.safeParse(raw);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
  throw new RegistryLoadError(`${source} is invalid:\n${lines.join('\n')}`);
}

/** Reads and validates a registry file. */
export function loadRegistry(path: string): Registry {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new RegistryLoadError(`cannot read registry file ${path}`, { cause });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (cause) {
    throw new RegistryLoadError(`${path} is not valid JSON: ${(cause as Error).message}`, { cause });
  }
  return parseRegistry(raw, path);
}
