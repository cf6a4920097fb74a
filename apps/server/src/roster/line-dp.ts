/**
 * The best line of one employee when everybody else's line is fixed: a dynamic programme over days whose state is
 * (last shift or off, length of the current run, whether that run started at day 0). It enforces exactly the rules
 * that depend on neighbouring days — forbidden successions, maximum and minimum runs of shifts, minimum runs of days
 * off (edge runs exempt), fixed days off — and prices the counting rules: total minutes by bisection on a price per
 * minute, shifts per type by subgradient steps. Weekends: if the cheapest line works too many, the weekends it gains
 * least from are forced off and the line is planned again.
 * Cost of a day = the employee's request penalties + the change in cover penalty their shift causes.
 */
import { OFF, type RosterModel } from './model.js';

export interface LineContext {
  model: RosterModel;
  H: number;
  K: number;
  minutes: Int32Array;
  forbidden: Uint8Array;
  maxShifts: Int32Array;
  dayOff: Uint8Array;
}

export interface LineResult {
  line: Int16Array;
  /** True when the line breaks no hard rule on its own. */
  feasible: boolean;
}

/** cellCost[d * (K + 1) + x]: cost of doing x on day d (x = K means off). */
export function bestLine(ctx: LineContext, e: number, cellCost: Float64Array, iterations = 20): LineResult {
  const { H, K, model } = ctx;
  const st = model.staff[e]!;
  const R = Math.max(st.maxConsecutiveShifts, st.minConsecutiveDaysOff, st.minConsecutiveShifts, 1);
  const X = K + 1; // x = K is off
  const S = X * (R + 1) * 2;
  const sid = (x: number, r: number, edge: number) => (x * (R + 1) + r) * 2 + edge;
  const cost = new Float64Array(S);
  const next = new Float64Array(S);
  const back = new Int32Array(H * S);
  // Tiny per-day tie-breakers: with equal costs every day, a price change would switch all days at once and the
  // bisection could never land inside a narrow minutes window.
  const jitter = new Float64Array(H * X);
  let seed = (e + 1) * 2654435761;
  for (let i = 0; i < jitter.length; i++) {
    seed = (Math.imul(seed ^ (seed >>> 15), 2246822519) + 0x9e3779b9) >>> 0;
    jitter[i] = (seed / 4294967296) * 0.05;
  }
  const h = st.history;
  const prev = h && h.run > 0 && h.lastShift !== null ? model.shifts.findIndex((x) => x.id === h.lastShift) : -1;
  const start = prev >= 0 ? sid(prev, Math.min(R, h!.run), 1) : sid(K, R, 1);
  interface Found {
    line: Int16Array;
    violation: number;
    value: number;
    weekends: number;
  }

  const plan = (forcedOff: Uint8Array | null): Found | null => {
    let lamMinutes = 0;
    let minLo = -Infinity;
    let minHi = Infinity;
    const lamType = new Float64Array(K);
    let best: Found | null = null;
    for (let it = 0; it < iterations; it++) {
      cost.fill(Infinity);
      // before day 0: an infinitely long run of days off, exempt — or, when known, the run worked just before
      cost[start] = 0;
      let prev = cost;
      let cur = next;
      for (let d = 0; d < H; d++) {
        cur.fill(Infinity);
        const offOnly = ctx.dayOff[e * H + d] === 1 || (forcedOff !== null && forcedOff[d] === 1);
        for (let s = 0; s < S; s++) {
          const c0 = prev[s]!;
          if (c0 === Infinity) continue;
          const edge = s & 1;
          const r = (s >> 1) % (R + 1);
          const last = Math.floor((s >> 1) / (R + 1));
          if (last === K || edge === 1 || r >= st.minConsecutiveShifts) {
            const ns = last === K ? sid(K, Math.min(R, r + 1), edge) : sid(K, 1, d === 0 ? 1 : 0);
            const c = c0 + cellCost[d * X + K]! + jitter[d * X + K]!;
            if (c < cur[ns]!) {
              cur[ns] = c;
              back[d * S + ns] = s;
            }
          }
          if (offOnly) continue;
          for (let x = 0; x < K; x++) {
            if (ctx.maxShifts[e * K + x] === 0) continue;
            let ns: number;
            if (last === K) {
              if (!(edge === 1 || r >= st.minConsecutiveDaysOff)) continue;
              ns = sid(x, 1, d === 0 ? 1 : 0);
            } else {
              if (r + 1 > st.maxConsecutiveShifts || ctx.forbidden[last * K + x]) continue;
              ns = sid(x, r + 1, edge);
            }
            const c = c0 + cellCost[d * X + x]! + jitter[d * X + x]! + lamMinutes * ctx.minutes[x]! + lamType[x]!;
            if (c < cur[ns]!) {
              cur[ns] = c;
              back[d * S + ns] = s;
            }
          }
        }
        const t = prev;
        prev = cur;
        cur = t;
      }
      // best final state (runs touching the last day are exempt)
      let fs = -1;
      for (let s = 0; s < S; s++) if (prev[s]! < Infinity && (fs < 0 || prev[s]! < prev[fs]!)) fs = s;
      if (fs < 0) return best;
      const line = new Int16Array(H);
      let s = fs;
      for (let d = H - 1; d >= 0; d--) {
        const x = Math.floor((s >> 1) / (R + 1));
        line[d] = x === K ? OFF : x;
        s = back[d * S + s]!;
      }
      let minutes = 0;
      let weekends = 0;
      const counts = new Int32Array(K);
      let value = 0;
      for (let d = 0; d < H; d++) {
        const x = line[d]!;
        value += cellCost[d * X + (x === OFF ? K : x)]!;
        if (x === OFF) continue;
        minutes += ctx.minutes[x]!;
        counts[x]!++;
      }
      for (let sat = 5; sat < H; sat += 7) if (line[sat] !== OFF || (sat + 1 < H && line[sat + 1] !== OFF)) weekends++;
      const overMin = Math.max(0, minutes - st.maxTotalMinutes);
      const underMin = Math.max(0, st.minTotalMinutes - minutes);
      let overType = 0;
      for (let k = 0; k < K; k++) {
        const max = ctx.maxShifts[e * K + k]!;
        if (max >= 0 && counts[k]! > max) overType += counts[k]! - max;
      }
      const violation = (overMin + underMin) / 60 + Math.max(0, weekends - st.maxWeekends) + overType;
      if (!best || violation < best.violation || (violation === best.violation && value < best.value)) best = { line, violation, value, weekends };
      if (overMin === 0 && underMin === 0 && overType === 0) break;
      // bisection on the price of a minute (minutes fall as it rises); subgradient on the per-type prices
      if (overMin > 0) minLo = lamMinutes;
      else if (underMin > 0) minHi = lamMinutes;
      if (overMin > 0 || underMin > 0)
        lamMinutes =
          Number.isFinite(minLo) && Number.isFinite(minHi)
            ? (minLo + minHi) / 2
            : overMin > 0
              ? Math.max(0.02, Math.abs(lamMinutes) * 2)
              : -Math.max(0.02, Math.abs(lamMinutes) * 2);
      const step = 40 / (1 + it);
      for (let k = 0; k < K; k++) {
        const max = ctx.maxShifts[e * K + k]!;
        if (max >= 0 && counts[k]! > max) lamType[k]! += step * (counts[k]! - max);
      }
    }
    return best;
  };

  let found = plan(null);
  if (found && found.weekends > st.maxWeekends) {
    // Keep the maxWeekends weekends the line gains most from; force the others off and plan again.
    const gains: [number, number][] = [];
    for (let sat = 5; sat < H; sat += 7) {
      let gain = 0;
      for (const d of [sat, sat + 1]) {
        if (d >= H) continue;
        const x = found.line[d]!;
        if (x !== OFF) gain += cellCost[d * X + K]! - cellCost[d * X + x]!;
      }
      if (found.line[sat] !== OFF || (sat + 1 < H && found.line[sat + 1] !== OFF)) gains.push([sat, gain]);
    }
    gains.sort((a, b) => b[1] - a[1]);
    const forced = new Uint8Array(H);
    for (const [sat] of gains.slice(st.maxWeekends)) {
      forced[sat] = 1;
      if (sat + 1 < H) forced[sat + 1] = 1;
    }
    const again = plan(forced);
    if (again && (again.violation < found.violation || (again.violation === found.violation && again.value < found.value))) found = again;
  }
  if (!found) return { line: new Int16Array(H).fill(OFF), feasible: false };
  if (found.violation === 0) return { line: found.line, feasible: true };
  // The prices may leave the line a shift or two outside its minutes window: repair it day by day.
  const repaired = repairLine(ctx, e, found.line, cellCost);
  return { line: repaired, feasible: lineHard(ctx, e, repaired, new Int32Array(K)) === 0 };
}

/**
 * First-improvement descent on one line: change one day (to off or to an allowed shift) when it lowers the line's hard
 * violation, or keeps it and lowers the cost. A few passes; O(horizon²·shifts) at worst.
 */
export function repairLine(ctx: LineContext, e: number, start: Int16Array, cellCost: Float64Array, passes = 4): Int16Array {
  const { H, K } = ctx;
  const X = K + 1;
  const line = start.slice();
  const counts = new Int32Array(K);
  let violation = lineHard(ctx, e, line, counts);
  for (let pass = 0; pass < passes && violation > 0; pass++) {
    let improved = false;
    for (let d = 0; d < H && violation > 0; d++) {
      const old = line[d]!;
      const oldCost = cellCost[d * X + (old === OFF ? K : old)]!;
      for (let x = -1; x < K; x++) {
        if (x === old || (x >= 0 && ctx.maxShifts[e * K + x] === 0) || (x >= 0 && ctx.dayOff[e * H + d])) continue;
        line[d] = x;
        const v = lineHard(ctx, e, line, counts);
        if (v < violation || (v === violation && cellCost[d * X + (x === OFF ? K : x)]! < oldCost)) {
          violation = v;
          improved = true;
          break;
        }
        line[d] = old;
      }
    }
    if (!improved) break;
  }
  return line;
}

/**
 * Working on a fixed day off (approved leave in the product) weighs more than the hours of any shift (minutes count
 * one per hour), so when no roster keeps
 * every rule, the closest one found gives up leave last.
 */
const DAY_OFF_WEIGHT = 30;

/** How much a line breaks the hard rules (0 = feasible). Units: one per rule-day broken; minutes count per hour. */
export function lineHard(c: LineContext, e: number, row: Int16Array, counts: Int32Array): number {
  const { H, K, model } = c;
  const st = model.staff[e]!;
  let v = 0;
  counts.fill(0);
  let minutes = 0;
  for (let d = 0; d < H; d++) {
    const x = row[d]!;
    if (x === OFF) continue;
    counts[x]!++;
    minutes += c.minutes[x]!;
    if (c.dayOff[e * H + d]) v += DAY_OFF_WEIGHT;
    if (d + 1 < H && row[d + 1] !== OFF && c.forbidden[x * K + row[d + 1]!]) v += 1;
  }
  for (let k = 0; k < K; k++) {
    const max = c.maxShifts[e * K + k]!;
    if (max >= 0 && counts[k]! > max) v += counts[k]! - max;
  }
  if (minutes > st.maxTotalMinutes) v += (minutes - st.maxTotalMinutes) / 60;
  if (minutes < st.minTotalMinutes) v += (st.minTotalMinutes - minutes) / 60;
  const h = st.history;
  if (h?.lastShift && row[0] !== OFF) {
    const prev = model.shifts.findIndex((x) => x.id === h.lastShift);
    if (prev >= 0 && c.forbidden[prev * K + row[0]!]) v += 1;
  }
  let d = 0;
  while (d < H) {
    const working = row[d] !== OFF;
    let end = d;
    while (end + 1 < H && (row[end + 1] !== OFF) === working) end++;
    const len = end - d + 1 + (working && d === 0 ? (h?.run ?? 0) : 0);
    const edge = d === 0 || end === H - 1;
    if (working) {
      if (len > st.maxConsecutiveShifts) v += len - st.maxConsecutiveShifts;
      if (!edge && len < st.minConsecutiveShifts) v += st.minConsecutiveShifts - len;
    } else if (!edge && len < st.minConsecutiveDaysOff) v += st.minConsecutiveDaysOff - len;
    d = end + 1;
  }
  let weekends = 0;
  for (let sat = 5; sat < H; sat += 7) if (row[sat] !== OFF || (sat + 1 < H && row[sat + 1] !== OFF)) weekends++;
  if (weekends > st.maxWeekends) v += weekends - st.maxWeekends;
  if (st.maxWeeklyMinutes !== null)
    for (let w = 0; w * 7 < H; w++) {
      let m = 0;
      for (let x = w * 7; x < Math.min(H, w * 7 + 7); x++) if (row[x] !== OFF) m += c.minutes[row[x]!]!;
      if (m > st.maxWeeklyMinutes) v += (m - st.maxWeeklyMinutes) / 60;
    }
  return v;
}
