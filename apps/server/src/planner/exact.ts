/**
 * The weekly plan as a mixed-integer programme, solved by HiGHS (WebAssembly, `highs` npm). Used as the exact mode for
 * small instances, and to prove how far the heuristic is from the optimum. The formulation is written out in
 * docs/activity-planning.md; variable and row names there match the comments here.
 */
import highsModule from 'highs';
import { SCORE_SCALE, type Model } from './compile.js';
import type { HeuristicSession } from './heuristic.js';

export interface ExactOptions {
  seconds: number;
  /** A plan to start from (HiGHS checks it and keeps it as incumbent when feasible). */
  start?: HeuristicSession[];
  onProgress?: (best: number | null, bound: number | null, elapsedSeconds: number) => void;
  shouldStop?: () => boolean;
}
export interface ExactResult {
  status: HighsStatus;
  sessions: HeuristicSession[] | null;
  objective: number | null;
  /** Proven upper bound (HiGHS dual bound). */
  bound: number | null;
  columns: number;
  rows: number;
}

// The package is CommonJS-typed with an ESM build: under NodeNext the default import is typed as the namespace.
type Loader = (typeof highsModule)['default'];
const loadHighs: Loader = (highsModule as unknown as { default?: Loader }).default ?? (highsModule as unknown as Loader);
type Highs = Awaited<ReturnType<Loader>>;
let highsPromise: Promise<Highs> | null = null;
export type HighsStatus = 'optimal' | 'time_limit' | 'interrupted' | 'infeasible' | 'other';
/** HiGHS' model status as the few cases the solvers report. */
export function statusName(h: Highs, code: number): HighsStatus {
  const S = h.constants.modelStatus;
  if (code === S.optimal) return 'optimal';
  if (code === S.timeLimit) return 'time_limit';
  if (code === S.interrupted) return 'interrupted';
  if (code === S.infeasible) return 'infeasible';
  return 'other';
}

/** The HiGHS WebAssembly module, loaded once per thread. */
export const highs = () => (highsPromise ??= loadHighs());

interface Layout {
  numCols: number;
  cost: number[];
  upper: number[];
  integer: number[];
  rowsStart: number[];
  rowsIndex: number[];
  rowsValue: number[];
  rowLower: number[];
  rowUpper: number[];
  x: Int32Array[]; // per candidate, per member position in c.people
  o: number[];
  z: Int32Array[]; // per candidate, per position in c.rooms
  w: Int32Array[]; // per candidate, per position in c.leaders
  cov: Map<string, number>; // `${p}:${g}`
  fair: number;
}

function layout(m: Model): Layout {
  const cost: number[] = [];
  const upper: number[] = [];
  const integer: number[] = [];
  const col = (c: number, ub: number, int: boolean) => {
    cost.push(c);
    upper.push(ub);
    integer.push(int ? 1 : 0);
    return cost.length - 1;
  };
  const w8 = m.weights;
  const o = m.candidates.map(() => col(0, 1, true));
  const x = m.candidates.map((c) => Int32Array.from(c.people, (p) => col((w8.preference * m.score[p * m.A + c.a]!) / SCORE_SCALE, 1, true)));
  const z = m.candidates.map((c) => Int32Array.from(c.rooms, () => col(0, 1, true)));
  const w = m.candidates.map((c) => Int32Array.from(c.leaders, () => col(0, 1, true)));
  const cov = new Map<string, number>();
  m.goalsOfPerson.forEach((gs, p) => gs.forEach((g) => cov.set(`${p}:${g}`, col(w8.coverage, 1, false))));
  const fair = m.plannableCount > 0 ? col(w8.fairness, Infinity, false) : -1;

  const rowsStart = [0];
  const rowsIndex: number[] = [];
  const rowsValue: number[] = [];
  const rowLower: number[] = [];
  const rowUpper: number[] = [];
  const row = (terms: [number, number][], lo: number, hi: number) => {
    const merged = new Map<number, number>();
    for (const [j, v] of terms) merged.set(j, (merged.get(j) ?? 0) + v);
    for (const [j, v] of merged) {
      rowsIndex.push(j);
      rowsValue.push(v);
    }
    rowsStart.push(rowsIndex.length);
    rowLower.push(lo);
    rowUpper.push(hi);
  };
  const byRoomSlot = new Map<number, [number, number][]>();
  const byLeaderSlot = new Map<number, [number, number][]>();
  const byLeader = new Map<number, [number, number][]>();
  const byActivity = new Map<number, [number, number][]>();
  const byPersonSlot = new Map<number, [number, number][]>();
  const byPersonDay = new Map<number, [number, number][]>();
  const byPersonAct = new Map<number, [number, number][]>();
  const byPersonGoal = new Map<string, [number, number][]>();
  const byPerson = new Map<number, [number, number][]>();
  const push = <K>(map: Map<K, [number, number][]>, k: K, term: [number, number]) => {
    const list = map.get(k);
    if (list) list.push(term);
    else map.set(k, [term]);
  };
  m.candidates.forEach((c, i) => {
    const act = m.inst.activities[c.a]!;
    // one room and one leader per session: Σz = o, Σw = o
    row([...Array.from(z[i]!, (j) => [j, 1] as [number, number]), [o[i]!, -1]], 0, 0);
    row([...Array.from(w[i]!, (j) => [j, 1] as [number, number]), [o[i]!, -1]], 0, 0);
    c.rooms.forEach((r, k) => push(byRoomSlot, c.t * m.R + r, [z[i]![k]!, 1]));
    c.leaders.forEach((l, k) => {
      push(byLeaderSlot, c.t * m.L + l, [w[i]![k]!, 1]);
      push(byLeader, l, [w[i]![k]!, 1]);
    });
    push(byActivity, c.site * m.A + c.a, [o[i]!, 1]);
    // capacity: Σx ≤ Σ cap·z ; group minimum: Σx ≥ min·o ; x ≤ o
    const xs = Array.from(x[i]!, (j) => [j, 1] as [number, number]);
    row([...xs, ...c.rooms.map((r, k) => [z[i]![k]!, -m.capacity(c.a, r)] as [number, number])], -Infinity, 0);
    row([...xs, [o[i]!, -act.groupMin]], 0, Infinity);
    c.people.forEach((p, k) => {
      const j = x[i]![k]!;
      row(
        [
          [j, 1],
          [o[i]!, -1],
        ],
        -Infinity,
        0,
      );
      push(byPersonSlot, p * m.T + c.t, [j, 1]);
      push(byPersonDay, p * m.D + m.slotDay[c.t]!, [j, 1]);
      push(byPersonAct, p * m.A + c.a, [j, 1]);
      for (const g of m.activityGoals[c.a]!) if (cov.has(`${p}:${g}`)) push(byPersonGoal, `${p}:${g}`, [j, -1]);
      if (m.plannable[p]) push(byPerson, p, [j, -m.score[p * m.A + c.a]! / SCORE_SCALE]);
    });
  });
  for (const terms of byRoomSlot.values()) if (terms.length > 1) row(terms, -Infinity, 1);
  for (const terms of byLeaderSlot.values()) if (terms.length > 1) row(terms, -Infinity, 1);
  for (const [l, terms] of byLeader) row(terms, -Infinity, m.inst.leaders[l]!.maxSessions);
  for (const [k, terms] of byActivity) row(terms, -Infinity, m.inst.activities[k % m.A]!.maxSessions);
  for (const terms of byPersonSlot.values()) if (terms.length > 1) row(terms, -Infinity, 1);
  for (const [k, terms] of byPersonDay) row(terms, -Infinity, m.inst.people[Math.floor(k / m.D)]!.maxPerDay);
  for (const terms of byPersonAct.values()) if (terms.length > 1) row(terms, -Infinity, 1);
  for (const [key, terms] of byPersonGoal) row([[cov.get(key)!, 1], ...terms], -Infinity, 0);
  if (fair >= 0) for (const [, terms] of byPerson) row([[fair, 1], ...terms], -Infinity, 0);
  return { numCols: cost.length, cost, upper, integer, rowsStart, rowsIndex, rowsValue, rowLower, rowUpper, x, o, z, w, cov, fair };
}

function startVector(m: Model, lay: Layout, start: HeuristicSession[]): Float64Array {
  const v = new Float64Array(lay.numCols);
  const served = new Float64Array(m.P);
  for (const s of start) {
    const i = m.candidateIndex[(m.roomSite[s.r]! * m.A + s.a) * m.T + s.t]!;
    if (i < 0) continue;
    const c = m.candidates[i]!;
    v[lay.o[i]!] = 1;
    v[lay.z[i]![c.rooms.indexOf(s.r)]!] = 1;
    v[lay.w[i]![c.leaders.indexOf(s.l)]!] = 1;
    for (const p of s.members) {
      v[lay.x[i]![c.people.indexOf(p)]!] = 1;
      served[p]! += m.score[p * m.A + s.a]! / SCORE_SCALE;
      for (const g of m.activityGoals[s.a]!) {
        const j = lay.cov.get(`${p}:${g}`);
        if (j !== undefined) v[j] = 1;
      }
    }
  }
  if (lay.fair >= 0) {
    let min = Infinity;
    for (let p = 0; p < m.P; p++) if (m.plannable[p]) min = Math.min(min, served[p]!);
    v[lay.fair] = min;
  }
  return v;
}

export async function solveExact(m: Model, opts: ExactOptions): Promise<ExactResult> {
  const h = await highs();
  const lay = layout(m);
  const numRows = lay.rowLower.length;
  if (lay.numCols === 0) return { status: 'optimal', sessions: [], objective: 0, bound: 0, columns: 0, rows: 0 };
  const model = h.createModel({
    numCols: lay.numCols,
    numRows,
    sense: h.constants.objectiveSense.maximize,
    colCost: lay.cost,
    colLower: new Float64Array(lay.numCols),
    colUpper: lay.upper.map((u) => (u === Infinity ? h.infinity : u)),
    rowLower: lay.rowLower.map((x) => (x === -Infinity ? -h.infinity : x)),
    rowUpper: lay.rowUpper.map((x) => (x === Infinity ? h.infinity : x)),
    matrix: { format: 'csr', numCols: lay.numCols, numRows, starts: lay.rowsStart, indices: lay.rowsIndex, values: lay.rowsValue },
    integrality: lay.integer as (0 | 1)[],
  });
  try {
    model.options.set({ time_limit: Math.max(0.01, opts.seconds), output_flag: false, mip_rel_gap: 1e-6 });
    if (opts.start) model.setSolution({ colValue: startVector(m, lay, opts.start) });
    let last = 0;
    let lastBound = NaN;
    const t0 = performance.now();
    model.run({
      [h.constants.callbackType.mipInterrupt](event) {
        if (opts.shouldStop?.()) event.interrupt();
        if (event.data.mip_dual_bound !== undefined) lastBound = event.data.mip_dual_bound;
        const now = performance.now();
        if (opts.onProgress && now - last > 200) {
          last = now;
          const best = event.data.mip_primal_bound;
          const bound = event.data.mip_dual_bound;
          opts.onProgress(
            best !== undefined && Math.abs(best) < 1e20 ? best : null,
            bound !== undefined && Math.abs(bound) < 1e20 ? bound : null,
            (now - t0) / 1000,
          );
        }
      },
    });
    const code = model.getModelStatus();
    const S = h.constants.modelStatus;
    const status = statusName(h, code);
    const rawBound = lastBound;
    const bound = Number.isFinite(rawBound) && Math.abs(rawBound) < 1e20 ? rawBound : null;
    const primal = model.getObjectiveValue();
    const hasSolution = code !== S.infeasible && Number.isFinite(primal) && Math.abs(primal) < 1e20 && model.getSolution().colValue.length === lay.numCols;
    if (!hasSolution) return { status, sessions: null, objective: null, bound, columns: lay.numCols, rows: numRows };
    const col = model.getSolution().colValue;
    const sessions: HeuristicSession[] = [];
    m.candidates.forEach((c, i) => {
      if (col[lay.o[i]!]! < 0.5) return;
      const r = c.rooms[lay.z[i]!.findIndex((j) => col[j]! > 0.5)]!;
      const l = c.leaders[lay.w[i]!.findIndex((j) => col[j]! > 0.5)]!;
      const members = c.people.filter((_, k) => col[lay.x[i]![k]!]! > 0.5);
      sessions.push({ a: c.a, t: c.t, r, l, members });
    });
    return {
      status,
      sessions,
      objective: model.getObjectiveValue(),
      bound: bound ?? (status === 'optimal' ? model.getObjectiveValue() : null),
      columns: lay.numCols,
      rows: numRows,
    };
  } finally {
    model.dispose();
  }
}
