/**
 * The best line of one employee when everybody else's line is fixed: a dynamic programme over days whose state is
 * (last shift or off, length of the current run, whether that run started at day 0). It enforces exactly the rules
 * that depend on neighbouring days — forbidden successions, maximum and minimum runs of shifts, minimum runs of days
 * off (edge runs exempt), fixed days off — and prices the counting rules (total minutes, shifts per type, weekends)
 * with Lagrange multipliers, adjusted by subgradient steps until the line satisfies them or the budget runs out.
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
export function bestLine(ctx: LineContext, e: number, cellCost: Float64Array, iterations = 12): LineResult {
  const { H, K, model } = ctx;
  const st = model.staff[e]!;
  const R = Math.max(st.maxConsecutiveShifts, st.minConsecutiveDaysOff, st.minConsecutiveShifts, 1);
  const X = K + 1; // x = K is off
  const S = X * (R + 1) * 2;
  const sid = (x: number, r: number, edge: number) => (x * (R + 1) + r) * 2 + edge;
  const cost = new Float64Array(S);
  const next = new Float64Array(S);
  const back = new Int32Array(H * S);
  let lamMinutes = 0;
  let lamWeekend = 0;
  const lamType = new Float64Array(K);
  let best: { line: Int16Array; violation: number; value: number } | null = null;

  for (let it = 0; it < iterations; it++) {
    cost.fill(Infinity);
    // before day 0: an infinitely long run of days off, exempt
    const start = sid(K, R, 1);
    cost[start] = 0;
    let prev = cost;
    let cur = next;
    for (let d = 0; d < H; d++) {
      cur.fill(Infinity);
      const weekendDay = d % 7;
      for (let s = 0; s < S; s++) {
        const c0 = prev[s]!;
        if (c0 === Infinity) continue;
        const edge = s & 1;
        const r = (s >> 1) % (R + 1);
        const last = Math.floor((s >> 1) / (R + 1));
        // off today
        {
          let ok = true;
          let ns: number;
          if (last === K) ns = sid(K, Math.min(R, r + 1), edge);
          else {
            ok = edge === 1 || r >= st.minConsecutiveShifts;
            ns = sid(K, 1, d === 0 ? 1 : 0);
          }
          if (ok) {
            const c = c0 + cellCost[d * X + K]!;
            if (c < cur[ns]!) {
              cur[ns] = c;
              back[d * S + ns] = s;
            }
          }
        }
        if (ctx.dayOff[e * H + d]) continue;
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
          let c = c0 + cellCost[d * X + x]! + lamMinutes * ctx.minutes[x]! + lamType[x]!;
          if (weekendDay === 5 || (weekendDay === 6 && (d === 0 || last === K))) c += lamWeekend;
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
    if (fs < 0) break;
    const line = new Int16Array(H);
    let s = fs;
    for (let d = H - 1; d >= 0; d--) {
      const x = Math.floor((s >> 1) / (R + 1));
      line[d] = x === K ? OFF : x;
      s = back[d * S + s]!;
    }
    // counting rules
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
    const overWk = Math.max(0, weekends - st.maxWeekends);
    let overType = 0;
    for (let k = 0; k < K; k++) {
      const max = ctx.maxShifts[e * K + k]!;
      if (max >= 0 && counts[k]! > max) overType += counts[k]! - max;
    }
    const violation = (overMin + underMin) / 60 + overWk + overType;
    if (!best || violation < best.violation || (violation === best.violation && value < best.value)) best = { line, violation, value };
    if (violation === 0) break;
    // subgradient step, larger at first
    const step = 40 / (1 + it);
    if (overMin > 0) lamMinutes += (step * overMin) / 480 / 480;
    else if (underMin > 0) lamMinutes -= (step * underMin) / 480 / 480;
    if (overWk > 0) lamWeekend += step * overWk;
    for (let k = 0; k < K; k++) {
      const max = ctx.maxShifts[e * K + k]!;
      if (max >= 0 && counts[k]! > max) lamType[k]! += step * (counts[k]! - max);
    }
  }
  if (!best) return { line: new Int16Array(H).fill(OFF), feasible: false };
  return { line: best.line, feasible: best.violation === 0 };
}
