import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { parseRegistry } from '../../../shared/config/load-registry.js';
import type { BroadcastKind, CapStatus } from '../../../shared/domain/vocabulary.js';
import { capDocument } from '../../../web/feeds/cap.js';
import { chain, notice, registry } from './public-notices.js';

/**
 * Every CAP document Herald can produce validates against the extended CAP 1.2 schema: each
 * category x status x kind (alert, update, correction, cancel, all-clear) x language set, each
 * both for divisions and city-wide. libxml2 (as WebAssembly) starts once per call, about 0.5 s,
 * so all documents go through one call.
 */

const SCHEMA_COPY = fileURLToPath(new URL('../../fixtures/cap/cap1.2-extended.xsd', import.meta.url));
const SCHEMA_SHARED = fileURLToPath(
  new URL('../../../../shared/reference/cap/cap1.2-extended.xsd', import.meta.url),
);

const STATUSES: CapStatus[] = ['Actual', 'Exercise', 'Test'];
const LANGUAGE_SETS = [['en'], ['fr'], ['en', 'fr']];
/** Each kind with the chain it ends: a follow-up references every broadcast before it. */
const CHAINS: Record<BroadcastKind, BroadcastKind[]> = {
  alert: ['alert'],
  update: ['alert', 'update'],
  correction: ['alert', 'update', 'correction'],
  cancel: ['alert', 'cancel'],
  'all-clear': ['alert', 'update', 'all-clear'],
};

function everyDocument(): { fileName: string; contents: string }[] {
  const documents: { fileName: string; contents: string }[] = [];
  for (const category of registry.categories)
    for (const status of STATUSES)
      for (const [kind, kinds] of Object.entries(CHAINS))
        for (const languages of LANGUAGE_SETS)
          for (const citywide of [false, true]) {
            const notices = chain(kinds, { category: category.id, status, languages, citywide });
            documents.push({
              fileName: `${category.id}.${status}.${kind}.${languages.join('+')}.${citywide ? 'citywide' : 'areas'}.xml`,
              contents: capDocument(notices.at(-1)!, notices, registry),
            });
          }
  return documents;
}

/**
 * The odd cases: an OID identifier prefix, no instruction, control characters, no polygon, and
 * texts that look like entity references (`R&D;` made the document unreadable before issue 17).
 */
function oddDocuments(): { fileName: string; contents: string }[] {
  const raw = structuredClone(registry) as any;
  raw.cap.identifierPrefix = 'urn:oid:2.49.0.1.124.9999.';
  delete raw.divisions[0].capArea.polygon;
  const other = parseRegistry(raw);
  const bare = notice({ areas: [registry.divisions[0]!.id], languages: ['en'] });
  bare.languages[0]!.instruction = '';
  bare.languages[0]!.description = 'Bell\u0007 and\u0000 escape\u001b characters';
  const followUp = chain(['alert', 'update', 'update', 'update', 'cancel']);
  const entityLike = notice({ languages: ['en'] });
  entityLike.languages[0]!.headline = 'R&D; campus closed &amp; &#65; &lt;';
  entityLike.languages[0]!.description = 'AT&T; store &nbsp; evacuated';
  return [
    { fileName: 'odd.entity-like-text.xml', contents: capDocument(entityLike, [], registry) },
    { fileName: 'odd.oid-no-instruction.xml', contents: capDocument(bare, [], other) },
    { fileName: 'odd.long-chain.xml', contents: capDocument(followUp.at(-1)!, followUp, other) },
  ];
}

describe('the CAP schema', () => {
  it('is the copy of ../shared/reference/cap kept in tests/fixtures/cap', () => {
    expect(existsSync(SCHEMA_COPY)).toBe(true);
  });

  it.skipIf(!existsSync(SCHEMA_SHARED))(
    'is identical to ../shared/reference/cap when that folder exists',
    () => {
      expect(readFileSync(SCHEMA_COPY).equals(readFileSync(SCHEMA_SHARED))).toBe(true);
    },
  );
});

describe('every CAP document Herald can produce', () => {
  it('validates against cap1.2-extended.xsd', async () => {
    const documents = [...everyDocument(), ...oddDocuments()];
    // A control: a document the schema must refuse (a `sent` in UTC written with Z), so a
    // validator that accepts everything cannot pass this test.
    const control = documents[0]!.contents.replace(/<sent>([^<]*)-00:00<\/sent>/, '<sent>$1Z</sent>');
    const started = performance.now();

    const result = await validateXML({
      xml: [...documents, { fileName: 'control.invalid.xml', contents: control }],
      schema: [{ fileName: 'cap1.2-extended.xsd', contents: readFileSync(SCHEMA_COPY, 'utf8') }],
    });

    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    console.info(
      `validated ${documents.length} CAP documents and a control in one xmllint call: ${seconds} s`,
    );
    const failed = [...result.rawOutput.matchAll(/^(\S+) fails to validate$/gm)].map((m) => m[1]);
    const firstErrors = result.errors.filter((e) => e.loc?.fileName !== 'control.invalid.xml').slice(0, 5);
    expect(firstErrors.map((e) => e.rawMessage)).toEqual([]);
    expect(failed).toEqual(['control.invalid.xml']);
    // 7 categories x 3 statuses x 5 kinds x 3 language sets x (divisions, city-wide), plus the odd ones.
    expect(documents).toHaveLength(registry.categories.length * 3 * 5 * 3 * 2 + 3);
  });
});
