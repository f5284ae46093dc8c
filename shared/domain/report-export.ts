import type { AfterActionReport } from './after-action-report.js';

/**
 * The report as CSV (RFC 4180: CRLF line ends, a field quoted when it holds a comma, a quote or a
 * line break, quotes doubled), one row per fact with a `section` column, so a spreadsheet can
 * filter it. A cell a spreadsheet would run as a formula (starting with = + - @, or a tab or
 * carriage return that some strip first) gets a leading apostrophe (OWASP "CSV injection").
 */
export const CSV_COLUMNS = [
  'section',
  'time',
  'who',
  'what',
  'broadcast',
  'channel',
  'seconds',
  'detail',
] as const;

type CsvRow = Partial<Record<(typeof CSV_COLUMNS)[number], string | number | undefined>>;

export function csvCell(value: string | number | undefined): string {
  let text = value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(rows: readonly CsvRow[]): string {
  const lines = [
    CSV_COLUMNS.join(','),
    ...rows.map((row) => CSV_COLUMNS.map((c) => csvCell(row[c])).join(',')),
  ];
  return `${lines.join('\r\n')}\r\n`;
}

const seconds = (ms: number | undefined) => (ms === undefined ? undefined : Math.round(ms / 1000));

export function reportCsv(report: AfterActionReport): string {
  const { incident: i, keyTimes: k } = report;
  const rows: CsvRow[] = [
    {
      section: 'incident',
      time: i.openedAt,
      who: i.openedByName ?? i.openedBy,
      what: `${i.mode.toUpperCase()} ${i.category}`,
      detail: `${i.severity}; ${i.citywide ? 'city-wide' : i.areas.join(' ')}; ${i.languages.join(' ')}; ${i.state}`,
    },
    { section: 'key time', time: k.approvedAt, what: 'approval of the alert', broadcast: k.originalId },
    {
      section: 'key time',
      time: k.firstDeliveredAt,
      what: 'approval to first delivery',
      broadcast: k.originalId,
      seconds: seconds(k.approveToFirstMs),
    },
    {
      section: 'key time',
      time: k.lastDeliveredAt,
      what: 'approval to last delivery',
      broadcast: k.originalId,
      seconds: seconds(k.approveToLastMs),
    },
  ];
  if (k.correction) {
    const c = k.correction;
    rows.push(
      {
        section: 'key time',
        time: c.approvedAt,
        what: 'time to approve the correction',
        broadcast: c.broadcastId,
        seconds: seconds(c.toApprovalMs),
      },
      {
        section: 'key time',
        time: c.firstDeliveredAt,
        what: 'time to correct (first delivery of the correction)',
        broadcast: c.broadcastId,
        seconds: seconds(c.toDeliveryMs),
      },
    );
  }
  for (const row of report.timeline)
    rows.push({
      section: 'timeline',
      time: row.at,
      who: row.actorName ?? row.actor,
      what: row.event,
      broadcast: row.broadcastId,
      channel: row.channel,
      detail: row.detail,
    });
  for (const b of report.broadcasts) {
    for (const c of b.channels)
      rows.push({
        section: 'channel',
        time: c.firstDeliveredAt,
        what: `${b.kind} on ${c.channel}: ${c.sent} sent, ${c.failed} failed, ${c.open} open of ${c.targets}`,
        broadcast: b.id,
        channel: c.channel,
        seconds: seconds(c.approveToLastMs ?? c.approveToFirstMs),
        detail: c.lastDeliveredAt ? `last delivery ${c.lastDeliveredAt}` : undefined,
      });
    for (const account of b.reach.accounts)
      rows.push({ section: 'reach', what: 'X account', broadcast: b.id, channel: 'x', detail: account });
    for (const t of b.reach.topics)
      rows.push({
        section: 'reach',
        what: 'SNS topic',
        broadcast: b.id,
        channel: 'sns',
        detail: `${t.topic}${t.sms === undefined ? '' : `; ${t.sms} SMS and ${t.email} e-mail subscribers at approval`}`,
      });
  }
  for (const p of report.problems)
    rows.push({
      section: 'delivery problem',
      time: p.lastAttemptAt,
      what: `${p.status}: ${p.attempts} attempts, ${p.waits} waits`,
      broadcast: p.broadcastId,
      channel: p.channel,
      detail: `${p.target}${p.lastError ? `; ${p.lastError}` : ''}`,
    });
  for (const p of report.participants)
    rows.push({ section: 'participant', who: p.actorName ?? p.actor, what: p.actions.join('; ') });
  rows.push(
    { section: 'finding', what: 'what worked', detail: report.findings.strengths },
    { section: 'finding', what: 'what to improve', detail: report.findings.improvements },
  );
  for (const a of report.correctiveActions)
    rows.push({ section: 'corrective action', time: a.due, who: a.owner, what: a.what });
  return toCsv(rows);
}
