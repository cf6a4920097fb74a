/**
 * Wall-clock time for the appointments core. Every value is a facility-local string with no time zone:
 * a date `YYYY-MM-DD`, a time of day `HH:MM` or a local date-time `YYYY-MM-DDTHH:MM` (Europe/Paris wall clock).
 *
 * Arithmetic runs on the wall-clock values read as if they were UTC, so that a day always has 1440 minutes and
 * `10:00 + 90 min` is `11:30`, even on the days the clocks change: a care schedule is reasoned about in wall-clock
 * time. Only `wallClockToUtc` knows the real time zone, for exports that need instants (iCalendar).
 */
import { WEEKDAYS } from '@presence/shared';

export type Weekday = (typeof WEEKDAYS)[number];

/** Time zone of the wall-clock values (every facility is in metropolitan France). */
export const FACILITY_TIME_ZONE = 'Europe/Paris';
export const MINUTES_PER_DAY = 24 * 60;

const MINUTE_MS = 60_000;
const DAY_MS = MINUTES_PER_DAY * MINUTE_MS;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Days since 1970-01-01 of a `YYYY-MM-DD` date, NaN when the string is not a real calendar date. */
function dayOrNaN(date: unknown): number {
  if (typeof date !== 'string' || !DATE.test(date)) return NaN;
  const ms = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
  // Date.UTC rolls impossible dates over (02-30 becomes 03-02) and maps years 0–99 to 19xx: a round trip rejects both.
  return new Date(ms).toISOString().slice(0, 10) === date ? ms / DAY_MS : NaN;
}

/** Minutes since midnight of an `HH:MM` time of day (00:00–23:59), NaN when malformed. */
function minuteOfDayOrNaN(time: unknown): number {
  const match = typeof time === 'string' ? TIME_OF_DAY.exec(time) : null;
  return match ? Number(match[1]) * 60 + Number(match[2]) : NaN;
}

/** Minutes since 1970-01-01T00:00 of a `YYYY-MM-DDTHH:MM` local date-time, NaN when malformed. */
function minutesOrNaN(local: unknown): number {
  if (typeof local !== 'string' || local.length !== 16 || local[10] !== 'T') return NaN;
  return dayOrNaN(local.slice(0, 10)) * MINUTES_PER_DAY + minuteOfDayOrNaN(local.slice(11));
}

function orThrow(value: number, what: string, input: unknown): number {
  if (Number.isNaN(value)) throw new RangeError(`Expected ${what}, got ${JSON.stringify(input)}`);
  return value;
}

export const isDate = (value: unknown): value is string => !Number.isNaN(dayOrNaN(value));
export const isTimeOfDay = (value: unknown): value is string => !Number.isNaN(minuteOfDayOrNaN(value));
export const isLocalDateTime = (value: unknown): value is string => !Number.isNaN(minutesOrNaN(value));

/** Days since 1970-01-01 of a date; throws RangeError when malformed. */
export const dayNumber = (date: string): number => orThrow(dayOrNaN(date), 'a date YYYY-MM-DD', date);

/** Minutes since midnight of a time of day; throws RangeError when malformed. */
export const minuteOfDay = (time: string): number => orThrow(minuteOfDayOrNaN(time), 'a time HH:MM', time);

/** Minutes since 1970-01-01T00:00 (wall clock) of a local date-time; throws RangeError when malformed. */
export const toMinutes = (local: string): number => orThrow(minutesOrNaN(local), 'a local date-time YYYY-MM-DDTHH:MM', local);

/** The local date-time `YYYY-MM-DDTHH:MM` of a number of minutes since 1970-01-01T00:00. */
export const fromMinutes = (minutes: number): string => new Date(minutes * MINUTE_MS).toISOString().slice(0, 16);

/** The date `YYYY-MM-DD` of a number of days since 1970-01-01. */
export const dateOfDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

export const addMinutes = (local: string, minutes: number): string => fromMinutes(toMinutes(local) + minutes);

export const weekdayOf = (date: string): Weekday => WEEKDAYS[(new Date(dayNumber(date) * DAY_MS).getUTCDay() + 6) % 7]!;

// One formatter for the process: building an Intl.DateTimeFormat is costly. h23 avoids the "24:00" of some locales.
const zoneFormatters = new Map<string, Intl.DateTimeFormat>();
function zoneFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = zoneFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    zoneFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Offset of the time zone from UTC at an instant given in whole minutes, in ms (Paris: +1 h in winter, +2 h in summer). */
function zoneOffsetMs(instantMs: number, timeZone: string): number {
  const part: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
  for (const { type, value } of zoneFormatter(timeZone).formatToParts(instantMs)) part[type] = Number(value);
  return Date.UTC(part.year!, part.month! - 1, part.day, part.hour, part.minute, part.second) - instantMs;
}

/**
 * The instant at which the wall clock of `timeZone` shows `local`. The offset comes from the time-zone database
 * (through Intl), never from a hard-coded +1/+2.
 *
 * Around a clock change, the same disambiguation as Temporal's `compatible`: a time repeated when the clocks go back
 * (02:30 on the last Sunday of October) is its first occurrence (summer time); a time skipped when they go forward
 * (02:30 on the last Sunday of March) is moved forward by the gap (03:30 summer time).
 */
export function wallClockToUtc(local: string, timeZone: string = FACILITY_TIME_ZONE): Date {
  const wallMs = toMinutes(local) * MINUTE_MS;
  // A zone changes offset at most once in two days: the offsets a day before and a day after are the only candidates.
  const offsetBefore = zoneOffsetMs(wallMs - DAY_MS, timeZone);
  const offsetAfter = zoneOffsetMs(wallMs + DAY_MS, timeZone);
  const matches = [wallMs - offsetBefore, wallMs - offsetAfter].filter((utc) => utc + zoneOffsetMs(utc, timeZone) === wallMs);
  return new Date(matches.length ? Math.min(...matches) : wallMs - offsetBefore);
}
