/**
 * Roster solver: simulated annealing on the whole roster with hard rules as weighted penalties. The search keeps, per
 * employee, the amount by which their line breaks the hard rules (recomputed for the one or two lines a move touches),
 * the cover counts per day and shift, and the request penalties, so a move costs O(horizon). The best *feasible*
 * roster is kept; if none is found, the least-infeasible one is returned and said to be infeasible.
 *
 * Moves: change one day of one line; swap two lines on one day (cover unchanged); swap two lines over a block of days;
 * set a block of days of one line to one shift or to off.
 */
import { Random } from '../lib/random.js';
import { bestLine, lineHard, type LineContext } from './line-dp.js';
import { OFF, type Roster, type RosterModel } from './model.js';

export interface RosterSolveOptions {
  seconds: number;
  seed?: number;
  onProgress?: (best: number | null, elapsedSeconds: number) => void;
  shouldStop?: () => boolean;
}
export interface RosterSolveResult {
  roster: Roster;
  feasible: boolean;
  objective: number;
  iterations: number;
  secondsToBest: number;
}

interface Compiled {
  H: number;
  E: number;
  K: number;
  minutes: Int32Array;
  /** forbidden[a * K + b]: shift b may not follow shift a. */
  forbidden: Uint8Array;
  maxShifts: Int32Array; // E × K (−1 = unlimited)
  allowed: number[][]; // per employee, shift indexes with maxShifts > 0
  dayOff: Uint8Array; // E × H
  onReq: Map<number, { k: number; w: number }[]>; // key e*H+d
  offReq: Map<number, { k: number; w: number }[]>;
  /** Cover lines: requirement and weights per line; the lines of (d, k) are lineIdx[lineStart[d*K+k] .. lineStart[d*K+k+1]). */
  coverReq: Int32Array;
  coverUnder: Int32Array;
  coverOver: Int32Array;
  lineStart: Int32Array;
  lineIdx: Int32Array;
  /** counts[e * L + l] = 1 when employee e counts towards cover line l (the line's qualification, or any). */
  counts: Uint8Array;
}

function compile(model: RosterModel): Compiled {
  const H = model.horizon;
  const E = model.staff.length;
  const K = model.shifts.length;
  const idx = new Map(model.shifts.map((s, i) => [s.id, i]));
  const forbidden = new Uint8Array(K * K);
  model.shifts.forEach((s, a) => s.forbiddenNext.forEach((f) => (forbidden[a * K + idx.get(f)!] = 1)));
  const maxShifts = new Int32Array(E * K).fill(-1);
  const dayOff = new Uint8Array(E * H);
  model.staff.forEach((st, e) => {
    for (const [id, n] of Object.entries(st.maxShifts)) maxShifts[e * K + idx.get(id)!] = n;
    for (const d of st.daysOff) dayOff[e * H + d] = 1;
  });
  const allowed = model.staff.map((_, e) => [...Array(K).keys()].filter((k) => maxShifts[e * K + k] !== 0));
  const staffIdx = new Map(model.staff.map((s, i) => [s.id, i]));
  const reqMap = (list: RosterModel['onRequests']) => {
    const m = new Map<number, { k: number; w: number }[]>();
    for (const r of list) {
      const key = staffIdx.get(r.staff)! * H + r.day;
      (m.get(key) ?? m.set(key, []).get(key)!).push({ k: idx.get(r.shift)!, w: r.weight });
    }
    return m;
  };
  // Cover lines grouped by (day, shift); one per (day, shift, qualification).
  const byCell: number[][] = Array.from({ length: H * K }, () => []);
  model.cover.forEach((cv, l) => byCell[cv.day * K + idx.get(cv.shift)!]!.push(l));
  const L = model.cover.length;
  const lineStart = new Int32Array(H * K + 1);
  const lineIdx = new Int32Array(L);
  let at = 0;
  byCell.forEach((ls, i) => {
    lineStart[i] = at;
    for (const l of ls) lineIdx[at++] = l;
  });
  lineStart[H * K] = at;
  const counts = new Uint8Array(E * L);
  model.staff.forEach((st, e) =>
    model.cover.forEach((cv, l) => {
      if (cv.qualification === null || st.qualifications.includes(cv.qualification)) counts[e * L + l] = 1;
    }),
  );
  return {
    H,
    E,
    K,
    minutes: Int32Array.from(model.shifts, (s) => s.minutes),
    forbidden,
    maxShifts,
    allowed,
    dayOff,
    onReq: reqMap(model.onRequests),
    offReq: reqMap(model.offRequests),
    coverReq: Int32Array.from(model.cover, (cv) => cv.requirement),
    coverUnder: Int32Array.from(model.cover, (cv) => cv.weightUnder),
    coverOver: Int32Array.from(model.cover, (cv) => cv.weightOver),
    lineStart,
    lineIdx,
    counts,
  };
}

export function solveRoster(model: RosterModel, opts: RosterSolveOptions): RosterSolveResult {
  const t0 = performance.now();
  const c = compile(model);
  const { H, E, K } = c;
  const random = new Random(opts.seed ?? 1);
  const rand = () => random.next();
  const lineCtx: LineContext = { model, H, K, minutes: c.minutes, forbidden: c.forbidden, maxShifts: c.maxShifts, dayOff: c.dayOff };
  const roster: Roster = model.staff.map(() => new Int16Array(H).fill(OFF));
  const L = model.cover.length;
  const count = new Int32Array(L); // staff counted per cover line
  const scratch = new Int32Array(K);
  const hard = new Float64Array(E);
  for (let e = 0; e < E; e++) hard[e] = lineHard(lineCtx, e, roster[e]!, scratch);
  let hardTotal = hard.reduce((s, x) => s + x, 0);

  const lineCost = (l: number, n: number) => {
    const req = c.coverReq[l]!;
    return n < req ? (req - n) * c.coverUnder[l]! : (n - req) * c.coverOver[l]!;
  };
  /** Change in cover penalty when e joins (+1) or leaves (−1) shift k on day d, given the current counts. */
  const coverDelta = (e: number, d: number, k: number, sign: 1 | -1) => {
    let delta = 0;
    for (let i = c.lineStart[d * K + k]!; i < c.lineStart[d * K + k + 1]!; i++) {
      const l = c.lineIdx[i]!;
      if (!c.counts[e * L + l]) continue;
      const n = count[l]!;
      delta += lineCost(l, n + sign) - lineCost(l, n);
    }
    return delta;
  };
  const moveCount = (e: number, d: number, k: number, sign: 1 | -1) => {
    for (let i = c.lineStart[d * K + k]!; i < c.lineStart[d * K + k + 1]!; i++) {
      const l = c.lineIdx[i]!;
      if (c.counts[e * L + l]) count[l]! += sign;
    }
  };
  const requestCost = (e: number, d: number, x: number) => {
    let p = 0;
    for (const r of c.onReq.get(e * H + d) ?? []) if (x !== r.k) p += r.w;
    for (const r of c.offReq.get(e * H + d) ?? []) if (x === r.k) p += r.w;
    return p;
  };
  let soft = 0;
  for (let l = 0; l < L; l++) soft += lineCost(l, 0);
  for (let e = 0; e < E; e++) for (let d = 0; d < H; d++) soft += requestCost(e, d, OFF);

  // Changing cell (e, d) to x: soft delta (cover + requests); hard is recomputed per touched line afterwards.
  const setCell = (e: number, d: number, x: number): number => {
    const old = roster[e]![d]!;
    if (old === x) return 0;
    let delta = requestCost(e, d, x) - requestCost(e, d, old);
    if (old !== OFF) {
      delta += coverDelta(e, d, old, -1);
      moveCount(e, d, old, -1);
    }
    if (x !== OFF) {
      delta += coverDelta(e, d, x, 1);
      moveCount(e, d, x, 1);
    }
    roster[e]![d] = x;
    return delta;
  };

  const cellCost = new Float64Array(H * (K + 1));
  /** The best line for e given everybody else, as cell costs (requests + change in cover). */
  let dpMs = 0;
  const lineFor = (e: number, noise: number): Int16Array => {
    const t = performance.now();
    for (let d = 0; d < H; d++) {
      const own = roster[e]![d]!;
      cellCost[d * (K + 1) + K] = requestCost(e, d, OFF) + (noise ? rand() * noise : 0);
      for (let k = 0; k < K; k++) {
        // the change in cover if e works k, measured as if e were off that day
        const cover = own === k ? -coverDelta(e, d, k, -1) : coverDelta(e, d, k, 1);
        cellCost[d * (K + 1) + k] = requestCost(e, d, k) + cover + (noise ? rand() * noise : 0);
      }
    }
    const result = bestLine(lineCtx, e, cellCost);
    dpMs += performance.now() - t;

    return result.line;
  };
  // Construction: each line in turn is the best line given the lines already placed, twice over.
  // (stops at half the time limit on very large instances; the search goes on from there)
  construction: for (let pass = 0; pass < 2; pass++)
    for (let e = 0; e < E; e++) {
      if (performance.now() - t0 > opts.seconds * 500 || opts.shouldStop?.()) break construction;
      const line = lineFor(e, 0);
      for (let d = 0; d < H; d++) soft += setCell(e, d, line[d]!);
      const h = lineHard(lineCtx, e, roster[e]!, scratch);
      hardTotal += h - hard[e]!;
      hard[e] = h;
    }

  let lambda = 200;
  const value = () => soft + lambda * hardTotal;
  let best: Int16Array[] | null = null;
  let bestSoft = Infinity;
  if (hardTotal < 1e-9) {
    // the construction alone may already be feasible
    best = roster.map((row) => row.slice());
    bestSoft = soft;
  }
  let leastBad: Int16Array[] = roster.map((r) => r.slice());
  let leastBadHard = hardTotal;
  let bestAt = t0;
  const limit = opts.seconds * 1000;
  let iterations = 0;
  let temp = 50;
  let lastProgress = t0;
  const undo: [number, number, number][] = [];
  const touched = new Set<number>();

  for (;;) {
    if ((iterations & 1023) === 0) {
      const now = performance.now();
      const frac = (now - t0) / limit;
      if (frac >= 1 || opts.shouldStop?.()) break;
      temp = 60 * Math.pow(0.5 / 60, frac);
      // Adaptive penalty: raise it while the search lives among infeasible rosters, lower it slowly when feasible.
      lambda = hardTotal > 0 ? Math.min(5000, lambda * 1.01) : Math.max(100, lambda * 0.999);
      if (opts.onProgress && now - lastProgress > 200) {
        lastProgress = now;
        opts.onProgress(best ? bestSoft : null, (now - t0) / 1000);
      }
    }
    iterations++;
    undo.length = 0;
    touched.clear();
    const before = value();
    const oldHard = hardTotal;
    let softDelta = 0;
    const set = (e: number, d: number, x: number) => {
      undo.push([e, d, roster[e]![d]!]);
      touched.add(e);
      softDelta += setCell(e, d, x);
    };
    const r = rand();
    const e = Math.floor(rand() * E);
    const d = Math.floor(rand() * H);
    const choices = c.allowed[e]!;
    // Line re-planning is the strongest move and the dearest: keep it under half of the time spent.
    if (r < 0.05 && dpMs < 0.5 * (performance.now() - t0)) {
      // re-plan one whole line, with a little noise so repeated calls explore; while the roster breaks rules, mostly
      // the line of someone who breaks them
      let who = e;
      if (hardTotal > 0 && rand() < 0.8) {
        const breaking: number[] = [];
        for (let k = 0; k < E; k++) if (hard[k]! > 0) breaking.push(k);
        if (breaking.length) who = breaking[Math.floor(rand() * breaking.length)]!;
      }
      const line = lineFor(who, rand() < 0.5 ? 0 : 3);
      for (let y = 0; y < H; y++) if (line[y] !== roster[who]![y]) set(who, y, line[y]!);
    } else if (r < 0.4) {
      const x = rand() < 0.3 || choices.length === 0 ? OFF : choices[Math.floor(rand() * choices.length)]!;
      if (x === roster[e]![d]) continue;
      set(e, d, x);
    } else if (r < 0.7) {
      const f = Math.floor(rand() * E);
      if (f === e || roster[e]![d] === roster[f]![d]) continue;
      const a = roster[e]![d]!;
      set(e, d, roster[f]![d]!);
      set(f, d, a);
    } else if (r < 0.85) {
      const f = Math.floor(rand() * E);
      if (f === e) continue;
      const len = 2 + Math.floor(rand() * 6);
      for (let x = d; x < Math.min(H, d + len); x++) {
        const a = roster[e]![x]!;
        if (a === roster[f]![x]) continue;
        set(e, x, roster[f]![x]!);
        set(f, x, a);
      }
    } else {
      const len = 2 + Math.floor(rand() * 5);
      const x = rand() < 0.4 || choices.length === 0 ? OFF : choices[Math.floor(rand() * choices.length)]!;
      for (let y = d; y < Math.min(H, d + len); y++) set(e, y, x);
    }
    if (undo.length === 0) continue;
    soft += softDelta;
    for (const t of touched) {
      const h = lineHard(lineCtx, t, roster[t]!, scratch);
      hardTotal += h - hard[t]!;
      hard[t] = h;
    }
    const delta = value() - before;
    if (delta <= 0 || rand() < Math.exp(-delta / temp)) {
      if (hardTotal < 1e-9) {
        hardTotal = 0;
        if (soft < bestSoft) {
          bestSoft = soft;
          best = roster.map((row) => row.slice());
          bestAt = performance.now();
        }
      } else if (!best && hardTotal < leastBadHard) {
        leastBadHard = hardTotal;
        leastBad = roster.map((row) => row.slice());
      }
    } else {
      for (let i = undo.length - 1; i >= 0; i--) {
        const [ue, ud, ux] = undo[i]!;
        soft += setCell(ue, ud, ux);
      }
      for (const t of touched) hard[t] = lineHard(lineCtx, t, roster[t]!, scratch);
      hardTotal = oldHard;
    }
  }
  const final = best ?? leastBad;
  return { roster: final, feasible: best !== null, objective: best ? bestSoft : NaN, iterations, secondsToBest: (bestAt - t0) / 1000 };
}
