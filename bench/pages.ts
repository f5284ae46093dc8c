/**
 * `npm run bench:pages`: what a reader's phone receives and how soon it is current.
 *
 * - Bytes over the wire per alert page (gzip and brotli, as CloudFront compresses), against the
 *   14 KB a first round trip carries (initial congestion window of 10 segments); the stylesheet
 *   separately (cached for a year after the first page).
 * - Render time per alert page, against a baseline in the same run: JSON.stringify of the same
 *   public record (the cheapest serialisation of the same data).
 * - Approval -> page and feed current, against approval -> last delivery of the same broadcast
 *   (the alert itself), both measured in the same run.
 */
import '../shared/runtime/quiet-sdk-warning.js';
import { readFileSync } from 'node:fs';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { startLocalRuntime } from '../infra/local/runtime.js';
import { toPublicIncident } from '../shared/domain/public-alert.js';
import { WebSiteRenderer } from '../web/site.js';
import { percentile } from './percentile.js';

const BROADCASTS = Number(process.env.BENCH_BROADCASTS ?? 20);
const RENDERS = 2_000;

const runtime = await startLocalRuntime({ port: 0, quiet: true });
const ada = await runtime.auth.issueToken('inspector.ada');
const ben = await runtime.auth.issueToken('inspector.ben');
const api = async (method: string, path: string, token: string, body?: unknown) => {
  const response = await fetch(`${runtime.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as any;
};

/** Polls a path every 5 ms until its body contains `needle`; resolves with the time it did. */
async function currentAt(path: string, needle: string): Promise<number> {
  for (;;) {
    const response = await fetch(`${runtime.url}${path}`);
    if (response.ok && (await response.text()).includes(needle)) return performance.now();
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function incident(i: number) {
  return {
    category: 'weapons-call',
    status: 'Actual',
    severity: 'Severe',
    urgency: 'Immediate',
    certainty: 'Observed',
    areas: ['14', '51'],
    languages: ['en', 'fr'],
    facts: {
      location: `Queen St W and Bathurst St (${i})`,
      time: '21:40',
      description: {
        en: 'Suspect: male, about 30, black hoodie, fled on foot northbound.',
        fr: 'Suspect : homme, environ 30 ans, chandail noir, en fuite à pied vers le nord.',
      },
    },
    expiresAt: new Date(Date.now() + 6 * 3600_000).toISOString(),
  };
}

const pageMs: number[] = [];
const feedMs: number[] = [];
const deliveredMs: number[] = [];
let lastBroadcast = '';
let lastIncident = '';
try {
  for (let i = 0; i < BROADCASTS; i += 1) {
    const filed = await api('POST', '/incidents', ada, incident(i));
    const { broadcast } = filed;
    const started = performance.now();
    await api('POST', `/broadcasts/${broadcast.id}/approve`, ben, { contentHash: broadcast.contentHash });
    const [page, feed, delivered] = await Promise.all([
      currentAt(`/b/${broadcast.id}`, broadcast.id),
      currentAt('/feeds/alerts.en.atom', broadcast.id),
      runtime.queues.idle({ includeDelayed: true }).then(() => performance.now()),
    ]);
    pageMs.push(page - started);
    feedMs.push(feed - started);
    deliveredMs.push(delivered - started);
    lastBroadcast = broadcast.id;
    lastIncident = filed.incident.id;
  }

  const html = await (await fetch(`${runtime.url}/b/${lastBroadcast}`)).text();
  const frHtml = await (await fetch(`${runtime.url}/fr/b/${lastBroadcast}`)).text();
  const css = readFileSync(new URL('../web/assets/herald.css', import.meta.url));
  const size = (body: string | Buffer) => ({
    raw: Buffer.byteLength(body),
    gzip: gzipSync(body, { level: 9 }).length,
    brotli: brotliCompressSync(body).length,
  });

  // Render time of one alert page against JSON.stringify of the same record, in this process.
  const context = runtime.context;
  const chain = toPublicIncident(
    (await context.incidents.get(lastIncident))!,
    await context.broadcasts.listByIncident(lastIncident),
    new Date(),
  )!;
  const library = await context.resources.list();
  const renderer = new WebSiteRenderer(runtime.registry);
  const snapshot = { incidents: [chain], resources: library, now: new Date(), changed: [chain.incidentId] };
  const time = (fn: () => unknown) => {
    for (let i = 0; i < 200; i += 1) fn();
    const t0 = performance.now();
    for (let i = 0; i < RENDERS; i += 1) fn();
    return (performance.now() - t0) / RENDERS;
  };
  const renderAll = time(() => renderer.render(snapshot));
  const pagesPerRender = renderer.render(snapshot).length;
  const baseline = time(() => JSON.stringify({ chain, library }));

  const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
  const median = (values: number[]) => percentile(sorted(values), 50);
  const p95 = (values: number[]) => percentile(sorted(values), 95);
  const report = {
    broadcasts: BROADCASTS,
    alertPageEn: size(html),
    alertPageFr: size(frHtml),
    stylesheet: size(css),
    scriptTags: (html.match(/<script/gi) ?? []).length,
    renderMsPerFile: Number((renderAll / pagesPerRender).toFixed(3)),
    filesPerRender: pagesPerRender,
    baselineJsonMsPerRecord: Number(baseline.toFixed(3)),
    renderVsBaseline: Number((renderAll / pagesPerRender / baseline).toFixed(1)),
    approvalToPageMs: { p50: Math.round(median(pageMs)), p95: Math.round(p95(pageMs)) },
    approvalToFeedMs: { p50: Math.round(median(feedMs)), p95: Math.round(p95(feedMs)) },
    approvalToLastDeliveryMs: { p50: Math.round(median(deliveredMs)), p95: Math.round(p95(deliveredMs)) },
    pageVsDelivery: Number((median(pageMs) / median(deliveredMs)).toFixed(2)),
  };
  console.log(JSON.stringify(report, null, 2));
} finally {
  await runtime.stop();
}
