import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { manifest } from '../../functions/manifest.js';
import { buildTestApp } from './harness.js';
import { syntheticFunctions } from './synthetic-manifest.js';

/** Violations CDK left in its validation report (acknowledged findings are not in it). */
function reportedViolations(outdir: string): string[] {
  const file = ['validation-report.json', 'policy-validation-report.json']
    .map((name) => path.join(outdir, name))
    .find(existsSync);
  if (!file) return [];
  const report = JSON.parse(readFileSync(file, 'utf8')) as {
    pluginReports?: {
      violations?: { ruleName: string; violatingResources?: { constructPath?: string }[] }[];
    }[];
  };
  return (report.pluginReports ?? []).flatMap((p) =>
    (p.violations ?? []).flatMap((v) =>
      (v.violatingResources ?? []).map((r) => `${v.ruleName} at ${r.constructPath ?? '?'}`),
    ),
  );
}

describe('cdk-nag (AwsSolutions)', () => {
  it('leaves no finding unacknowledged, for the manifest and for functions using every access field', () => {
    const { app } = buildTestApp([...manifest, ...syntheticFunctions], { nag: true });
    let failure: unknown;
    try {
      app.synth();
    } catch (error) {
      failure = error;
    }
    // On failure, list the findings (the thrown error only names the report file).
    expect(failure ? reportedViolations(app.outdir) : []).toEqual([]);
    expect(failure).toBeUndefined();
  });
});
