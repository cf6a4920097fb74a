import { FACILITY_TIME_ZONE, wallClockToUtc } from '../appointments-core/time.js';

const FORMAT = new Intl.DateTimeFormat('sv-SE', {
  timeZone: FACILITY_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An instant as the facility's wall-clock time, YYYY-MM-DDTHH:MM. */
export function toLocal(instant: Date): string {
  return FORMAT.format(instant).replace(' ', 'T');
}

/**
 * Whether a wall-clock time exists in the facility's time zone and is a real calendar date: 2026-02-30T10:00 does not,
 * nor 2026-03-29T02:30 (skipped when the clocks go forward).
 */
export function isRealLocalTime(local: string): boolean {
  const ms = Date.parse(`${local}:00Z`);
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 16) !== local) return false;
  return toLocal(wallClockToUtc(local)) === local;
}

export const frDateTime = (local: string) => `${local.slice(8, 10)}/${local.slice(5, 7)}/${local.slice(0, 4)} à ${local.slice(11, 16).replace(':', 'h')}`;
