/**
 * Checks a weekly plan against its instance and computes the objective, from the plan's ids alone (not from a solver's
 * bookkeeping). Used to verify solver output in tests, and to re-evaluate a plan live while an activity leader edits it.
 */
import { compile, SCORE_SCALE, type Model } from './compile.js';
import type { PlanningInstance } from './instance.js';

export interface PlanSession {
  id: string;
  activity: string;
  slot: string;
  room: string;
  leader: string;
  participants: string[];
}
export interface PlanAssignment {
  person: string;
  session: string;
}
export interface Violation {
  /** Machine code, e.g. 'room_double_booked'. */
  code: string;
  /** Where: a session id, or a person id. */
  subject: string;
  message: string;
}
export interface Terms {
  /** Weighted sum of the recommendation scores of every invitation. */
  preference: number;
  /** Weighted number of (person, plan-goal domain) pairs served by at least one invitation. */
  coverage: number;
  /** Weight × the preference total of the least-served plannable person. */
  fairness: number;
}
export interface Evaluation {
  feasible: boolean;
  objective: number;
  terms: Terms;
  /** Unweighted least-served total (sum of scores). */
  leastServed: number;
  violations: Violation[];
}

/** A session's id: unique in a feasible plan (one room holds one session per slot). */
export const sessionIdOf = (s: { slot: string; activity: string; room: string }) => `S-${s.slot}-${s.activity}-${s.room}`;

export const round3 = (x: number) => Math.round(x * 1000) / 1000;

export function evaluatePlan(inst: PlanningInstance, sessions: readonly PlanSession[], model: Model = compile(inst)): Evaluation {
  const { T, A, P } = model;
  const violations: Violation[] = [];
  const v = (code: string, subject: string, message: string) => violations.push({ code, subject, message });
  const slotIdx = new Map(inst.slots.map((s, i) => [s.id, i]));
  const roomIdx = new Map(inst.rooms.map((r, i) => [r.id, i]));
  const leaderIdx = new Map(inst.leaders.map((l, i) => [l.id, i]));
  const actIdx = new Map(inst.activities.map((a, i) => [a.id, i]));
  const personIdx = new Map(inst.people.map((p, i) => [p.id, i]));

  const roomUse = new Map<string, string>();
  const leaderUse = new Map<string, string>();
  const personUse = new Map<string, string>();
  const activityUse = new Map<string, string>();
  const leaderCount = new Int32Array(model.L);
  const actCount = new Int32Array(model.sites.length * A);
  const perDay = new Map<string, number>();
  const perAct = new Map<string, number>();
  const served = new Float64Array(P);
  const covered = new Set<string>();
  let preference = 0;
  const ids = new Set<string>();

  for (const s of sessions) {
    if (ids.has(s.id)) v('duplicate_session', s.id, `session id '${s.id}' is used twice`);
    ids.add(s.id);
    const t = slotIdx.get(s.slot);
    const r = roomIdx.get(s.room);
    const l = leaderIdx.get(s.leader);
    const a = actIdx.get(s.activity);
    if (t === undefined || r === undefined || l === undefined || a === undefined) {
      v(
        'unknown_reference',
        s.id,
        `session '${s.id}' names an unknown ${t === undefined ? 'slot' : r === undefined ? 'room' : l === undefined ? 'leader' : 'activity'}`,
      );
      continue;
    }
    const act = inst.activities[a]!;
    const slot = inst.slots[t]!;
    const site = model.roomSite[r]!;
    const c = model.candidateIndex[(site * A + a) * T + t]!;
    const cand = c >= 0 ? model.candidates[c] : undefined;
    if (!cand) v('activity_not_possible', s.id, `${act.id} cannot take place in slot ${slot.id} (duration, room, leader or participants)`);
    if (model.capacity(a, r) === 0) v('room_type', s.id, `room ${s.room} is not of a type suited to ${act.id}`);
    if (inst.leaders[l]!.site !== inst.rooms[r]!.site) v('site_mismatch', s.id, `leader ${s.leader} works at another site than room ${s.room}`);
    else if (cand && !cand.leaders.includes(l))
      v('leader_unavailable_or_unskilled', s.id, `leader ${s.leader} is not available or lacks the skill '${act.skill}'`);
    const key = (x: string) => `${x}@${s.slot}`;
    if (roomUse.has(key(s.room))) v('room_double_booked', s.id, `room ${s.room} already holds ${roomUse.get(key(s.room))} in slot ${s.slot}`);
    roomUse.set(key(s.room), s.id);
    if (leaderUse.has(key(s.leader))) v('leader_double_booked', s.id, `leader ${s.leader} already leads ${leaderUse.get(key(s.leader))} in slot ${s.slot}`);
    leaderUse.set(key(s.leader), s.id);
    const actKey = key(`${s.activity}#${site}`);
    if (activityUse.has(actKey)) v('activity_twice_in_slot', s.id, `${s.activity} already runs as ${activityUse.get(actKey)} in slot ${s.slot} at this site`);
    activityUse.set(actKey, s.id);
    leaderCount[l]!++;
    actCount[site * A + a]!++;

    const size = s.participants.length;
    const capacity = Math.min(inst.rooms[r]!.capacity, act.groupMax);
    if (size > capacity) v('over_capacity', s.id, `${size} participants for ${capacity} places`);
    if (size < act.groupMin) v('under_group_min', s.id, `${size} participants, at least ${act.groupMin} needed`);
    const seen = new Set<string>();
    for (const pid of s.participants) {
      const p = personIdx.get(pid);
      if (p === undefined) {
        v('unknown_reference', s.id, `unknown person '${pid}'`);
        continue;
      }
      if (seen.has(pid)) v('duplicate_participant', s.id, `${pid} listed twice`);
      seen.add(pid);
      const sc = model.score[p * A + a]!;
      if (model.personSite[p] !== site) v('site_mismatch', pid, `${pid} belongs to another site than room ${s.room}`);
      if (sc === 0) v('not_proposed', pid, `${act.id} is not among the activities proposed to ${pid}`);
      if (!model.personSlot[p * T + t]) v('person_unavailable', pid, `${pid} is not there or has an appointment during slot ${s.slot}`);
      if (personUse.has(key(pid))) v('person_double_booked', pid, `${pid} is in ${personUse.get(key(pid))} and ${s.id} in slot ${s.slot}`);
      personUse.set(key(pid), s.id);
      const dayKey = `${pid}@${slot.date}`;
      perDay.set(dayKey, (perDay.get(dayKey) ?? 0) + 1);
      if (perDay.get(dayKey)! > inst.people[p]!.maxPerDay)
        v('fatigue_limit', pid, `${pid} has more than ${inst.people[p]!.maxPerDay} sessions on ${slot.date}`);
      const repeatKey = `${pid}@${s.activity}`;
      perAct.set(repeatKey, (perAct.get(repeatKey) ?? 0) + 1);
      if (perAct.get(repeatKey) === 2) v('activity_repeated', pid, `${pid} is invited to ${s.activity} more than once this week`);
      preference += sc / SCORE_SCALE;
      served[p]! += sc / SCORE_SCALE;
      for (const g of model.activityGoals[a]!) if (model.goalsOfPerson[p]!.includes(g)) covered.add(`${p}:${g}`);
    }
  }
  inst.leaders.forEach((leader, l) => {
    if (leaderCount[l]! > leader.maxSessions) v('leader_overloaded', leader.id, `${leaderCount[l]} sessions for at most ${leader.maxSessions}`);
  });
  inst.activities.forEach((act, a) => {
    model.sites.forEach((name, site) => {
      const n = actCount[site * A + a]!;
      if (n > act.maxSessions) v('activity_too_often', act.id, `${n} sessions${name ? ` at ${name}` : ''} for at most ${act.maxSessions}`);
    });
  });

  let leastServed = model.plannableCount > 0 ? Infinity : 0;
  for (let p = 0; p < P; p++) if (model.plannable[p]) leastServed = Math.min(leastServed, served[p]!);
  const w = model.weights;
  const terms: Terms = {
    preference: round3(w.preference * preference),
    coverage: round3(w.coverage * covered.size),
    fairness: round3(w.fairness * leastServed),
  };
  return {
    feasible: violations.length === 0,
    objective: round3(terms.preference + terms.coverage + terms.fairness),
    terms,
    leastServed: round3(leastServed),
    violations,
  };
}
