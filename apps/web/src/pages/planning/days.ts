/** Catalogue keys of weekday names for an ISO date (typed keys, so the catalogues stay complete). */
const SHORT = [
  'planning.weekday.0',
  'planning.weekday.1',
  'planning.weekday.2',
  'planning.weekday.3',
  'planning.weekday.4',
  'planning.weekday.5',
  'planning.weekday.6',
] as const;
const LONG = [
  'planning.weekdayLong.0',
  'planning.weekdayLong.1',
  'planning.weekdayLong.2',
  'planning.weekdayLong.3',
  'planning.weekdayLong.4',
  'planning.weekdayLong.5',
  'planning.weekdayLong.6',
] as const;
const dayOf = (iso: string) => new Date(`${iso}T12:00:00Z`).getUTCDay();
export const shortDayKey = (iso: string) => SHORT[dayOf(iso)]!;
export const longDayKey = (iso: string) => LONG[dayOf(iso)]!;
/** Short weekday name key for 0 = Monday … 6 = Sunday. */
export const mondayFirstKey = (d: number) => SHORT[(d + 1) % 7]!;
