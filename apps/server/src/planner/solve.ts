/**
 * Solve a weekly planning instance: heuristic (any size) or exact (HiGHS, warm-started by the heuristic), always
 * checked by the independent evaluator, with a proven bound and the parts of the week that could not be met explained.
 */
import { aggregateBound, combinatorialBound } from './bound.js';
import { compile, type Model } from './compile.js';
import { evaluatePlan, round3, sessionIdOf, type PlanAssignment, type PlanSession, type Terms, type Violation } from './evaluate.js';
import { solveExact } from './exact.js';
import { runHeuristic, type HeuristicSession } from './heuristic.js';
import type { PlanningInstance } from './instance.js';

export interface SolveOptions {
  seconds: number;
  exact?: boolean;
  seed?: number;
  onProgress?: (p: SolveProgress) => void;
  shouldStop?: () => boolean;
}
export interface SolveProgress {
  phase: 'heuristic' | 'exact' | 'done';
  elapsedSeconds: number;
  best: number | null;
  bound: number | null;
}
export interface Unmet {
  kind: 'person' | 'activity';
  id: string;
  /** no_attendance | no_proposed_activity | no_possible_session | not_placed | too_long | no_room | no_leader | too_few_people */
  reason: string;
  message: string;
}
export interface PlanResult {
  feasible: boolean;
  objective: number;
  bound: number;
  gap: number;
  seconds: number;
  mode: 'heuristic' | 'exact';
  /** optimal (HiGHS proved it) | time_limit | interrupted | heuristic */
  status: string;
  secondsToBest: number;
  terms: Terms;
  sessions: PlanSession[];
  assignments: PlanAssignment[];
  unmet: Unmet[];
  violations: Violation[];
  stats: { people: number; invited: number; invitations: number; candidates: number; iterations?: number; columns?: number; rows?: number };
}

export function toPlanSessions(m: Model, sessions: HeuristicSession[]): PlanSession[] {
  const { inst } = m;
  return [...sessions]
    .sort((x, y) => x.t - y.t || x.a - y.a)
    .map((s) => {
      const ids = { activity: inst.activities[s.a]!.id, slot: inst.slots[s.t]!.id, room: inst.rooms[s.r]!.id };
      return { id: sessionIdOf(ids), ...ids, leader: inst.leaders[s.l]!.id, participants: s.members.map((p) => inst.people[p]!.id).sort() };
    });
}

export function explainUnmet(m: Model, sessions: PlanSession[]): Unmet[] {
  const { inst, P, A, T } = m;
  const unmet: Unmet[] = [];
  const invited = new Set(sessions.flatMap((s) => s.participants));
  const reachable = new Uint8Array(A);
  for (const c of m.candidates) reachable[c.a] = 1;
  for (let p = 0; p < P; p++) {
    const person = inst.people[p]!;
    if (invited.has(person.id)) continue;
    let present = false;
    for (let t = 0; t < T; t++) if (m.personSlot[p * T + t]) present = true;
    const proposed = Object.keys(person.scores).length > 0;
    if (!present)
      unmet.push({
        kind: 'person',
        id: person.id,
        reason: 'no_attendance',
        message: 'not present in any slot of the week (attendance days, appointments or fatigue limit 0)',
      });
    else if (!proposed)
      unmet.push({
        kind: 'person',
        id: person.id,
        reason: 'no_proposed_activity',
        message: 'no activity is proposed to this person (no recommendation scores)',
      });
    else if (!m.plannable[p])
      unmet.push({
        kind: 'person',
        id: person.id,
        reason: 'no_possible_session',
        message: 'none of the activities proposed can take place when the person is there (room, leader, duration or group size)',
      });
    else unmet.push({ kind: 'person', id: person.id, reason: 'not_placed', message: 'no place left in the sessions the person could join' });
  }
  const wanted = new Set(inst.people.flatMap((p) => Object.keys(p.scores)));
  inst.activities.forEach((act, a) => {
    if (!wanted.has(act.id) || reachable[a]) return;
    const long = inst.slots.some((s) => {
      const len = Number(s.end.slice(0, 2)) * 60 + Number(s.end.slice(3)) - Number(s.start.slice(0, 2)) * 60 - Number(s.start.slice(3));
      return len >= act.minutes;
    });
    const room = inst.rooms.some((r) => act.roomTypes.includes(r.type) && Math.min(r.capacity, act.groupMax) >= act.groupMin);
    const leader = inst.leaders.some((l) => (act.skill === 'none' || l.skills.includes(act.skill)) && l.available.length > 0 && l.maxSessions > 0);
    if (!long) unmet.push({ kind: 'activity', id: act.id, reason: 'too_long', message: `no slot is ${act.minutes} minutes long` });
    else if (!room)
      unmet.push({ kind: 'activity', id: act.id, reason: 'no_room', message: `no room of type ${act.roomTypes.join(' or ')} holds ${act.groupMin} people` });
    else if (!leader) unmet.push({ kind: 'activity', id: act.id, reason: 'no_leader', message: `no available leader has the skill '${act.skill}'` });
    else
      unmet.push({
        kind: 'activity',
        id: act.id,
        reason: 'too_few_people',
        message: `fewer than ${act.groupMin} interested people are there when a skilled leader and a room are free`,
      });
  });
  return unmet;
}

export async function solvePlan(inst: PlanningInstance, opts: SolveOptions): Promise<PlanResult> {
  const started = performance.now();
  const m = compile(inst);
  const elapsed = () => (performance.now() - started) / 1000;
  const heuristicSeconds = opts.exact ? Math.min(1, opts.seconds * 0.1) : opts.seconds;
  const cheapBound = combinatorialBound(m);
  const h = runHeuristic(m, {
    seconds: heuristicSeconds,
    seed: opts.seed,
    target: cheapBound,
    shouldStop: opts.shouldStop,
    onProgress: (best, s) => opts.onProgress?.({ phase: 'heuristic', elapsedSeconds: s, best, bound: cheapBound }),
  });
  let sessions = h.sessions;
  let bound = cheapBound;
  let status = 'heuristic';
  let secondsToBest = h.secondsToBest;
  let exactStats: { columns: number; rows: number } | undefined;
  if (opts.exact && !opts.shouldStop?.()) {
    const e = await solveExact(m, {
      seconds: Math.max(0.1, opts.seconds - elapsed()),
      start: sessions,
      shouldStop: opts.shouldStop,
      onProgress: (best, b, s) => opts.onProgress?.({ phase: 'exact', elapsedSeconds: heuristicSeconds + s, best, bound: b }),
    });
    exactStats = { columns: e.columns, rows: e.rows };
    status = e.status;
    if (e.bound !== null) bound = Math.min(bound, e.bound);
    if (e.sessions && e.objective !== null && e.objective > h.objective + 1e-9) {
      sessions = e.sessions;
      secondsToBest = elapsed();
    }
  }
  if (!opts.shouldStop?.()) {
    const lp = await aggregateBound(m);
    if (lp !== null) bound = Math.min(bound, lp);
  }
  const planSessions = toPlanSessions(m, sessions);
  const evaluation = evaluatePlan(inst, planSessions, m);
  const objective = evaluation.objective;
  bound = round3(bound);
  if (bound < objective && objective - bound <= 0.002) bound = objective; // rounding of HiGHS' dual bound, not a weaker plan
  const assignments = planSessions.flatMap((s) => s.participants.map((person) => ({ person, session: s.id })));
  return {
    feasible: evaluation.feasible,
    objective,
    bound,
    gap: bound > 0 ? Math.round(((bound - objective) / bound) * 1e6) / 1e6 : 0,
    seconds: round3(elapsed()),
    mode: opts.exact ? 'exact' : 'heuristic',
    status,
    secondsToBest: round3(secondsToBest),
    terms: evaluation.terms,
    sessions: planSessions,
    assignments,
    unmet: explainUnmet(m, planSessions),
    violations: evaluation.violations,
    stats: {
      people: m.P,
      invited: new Set(assignments.map((x) => x.person)).size,
      invitations: assignments.length,
      candidates: m.candidates.length,
      iterations: h.iterations,
      ...exactStats,
    },
  };
}
