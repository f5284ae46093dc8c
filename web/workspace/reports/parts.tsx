import type { ComponentChildren } from 'preact';
import type { ReportMode } from '../../../shared/domain/after-action-report.js';
import type { Registry } from '../../../shared/domain/registry.js';
import { MODE_WORD } from '../../console/layout.js';

/** What the report pages share: the mode tag, names from the registry, a two-column list. */

export const ModeTag = (props: { mode: ReportMode }) => (
  <strong class={`govuk-tag herald-mode-tag herald-mode-tag--${props.mode}`}>{MODE_WORD[props.mode]}</strong>
);

export const categoryName = (registry: Registry, id: string) =>
  registry.categories.find((c) => c.id === id)?.name.en ?? id;

export const areaNames = (registry: Registry, incident: { citywide: boolean; areas: string[] }) =>
  incident.citywide
    ? 'City-wide'
    : incident.areas.map((id) => registry.divisions.find((d) => d.id === id)?.name.en ?? id).join(', ');

export function SummaryList(props: { id?: string; rows: [string, ComponentChildren][] }) {
  return (
    <dl class="govuk-summary-list herald-report-summary" id={props.id}>
      {props.rows.map(([key, value]) => (
        <div class="govuk-summary-list__row" key={key}>
          <dt class="govuk-summary-list__key">{key}</dt>
          <dd class="govuk-summary-list__value">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function Th(props: { children: ComponentChildren; numeric?: boolean }) {
  return (
    <th scope="col" class={`govuk-table__header${props.numeric ? ' govuk-table__header--numeric' : ''}`}>
      {props.children}
    </th>
  );
}

export function Td(props: { children?: ComponentChildren; numeric?: boolean }) {
  return (
    <td class={`govuk-table__cell${props.numeric ? ' govuk-table__cell--numeric' : ''}`}>{props.children}</td>
  );
}

/** A duration, or what to say instead when there is none yet. */
export const Duration = (props: { text: string; none: string }) =>
  props.text ? (
    <span class="herald-report-duration">{props.text}</span>
  ) : (
    <span class="herald-report-none">{props.none}</span>
  );
