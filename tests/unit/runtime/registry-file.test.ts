import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { RegistryLoadError, SAMPLE_ORIGINATION_NUMBER } from '../../../shared/config/load-registry.js';
import { buildAwsContext } from '../../../shared/runtime/aws-context.js';
import { readRegistryFile, registryFile } from '../../../shared/runtime/registry-file.js';

// Where a Lambda function finds its registry (D29), in a bundle's layout and in the source tree's.

const REPO_REGISTRY = fileURLToPath(new URL('../../../config/registry.json', import.meta.url));
const url = (file: string) => pathToFileURL(file).href;
const made: string[] = [];
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  made.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** The repository's registry with another origination number, as a deployment's would be. */
function withOriginationNumber(number: string): string {
  const registry = JSON.parse(readFileSync(REPO_REGISTRY, 'utf8'));
  registry.sms.originationNumber = number;
  return JSON.stringify(registry);
}

/** A deployed function's directory: index.mjs and, unless left out, the registry beside it. */
function bundleDir(registry: 'copy' | 'missing' | string): string {
  const dir = tempDir('herald-bundle-');
  writeFileSync(path.join(dir, 'index.mjs'), '');
  if (registry === 'copy') copyFileSync(REPO_REGISTRY, path.join(dir, 'registry.json'));
  else if (registry !== 'missing') writeFileSync(path.join(dir, 'registry.json'), registry);
  return dir;
}

describe('the registry file of a Lambda function', () => {
  it('is the one beside the bundle in a bundle', () => {
    const dir = bundleDir(withOriginationNumber('+16135550123'));

    expect(registryFile(url(path.join(dir, 'index.mjs')))).toBe(path.join(dir, 'registry.json'));
    expect(readRegistryFile(url(path.join(dir, 'index.mjs'))).divisions.length).toBeGreaterThan(0);
  });

  it("refuses the sample origination number beside a bundle, naming the field, and keeps it in the repository's", () => {
    const dir = bundleDir('copy');

    expect(() => readRegistryFile(url(path.join(dir, 'index.mjs')))).toThrow(RegistryLoadError);
    expect(() => readRegistryFile(url(path.join(dir, 'index.mjs')))).toThrow(
      `sms.originationNumber is ${SAMPLE_ORIGINATION_NUMBER}`,
    );
    // The local runtime and the tests read the repository's registry, sample number and all.
    expect(readRegistryFile().sms.originationNumber).toBe(SAMPLE_ORIGINATION_NUMBER);
  });

  it("is the repository's config/registry.json when the module runs unbundled", () => {
    expect(registryFile()).toBe(REPO_REGISTRY);
    // The context a handler's test builds reads it from there.
    expect(buildAwsContext({}, []).registry.version).toBeTruthy();
  });

  it('is looked for beside the module first, then two levels up under config/', () => {
    const root = tempDir('herald-tree-');
    mkdirSync(path.join(root, 'shared/runtime'), { recursive: true });
    mkdirSync(path.join(root, 'config'));
    copyFileSync(REPO_REGISTRY, path.join(root, 'config/registry.json'));
    const module = url(path.join(root, 'shared/runtime/registry-file.ts'));

    expect(registryFile(module)).toBe(path.join(root, 'config/registry.json'));
    copyFileSync(REPO_REGISTRY, path.join(root, 'shared/runtime/registry.json'));
    expect(registryFile(module)).toBe(path.join(root, 'shared/runtime/registry.json'));
  });

  it('fails at the cold start naming where it looked when the bundle shipped without it', () => {
    const dir = bundleDir('missing');
    const read = () => readRegistryFile(url(path.join(dir, 'index.mjs')));

    expect(read).toThrow(RegistryLoadError);
    expect(read).toThrow(
      `no registry file: neither ${path.join(dir, 'registry.json')} (beside the Lambda bundle)`,
    );
  });

  it('fails naming the file when it is not JSON', () => {
    const dir = bundleDir('{ "divisions": [');

    expect(() => readRegistryFile(url(path.join(dir, 'index.mjs')))).toThrow(
      `${path.join(dir, 'registry.json')} is not valid JSON`,
    );
  });

  it('fails naming the file and the bad field when it is not a registry', () => {
    const dir = bundleDir(JSON.stringify({ version: 1 }));

    expect(() => readRegistryFile(url(path.join(dir, 'index.mjs')))).toThrow(
      new RegExp(`^${path.join(dir, 'registry.json').replaceAll('.', '\\.')} is invalid:\\n {2}\\w+`),
    );
  });
});
