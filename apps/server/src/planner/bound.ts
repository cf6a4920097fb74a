/**
 * A proven upper bound on the planning objective that needs no LP solver, for instances too large for HiGHS.
 * It relaxes the problem to: each person attends at most k sessions (their fatigue limit on each day they can attend
 * something, and each activity once), every invitation is worth at most the person's k best scores, and all invitations
 * together fit in the week's seats (per slot, the largest rooms that the available leaders can open).
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
  // seats
  let seats = 0;
  for (let t = 0; t < T; t++) {
    const roomCap = new Int32Array(m.R);
    const leaders = new Set<number>();
    for (const c of m.candidates) {
      if (c.t !== t) continue;
      for (const r of c.rooms) roomCap[r] = Math.max(roomCap[r]!, m.capacity(c.a, r));
      for (const l of c.leaders) leaders.add(l);
    }
    const caps = [...roomCap].filter((x) => x > 0).sort((x, y) => y - x);
    seats += caps.slice(0, leaders.size).reduce((s, x) => s + x, 0);
  }
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
