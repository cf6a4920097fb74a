/**
 * The care-team roster of the product, compiled into the one roster model the solver and the evaluator know
 * (model.ts): French shift patterns with clock times, staff contracts and qualifications, cover per weekday, shift and
 * qualification, staff requests, and French working-time rules. The benchmark is the same model with none of these
 * fields filled — one engine, two models.
 *
 * What each rule becomes in the model:
 *  - at least `minRestHours` between two shifts → forbidden successions computed from the clock times;
 *  - at most `maxDayHours` a day → a shift longer than that is refused (one shift a day is the model's own rule);
 *  - at most `maxWeekHours` in any calendar week → the weekly minutes limit;
 *  - weekly hours on average over the cycle → total minutes within ± `hoursTolerance` of contract × weeks (a weekday
 *    of leave counts as a fifth of a week worked);
 *  - weekends off per 4 weeks → at most weeks − ⌊off × weeks / 4⌋ weekends worked;
 *  - runs: at most `maxConsecutiveDays` working days in a row, rest periods of at least `minConsecutiveDaysOff` days;
 *  - night staff work nights only and day staff never do;
 *  - approved leave → fixed days off (hard); requests on and off → weighted soft terms.
 */
import { careRulesSchema, careShiftSchema, coverageItemSchema, isoDateSchema, type CoverageItem } from '@presence/shared';
import { z } from 'zod';
import { addDays, toDay } from '../lib/random.js';
import { evaluateRoster, type RosterEvaluation } from './evaluate.js';
import { OFF, type Cover, type Request, type Roster, type RosterModel } from './model.js';

const isoDate = isoDateSchema;

export const careStaffSchema = z
  .object({
    id: z.string().min(1).max(120),
    name: z.string().min(1).max(200),
    weeklyMinutes: z
      .number()
      .int()
      .min(0)
      .max(48 * 60),
    qualifications: z.array(z.string().min(1).max(20)).max(10),
    nightStaff: z.boolean(),
    /** Approved leave and other days the person cannot work (hard). */
    unavailable: z.array(isoDate).max(400),
    /** The shift of the day before the period (null: off) and the days worked in a row up to it, when known. */
    history: z
      .object({ lastShift: z.string().min(1).max(4).nullable(), run: z.number().int().min(0).max(60) })
      .strict()
      .optional(),
  })
  .strict();

export const careRequestSchema = z
  .object({
    id: z.string().min(1).max(120),
    staff: z.string().min(1).max(120),
    date: isoDate,
    kind: z.enum(['on', 'off']),
    /** The shift wanted (on) or not wanted (off); null with 'off' = the whole day off. */
    shift: z.string().min(1).max(4).nullable(),
    weight: z.number().int().min(1).max(10),
  })
  .strict();
export type CareRequest = z.output<typeof careRequestSchema>;

export const careTeamSchema = z
  .object({
    start: isoDate,
    weeks: z.number().int().min(1).max(8),
    shifts: z.array(careShiftSchema).min(1).max(12),
    staff: z.array(careStaffSchema).min(1).max(300),
    coverage: z.array(coverageItemSchema).max(500),
    requests: z.array(careRequestSchema).max(5000),
    rules: careRulesSchema,
  })
  .strict();
export type CareTeamSetting = z.output<typeof careTeamSchema>;

export class CareTeamError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

const minutesOf = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
/** Length of a shift in minutes; an end at or before the start means the next day. */
export const shiftMinutes = (s: { start: string; end: string }) => {
  const m = (minutesOf(s.end) - minutesOf(s.start) + 1440) % 1440;
  return m === 0 ? 1440 : m;
};
/** Weight of one unmet request point, against 100 for one missing person on a shift. */
export const REQUEST_WEIGHT_UNIT = 10;

const dayIndex = (start: string, date: string) => toDay(date) - toDay(start);
/** The synthetic qualification tag of a coverage line that accepts several qualifications. */
const groupTag = (qs: readonly string[]) => [...qs].sort().join('|');

/** Compiles a care-team setting into the roster model. Throws CareTeamError naming the field for a setting that makes no sense. */
export function careTeamModel(input: CareTeamSetting): RosterModel {
  const s = careTeamSchema.parse(input);
  if (new Date(`${s.start}T00:00:00Z`).getUTCDay() !== 1) throw new CareTeamError('start', 'not_monday', 'A roster starts on a Monday');
  const H = s.weeks * 7;
  const codes = new Map(s.shifts.map((x, i) => [x.code, i]));
  if (codes.size !== s.shifts.length) throw new CareTeamError('shifts', 'duplicate_code', 'Two shift patterns have the same code');
  s.shifts.forEach((x, i) => {
    if (shiftMinutes(x) > s.rules.maxDayHours * 60)
      throw new CareTeamError(`shifts.${i}.end`, 'longer_than_max_day', `${x.label} lasts more than ${s.rules.maxDayHours} h`);
  });
  // Rest between shift a on day d and shift b on day d+1: (24 h + start of b) − end of a, end measured from day d's midnight.
  const shifts = s.shifts.map((a) => {
    const endA = minutesOf(a.start) + shiftMinutes(a);
    return {
      id: a.code,
      minutes: shiftMinutes(a),
      forbiddenNext: s.shifts.filter((b) => 1440 + minutesOf(b.start) - endA < s.rules.minRestHours * 60).map((b) => b.code),
    };
  });
  const staffIds = new Set<string>();
  const staff = s.staff.map((p, i) => {
    if (staffIds.has(p.id)) throw new CareTeamError(`staff.${i}.id`, 'duplicate', 'This staff member is listed twice');
    staffIds.add(p.id);
    const total = contractMinutes(s, p);
    const tolerance = Math.round(s.rules.hoursTolerance * 60);
    return {
      id: p.id,
      maxShifts: Object.fromEntries(s.shifts.map((x) => [x.code, x.night === p.nightStaff ? H : 0])),
      maxTotalMinutes: total + tolerance,
      minTotalMinutes: Math.max(0, total - tolerance),
      maxConsecutiveShifts: s.rules.maxConsecutiveDays,
      minConsecutiveShifts: 1,
      minConsecutiveDaysOff: s.rules.minConsecutiveDaysOff,
      maxWeekends: Math.max(0, s.weeks - Math.floor((s.rules.weekendsOffPer4Weeks * s.weeks) / 4)),
      daysOff: leaveDays(s, p),
      qualifications: [...p.qualifications, ...groupTags(s.coverage, p.qualifications)],
      maxWeeklyMinutes: Math.round(s.rules.maxWeekHours * 60),
      ...(p.history && (p.history.run > 0 || p.history.lastShift)
        ? { history: { lastShift: p.history.lastShift && codes.has(p.history.lastShift) ? p.history.lastShift : null, run: p.history.run } }
        : {}),
    };
  });
  const onRequests: Request[] = [];
  const offRequests: Request[] = [];
  s.requests.forEach((r, i) => {
    if (!staffIds.has(r.staff)) throw new CareTeamError(`requests.${i}.staff`, 'unknown', 'No staff member with this id in the roster');
    const day = dayIndex(s.start, r.date);
    if (day < 0 || day >= H) return; // outside the period: not this roster's business
    if (r.shift !== null && !codes.has(r.shift)) throw new CareTeamError(`requests.${i}.shift`, 'unknown', 'No shift pattern with this code');
    const weight = r.weight * REQUEST_WEIGHT_UNIT;
    if (r.kind === 'on') {
      if (r.shift === null) throw new CareTeamError(`requests.${i}.shift`, 'required', 'A request to work names the shift');
      onRequests.push({ staff: r.staff, day, shift: r.shift, weight });
    } else for (const x of s.shifts) if (r.shift === null || r.shift === x.code) offRequests.push({ staff: r.staff, day, shift: x.code, weight });
  });
  const cover: Cover[] = [];
  s.coverage.forEach((c, i) => {
    if (!codes.has(c.shift)) throw new CareTeamError(`coverage.${i}.shift`, 'unknown', 'No shift pattern with this code');
  });
  for (let day = 0; day < H; day++)
    for (const c of s.coverage)
      if (c.weekday === day % 7)
        cover.push({
          day,
          shift: c.shift,
          qualification: c.qualifications.length === 0 ? null : c.qualifications.length === 1 ? c.qualifications[0]! : groupTag(c.qualifications),
          requirement: c.requirement,
          weightUnder: 100,
          weightOver: 1,
        });
  return { name: `care-team ${s.start}`, horizon: H, shifts, staff, onRequests, offRequests, cover };
}

/** Day indexes of a person's leave inside the period. */
function leaveDays(s: CareTeamSetting, p: CareTeamSetting['staff'][number]): number[] {
  const H = s.weeks * 7;
  return [...new Set(p.unavailable.map((d) => dayIndex(s.start, d)).filter((d) => d >= 0 && d < H))].sort((a, b) => a - b);
}

/**
 * Minutes a person's contract asks for over the period: weekly minutes × weeks, less a fifth of the weekly minutes for
 * each weekday (Monday–Friday) of leave — a day of leave counts as a day worked (« congés ouvrés »).
 */
export function contractMinutes(s: CareTeamSetting, p: CareTeamSetting['staff'][number]): number {
  const weekdaysOff = leaveDays(s, p).filter((d) => d % 7 < 5).length;
  return Math.max(0, Math.round(p.weeklyMinutes * s.weeks - (weekdaysOff * p.weeklyMinutes) / 5));
}

/** The group tags (coverage lines with several qualifications) a person with these qualifications counts for. */
function groupTags(coverage: readonly CoverageItem[], quals: readonly string[]): string[] {
  const tags = new Set<string>();
  for (const c of coverage) if (c.qualifications.length > 1 && c.qualifications.some((q) => quals.includes(q))) tags.add(groupTag(c.qualifications));
  return [...tags];
}

/** Roster ⇄ the product's shape: per staff id, one shift code or null per day. */
export type Assignments = Record<string, (string | null)[]>;
export function toAssignments(model: RosterModel, roster: Roster): Assignments {
  return Object.fromEntries(model.staff.map((st, e) => [st.id, Array.from(roster[e]!, (x) => (x === OFF ? null : model.shifts[x]!.id))]));
}
export function fromAssignments(model: RosterModel, a: Assignments): Roster {
  const idx = new Map(model.shifts.map((s, i) => [s.id, i]));
  return model.staff.map((st) => {
    const row = a[st.id];
    const line = new Int16Array(model.horizon).fill(OFF);
    if (!row) return line;
    if (row.length !== model.horizon) throw new CareTeamError(`assignments.${st.id}`, 'wrong_length', `Expected ${model.horizon} days`);
    row.forEach((code, d) => {
      if (code === null) return;
      const k = idx.get(code);
      if (k === undefined) throw new CareTeamError(`assignments.${st.id}.${d}`, 'unknown_shift', `No shift pattern "${code}"`);
      line[d] = k;
    });
    return line;
  });
}

export interface StaffFairness {
  staff: string;
  minutes: number;
  /** Contract minutes over the period. */
  contractMinutes: number;
  shifts: number;
  nights: number;
  weekendsWorked: number;
  requests: number;
  requestsGranted: number;
}
export interface UnmetRequest {
  request: string;
  staff: string;
  date: string;
  /** Why it could not be granted as the roster stands: the rule it would break, or the cover it would leave short. */
  reason: string;
}
export interface CareTeamEvaluation extends RosterEvaluation {
  fairness: StaffFairness[];
  unmet: UnmetRequest[];
  /** Per (day, shift, qualification line): required and assigned, only where short. */
  shortfalls: { day: number; date: string; shift: string; qualification: string | null; required: number; assigned: number }[];
}

/** The evaluator's verdict in the product's terms: violations, cover shortfalls, requests not granted and why, fairness figures. */
export function evaluateCareTeam(setting: CareTeamSetting, model: RosterModel, roster: Roster): CareTeamEvaluation {
  const base = evaluateRoster(model, roster);
  const H = model.horizon;
  const sIndex = new Map(model.staff.map((s, i) => [s.id, i]));
  const night = new Set(setting.shifts.filter((x) => x.night).map((x) => x.code));
  const granted = (r: CareRequest, line: Int16Array) => {
    const day = dayIndex(setting.start, r.date);
    const x = line[day]!;
    const code = x === OFF ? null : model.shifts[x]!.id;
    return r.kind === 'on' ? code === r.shift : r.shift === null ? code === null : code !== r.shift;
  };
  const inPeriod = setting.requests.filter((r) => {
    const d = dayIndex(setting.start, r.date);
    return d >= 0 && d < H;
  });
  const fairness = setting.staff.map((p): StaffFairness => {
    const line = roster[sIndex.get(p.id)!]!;
    let minutes = 0;
    let shifts = 0;
    let nights = 0;
    let weekendsWorked = 0;
    for (let d = 0; d < H; d++) {
      const x = line[d]!;
      if (x === OFF) continue;
      shifts++;
      minutes += model.shifts[x]!.minutes;
      if (night.has(model.shifts[x]!.id)) nights++;
    }
    for (let sat = 5; sat < H; sat += 7) if (line[sat] !== OFF || line[sat + 1] !== OFF) weekendsWorked++;
    const mine = inPeriod.filter((r) => r.staff === p.id);
    return {
      staff: p.id,
      minutes,
      contractMinutes: contractMinutes(setting, p),
      shifts,
      nights,
      weekendsWorked,
      requests: mine.length,
      requestsGranted: mine.filter((r) => granted(r, line)).length,
    };
  });
  // Why a request was not granted: grant it alone and see what breaks.
  const unmet: UnmetRequest[] = [];
  for (const r of inPeriod) {
    const e = sIndex.get(r.staff)!;
    if (granted(r, roster[e]!)) continue;
    const day = dayIndex(setting.start, r.date);
    const trial = roster.map((l, i) => (i === e ? l.slice() : l));
    trial[e]![day] = r.kind === 'on' ? model.shifts.findIndex((x) => x.id === r.shift) : OFF;
    const after = evaluateRoster(model, trial);
    const own = after.violations.filter(
      (v) => v.staff === r.staff && !base.violations.some((b) => b.type === v.type && b.staff === v.staff && b.day === v.day),
    );
    const reason = own.length
      ? own[0]!.type
      : after.penalties.coverUnder > base.penalties.coverUnder
        ? 'cover'
        : after.objective > base.objective
          ? 'cost'
          : 'not_chosen';
    unmet.push({ request: r.id, staff: r.staff, date: r.date, reason });
  }
  const shortfalls: CareTeamEvaluation['shortfalls'] = [];
  for (const c of model.cover) {
    const k = model.shifts.findIndex((x) => x.id === c.shift);
    let n = 0;
    model.staff.forEach((st, e) => {
      if (roster[e]![c.day] === k && (c.qualification === null || st.qualifications.includes(c.qualification))) n++;
    });
    if (n < c.requirement)
      shortfalls.push({
        day: c.day,
        date: addDays(setting.start, c.day),
        shift: c.shift,
        qualification: c.qualification,
        required: c.requirement,
        assigned: n,
      });
  }
  return { ...base, fairness, unmet, shortfalls };
}

/**
 * Rules across the start of the period, against the shifts already published before it (`previous[staff]`: codes of
 * the days just before the start, oldest first, null = off): rest between the last day before and day 0, and days
 * worked in a row counting the days before. The model itself, like the benchmark, assumes the day before the period
 * is off; this check keeps a published roster legal where the periods meet.
 */
export function boundaryViolations(
  setting: CareTeamSetting,
  assignments: Assignments,
  previous: Record<string, (string | null)[]>,
): { type: string; staff: string; day: number; detail: string }[] {
  const out: { type: string; staff: string; day: number; detail: string }[] = [];
  const shift = new Map(setting.shifts.map((s) => [s.code, s]));
  for (const p of setting.staff) {
    const before = previous[p.id] ?? [];
    const line = assignments[p.id] ?? [];
    const last = before.at(-1) ?? null;
    const first = line[0] ?? null;
    if (last && first && shift.has(last) && shift.has(first)) {
      const a = shift.get(last)!;
      const b = shift.get(first)!;
      const rest = 1440 + minutesOf(b.start) - (minutesOf(a.start) + shiftMinutes(a));
      if (rest < setting.rules.minRestHours * 60)
        out.push({
          type: 'ForbiddenSuccession',
          staff: p.id,
          day: 0,
          detail: `${a.code} the day before the period, then ${b.code}: ${Math.max(0, rest / 60).toFixed(1)} h of rest`,
        });
    }
    let run = 0;
    for (let i = before.length - 1; i >= 0 && before[i]; i--) run++;
    if (run === 0) continue;
    let d = 0;
    while (d < line.length && line[d]) d++;
    if (d > 0 && run + d > setting.rules.maxConsecutiveDays)
      out.push({ type: 'MaxConsecutiveShifts', staff: p.id, day: d - 1, detail: `${run + d} days in a row with the ${run} before the period` });
  }
  return out;
}
