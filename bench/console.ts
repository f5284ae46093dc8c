/**
 * `npm run bench:console`: how long the duty console's server takes to answer its two heaviest
 * pages, against the JSON the API answers for the same data, measured in the same run.
 *
 * Data: the registry of bench:fanout (bench/fanout-registry.ts), where a city-wide weapons-call
 * reaches 40 X accounts and every area topic; en + fr, so 40 X and 36 SNS deliveries.
 *
 * Pages, each against its baseline:
 * - The filing preview: `POST /console/incidents/new/live/weapons-call` with `action=preview` for a
 *   city-wide two-language draft (session, forgery checks, form, the API's schema, previewIncident,
 *   the audience estimate, the form re-rendered with its preview). The API has no preview route
 *   (`POST /incidents` files), so the baseline is that route as it would be: the same use case
 *   behind the API's own `route()` and `httpApi()`, answering `broadcastView` as JSON, as
 *   `POST /incidents` does.
 * - The delivery board fragment `GET /console/broadcasts/{id}/board` and the whole broadcast page
 *   `GET /console/broadcasts/{id}` of that broadcast once all 76 deliveries are sent, against
 *   `GET /broadcasts/{id}/deliveries` (the API's JSON of the same deliveries).
 *
 * Three levels. The machine is noisy, so only the ratio of two figures taken side by side means
 * anything across runs: every row is sampled once per round, the rows in turn (a busy second
 * lands on all of them alike), and within a row the page and its baseline take turns going first.
 * - handler: the function's Lambda handler called in this process with the event API Gateway
 *   would give it (built by the local gateway's own builder): the server's whole work, table
 *   reads included, without the network. The console's handler looks its session up itself (one
 *   table read); the API's bearer token is checked by the gateway before its handler runs, so
 *   that check is in the HTTP rows only.
 * - render: only turning data already read into the answer: the preact view to HTML against the
 *   API's view mapping + JSON.stringify of the same data.
 * - HTTP: real requests to the local runtime (keep-alive), until the body is read. The preview has
 *   no JSON route to compare with over HTTP, so its row has no ratio.
 */
import '../shared/runtime/quiet-sdk-warning.js';
import type { IncomingMessage } from 'node:http';
import { loadavg } from 'node:os';
import { h, type VNode } from 'preact';
import { handler as broadcastsHandler } from '../functions/api-broadcasts/handler.js';
import { handler as consoleHandler } from '../functions/console/handler.js';
import { estimateFor, frameOf } from '../functions/console/site.js';
import { manifest } from '../functions/manifest.js';
import type { FunctionDefinition } from '../functions/manifest-types.js';
import { buildHttpEvent } from '../infra/local/api-gateway-event.js';
import { authorize } from '../infra/local/jwt-authorizer.js';
import { createLambdaContext } from '../infra/local/lambda-context.js';
import { startLocalRuntime } from '../infra/local/runtime.js';
import { returnedForEdit } from '../shared/domain/approval-policy.js';
import { principalFromClaims } from '../shared/domain/principal-from-claims.js';
import { CONSOLE_SESSION_COOKIE } from '../shared/http/console-session-cookie.js';
import { httpApi, json, route } from '../shared/http/http-api.js';
import { FileIncidentBody } from '../shared/http/schemas.js';
import { broadcastView, deliveryView } from '../shared/http/views.js';
import { runInContext } from '../shared/runtime/context.js';
import { previewIncident } from '../shared/use-cases/file-incident.js';
import { getBroadcast, getIncident, subscriberCounts } from '../shared/use-cases/read-models.js';
import { resumeSession } from '../shared/use-cases/staff-sessions/resume-session.js';
import { ConsoleClient } from '../tests/support/console-client.js';
import { DeliveryBoard } from '../web/console/board.js';
import { renderBroadcastPage } from '../web/console/broadcast-page.js';
import { renderFilingPage } from '../web/console/filing.js';
import { renderConsole } from '../web/console/layout.js';
import { fortyAccountRegistryFile } from './fanout-registry.js';
import { percentile } from './percentile.js';

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 500);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 100);

const loadBefore = loadavg();
const runtime = await startLocalRuntime({ port: 0, quiet: true, registryFile: fortyAccountRegistryFile() });
const { context, registry } = runtime;
const host = new URL(runtime.url).host;

try {
  // --- The broadcast of the board: filed and approved through the API, every delivery sent.
  const adaToken = await runtime.auth.issueToken('inspector.ada');
  const benToken = await runtime.auth.issueToken('inspector.ben');
  const api = async (method: string, path: string, token: string, body?: unknown) => {
    const response = await fetch(`${runtime.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as any;
  };
  const filed = await api('POST', '/incidents', adaToken, {
    category: 'weapons-call',
    status: 'Actual',
    severity: 'Severe',
    urgency: 'Immediate',
    certainty: 'Observed',
    citywide: true,
    languages: ['en', 'fr'],
    facts: {
      location: 'Queen St W and Bathurst St',
      time: '21:40',
      description: {
        en: 'Suspect: male, about 30, black hoodie, fled on foot northbound.',
        fr: 'Suspect : homme, environ 30 ans, chandail noir, en fuite à pied vers le nord.',
      },
    },
    expiresAt: new Date(Date.now() + 6 * 3600_000).toISOString(),
  });
  const broadcastId: string = filed.broadcast.id;
  await api('POST', `/broadcasts/${broadcastId}/approve`, benToken, {
    contentHash: filed.broadcast.contentHash,
  });
  await runtime.queues.idle({ includeDelayed: true });
  const deliveries = (await api('GET', `/broadcasts/${broadcastId}/deliveries`, adaToken)) as {
    channel: string;
    status: string;
  }[];
  const xCount = deliveries.filter((d) => d.channel === 'x').length;
  const snsCount = deliveries.filter((d) => d.channel === 'sns').length;
  if (xCount !== 40 || snsCount !== 36 || deliveries.some((d) => d.status !== 'SENT'))
    throw new Error(`expected 40 X + 36 SNS deliveries, all sent; got ${xCount} X + ${snsCount} SNS`);

  // --- A console session for Ada, as her browser gets it: the demo sign-in form.
  const browser = await ConsoleClient.signIn(runtime.url, 'inspector.ada');
  const sessionCookie = `${CONSOLE_SESSION_COOKIE}=${browser.sessionCookie()}`;
  const csrf = browser.csrf ?? '';
  const adaClaims = await authorize(runtime.auth, `Bearer ${adaToken}`);
  if (!('claims' in adaClaims)) throw new Error(`Ada's token was refused: ${adaClaims.refused}`);
  const { claims } = adaClaims;

  // The filing form's fields for a city-wide two-language preview (citywide needs no area).
  const previewForm = new URLSearchParams([
    ['csrf', csrf],
    ['action', 'preview'],
    ['fact.location', 'Queen St W and Bathurst St'],
    ['fact.time', '21:40'],
    ['fact.description.en', 'Suspect: male, about 30, black hoodie, fled on foot northbound.'],
    ['fact.description.fr', 'Suspect : homme, environ 30 ans, chandail noir, en fuite à pied vers le nord.'],
    ['citywide', 'yes'],
    ['languages', 'en'],
    ['languages', 'fr'],
    ['severity', 'Severe'],
    ['urgency', 'Immediate'],
    ['certainty', 'Observed'],
    ['expiresInHours', '4'],
  ]).toString();
  const FILING_PATH = '/console/incidents/new/live/weapons-call';
  // The API body the form maps to (incidentCandidate), for the JSON preview baseline.
  const previewBody = JSON.stringify({
    category: 'weapons-call',
    status: 'Actual',
    severity: 'Severe',
    urgency: 'Immediate',
    certainty: 'Observed',
    citywide: true,
    languages: ['en', 'fr'],
    facts: filed.incident.facts,
    expiresAt: new Date(Date.now() + 4 * 3600_000).toISOString(),
  });

  // --- Level 1: the Lambda handlers in this process, with API Gateway's event.
  const definitionOf = (name: string): FunctionDefinition => {
    const found = manifest.find((d) => d.name === name);
    if (!found) throw new Error(`no function ${name} in the manifest`);
    return found;
  };
  /** The payload 2.0 event of a request, built by the local gateway's builder from these parts. */
  const eventOf = (
    method: string,
    routeKey: string,
    rawPath: string,
    pathParameters: Record<string, string>,
    options: { headers?: Record<string, string>; body?: string; staff?: boolean } = {},
  ) =>
    buildHttpEvent({
      req: {
        method,
        httpVersion: '1.1',
        rawHeaders: Object.entries({ host, ...options.headers }).flat(),
        socket: { remoteAddress: '127.0.0.1' },
      } as unknown as IncomingMessage,
      routeKey,
      rawPath,
      rawQueryString: '',
      pathParameters,
      body: Buffer.from(options.body ?? ''),
      claims: options.staff ? claims : undefined,
      serverAddress: host,
    });
  type Handler = (event: ReturnType<typeof eventOf>, lambda: ReturnType<typeof createLambdaContext>) => any;
  /** Invokes a handler as the local runtime does (in this runtime's context); checks the status. */
  const invoke = (
    fn: string,
    handler: Handler,
    event: () => ReturnType<typeof eventOf>,
    contains: string,
  ) => {
    const definition = definitionOf(fn);
    return async () => {
      const e = event();
      const lambda = createLambdaContext(definition);
      const started = performance.now();
      const result = await runInContext(context, () => handler(e, lambda));
      const elapsed = performance.now() - started;
      if (result?.statusCode !== 200 || !String(result.body).includes(contains))
        throw new Error(`${e.routeKey}: ${result?.statusCode} ${String(result?.body).slice(0, 300)}`);
      return { ms: elapsed, bytes: Buffer.byteLength(result.body) };
    };
  };

  const consolePage = (routeKey: string, rawPath: string, pathParameters: Record<string, string>) => () =>
    eventOf('GET', routeKey, rawPath, pathParameters, { headers: { cookie: sessionCookie } });
  const handlerPreview = invoke(
    'console',
    consoleHandler as Handler,
    () =>
      eventOf(
        'POST',
        'POST /console/incidents/new/{mode}/{category}',
        FILING_PATH,
        { mode: 'live', category: 'weapons-call' },
        {
          headers: {
            cookie: sessionCookie,
            'content-type': 'application/x-www-form-urlencoded',
            'sec-fetch-site': 'same-origin',
            origin: 'null',
          },
          body: previewForm,
        },
      ),
    'Queen St W and Bathurst St',
  );
  // The JSON preview route the API would have: POST /incidents without its writes.
  const previewJsonHandler = httpApi(
    {
      'POST /incidents/preview': route(
        { auth: 'staff', summary: 'What POST /incidents would file, filing nothing', body: FileIncidentBody },
        async ({ body, principal }) => {
          const broadcast = await previewIncident(context, principal, body);
          return json(200, {
            broadcast: broadcastView(broadcast, undefined, await subscriberCounts(context)),
          });
        },
      ),
    },
    async () => context.log,
  );
  const handlerPreviewJson = invoke(
    'api-incidents',
    previewJsonHandler as Handler,
    () =>
      eventOf(
        'POST',
        'POST /incidents/preview',
        '/incidents/preview',
        {},
        { headers: { 'content-type': 'application/json' }, body: previewBody, staff: true },
      ),
    'Queen St W and Bathurst St',
  );
  const handlerBoard = invoke(
    'console',
    consoleHandler as Handler,
    consolePage('GET /console/broadcasts/{id}/board', `/console/broadcasts/${broadcastId}/board`, {
      id: broadcastId,
    }),
    'Sent everywhere',
  );
  const handlerPage = invoke(
    'console',
    consoleHandler as Handler,
    consolePage('GET /console/broadcasts/{id}', `/console/broadcasts/${broadcastId}`, { id: broadcastId }),
    'Sent everywhere',
  );
  const handlerDeliveriesJson = invoke(
    'api-broadcasts',
    broadcastsHandler as Handler,
    () =>
      eventOf(
        'GET',
        'GET /broadcasts/{id}/deliveries',
        `/broadcasts/${broadcastId}/deliveries`,
        { id: broadcastId },
        { staff: true },
      ),
    '"SENT"',
  );

  // --- Level 2: render only, from data read once, as the handlers above read it.
  const session = await resumeSession(context, browser.sessionCookie(), { activity: false });
  const principal = principalFromClaims(claims);
  const draft = await previewIncident(context, principal, FileIncidentBody.parse(JSON.parse(previewBody)));
  const draftX = draft.targets.filter((t) => t.channel === 'x').length;
  const draftSns = draft.targets.filter((t) => t.channel === 'sns').length;
  if (draftX !== 40 || draftSns !== 36)
    throw new Error(`the preview should reach 40 X + 36 SNS targets; it reaches ${draftX} + ${draftSns}`);
  const estimate = await estimateFor(context, draft);
  const counts = await subscriberCounts(context);
  const category = registry.categories.find((c) => c.id === 'weapons-call')!;
  const detail = await getBroadcast(context, principal, broadcastId);
  const { incident } = await getIncident(context, principal, detail.broadcast.incidentId);
  const timed = (fn: () => string) => async () => {
    const started = performance.now();
    const body = fn();
    return { ms: performance.now() - started, bytes: Buffer.byteLength(body) };
  };
  const renderPreview = timed(() =>
    renderFilingPage({
      frame: frameOf(context),
      session,
      registry,
      mode: 'live',
      category,
      values: {
        areas: [],
        citywide: true,
        confirmCitywide: false,
        languages: ['en', 'fr'],
        severity: 'Severe',
        urgency: 'Immediate',
        certainty: 'Observed',
        expiresInHours: '4',
        facts: Object.fromEntries(
          [...new URLSearchParams(previewForm)].filter(([n]) => n.startsWith('fact.')),
        ),
      },
      errors: {},
      preview: { broadcast: draft, estimate },
    }),
  );
  const renderPreviewJson = timed(() =>
    JSON.stringify({ broadcast: broadcastView(draft, undefined, counts) }),
  );
  // As the board route renders it (a .tsx there: <DeliveryBoard ... /> is this h call).
  const renderBoard = timed(() =>
    renderConsole(
      h(DeliveryBoard, {
        broadcast: detail.broadcast,
        dispatch: detail.dispatch,
        deliveries: detail.deliveries,
        registry,
        timeZone: registry.service.timeZone,
      }) as VNode,
    ),
  );
  const pageEstimate = await estimateFor(context, detail.broadcast);
  const renderPage = timed(() =>
    renderBroadcastPage({
      frame: frameOf(context),
      session,
      registry,
      broadcast: detail.broadcast,
      incident,
      dispatch: detail.dispatch,
      deliveries: detail.deliveries,
      estimate: pageEstimate,
      errors: {},
      breakGlass: false,
      returned: returnedForEdit(detail.broadcast),
      publicPage: detail.broadcast.content.link,
    }),
  );
  const renderDeliveriesJson = timed(() =>
    JSON.stringify(detail.deliveries.map((delivery) => deliveryView(delivery, registry))),
  );

  // --- Level 3: over HTTP to the local runtime, until the whole body is read.
  const overHttp = (path: string, init: RequestInit, contains: string) => async () => {
    const started = performance.now();
    const response = await fetch(`${runtime.url}${path}`, { redirect: 'manual', ...init });
    const body = await response.text();
    const elapsed = performance.now() - started;
    if (response.status !== 200 || !body.includes(contains))
      throw new Error(`${path}: ${response.status} ${body.slice(0, 300)}`);
    return { ms: elapsed, bytes: Buffer.byteLength(body) };
  };
  const httpPreview = overHttp(
    FILING_PATH,
    {
      method: 'POST',
      headers: {
        cookie: sessionCookie,
        'content-type': 'application/x-www-form-urlencoded',
        'sec-fetch-site': 'same-origin',
        origin: 'null',
      },
      body: previewForm,
    },
    'Queen St W and Bathurst St',
  );
  const httpBoard = overHttp(
    `/console/broadcasts/${broadcastId}/board`,
    { headers: { cookie: sessionCookie } },
    'Sent everywhere',
  );
  const httpPage = overHttp(
    `/console/broadcasts/${broadcastId}`,
    { headers: { cookie: sessionCookie } },
    'Sent everywhere',
  );
  const httpDeliveriesJson = overHttp(
    `/broadcasts/${broadcastId}/deliveries`,
    { headers: { authorization: `Bearer ${adaToken}` } },
    '"SENT"',
  );

  // --- Measuring. Every row is sampled once per round, rows in turn, so a busy second of the
  // machine lands on all of them alike; within a row the page and its baseline take turns going
  // first. The first WARMUP rounds are not counted.
  type Sample = () => Promise<{ ms: number; bytes: number }>;
  interface Row {
    level: string;
    page: string;
    baseline: string;
    measure: Sample;
    against?: Sample;
    pageMs: number[];
    baselineMs: number[];
    pageBytes: number;
    baselineBytes: number;
  }
  const row = (level: string, page: string, baseline: string, measure: Sample, against?: Sample): Row => ({
    level,
    page,
    baseline,
    measure,
    ...(against ? { against } : {}),
    pageMs: [],
    baselineMs: [],
    pageBytes: 0,
    baselineBytes: 0,
  });
  const PREVIEW_JSON = 'the same use case as a JSON route';
  const DELIVERIES_JSON = 'GET /broadcasts/{id}/deliveries';
  const rows: Row[] = [
    row('handler', 'filing preview', PREVIEW_JSON, handlerPreview, handlerPreviewJson),
    row('handler', 'board fragment', DELIVERIES_JSON, handlerBoard, handlerDeliveriesJson),
    row('handler', 'broadcast page', DELIVERIES_JSON, handlerPage, handlerDeliveriesJson),
    row('render', 'filing preview', 'broadcastView + JSON.stringify', renderPreview, renderPreviewJson),
    row('render', 'board fragment', 'deliveryView + JSON.stringify', renderBoard, renderDeliveriesJson),
    row('render', 'broadcast page', 'deliveryView + JSON.stringify', renderPage, renderDeliveriesJson),
    row('HTTP', 'filing preview', '(no JSON preview route)', httpPreview),
    row('HTTP', 'board fragment', DELIVERIES_JSON, httpBoard, httpDeliveriesJson),
    row('HTTP', 'broadcast page', DELIVERIES_JSON, httpPage, httpDeliveriesJson),
  ];
  for (let round = 0; round < WARMUP + ITERATIONS; round += 1) {
    for (const r of rows) {
      const pageFirst = round % 2 === 0;
      const early = pageFirst ? await r.measure() : undefined;
      const b = r.against ? await r.against() : undefined;
      const p = early ?? (await r.measure());
      if (round < WARMUP) continue;
      r.pageMs.push(p.ms);
      r.pageBytes = p.bytes;
      if (b) {
        r.baselineMs.push(b.ms);
        r.baselineBytes = b.bytes;
      }
    }
  }
  const figures = (samples: number[], bytes: number) => {
    const sorted = [...samples].sort((a, b) => a - b);
    return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), bytes };
  };
  const results = rows.map((r) => ({
    level: r.level,
    page: r.page,
    baseline: r.baseline,
    result: {
      page: figures(r.pageMs, r.pageBytes),
      baseline: r.against ? figures(r.baselineMs, r.baselineBytes) : undefined,
    },
  }));

  const ms = (value: number) => `${value < 1 ? value.toFixed(3) : value.toFixed(2)} ms`;
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
  const ratio = (a: number, b?: number) => (b ? `${(a / b).toFixed(1)}x` : '-');
  const lines = [
    `bench:console: ${ITERATIONS} samples of each after ${WARMUP} warm-up, page and baseline alternating;`,
    `broadcast ${broadcastId}: ${xCount} X + ${snsCount} SNS deliveries, all sent; Node ${process.version}.`,
    `Load average before: ${loadBefore.map((l) => l.toFixed(2)).join(' ')}; after: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}.`,
    '',
    '| level | page | p50 | p95 | size | baseline | p50 | p95 | size | p50 ratio | p95 ratio |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...results.map(({ level, page, baseline, result }) => {
      const b = result.baseline;
      return `| ${level} | ${page} | ${ms(result.page.p50)} | ${ms(result.page.p95)} | ${kb(result.page.bytes)} | ${baseline} | ${
        b ? ms(b.p50) : '-'
      } | ${b ? ms(b.p95) : '-'} | ${b ? kb(b.bytes) : '-'} | ${ratio(result.page.p50, b?.p50)} | ${ratio(
        result.page.p95,
        b?.p95,
      )} |`;
    }),
  ];
  console.log(lines.join('\n'));
} finally {
  await runtime.stop();
}
