import { actorLabel } from '../../shared/domain/audit.js';
import { ValidationError } from '../../shared/domain/errors.js';
import { incidentTimeline } from '../../shared/domain/timeline.js';
import type { FollowUpKind } from '../../shared/domain/vocabulary.js';
import type { ConsoleHandlers } from '../../shared/http/console-route.js';
import { FollowUpBody } from '../../shared/http/schemas.js';
import { fileFollowUp, previewFollowUp } from '../../shared/use-cases/file-follow-up.js';
import { getIncident } from '../../shared/use-cases/read-models.js';
import { searchIncidents } from '../../shared/use-cases/search-incidents.js';
import {
  renderFollowUpPage,
  renderHistory,
  renderIncidentPage,
  renderOverview,
  type TimelineEntry,
} from '../../web/console/pages.js';
import { awaitingItems } from './broadcast-pages.js';
import { appContext } from './context.js';
import { factsFromFields } from './filing-form.js';
import { fieldErrors } from './form-errors.js';
import { page, redirect } from './responses.js';
import { estimateFor, frameOf } from './site.js';

type IncidentHandlers = Pick<
  ConsoleHandlers,
  | 'GET /console'
  | 'GET /console/incidents'
  | 'GET /console/incidents/{id}'
  | 'GET /console/incidents/{id}/follow-up/{kind}'
  | 'POST /console/incidents/{id}/follow-up/{kind}'
>;

const WHAT: Record<string, string> = {
  OPEN: 'Incident opened',
  CLOSED: 'Incident closed',
  PENDING_APPROVAL: 'filed for approval',
  APPROVED: 'approved',
  REJECTED: 'rejected',
};

/** The overview, the history, an incident with its audit trail, and its follow-ups. */
export const incidentPages: IncidentHandlers = {
  'GET /console': async ({ session }) => {
    const context = await appContext();
    const open = await searchIncidents(context, session.principal, { state: 'OPEN', limit: 25 });
    return page(
      200,
      renderOverview({
        frame: frameOf(context),
        session,
        registry: context.registry,
        awaiting: await awaitingItems(context, session.principal),
        open: open.items,
      }),
    );
  },

  'GET /console/incidents': async ({ query, session }) => {
    const context = await appContext();
    const { cursor, ...filters } = query;
    const found = await searchIncidents(context, session.principal, { ...filters, limit: 25, cursor });
    const next = found.cursor
      ? `/console/incidents?${new URLSearchParams({ ...definedOnly(filters), cursor: found.cursor }).toString()}`
      : undefined;
    return page(
      200,
      renderHistory({
        frame: frameOf(context),
        session,
        registry: context.registry,
        incidents: found.items,
        filters,
        next,
      }),
    );
  },

  'GET /console/incidents/{id}': async ({ params, session }) => {
    const context = await appContext();
    const { incident, broadcasts } = await getIncident(context, session.principal, params.id);
    const timeline: TimelineEntry[] = incidentTimeline(
      incident,
      broadcasts.map((b) => b.broadcast),
    ).map((entry) => ({
      at: entry.at,
      actor: actorLabel(entry),
      what: entry.broadcast
        ? `${entry.broadcast.kind} ${WHAT[entry.to] ?? entry.to}`
        : (WHAT[entry.to] ?? entry.to),
      reason: entry.reason,
      breakGlass: entry.breakGlass,
      returned: entry.returned,
    }));
    return page(
      200,
      renderIncidentPage({
        frame: frameOf(context),
        session,
        registry: context.registry,
        incident,
        broadcasts: broadcasts.map((b) => b.broadcast),
        timeline,
      }),
    );
  },

  'GET /console/incidents/{id}/follow-up/{kind}': async ({ params, session }) => {
    const context = await appContext();
    const { incident, broadcasts } = await getIncident(context, session.principal, params.id);
    // Pre-filled from the broadcast a follow-up follows: the latest approved one.
    const latest = broadcasts
      .map((b) => b.broadcast)
      .filter((b) => b.status === 'APPROVED')
      .at(-1);
    const values: Record<string, string> = {};
    for (const [name, value] of Object.entries(latest?.facts ?? incident.facts)) {
      if (typeof value === 'string') values[`fact.${name}`] = value;
      else for (const [language, text] of Object.entries(value)) values[`fact.${name}.${language}`] = text;
    }
    return page(
      200,
      renderFollowUpPage({
        frame: frameOf(context),
        session,
        registry: context.registry,
        incident,
        kind: params.kind,
        values,
        errors: {},
      }),
    );
  },

  'POST /console/incidents/{id}/follow-up/{kind}': async ({ params, form, facts, session }) => {
    const context = await appContext();
    const { incident } = await getIncident(context, session.principal, params.id);
    const category = context.registry.categories.find((c) => c.id === incident.category);
    const values: Record<string, string> = {
      ...facts,
      ...(form.note ? { note: form.note } : {}),
      ...(form.noteFr ? { noteFr: form.noteFr } : {}),
    };
    const again = async (
      status: number,
      errors: Record<string, string>,
      preview?: Parameters<typeof renderFollowUpPage>[0]['preview'],
    ) =>
      page(
        status,
        renderFollowUpPage({
          frame: frameOf(context),
          session,
          registry: context.registry,
          incident,
          kind: params.kind,
          values,
          errors,
          preview,
        }),
      );
    const note =
      form.note?.trim() || form.noteFr?.trim()
        ? { en: form.note?.trim() ?? '', fr: form.noteFr?.trim() ?? '' }
        : undefined;
    const candidate = {
      kind: params.kind as FollowUpKind,
      ...(Object.keys(facts).length ? { facts: factsFromFields(category, facts, incident.languages) } : {}),
      ...(note ? { note: Object.fromEntries(Object.entries(note).filter(([, v]) => v)) } : {}),
    };
    const parsed = FollowUpBody.safeParse(candidate);
    const firstLanguage = incident.languages[0] ?? 'en';
    if (!parsed.success) return again(422, fieldErrors(parsed.error.issues, { firstLanguage }));
    const command = { incidentId: incident.id, ...parsed.data };
    try {
      if (form.action === 'preview') {
        const broadcast = await previewFollowUp(context, session.principal, command);
        return again(200, {}, { broadcast, estimate: await estimateFor(context, broadcast) });
      }
      const filed = await fileFollowUp(context, session.principal, command);
      return redirect(`/console/broadcasts/${filed.id}?note=filed`);
    } catch (error) {
      if (error instanceof ValidationError) return again(422, fieldErrors(error.issues, { firstLanguage }));
      throw error;
    }
  },
};

function definedOnly(values: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter((e): e is [string, string] => e[1] !== undefined));
}
