import type { App } from '../app.js';
import { demoActor } from './demo-actor.js';
import { UNIT_ROOMS } from '../planner/generate.js';
import { solvePlan } from '../planner/solve.js';
import { Random, addDays } from '../lib/random.js';
import { DEMO_TODAY } from './generate.js';

/** [name, type, capacity] per facility kind. */
const ROOMS: Record<string, [string, string, number][]> = {
  ehpad: UNIT_ROOMS,
  day_care: [
    ['Salle commune', 'activity_room', 14],
    ['Salon', 'living_room', 8],
    ['Cuisine', 'kitchen', 6],
    ['Jardin', 'garden', 10],
    ['Minibus (sorties)', 'outdoor', 8],
  ],
};
const SKILLS = [
  { skills: ['animation', 'art', 'music', 'cooking', 'sensory'], weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'] },
  { skills: ['animation', 'art', 'cooking', 'physical'], weekdays: ['tue', 'wed', 'thu', 'fri', 'sat'] },
];

/**
 * On first start: rooms and leaders' hours for every facility, a few appointments, last week's plan published with its
 * attendance recorded (so the recommender has revealed preferences and the time-with-people figure has data), and this
 * week's plan waiting for the activity leader's decision.
 */
export async function seedDemoPlanning(app: App): Promise<{ sessions: number; attendance: number }> {
  const { db, services } = app;
  const rng = new Random('demo-planning');
  const facilities = await db.query<{ id: string; kind: string }>('SELECT id, kind FROM facility ORDER BY name');
  for (const f of facilities) {
    for (const [name, type, capacity] of ROOMS[f.kind] ?? [])
      await db.query('INSERT INTO room (facility_id, name, type, capacity) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [f.id, name, type, capacity]);
    const leaders = await db.query<{ id: string }>("SELECT id FROM app_user WHERE facility_id = $1 AND role = 'activity_leader' AND active ORDER BY email", [
      f.id,
    ]);
    for (const [i, l] of leaders.entries()) {
      const p = SKILLS[i % SKILLS.length]!;
      await db.query(
        "INSERT INTO leader_profile (user_id, facility_id, skills, weekdays, day_start, day_end, max_sessions) VALUES ($1, $2, $3, $4, '09:30', '17:30', 12) ON CONFLICT DO NOTHING",
        [l.id, f.id, p.skills, p.weekdays],
      );
    }
  }
  const leader = await demoActor(db, 'animatrice@demo.presence.fr');
  const director = await demoActor(db, 'directrice@demo.presence.fr');
  const facilityId = leader.actor.facilityId!;
  const planner = (await services.guarantee.listSystems(director)).find((s) => s.slug === 'activity-planner');
  if (planner)
    await services.guarantee.updateSystem(director, planner.id, {
      ownerUserId: leader.actor.userId,
      reason: 'Mise en service : l’animatrice est responsable de la fonction.',
    });

  // A few medical appointments this week.
  const people = await db.query<{ id: string }>("SELECT id FROM person WHERE facility_id = $1 AND status = 'active' ORDER BY last_name, first_name LIMIT 20", [
    facilityId,
  ]);
  for (const [i, p] of people.entries()) {
    if (i % 3 !== 0) continue;
    const day = addDays(DEMO_TODAY, rng.int(0, 4));
    const hour = rng.pick([10, 11, 14, 15]);
    await db.query(
      "INSERT INTO appointment (facility_id, person_id, starts_at, ends_at, label, kind, setting) VALUES ($1, $2, $3, $4, 'Consultation du médecin traitant', 'consultation', 'internal')",
      [facilityId, p.id, `${day} ${hour}:00`, `${day} ${hour}:45`],
    );
  }

  // Last week: planned, published, attended.
  const lastWeek = addDays(DEMO_TODAY, -7);
  const past = await services.planning.buildInstance(facilityId, lastWeek);
  const pastResult = await solvePlan(past.instance, { seconds: 1, seed: 1 });
  const pastRun = await services.planning.recordRun(leader, facilityId, past.instance, pastResult, past.objectedToPlanner);
  await services.guarantee.decide(leader, pastRun.proposalId, { decision: 'accept' });
  const sessions = await services.planning.sessions(leader, lastWeek);
  let attendance = 0;
  for (const s of sessions) {
    const records = s.participants.map((p) => {
      const r = rng.next();
      const status = r < 0.8 ? ('present' as const) : r < 0.9 ? ('absent' as const) : ('declined' as const);
      return {
        personId: p.personId,
        status,
        engagement: status === 'present' ? rng.pick([1, 2, 2, 3, 3]) : null,
        moodBefore: status === 'present' ? rng.int(2, 4) : null,
        moodAfter: status === 'present' ? rng.int(3, 5) : null,
        note: status === 'declined' ? 'Préférait se reposer.' : null,
      };
    });
    if (records.length) await services.planning.recordAttendance(leader, s.id, records);
    attendance += records.length;
  }
  // This week: proposed, waiting for the activity leader.
  const current = await services.planning.buildInstance(facilityId, DEMO_TODAY);
  const result = await solvePlan(current.instance, { seconds: 1, seed: 1 });
  await services.planning.recordRun(leader, facilityId, current.instance, result, current.objectedToPlanner);
  return { sessions: sessions.length, attendance };
}
