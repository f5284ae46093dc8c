import { describe, expect, it } from 'vitest';
import { BENCH_SIZES, benchRegistry, benchRegistryFile } from '../../../bench/fanout-registry.js';
import { loadRegistry } from '../../../shared/config/load-registry.js';
import { resolveAudience } from '../../../shared/domain/targeting.js';

const citywide = (accounts: number) =>
  resolveAudience(benchRegistry(accounts), {
    category: 'weapons-call',
    status: 'Actual',
    severity: 'Severe',
    areas: [],
    citywide: true,
    languages: ['en', 'fr'],
  }).audience;

describe('the benchmark registries', () => {
  it('reach the 40 accounts and 36 topics of the sample city at 40', () => {
    const audience = citywide(40);
    expect(audience.accounts).toHaveLength(40);
    expect(audience.topics).toHaveLength(36);
  });

  it.each(BENCH_SIZES)(
    'reach %i accounts and 9 topics per 10 accounts, as the 40-account one does',
    (size) => {
      const audience = citywide(size);
      expect(audience.accounts).toHaveLength(size);
      expect(audience.topics).toHaveLength((size * 9) / 10);
    },
  );

  it('write a registry the runtime loads and validates', () => {
    const registry = loadRegistry(benchRegistryFile(120));
    expect(registry.divisions).toHaveLength(53);
    expect(new Set(registry.accounts.map((a) => a.handle)).size).toBe(registry.accounts.length);
  });
});
