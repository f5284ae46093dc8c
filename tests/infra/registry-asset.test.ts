import { spawnSync } from 'node:child_process';
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { App, Stack } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { afterAll, describe, expect, it } from 'vitest';
import { manifest } from '../../functions/manifest.js';
import type { AccessTargets } from '../../infra/aws/access-grants.js';
import { filesBesideBundle, REGISTRY_SOURCE, registryBesideBundle } from '../../infra/aws/bundling.js';
import { REPO_ROOT } from '../../infra/aws/herald-app.js';
import { HeraldFunction } from '../../infra/aws/herald-function.js';
import { SAMPLE_ORIGINATION_NUMBER } from '../../shared/config/load-registry.js';
import { httpEvent, lambdaContext, staffClaims } from '../fixtures/events.js';

// Each function's asset carries the registry beside its bundle (D29).

describe("the registry beside each function's bundle", () => {
  it('is copied by the afterBundling hook, and nothing runs before bundling', () => {
    expect(registryBesideBundle.beforeBundling('/asset-input', '/asset-output')).toEqual([]);
    expect(registryBesideBundle.beforeInstall('/asset-input', '/asset-output')).toEqual([]);
    expect(registryBesideBundle.afterBundling('/asset-input', '/asset-output')).toEqual([
      "cp '/asset-input/config/registry.json' '/asset-output/registry.json'",
    ]);
  });

  it('quotes paths for the shell', () => {
    expect(registryBesideBundle.afterBundling("/it's here", '/out dir')).toEqual([
      `cp '/it'\\''s here/config/registry.json' '/out dir/registry.json'`,
    ]);
  });

  it("ships the console's stylesheet beside the console's bundle alone", () => {
    expect(filesBesideBundle('console').afterBundling('/in', '/out')).toEqual([
      "cp '/in/config/registry.json' '/out/registry.json'",
      "cp '/in/web/assets/console.css' '/out/console.css'",
    ]);
    for (const { name } of manifest.filter((d) => d.name !== 'console')) {
      expect(filesBesideBundle(name).afterBundling('/in', '/out'), name).toEqual([
        "cp '/in/config/registry.json' '/out/registry.json'",
      ]);
    }
  });

  // The other infra tests give every function an inline stub (harness.ts), so this one function is
  // bundled for real, the way `npm run synth` bundles all of them: a few seconds.
  // Outside the repository, so the bundle can find no config/registry.json two levels up either.
  const outdir = mkdtempSync(path.join(tmpdir(), 'herald-registry-asset-'));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  /** api-meta's asset directory, bundled and synthesized once. */
  let assetDir: string | undefined;
  function bundledApiMeta(): string {
    if (assetDir) return assetDir;
    const definition = manifest.find((d) => d.name === 'api-meta');
    if (!definition) throw new Error('no api-meta in the manifest');
    expect(definition.access).toEqual({});
    // Asset metadata names each function's asset directory in the cloud assembly.
    const app = new App({ outdir, context: { 'aws:cdk:enable-asset-metadata': true } });
    const stack = new Stack(app, 'RegistryAsset');
    // api-meta has no access to grant, so no target is read.
    const { fn } = new HeraldFunction(stack, 'ApiMeta', {
      definition,
      code: { kind: 'bundle', repoRoot: REPO_ROOT },
      targets: {} as AccessTargets,
    });
    app.synth();
    const asset = (fn.node.defaultChild as lambda.CfnFunction).getMetadata('aws:asset:path') as string;
    assetDir = realpathSync(path.join(outdir, asset));
    return assetDir;
  }

  /** `GET /registry` against the bundle in a fresh `node`, as a cold start runs it. */
  function coldRegistryRequest(dir: string): {
    response: { statusCode: number; body: string };
    logs: string;
  } {
    const event = httpEvent({ routeKey: 'GET /registry', claims: staffClaims('comms.cleo', ['comms']) });
    const script = `
      const { handler } = await import(${JSON.stringify(pathToFileURL(path.join(dir, 'index.mjs')).href)});
      const context = { ...JSON.parse(process.env.CONTEXT), getRemainingTimeInMillis: () => 30000 };
      const response = await handler(JSON.parse(process.env.EVENT), context);
      process.stderr.write('RESPONSE ' + JSON.stringify(response));`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      env: {
        ...process.env,
        EVENT: JSON.stringify(event),
        CONTEXT: JSON.stringify(lambdaContext('api-meta')),
      },
      encoding: 'utf8',
    });
    const [logs = '', response] = run.stderr.split('RESPONSE ');
    if (!response) throw new Error(`the bundle did not answer:\n${run.stderr}`);
    return { response: JSON.parse(response), logs: run.stdout + logs };
  }

  it('lands in the synthesized asset next to index.mjs, the same bytes as config/registry.json', () => {
    const dir = bundledApiMeta();

    expect(readdirSync(dir).sort()).toEqual(['index.mjs', 'index.mjs.map', 'registry.json']);
    expect(readFileSync(path.join(dir, 'registry.json'), 'utf8')).toBe(
      readFileSync(path.join(REPO_ROOT, REGISTRY_SOURCE), 'utf8'),
    );
    // The bundle no longer carries the registry's content.
    const registry = JSON.parse(readFileSync(path.join(REPO_ROOT, REGISTRY_SOURCE), 'utf8'));
    expect(readFileSync(path.join(dir, 'index.mjs'), 'utf8')).not.toContain(registry.service.publicBaseUrl);
  }, 60_000);

  it('is what the bundled function serves at its first event, and without it the function names the file', () => {
    const dir = bundledApiMeta();
    const registry = JSON.parse(readFileSync(path.join(dir, 'registry.json'), 'utf8'));

    // The sample city's fictional origination number is refused at the cold start of a bundle.
    expect(registry.sms.originationNumber).toBe(SAMPLE_ORIGINATION_NUMBER);
    const sample = coldRegistryRequest(dir);
    expect(sample.response.statusCode).toBe(500);
    // The logger redacts the number itself, as it does every phone number.
    expect(sample.logs).toContain(
      "sms.originationNumber is [redacted], the sample registry's fictional number",
    );

    registry.sms.originationNumber = '+16135550123';
    writeFileSync(path.join(dir, 'registry.json'), JSON.stringify(registry));
    const served = coldRegistryRequest(dir);
    expect(served.response.statusCode).toBe(200);
    expect(JSON.parse(served.response.body).version).toBe(registry.version);

    renameSync(path.join(dir, 'registry.json'), path.join(dir, 'registry.json.away'));
    const missing = coldRegistryRequest(dir);
    expect(missing.response.statusCode).toBe(500);
    expect(missing.logs).toContain(`no registry file: neither ${path.join(dir, 'registry.json')}`);

    writeFileSync(path.join(dir, 'registry.json'), '{ "divisions": ');
    const invalid = coldRegistryRequest(dir);
    expect(invalid.response.statusCode).toBe(500);
    expect(invalid.logs).toContain(`${path.join(dir, 'registry.json')} is not valid JSON`);
  }, 60_000);
});
