/**
 * Recomputes a roster's feasibility, objective and every violation from the model and the roster alone, following
 * ../shared/specs/roster-benchmark.md rule by rule. Deliberately written as plain loops, separate from the solver's
 * incremental bookkeeping, so each checks the other.
 */
import { OFF, type Roster, type RosterModel } from './model.js';

export interface RosterViolation {
  type: string;
  staff: string;
  day?: number;
  detail: string;
}
export interface RosterEvaluation {
  feasible: boolean;
  objective: number;
  violations: RosterViolation[];
  penalties: { shiftOnRequests: number; shiftOffRequests: number; coverUnder: number; coverOver: number };
}

export function evaluateRoster(model: RosterModel, roster: Roster): RosterEvaluation {
  const H = model.horizon;
  const violations: RosterViolation[] = [];
  const shiftIndex = new Map(model.shifts.map((s, i) => [s.id, i]));
  model.staff.forEach((st, e) => {
    const row = roster[e]!;
    const v = (type: string, detail: string, day?: number) => violations.push({ type, staff: st.id, day, detail });
    // H2 forbidden successions, only between consecutive days (and from the day before the period, when known)
    const before = st.history?.lastShift ?? null;
    if (before !== null && row[0] !== OFF && model.shifts[shiftIndex.get(before)!]?.forbiddenNext.includes(model.shifts[row[0]!]!.id))
      v('ForbiddenSuccession', `${before} the day before the period then ${model.shifts[row[0]!]!.id}`, 0);
    for (let d = 0; d + 1 < H; d++) {
      const a = row[d]!;
      const b = row[d + 1]!;
      if (a !== OFF && b !== OFF && model.shifts[a]!.forbiddenNext.includes(model.shifts[b]!.id))
        v('ForbiddenSuccession', `${model.shifts[a]!.id} on day ${d} then ${model.shifts[b]!.id}`, d + 1);
    }
    // H3 max shifts per type
    model.shifts.forEach((s, k) => {
      const max = st.maxShifts[s.id];
      if (max === undefined) return;
      let n = 0;
      for (let d = 0; d < H; d++) if (row[d] === k) n++;
      if (n > max) v('MaxShifts', `${n} × ${s.id} for at most ${max}`);
    });
    // H4/H5 total minutes
    let minutes = 0;
    for (let d = 0; d < H; d++) if (row[d] !== OFF) minutes += model.shifts[row[d]!]!.minutes;
    if (minutes > st.maxTotalMinutes) v('MaxTotalMinutes', `${minutes} min for at most ${st.maxTotalMinutes}`);
    if (minutes < st.minTotalMinutes) v('MinTotalMinutes', `${minutes} min for at least ${st.minTotalMinutes}`);
    // H6/H7/H8 runs
    let d = 0;
    while (d < H) {
      const working = row[d] !== OFF;
      let end = d;
      while (end + 1 < H && (row[end + 1] !== OFF) === working) end++;
      // a run from day 0 continues the days worked just before the period, when known
      const length = end - d + 1 + (working && d === 0 ? (st.history?.run ?? 0) : 0);
      const edge = d === 0 || end === H - 1;
      if (working) {
        if (length > st.maxConsecutiveShifts) v('MaxConsecutiveShifts', `${length} shifts in a row for at most ${st.maxConsecutiveShifts}`, d);
        if (!edge && length < st.minConsecutiveShifts) v('MinConsecutiveShifts', `${length} shifts in a row for at least ${st.minConsecutiveShifts}`, d);
      } else if (!edge && length < st.minConsecutiveDaysOff)
        v('MinConsecutiveDaysOff', `${length} days off in a row for at least ${st.minConsecutiveDaysOff}`, d);
      d = end + 1;
    }
    // H9 weekends: Saturday 7w+5 or Sunday 7w+6 worked counts once
    let weekends = 0;
    for (let sat = 5; sat < H; sat += 7) if (row[sat] !== OFF || (sat + 1 < H && row[sat + 1] !== OFF)) weekends++;
    if (weekends > st.maxWeekends) v('MaxWeekends', `${weekends} weekends for at most ${st.maxWeekends}`);
    // H10 fixed days off
    for (const off of st.daysOff) if (row[off] !== OFF) v('DayOff', `works on fixed day off ${off}`, off);
    // weekly minutes (care-team model only)
    if (st.maxWeeklyMinutes !== null)
      for (let w = 0; w * 7 < H; w++) {
        let m = 0;
        for (let x = w * 7; x < Math.min(H, w * 7 + 7); x++) if (row[x] !== OFF) m += model.shifts[row[x]!]!.minutes;
        if (m > st.maxWeeklyMinutes) v('MaxWeeklyMinutes', `${m} min in week ${w} for at most ${st.maxWeeklyMinutes}`, w * 7);
      }
  });
  const staffIndex = new Map(model.staff.map((s, i) => [s.id, i]));
  let shiftOnRequests = 0;
  for (const r of model.onRequests) if (roster[staffIndex.get(r.staff)!]![r.day] !== shiftIndex.get(r.shift)) shiftOnRequests += r.weight;
  let shiftOffRequests = 0;
  for (const r of model.offRequests) if (roster[staffIndex.get(r.staff)!]![r.day] === shiftIndex.get(r.shift)) shiftOffRequests += r.weight;
  let coverUnder = 0;
  let coverOver = 0;
  for (const c of model.cover) {
    const k = shiftIndex.get(c.shift)!;
    let n = 0;
    model.staff.forEach((st, e) => {
      if (roster[e]![c.day] === k && (c.qualification === null || st.qualifications.includes(c.qualification))) n++;
    });
    coverUnder += c.weightUnder * Math.max(0, c.requirement - n);
    coverOver += c.weightOver * Math.max(0, n - c.requirement);
  }
  return {
    feasible: violations.length === 0,
    objective: shiftOnRequests + shiftOffRequests + coverUnder + coverOver,
    violations,
    penalties: { shiftOnRequests, shiftOffRequests, coverUnder, coverOver },
  };
}
