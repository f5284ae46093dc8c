import { dateTimeFormat } from '../date-format.js';

/** Staff read times in Canadian English; each shape and time zone is built once (date-format.ts). */
const formatter = (shape: string, timeZone: string, options: Intl.DateTimeFormatOptions) =>
  dateTimeFormat('en-CA', shape, timeZone, options);

/** Times as staff read them: the service's own time zone, 24-hour, with the zone's name. */
export function formatTime(iso: string | undefined, timeZone: string): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return formatter('full', timeZone, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).format(date);
}

/** Only the clock: for times within the hour of an incident. */
export function formatClock(iso: string | undefined, timeZone: string): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return formatter('clock', timeZone, {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).format(date);
}

/** "2 min 5 s": how long something took or will take. */
export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${Math.max(0, Math.round(seconds))} s`;
  const minutes = Math.floor(seconds / 60);
  const rest = Math.round(seconds % 60);
  return rest ? `${minutes} min ${rest} s` : `${minutes} min`;
}

/** `2026-03-18` as "18 Mar 2026": a calendar day (a resource's
 * verification date), not an instant: read as UTC midnight it would show the evening before in
 * Toronto. */
export function formatDay(day: string): string {
  const date = new Date(`${day}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return dateTimeFormat('en-GB', 'day', 'UTC', { day: 'numeric', month: 'short', year: 'numeric' }).format(
    date,
  );
}
