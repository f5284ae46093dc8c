import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadRegistry, RegistryLoadError, refuseSampleOriginationNumber } from '../config/load-registry.js';
import type { Registry } from '../domain/registry.js';

/** Where a Lambda function reads its registry (D29): a file shipped beside its bundle. */

/** The registry's name beside a Lambda bundle's index.mjs; the CDK construct copies it there. */
export const REGISTRY_BESIDE_BUNDLE = 'registry.json';

/**
 * The registry file of the code at `moduleUrl`: the first of two places that exists.
 *
 * - Beside the bundle: in a Lambda bundle every module's `import.meta.url` is the bundle's own
 *   index.mjs, and the construct ships `registry.json` next to it.
 * - The repository's `config/registry.json`: unbundled (tests under vitest or tsx import the
 *   handlers), `import.meta.url` is this file in `shared/runtime/`, two levels below the root.
 *
 * Looking at both instead of a flag the bundler defines keeps one code path for both cases, and
 * each place can only exist in its own case (a bundle has no `config/` two levels up, the source
 * tree has no `registry.json` in `shared/runtime/`). When neither exists the error names both, so
 * a function deployed without its registry says where it looked.
 */
export function registryFile(moduleUrl: string = import.meta.url, exists = existsSync): string {
  const candidates = [
    fileURLToPath(new URL(`./${REGISTRY_BESIDE_BUNDLE}`, moduleUrl)),
    fileURLToPath(new URL('../../config/registry.json', moduleUrl)),
  ];
  const found = candidates.find((candidate) => exists(candidate));
  if (found) return found;
  throw new RegistryLoadError(
    `no registry file: neither ${candidates[0]} (beside the Lambda bundle) nor ${candidates[1]} ` +
      '(the repository, unbundled) exists',
  );
}

/**
 * Reads and validates the registry of the code at `moduleUrl`; errors name the file. A deployed
 * bundle's registry (the one beside it) may not carry the sample origination number: the function
 * fails at its cold start, naming the field, rather than send SMS that never arrive. The
 * repository's registry, which the local runtime and the tests read, keeps it.
 */
export function readRegistryFile(moduleUrl: string = import.meta.url, exists = existsSync): Registry {
  const file = registryFile(moduleUrl, exists);
  const registry = loadRegistry(file);
  if (file === fileURLToPath(new URL(`./${REGISTRY_BESIDE_BUNDLE}`, moduleUrl)))
    refuseSampleOriginationNumber(registry, `${file} (deployed)`);
  return registry;
}
