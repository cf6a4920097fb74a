/**
 * Suggests times for a new appointment of a person: every candidate start of the window is tried, the ones with a
 * blocking conflict (another appointment, the accompanying staff member busy, during the appointment or the travel)
 * are dropped, and the others are ranked by how much they displace the person's day.
 *
 * Cost of a candidate, in points (lower is better):
 * - each minute overlapping a meal costs 3, a routine 2, an activity 1 (travel included: the person is away);
 * - each day after `from` costs 1, so that sooner wins among equals;
 * - starting outside the preferred half-day costs 90 (morning = start before 12:00). As a window has at most 62 days,
 *   a conflict-free slot in the preferred half-day always beats a conflict-free slot outside it.
 * Ties go to the earlier start. At most 2 suggestions per day, never overlapping each other, so that the list offers
 * real alternatives. Deterministic: the same request and items always give the same suggestions.
 */
import { WEEKDAYS } from '@presence/shared';
import { conflictsAt, designation, severityOf, spanText, timeBusyItems, type BusyItem, type BusyKind, type Conflict, type TimedBusyItem } from './schedule.js';
import {
  MINUTES_PER_DAY,
  dateOfDay,
  dayNumber,
  fromMinutes,
  isDate,
  isLocalDateTime,
  isTimeOfDay,
  minuteOfDay,
  toMinutes,
  weekdayOf,
  type Weekday,
} from './time.js';

export interface SlotRequest {
  durationMinutes: number;
  /** Each way; 0 for an appointment inside the facility. */
  travelMinutes: number;
  /** Dates `YYYY-MM-DD`, inclusive. */
  from: string;
  to: string;
  /** `HH:MM`: the appointment itself (not the travel) must fit inside. */
  dayStart: string;
  dayEnd: string;
  /** Default mon–fri. */
  weekdays?: Weekday[];
  /** Default 15: candidate starts are dayStart, dayStart + step… */
  stepMinutes?: number;
  /** Default 5. */
  maxSuggestions?: number;
  preferred?: 'morning' | 'afternoon' | null;
  /** Local date-time: no departure earlier (e.g. now), so the trip out starts at notBefore at the earliest. */
  notBefore?: string;
}

export interface SlotSuggestion {
  start: string;
  end: string;
  cost: number;
  /** Warnings only: a slot with a blocking conflict is never suggested. */
  conflicts: Conflict[];
  /** French, for the UI: « Aucun conflit », « Empiète de 15 min sur la routine « Sieste » (13:30–15:00) »… */
  reasons: string[];
}

/**
 * One problem of a request. Reasons: `required`, `malformed` (not a date / time / date-time), `not_integer`,
 * `out_of_range` (see SLOT_LIMITS), `before_from` (to), `window_too_long` (to), `not_after_day_start` (dayEnd),
 * `longer_than_day` (durationMinutes longer than dayStart–dayEnd), `empty` (weekdays), `unknown_weekday`
 * (weekdays.<index>), `unknown_value` (preferred).
 */
export interface SlotRequestIssue {
  field: string;
  reason: string;
}

export class SlotRequestError extends Error {
  constructor(readonly issues: SlotRequestIssue[]) {
    super(`Invalid slot request: ${issues.map((i) => `${i.field}: ${i.reason}`).join('; ')}`);
    this.name = 'SlotRequestError';
  }
}

/** Inclusive bounds of the numeric fields, and the longest window in days. */
export const SLOT_LIMITS = {
  durationMinutes: [5, 720],
  travelMinutes: [0, 600],
  stepMinutes: [5, 240],
  maxSuggestions: [1, 20],
  windowDays: 62,
} as const;

/** Points of the cost (see the module comment). Blocking kinds never reach the cost: their weight is unused. */
export const SLOT_COST = {
  perMinute: { meal: 3, routine: 2, activity: 1, appointment: 0, staff: 0 } satisfies Record<BusyKind, number>,
  perDayAfterFrom: 1,
  outsidePreferredHalfDay: 90,
} as const;

const DEFAULT_WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];
const DEFAULTS = { stepMinutes: 15, maxSuggestions: 5 } as const;
const MAX_PER_DAY = 2;
const NOON = 12 * 60;

const HALF_DAY_TEXT = { morning: 'Matin', afternoon: 'Après-midi' } as const;
const WISH_TEXT = { morning: 'le matin', afternoon: 'l’après-midi' } as const;

/** Morning = starting before noon. */
const halfDayOf = (minuteInDay: number): 'morning' | 'afternoon' => (minuteInDay < NOON ? 'morning' : 'afternoon');

/** Every problem of the request at once; throws SlotRequestError when there is any. */
function validate(req: SlotRequest): void {
  const issues: SlotRequestIssue[] = [];
  const missingOr = (value: unknown, reason: string) => (value === undefined ? 'required' : reason);

  const integerIn = (field: keyof typeof SLOT_LIMITS & keyof SlotRequest, value: unknown) => {
    const [min, max] = SLOT_LIMITS[field];
    if (typeof value !== 'number' || !Number.isInteger(value)) issues.push({ field, reason: missingOr(value, 'not_integer') });
    else if (value < min || value > max) issues.push({ field, reason: 'out_of_range' });
  };
  integerIn('durationMinutes', req.durationMinutes);
  integerIn('travelMinutes', req.travelMinutes);
  integerIn('stepMinutes', req.stepMinutes ?? DEFAULTS.stepMinutes);
  integerIn('maxSuggestions', req.maxSuggestions ?? DEFAULTS.maxSuggestions);

  for (const field of ['from', 'to'] as const) {
    if (!isDate(req[field])) issues.push({ field, reason: missingOr(req[field], 'malformed') });
  }
  if (isDate(req.from) && isDate(req.to)) {
    const days = dayNumber(req.to) - dayNumber(req.from) + 1;
    if (days < 1) issues.push({ field: 'to', reason: 'before_from' });
    else if (days > SLOT_LIMITS.windowDays) issues.push({ field: 'to', reason: 'window_too_long' });
  }

  for (const field of ['dayStart', 'dayEnd'] as const) {
    if (!isTimeOfDay(req[field])) issues.push({ field, reason: missingOr(req[field], 'malformed') });
  }
  if (isTimeOfDay(req.dayStart) && isTimeOfDay(req.dayEnd)) {
    const dayMinutes = minuteOfDay(req.dayEnd) - minuteOfDay(req.dayStart);
    if (dayMinutes <= 0) issues.push({ field: 'dayEnd', reason: 'not_after_day_start' });
    else if (req.durationMinutes > dayMinutes) issues.push({ field: 'durationMinutes', reason: 'longer_than_day' });
  }

  if (req.weekdays !== undefined) {
    if (!Array.isArray(req.weekdays) || req.weekdays.length === 0) issues.push({ field: 'weekdays', reason: 'empty' });
    else {
      req.weekdays.forEach((day, i) => {
        if (!WEEKDAYS.includes(day)) issues.push({ field: `weekdays.${i}`, reason: 'unknown_weekday' });
      });
    }
  }
  if (req.preferred != null && req.preferred !== 'morning' && req.preferred !== 'afternoon') {
    issues.push({ field: 'preferred', reason: 'unknown_value' });
  }
  if (req.notBefore !== undefined && !isLocalDateTime(req.notBefore)) issues.push({ field: 'notBefore', reason: 'malformed' });

  if (issues.length) throw new SlotRequestError(issues);
}

interface Candidate {
  /** Days after `from`. */
  day: number;
  /** Minutes since 1970-01-01 (wall clock). */
  start: number;
  end: number;
  cost: number;
  /** Items overlapping the appointment or its travel: all warnings. */
  items: TimedBusyItem[];
}

/** Minutes of [start, end) inside the item. */
const overlap = (item: TimedBusyItem, start: number, end: number) => Math.max(0, Math.min(end, item.end) - Math.max(start, item.start));

/**
 * Up to maxSuggestions slots for an appointment, by increasing cost then start (see the module comment). Throws
 * SlotRequestError on an invalid request (every problem at once), RangeError on a malformed busy item.
 */
export function suggestSlots(req: SlotRequest, busy: readonly BusyItem[]): SlotSuggestion[] {
  validate(req);
  const { durationMinutes: duration, travelMinutes: travel, preferred } = req;
  const weekdays = req.weekdays ?? DEFAULT_WEEKDAYS;
  const step = req.stepMinutes ?? DEFAULTS.stepMinutes;
  const [firstDay, lastDay] = [dayNumber(req.from), dayNumber(req.to)];
  const [dayStart, dayEnd] = [minuteOfDay(req.dayStart), minuteOfDay(req.dayEnd)];
  const earliestDeparture = req.notBefore === undefined ? -Infinity : toMinutes(req.notBefore);
  const items = timeBusyItems(busy);

  const candidates: Candidate[] = [];
  for (let day = firstDay; day <= lastDay; day++) {
    if (!weekdays.includes(weekdayOf(dateOfDay(day)))) continue;
    const midnight = day * MINUTES_PER_DAY;
    // The items any trip of this day can meet: fewer to check for each candidate.
    const dayItems = items.filter((i) => overlap(i, midnight + dayStart - travel, midnight + dayEnd + travel) > 0);
    for (let minute = dayStart; minute + duration <= dayEnd; minute += step) {
      const start = midnight + minute;
      const end = start + duration;
      // The three phases are contiguous: what overlaps one of them overlaps [departure, back).
      const [departure, back] = [start - travel, end + travel];
      if (departure < earliestDeparture) continue;
      const met = dayItems.filter((i) => overlap(i, departure, back) > 0);
      if (met.some((i) => severityOf(i.item) === 'blocking')) continue;
      let cost = (day - firstDay) * SLOT_COST.perDayAfterFrom;
      for (const i of met) cost += SLOT_COST.perMinute[i.item.kind] * overlap(i, departure, back);
      if (preferred && halfDayOf(minute) !== preferred) cost += SLOT_COST.outsidePreferredHalfDay;
      candidates.push({ day: day - firstDay, start, end, cost, items: met });
    }
  }
  candidates.sort((a, b) => a.cost - b.cost || a.start - b.start);

  const maxSuggestions = req.maxSuggestions ?? DEFAULTS.maxSuggestions;
  const chosen: Candidate[] = [];
  for (const c of candidates) {
    if (chosen.length === maxSuggestions) break;
    const sameDay = chosen.filter((o) => o.day === c.day);
    if (sameDay.length < MAX_PER_DAY && sameDay.every((o) => o.end <= c.start || c.end <= o.start)) chosen.push(c);
  }

  return chosen.map((c) => ({
    start: fromMinutes(c.start),
    end: fromMinutes(c.end),
    cost: c.cost,
    conflicts: conflictsAt(c.start, c.end, travel, c.items),
    reasons: reasonsOf(c, travel, preferred),
  }));
}

/** The French reasons shown with a suggestion: what it displaces (travel included), and the half-day wish. */
function reasonsOf(c: Candidate, travel: number, preferred: SlotRequest['preferred']): string[] {
  const reasons = c.items.length
    ? c.items.map((i) => `Empiète de ${overlap(i, c.start - travel, c.end + travel)} min sur ${designation(i.item)} (${spanText(i.item.start, i.item.end)})`)
    : ['Aucun conflit'];
  if (preferred) {
    const half = halfDayOf(c.start % MINUTES_PER_DAY);
    reasons.push(half === preferred ? `${HALF_DAY_TEXT[half]}, comme souhaité` : `${HALF_DAY_TEXT[half]}, alors que ${WISH_TEXT[preferred]} était souhaité`);
  }
  return reasons;
}
