/**
 * What occupies a person (and an accompanying staff member) around a time: the records the conflict checks and the
 * slot suggestions read. Meals are the facility's usual times (DEFAULT_MEALS); routines are the person's own.
 */
import type { Queryable } from '../db/db.js';
import { DEFAULT_MEALS, expandDaily, type BusyItem, type Routine } from '../appointments-core/schedule.js';
import { addMinutes, type Weekday } from '../appointments-core/time.js';

export async function routinesOf(q: Queryable, personId: string): Promise<(Routine & { id: string })[]> {
  const rows = await q.query<{ id: string; label: string; days: Weekday[]; start: string; end: string }>(
    `SELECT id, label, days, to_char(start_time, 'HH24:MI') AS start, to_char(end_time, 'HH24:MI') AS "end" FROM person_routine WHERE person_id = $1 ORDER BY start_time`,
    [personId],
  );
  return rows;
}

/** Busy items of the person (activities they are invited to, other appointments, meals, routines) and of the staff member. */
export async function busyItems(
  q: Queryable,
  o: { personId: string; staffId: string | null; from: string; to: string; excludeAppointment?: string },
): Promise<BusyItem[]> {
  const sessions = await q.query<{ id: string; label: string; start: string; end: string }>(
    `SELECT s.id, a.name AS label, to_char(s.day, 'YYYY-MM-DD') || 'T' || s.start_time AS start, to_char(s.day, 'YYYY-MM-DD') || 'T' || s.end_time AS "end"
       FROM session_invitation i JOIN activity_session s ON s.id = i.session_id JOIN activity a ON a.id = s.activity_id
      WHERE i.person_id = $1 AND s.status = 'planned' AND s.day BETWEEN $2::date AND $3::date`,
    [o.personId, o.from, o.to],
  );
  const appointments = await q.query<{
    id: string;
    label: string;
    start: string;
    end: string;
    travel: number;
    person_id: string;
    accompanied_by: string | null;
  }>(
    `SELECT id, label, to_char(starts_at, 'YYYY-MM-DD"T"HH24:MI') AS start, to_char(ends_at, 'YYYY-MM-DD"T"HH24:MI') AS "end", travel_minutes AS travel, person_id, accompanied_by
       FROM appointment
      WHERE status <> 'cancelled' AND (person_id = $1 OR ($4::uuid IS NOT NULL AND accompanied_by = $4)) AND id IS DISTINCT FROM $5::uuid
        AND starts_at < ($3::date + 2) AND ends_at > ($2::date - 1)`,
    [o.personId, o.from, o.to, o.staffId, o.excludeAppointment ?? null],
  );
  const routines = await routinesOf(q, o.personId);
  const items: BusyItem[] = [
    ...sessions.map((s) => ({
      kind: 'activity' as const,
      label: s.label,
      start: s.start,
      end: s.end,
      who: 'person' as const,
      sourceType: 'activity_session',
      sourceId: s.id,
    })),
    ...expandDaily(DEFAULT_MEALS, routines, o.from, o.to),
  ];
  for (const a of appointments) {
    // An appointment occupies its travel too.
    const span = { start: addMinutes(a.start, -a.travel), end: addMinutes(a.end, a.travel) };
    if (a.person_id === o.personId) items.push({ kind: 'appointment', label: a.label, ...span, who: 'person', sourceType: 'appointment', sourceId: a.id });
    else items.push({ kind: 'staff', label: `accompagne un autre rendez-vous (${a.label})`, ...span, who: 'staff', sourceType: 'appointment', sourceId: a.id });
  }
  return items;
}
