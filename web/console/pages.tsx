// Over 250 lines: the console's list pages (overview, approvals, history), an incident, its follow-up form and the sign-in pages share tables and parts.
import { nameIn } from '../../shared/domain/audit.js';
import type { Broadcast } from '../../shared/domain/broadcast.js';
import type { Incident } from '../../shared/domain/incident.js';
import type { Registry } from '../../shared/domain/registry.js';
import type { StaffSession } from '../../shared/domain/staff-session.js';
import { CsrfField, ErrorSummary } from '../pages/subscribe/form-parts.js';
import { FollowUpLinks } from './broadcast-page.js';
import { FilterSelect, TextArea } from './fields.js';
import { errorLinks, FactFields } from './filing.js';
import { formatTime } from './format.js';
import { type ConsoleFrame, ConsoleLayout, MODE_WORD, modeOf, renderConsole } from './layout.js';
import { BroadcastPreview, type SubscriberEstimate } from './preview.js';

interface Base {
  frame: ConsoleFrame;
  session: StaffSession;
}

const modeTag = (incident: Pick<Incident, 'status'>) => {
  const mode = modeOf(incident.status);
  return <strong class={`govuk-tag herald-mode-tag herald-mode-tag--${mode}`}>{MODE_WORD[mode]}</strong>;
};

const headlineOf = (b: Broadcast) =>
  b.content.languages.en?.headline ?? Object.values(b.content.languages)[0]?.headline ?? b.id;

export interface AwaitingItem {
  broadcast: Broadcast;
  incident: Incident;
}

function AwaitingTable(props: { items: AwaitingItem[]; session: StaffSession; timeZone: string }) {
  if (props.items.length === 0)
    return (
      <p class="govuk-body" id="nothing-awaiting">
        Nothing is awaiting approval.
      </p>
    );
  return (
    <table class="govuk-table" id="awaiting-table">
      <caption class="govuk-table__caption govuk-table__caption--m">Awaiting approval, oldest first</caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header">
            Broadcast
          </th>
          <th scope="col" class="govuk-table__header">
            Mode
          </th>
          <th scope="col" class="govuk-table__header">
            Filed by
          </th>
          <th scope="col" class="govuk-table__header">
            Filed at
          </th>
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        {props.items.map(({ broadcast, incident }) => (
          <tr class="govuk-table__row" key={broadcast.id}>
            <td class="govuk-table__cell">
              <a class="govuk-link" href={`/console/broadcasts/${broadcast.id}`}>
                {broadcast.kind === 'alert' ? '' : `${broadcast.kind}: `}
                {headlineOf(broadcast)}
              </a>
              {incident.citywide ? <strong class="herald-citywide"> · CITY-WIDE</strong> : null}
            </td>
            <td class="govuk-table__cell">{modeTag(incident)}</td>
            <td class="govuk-table__cell">
              {nameIn(broadcast.history, broadcast.authorId)}
              {broadcast.authorId === props.session.principal.id ? ' (you)' : ''}
            </td>
            <td class="govuk-table__cell">{formatTime(broadcast.createdAt, props.timeZone)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function IncidentTable(props: {
  incidents: Incident[];
  registry: Registry;
  timeZone: string;
  caption: string;
}) {
  if (props.incidents.length === 0) return <p class="govuk-body">No incidents.</p>;
  return (
    <table class="govuk-table" id="incidents-table">
      <caption class="govuk-table__caption govuk-table__caption--m">{props.caption}</caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header">
            Incident
          </th>
          <th scope="col" class="govuk-table__header">
            Mode
          </th>
          <th scope="col" class="govuk-table__header">
            Where
          </th>
          <th scope="col" class="govuk-table__header">
            State
          </th>
          <th scope="col" class="govuk-table__header">
            Filed
          </th>
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        {props.incidents.map((incident) => (
          <tr class="govuk-table__row" key={incident.id}>
            <td class="govuk-table__cell">
              <a class="govuk-link" href={`/console/incidents/${incident.id}`}>
                {props.registry.categories.find((c) => c.id === incident.category)?.name.en ??
                  incident.category}
                {typeof incident.facts.location === 'string' ? `: ${incident.facts.location}` : ''}
              </a>
            </td>
            <td class="govuk-table__cell">{modeTag(incident)}</td>
            <td class="govuk-table__cell">
              {incident.citywide
                ? 'City-wide'
                : incident.areas
                    .map((id) => props.registry.divisions.find((d) => d.id === id)?.name.en ?? id)
                    .join(', ')}
            </td>
            <td class="govuk-table__cell">{incident.state === 'OPEN' ? 'Open' : 'Closed'}</td>
            <td class="govuk-table__cell">
              {incident.createdBy}, {formatTime(incident.createdAt, props.timeZone)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function renderOverview(
  props: Base & { registry: Registry; awaiting: AwaitingItem[]; open: Incident[] },
): string {
  return renderConsole(
    <ConsoleLayout title="Overview" frame={props.frame} session={props.session} section="overview">
      <h1 class="govuk-heading-xl">Duty overview</h1>
      {props.session.principal.roles.includes('inspector') ? (
        <a class="govuk-button" href="/console/incidents/new" id="new-incident">
          File a new incident
        </a>
      ) : null}
      <AwaitingTable items={props.awaiting} session={props.session} timeZone={props.frame.timeZone} />
      <IncidentTable
        incidents={props.open}
        registry={props.registry}
        timeZone={props.frame.timeZone}
        caption="Open incidents"
      />
    </ConsoleLayout>,
  );
}

export function renderApprovals(props: Base & { awaiting: AwaitingItem[] }): string {
  return renderConsole(
    <ConsoleLayout title="Awaiting approval" frame={props.frame} session={props.session} section="approvals">
      <h1 class="govuk-heading-xl">Awaiting approval</h1>
      <AwaitingTable items={props.awaiting} session={props.session} timeZone={props.frame.timeZone} />
    </ConsoleLayout>,
  );
}

export interface HistoryFilters {
  state?: string | undefined;
  category?: string | undefined;
  division?: string | undefined;
  mode?: string | undefined;
}

/** History with filters: a GET form, so a filtered list is a link one can share. */
export function renderHistory(
  props: Base & {
    registry: Registry;
    incidents: Incident[];
    filters: HistoryFilters;
    next?: string | undefined;
  },
): string {
  const f = props.filters;
  const select = (name: keyof HistoryFilters, label: string, options: { value: string; label: string }[]) => (
    <FilterSelect name={name} label={label} options={options} selected={f[name]} />
  );
  return renderConsole(
    <ConsoleLayout title="History" frame={props.frame} session={props.session} section="history">
      <h1 class="govuk-heading-xl">History</h1>
      <form method="get" action="/console/incidents" class="herald-filters" id="history-filters">
        {select('state', 'State', [
          { value: 'OPEN', label: 'Open' },
          { value: 'CLOSED', label: 'Closed' },
        ])}
        {select(
          'category',
          'Category',
          props.registry.categories.map((c) => ({ value: c.id, label: c.name.en ?? c.id })),
        )}
        {select(
          'division',
          'Division',
          props.registry.divisions.map((d) => ({ value: d.id, label: d.name.en ?? d.id })),
        )}
        {select('mode', 'Live or exercise', [
          { value: 'live', label: 'Live' },
          { value: 'exercise', label: 'Exercise and test' },
        ])}
        <button type="submit" class="govuk-button govuk-button--secondary" id="filter-button">
          Filter
        </button>
      </form>
      <IncidentTable
        incidents={props.incidents}
        registry={props.registry}
        timeZone={props.frame.timeZone}
        caption="Incidents, newest first"
      />
      {props.next ? (
        <a class="govuk-link" href={props.next} id="older">
          Older incidents
        </a>
      ) : null}
    </ConsoleLayout>,
  );
}

export interface TimelineEntry {
  at: string;
  actor: string;
  what: string;
  reason?: string | undefined;
  breakGlass?: boolean | undefined;
  returned?: boolean | undefined;
}

/** An incident: its broadcasts in order, each with its times, the follow-ups, and one audit trail. */
export function renderIncidentPage(
  props: Base & {
    registry: Registry;
    incident: Incident;
    broadcasts: Broadcast[];
    timeline: TimelineEntry[];
  },
): string {
  const { incident } = props;
  const mode = modeOf(incident.status);
  const category =
    props.registry.categories.find((c) => c.id === incident.category)?.name.en ?? incident.category;
  const anyApproved = props.broadcasts.some((b) => b.status === 'APPROVED');
  return renderConsole(
    <ConsoleLayout
      title={`Incident: ${category}`}
      frame={props.frame}
      session={props.session}
      mode={mode}
      section="history"
    >
      <h1 class="govuk-heading-xl">
        <span class="govuk-caption-l">
          {MODE_WORD[mode]} · {incident.state === 'OPEN' ? 'Open' : 'Closed'}
        </span>
        {category}
      </h1>
      {anyApproved ? <FollowUpLinks incident={incident} mode={MODE_WORD[mode]} /> : null}
      <h2 class="govuk-heading-l">Broadcasts</h2>
      <ol class="govuk-list herald-chain" id="chain">
        {props.broadcasts.map((b) => (
          <li key={b.id} class="herald-chain__item">
            <a class="govuk-link" href={`/console/broadcasts/${b.id}`}>
              {b.kind}: {headlineOf(b)}
            </a>
            <span class="govuk-body-s">
              {' '}
              · {b.status === 'PENDING_APPROVAL' ? 'awaiting approval' : b.status.toLowerCase()} · filed{' '}
              {formatTime(b.createdAt, props.frame.timeZone)}
              {b.approval ? `, approved ${formatTime(b.approval.at, props.frame.timeZone)}` : ''}
              {b.dispatch?.lastDeliveredAt
                ? `, last delivery ${formatTime(b.dispatch.lastDeliveredAt, props.frame.timeZone)}`
                : ''}
            </span>
          </li>
        ))}
      </ol>
      <h2 class="govuk-heading-l">Audit trail</h2>
      <table class="govuk-table" id="audit-trail">
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            <th scope="col" class="govuk-table__header">
              When
            </th>
            <th scope="col" class="govuk-table__header">
              Who
            </th>
            <th scope="col" class="govuk-table__header">
              What
            </th>
            <th scope="col" class="govuk-table__header">
              Why
            </th>
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {props.timeline.map((e, i) => (
            <tr class="govuk-table__row" key={`${e.at}-${i}`}>
              <td class="govuk-table__cell">{formatTime(e.at, props.frame.timeZone)}</td>
              <td class="govuk-table__cell">{e.actor}</td>
              <td class="govuk-table__cell">
                {e.what}
                {e.breakGlass ? (
                  <strong class="govuk-tag govuk-tag--red herald-tag-gap">BREAK-GLASS</strong>
                ) : null}
                {e.returned ? (
                  <strong class="govuk-tag govuk-tag--yellow herald-tag-gap">Returned for edit</strong>
                ) : null}
              </td>
              <td class="govuk-table__cell">{e.reason ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ConsoleLayout>,
  );
}

/** A follow-up: the facts pre-filled from the broadcast it follows, the same preview and approval after. */
export function renderFollowUpPage(
  props: Base & {
    registry: Registry;
    incident: Incident;
    kind: 'update' | 'correction' | 'cancel' | 'all-clear';
    values: Record<string, string>;
    errors: Record<string, string>;
    preview?: { broadcast: Broadcast; estimate?: SubscriberEstimate | undefined } | undefined;
  },
): string {
  const { incident, kind } = props;
  const mode = modeOf(incident.status);
  const word = MODE_WORD[mode];
  const category = props.registry.categories.find((c) => c.id === incident.category);
  const withNote = kind === 'cancel' || kind === 'all-clear';
  const kindText = {
    update: 'Update',
    correction: 'Correction',
    cancel: 'Cancellation',
    'all-clear': 'All clear',
  }[kind];
  return renderConsole(
    <ConsoleLayout
      title={`${kindText}`}
      frame={props.frame}
      session={props.session}
      mode={mode}
      hasErrors={Object.keys(props.errors).length > 0}
    >
      <a class="govuk-back-link" href={`/console/incidents/${incident.id}`}>
        Back to the incident
      </a>
      <ErrorSummary title="There is a problem" errors={errorLinks(props.errors)} />
      <h1 class="govuk-heading-xl">
        <span class="govuk-caption-l">
          {word} · {category?.name.en ?? incident.category}
        </span>
        {kindText}
      </h1>
      <div class="herald-two-panes">
        <form
          method="post"
          action={`/console/incidents/${incident.id}/follow-up/${kind}`}
          novalidate
          class="herald-two-panes__form"
          id="follow-up-form"
        >
          <CsrfField token={props.session.csrfToken} />
          <p class="govuk-body">
            Same audience as the incident{incident.citywide ? ' (CITY-WIDE)' : ''}. On X it replies to each
            account's original post.
          </p>
          {withNote ? (
            <>
              <TextArea
                name="note"
                label="Note (English)"
                hint="Why, and what people should do now."
                lang="en"
                value={props.values.note}
                error={props.errors.note}
              />
              <TextArea
                name="noteFr"
                label="Note (Français)"
                lang="fr"
                value={props.values.noteFr}
                error={props.errors.noteFr}
              />
            </>
          ) : (
            category?.facts.map((fact) => (
              <FactFields
                key={fact.name}
                fact={fact}
                registry={props.registry}
                values={props.values}
                errors={props.errors}
              />
            ))
          )}
          <div class="govuk-button-group">
            <button
              type="submit"
              name="action"
              value="preview"
              class="govuk-button govuk-button--secondary"
              id="preview-button"
            >
              {mode === 'live' ? 'Preview' : `Preview ${word}`}
            </button>
            <button
              type="submit"
              name="action"
              value="file"
              class={`govuk-button herald-button--${mode}`}
              id="file-button"
            >
              {`File ${word} ${kindText.toLowerCase()} for approval`}
            </button>
          </div>
        </form>
        <div class="herald-two-panes__preview">
          {props.preview ? (
            <BroadcastPreview
              broadcast={props.preview.broadcast}
              registry={props.registry}
              areaIds={incident.areas}
              estimate={props.preview.estimate}
              timeZone={props.frame.timeZone}
            />
          ) : (
            <p class="govuk-inset-text">Press Preview to see exactly what goes where.</p>
          )}
        </div>
      </div>
    </ConsoleLayout>,
  );
}

/** Sign in: the demo users locally; on AWS, one button to the staff directory. */
export function renderSignIn(props: {
  frame: ConsoleFrame;
  returnTo: string;
  demoUsers?: { id: string; name: string; roles: readonly string[] }[] | undefined;
  reason?: string | undefined;
}): string {
  return renderConsole(
    <ConsoleLayout title="Sign in" frame={props.frame}>
      <h1 class="govuk-heading-xl">Sign in to the duty console</h1>
      {props.reason ? <p class="govuk-inset-text">{props.reason}</p> : null}
      {props.demoUsers ? (
        <form method="post" action="/console/sign-in" novalidate id="demo-sign-in">
          <input type="hidden" name="returnTo" value={props.returnTo} />
          <fieldset class="govuk-fieldset">
            <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">
              <h2 class="govuk-fieldset__heading">Demo users (this machine only)</h2>
            </legend>
            <div class="govuk-radios">
              {props.demoUsers.map((u, i) => (
                <div class="govuk-radios__item" key={u.id}>
                  <input
                    class="govuk-radios__input"
                    id={`user-${u.id}`}
                    name="user"
                    type="radio"
                    value={u.id}
                    checked={i === 0}
                  />
                  <label class="govuk-label govuk-radios__label" for={`user-${u.id}`}>
                    {u.name} ({u.roles.join(', ')})
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
          <button type="submit" class="govuk-button herald-gap-top" id="sign-in-button">
            Sign in
          </button>
        </form>
      ) : (
        <a
          class="govuk-button"
          href={`/console/sign-in/start?returnTo=${encodeURIComponent(props.returnTo)}`}
          id="sign-in-button"
        >
          Sign in with your staff account
        </a>
      )}
    </ConsoleLayout>,
  );
}

export function renderSignedOut(props: { frame: ConsoleFrame }): string {
  return renderConsole(
    <ConsoleLayout title="Signed out" frame={props.frame}>
      <h1 class="govuk-heading-xl">You are signed out</h1>
      <a class="govuk-button" href="/console/sign-in">
        Sign in again
      </a>
    </ConsoleLayout>,
  );
}

export function renderProblem(props: {
  frame: ConsoleFrame;
  status: number;
  message: string;
  session?: StaffSession | undefined;
}): string {
  const title =
    props.status === 404
      ? 'Page not found'
      : props.status >= 500
        ? 'Sorry, there is a problem'
        : 'That could not be done';
  return renderConsole(
    <ConsoleLayout title={title} frame={props.frame} session={props.session}>
      <h1 class="govuk-heading-xl">{title}</h1>
      <p class="govuk-body" id="problem-message">
        {props.message}
      </p>
      <a class="govuk-link" href="/console">
        Back to the overview
      </a>
    </ConsoleLayout>,
  );
}
