import { modeOfStatus } from '../../../shared/domain/after-action-report.js';
import type { Incident } from '../../../shared/domain/incident.js';
import type { Registry } from '../../../shared/domain/registry.js';
import { durationText, type KeyTimes } from '../../../shared/domain/report-times.js';
import type { StaffSession } from '../../../shared/domain/staff-session.js';
import { formatTime } from '../../console/format.js';
import { type ConsoleFrame, ConsoleLayout, renderConsole } from '../../console/layout.js';
import { categoryName, Duration, ModeTag, Td, Th } from './parts.js';

export interface ReportListModel {
  frame: ConsoleFrame;
  session: StaffSession;
  registry: Registry;
  items: { incident: Incident; keyTimes: KeyTimes; corrections: number }[];
  mode?: 'live' | 'exercise' | undefined;
  next?: string | undefined;
}

const median = (values: number[]) => {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

/** Every incident's key times, newest first, so a trend (slower approvals, slow corrections) shows. */
export function renderReportList(model: ReportListModel): string {
  const times = model.items.map((i) => i.keyTimes);
  const trend: [string, number[]][] = [
    [
      'Approval to first delivery',
      times.flatMap((t) => (t.approveToFirstMs === undefined ? [] : [t.approveToFirstMs])),
    ],
    [
      'Approval to last delivery',
      times.flatMap((t) => (t.approveToLastMs === undefined ? [] : [t.approveToLastMs])),
    ],
    [
      'Time to correct',
      times.flatMap((t) => (t.correction?.toDeliveryMs === undefined ? [] : [t.correction.toDeliveryMs])),
    ],
  ];
  return renderConsole(
    <ConsoleLayout title="After-action reports" frame={model.frame} session={model.session} section="reports">
      <h1 class="govuk-heading-xl">After-action reports</h1>
      <p class="govuk-body">
        Each incident's key times, newest first. Open a report for its timeline, deliveries, reach, findings
        and corrective actions.
      </p>
      <form method="get" action="/console/reports" class="herald-filters" id="report-filters">
        <div class="govuk-form-group herald-filter">
          <label class="govuk-label govuk-label--s" for="filter-mode">
            Live or exercise
          </label>
          <select class="govuk-select" id="filter-mode" name="mode">
            <option value="">Any</option>
            <option value="live" selected={model.mode === 'live'}>
              Live
            </option>
            <option value="exercise" selected={model.mode === 'exercise'}>
              Exercise and test
            </option>
          </select>
        </div>
        <button type="submit" class="govuk-button govuk-button--secondary" id="filter-button">
          Filter
        </button>
      </form>
      <dl class="herald-report-trend" id="report-trend" aria-label="Medians on this page">
        {trend.map(([label, values]) => (
          <div class="herald-report-trend__item" key={label}>
            <dt class="govuk-body-s">{label}, median of this page</dt>
            <dd class="govuk-heading-m">
              {values.length ? durationText(median(values)) : '–'}
              <span class="govuk-body-s herald-report-trend__n">
                {' '}
                ({values.length} {values.length === 1 ? 'incident' : 'incidents'})
              </span>
            </dd>
          </div>
        ))}
      </dl>
      {model.items.length === 0 ? (
        <p class="govuk-body">No incidents.</p>
      ) : (
        <table class="govuk-table herald-report-list" id="reports-table">
          <caption class="govuk-table__caption govuk-table__caption--m">Incidents, newest first</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <Th>Incident</Th>
              <Th>Mode</Th>
              <Th>Opened</Th>
              <Th numeric>Approval to first delivery</Th>
              <Th numeric>Approval to last delivery</Th>
              <Th numeric>Time to correct</Th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {model.items.map(({ incident, keyTimes: k, corrections }) => (
              <tr class="govuk-table__row" key={incident.id} data-incident={incident.id}>
                <Td>
                  <a class="govuk-link" href={`/console/reports/${incident.id}`}>
                    {categoryName(model.registry, incident.category)}
                    {typeof incident.facts.location === 'string' ? `: ${incident.facts.location}` : ''}
                  </a>
                </Td>
                <Td>
                  <ModeTag mode={modeOfStatus(incident.status)} />
                </Td>
                <Td>{formatTime(incident.createdAt, model.frame.timeZone)}</Td>
                <Td numeric>
                  <Duration
                    text={durationText(k.approveToFirstMs)}
                    none={
                      k.approvedAt ? (k.settled ? 'nothing delivered' : 'no delivery yet') : 'not approved'
                    }
                  />
                </Td>
                <Td numeric>
                  <Duration
                    text={durationText(k.approveToLastMs)}
                    none={k.approvedAt ? (k.settled ? 'nothing delivered' : 'still sending') : '–'}
                  />
                </Td>
                <Td numeric>
                  <Duration
                    text={durationText(k.correction?.toDeliveryMs)}
                    none={k.correction ? 'correction sending' : corrections ? '–' : 'no correction'}
                  />
                </Td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {model.next ? (
        <a class="govuk-link" href={model.next} id="older">
          Older reports
        </a>
      ) : null}
    </ConsoleLayout>,
  );
}
