/**
 * The weekly planner's heuristic: a greedy construction (open the sessions with the most to offer, fill them with the
 * people who want them most) followed by simulated annealing over compound moves, each built from four reversible
 * primitives (open, close, add a participant, remove a participant) so any move can be undone exactly.
 *
 * The objective is kept incrementally in integer thousandths; the least-served person's total is kept through a
 * histogram of per-person totals, so the max–min fairness term costs O(1) amortised per move.
 */
import { Random } from '../lib/random.js';
import { SCORE_SCALE, type Model } from './compile.js';

export interface HeuristicOptions {
  seconds: number;
  seed?: number;
  /** Called about every 100 ms with the best objective so far. */
  onProgress?: (best: number, elapsedSeconds: number) => void;
  /** Polled about every millisecond; true stops the search and returns the best plan so far. */
  shouldStop?: () => boolean;
  /** Stop as soon as the objective reaches this value (e.g. a proven bound). */
  target?: number;
}

export interface HeuristicSession {
  a: number;
  t: number;
  r: number;
  l: number;
  members: number[];
}
export interface HeuristicResult {
  sessions: HeuristicSession[];
  /** Objective in the instance's units. */
  objective: number;
  iterations: number;
  /** Seconds from start until the returned plan was first reached. */
  secondsToBest: number;
}

type Op = { k: 0; p: number; s: number } | { k: 1; p: number; s: number } | { k: 2; s: number } | { k: 3; s: number };

export class PlanState {
  readonly m: Model;
  // sessions (slots in these arrays are reused after close)
  sC: number[] = [];
  sA: number[] = [];
  sT: number[] = [];
  sR: number[] = [];
  sL: number[] = [];
  sOpen: boolean[] = [];
  sMembers: number[][] = [];
  sCap: number[] = [];
  free: number[] = [];
  /** Closed in the current (uncommitted) move: not reused until commit, so rollback can reopen them intact. */
  pendingFree: number[] = [];
  roomAt: Int32Array;
  leaderAt: Int32Array;
  /** Open session of each candidate, or -1. */
  candAt: Int32Array;
  /** Sessions per (site, activity). */
  actCount: Int32Array;
  leaderCount: Int32Array;
  personAt: Int32Array;
  personDay: Int32Array;
  personAct: Int32Array;
  served: Int32Array;
  goalCount: Int32Array;
  goalSlot: Int32Array; // index into goalCount per (p, g) pair, -1 when not a coverage pair
  hist: Int32Array;
  minServed = 0;
  pref = 0;
  covered = 0;
  log: Op[] = [];
  private readonly wPref: number;
  private readonly wCov: number;
  private readonly wFair: number;

  constructor(m: Model) {
    this.m = m;
    const { P, T, R, L, A, D } = m;
    this.roomAt = new Int32Array(T * R).fill(-1);
    this.leaderAt = new Int32Array(T * L).fill(-1);
    this.candAt = new Int32Array(m.candidates.length).fill(-1);
    this.actCount = new Int32Array(m.sites.length * A);
    this.leaderCount = new Int32Array(L);
    this.personAt = new Int32Array(P * T).fill(-1);
    this.personDay = new Int32Array(P * D);
    this.personAct = new Int32Array(P * A);
    this.served = new Int32Array(P);
    const G = m.goals.length;
    this.goalSlot = new Int32Array(P * G).fill(-1);
    let n = 0;
    m.goalsOfPerson.forEach((gs, p) => gs.forEach((g) => (this.goalSlot[p * G + g] = n++)));
    this.goalCount = new Int32Array(n);
    let maxServed = 1;
    for (let p = 0; p < P; p++) {
      let row = 0;
      for (let a = 0; a < A; a++) row = Math.max(row, m.score[p * A + a]!);
      maxServed = Math.max(maxServed, row * T);
    }
    this.hist = new Int32Array(maxServed + 1);
    this.hist[0] = m.plannableCount;
    this.wPref = m.weights.preference;
    this.wCov = m.weights.coverage * SCORE_SCALE;
    this.wFair = m.weights.fairness;
  }

  private actKey(s: number): number {
    const c = this.m.candidates[this.sC[s]!]!;
    return c.site * this.m.A + c.a;
  }

  /** Objective in thousandths (float because weights are). */
  value(): number {
    return this.wPref * this.pref + this.wCov * this.covered + this.wFair * (this.m.plannableCount > 0 ? this.minServed : 0);
  }

  // ── primitives ──────────────────────────────────────────────────────────────────────────────────────────────────
  open(ci: number, r: number, l: number): number {
    const { R, L } = this.m;
    const { a, t } = this.m.candidates[ci]!;
    const s = this.free.length ? this.free.pop()! : this.sA.length;
    this.sC[s] = ci;
    this.sA[s] = a;
    this.sT[s] = t;
    this.sR[s] = r;
    this.sL[s] = l;
    this.sOpen[s] = true;
    this.sMembers[s] = [];
    this.sCap[s] = this.m.capacity(a, r);
    this.roomAt[t * R + r] = s;
    this.leaderAt[t * L + l] = s;
    this.candAt[ci] = s;
    this.actCount[this.actKey(s)]!++;
    this.leaderCount[l]!++;
    this.log.push({ k: 2, s });
    return s;
  }
  /** Close an empty session. */
  close(s: number): void {
    this.setOpen(s, false);
    this.pendingFree.push(s);
    this.log.push({ k: 3, s });
  }
  /** Marks session s open or closed in every index (rooms, leaders, candidates, counts). */
  private setOpen(s: number, open: boolean): void {
    const { R, L } = this.m;
    const t = this.sT[s]!;
    const v = open ? s : -1;
    const inc = open ? 1 : -1;
    this.roomAt[t * R + this.sR[s]!] = v;
    this.leaderAt[t * L + this.sL[s]!] = v;
    this.candAt[this.sC[s]!] = v;
    this.actCount[this.actKey(s)]! += inc;
    this.leaderCount[this.sL[s]!]! += inc;
    this.sOpen[s] = open;
  }
  private reopen(s: number): void {
    this.pendingFree.splice(this.pendingFree.lastIndexOf(s), 1);
    this.setOpen(s, true);
  }
  private unopen(s: number): void {
    this.setOpen(s, false);
    this.free.push(s);
  }
  add(p: number, s: number): void {
    this.applyAdd(p, s);
    this.log.push({ k: 0, p, s });
  }
  remove(p: number, s: number): void {
    this.applyRemove(p, s);
    this.log.push({ k: 1, p, s });
  }
  private applyAdd(p: number, s: number): void {
    const m = this.m;
    const a = this.sA[s]!;
    const t = this.sT[s]!;
    this.sMembers[s]!.push(p);
    this.personAt[p * m.T + t] = s;
    this.personDay[p * m.D + m.slotDay[t]!]!++;
    this.personAct[p * m.A + a]!++;
    const sc = m.score[p * m.A + a]!;
    this.pref += sc;
    this.changeServed(p, sc);
    const G = m.goals.length;
    for (const g of m.activityGoals[a]!) {
      const k = this.goalSlot[p * G + g]!;
      if (k >= 0 && this.goalCount[k]!++ === 0) this.covered++;
    }
  }
  private applyRemove(p: number, s: number): void {
    const m = this.m;
    const a = this.sA[s]!;
    const t = this.sT[s]!;
    const list = this.sMembers[s]!;
    const i = list.indexOf(p);
    list[i] = list[list.length - 1]!;
    list.pop();
    this.personAt[p * m.T + t] = -1;
    this.personDay[p * m.D + m.slotDay[t]!]!--;
    this.personAct[p * m.A + a]!--;
    const sc = m.score[p * m.A + a]!;
    this.pref -= sc;
    this.changeServed(p, -sc);
    const G = m.goals.length;
    for (const g of m.activityGoals[a]!) {
      const k = this.goalSlot[p * G + g]!;
      if (k >= 0 && --this.goalCount[k]! === 0) this.covered--;
    }
  }
  private changeServed(p: number, delta: number): void {
    const before = this.served[p]!;
    const after = before + delta;
    this.served[p] = after;
    if (!this.m.plannable[p]) return;
    this.hist[before]!--;
    this.hist[after]!++;
    if (after < this.minServed) this.minServed = after;
    else if (before === this.minServed && this.hist[before] === 0) {
      let v = before;
      while (v < this.hist.length && this.hist[v] === 0) v++;
      this.minServed = v;
    }
  }

  mark(): number {
    return this.log.length;
  }
  rollback(mark: number): void {
    while (this.log.length > mark) {
      const op = this.log.pop()!;
      if (op.k === 0) this.applyRemove(op.p, op.s);
      else if (op.k === 1) this.applyAdd(op.p, op.s);
      else if (op.k === 2) this.unopen(op.s);
      else this.reopen(op.s);
    }
  }
  commit(): void {
    this.log.length = 0;
    for (const s of this.pendingFree) this.free.push(s);
    this.pendingFree.length = 0;
  }

  // ── queries ─────────────────────────────────────────────────────────────────────────────────────────────────────
  /** Can p join open session s (ignoring whether p is already there)? */
  canJoin(p: number, s: number): boolean {
    const m = this.m;
    const a = this.sA[s]!;
    const t = this.sT[s]!;
    return (
      this.sMembers[s]!.length < this.sCap[s]! &&
      m.score[p * m.A + a]! > 0 &&
      m.personSite[p] === m.candidates[this.sC[s]!]!.site &&
      m.personSlot[p * m.T + t] === 1 &&
      this.personAt[p * m.T + t] === -1 &&
      this.personDay[p * m.D + m.slotDay[t]!]! < m.inst.people[p]!.maxPerDay &&
      this.personAct[p * m.A + a] === 0
    );
  }
  openSessions(): number[] {
    const out: number[] = [];
    for (let s = 0; s < this.sA.length; s++) if (this.sOpen[s]) out.push(s);
    return out;
  }
  snapshot(): HeuristicSession[] {
    return this.openSessions().map((s) => ({ a: this.sA[s]!, t: this.sT[s]!, r: this.sR[s]!, l: this.sL[s]!, members: [...this.sMembers[s]!] }));
  }
  /** Gain in thousandths of adding p to a session of activity a (without applying it). */
  addGain(p: number, a: number): number {
    const m = this.m;
    const sc = m.score[p * m.A + a]!;
    let gain = this.wPref * sc;
    const G = m.goals.length;
    for (const g of m.activityGoals[a]!) {
      const k = this.goalSlot[p * G + g]!;
      if (k >= 0 && this.goalCount[k] === 0) gain += this.wCov;
    }
    if (m.plannable[p] && this.served[p] === this.minServed && this.hist[this.minServed] === 1) gain += this.wFair * Math.min(sc, 1); // lower bound of the fairness gain
    return gain;
  }
}

/** Pick a free room and leader for (a, t): the smallest room that still holds `need` people, else the largest. */
function pickRoomLeader(st: PlanState, c: { a: number; t: number; rooms: number[]; leaders: number[] }, need: number): [number, number] | null {
  const m = st.m;
  const leader = c.leaders
    .filter((l) => st.leaderAt[c.t * m.L + l] === -1 && st.leaderCount[l]! < m.inst.leaders[l]!.maxSessions)
    .sort((x, y) => st.leaderCount[x]! - st.leaderCount[y]!)[0];
  if (leader === undefined) return null;
  let room = -1;
  for (const r of c.rooms) {
    if (st.roomAt[c.t * m.R + r] !== -1) continue;
    if (room === -1 || m.capacity(c.a, r) >= need) room = r; // rooms are sorted by decreasing capacity
  }
  return room === -1 ? null : [room, leader];
}

/** Open a session for candidate c and fill it with the best free people; keeps it only with at least groupMin. */
export function tryOpen(st: PlanState, ci: number, rand?: () => number): boolean {
  const m = st.m;
  const c = m.candidates[ci]!;
  const act = m.inst.activities[c.a]!;
  if (st.candAt[ci] !== -1 || st.actCount[c.site * m.A + c.a]! >= act.maxSessions) return false;
  const pool = c.people.filter(
    (p) => st.personAt[p * m.T + c.t] === -1 && st.personDay[p * m.D + m.slotDay[c.t]!]! < m.inst.people[p]!.maxPerDay && st.personAct[p * m.A + c.a] === 0,
  );
  if (pool.length < act.groupMin) return false;
  const picked = pickRoomLeader(st, c, pool.length);
  if (!picked) return false;
  const gains = pool.map((p) => [p, st.addGain(p, c.a) * (rand ? 0.85 + 0.3 * rand() : 1)] as const).sort((x, y) => y[1] - x[1]);
  const mark = st.mark();
  const s = st.open(ci, picked[0], picked[1]);
  for (const [p] of gains) {
    if (st.sMembers[s]!.length >= st.sCap[s]!) break;
    st.add(p, s);
  }
  if (st.sMembers[s]!.length < act.groupMin) {
    st.rollback(mark);
    return false;
  }
  return true;
}

/** Remove every member and close s. */
function closeSession(st: PlanState, s: number): number[] {
  const members = [...st.sMembers[s]!];
  for (const p of members) st.remove(p, s);
  st.close(s);
  return members;
}

/** Try to place p in the best open session of slot t (or any slot when t < 0). */
function placeBest(st: PlanState, p: number, slots: number[]): boolean {
  const m = st.m;
  let best = -1;
  let bestGain = 0;
  for (const t of slots) {
    if (st.personAt[p * m.T + t] !== -1 || !m.personSlot[p * m.T + t]) continue;
    for (const ci of m.bySiteSlot[m.personSite[p]! * m.T + t]!) {
      const s = st.candAt[ci]!;
      if (s < 0 || !st.canJoin(p, s)) continue;
      const g = st.addGain(p, st.sA[s]!);
      if (g > bestGain) {
        bestGain = g;
        best = s;
      }
    }
  }
  if (best < 0) return false;
  st.add(p, best);
  return true;
}

export function construct(st: PlanState): void {
  const m = st.m;
  // Potential of each candidate: the scores of its best eligible people up to the largest room.
  const potential = m.candidates.map((c, i) => {
    const cap = m.capacity(c.a, c.rooms[0]!);
    const top = c.people.map((p) => m.score[p * m.A + c.a]!).sort((x, y) => y - x);
    return [i, top.slice(0, cap).reduce((s, x) => s + x, 0)] as const;
  });
  potential.sort((x, y) => y[1] - x[1]);
  for (const [ci] of potential) tryOpen(st, ci);
  const allSlots = [...Array(m.T).keys()];
  for (let p = 0; p < m.P; p++) while (placeBest(st, p, allSlots));
  st.commit();
}

export function runHeuristic(m: Model, opts: HeuristicOptions, start?: PlanState): HeuristicResult {
  const t0 = performance.now();
  const random = new Random(opts.seed ?? 1);
  const rand = () => random.next();
  const st = start ?? new PlanState(m);
  if (!start) construct(st);
  let current = st.value();
  let best = current;
  let bestSnap = st.snapshot();
  let bestAt = performance.now();
  let bestDirty = false;
  const limitMs = opts.seconds * 1000;
  const target = opts.target !== undefined ? opts.target * SCORE_SCALE : Infinity;
  const T0 = 1.5 * SCORE_SCALE; // tuned on generated weeks of 30, 80 and 150 people (docs/activity-planning.md)
  const T1 = 0.01 * SCORE_SCALE;
  let temp = T0;
  let lastProgress = t0;
  let iterations = 0;
  const allSlots = [...Array(m.T).keys()];
  const plannablePeople = [...Array(m.P).keys()].filter((p) => m.plannable[p]);
  if (plannablePeople.length === 0 || m.candidates.length === 0) return { sessions: bestSnap, objective: best / SCORE_SCALE, iterations, secondsToBest: 0 };

  const saveBest = () => {
    bestSnap = st.snapshot();
    bestDirty = false;
  };

  for (;;) {
    if ((iterations & 255) === 0) {
      const now = performance.now();
      const elapsed = now - t0;
      if (elapsed >= limitMs || opts.shouldStop?.() || best >= target - 1e-6) break;
      temp = T0 * Math.pow(T1 / T0, elapsed / limitMs);
      if (opts.onProgress && now - lastProgress > 100) {
        lastProgress = now;
        opts.onProgress(best / SCORE_SCALE, elapsed / 1000);
      }
    }
    iterations++;
    const mark = st.mark();
    const r = rand();
    if (r < 0.35) {
      // move a person: out of a session (if any) at a random slot, into the best session elsewhere
      const p = plannablePeople[Math.floor(rand() * plannablePeople.length)]!;
      const t = Math.floor(rand() * m.T);
      const s = st.personAt[p * m.T + t]!;
      if (s >= 0) {
        if (st.sMembers[s]!.length <= m.inst.activities[st.sA[s]!]!.groupMin) continue;
        st.remove(p, s);
      }
      const slots = rand() < 0.5 ? [t] : allSlots;
      placeBest(st, p, slots);
    } else if (r < 0.55) {
      // swap two members of two sessions of the same slot and site
      const open = st.openSessions();
      if (open.length < 2) continue;
      const s1 = open[Math.floor(rand() * open.length)]!;
      const t = st.sT[s1]!;
      const site = m.candidates[st.sC[s1]!]!.site;
      const list = m.bySiteSlot[site * m.T + t]!.map((ci) => st.candAt[ci]!).filter((s) => s >= 0 && s !== s1);
      if (list.length === 0 || st.sMembers[s1]!.length === 0) continue;
      const s2 = list[Math.floor(rand() * list.length)]!;
      if (st.sMembers[s2]!.length === 0) continue;
      const p = st.sMembers[s1]![Math.floor(rand() * st.sMembers[s1]!.length)]!;
      const q = st.sMembers[s2]![Math.floor(rand() * st.sMembers[s2]!.length)]!;
      st.remove(p, s1);
      st.remove(q, s2);
      if (!st.canJoin(p, s2) || !st.canJoin(q, s1)) {
        st.rollback(mark);
        continue;
      }
      st.add(p, s2);
      st.add(q, s1);
    } else if (r < 0.62) {
      // exchange: a member leaves a session and someone not yet there takes the seat
      const open = st.openSessions();
      if (open.length === 0) continue;
      const s = open[Math.floor(rand() * open.length)]!;
      const members = st.sMembers[s]!;
      if (members.length === 0) continue;
      const c = m.candidates[st.sC[s]!]!;
      const p = c.people[Math.floor(rand() * c.people.length)]!;
      const q = members[Math.floor(rand() * members.length)]!;
      if (p === q) continue;
      const ps = st.personAt[p * m.T + c.t]!;
      if (ps >= 0) {
        if (ps === s || st.sMembers[ps]!.length <= m.inst.activities[st.sA[ps]!]!.groupMin) continue;
        st.remove(p, ps);
      }
      st.remove(q, s);
      if (!st.canJoin(p, s)) {
        st.rollback(mark);
        continue;
      }
      st.add(p, s);
      if (ps >= 0 && st.canJoin(q, ps)) st.add(q, ps);
      else placeBest(st, q, rand() < 0.5 ? [c.t] : allSlots);
    } else if (r < 0.7) {
      // add the person who gains most from an open seat in a random session
      const open = st.openSessions();
      if (open.length === 0) continue;
      const s = open[Math.floor(rand() * open.length)]!;
      if (st.sMembers[s]!.length >= st.sCap[s]!) continue;
      const c = m.candidates[st.sC[s]!]!;
      let bp = -1;
      let bg = -Infinity;
      for (let k = 0; k < 8; k++) {
        const p = c.people[Math.floor(rand() * c.people.length)]!;
        if (!st.canJoin(p, s)) continue;
        const g = st.addGain(p, st.sA[s]!);
        if (g > bg) {
          bg = g;
          bp = p;
        }
      }
      if (bp < 0) continue;
      st.add(bp, s);
    } else if (r < 0.85) {
      // replace a session: close it, open another candidate in the same slot, re-place the former members
      const open = st.openSessions();
      if (open.length === 0) continue;
      const s = open[Math.floor(rand() * open.length)]!;
      const t = st.sT[s]!;
      const options = m.bySiteSlot[m.candidates[st.sC[s]!]!.site * m.T + t]!;
      const members = closeSession(st, s);
      const ci = options[Math.floor(rand() * options.length)]!;
      tryOpen(st, ci, rand);
      for (const p of members) placeBest(st, p, [t]);
    } else if (r < 0.95) {
      // open a new session somewhere and let people move into it
      const ci = Math.floor(rand() * m.candidates.length);
      const c = m.candidates[ci]!;
      if (st.candAt[ci] !== -1) continue;
      // free people of that slot who would gain by moving are taken out of their sessions when those stay viable
      for (const p of c.people) {
        const s = st.personAt[p * m.T + c.t]!;
        if (s < 0 || rand() < 0.5) continue;
        if (st.sMembers[s]!.length > m.inst.activities[st.sA[s]!]!.groupMin && m.score[p * m.A + c.a]! > m.score[p * m.A + st.sA[s]!]!) st.remove(p, s);
      }
      if (!tryOpen(st, ci, rand)) {
        st.rollback(mark);
        continue;
      }
      for (const p of c.people) if (st.personAt[p * m.T + c.t] === -1) placeBest(st, p, [c.t]);
    } else if (r < 0.97) {
      // exchange the slots of two sessions of the same site
      const open = st.openSessions();
      if (open.length < 2) continue;
      const s1 = open[Math.floor(rand() * open.length)]!;
      const s2 = open[Math.floor(rand() * open.length)]!;
      const c1 = m.candidates[st.sC[s1]!]!;
      const c2 = m.candidates[st.sC[s2]!]!;
      if (c1.t === c2.t || c1.site !== c2.site) continue;
      const n1 = m.candidateIndex[(c1.site * m.A + c1.a) * m.T + c2.t]!;
      const n2 = m.candidateIndex[(c2.site * m.A + c2.a) * m.T + c1.t]!;
      if (n1 < 0 || n2 < 0) continue;
      const members = [...closeSession(st, s1), ...closeSession(st, s2)];
      const first = rand() < 0.5;
      tryOpen(st, first ? n1 : n2, rand);
      tryOpen(st, first ? n2 : n1, rand);
      for (const p of members) placeBest(st, p, [c1.t, c2.t]);
    } else {
      // close a session and re-place its members anywhere
      const open = st.openSessions();
      if (open.length === 0) continue;
      const members = closeSession(st, open[Math.floor(rand() * open.length)]!);
      for (const p of members) placeBest(st, p, allSlots);
    }
    const next = st.value();
    const delta = next - current;
    if (delta >= 0 || rand() < Math.exp(delta / temp)) {
      if (delta < 0 && current === best && bestDirty) {
        // leaving a best plan not yet copied: copy it first (this move is dropped)
        st.rollback(mark);
        saveBest();
        continue;
      }
      st.commit();
      current = next;
      if (current > best + 1e-9) {
        best = current;
        bestDirty = true;
        bestAt = performance.now();
      }
    } else st.rollback(mark);
  }
  if (bestDirty && current === best) saveBest();
  return { sessions: bestSnap, objective: best / SCORE_SCALE, iterations, secondsToBest: (bestAt - t0) / 1000 };
}
