/**
 * A proven upper bound on the planning objective that needs no LP solver, for instances too large for HiGHS.
 * It relaxes the problem to: each person attends at most k sessions (their fatigue limit on each day they can attend
 * something, and each activity once), every invitation is worth at most the person's k best scores, and all invitations
 * together fit in the week's seats (per slot, the largest rooms that the available leaders can open, and over the week
 * no more sessions than the leaders can lead).
 * Every plan-goal that can be served counts as covered, and the least-served person gets their own best total.
 */
import { SCORE_SCALE, type Model } from './compile.js';

export function combinatorialBound(m: Model): number {
  const { P, A, T } = m;
  const listed = new Uint8Array(P * A); // activity a can reach person p in some slot
  const slotOk = new Uint8Array(P * T); // some candidate lists p at slot t
  for (const c of m.candidates)
    for (const p of c.people) {
      listed[p * A + c.a] = 1;
      slotOk[p * T + c.t] = 1;
    }
  const values: number[] = [];
  let prefBound = 0;
  let fairBound = Infinity;
  let coverageBound = 0;
  for (let p = 0; p < P; p++) {
    if (!m.plannable[p]) continue;
    const perDay = new Int32Array(m.D);
    for (let t = 0; t < T; t++) if (slotOk[p * T + t]) perDay[m.slotDay[t]!]!++;
    const maxPerDay = m.inst.people[p]!.maxPerDay;
    let k = 0;
    for (const n of perDay) k += Math.min(n, maxPerDay);
    const scores: number[] = [];
    for (let a = 0; a < A; a++) if (listed[p * A + a]) scores.push(m.score[p * A + a]!);
    scores.sort((x, y) => y - x);
    const top = scores.slice(0, k);
    const total = top.reduce((s, x) => s + x, 0);
    prefBound += total;
    fairBound = Math.min(fairBound, total);
    values.push(...top);
    coverageBound += m.goalsOfPerson[p]!.length;
  }
  // Seats: per slot, the largest rooms that the available leaders can open; over the week, no more sessions than the
  // leaders can lead in all (each at most maxSessions, and once per slot where available).
  const sessionCaps: number[] = [];
  const leaderSlots = new Int32Array(m.L);
  for (let t = 0; t < T; t++) {
    const roomCap = new Int32Array(m.R);
    const leaders = new Set<number>();
    for (const c of m.candidates) {
      if (c.t !== t) continue;
      for (const r of c.rooms) roomCap[r] = Math.max(roomCap[r]!, m.capacity(c.a, r));
      for (const l of c.leaders) leaders.add(l);
    }
    for (const l of leaders) leaderSlots[l]!++;
    const caps = [...roomCap].filter((x) => x > 0).sort((x, y) => y - x);
    sessionCaps.push(...caps.slice(0, leaders.size));
  }
  let weekSessions = 0;
  m.inst.leaders.forEach((leader, l) => (weekSessions += Math.min(leader.maxSessions, leaderSlots[l]!)));
  sessionCaps.sort((x, y) => y - x);
  const seats = sessionCaps.slice(0, weekSessions).reduce((s, x) => s + x, 0);
  if (values.length > seats) {
    values.sort((x, y) => y - x);
    prefBound = Math.min(
      prefBound,
      values.slice(0, seats).reduce((s, x) => s + x, 0),
    );
  }
  if (!Number.isFinite(fairBound)) fairBound = 0;
  const w = m.weights;
  return (w.preference * prefBound + w.fairness * fairBound) / SCORE_SCALE + w.coverage * coverageBound;
}

/**
 * A tighter proven bound, from the linear relaxation of an aggregated model: x[p,a] ∈ [0,1] (p attends a this week,
 * without saying when) and y[c] ∈ [0,1] (a session of candidate c = activity × slot × site). Every feasible plan maps
 * onto it (x = attends, y = held), so its optimum is an upper bound on the plan's objective:
 *   Σ_a x[p,a] ≤ k_p (as in combinatorialBound)          x[p,a] ≤ Σ_{c of a when p is there} y[c]
 *   Σ_p x[p,a] ≤ Σ_{c of a} cap_c · y[c] (per site)       Σ_{c of a} y[c] ≤ maxSessions_a (per site)
 *   Σ_{c at slot t} y[c] ≤ min(rooms, leaders) (per site) Σ_c y[c] ≤ sessions the site's leaders can lead
 *   cov[p,g] ≤ Σ_{a serves g} x[p,a]                      fair ≤ Σ_a s[p,a] x[p,a] for plannable p
 * It drops the per-slot assignment of people (one place per slot, fatigue per day), which is what makes it small:
 * HiGHS solves it in about a second even for 2,000 people.
 */
export async function aggregateBound(m: Model, seconds = 20): Promise<number | null> {
  const { highs } = await import('./exact.js');
  const h = await highs();
  const { P, A, T } = m;
  const S = m.sites.length;
  const cost: number[] = [];
  const upper: number[] = [];
  const col = (c: number, ub: number) => {
    cost.push(c);
    upper.push(ub);
    return cost.length - 1;
  };
  const rowsStart = [0];
  const rowsIndex: number[] = [];
  const rowsValue: number[] = [];
  const rowUpper: number[] = [];
  const row = (terms: [number, number][], hi: number) => {
    for (const [j, v] of terms) {
      rowsIndex.push(j);
      rowsValue.push(v);
    }
    rowsStart.push(rowsIndex.length);
    rowUpper.push(hi);
  };
  // who can reach which activity, and when
  const reach = new Uint8Array(P * A);
  const slotOk = new Uint8Array(P * T);
  for (const c of m.candidates) {
    for (const p of c.people) {
      reach[p * A + c.a] = 1;
      slotOk[p * T + c.t] = 1;
    }
  }
  // y[c]: a session of candidate c (activity, slot, site) takes place
  const y = m.candidates.map(() => col(0, 1));
  const w = m.weights;
  const x = new Map<number, number>();
  for (let p = 0; p < P; p++) for (let a = 0; a < A; a++) if (reach[p * A + a]) x.set(p * A + a, col((w.preference * m.score[p * A + a]!) / SCORE_SCALE, 1));
  const cov: [number, number, number][] = [];
  m.goalsOfPerson.forEach((gs, p) => gs.forEach((g) => cov.push([p, g, col(w.coverage, 1)])));
  const fair = m.plannableCount > 0 ? col(w.fairness, 1e9) : -1;
  if (cost.length === 0) return 0;

  for (let p = 0; p < P; p++) {
    const terms: [number, number][] = [];
    const valued: [number, number][] = [];
    for (let a = 0; a < A; a++) {
      const j = x.get(p * A + a);
      if (j === undefined) continue;
      terms.push([j, 1]);
      valued.push([j, -m.score[p * A + a]! / SCORE_SCALE]);
    }
    if (terms.length === 0) continue;
    const perDay = new Int32Array(m.D);
    for (let t = 0; t < T; t++) if (slotOk[p * T + t]) perDay[m.slotDay[t]!]!++;
    let k = 0;
    for (const n of perDay) k += Math.min(n, m.inst.people[p]!.maxPerDay);
    row(terms, k);
    if (fair >= 0 && m.plannable[p]) row([[fair, 1], ...valued], 0);
  }
  // per activity and site: attendance within the seats of its sessions, and at most maxSessions sessions
  const bySiteActivity = new Map<number, number[]>();
  m.candidates.forEach((c, i) => {
    const k = c.site * A + c.a;
    (bySiteActivity.get(k) ?? bySiteActivity.set(k, []).get(k)!).push(i);
  });
  for (const [k, list] of bySiteActivity) {
    const a = k % A;
    const site = Math.floor(k / A);
    const terms: [number, number][] = [];
    for (let p = 0; p < P; p++) if (m.personSite[p] === site && x.has(p * A + a)) terms.push([x.get(p * A + a)!, 1]);
    row([...terms, ...list.map((i) => [y[i]!, -m.capacity(a, m.candidates[i]!.rooms[0]!)] as [number, number])], 0);
    row(
      list.map((i) => [y[i]!, 1]),
      m.inst.activities[a]!.maxSessions,
    );
  }
  // a person attends an activity only if one of its sessions is held when they are there
  const candidatesOf = new Map<number, number[]>();
  m.candidates.forEach((c, i) => {
    for (const p of c.people) {
      const k = p * A + c.a;
      (candidatesOf.get(k) ?? candidatesOf.set(k, []).get(k)!).push(i);
    }
  });
  for (const [k, j] of x) row([[j, 1], ...candidatesOf.get(k)!.map((i) => [y[i]!, -1] as [number, number])], 0);
  // per site and slot: no more sessions than rooms and available leaders; over the week, no more than leaders can lead
  const leaderSlots = new Int32Array(m.L);
  for (let site = 0; site < S; site++) {
    for (let t = 0; t < T; t++) {
      const list = m.bySiteSlot[site * T + t]!;
      if (list.length === 0) continue;
      const rooms = new Set<number>();
      const leaders = new Set<number>();
      for (const i of list) {
        for (const r of m.candidates[i]!.rooms) rooms.add(r);
        for (const l of m.candidates[i]!.leaders) leaders.add(l);
      }
      for (const l of leaders) leaderSlots[l]!++;
      row(
        list.map((i) => [y[i]!, 1]),
        Math.min(rooms.size, leaders.size),
      );
    }
  }
  for (let site = 0; site < S; site++) {
    let sessions = 0;
    m.inst.leaders.forEach((leader, l) => {
      if (m.sites[site] === leader.site) sessions += Math.min(leader.maxSessions, leaderSlots[l]!);
    });
    const terms = m.candidates.flatMap((c, i) => (c.site === site ? [[y[i]!, 1] as [number, number]] : []));
    if (terms.length) row(terms, sessions);
  }
  for (const [p, g, cj] of cov) {
    const terms: [number, number][] = [[cj, 1]];
    for (let a = 0; a < A; a++) if (x.has(p * A + a) && m.activityGoals[a]!.includes(g)) terms.push([x.get(p * A + a)!, -1]);
    row(terms, 0);
  }
  const numCols = cost.length;
  const numRows = rowUpper.length;
  const model = h.createModel({
    numCols,
    numRows,
    sense: h.constants.objectiveSense.maximize,
    colCost: cost,
    colLower: new Float64Array(numCols),
    colUpper: upper,
    rowLower: rowUpper.map(() => -h.infinity),
    rowUpper,
    matrix: { format: 'csr', numCols, numRows, starts: rowsStart, indices: rowsIndex, values: rowsValue },
  });
  try {
    model.options.set({ time_limit: seconds, output_flag: false });
    model.run();
    // Only a proven optimum of the relaxation is a bound.
    return model.getModelStatus() === h.constants.modelStatus.optimal ? model.getObjectiveValue() : null;
  } finally {
    model.dispose();
  }
}
