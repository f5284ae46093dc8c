// Over 250 lines: the report is one printable document of eight sections that share its model.
import type { AfterActionReport, BroadcastSection } from '../../../shared/domain/after-action-report.js';
import type { Registry } from '../../../shared/domain/registry.js';
import { durationText } from '../../../shared/domain/report-times.js';
import type { StaffSession } from '../../../shared/domain/staff-session.js';
import { SuccessNote } from '../../console/fields.js';
import { formatTime } from '../../console/format.js';
import { type ConsoleFrame, ConsoleLayout, MODE_WORD, renderConsole } from '../../console/layout.js';
import { ErrorSummary } from '../../pages/subscribe/form-parts.js';
import { NotesForm, type NotesValues } from './notes-form.js';
import { areaNames, categoryName, Duration, SummaryList, Td, Th } from './parts.js';

export interface ReportPageModel {
  frame: ConsoleFrame;
  session: StaffSession;
  registry: Registry;
  report: AfterActionReport;
  /** Communications staff get the form; everyone else reads the findings. */
  canWrite: boolean;
  values: NotesValues;
  errors: Record<string, string>;
  note?: 'saved' | undefined;
  /** After a conflict: the other writer's saved version on screen, under the form. */
  showSaved?: boolean;
}

const CHANNEL: Record<string, string> = { x: 'X', sns: 'SNS (SMS and e-mail)' };

export function renderReportPage(model: ReportPageModel): string {
  const { report } = model;
  const tz = model.frame.timeZone;
  const at = (iso: string | undefined) => formatTime(iso, tz);
  const k = report.keyTimes;
  const category = categoryName(model.registry, report.incident.category);
  const errorEntries = Object.entries(model.errors);
  return renderConsole(
    <ConsoleLayout
      title={`After-action report: ${category}`}
      frame={model.frame}
      session={model.session}
      mode={report.incident.mode}
      section="reports"
      hasErrors={errorEntries.length > 0}
    >
      <ErrorSummary
        title="There is a problem"
        errors={errorEntries.map(([field, message]) => ({
          href: `#${field === 'form' ? 'notes-form' : field}`,
          message,
        }))}
      />
      {model.note === 'saved' ? (
        <SuccessNote id="saved-banner">Findings and corrective actions saved.</SuccessNote>
      ) : null}
      <h1 class="govuk-heading-xl">
        <span class="govuk-caption-l">{MODE_WORD[report.incident.mode]} · After-action report</span>
        {category}
      </h1>
      <p class="govuk-body herald-report-downloads">
        <a class="govuk-link" href={`/console/reports/${report.incident.id}/csv`} download>
          Download as CSV
        </a>
        {' · '}
        <a class="govuk-link" href={`/console/reports/${report.incident.id}/json`} download>
          Download as JSON
        </a>
        {' · '}
        <a class="govuk-link" href={`/console/incidents/${report.incident.id}`}>
          The incident
        </a>
        <span class="govuk-body-s">
          {' '}
          · Printing this page gives a clean copy without the navigation or the form.
        </span>
      </p>
      <SummaryList
        id="report-overview"
        rows={[
          ['Exercise or live', <strong key="m">{MODE_WORD[report.incident.mode]}</strong>],
          ['Incident', report.incident.id],
          ['Severity', report.incident.severity],
          ['Where', areaNames(model.registry, report.incident)],
          ['Languages', report.incident.languages.join(', ')],
          [
            'Opened',
            `${at(report.incident.openedAt)} by ${report.incident.openedByName ?? report.incident.openedBy}`,
          ],
          ['Closed', report.incident.closedAt ? at(report.incident.closedAt) : 'Still open'],
          ['Report built', at(report.generatedAt)],
        ]}
      />
      <section class="herald-report-section" aria-labelledby="key-times">
        <h2 class="govuk-heading-l" id="key-times">
          Key times
        </h2>
        <SummaryList
          id="key-times-list"
          rows={[
            ['Alert approved', k.approvedAt ? at(k.approvedAt) : 'Not approved'],
            [
              'Approval to first delivery',
              <Duration
                key="f"
                text={durationText(k.approveToFirstMs)}
                none={k.settled ? 'Nothing delivered' : 'No delivery yet'}
              />,
            ],
            [
              'Approval to last delivery',
              <Duration
                key="l"
                text={durationText(k.approveToLastMs)}
                none={k.settled ? 'Nothing delivered' : 'Still sending'}
              />,
            ],
            [
              'Time to correct',
              k.correction ? (
                <span key="c">
                  <Duration
                    text={durationText(k.correction.toDeliveryMs)}
                    none="Correction not delivered yet"
                  />{' '}
                  from the alert's first delivery to the correction's (approved after{' '}
                  {durationText(k.correction.toApprovalMs)})
                </span>
              ) : (
                'No correction'
              ),
            ],
          ]}
        />
      </section>
      <section class="herald-report-section" aria-labelledby="deliveries">
        <h2 class="govuk-heading-l" id="deliveries">
          Broadcasts, deliveries and reach
        </h2>
        {report.broadcasts.map((b) => (
          <BroadcastBlock key={b.id} broadcast={b} at={at} />
        ))}
      </section>
      <section class="herald-report-section" aria-labelledby="problems">
        <h2 class="govuk-heading-l" id="problems">
          Failed and retried deliveries
        </h2>
        {report.problems.length === 0 ? (
          <p class="govuk-body">Every delivery went out on its first attempt.</p>
        ) : (
          <table class="govuk-table" id="problems-table">
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <Th>Broadcast</Th>
                <Th>Channel and target</Th>
                <Th>Outcome</Th>
                <Th numeric>Attempts</Th>
                <Th numeric>Waits</Th>
                <Th>Last error</Th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {report.problems.map((p) => (
                <tr class="govuk-table__row" key={`${p.broadcastId}-${p.channel}-${p.target}`}>
                  <Td>{p.kind}</Td>
                  <Td>
                    {CHANNEL[p.channel]}: {p.target}
                  </Td>
                  <Td>
                    {p.status.toLowerCase()}
                    {p.lastAttemptAt ? `, ${at(p.lastAttemptAt)}` : ''}
                  </Td>
                  <Td numeric>{p.attempts}</Td>
                  <Td numeric>{p.waits}</Td>
                  <Td>{p.lastError ?? ''}</Td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section class="herald-report-section" aria-labelledby="timeline">
        <h2 class="govuk-heading-l" id="timeline">
          Timeline
        </h2>
        <table class="govuk-table herald-report-timeline" id="timeline-table">
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <Th>When</Th>
              <Th>Who</Th>
              <Th>What</Th>
              <Th>Detail</Th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {report.timeline.map((row, i) => (
              <tr class="govuk-table__row" key={`${row.at}-${i}`}>
                <Td>{at(row.at)}</Td>
                <Td>{row.actor === 'system' ? 'Herald' : (row.actorName ?? row.actor)}</Td>
                <Td>{row.event}</Td>
                <Td>{row.detail ?? ''}</Td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section class="herald-report-section" aria-labelledby="who">
        <h2 class="govuk-heading-l" id="who">
          Who did what
        </h2>
        <SummaryList
          id="participants"
          rows={report.participants.map((p) => [p.actorName ?? p.actor, p.actions.join('; ')])}
        />
      </section>
      {model.canWrite ? (
        <div class="herald-no-print">
          <NotesForm
            incidentId={report.incident.id}
            session={model.session}
            values={model.values}
            errors={model.errors}
          />
        </div>
      ) : null}
      <SavedNotes report={report} at={at} printOnly={model.canWrite && !model.showSaved} />
    </ConsoleLayout>,
  );
}

function BroadcastBlock(props: { broadcast: BroadcastSection; at: (iso: string | undefined) => string }) {
  const b = props.broadcast;
  const at = props.at;
  return (
    <div class="herald-report-broadcast" id={`broadcast-${b.id}`}>
      <h3 class="govuk-heading-m">
        {b.kind.charAt(0).toUpperCase() + b.kind.slice(1)}:{' '}
        {b.headlineLanguage ? <span lang={b.headlineLanguage}>{b.headline}</span> : b.headline}
      </h3>
      <p class="govuk-body-s">
        Filed {at(b.filedAt)} by {b.filedByName ?? b.filedBy}
        {b.approvedAt
          ? `; approved ${at(b.approvedAt)} by ${b.approvedByName ?? b.approvedBy}`
          : `; ${b.status.toLowerCase().replace('_', ' ')}`}
        {b.breakGlass ? '; break-glass' : ''}
      </p>
      {b.channels.length ? (
        <table class="govuk-table herald-report-channels">
          <caption class="govuk-table__caption govuk-table__caption--s">Deliveries per channel</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <Th>Channel</Th>
              <Th numeric>Sent</Th>
              <Th numeric>Failed</Th>
              <Th numeric>Open</Th>
              <Th>First delivery</Th>
              <Th>Last delivery</Th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {b.channels.map((c) => (
              <tr class="govuk-table__row" key={c.channel} data-channel={c.channel}>
                <Td>{CHANNEL[c.channel]}</Td>
                <Td numeric>
                  {c.sent} of {c.targets}
                </Td>
                <Td numeric>{c.failed}</Td>
                <Td numeric>{c.open}</Td>
                <Td>
                  {c.firstDeliveredAt
                    ? `${at(c.firstDeliveredAt)} (+${durationText(c.approveToFirstMs)})`
                    : '–'}
                </Td>
                <Td>
                  {c.lastDeliveredAt && c.approveToLastMs !== undefined
                    ? `${at(c.lastDeliveredAt)} (+${durationText(c.approveToLastMs)})`
                    : c.open
                      ? 'still sending'
                      : '–'}
                </Td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <p class="govuk-body-s herald-report-reach">
        <strong>Reach:</strong> {b.reach.accounts.length} X{' '}
        {b.reach.accounts.length === 1 ? 'account' : 'accounts'}
        {b.reach.accounts.length ? ` (${b.reach.accounts.join(', ')})` : ''}; {b.reach.topics.length} SNS{' '}
        {b.reach.topics.length === 1 ? 'topic' : 'topics'}
        {b.reach.topics.length ? ` (${b.reach.topics.map((t) => t.topic).join(', ')})` : ''}
        {b.reach.subscribers
          ? `; ${b.reach.subscribers.sms} SMS and ${b.reach.subscribers.email} e-mail subscribers at approval`
          : b.approvedAt
            ? '; subscriber counts were not kept at this approval'
            : ''}
        .
      </p>
    </div>
  );
}

/** The findings as saved: what inspectors read, and what a printed copy carries. */
function SavedNotes(props: {
  report: AfterActionReport;
  at: (iso: string | undefined) => string;
  printOnly: boolean;
}) {
  const { findings, correctiveActions, notes } = props.report;
  return (
    <section
      class={`herald-report-section${props.printOnly ? ' herald-print-only' : ''}`}
      id="saved-findings"
      aria-label="Findings and corrective actions"
    >
      <h2 class="govuk-heading-l">Findings</h2>
      {notes.revision === 0 ? <p class="govuk-body">Nobody has written findings yet.</p> : null}
      <h3 class="govuk-heading-s">What worked</h3>
      <p class="govuk-body herald-report-text">{findings.strengths || '–'}</p>
      <h3 class="govuk-heading-s">What to improve</h3>
      <p class="govuk-body herald-report-text">{findings.improvements || '–'}</p>
      <h2 class="govuk-heading-l">Corrective actions</h2>
      {correctiveActions.length === 0 ? (
        <p class="govuk-body">None yet.</p>
      ) : (
        <table class="govuk-table" id="actions-table">
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <Th>What</Th>
              <Th>Who</Th>
              <Th>Due by</Th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {correctiveActions.map((a, i) => (
              <tr class="govuk-table__row" key={`a-${i}`}>
                <Td>{a.what}</Td>
                <Td>{a.owner}</Td>
                <td class="govuk-table__cell herald-report-nowrap">{a.due}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {notes.updatedAt ? (
        <p class="govuk-body-s">
          Last saved {props.at(notes.updatedAt)} by {notes.updatedByName ?? notes.updatedBy} (revision{' '}
          {notes.revision}).
        </p>
      ) : null}
    </section>
  );
}
