import type { App } from '../app.js';
import { addDays, Random } from '../lib/random.js';
import { careTeamModel } from '../roster/care-team.js';
import { runRoster } from '../roster/run.js';
import { demoActor } from './demo-actor.js';
import { DEMO_EMAIL_DOMAIN, DEMO_TODAY } from './generate.js';

/**
 * On first start, for the nursing home: roster contracts for the care team (nurses, care workers, service agents; four
 * care workers on nights), a few requests and leave, the four weeks from this Monday solved and published by the head
 * of care, and the next four weeks solved and waiting for her decision.
 */
export async function seedDemoRostering(app: App): Promise<{ staff: number; shifts: number }> {
  const { db, services } = app;
  const rng = new Random('demo-rostering');
  const cadre = await demoActor(db, `cadre@${DEMO_EMAIL_DOMAIN}`);
  const facilityId = cadre.actor.facilityId!;
  const team = await db.query<{ id: string; role: string; qualification: string | null; email: string }>(
    `SELECT id, role, qualification, email FROM app_user
      WHERE facility_id = $1 AND active AND role IN ('nurse', 'care_assistant') ORDER BY email`,
    [facilityId],
  );
  // Night staff: four care workers (never the demo account aide-soignante@, so her roster shows day shifts).
  const careWorkers = team.filter((u) => u.role === 'care_assistant' && u.qualification !== 'ASH' && !u.email.startsWith('aide-soignante@'));
  const night = new Set(careWorkers.slice(-4).map((u) => u.id));
  for (const u of team) {
    const q = u.role === 'nurse' ? 'IDE' : (u.qualification ?? 'AS');
    const hours = rng.next() < 0.2 ? 28 : 35;
    await db.query(
      'INSERT INTO roster_contract (user_id, facility_id, weekly_minutes, qualifications, night_staff) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING',
      [u.id, facilityId, hours * 60, [q], night.has(u.id)],
    );
  }
  // Requests and leave over the eight weeks.
  for (const u of team) {
    if (rng.next() < 0.15) {
      const from = rng.int(0, 50);
      for (let d = from; d < from + 5; d++)
        await db.query(
          "INSERT INTO roster_request (facility_id, user_id, day, kind, note, status, decided_by) VALUES ($1, $2, $3, 'leave', 'Congés', 'approved', $4)",
          [facilityId, u.id, addDays(DEMO_TODAY, d), cadre.actor.userId],
        );
      continue;
    }
    for (let k = 0; k < 2; k++) {
      const day = addDays(DEMO_TODAY, rng.int(1, 55));
      const off = rng.next() < 0.75;
      await db.query('INSERT INTO roster_request (facility_id, user_id, day, kind, shift, weight, note) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
        facilityId,
        u.id,
        day,
        off ? 'off' : 'on',
        off ? null : night.has(u.id) ? 'N' : rng.pick(['M', 'S']),
        rng.int(1, 3),
        off ? 'Rendez-vous personnel' : '',
      ]);
    }
  }
  let shifts = 0;
  for (const [i, start] of [DEMO_TODAY, addDays(DEMO_TODAY, 28)].entries()) {
    const setting = await services.rostering.buildSetting(facilityId, start, 4);
    const result = await runRoster(careTeamModel(setting), { engine: 'solver', seconds: 2, seed: 1 }).result;
    const { proposalId } = await services.rostering.recordRun(cadre, facilityId, setting, result);
    if (i === 0) {
      await services.guarantee.decide(cadre, proposalId, { decision: 'accept' });
      const [n] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM roster_shift WHERE facility_id = $1', [facilityId]);
      shifts = n!.n;
    }
  }
  return { staff: team.length, shifts };
}
