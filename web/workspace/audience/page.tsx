import type { Registry } from '../../../shared/domain/registry.js';
import { CITYWIDE } from '../../../shared/domain/resource.js';
import type { StaffSession } from '../../../shared/domain/staff-session.js';
import { type ConsoleFrame, ConsoleLayout, renderConsole } from '../../console/layout.js';
import { languageName } from '../library/parts.js';
import { AudienceChart, type ChartRow } from './chart.js';

/** One topic's count, as `audienceCounts` gives it: never an address. */
export interface AudienceRow {
  area: string;
  language: string;
  channel: 'sms' | 'email';
  subscribers: number;
  exercise: boolean;
}

export interface AudiencePageModel {
  frame: ConsoleFrame;
  session: StaffSession;
  registry: Registry;
  audience: AudienceRow[];
  topicSubscriptions: { sms: number; email: number };
}

const CHANNELS = [
  { id: 'sms', name: 'SMS' },
  { id: 'email', name: 'e-mail' },
] as const;

const count = (n: number) => n.toLocaleString('en-CA');

/**
 * Who would receive an alert, as numbers: per division (and the city-wide topics), language and
 * channel, in a table any screen reader reads, and the totals as bars with their numbers written
 * beside them. Subscriptions are counted per topic: someone following two divisions counts twice,
 * as they receive two alerts. Exercise topics are counted apart: drills never reach the public.
 */
export function renderAudiencePage(model: AudiencePageModel): string {
  const live = model.audience.filter((r) => !r.exercise);
  const exercise = model.audience.filter((r) => r.exercise);
  const areas = [
    { id: CITYWIDE, name: 'City-wide topics' },
    ...model.registry.divisions.map((d) => ({ id: d.id, name: d.name.en ?? d.id })),
  ];
  const columns = model.registry.languages.flatMap((language) =>
    CHANNELS.map((channel) => ({ language, channel })),
  );
  const cell = (rows: AudienceRow[], area: string, language: string, channel: string) =>
    rows
      .filter((r) => r.area === area && r.language === language && r.channel === channel)
      .reduce((n, r) => n + r.subscribers, 0);
  const totalOf = (area: string, channel?: string) =>
    live
      .filter((r) => r.area === area && (!channel || r.channel === channel))
      .reduce((n, r) => n + r.subscribers, 0);
  const chart: ChartRow[] = areas.map((a) => ({
    label: a.name,
    sms: totalOf(a.id, 'sms'),
    email: totalOf(a.id, 'email'),
  }));
  const exerciseTotal = (channel: string) =>
    exercise.filter((r) => r.channel === channel).reduce((n, r) => n + r.subscribers, 0);
  return renderConsole(
    <ConsoleLayout title="Audience" frame={model.frame} session={model.session} section="audience">
      <h1 class="govuk-heading-xl">Audience</h1>
      <p class="govuk-body herald-lede">
        How many people each alert would reach by SMS and e-mail. Counts only: no address is shown here or
        anywhere in the console. A person following two divisions is counted in both, as they receive both
        alerts.
      </p>
      <dl class="govuk-summary-list herald-audience-totals" data-testid="audience-totals">
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">Topic subscriptions by SMS</dt>
          <dd class="govuk-summary-list__value" id="total-sms">
            {count(model.topicSubscriptions.sms)}
          </dd>
        </div>
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">Topic subscriptions by e-mail</dt>
          <dd class="govuk-summary-list__value" id="total-email">
            {count(model.topicSubscriptions.email)}
          </dd>
        </div>
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">Exercise topics (drills only)</dt>
          <dd class="govuk-summary-list__value" id="total-exercise">
            {count(exerciseTotal('sms'))} by SMS, {count(exerciseTotal('email'))} by e-mail
          </dd>
        </div>
      </dl>
      <div class="herald-table-scroll">
        <table class="govuk-table herald-audience-table" id="audience-table">
          <caption class="govuk-table__caption govuk-table__caption--m">
            Subscribers per division, language and channel
          </caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">
                Division
              </th>
              {columns.map(({ language, channel }) => (
                <th
                  scope="col"
                  class="govuk-table__header govuk-table__header--numeric"
                  key={`${language.code}-${channel.id}`}
                >
                  {languageName(language.code)}, {channel.name}
                </th>
              ))}
              <th scope="col" class="govuk-table__header govuk-table__header--numeric">
                Total
              </th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {areas.map((area) => (
              <tr class="govuk-table__row" key={area.id} data-area={area.id}>
                <th scope="row" class="govuk-table__header">
                  {area.name}
                </th>
                {columns.map(({ language, channel }) => (
                  <td
                    class="govuk-table__cell govuk-table__cell--numeric"
                    key={`${language.code}-${channel.id}`}
                    data-count={`${language.code}-${channel.id}`}
                  >
                    {count(cell(live, area.id, language.code, channel.id))}
                  </td>
                ))}
                <td class="govuk-table__cell govuk-table__cell--numeric" data-count="total">
                  {count(totalOf(area.id))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <AudienceChart rows={chart} />
    </ConsoleLayout>,
  );
}
