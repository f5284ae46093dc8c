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

/** Synthesizes with cdk-nag; on failure, the findings (the thrown error only names the report file). */
function nagFindings(context?: Record<string, string>): { violations: string[]; failure: unknown } {
  const { app } = buildTestApp([...manifest, ...syntheticFunctions], {
    nag: true,
    ...(context ? { context } : {}),
  });
  try {
    app.synth();
    return { violations: [], failure: undefined };
  } catch (error) {
    return { violations: reportedViolations(app.outdir), failure: error };
  }
}

describe('cdk-nag (AwsSolutions)', () => {
  it('leaves no finding unacknowledged, for the manifest and for functions using every access field', () => {
    const { violations, failure } = nagFindings();
    expect(violations).toEqual([]);
    expect(failure).toBeUndefined();
  });

  it('leaves none with the public site on a custom domain (its TLS policy is then set, not acknowledged)', () => {
    const { violations, failure } = nagFindings({
      publicSiteDomain: 'alerts.example.org',
      publicSiteCertificateArn:
        'arn:aws:acm:us-east-1:111122223333:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789',
    });
    expect(violations).toEqual([]);
    expect(failure).toBeUndefined();
  });
});
