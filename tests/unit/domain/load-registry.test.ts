import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRegistry, parseRegistry, RegistryLoadError } from '../../../shared/config/load-registry.js';

const registryPath = fileURLToPath(new URL('../../../config/registry.json', import.meta.url));

/** A registry copy that tests deliberately break. */
type RawRegistry = any;

/** A fresh, mutable copy of the sample registry as it is on disk. */
function sampleRaw(): RawRegistry {
  return JSON.parse(readFileSync(registryPath, 'utf8'));
}

/** Breaks a copy of the sample registry and returns the message of the resulting RegistryLoadError. */
function failureOf(breakIt: (raw: RawRegistry) => void): string {
  const raw = sampleRaw();
  breakIt(raw);
  try {
    parseRegistry(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(RegistryLoadError);
    return (error as RegistryLoadError).message;
  }
  throw new Error('expected a RegistryLoadError, but the broken registry was accepted');
}

const scratch = mkdtempSync(join(tmpdir(), 'herald-registry-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('loading the sample registry', () => {
  const registry = loadRegistry(registryPath);

  it('has the 17 divisions', () => {
    expect(registry.divisions).toHaveLength(17);
  });

  it('has the 23 units', () => {
    expect(registry.units).toHaveLength(23);
  });

  it('has a headquarters account', () => {
    const account = registry.accounts.find((a) => a.id === registry.headquarters.accountId);

    expect(account?.kind).toBe('headquarters');
  });

  it('speaks English and French', () => {
    expect(registry.languages.map((l) => l.code)).toEqual(['en', 'fr']);
  });

  it('has at least the seven sample categories', () => {
    const ids = registry.categories.map((c) => c.id);

    expect(ids).toEqual(
      expect.arrayContaining([
        'weapons-call',
        'missing-person',
        'collision',
        'road-closure',
        'domestic-violence',
        'public-safety',
        'severe-weather',
      ]),
    );
  });

  it('points every division and unit at an account of its kind', () => {
    const kinds = new Map(registry.accounts.map((a) => [a.id, a.kind]));

    for (const division of registry.divisions) expect(kinds.get(division.accountId)).toBe('division');
    for (const unit of registry.units) expect(kinds.get(unit.accountId)).toBe('unit');
  });

  it('has a sandbox account for every role', () => {
    const kinds = new Map(registry.accounts.map((a) => [a.id, a.kind]));
    const { divisions, units, headquarters } = registry.sandbox.accounts;

    expect([divisions, units, headquarters].map((id) => kinds.get(id))).toEqual([
      'sandbox',
      'sandbox',
      'sandbox',
    ]);
  });

  it('marks every sample division outline as illustrative', () => {
    expect(registry.divisions.every((d) => d.capArea.polygon?.illustrative === true)).toBe(true);
  });

  it('gives the same registry through parseRegistry', () => {
    expect(parseRegistry(sampleRaw())).toEqual(registry);
  });
});

describe('parsing a broken registry', () => {
  it('names a division that points at an unknown account', () => {
    const message = failureOf((raw) => {
      raw.divisions[3].accountId = 'div-404';
    });

    expect(message).toContain('divisions.3.accountId');
    expect(message).toContain('div-404');
  });

  it('names a division that points at an account of another kind', () => {
    const message = failureOf((raw) => {
      raw.divisions[3].accountId = 'unit-homicide';
    });

    expect(message).toContain('divisions.3.accountId');
    expect(message).toContain('expected division');
  });

  it('names a division without its French name', () => {
    const message = failureOf((raw) => {
      delete raw.divisions[5].name.fr;
    });

    expect(message).toContain('divisions.5.name.fr');
  });

  it('names a category without its French name', () => {
    const message = failureOf((raw) => {
      delete raw.categories[1].name.fr;
    });

    expect(message).toContain('categories.1.name.fr');
  });

  it('names an unknown unit in a category', () => {
    const message = failureOf((raw) => {
      raw.categories[2].units = ['traffic-services', 'flying-squad'];
    });

    expect(message).toContain('categories.2.units.1');
    expect(message).toContain('flying-squad');
  });

  it('names an unknown top-level field', () => {
    const message = failureOf((raw) => {
      raw.colour = 'blue';
    });

    expect(message).toContain('colour');
  });

  it('names an unknown field inside a division', () => {
    const message = failureOf((raw) => {
      raw.divisions[0].twitter = 'Div11';
    });

    expect(message).toContain('divisions.0');
    expect(message).toContain('twitter');
  });

  it('names a bad X handle', () => {
    const message = failureOf((raw) => {
      raw.accounts[2].handle = '@not a handle';
    });

    expect(message).toContain('accounts.2.handle');
  });

  it('names a handle longer than X allows', () => {
    const message = failureOf((raw) => {
      raw.accounts[0].handle = 'A'.repeat(16);
    });

    expect(message).toContain('accounts.0.handle');
  });

  it('names a duplicate division id', () => {
    const message = failureOf((raw) => {
      raw.divisions[1].id = raw.divisions[0].id;
    });

    expect(message).toContain('divisions.1.id');
  });

  it('names a sandbox role that points at a live account', () => {
    const message = failureOf((raw) => {
      raw.sandbox.accounts.divisions = 'div-14';
    });

    expect(message).toContain('sandbox.accounts.divisions');
  });

  it('names a headquarters that points at an unknown account', () => {
    const message = failureOf((raw) => {
      raw.headquarters.accountId = 'nowhere';
    });

    expect(message).toContain('headquarters.accountId');
  });

  it('names a public base URL that is not https', () => {
    const message = failureOf((raw) => {
      raw.service.publicBaseUrl = 'http://alerts.example.org';
    });

    expect(message).toContain('service.publicBaseUrl');
  });

  it('names a missing section', () => {
    const message = failureOf((raw) => {
      delete raw.categories;
    });

    expect(message).toContain('categories');
  });

  it('names every bad field at once', () => {
    const message = failureOf((raw) => {
      raw.divisions[3].accountId = 'div-404';
      raw.accounts[2].handle = '@bad';
    });

    expect(message).toContain('divisions.3.accountId');
    expect(message).toContain('accounts.2.handle');
  });

  it('starts the message with the source it was given', () => {
    const raw = sampleRaw();
    raw.divisions[3].accountId = 'div-404';

    expect(() => parseRegistry(raw, 'config/registry.json')).toThrow(/^config\/registry\.json is invalid/);
  });

  it('refuses something that is not an object', () => {
    expect(() => parseRegistry(null)).toThrow(RegistryLoadError);
    expect(() => parseRegistry([])).toThrow(RegistryLoadError);
  });

  it('names a division whose CAP area description is 50 characters or more', () => {
    const message = failureOf((raw) => {
      raw.divisions[2].capArea.description.fr = 'x'.repeat(50);
    });

    expect(message).toContain('divisions.2.capArea.description.fr');
    expect(message).toContain('under 50 characters');
  });

  it('names a division without its French CAP area description', () => {
    const message = failureOf((raw) => {
      delete raw.divisions[4].capArea.description.fr;
    });

    expect(message).toContain('divisions.4.capArea.description.fr');
  });

  it('names a polygon that is not a closed ring', () => {
    const message = failureOf((raw) => {
      raw.divisions[0].capArea.polygon.points.pop();
    });

    expect(message).toContain('divisions.0.capArea.polygon.points');
    expect(message).toContain('closed ring');
  });

  it('names a polygon point off the globe', () => {
    const message = failureOf((raw) => {
      raw.divisions[0].capArea.polygon.points[1] = [43.6, -190];
    });

    expect(message).toContain('divisions.0.capArea.polygon.points.1.1');
  });

  it('names a CAP sender with a space in it', () => {
    const message = failureOf((raw) => {
      raw.cap.senderId = 'police alerts';
    });

    expect(message).toContain('cap.senderId');
  });

  it('names a category without a CAP-CP event code', () => {
    const message = failureOf((raw) => {
      delete raw.categories[0].capEventCode;
    });

    expect(message).toContain('categories.0.capEventCode');
  });

  it('names a CAP-CP event code with a space in it', () => {
    const message = failureOf((raw) => {
      raw.categories[1].capEventCode = 'missing person';
    });

    expect(message).toContain('categories.1.capEventCode');
  });

  it('defaults the CAP-CP codes, the location value name and the language region', () => {
    const raw = sampleRaw();
    delete raw.cap.codes;
    delete raw.cap.eventCodeValueName;
    delete raw.cap.languageRegion;
    delete raw.cap.city.geocodes[0].valueName;

    const { cap } = parseRegistry(raw);

    expect(cap.codes).toEqual(['profile:CAP-CP:0.4']);
    expect(cap.eventCodeValueName).toBe('profile:CAP-CP:Event:0.4');
    expect(cap.languageRegion).toBe('CA');
    expect(cap.identifierPrefix).toBe('');
    expect(cap.city.geocodes).toEqual([{ valueName: 'profile:CAP-CP:Location:0.3', value: '3520005' }]);
  });

  it('defaults the SMS part budget to two', () => {
    const raw = sampleRaw();
    // The spend limit stays: the sample's sign-up code budget is sized against it (D34).
    raw.sms = { monthlySpendLimitUsd: raw.sms.monthlySpendLimitUsd };

    expect(parseRegistry(raw).sms.maxParts).toBe(2);
  });
});

describe('reading a registry file', () => {
  it('explains that a missing file cannot be read', () => {
    const missing = join(scratch, 'missing.json');

    expect(() => loadRegistry(missing)).toThrow(RegistryLoadError);
    expect(() => loadRegistry(missing)).toThrow(`cannot read registry file ${missing}`);
  });

  it('explains that a file is not valid JSON', () => {
    const broken = join(scratch, 'broken.json');
    writeFileSync(broken, '{ "version": "1", ');

    expect(() => loadRegistry(broken)).toThrow(RegistryLoadError);
    expect(() => loadRegistry(broken)).toThrow(`${broken} is not valid JSON`);
  });

  it('names the file and the bad field of an invalid registry', () => {
    const raw = sampleRaw();
    raw.divisions[3].accountId = 'div-404';
    const invalid = join(scratch, 'invalid.json');
    writeFileSync(invalid, JSON.stringify(raw));

    expect(() => loadRegistry(invalid)).toThrow(RegistryLoadError);
    expect(() => loadRegistry(invalid)).toThrow(`${invalid} is invalid`);
    expect(() => loadRegistry(invalid)).toThrow('divisions.3.accountId');
  });

  it('loads a valid copy from anywhere on disk', () => {
    const copy = join(scratch, 'copy.json');
    writeFileSync(copy, readFileSync(registryPath, 'utf8'));

    expect(loadRegistry(copy).divisions).toHaveLength(17);
  });
});
