// Over 250 lines: the approval page and the delivery board are one page in two states and share their parts.
import { nameIn } from '../../shared/domain/audit.js';
import type { Broadcast, Delivery, DispatchSummary } from '../../shared/domain/broadcast.js';
import type { Incident } from '../../shared/domain/incident.js';
import type { Registry } from '../../shared/domain/registry.js';
import type { StaffSession } from '../../shared/domain/staff-session.js';
import { CsrfField, ErrorSummary } from '../pages/subscribe/form-parts.js';
import { DeliveryBoard } from './board.js';
import { SuccessNote, TextArea } from './fields.js';
import { formatTime } from './format.js';
import { type ConsoleFrame, ConsoleLayout, MODE_WORD, modeOf, renderConsole } from './layout.js';
import { BroadcastPreview, type SubscriberEstimate } from './preview.js';

export interface BroadcastPageModel {
  frame: ConsoleFrame;
  session: StaffSession;
  registry: Registry;
  broadcast: Broadcast;
  incident: Incident;
  estimate?: SubscriberEstimate | undefined;
  dispatch?: DispatchSummary | undefined;
  deliveries: Delivery[];
  /** Why this person may not approve (the approval policy's own sentence), or nothing. */
  cannotApprove?: string | undefined;
  /** The author of an Extreme + Immediate broadcast may approve with a typed reason. */
  breakGlass: boolean;
  /** A banner after a redirect: approved, already approved, filed, rejected. */
  note?: 'approved' | 'already-approved' | 'filed' | 'rejected' | undefined;
  errors: Record<string, string>;
  values?: { reason?: string | undefined; breakGlassReason?: string | undefined };
  /** Who returned it to its author for edit, and why (`returnedForEdit`). */
  returned?: { by: string; reason: string } | undefined;
  /** The public page of this broadcast, once approved. */
  publicPage: string;
}

const KIND_TEXT: Record<string, string> = {
  alert: 'Alert',
  update: 'Update',
  correction: 'Correction',
  cancel: 'Cancellation',
  'all-clear': 'All clear',
};

const NOTES = {
  approved: 'Approved. Dispatch has started: the board below updates as each target is sent.',
  'already-approved':
    'This was already approved: nothing was approved twice. The board below shows the dispatch.',
  filed: 'Filed. A second person must now approve it: it is on their "Awaiting approval" list.',
  rejected: 'Done. Nothing was sent.',
} as const;

/**
 * A broadcast's page: while pending, the approval page (who wants to broadcast what, where);
 * once approved, the live delivery board and the follow-ups one step away; when rejected, why.
 */
export function renderBroadcastPage(model: BroadcastPageModel): string {
  const { broadcast, incident, session } = model;
  const mode = modeOf(incident.status);
  const word = MODE_WORD[mode];
  const kind = KIND_TEXT[broadcast.kind] ?? broadcast.kind;
  const heading =
    incident.facts &&
    (broadcast.content.languages.en?.headline ?? Object.values(broadcast.content.languages)[0]?.headline);
  const pending = broadcast.status === 'PENDING_APPROVAL';
  return renderConsole(
    <ConsoleLayout
      title={`${kind}${pending ? ' awaiting approval' : ''}`}
      frame={model.frame}
      session={session}
      mode={mode}
      section={pending ? 'approvals' : 'overview'}
      hasErrors={Object.keys(model.errors).length > 0}
    >
      <ErrorSummary
        title="There is a problem"
        errors={Object.entries(model.errors).map(([f, m]) => ({
          href: `#${f === 'approve' ? 'approve-button' : f}`,
          message: m,
        }))}
      />
      {model.note ? <SuccessNote testId="note">{NOTES[model.note]}</SuccessNote> : null}
      <h1 class="govuk-heading-xl">
        <span class="govuk-caption-l">
          {word} · {kind} · {incident.severity}, {incident.urgency}
        </span>
        {heading}
      </h1>
      <dl class="govuk-summary-list" data-testid="broadcast-facts">
        <Row label="Status" value={statusText(broadcast, model.dispatch)} />
        <Row
          label="Filed by"
          value={`${nameIn(broadcast.history, broadcast.authorId)} at ${formatTime(broadcast.createdAt, model.frame.timeZone)}`}
        />
        {broadcast.approval ? (
          <Row
            label="Approved by"
            value={`${nameIn(broadcast.history, broadcast.approval.by)} at ${formatTime(broadcast.approval.at, model.frame.timeZone)}${broadcast.approval.breakGlassReason ? ` · BREAK-GLASS: ${broadcast.approval.breakGlassReason}` : ''}`}
          />
        ) : null}
        {broadcast.rejection ? (
          <Row
            label="Rejected by"
            value={`${nameIn(broadcast.history, broadcast.rejection.by)}: ${broadcast.rejection.reason}`}
          />
        ) : null}
        <Row label="Expires" value={formatTime(incident.expiresAt, model.frame.timeZone)} />
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">Content hash</dt>
          <dd class="govuk-summary-list__value">
            <code class="herald-hash">{broadcast.contentHash}</code>
          </dd>
        </div>
      </dl>
      <p class="govuk-body">
        <a class="govuk-link" href={`/console/incidents/${incident.id}`}>
          The incident, its follow-ups and audit trail
        </a>
      </p>
      {pending ? <ApprovalForms {...model} /> : null}
      {model.returned ? (
        <div class="govuk-inset-text" id="returned" data-testid="returned">
          <p class="govuk-body">
            Returned for edit by {model.returned.by}: {model.returned.reason}
          </p>
          {broadcast.kind === 'alert' && broadcast.authorId === session.principal.id ? (
            <a
              class="govuk-button"
              id="edit-and-file-again"
              href={`/console/incidents/new/${mode}/${incident.category}?from=${broadcast.id}`}
            >
              Edit and file again
            </a>
          ) : null}
        </div>
      ) : null}
      {broadcast.status === 'APPROVED' ? (
        <>
          <FollowUpLinks incident={incident} mode={word} />
          <p class="govuk-body">
            Public page:{' '}
            <a class="govuk-link" href={model.publicPage}>
              {model.publicPage}
            </a>
          </p>
          <DeliveryBoard
            broadcast={broadcast}
            dispatch={model.dispatch}
            deliveries={model.deliveries}
            registry={model.registry}
            timeZone={model.frame.timeZone}
          />
        </>
      ) : null}
      <BroadcastPreview
        broadcast={broadcast}
        registry={model.registry}
        areaIds={incident.areas}
        heading={pending ? 'What will be sent' : 'What was approved'}
        estimate={model.estimate}
        timeZone={model.frame.timeZone}
      />
    </ConsoleLayout>,
  );
}

function statusText(broadcast: Broadcast, dispatch?: DispatchSummary): string {
  if (broadcast.status === 'PENDING_APPROVAL') return 'Awaiting approval by a second person';
  if (broadcast.status === 'REJECTED') return 'Rejected: nothing was sent';
  // The board below is the live state; this line stays true while it updates.
  void dispatch;
  return 'Approved: the delivery board below shows where each target stands';
}

function Row(props: { label: string; value: string }) {
  return (
    <div class="govuk-summary-list__row">
      <dt class="govuk-summary-list__key">{props.label}</dt>
      <dd class="govuk-summary-list__value">{props.value}</dd>
    </div>
  );
}

/** Follow-ups one step away, each through the same preview and approval. */
export function FollowUpLinks(props: { incident: Incident; mode: string }) {
  const kinds =
    props.incident.state === 'CLOSED'
      ? (['correction'] as const)
      : (['update', 'correction', 'cancel', 'all-clear'] as const);
  return (
    <nav aria-label="Follow-ups" class="herald-follow-ups">
      <h2 class="govuk-heading-m">Follow up</h2>
      <ul class="govuk-list herald-inline-list">
        {kinds.map((k) => (
          <li key={k}>
            <a
              class="govuk-button govuk-button--secondary"
              id={`follow-up-${k}`}
              href={`/console/incidents/${props.incident.id}/follow-up/${k}`}
            >
              {props.mode === 'LIVE' ? '' : `${props.mode} `}
              {KIND_TEXT[k]}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/**
 * Approve this exact content (its hash travels with the form), or say why not; reject or return
 * for edit with a reason. The approve button names the mode: nobody approves a live alert
 * believing it is a drill.
 */
function ApprovalForms(model: BroadcastPageModel) {
  const { broadcast, session } = model;
  const word = MODE_WORD[modeOf(model.incident.status)];
  const isAuthor = broadcast.authorId === session.principal.id;
  const base = `/console/broadcasts/${broadcast.id}`;
  return (
    <section class="herald-approval" aria-labelledby="approval-heading">
      <h2 class="govuk-heading-l" id="approval-heading">
        Approval
      </h2>
      <p class="govuk-body">
        <strong>{nameIn(broadcast.history, broadcast.authorId)}</strong> wants to broadcast the content below
        {model.incident.citywide ? (
          <strong class="herald-citywide"> to the WHOLE CITY</strong>
        ) : (
          ` to ${model.incident.areas.length} division(s)`
        )}
        .
      </p>
      {model.cannotApprove && !model.breakGlass ? (
        <div class="govuk-inset-text" id="cannot-approve" data-testid="cannot-approve">
          You cannot approve this: {model.cannotApprove}.
        </div>
      ) : (
        <form method="post" action={`${base}/approve`} novalidate id="approve-form">
          <CsrfField token={session.csrfToken} />
          {model.errors.approve ? (
            <p class="govuk-error-message" id="approve-error">
              <span class="govuk-visually-hidden">Error:</span> {model.errors.approve}
            </p>
          ) : null}
          <input type="hidden" name="contentHash" value={broadcast.contentHash} />
          {model.breakGlass ? (
            <>
              <div class="govuk-warning-text">
                <span class="govuk-warning-text__icon" aria-hidden="true">
                  !
                </span>
                <strong class="govuk-warning-text__text">
                  <span class="govuk-visually-hidden">Warning</span>
                  You filed this. Break-glass: only when no second person can approve in time. It is marked
                  everywhere afterwards.
                </strong>
              </div>
              <TextArea
                name="breakGlassReason"
                label="Why no second person can approve"
                hint="At least 10 characters. Recorded in the audit trail."
                value={model.values?.breakGlassReason}
                error={model.errors.breakGlassReason}
              />
            </>
          ) : null}
          <button
            type="submit"
            class={`govuk-button herald-button--${modeOf(model.incident.status)}`}
            id="approve-button"
            aria-describedby={model.errors.approve ? 'approve-error' : undefined}
            data-prevent-double-click="true"
          >
            {model.breakGlass ? `Break glass: approve and send ${word} now` : `Approve and send ${word} now`}
          </button>
        </form>
      )}
      <form method="post" action={`${base}/reject`} novalidate id="reject-form">
        <CsrfField token={session.csrfToken} />
        <TextArea
          name="reason"
          label={isAuthor ? 'Withdraw: why?' : 'Reject or return for edit: why?'}
          hint="Required. The author sees it."
          value={model.values?.reason}
          error={model.errors.reason}
        />
        <div class="govuk-button-group">
          {isAuthor ? null : (
            <button
              type="submit"
              name="outcome"
              value="return"
              class="govuk-button govuk-button--secondary"
              id="return-button"
            >
              Return for edit
            </button>
          )}
          <button
            type="submit"
            name="outcome"
            value="reject"
            class="govuk-button govuk-button--warning"
            id="reject-button"
          >
            {isAuthor ? 'Withdraw' : 'Reject'}
          </button>
        </div>
      </form>
    </section>
  );
}
