import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_REGISTRY_FILE } from '../infra/local/runtime.js';
import { loadRegistry } from '../shared/config/load-registry.js';
import type { Registry } from '../shared/domain/registry.js';

/** The benchmark registry sizes `bench:fanout` knows (HERALD_BENCH_TARGETS): X accounts reached. */
export const BENCH_SIZES = [40, 120, 400] as const;

/**
 * The sample registry with one category reaching 22 of the 23 units: a city-wide broadcast of it
 * reaches 17 divisions + 22 units + headquarters = 40 accounts, and every area topic.
 */
export function fortyAccountRegistryFile(): string {
  return benchRegistryFile(40);
}

/**
 * A registry where a city-wide `weapons-call` broadcast reaches `accounts` X accounts and, in the
 * proportions of the 40-account one (17 divisions, 22 units, headquarters; 36 topics), 9 topics
 * per 10 accounts: `accounts` x 0.45 areas (divisions, city-wide included), times 2 languages.
 * 40 gives the sample city's own divisions; larger sizes add numbered divisions and units.
 */
export function benchRegistry(accounts: number): Registry {
  const registry = loadRegistry(DEFAULT_REGISTRY_FILE);
  const divisions = Math.round(accounts * 0.45) - 1;
  const units = accounts - divisions - 1;
  if (divisions < 1 || units < 1)
    throw new Error(`a benchmark registry needs at least 4 accounts, not ${accounts}`);
  const category = registry.categories.find((c) => c.id === 'weapons-call');
  const [division, unit] = [registry.divisions[0], registry.units[0]];
  if (!category || !division || !unit) throw new Error('the sample registry has no weapons-call category');

  for (let i = registry.divisions.length; i < divisions; i++) {
    const id = `bench-${i}`;
    const accountId = `bench-div-${i}`;
    registry.accounts.push({
      id: accountId,
      handle: `BenchDiv${i}`,
      kind: 'division',
      name: `Division ${i}`,
    });
    registry.divisions.push({
      ...division,
      id,
      accountId,
      name: { en: `Division ${i}`, fr: `Division ${i}` },
    });
  }
  registry.divisions = registry.divisions.slice(0, divisions);
  for (let i = registry.units.length; i < units; i++) {
    const accountId = `bench-unit-${i}`;
    registry.accounts.push({ id: accountId, handle: `BenchUnit${i}`, kind: 'unit', name: `Unit ${i}` });
    registry.units.push({ id: `bench-unit-${i}`, accountId, name: { en: `Unit ${i}`, fr: `Unité ${i}` } });
  }
  category.units = registry.units.slice(0, units).map((u) => u.id);
  return registry;
}

/** `benchRegistry(accounts)` written to a temporary file, for the local runtime to load. */
export function benchRegistryFile(accounts: number): string {
  const file = join(mkdtempSync(join(tmpdir(), 'herald-bench-')), 'registry.json');
  writeFileSync(file, JSON.stringify(benchRegistry(accounts)));
  return file;
}
