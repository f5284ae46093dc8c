import { describe, expect, it } from 'vitest';
import { loadRegistry } from '../../../shared/config/load-registry.js';
import type { Broadcast } from '../../../shared/domain/broadcast.js';
import { type PublicIncident, toPublicIncident } from '../../../shared/domain/public-alert.js';
import type { PublicSnapshot } from '../../../shared/domain/public-site.js';
import type { Resource } from '../../../shared/domain/resource.js';
import { WebSiteRenderer } from '../../../web/site.js';
import { bilingualBroadcast, incident } from '../../fixtures/public-alert.js';

const registry = loadRegistry(new URL('../../../config/registry.json', import.meta.url).pathname);
const NOW = new Date('2026-11-22T12:00:00.000Z');

function chain(broadcasts: Broadcast[], overrides: Parameters<typeof incident>[0] = {}): PublicIncident {
  const found = toPublicIncident(incident(overrides), broadcasts, NOW);
  if (!found) throw new Error('no approved broadcast');
  return found;
}

function render(incidents: PublicIncident[], extra: Partial<PublicSnapshot> = {}) {
  const files = new WebSiteRenderer(registry).render({ incidents, resources: [], now: NOW, ...extra });
  return new Map(files.map((f) => [f.path, f]));
}

const resource: Resource = {
  id: 'victim-services',
  name: { en: 'Victim Services', fr: 'Services aux victimes' },
  description: { en: 'Support after a crime.', fr: 'Soutien après un crime.' },
  phone: '+14165550101',
  textNumber: '+14165550199',
  hours: { en: '24 hours', fr: '24 heures' },
  languagesServed: ['en', 'fr', 'pa'],
  eligibility: { en: 'Anyone', fr: 'Tout le monde' },
  areas: ['citywide'],
  categories: ['weapons-call'],
  lastVerifiedAt: '2026-11-01',
  verifiedBy: 'comms.chloe',
  active: true,
  sample: false,
  revision: 3,
  history: [],
};

describe('the public site renderer', () => {
  it('writes one page per broadcast and language, the first language without a prefix', () => {
    const files = render([chain([bilingualBroadcast('bc_a', '2026-11-22T10:00:00.000Z')])]);
    const en = files.get('/b/bc_a');
    const fr = files.get('/fr/b/bc_a');
    expect(en?.body).toContain('<html lang="en"');
    expect(fr?.body).toContain('<html lang="fr"');
    expect(fr?.body).toContain('Police sur la rue Main');
    expect(en?.body).toContain('href="/fr/b/bc_a"');
    expect(fr?.body).toContain('href="/b/bc_a"');
    expect(en?.contentType).toBe('text/html; charset=utf-8');
  });

  it('escapes every fact and never emits a script', () => {
    const hostile = bilingualBroadcast('bc_a', '2026-11-22T10:00:00.000Z');
    const en = hostile.content.languages.en as Broadcast['content']['languages'][string];
    en.headline = '<script>alert(1)</script>';
    en.cap.instruction = '"><img src=x onerror=alert(1)>';
    const body = render([chain([hostile])]).get('/b/bc_a')?.body ?? '';
    expect(body).toContain('&lt;script>alert(1)&lt;/script>');
    expect(body).not.toMatch(/<script/i);
    expect(body).not.toContain('<img');
  });

  it('lists the resources in full with tel: and sms: links, from the library as it stands', () => {
    const broadcast = bilingualBroadcast('bc_a', '2026-11-22T10:00:00.000Z');
    broadcast.content.resources = [{ id: 'victim-services', revision: 2, stale: false }];
    const body = render([chain([broadcast])], { resources: [resource] }).get('/b/bc_a')?.body ?? '';
    expect(body).toContain('href="tel:+14165550101"');
    expect(body).toContain('href="sms:+14165550199"');
    expect(body).toContain('416-555-0101');
    expect(body).toContain('Punjabi');
    const retired = render([chain([broadcast])], { resources: [{ ...resource, active: false }] });
    expect(retired.get('/b/bc_a')?.body).not.toContain('Victim Services');
  });

  it('announces a newer message on an older page and labels a correction as one', () => {
    const incidentChain = chain([
      bilingualBroadcast('bc_a', '2026-11-22T10:00:00.000Z'),
      bilingualBroadcast('bc_b', '2026-11-22T11:00:00.000Z', { kind: 'correction', follows: 'bc_a' }),
    ]);
    const files = render([incidentChain]);
    const old = files.get('/b/bc_a')?.body ?? '';
    expect(old).toContain('There is a newer message about this incident.');
    expect(old).toContain('href="/b/bc_b"');
    expect(old).toContain('Corrected');
    const latest = files.get('/b/bc_b')?.body ?? '';
    expect(latest).not.toContain('There is a newer message');
    expect(latest).toContain('Correction');
    expect(files.get('/fr/b/bc_b')?.body).toContain('Corrigée');
  });

  it('marks an exercise on its page and keeps it off every index', () => {
    const exercise = bilingualBroadcast('bc_x', '2026-11-22T10:00:00.000Z');
    exercise.content.status = 'Exercise';
    const files = render([chain([exercise], { status: 'Exercise' })]);
    const page = files.get('/b/bc_x')?.body ?? '';
    expect(page).toContain('<meta name="robots" content="noindex, nofollow"/>');
    expect(page).toContain('EXERCISE — this is a drill.');
    expect(page).toMatch(/<title>EXERCISE: /);
    expect(page).toContain('herald-state--exercise');
    expect(page).not.toContain('herald-state--active');
    for (const path of ['/', '/fr/', '/divisions/14', '/fr/divisions/14']) {
      expect(files.get(path)?.body, path).not.toContain('/b/bc_x');
    }
  });

  it('puts a division alert on that division page and a city-wide one on every division page', () => {
    const local = chain([bilingualBroadcast('bc_local', '2026-11-22T10:00:00.000Z')], {
      id: 'inc_local',
      areas: ['14'],
    });
    const citywide = chain([bilingualBroadcast('bc_city', '2026-11-22T10:30:00.000Z')], {
      id: 'inc_city',
      areas: [],
      citywide: true,
    });
    const files = render([citywide, local]);
    expect(files.get('/')?.body).toContain('href="/b/bc_local"');
    expect(files.get('/divisions/14')?.body).toContain('href="/b/bc_local"');
    expect(files.get('/divisions/11')?.body).not.toContain('href="/b/bc_local"');
    expect(files.get('/divisions/11')?.body).toContain('href="/b/bc_city"');
  });

  it('lists ended alerts as recent, not current', () => {
    const ended = chain([
      bilingualBroadcast('bc_a', '2026-11-22T10:00:00.000Z'),
      bilingualBroadcast('bc_b', '2026-11-22T11:00:00.000Z', { kind: 'all-clear', follows: 'bc_a' }),
    ]);
    const index = files(render([ended]).get('/')?.body ?? '');
    expect(index.current).not.toContain('bc_b');
    expect(index.recent).toContain('href="/b/bc_b"');
  });

  it('renders only the changed incident pages, and every index', () => {
    const a = chain([bilingualBroadcast('bc_a', '2026-11-22T10:00:00.000Z')], { id: 'inc_a' });
    const b = chain([bilingualBroadcast('bc_b', '2026-11-22T10:00:00.000Z')], { id: 'inc_b' });
    const files = render([a, b], { changed: ['inc_b'] });
    expect(files.has('/b/bc_a')).toBe(false);
    expect(files.has('/b/bc_b')).toBe(true);
    expect(files.get('/')?.body).toContain('/b/bc_a');
  });

  it('links the feeds for autodiscovery and each alert page to its CAP document', () => {
    const files = render([chain([bilingualBroadcast('bc_a', '2026-11-22T10:00:00.000Z')])]);
    expect(files.get('/')?.body).toContain('<link rel="alternate" type="application/atom+xml"');
    expect(files.get('/b/bc_a')?.body).toContain(
      '<link rel="alternate" type="application/cap+xml" href="/cap/bc_a.xml"/>',
    );
  });
});

/** The front page split at its "Recent alerts" heading. */
function files(body: string) {
  const at = body.indexOf('Recent alerts');
  return { current: body.slice(0, at), recent: body.slice(at) };
}
