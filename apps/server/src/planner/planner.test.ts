import { describe, expect, it } from 'vitest';
import { compile } from './compile.js';
import { evaluatePlan, type PlanSession } from './evaluate.js';
import { generateInstance } from './generate.js';
import { InstanceError, parseInstance, type PlanningInstance, type PlanningInstanceInput } from './instance.js';
import { solvePlan } from './solve.js';

const tinyInput = (): PlanningInstanceInput => ({
  format: 'presence.activity-week/1',
  week: '2026-11-30',
  slots: [
    { id: 'am', date: '2026-11-30', start: '10:00', end: '12:00' },
    { id: 'pm', date: '2026-11-30', start: '14:30', end: '16:30' },
  ],
  rooms: [{ id: 'salle', type: 'activity_room', capacity: 3 }],
  leaders: [{ id: 'anim', skills: ['animation'], available: [{ date: '2026-11-30', start: '09:00', end: '18:00' }], maxSessions: 2 }],
  activities: [
    { id: 'A', roomTypes: ['activity_room'], skill: 'animation', groupMin: 2, groupMax: 3, minutes: 60, goalDomains: ['social'] },
    { id: 'B', roomTypes: ['activity_room'], skill: 'animation', groupMin: 2, groupMax: 3, minutes: 60, goalDomains: ['cognition'] },
  ],
  people: [
    { id: 'p1', days: ['mon'], maxPerDay: 2, scores: { A: 1, B: 0.2 } },
    { id: 'p2', days: ['mon'], maxPerDay: 2, scores: { A: 0.9, B: 0.5 } },
    { id: 'p3', days: ['mon'], maxPerDay: 1, goals: ['cognition'], scores: { A: 0.1, B: 0.9 } },
    { id: 'p4', days: ['mon'], maxPerDay: 2, appointments: [{ date: '2026-11-30', start: '15:00', end: '15:30' }], scores: { B: 0.8, A: 0.3 } },
  ],
  weights: { preference: 1, coverage: 0.5, fairness: 1 },
});
const tiny = () => parseInstance(tinyInput());

/** Best objective over every possible plan of a tiny instance (brute force, through the evaluator). */
function bruteForce(inst: PlanningInstance): number {
  const people = inst.people.map((p) => p.id);
  const subsets: string[][] = [];
  for (let mask = 0; mask < 1 << people.length; mask++) subsets.push(people.filter((_, i) => mask & (1 << i)));
  const perSlot = inst.slots.map((slot) => [
    [] as PlanSession[],
    ...inst.activities.flatMap((a) =>
      subsets.map((members) => [{ id: `${slot.id}-${a.id}`, activity: a.id, slot: slot.id, room: 'salle', leader: 'anim', participants: members }]),
    ),
  ]);
  let best = -Infinity;
  const walk = (i: number, acc: PlanSession[]) => {
    if (i === perSlot.length) {
      const e = evaluatePlan(inst, acc);
      if (e.feasible) best = Math.max(best, e.objective);
      return;
    }
    for (const choice of perSlot[i]!) walk(i + 1, [...acc, ...choice]);
  };
  walk(0, []);
  return best;
}

describe('planning instance', () => {
  it('names the bad field of a malformed instance', () => {
    const bad = tinyInput() as { people: { scores: Record<string, number> }[] };
    bad.people[2]!.scores = { A: 0.5, Z: 0.3 };
    expect(() => parseInstance(bad)).toThrow(InstanceError);
    try {
      parseInstance(bad);
    } catch (err) {
      expect((err as InstanceError).field).toBe('people.2.scores.Z');
    }
    const dup = tinyInput() as { rooms: { id: string }[] };
    dup.rooms.push({ ...dup.rooms[0]! });
    expect(() => parseInstance(dup)).toThrow(/rooms\.1\.id: duplicate id 'salle'/);
    expect(() => parseInstance({ ...tinyInput(), slots: [{ id: 'x', date: '2026-11-30', start: '12:00', end: '10:00' }] })).toThrow(/slots\.0\.end/);
    expect(() => parseInstance({ ...tinyInput(), format: 'other' })).toThrow(/^format/);
  });
});

describe('evaluator', () => {
  const inst = tiny();
  const good: PlanSession[] = [
    { id: 'm', activity: 'A', slot: 'am', room: 'salle', leader: 'anim', participants: ['p1', 'p2', 'p4'] },
    { id: 'a', activity: 'B', slot: 'pm', room: 'salle', leader: 'anim', participants: ['p2', 'p3'] },
  ];
  it('computes the objective term by term', () => {
    const e = evaluatePlan(inst, good);
    expect(e.violations).toEqual([]);
    expect(e.terms.preference).toBeCloseTo(1 + 0.9 + 0.3 + 0.5 + 0.9, 6);
    expect(e.terms.coverage).toBeCloseTo(0.5, 6); // p3's cognition goal
    expect(e.leastServed).toBeCloseTo(0.3, 6); // p4
    expect(e.objective).toBeCloseTo(3.6 + 0.5 + 0.3, 6);
  });
  it.each([
    ['person_unavailable', (s: PlanSession[]) => s[1]!.participants.push('p4')],
    ['over_capacity', (s: PlanSession[]) => s[0]!.participants.push('p3')],
    ['under_group_min', (s: PlanSession[]) => (s[1]!.participants = ['p3'])],
    ['leader_double_booked', (s: PlanSession[]) => (s[1]!.slot = 'am')],
    ['unknown_reference', (s: PlanSession[]) => (s[0]!.room = 'jardin')],
    ['activity_repeated', (s: PlanSession[]) => (s[1]!.activity = 'A')],
  ])('reports %s', (code, mutate) => {
    const plan = structuredClone(good);
    mutate(plan);
    const e = evaluatePlan(inst, plan);
    expect(e.feasible).toBe(false);
    expect(e.violations.map((v) => v.code)).toContain(code);
  });
  it('reports the fatigue limit', () => {
    const plan = structuredClone(good);
    plan[0]!.participants = ['p1', 'p3'];
    expect(evaluatePlan(inst, plan).violations.map((v) => v.code)).toContain('fatigue_limit');
  });
});

describe('solver', () => {
  it('finds the brute-force optimum of a tiny week, exactly and heuristically', async () => {
    const inst = tiny();
    const optimum = bruteForce(inst);
    const exact = await solvePlan(inst, { seconds: 5, exact: true });
    expect(exact.feasible).toBe(true);
    expect(exact.status).toBe('optimal');
    expect(exact.objective).toBeCloseTo(optimum, 3);
    expect(exact.bound).toBeCloseTo(optimum, 3);
    expect(exact.gap).toBeLessThan(1e-4);
    const heuristic = await solvePlan(inst, { seconds: 0.3, seed: 3 });
    expect(heuristic.feasible).toBe(true);
    expect(heuristic.objective).toBeCloseTo(optimum, 3);
    expect(heuristic.bound).toBeGreaterThanOrEqual(heuristic.objective);
  });

  it('plans a generated week of 30 people feasibly, the evaluator agreeing with the search, under a proven bound', async () => {
    const inst = generateInstance({ people: 30, seed: 'test' });
    const m = compile(inst);
    const result = await solvePlan(inst, { seconds: 0.5, seed: 1 });
    expect(result.feasible).toBe(true);
    expect(result.violations).toEqual([]);
    expect(result.stats.invited).toBeGreaterThan(25);
    expect(result.objective).toBeLessThanOrEqual(result.bound);
    expect(result.gap).toBeCloseTo((result.bound - result.objective) / result.bound, 5);
    // every participant is eligible and present (checked again here from the instance, not from the evaluator)
    for (const s of result.sessions) for (const p of s.participants) expect(inst.people.find((x) => x.id === p)!.scores[s.activity]).toBeGreaterThan(0);
    expect(m.candidates.length).toBeGreaterThan(0);
    // the exact mode, warm-started, never returns worse than the heuristic it starts from
    const exact = await solvePlan(inst, { seconds: 2, exact: true, seed: 1 });
    expect(exact.feasible).toBe(true);
    expect(exact.bound).toBeGreaterThanOrEqual(exact.objective);
  });

  it('returns an empty plan with the reasons when the week cannot be staffed', async () => {
    const inst = parseInstance({ ...tinyInput(), leaders: [] });
    const result = await solvePlan(inst, { seconds: 0.2 });
    expect(result.feasible).toBe(true);
    expect(result.sessions).toEqual([]);
    expect(result.unmet.filter((u) => u.kind === 'activity').map((u) => [u.id, u.reason])).toEqual([
      ['A', 'no_leader'],
      ['B', 'no_leader'],
    ]);
    expect(result.unmet.filter((u) => u.kind === 'person').every((u) => u.reason === 'no_possible_session')).toBe(true);
    const small = parseInstance({ ...tinyInput(), rooms: [{ id: 'salle', type: 'activity_room', capacity: 1 }] });
    const r2 = await solvePlan(small, { seconds: 0.2 });
    expect(r2.unmet.find((u) => u.id === 'A')?.reason).toBe('no_room');
  });

  it('stops when asked and still returns its best plan', async () => {
    const inst = generateInstance({ people: 40, seed: 'stop' });
    let polls = 0;
    const t0 = performance.now();
    const result = await solvePlan(inst, { seconds: 30, shouldStop: () => ++polls > 50 });
    expect(performance.now() - t0).toBeLessThan(10_000);
    expect(result.feasible).toBe(true);
    expect(result.sessions.length).toBeGreaterThan(0);
  });
});

describe('week template', () => {
  it('plans the week of any date from its Monday, with the outing slot on Wednesday afternoon', async () => {
    const { defaultSlots, mondayOf } = await import('./week-template.js');
    expect(mondayOf('2026-11-29')).toBe('2026-11-23'); // a Sunday
    expect(mondayOf('2026-11-30')).toBe('2026-11-30');
    expect(mondayOf('2024-03-01')).toBe('2024-02-26'); // across a leap day
    const slots = defaultSlots('2026-11-23');
    expect(slots).toHaveLength(15);
    expect(slots.find((s) => s.id === 'mer-pm')).toMatchObject({ date: '2026-11-25', start: '14:00', end: '17:30' });
    expect(slots.filter((s) => s.date === '2026-11-28').map((s) => s.id)).toEqual(['sam-pm']);
  });
});
