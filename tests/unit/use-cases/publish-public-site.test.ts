import { describe, expect, it } from 'vitest';
import { loadRegistry } from '../../../shared/config/load-registry.js';
import type { Broadcast } from '../../../shared/domain/broadcast.js';
import type { Incident } from '../../../shared/domain/incident.js';
import type { PublicSnapshot, SiteFile } from '../../../shared/domain/public-site.js';
import type { BroadcastRepository, IncidentRepository } from '../../../shared/ports/repositories.js';
import type { ResourceRepository } from '../../../shared/ports/resources.js';
import { publishPublicSite } from '../../../shared/use-cases/publish-public-site.js';
import { WebSiteRenderer } from '../../../web/site.js';
import { bilingualBroadcast, incident } from '../../fixtures/public-alert.js';
import { MemorySiteStore } from '../../support/memory-site-store.js';
import { capturingLogger, ManualClock } from '../../support/recording-ports.js';

const registry = loadRegistry(new URL('../../../config/registry.json', import.meta.url).pathname);

/** Incidents newest first in pages of the requested size, as the DynamoDB index returns them. */
function fakeRecord(incidents: Incident[], broadcasts: Broadcast[]) {
  const sorted = [...incidents].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  let pagesRead = 0;
  const incidentRepository = {
    async list({ limit, cursor }: { limit: number; cursor?: string }) {
      pagesRead += 1;
      const start = cursor ? Number(cursor) : 0;
      const items = sorted.slice(start, start + limit);
      return start + limit < sorted.length ? { items, cursor: String(start + limit) } : { items };
    },
  } as unknown as IncidentRepository;
  const broadcastRepository = {
    listByIncident: async (id: string) => broadcasts.filter((b) => b.incidentId === id),
  } as unknown as BroadcastRepository;
  const resources = { list: async () => [] } as unknown as ResourceRepository;
  return { incidentRepository, broadcastRepository, resources, pagesRead: () => pagesRead };
}

function deps(record: ReturnType<typeof fakeRecord>, now: string) {
  const clock = new ManualClock(Date.parse(now));
  const rendered: PublicSnapshot[] = [];
  const renderer = new WebSiteRenderer(registry);
  return {
    incidents: record.incidentRepository,
    broadcasts: record.broadcastRepository,
    resources: record.resources,
    renderer: {
      render: (snapshot: PublicSnapshot): SiteFile[] => {
        rendered.push(snapshot);
        return renderer.render(snapshot);
      },
    },
    site: new MemorySiteStore(),
    clock,
    log: capturingLogger().log,
    rendered,
  };
}

describe('publishing the public site', () => {
  it('renders the approved record and writes only what changed the second time', async () => {
    const record = fakeRecord([incident()], [bilingualBroadcast('bc_a', '2026-11-22T10:00:00.000Z')]);
    const d = deps(record, '2026-11-22T12:00:00.000Z');
    const first = await publishPublicSite(d, { reason: 'approval', incidentId: incident().id });
    expect(first.incidents).toBe(1);
    expect(first.written).toBeGreaterThan(2);
    expect(d.site.files.get('/b/bc_a')?.body).toContain('Police at Main St');
    const again = await publishPublicSite(d, { reason: 'sweep' });
    expect(again.written).toBe(0);
  });

  it('turns an alert past its expiry into an expired one at the next sweep', async () => {
    const record = fakeRecord([incident()], [bilingualBroadcast('bc_a', '2026-11-22T10:00:00.000Z')]);
    const d = deps(record, '2026-11-22T12:00:00.000Z');
    await publishPublicSite(d, { reason: 'approval' });
    d.clock.advance(Date.parse('2026-11-23T10:00:01.000Z') - Date.parse('2026-11-22T12:00:00.000Z'));
    const swept = await publishPublicSite(d, { reason: 'sweep' });
    expect(swept.written).toBeGreaterThan(0);
    expect(d.site.files.get('/b/bc_a')?.body).toContain('Expired');
  });

  it('reads incidents only as far back as the window, page by page', async () => {
    const old = Array.from({ length: 120 }, (_, i) =>
      incident({
        id: `inc_old${i}`,
        createdAt: new Date(Date.parse('2026-09-01T00:00:00Z') - i * 60_000).toISOString(),
      }),
    );
    const recent = Array.from({ length: 60 }, (_, i) =>
      incident({
        id: `inc_new${i}`,
        createdAt: new Date(Date.parse('2026-11-22T09:00:00Z') - i * 60_000).toISOString(),
      }),
    );
    const record = fakeRecord([...old, ...recent], []);
    const d = deps(record, '2026-11-22T12:00:00.000Z');
    await publishPublicSite(d, { reason: 'sweep' });
    // 60 recent incidents: a page of 50, then a page that crosses the window's edge; no third page.
    expect(record.pagesRead()).toBe(2);
  });

  it('renders only the approved incident pages for an approval job', async () => {
    const record = fakeRecord(
      [incident({ id: 'inc_a' }), incident({ id: 'inc_b' })],
      [
        { ...bilingualBroadcast('bc_a', '2026-11-22T10:00:00.000Z'), incidentId: 'inc_a' },
        { ...bilingualBroadcast('bc_b', '2026-11-22T10:00:00.000Z'), incidentId: 'inc_b' },
      ],
    );
    const d = deps(record, '2026-11-22T12:00:00.000Z');
    await publishPublicSite(d, { reason: 'approval', incidentId: 'inc_b' });
    expect(d.rendered[0]?.changed).toEqual(['inc_b']);
    expect(d.site.files.has('/b/bc_a')).toBe(false);
    expect(d.site.files.has('/b/bc_b')).toBe(true);
  });
});
