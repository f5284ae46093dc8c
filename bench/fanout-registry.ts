import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_REGISTRY_FILE } from '../infra/local/runtime.js';
import { loadRegistry } from '../shared/config/load-registry.js';

/**
 * The sample registry with one category reaching 22 of the 23 units: a city-wide broadcast of it
 * reaches 17 divisions + 22 units + headquarters = 40 accounts, and every area topic.
 */
export function fortyAccountRegistryFile(): string {
  const registry = loadRegistry(DEFAULT_REGISTRY_FILE);
  const category = registry.categories.find((c) => c.id === 'weapons-call');
  if (!category) throw new Error('the sample registry has no weapons-call category');
  category.units = registry.units.slice(0, 22).map((u) => u.id);
  const file = join(mkdtempSync(join(tmpdir(), 'herald-bench-')), 'registry.json');
  writeFileSync(file, JSON.stringify(registry));
  return file;
}
