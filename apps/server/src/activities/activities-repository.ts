import type { ActivityWrite } from '@presence/shared';
import type { Queryable } from '../db/db.js';
import type { CatalogueActivity } from './catalogue.js';

interface ActivityRow {
  id: string;
  key: string;
  name: string;
  description: string;
  category: CatalogueActivity['category'];
  tags: string[];
  goal_domains: string[];
  required_capacities: CatalogueActivity['requiredCapacities'];
  contraindications: string[];
  group_min: number;
  group_max: number;
  duration_minutes: number;
  room_type: CatalogueActivity['roomType'];
  leader_skill: CatalogueActivity['leaderSkill'];
  materials: string[];
}

export type StoredActivity = CatalogueActivity & { id: string };

const toActivity = (r: ActivityRow): StoredActivity => ({
  id: r.id,
  key: r.key,
  name: r.name,
  description: r.description,
  category: r.category,
  tags: r.tags,
  goalDomains: r.goal_domains,
  requiredCapacities: r.required_capacities,
  contraindications: r.contraindications,
  groupMin: r.group_min,
  groupMax: r.group_max,
  durationMinutes: r.duration_minutes,
  roomType: r.room_type,
  leaderSkill: r.leader_skill,
  materials: r.materials,
});

/** Adds the shipped activities a facility does not have yet; never overwrites a leader's edits. */
export async function ensureCatalogue(q: Queryable, catalogue: readonly CatalogueActivity[]): Promise<void> {
  const facilities = await q.query<{ id: string }>('SELECT id FROM facility');
  for (const f of facilities)
    for (const a of catalogue)
      await q.query(
        `INSERT INTO activity (facility_id, key, name, description, category, tags, goal_domains, required_capacities, contraindications, group_min, group_max, duration_minutes, room_type, leader_skill, materials, active)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) ON CONFLICT (facility_id, key) DO NOTHING`,
        [f.id, a.key, ...writeValues({ ...a, active: true })],
      );
}

export async function listActivities(q: Queryable, facilityId: string): Promise<StoredActivity[]> {
  const rows = await q.query<ActivityRow>('SELECT * FROM activity WHERE facility_id = $1 AND active ORDER BY category, name', [facilityId]);
  return rows.map(toActivity);
}

export async function activityIdsByKey(q: Queryable, facilityId: string, keys: string[]): Promise<Map<string, string>> {
  const rows = await q.query<{ id: string; key: string }>('SELECT id, key FROM activity WHERE facility_id = $1 AND active AND key = ANY($2::text[])', [
    facilityId,
    keys,
  ]);
  return new Map(rows.map((r) => [r.key, r.id]));
}

export async function replaceSuggestions(
  q: Queryable,
  personId: string,
  proposalId: string,
  items: { activityId: string; rank: number; reasons: string[] }[],
): Promise<string> {
  await q.query('UPDATE activity_suggestion_set SET replaced_at = now() WHERE person_id = $1 AND replaced_at IS NULL', [personId]);
  const [set] = await q.query<{ id: string }>('INSERT INTO activity_suggestion_set (person_id, proposal_id) VALUES ($1, $2) RETURNING id', [
    personId,
    proposalId,
  ]);
  for (const it of items)
    await q.query('INSERT INTO activity_suggestion (set_id, rank, activity_id, reasons) VALUES ($1, $2, $3, $4)', [
      set!.id,
      it.rank,
      it.activityId,
      it.reasons,
    ]);
  return set!.id;
}

export async function currentSuggestions(q: Queryable, personId: string) {
  const [set] = await q.query<{ id: string; created_at: Date }>(
    'SELECT id, created_at FROM activity_suggestion_set WHERE person_id = $1 AND replaced_at IS NULL',
    [personId],
  );
  if (!set) return null;
  const items = await q.query<ActivityRow & { rank: number; reasons: string[] }>(
    'SELECT a.*, s.rank, s.reasons FROM activity_suggestion s JOIN activity a ON a.id = s.activity_id WHERE s.set_id = $1 ORDER BY s.rank',
    [set.id],
  );
  return { setId: set.id, createdAt: set.created_at.toISOString(), items: items.map((r) => ({ rank: r.rank, reasons: r.reasons, activity: toActivity(r) })) };
}

export async function contraindicationsOf(q: Queryable, personId: string): Promise<string[]> {
  const [row] = await q.query<{ contraindications: string[] }>('SELECT contraindications FROM person_profile WHERE person_id = $1', [personId]);
  return row?.contraindications ?? [];
}

/** Past attendance per activity (sessions attended, declined, mean engagement): the recommender's revealed preferences. */
export async function attendanceHistory(
  q: Queryable,
  personId: string,
): Promise<{ activityKey: string; attended: number; declined: number; meanEngagement: number | null }[]> {
  const rows = await q.query<{ key: string; attended: number; declined: number; mean: number | null }>(
    `SELECT act.key, count(*) FILTER (WHERE a.status = 'present')::int AS attended, count(*) FILTER (WHERE a.status = 'declined')::int AS declined,
            avg(a.engagement)::float AS mean
       FROM session_attendance a JOIN activity_session s ON s.id = a.session_id JOIN activity act ON act.id = s.activity_id
      WHERE a.person_id = $1 GROUP BY act.key ORDER BY act.key`,
    [personId],
  );
  return rows.map((r) => ({ activityKey: r.key, attended: r.attended, declined: r.declined, meanEngagement: r.mean }));
}

export type { ActivityWrite };

function writeValues(a: Omit<ActivityWrite, 'goalDomains'> & { goalDomains: readonly string[] }): unknown[] {
  return [
    a.name,
    a.description,
    a.category,
    a.tags,
    a.goalDomains,
    JSON.stringify(a.requiredCapacities),
    a.contraindications,
    a.groupMin,
    a.groupMax,
    a.durationMinutes,
    a.roomType,
    a.leaderSkill,
    a.materials,
    a.active,
  ];
}

/** The whole catalogue of a facility, retired activities included (for the leaders' catalogue page). */
export async function listAllActivities(q: Queryable, facilityId: string): Promise<(StoredActivity & { active: boolean })[]> {
  const rows = await q.query<ActivityRow & { active: boolean }>('SELECT * FROM activity WHERE facility_id = $1 ORDER BY category, name', [facilityId]);
  return rows.map((r) => ({ ...toActivity(r), active: r.active }));
}

export async function updateActivity(q: Queryable, facilityId: string, id: string, a: ActivityWrite): Promise<boolean> {
  const rows = await q.query<{ id: string }>(
    `UPDATE activity SET name = $3, description = $4, category = $5, tags = $6, goal_domains = $7, required_capacities = $8, contraindications = $9,
            group_min = $10, group_max = $11, duration_minutes = $12, room_type = $13, leader_skill = $14, materials = $15, active = $16, updated_at = now()
      WHERE facility_id = $1 AND id = $2 RETURNING id`,
    [facilityId, id, ...writeValues(a)],
  );
  return rows.length === 1;
}

export async function createActivity(q: Queryable, facilityId: string, key: string, a: ActivityWrite): Promise<string> {
  const [row] = await q.query<{ id: string }>(
    `INSERT INTO activity (facility_id, key, name, description, category, tags, goal_domains, required_capacities, contraindications, group_min, group_max, duration_minutes, room_type, leader_skill, materials, active)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id`,
    [facilityId, key, ...writeValues(a)],
  );
  return row!.id;
}

export async function keyTaken(q: Queryable, facilityId: string, key: string): Promise<boolean> {
  return (await q.query('SELECT 1 FROM activity WHERE facility_id = $1 AND key = $2', [facilityId, key])).length > 0;
}
