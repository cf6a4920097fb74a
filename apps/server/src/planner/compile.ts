/**
 * Turns a planning instance into index-based arrays shared by the heuristic, the MIP and the evaluator:
 * who is available when, which activity can happen in which slot (a room of the right type, a skilled and available
 * leader, enough eligible people), and which plan goals each person can have covered.
 *
 * Availability is decided on the whole slot: a person with an appointment overlapping the slot, or a leader whose
 * availability windows do not contain the slot, is not available for any session of that slot.
 */
import { WEEKDAYS } from '@presence/shared';
import type { PlanningInstance } from './instance.js';

/** Scores are used at 0.001 precision: the heuristic works in integer thousandths. */
export const SCORE_SCALE = 1000;

export interface Candidate {
  a: number;
  t: number;
  /** Site index. */
  site: number;
  /** Compatible rooms, by decreasing effective capacity. */
  rooms: number[];
  /** Skilled leaders available for the whole slot. */
  leaders: number[];
  /** People who may attend (eligible, available, not on an appointment). */
  people: number[];
}

export interface Model {
  inst: PlanningInstance;
  P: number;
  A: number;
  T: number;
  R: number;
  L: number;
  /** Number of distinct dates among slots. */
  D: number;
  slotDay: number[];
  /** personSlot[p * T + t]: the person can attend something at slot t. */
  personSlot: Uint8Array;
  /** score[p * A + a]: integer thousandths; 0 = not proposed. */
  score: Int32Array;
  /** Effective capacity of activity a in room r: min(room capacity, group max), 0 when the room type does not fit. */
  capacity(a: number, r: number): number;
  candidates: Candidate[];
  /** candidateIndex[(site * A + a) * T + t] or -1. */
  candidateIndex: Int32Array;
  /** Candidates of a site and slot: bySiteSlot[site * T + t]. */
  bySiteSlot: number[][];
  sites: string[];
  personSite: Int32Array;
  roomSite: Int32Array;
  /** Goal domains, indexed. */
  goals: string[];
  /** goalsOfPerson[p]: goal indices of the person's open goals that some eligible activity serves. */
  goalsOfPerson: number[][];
  /** activityGoals[a]: goal indices the activity serves. */
  activityGoals: number[][];
  /** A person is plannable when at least one candidate lists them; only they count in the fairness term. */
  plannable: Uint8Array;
  plannableCount: number;
  weights: { preference: number; coverage: number; fairness: number };
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const weekdayOf = (date: string) => WEEKDAYS[(new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7]!;
const overlaps = (a0: number, a1: number, b0: number, b1: number) => a0 < b1 && b0 < a1;

export function compile(inst: PlanningInstance): Model {
  const P = inst.people.length;
  const A = inst.activities.length;
  const T = inst.slots.length;
  const R = inst.rooms.length;
  const L = inst.leaders.length;
  const dates = [...new Set(inst.slots.map((s) => s.date))].sort();
  const slotDay = inst.slots.map((s) => dates.indexOf(s.date));
  const slotSpan = inst.slots.map((s) => [minutes(s.start), minutes(s.end)] as const);
  const activityIndex = new Map(inst.activities.map((a, i) => [a.id, i]));

  const personSlot = new Uint8Array(P * T);
  inst.people.forEach((p, i) => {
    const days = new Set(p.days);
    inst.slots.forEach((s, t) => {
      if (!days.has(weekdayOf(s.date)) || p.maxPerDay === 0) return;
      const [s0, s1] = slotSpan[t]!;
      const busy = p.appointments.some((w) => w.date === s.date && overlaps(s0, s1, minutes(w.start), minutes(w.end)));
      if (!busy) personSlot[i * T + t] = 1;
    });
  });

  const score = new Int32Array(P * A);
  inst.people.forEach((p, i) => {
    for (const [key, value] of Object.entries(p.scores)) {
      const a = activityIndex.get(key);
      if (a !== undefined) score[i * A + a] = Math.max(1, Math.round(value * SCORE_SCALE));
    }
  });

  const cap = new Int32Array(A * R);
  inst.activities.forEach((act, a) => {
    const types = new Set(act.roomTypes);
    inst.rooms.forEach((room, r) => {
      if (types.has(room.type)) cap[a * R + r] = Math.min(room.capacity, act.groupMax);
    });
  });

  const leaderFree = (l: number, t: number) => {
    const s = inst.slots[t]!;
    const [s0, s1] = slotSpan[t]!;
    return inst.leaders[l]!.available.some((w) => w.date === s.date && minutes(w.start) <= s0 && minutes(w.end) >= s1);
  };

  const sites = [...new Set([...inst.rooms.map((r) => r.site), ...inst.leaders.map((l) => l.site), ...inst.people.map((p) => p.site)])].sort();
  const siteIndex = new Map(sites.map((x, i) => [x, i]));
  const S = sites.length;
  const personSite = Int32Array.from(inst.people, (p) => siteIndex.get(p.site)!);
  const roomSite = Int32Array.from(inst.rooms, (r) => siteIndex.get(r.site)!);
  const leaderSite = inst.leaders.map((l) => siteIndex.get(l.site)!);
  const candidates: Candidate[] = [];
  const candidateIndex = new Int32Array(S * A * T).fill(-1);
  const bySiteSlot: number[][] = Array.from({ length: S * T }, () => []);
  const plannable = new Uint8Array(P);
  inst.activities.forEach((act, a) => {
    if (act.maxSessions === 0) return;
    const allRooms = [...Array(R).keys()].filter((r) => cap[a * R + r]! >= act.groupMin).sort((x, y) => cap[a * R + y]! - cap[a * R + x]!);
    if (allRooms.length === 0) return;
    const skilled = [...Array(L).keys()].filter((l) => act.skill === 'none' || inst.leaders[l]!.skills.includes(act.skill));
    for (let site = 0; site < S; site++) {
      const rooms = allRooms.filter((r) => roomSite[r] === site);
      if (rooms.length === 0) continue;
      inst.slots.forEach((_, t) => {
        const [s0, s1] = slotSpan[t]!;
        if (s1 - s0 < act.minutes) return;
        const leaders = skilled.filter((l) => leaderSite[l] === site && inst.leaders[l]!.maxSessions > 0 && leaderFree(l, t));
        if (leaders.length === 0) return;
        const people: number[] = [];
        for (let p = 0; p < P; p++) if (personSite[p] === site && score[p * A + a]! > 0 && personSlot[p * T + t]) people.push(p);
        if (people.length < act.groupMin) return;
        candidateIndex[(site * A + a) * T + t] = candidates.length;
        bySiteSlot[site * T + t]!.push(candidates.length);
        candidates.push({ a, t, site, rooms, leaders, people });
      });
    }
  });
  for (const c of candidates) for (const p of c.people) plannable[p] = 1;

  const goals = [...new Set([...inst.activities.flatMap((a) => a.goalDomains), ...inst.people.flatMap((p) => p.goals)])].sort();
  const goalIndex = new Map(goals.map((g, i) => [g, i]));
  const activityGoals = inst.activities.map((a) => [...new Set(a.goalDomains.map((g) => goalIndex.get(g)!))]);
  const reachable = new Uint8Array(P * A);
  for (const c of candidates) for (const p of c.people) reachable[p * A + c.a] = 1;
  const goalsOfPerson = inst.people.map((p, i) => {
    const own = [...new Set(p.goals.map((g) => goalIndex.get(g)!))];
    return own.filter((g) => {
      for (let a = 0; a < A; a++) if (reachable[i * A + a] && activityGoals[a]!.includes(g)) return true;
      return false;
    });
  });

  let plannableCount = 0;
  for (let p = 0; p < P; p++) plannableCount += plannable[p]!;
  return {
    inst,
    P,
    A,
    T,
    R,
    L,
    D: dates.length,
    slotDay,
    personSlot,
    score,
    capacity: (a, r) => cap[a * R + r]!,
    candidates,
    candidateIndex,
    bySiteSlot,
    sites,
    personSite,
    roomSite,
    goals,
    goalsOfPerson,
    activityGoals,
    plannable,
    plannableCount,
    weights: {
      preference: inst.weights.preference,
      coverage: inst.weights.coverage,
      fairness: inst.weights.fairness ?? Math.round(0.1 * P * 1000) / 1000,
    },
  };
}
