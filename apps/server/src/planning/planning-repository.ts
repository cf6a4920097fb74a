import type { LeaderInput, RoomInput } from '@presence/shared';
import type { Queryable } from '../db/db.js';
import type { PersonForRecommendation } from '../activities/recommender.js';

export interface RoomRow {
  id: string;
  name: string;
  type: string;
  capacity: number;
}
export interface LeaderRow {
  user_id: string;
  first_name: string;
  last_name: string;
  skills: string[];
  weekdays: string[];
  day_start: string;
  day_end: string;
  max_sessions: number;
}

/** Active rooms (the planner's), or all of them with their active flag (the setup page's). */
export const rooms = (q: Queryable, facilityId: string, includeInactive = false) =>
  q.query<RoomRow & { active: boolean }>(
    `SELECT id, name, type, capacity, active FROM room WHERE facility_id = $1 ${includeInactive ? '' : 'AND active'} ORDER BY name`,
    [facilityId],
  );

export type { RoomInput };
export async function saveRoom(q: Queryable, facilityId: string, id: string | null, r: RoomInput): Promise<string | null> {
  const rows = id
    ? await q.query<{ id: string }>('UPDATE room SET name = $3, type = $4, capacity = $5, active = $6 WHERE id = $1 AND facility_id = $2 RETURNING id', [
        id,
        facilityId,
        r.name,
        r.type,
        r.capacity,
        r.active,
      ])
    : await q.query<{ id: string }>('INSERT INTO room (facility_id, name, type, capacity, active) VALUES ($1, $2, $3, $4, $5) RETURNING id', [
        facilityId,
        r.name,
        r.type,
        r.capacity,
        r.active,
      ]);
  return rows[0]?.id ?? null;
}

export type { LeaderInput };
export async function saveLeader(q: Queryable, facilityId: string, userId: string, l: LeaderInput): Promise<void> {
  await q.query(
    `INSERT INTO leader_profile (user_id, facility_id, skills, weekdays, day_start, day_end, max_sessions) VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (user_id) DO UPDATE SET skills = EXCLUDED.skills, weekdays = EXCLUDED.weekdays, day_start = EXCLUDED.day_start, day_end = EXCLUDED.day_end, max_sessions = EXCLUDED.max_sessions`,
    [userId, facilityId, l.skills, l.weekdays, l.start, l.end, l.maxSessions],
  );
}
export async function removeLeader(q: Queryable, facilityId: string, userId: string): Promise<boolean> {
  return (await q.query('DELETE FROM leader_profile WHERE user_id = $1 AND facility_id = $2 RETURNING user_id', [userId, facilityId])).length === 1;
}

export const leaders = (q: Queryable, facilityId: string) =>
  q.query<LeaderRow>(
    `SELECT l.user_id, u.first_name, u.last_name, l.skills, l.weekdays, l.day_start, l.day_end, l.max_sessions
       FROM leader_profile l JOIN app_user u ON u.id = l.user_id
      WHERE l.facility_id = $1 AND u.active ORDER BY u.last_name, u.first_name`,
    [facilityId],
  );

export interface PlanningPerson extends PersonForRecommendation {
  firstName: string;
  lastName: string;
  attendanceDays: string[];
  appointments: { date: string; start: string; end: string }[];
}

/** Everything the planner and the recommender read about the active people of a facility, in a few queries. */
export async function planningPeople(q: Queryable, facilityId: string, week: string, weekEnd: string): Promise<PlanningPerson[]> {
  const people = await q.query<{
    id: string;
    first_name: string;
    last_name: string;
    attendance_days: string[];
    life_story: string | null;
    interests: string[] | null;
    dislikes: string[] | null;
    contraindications: string[] | null;
  }>(
    `SELECT p.id, p.first_name, p.last_name, p.attendance_days, pr.life_story, pr.interests, pr.dislikes, pr.contraindications
       FROM person p LEFT JOIN person_profile pr ON pr.person_id = p.id
      WHERE p.facility_id = $1 AND p.status = 'active' ORDER BY p.last_name, p.first_name, p.id`,
    [facilityId],
  );
  const caps = await q.query<{ person_id: string; domain: string; level: number }>(
    `SELECT DISTINCT ON (c.person_id, c.domain) c.person_id, c.domain, c.level
       FROM capacity_assessment c JOIN person p ON p.id = c.person_id
      WHERE p.facility_id = $1 ORDER BY c.person_id, c.domain, c.assessed_on DESC, c.created_at DESC`,
    [facilityId],
  );
  const goals = await q.query<{ person_id: string; id: string; title: string; domain: string }>(
    `SELECT cp.person_id, g.id, g.title, g.domain FROM goal g JOIN care_plan cp ON cp.id = g.care_plan_id JOIN person p ON p.id = cp.person_id
      WHERE p.facility_id = $1 AND cp.status = 'active' AND g.status = 'open' ORDER BY g.position`,
    [facilityId],
  );
  const history = await q.query<{ person_id: string; key: string; attended: number; declined: number; mean: number | null }>(
    `SELECT a.person_id, act.key,
            count(*) FILTER (WHERE a.status = 'present')::int AS attended,
            count(*) FILTER (WHERE a.status = 'declined')::int AS declined,
            avg(a.engagement)::float AS mean
       FROM session_attendance a JOIN activity_session s ON s.id = a.session_id JOIN activity act ON act.id = s.activity_id
      WHERE s.facility_id = $1 GROUP BY a.person_id, act.key`,
    [facilityId],
  );
  const appts = await q.query<{ person_id: string; day: string; start: string; end: string }>(
    `SELECT a.person_id, to_char(a.starts_at, 'YYYY-MM-DD') AS day, to_char(a.starts_at, 'HH24:MI') AS start,
            CASE WHEN a.ends_at::date > a.starts_at::date THEN '23:59' ELSE to_char(a.ends_at, 'HH24:MI') END AS "end"
       FROM appointment a WHERE a.facility_id = $1 AND a.starts_at < ($3::date + 1) AND a.ends_at > $2::date`,
    [facilityId, week, weekEnd],
  );
  const group = <T extends { person_id: string }>(rows: T[]) => {
    const m = new Map<string, T[]>();
    for (const r of rows) (m.get(r.person_id) ?? m.set(r.person_id, []).get(r.person_id)!).push(r);
    return m;
  };
  const capsBy = group(caps);
  const goalsBy = group(goals);
  const historyBy = group(history);
  const apptsBy = group(appts);
  return people.map((p) => ({
    id: p.id,
    firstName: p.first_name,
    lastName: p.last_name,
    attendanceDays: p.attendance_days,
    interests: p.interests ?? [],
    dislikes: p.dislikes ?? [],
    lifeStory: p.life_story ?? '',
    contraindications: p.contraindications ?? [],
    capacities: Object.fromEntries((capsBy.get(p.id) ?? []).map((c) => [c.domain, Number(c.level)])),
    openGoals: (goalsBy.get(p.id) ?? []).map((g) => ({ id: g.id, title: g.title, domain: g.domain })),
    history: (historyBy.get(p.id) ?? []).map((h) => ({ activityKey: h.key, attended: h.attended, declined: h.declined, meanEngagement: h.mean })),
    appointments: (apptsBy.get(p.id) ?? []).map((a) => ({ date: a.day, start: a.start, end: a.end })),
  }));
}
