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

/**
 * The sample registry's origination number (config/registry.json): a fictional 555 number that no
 * carrier routes. It goes on every SMS and sign-up code, so a deployment carrying it sends nothing
 * that arrives. The local runtime and the tests run on it; a deployment refuses it.
 */
export const SAMPLE_ORIGINATION_NUMBER = '+15550100';

/** Throws when `registry` still carries the sample origination number; `where` says who refuses. */
export function refuseSampleOriginationNumber(registry: Registry, where: string): void {
  if (registry.sms.originationNumber !== SAMPLE_ORIGINATION_NUMBER) return;
  throw new RegistryLoadError(
    `${where}: sms.originationNumber is ${SAMPLE_ORIGINATION_NUMBER}, the sample registry's fictional number, and no SMS sent from it would arrive. ` +
      'Set it in config/registry.json to the number you requested in AWS End User Messaging SMS, in the Region you deploy to (docs/deploy.md, section 6.1), or remove the field to let SNS choose where the destination country allows it.',
  );
}
