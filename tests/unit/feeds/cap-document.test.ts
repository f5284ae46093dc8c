import { describe, expect, it } from 'vitest';
import { parseRegistry } from '../../../shared/config/load-registry.js';
import type { BroadcastKind, CapStatus } from '../../../shared/domain/vocabulary.js';
import { capDocument } from '../../../web/feeds/cap.js';
import { chain, notice, registry } from './public-notices.js';
import { asArray, xmlObject } from './xml-objects.js';

/** The CAP document of a chain's last notice, parsed. */
function capOf(kinds: BroadcastKind[], options: Parameters<typeof chain>[1] = {}) {
  const notices = chain(kinds, options);
  return xmlObject(capDocument(notices.at(-1)!, notices, registry)).alert;
}

const TEXT_ELEMENTS = ['language', 'event', 'senderName', 'headline', 'description', 'instruction', 'web'];

/** An `info` without what CAP-CP lets differ between languages: its texts and area descriptions. */
function nonText(info: any): Record<string, unknown> {
  const rest = Object.fromEntries(Object.entries(info).filter(([key]) => !TEXT_ELEMENTS.includes(key)));
  return { ...rest, area: asArray(info.area).map(({ areaDesc: _, ...area }) => area) };
}

describe('a CAP document', () => {
  it('names the broadcast, its sender and when it was sent, in CAP form without milliseconds', () => {
    const alert = capOf(['alert']);

    expect(alert['@xmlns']).toBe('urn:oasis:names:tc:emergency:cap:1.2');
    expect(alert.identifier).toBe('bc_0000000000aaaaaaaaaaaaaa00');
    expect(alert.sender).toBe('alerts@police.example.org');
    expect(alert.sent).toBe('2026-12-03T17:26:35-00:00');
    expect(alert.scope).toBe('Public');
    expect(alert.code).toBe('profile:CAP-CP:0.4');
    expect(alert.incidents).toBe('inc_0000000000aaaaaaaaaaaaaaaa');
  });

  it('puts the registry prefix before the broadcast id', () => {
    const raw = structuredClone(registry) as any;
    raw.cap.identifierPrefix = 'urn:oid:2.49.0.1.124.9999.';
    const alert = xmlObject(capDocument(notice(), [], parseRegistry(raw))).alert;

    expect(alert.identifier).toBe('urn:oid:2.49.0.1.124.9999.bc_0000000000aaaaaaaaaaaaaaaa');
  });

  it.each([
    ['alert', 'Alert'],
    ['update', 'Update'],
    ['correction', 'Update'],
    ['cancel', 'Cancel'],
    ['all-clear', 'Update'],
  ] as const)('says a %s is msgType %s', (kind, msgType) => {
    const kinds: BroadcastKind[] = kind === 'alert' ? ['alert'] : ['alert', kind];

    expect(capOf(kinds).msgType).toBe(msgType);
  });

  it('says an all-clear is one with responseType AllClear, and nothing else is', () => {
    expect(asArray(capOf(['alert', 'all-clear']).info).map((i: any) => i.responseType)).toEqual([
      'AllClear',
      'AllClear',
    ]);
    expect(asArray(capOf(['alert', 'update']).info).map((i: any) => i.responseType)).toEqual([
      undefined,
      undefined,
    ]);
  });

  it.each(['Exercise', 'Test'] as CapStatus[])(
    'keeps %s as it is and says it is not real in note',
    (status) => {
      for (const kinds of [['alert'], ['alert', 'update'], ['alert', 'cancel']] as BroadcastKind[][]) {
        const alert = capOf(kinds, { status });

        expect(alert.status).toBe(status);
        expect(alert.note).toMatch(/not a real alert/);
      }
    },
  );

  it('has no note when the alert is real', () => {
    expect(capOf(['alert']).note).toBeUndefined();
  });
});

describe('the references of a CAP document', () => {
  it('are absent from the first alert', () => {
    expect(capOf(['alert']).references).toBeUndefined();
  });

  it("list every earlier broadcast of the chain, oldest first, as each one's own sender,identifier,sent", () => {
    const notices = chain(['alert', 'update', 'correction', 'cancel']);
    const documents = notices.map((n) => xmlObject(capDocument(n, notices, registry)).alert);
    const own = documents.map((d) => `${d.sender},${d.identifier},${d.sent}`);

    expect(documents[3].references).toBe(own.slice(0, 3).join(' '));
    expect(documents[1].references).toBe(own[0]);
  });

  it('leave out what came after, when given the whole chain', () => {
    const notices = chain(['alert', 'update', 'all-clear']);
    const second = xmlObject(capDocument(notices[1]!, notices, registry)).alert;

    expect(second.references).toBe(
      'alerts@police.example.org,bc_0000000000aaaaaaaaaaaaaa00,2026-12-03T17:26:35-00:00',
    );
  });

  it("refuse another incident's broadcast in the chain", () => {
    const stranger = notice({ id: 'bc_stranger', incidentId: 'inc_other' });
    const follow = notice({ id: 'bc_follow', kind: 'update' });

    expect(() => capDocument(follow, [stranger], registry)).toThrow(/belongs to incident inc_other/);
  });
});

describe('the info blocks of a CAP document', () => {
  it('are one per language, en-CA then fr-CA, in the broadcast order', () => {
    expect(asArray(capOf(['alert']).info).map((i: any) => i.language)).toEqual(['en-CA', 'fr-CA']);
    expect(asArray(capOf(['alert'], { languages: ['fr'] }).info).map((i: any) => i.language)).toEqual([
      'fr-CA',
    ]);
    expect(asArray(capOf(['alert'], { languages: ['en'] }).info).map((i: any) => i.language)).toEqual([
      'en-CA',
    ]);
  });

  it('carry the same non-text content in every language', () => {
    for (const category of registry.categories) {
      for (const citywide of [false, true]) {
        const [en, fr] = asArray(capOf(['alert', 'update'], { category: category.id, citywide }).info);

        expect(nonText(fr)).toEqual(nonText(en));
        expect(nonText(en).eventCode).toEqual({
          valueName: 'profile:CAP-CP:Event:0.4',
          value: category.capEventCode,
        });
      }
    }
  });

  it('carry the approved texts, the localized event and sender, and the page in that language', () => {
    const [en, fr] = asArray(capOf(['alert']).info);

    expect(en.headline).toBe('Police at Queen & Bathurst: avoid the area');
    expect(en.description).toContain('Queen St W & Bathurst St <ongoing>.');
    expect(en.instruction).toBe('Avoid the area. Call 911 if you see the suspect.');
    expect([en.event, fr.event]).toEqual(['Shooting or weapons call', 'Coups de feu ou appel pour arme']);
    expect([en.senderName, fr.senderName]).toEqual([
      'Herald Sample City Police',
      'Police de la ville exemple Herald',
    ]);
    expect(en.web).toBe('https://alerts.example.org/b/bc_0000000000aaaaaaaaaaaaaa00');
    expect(fr.web).toBe('https://alerts.example.org/fr/b/bc_0000000000aaaaaaaaaaaaaa00');
    expect(en.expires).toBe('2026-12-04T05:26:35-00:00');
  });

  it('tell Alert Ready not to broadcast immediately, in every language', () => {
    for (const info of asArray(capOf(['alert'], { status: 'Actual' }).info)) {
      expect(info.parameter).toEqual({ valueName: 'layer:SOREM:1.0:Broadcast_Immediately', value: 'No' });
    }
  });

  it('leave out an empty instruction and drop characters XML cannot carry', () => {
    const bare = notice({ languages: ['en'] });
    bare.languages[0]!.instruction = '';
    bare.languages[0]!.description = 'Bell\u0007 and\u0000 escape\u001b';

    const info = xmlObject(capDocument(bare, [], registry)).alert.info;

    expect(info.instruction).toBeUndefined();
    expect(info.description).toBe('Bell and escape');
  });
});

describe('the areas of a CAP document', () => {
  it('are one, the city with its census subdivision, when city-wide', () => {
    const [en, fr] = asArray(capOf(['alert'], { citywide: true }).info);

    expect(en.area).toEqual({
      areaDesc: 'Herald Sample City, ON',
      geocode: { valueName: 'profile:CAP-CP:Location:0.3', value: '3520005' },
    });
    expect(fr.area.areaDesc).toBe('Ville exemple Herald (Ont.)');
  });

  it("are one per division, each with its outline and the city's geocode", () => {
    const areas = asArray(capOf(['alert'], { areas: ['14', '52'] }).info)[0].area;

    expect(areas.map((a: any) => a.areaDesc)).toEqual([
      '14 Division, Herald Sample City',
      '52 Division, Herald Sample City',
    ]);
    expect(areas[0].polygon).toBe('+43.63,-79.43 +43.63,-79.39 +43.66,-79.39 +43.66,-79.43 +43.63,-79.43');
    expect(areas[1].geocode).toEqual({ valueName: 'profile:CAP-CP:Location:0.3', value: '3520005' });
  });

  it('are described in under 50 characters, for every division and the city, in every language', () => {
    const all = registry.divisions.map((d) => d.id);
    const descriptions = [false, true].flatMap((citywide) =>
      asArray(capOf(['alert'], { areas: all, citywide }).info).flatMap((info: any) =>
        asArray(info.area).map((a: any) => a.areaDesc as string),
      ),
    );

    expect(descriptions).toHaveLength((registry.divisions.length + 1) * 2);
    for (const description of descriptions) expect(description.length).toBeLessThan(50);
  });

  it('refuse a division the registry does not have', () => {
    expect(() => capDocument(notice({ areas: ['99'] }), [], registry)).toThrow(/no division 99/);
  });
});
