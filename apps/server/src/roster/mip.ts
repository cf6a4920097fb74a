/**
 * The roster model as a mixed-integer programme, solved by HiGHS (WebAssembly, `highs` npm): the general-purpose peer
 * the roster solver is compared with (bench/roster.ts). It covers the whole model — benchmark rules, per-qualification
 * cover and weekly minutes — and is written out in docs/rostering.md; the row names there match the comments here.
 *
 * Runs in the calling thread; `mip-job.ts` runs it in a worker thread with a hard wall-clock stop.
 */
import { highs, statusName, type HighsStatus } from '../planner/exact.js';
import { OFF, type Roster, type RosterModel } from './model.js';

export interface MipOptions {
  seconds: number;
  /** Each new incumbent, as a roster with its objective (the model's objective, constant included). */
  onIncumbent?: (roster: Roster, objective: number, elapsedSeconds: number) => void;
  shouldStop?: () => boolean;
}
export interface MipResult {
  status: HighsStatus;
  roster: Roster | null;
  objective: number | null;
  /** Proven lower bound on the objective (HiGHS dual bound), when it has one. */
  bound: number | null;
  columns: number;
  rows: number;
}

interface Layout {
  cost: number[];
  upper: number[];
  integer: (0 | 1)[];
  starts: number[];
  indices: number[];
  values: number[];
  rowLower: number[];
  rowUpper: number[];
  /** x[(e * H + d) * K + k]: column of "e works shift k on day d", −1 when not allowed. */
  x: Int32Array;
  /** Constant part of the objective: every shift-on request counts as unmet unless its x is 1. */
  offset: number;
}

export function layout(model: RosterModel): Layout {
  const H = model.horizon;
  const E = model.staff.length;
  const K = model.shifts.length;
  const kIndex = new Map(model.shifts.map((s, i) => [s.id, i]));
  const eIndex = new Map(model.staff.map((s, i) => [s.id, i]));
  const cost: number[] = [];
  const upper: number[] = [];
  const integer: (0 | 1)[] = [];
  const col = (c: number, ub: number, int: boolean) => {
    cost.push(c);
    upper.push(ub);
    integer.push(int ? 1 : 0);
    return cost.length - 1;
  };
  const x = new Int32Array(E * H * K).fill(-1);
  model.staff.forEach((st, e) => {
    const off = new Set(st.daysOff);
    for (let d = 0; d < H; d++) {
      if (off.has(d)) continue;
      model.shifts.forEach((s, k) => {
        if (st.maxShifts[s.id] !== 0) x[(e * H + d) * K + k] = col(0, 1, true);
      });
    }
  });
  let offset = 0;
  for (const r of model.onRequests) {
    const j = x[(eIndex.get(r.staff)! * H + r.day) * K + kIndex.get(r.shift)!]!;
    offset += r.weight;
    if (j >= 0) cost[j]! -= r.weight;
  }
  for (const r of model.offRequests) {
    const j = x[(eIndex.get(r.staff)! * H + r.day) * K + kIndex.get(r.shift)!]!;
    if (j >= 0) cost[j]! += r.weight;
  }

  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  const rowLower: number[] = [];
  const rowUpper: number[] = [];
  const row = (terms: Map<number, number>, lo: number, hi: number) => {
    for (const [j, v] of terms) {
      if (v === 0) continue;
      indices.push(j);
      values.push(v);
    }
    starts.push(indices.length);
    rowLower.push(lo);
    rowUpper.push(hi);
  };
  const add = (terms: Map<number, number>, j: number, v: number) => {
    if (j >= 0) terms.set(j, (terms.get(j) ?? 0) + v);
  };
  /** Adds coef × (e works on day d) to terms. */
  const addWork = (terms: Map<number, number>, e: number, d: number, coef: number) => {
    for (let k = 0; k < K; k++) add(terms, x[(e * H + d) * K + k]!, coef);
  };

  model.staff.forEach((st, e) => {
    // one_shift[e,d]: at most one shift a day
    for (let d = 0; d < H; d++) {
      const t = new Map<number, number>();
      addWork(t, e, d, 1);
      if (t.size > 1) row(t, -Infinity, 1);
    }
    // succession[e,d,a]: x[e,d,a] + Σ_{b forbidden after a} x[e,d+1,b] ≤ 1
    model.shifts.forEach((s, a) => {
      if (!s.forbiddenNext.length) return;
      for (let d = 0; d + 1 < H; d++) {
        const ja = x[(e * H + d) * K + a]!;
        if (ja < 0) continue;
        const t = new Map<number, number>([[ja, 1]]);
        for (const f of s.forbiddenNext) add(t, x[(e * H + d + 1) * K + kIndex.get(f)!]!, 1);
        if (t.size > 1) row(t, -Infinity, 1);
      }
    });
    // max_shifts[e,k]
    model.shifts.forEach((s, k) => {
      const max = st.maxShifts[s.id];
      if (max === undefined || max <= 0) return;
      const t = new Map<number, number>();
      for (let d = 0; d < H; d++) add(t, x[(e * H + d) * K + k]!, 1);
      if (t.size > max) row(t, -Infinity, max);
    });
    // minutes[e]: min ≤ Σ minutes·x ≤ max
    {
      const t = new Map<number, number>();
      for (let d = 0; d < H; d++) model.shifts.forEach((s, k) => add(t, x[(e * H + d) * K + k]!, s.minutes));
      row(t, st.minTotalMinutes, st.maxTotalMinutes);
    }
    // weekly_minutes[e,w]
    if (st.maxWeeklyMinutes !== null)
      for (let w = 0; w * 7 < H; w++) {
        const t = new Map<number, number>();
        for (let d = w * 7; d < Math.min(H, w * 7 + 7); d++) model.shifts.forEach((s, k) => add(t, x[(e * H + d) * K + k]!, s.minutes));
        row(t, -Infinity, st.maxWeeklyMinutes);
      }
    // history[e]: no shift on day 0 that may not follow the day before's; the days worked just before count in the run
    const prevShift = st.history?.lastShift ? model.shifts.find((x) => x.id === st.history!.lastShift) : undefined;
    if (prevShift)
      for (const f of prevShift.forbiddenNext) {
        const j = x[(e * H + 0) * K + kIndex.get(f)!]!;
        if (j >= 0) upper[j] = 0;
      }
    const C = st.maxConsecutiveShifts;
    const r0 = st.history?.run ?? 0;
    if (r0 > 0 && C - r0 + 1 <= H) {
      const t = new Map<number, number>();
      for (let i = 0; i <= Math.max(-1, C - r0); i++) addWork(t, e, i, 1);
      row(t, -Infinity, Math.max(0, C - r0));
    }
    // max_run[e,d]: any C+1 consecutive days hold at most C working days
    if (C < H)
      for (let d = 0; d + C < H; d++) {
        const t = new Map<number, number>();
        for (let i = d; i <= d + C; i++) addWork(t, e, i, 1);
        row(t, -Infinity, C);
      }
    // min_run[e,d,s]: no work run of s < min days strictly inside the horizon (days d+1..d+s, off at d and d+s+1)
    for (let s = 1; s < st.minConsecutiveShifts; s++)
      for (let d = 0; d + s + 1 < H; d++) {
        const t = new Map<number, number>();
        addWork(t, e, d, -1);
        for (let i = 1; i <= s; i++) addWork(t, e, d + i, 1);
        addWork(t, e, d + s + 1, -1);
        row(t, -Infinity, s - 1);
      }
    // min_off[e,d,s]: no off run of s < min days strictly inside the horizon
    for (let s = 1; s < st.minConsecutiveDaysOff; s++)
      for (let d = 0; d + s + 1 < H; d++) {
        const t = new Map<number, number>();
        addWork(t, e, d, 1);
        for (let i = 1; i <= s; i++) addWork(t, e, d + i, -1);
        addWork(t, e, d + s + 1, 1);
        row(t, -Infinity, 1);
      }
    // weekend[e,w] ≥ work on Saturday, ≥ work on Sunday; Σ_w weekend ≤ max
    const weekends: number[] = [];
    for (let sat = 5; sat < H; sat += 7) {
      const y = col(0, 1, true);
      weekends.push(y);
      for (const d of [sat, sat + 1]) {
        if (d >= H) continue;
        const t = new Map<number, number>();
        addWork(t, e, d, 1);
        if (!t.size) continue;
        t.set(y, -1);
        row(t, -Infinity, 0);
      }
    }
    if (weekends.length > st.maxWeekends) row(new Map(weekends.map((y) => [y, 1])), -Infinity, st.maxWeekends);
  });
  // cover[d,k,q]: Σ qualified x + under − over = requirement
  for (const c of model.cover) {
    const k = kIndex.get(c.shift)!;
    const t = new Map<number, number>();
    model.staff.forEach((st, e) => {
      if (c.qualification === null || st.qualifications.includes(c.qualification)) add(t, x[(e * H + c.day) * K + k]!, 1);
    });
    t.set(col(c.weightUnder, Infinity, false), 1);
    t.set(col(c.weightOver, Infinity, false), -1);
    row(t, c.requirement, c.requirement);
  }
  return { cost, upper, integer, starts, indices, values, rowLower, rowUpper, x, offset };
}

function decode(model: RosterModel, lay: Layout, col: ArrayLike<number>): Roster {
  const H = model.horizon;
  const K = model.shifts.length;
  return model.staff.map((_, e) => {
    const line = new Int16Array(H).fill(OFF);
    for (let d = 0; d < H; d++)
      for (let k = 0; k < K; k++) {
        const j = lay.x[(e * H + d) * K + k]!;
        if (j >= 0 && col[j]! > 0.5) line[d] = k;
      }
    return line;
  });
}

export async function solveRosterMip(model: RosterModel, opts: MipOptions): Promise<MipResult> {
  const h = await highs();
  const lay = layout(model);
  const numCols = lay.cost.length;
  const numRows = lay.rowLower.length;
  const inf = (v: number) => (v === Infinity ? h.infinity : v === -Infinity ? -h.infinity : v);
  const hm = h.createModel({
    numCols,
    numRows,
    sense: h.constants.objectiveSense.minimize,
    colCost: lay.cost,
    colLower: new Float64Array(numCols),
    colUpper: lay.upper.map(inf),
    rowLower: lay.rowLower.map(inf),
    rowUpper: lay.rowUpper.map(inf),
    matrix: { format: 'csr', numCols, numRows, starts: lay.starts, indices: lay.indices, values: lay.values },
    integrality: lay.integer,
  });
  try {
    hm.options.set({ time_limit: Math.max(0.01, opts.seconds), output_flag: false, mip_rel_gap: 0 });
    const t0 = performance.now();
    let lastBound = NaN;
    hm.run({
      [h.constants.callbackType.mipInterrupt](event) {
        if (event.data.mip_dual_bound !== undefined) lastBound = event.data.mip_dual_bound;
        if (opts.shouldStop?.()) event.interrupt();
      },
      [h.constants.callbackType.mipImprovingSolution](event) {
        const sol = event.data.mip_solution;
        const obj = event.data.objective_function_value;
        if (sol && opts.onIncumbent && obj !== undefined)
          opts.onIncumbent(decode(model, lay, sol), Math.round(obj + lay.offset), (performance.now() - t0) / 1000);
      },
    });
    const code = hm.getModelStatus();
    const S = h.constants.modelStatus;
    const status = statusName(h, code);
    const bound = Number.isFinite(lastBound) && Math.abs(lastBound) < 1e20 ? lastBound + lay.offset : null;
    const primal = hm.getObjectiveValue();
    const solution = hm.getSolution().colValue;
    if (code === S.infeasible || !Number.isFinite(primal) || Math.abs(primal) >= 1e20 || solution.length !== numCols)
      return { status, roster: null, objective: null, bound, columns: numCols, rows: numRows };
    return {
      status,
      roster: decode(model, lay, solution),
      objective: Math.round(primal + lay.offset),
      bound: status === 'optimal' ? Math.round(primal + lay.offset) : bound,
      columns: numCols,
      rows: numRows,
    };
  } finally {
    hm.dispose();
  }
}
