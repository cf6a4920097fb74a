/**
 * What occupies a person (and the staff member accompanying them), and the conflicts of an appointment with it.
 *
 * An appointment occupies three consecutive phases: the trip out (`travelMinutes` before the start), the appointment
 * itself and the trip back (`travelMinutes` after the end); an internal appointment has no travel. Intervals are
 * half-open, [start, end): items that merely touch do not conflict.
 *
 * Severity: another appointment of the person, or anything keeping the accompanying staff member busy, makes the
 * appointment impossible (`blocking`); an activity, a meal or a routine (nap, care) is only displaced (`warning`).
 */
import { MINUTES_PER_DAY, dateOfDay, dayNumber, fromMinutes, minuteOfDay, toMinutes, weekdayOf, type Weekday } from './time.js';

export type BusyKind = 'appointment' | 'activity' | 'meal' | 'routine' | 'staff';

/** Something that occupies the person (or the accompanying staff member when who === 'staff'). */
export interface BusyItem {
  kind: BusyKind;
  label: string;
  /** Local date-times `YYYY-MM-DDTHH:MM`, start < end. */
  start: string;
  end: string;
  who: 'person' | 'staff';
  /** Where the item comes from, for the caller to link back (e.g. `meal` and the meal key). */
  sourceType?: string;
  sourceId?: string;
}

/** A daily meal, times `HH:MM` on the same day. */
export interface MealTime {
  key: string;
  label: string;
  start: string;
  end: string;
}

/** A recurring habit of the person on some weekdays (nap, toilet, care), times `HH:MM` on the same day. */
export interface Routine {
  label: string;
  days: Weekday[];
  start: string;
  end: string;
}

/** Usual meal times of a French nursing home. */
export const DEFAULT_MEALS: readonly MealTime[] = [
  { key: 'breakfast', label: 'Petit-déjeuner', start: '08:00', end: '09:00' },
  { key: 'lunch', label: 'Déjeuner', start: '12:00', end: '13:15' },
  { key: 'snack', label: 'Goûter', start: '15:30', end: '16:00' },
  { key: 'dinner', label: 'Dîner', start: '18:30', end: '19:30' },
];

export type ConflictSeverity = 'blocking' | 'warning';
export type AppointmentPhase = 'travel_out' | 'appointment' | 'travel_back';

/**
 * The overlap of one busy item with one phase of the appointment: an item spanning two phases (a lunch during the trip
 * out and the appointment) gives two conflicts, so that each message says exactly when it happens.
 */
export interface Conflict {
  kind: BusyKind;
  label: string;
  start: string;
  end: string;
  who: 'person' | 'staff';
  sourceType?: string;
  sourceId?: string;
  overlapMinutes: number;
  during: AppointmentPhase;
  severity: ConflictSeverity;
  /** French, for the UI: « Chevauche le repas « Déjeuner » (12:00–13:15) pendant le trajet aller ». */
  message: string;
}

/** A busy item with its bounds in minutes since 1970-01-01 (wall clock): parsed once, checked against many slots. */
export interface TimedBusyItem {
  item: BusyItem;
  start: number;
  end: number;
}

const PHASES: readonly AppointmentPhase[] = ['travel_out', 'appointment', 'travel_back'];

const PHASE_TEXT: Record<AppointmentPhase, string> = {
  travel_out: 'pendant le trajet aller',
  appointment: 'pendant le rendez-vous',
  travel_back: 'pendant le trajet retour',
};

export function severityOf(item: Pick<BusyItem, 'kind' | 'who'>): ConflictSeverity {
  return item.who === 'staff' || item.kind === 'staff' || item.kind === 'appointment' ? 'blocking' : 'warning';
}

/** « le repas « Déjeuner » »: the kind names the item, so the article never depends on the label's gender. */
export function designation(item: Pick<BusyItem, 'kind' | 'label' | 'who'>): string {
  const quoted = `«\u00a0${item.label}\u00a0»`;
  if (item.who === 'staff' || item.kind === 'staff') return `une indisponibilité de l’accompagnant ${quoted}`;
  switch (item.kind) {
    case 'appointment':
      return `le rendez-vous ${quoted}`;
    case 'activity':
      return `l’activité ${quoted}`;
    case 'meal':
      return `le repas ${quoted}`;
    case 'routine':
      return `la routine ${quoted}`;
  }
}

/** « 12:00–13:15 » within a day, « du 10/07 08:00 au 12/07 18:00 » across days. */
export function spanText(start: string, end: string): string {
  if (start.slice(0, 10) === end.slice(0, 10)) return `${start.slice(11)}–${end.slice(11)}`;
  const dayMonthTime = (local: string) => `${local.slice(8, 10)}/${local.slice(5, 7)} ${local.slice(11)}`;
  return `du ${dayMonthTime(start)} au ${dayMonthTime(end)}`;
}

/** Parses busy items (RangeError on a malformed or empty one), sorted by start then end; ties keep the input order. */
export function timeBusyItems(busy: readonly BusyItem[]): TimedBusyItem[] {
  return busy
    .map((item) => {
      const timed = { item, start: toMinutes(item.start), end: toMinutes(item.end) };
      if (timed.end <= timed.start) throw new RangeError(`Busy item « ${item.label} » ends at ${item.end}, not after its start ${item.start}`);
      return timed;
    })
    .sort((a, b) => a.start - b.start || a.end - b.end);
}

/**
 * Conflicts of an appointment [start, end) (minutes since 1970-01-01) travelling `travelMinutes` each way with
 * already-timed items (from `timeBusyItems`), sorted by item start, then phase. The building block of findConflicts
 * and suggestSlots.
 */
export function conflictsAt(start: number, end: number, travelMinutes: number, items: readonly TimedBusyItem[]): Conflict[] {
  const bounds: Record<AppointmentPhase, readonly [number, number]> = {
    travel_out: [start - travelMinutes, start],
    appointment: [start, end],
    travel_back: [end, end + travelMinutes],
  };
  const conflicts: Conflict[] = [];
  for (const { item, start: itemStart, end: itemEnd } of items) {
    for (const during of PHASES) {
      const [from, to] = bounds[during];
      const overlapMinutes = Math.min(to, itemEnd) - Math.max(from, itemStart);
      // Zero-length phases (no travel) and touching intervals give overlapMinutes <= 0.
      if (overlapMinutes <= 0) continue;
      conflicts.push({
        ...item,
        overlapMinutes,
        during,
        severity: severityOf(item),
        message: `Chevauche ${designation(item)} (${spanText(item.start, item.end)}) ${PHASE_TEXT[during]}`,
      });
    }
  }
  return conflicts;
}

/**
 * Conflicts of one appointment [start, end] with travel before and after (travelMinutes each way, 0 for internal ones).
 * Blocking: another appointment of the person, anything of the accompanying staff ('staff' items). Warning:
 * activities, meals, routines. Sorted by start. Items that merely touch (end == start) do not conflict.
 * Throws RangeError on a malformed appointment or busy item.
 */
export function findConflicts(appt: { start: string; end: string; travelMinutes: number }, busy: readonly BusyItem[]): Conflict[] {
  const start = toMinutes(appt.start);
  const end = toMinutes(appt.end);
  if (end <= start) throw new RangeError(`The appointment ends at ${appt.end}, not after its start ${appt.start}`);
  if (!Number.isInteger(appt.travelMinutes) || appt.travelMinutes < 0) {
    throw new RangeError(`travelMinutes must be a whole number of minutes >= 0, got ${appt.travelMinutes}`);
  }
  return conflictsAt(start, end, appt.travelMinutes, timeBusyItems(busy));
}

/** A daily time range `HH:MM`–`HH:MM` in minutes since midnight; RangeError unless it ends after it starts, same day. */
function dailyRange(what: { label: string; start: string; end: string }): [number, number] {
  const range: [number, number] = [minuteOfDay(what.start), minuteOfDay(what.end)];
  if (range[1] <= range[0]) throw new RangeError(`« ${what.label} » ends at ${what.end}, not after its start ${what.start}`);
  return range;
}

/**
 * Meals and routines as dated BusyItems for every day in [from, to] (inclusive; none when to < from), routines only on
 * their weekdays. Sorted by start, meals first on ties. Throws RangeError on a malformed date or time.
 */
export function expandDaily(meals: readonly MealTime[], routines: readonly Routine[], from: string, to: string): BusyItem[] {
  const mealRanges = meals.map(dailyRange);
  const routineRanges = routines.map(dailyRange);
  const items: BusyItem[] = [];
  for (let day = dayNumber(from), last = dayNumber(to); day <= last; day++) {
    const date = dateOfDay(day);
    const weekday = weekdayOf(date);
    const at = (minute: number) => fromMinutes(day * MINUTES_PER_DAY + minute);
    meals.forEach((meal, i) => {
      const [start, end] = mealRanges[i]!;
      items.push({ kind: 'meal', label: meal.label, start: at(start), end: at(end), who: 'person', sourceType: 'meal', sourceId: meal.key });
    });
    routines.forEach((routine, i) => {
      if (!routine.days.includes(weekday)) return;
      const [start, end] = routineRanges[i]!;
      items.push({ kind: 'routine', label: routine.label, start: at(start), end: at(end), who: 'person' });
    });
  }
  // Same-length strings in ISO order compare chronologically; the sort is stable, so meals stay before routines.
  return items.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
}
