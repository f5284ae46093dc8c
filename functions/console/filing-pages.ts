import { NotFoundError, ValidationError } from '../../shared/domain/errors.js';
import type { Category, Registry } from '../../shared/domain/registry.js';
import type { ConsoleHandlers } from '../../shared/http/console-route.js';
import { FileIncidentBody } from '../../shared/http/schemas.js';
import { fileIncident, previewIncident } from '../../shared/use-cases/file-incident.js';
import { getBroadcast, getIncident } from '../../shared/use-cases/read-models.js';
import {
  type FilingValues,
  renderCategoryChoice,
  renderFilingPage,
  renderModeChoice,
} from '../../web/console/filing.js';
import { appContext, type ConsoleContext } from './context.js';
import { blankValues, filingValues, incidentCandidate } from './filing-form.js';
import { fieldErrors } from './form-errors.js';
import { page, redirect } from './responses.js';
import { estimateFor, frameOf } from './site.js';

type FilingHandlers = Pick<
  ConsoleHandlers,
  | 'GET /console/incidents/new'
  | 'GET /console/incidents/new/{mode}'
  | 'GET /console/incidents/new/{mode}/{category}'
  | 'POST /console/incidents/new/{mode}/{category}'
>;

function categoryOf(registry: Registry, id: string): Category {
  const category = registry.categories.find((c) => c.id === id);
  if (!category) throw new NotFoundError(`there is no category '${id}'`);
  return category;
}

/**
 * Filing: live or exercise first, then the category, then the form with its preview. Preview and
 * file run the same use case code (previewIncident stores nothing), after the API's own schema,
 * so the form shows every rule's sentence next to its field and never loses what was typed.
 */
export const filingPages: FilingHandlers = {
  'GET /console/incidents/new': async ({ session }) =>
    page(200, renderModeChoice({ frame: frameOf(await appContext()), session })),

  'GET /console/incidents/new/{mode}': async ({ params, session }) => {
    const context = await appContext();
    return page(
      200,
      renderCategoryChoice({
        frame: frameOf(context),
        session,
        registry: context.registry,
        mode: params.mode,
      }),
    );
  },

  'GET /console/incidents/new/{mode}/{category}': async ({ params, query, session }) => {
    const context = await appContext();
    const category = categoryOf(context.registry, params.category);
    const values = query.from
      ? await prefill(context, session.principal, query.from)
      : blankValues(context.registry);
    return page(
      200,
      renderFilingPage({
        frame: frameOf(context),
        session,
        registry: context.registry,
        mode: params.mode,
        category,
        values,
        errors: {},
      }),
    );
  },

  'POST /console/incidents/new/{mode}/{category}': async ({ params, form, facts, session }) => {
    const context = await appContext();
    const { registry } = context;
    const category = categoryOf(registry, params.category);
    const values = filingValues(form, facts);
    const again = async (
      status: number,
      errors: Record<string, string>,
      preview?: Parameters<typeof renderFilingPage>[0]['preview'],
    ) =>
      page(
        status,
        renderFilingPage({
          frame: frameOf(context),
          session,
          registry,
          mode: params.mode,
          category,
          values,
          errors,
          preview,
        }),
      );

    const candidate = incidentCandidate(registry, category, params.mode, values, context.clock.now());
    const parsed = FileIncidentBody.safeParse(candidate);
    const firstLanguage = values.languages[0] ?? registry.languages[0]?.code ?? 'en';
    if (!parsed.success) return again(422, fieldErrors(parsed.error.issues, { firstLanguage }));
    try {
      const broadcast = await previewIncident(context, session.principal, parsed.data);
      if (form.action === 'preview')
        return again(200, {}, { broadcast, estimate: await estimateFor(context, broadcast) });
      // A city-wide alert reaches every subscriber in the city: its own, separate confirmation.
      if (values.citywide && !values.confirmCitywide)
        return again(
          422,
          { confirmCitywide: 'Confirm that this goes to the whole city, or choose divisions instead' },
          { broadcast, estimate: await estimateFor(context, broadcast) },
        );
      const filed = await fileIncident(context, session.principal, parsed.data);
      return redirect(`/console/broadcasts/${filed.broadcast.id}?note=filed`);
    } catch (error) {
      if (error instanceof ValidationError) return again(422, fieldErrors(error.issues, { firstLanguage }));
      throw error;
    }
  },
};

/** A returned draft filed again: the form starts from what it said, for its author to correct. */
async function prefill(
  context: ConsoleContext,
  principal: Parameters<typeof getBroadcast>[1],
  broadcastId: string,
): Promise<FilingValues> {
  const { broadcast } = await getBroadcast(context, principal, broadcastId);
  const { incident } = await getIncident(context, principal, broadcast.incidentId);
  const facts: Record<string, string> = {};
  for (const [name, value] of Object.entries(broadcast.facts ?? incident.facts)) {
    if (typeof value === 'string') facts[`fact.${name}`] = value;
    else for (const [language, text] of Object.entries(value)) facts[`fact.${name}.${language}`] = text;
  }
  return {
    areas: incident.areas,
    citywide: incident.citywide,
    confirmCitywide: false,
    languages: incident.languages,
    severity: incident.severity,
    urgency: incident.urgency,
    certainty: incident.certainty,
    expiresInHours: '4',
    facts,
  };
}
