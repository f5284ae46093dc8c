import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { manifest } from '../../functions/manifest.js';
import { REPO_ROOT } from '../../infra/aws/herald-app.js';
import { loadRegistry, parseRegistry } from '../../shared/config/load-registry.js';
import type { Registry } from '../../shared/domain/registry.js';
import { allTopics } from '../../shared/domain/topics.js';
import { buildTestApp } from './harness.js';

/**
 * Adding or removing an X account or a division is one deploy (docs/architecture.md D38): the
 * stateless stack names the topics and X secrets it uses instead of importing them, so the
 * stateful stack never exports one, and no deploy can fail with "export ... is in use".
 */
const registry = loadRegistry(`${REPO_ROOT}/config/registry.json`);

/** The sample city without division 11 and its X account `div-11`. */
function withoutDivision(from: Registry, divisionId: string): Registry {
  const raw = structuredClone(from) as Registry & Record<string, unknown>;
  const division = raw.divisions.find((d) => d.id === divisionId);
  if (!division) throw new Error(`no division ${divisionId}`);
  return parseRegistry({
    ...raw,
    divisions: raw.divisions.filter((d) => d.id !== divisionId),
    accounts: raw.accounts.filter((a) => a.id !== division.accountId),
  });
}

type Json = Record<string, any>;
function synth(of: Registry) {
  const { stateful, stateless } = buildTestApp(manifest, { registry: of });
  return {
    stateful: Template.fromStack(stateful).toJSON(),
    stateless: Template.fromStack(stateless).toJSON(),
  };
}

/** Export name to the logical id of the stateful resource its value refers to. */
function exportsOf(template: Json): Map<string, string> {
  return new Map(
    (Object.values(template.Outputs ?? {}) as Json[])
      .filter((o: Json) => o.Export)
      .map((o: Json) => {
        const value = o.Value;
        const target = value.Ref ?? value['Fn::GetAtt']?.[0] ?? JSON.stringify(value);
        return [o.Export.Name as string, target as string];
      }),
  );
}

function importsOf(template: Json): string[] {
  const found: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if (key === 'Fn::ImportValue') found.push(inner as string);
        else walk(inner);
      }
    }
  };
  walk(template.Resources);
  walk(template.Outputs);
  return found;
}

describe('registry changes never meet an export in use', () => {
  const reduced = withoutDivision(registry, '11');
  const full = synth(registry);
  const less = synth(reduced);

  it('the reduced registry really lacks a division, its X account and its topics', () => {
    expect(reduced.divisions).toHaveLength(registry.divisions.length - 1);
    expect(reduced.accounts.map((a) => a.id)).not.toContain('div-11');
    const gone = allTopics(registry)
      .map((t) => t.name)
      .filter((name) => !allTopics(reduced).some((t) => t.name === name));
    expect(gone.length).toBeGreaterThan(0);
    const secretNames = (t: Json) =>
      (Object.values(t.Resources) as Json[])
        .filter((r: Json) => r.Type === 'AWS::SecretsManager::Secret')
        .map((r: Json) => r.Properties.Name);
    expect(secretNames(full.stateful)).toContain('herald/x/div-11');
    expect(secretNames(less.stateful)).not.toContain('herald/x/div-11');
  });

  it('the stateful stack exports the same names with and without them: removing them drops no export', () => {
    expect([...exportsOf(less.stateful).keys()].sort()).toEqual([...exportsOf(full.stateful).keys()].sort());
  });

  it('no export is a topic, an X secret or anything else the registry adds and removes', () => {
    for (const { stateful } of [full, less]) {
      for (const [name, target] of exportsOf(stateful)) {
        const type = stateful.Resources[target]?.Type;
        expect(type, name).not.toBe('AWS::SecretsManager::Secret');
        // The ops topic is fixed; audience topics are named after registry areas and languages.
        if (type === 'AWS::SNS::Topic')
          expect(stateful.Resources[target].Properties.TopicName, name).toBeUndefined();
      }
    }
  });

  it('the stateless stack imports only those fixed exports', () => {
    for (const { stateful, stateless } of [full, less]) {
      const exported = exportsOf(stateful);
      for (const imported of importsOf(stateless)) expect(exported.has(imported), imported).toBe(true);
    }
  });
});
