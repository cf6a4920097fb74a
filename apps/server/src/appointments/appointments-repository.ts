import type { Appointment, AppointmentConflict, Reminder } from '@presence/shared';
import type { Queryable } from '../db/db.js';
import { findConflicts } from '../appointments-core/schedule.js';
import { addDays } from '../lib/random.js';
import { busyItems } from './busy.js';
import { planReminders } from './reminders.js';

export interface AppointmentData {
  kind: Appointment['kind'];
  setting: Appointment['setting'];
  label: string;
  location: string;
  start: string;
  end: string;
  transport: Appointment['transport'];
  travelMinutes: number;
  accompaniedBy: string | null;
  notes: string;
}

/** Conflicts of an appointment (travel included) with the person's and the accompanying staff member's other commitments. */
export async function conflictsFor(
  q: Queryable,
  personId: string,
  a: Pick<AppointmentData, 'start' | 'end' | 'travelMinutes' | 'accompaniedBy'>,
  excludeAppointment?: string,
): Promise<AppointmentConflict[]> {
  const busy = await busyItems(q, {
    personId,
    staffId: a.accompaniedBy,
    from: addDays(a.start.slice(0, 10), -1),
    to: addDays(a.end.slice(0, 10), 1),
    excludeAppointment,
  });
  return findConflicts({ start: a.start, end: a.end, travelMinutes: a.travelMinutes }, busy).map((c) => ({
    kind: c.kind,
    label: c.label,
    start: c.start,
    end: c.end,
    during: c.during,
    severity: c.severity,
    overlapMinutes: c.overlapMinutes,
    message: c.message,
  }));
}

/** Writes an appointment and its reminders. */
export async function insertAppointment(
  q: Queryable,
  o: { facilityId: string; personId: string; data: AppointmentData; createdBy: string | null; proposalId?: string },
): Promise<string> {
  const d = o.data;
  const [row] = await q.query<{ id: string }>(
    `INSERT INTO appointment (facility_id, person_id, starts_at, ends_at, label, kind, setting, location, transport, travel_minutes, accompanied_by, notes, created_by, proposal_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
    [
      o.facilityId,
      o.personId,
      d.start,
      d.end,
      d.label,
      d.kind,
      d.setting,
      d.location,
      d.transport,
      d.travelMinutes,
      d.accompaniedBy,
      d.notes,
      o.createdBy,
      o.proposalId ?? null,
    ],
  );
  await remind(q, row!.id);
  return row!.id;
}

export async function updateAppointment(q: Queryable, id: string, d: AppointmentData): Promise<void> {
  await q.query(
    `UPDATE appointment SET starts_at = $2, ends_at = $3, label = $4, kind = $5, setting = $6, location = $7, transport = $8, travel_minutes = $9,
            accompanied_by = $10, notes = $11, updated_at = now() WHERE id = $1`,
    [id, d.start, d.end, d.label, d.kind, d.setting, d.location, d.transport, d.travelMinutes, d.accompaniedBy, d.notes],
  );
  await remind(q, id);
}

async function remind(q: Queryable, id: string): Promise<void> {
  const [a] = await q.query<AppointmentRow & { facility_name: string }>(
    `${SELECT} , f.name AS facility_name FROM appointment a ${JOINS} JOIN facility f ON f.id = a.facility_id WHERE a.id = $1`,
    [id],
  );
  if (!a || a.status !== 'planned') return;
  await planReminders(q, {
    id: a.id,
    facilityId: a.facility_id,
    personId: a.person_id,
    personName: a.person_name,
    facilityName: a.facility_name,
    label: a.label,
    location: a.location,
    start: a.start,
    setting: a.setting,
    transport: a.transport,
    travelMinutes: a.travel_minutes,
    accompaniedBy: a.accompanied_by,
  });
}

export interface AppointmentRow {
  id: string;
  facility_id: string;
  person_id: string;
  person_name: string;
  kind: Appointment['kind'];
  setting: Appointment['setting'];
  label: string;
  location: string;
  start: string;
  end: string;
  transport: Appointment['transport'];
  travel_minutes: number;
  accompanied_by: string | null;
  staff_name: string | null;
  notes: string;
  status: Appointment['status'];
}

const SELECT = `SELECT a.id, a.facility_id, a.person_id, p.first_name || ' ' || p.last_name AS person_name, a.kind, a.setting, a.label, a.location,
       to_char(a.starts_at, 'YYYY-MM-DD"T"HH24:MI') AS start, to_char(a.ends_at, 'YYYY-MM-DD"T"HH24:MI') AS "end", a.transport, a.travel_minutes,
       a.accompanied_by, CASE WHEN u.id IS NULL THEN NULL ELSE u.first_name || ' ' || u.last_name END AS staff_name, a.notes, a.status`;
const JOINS = 'JOIN person p ON p.id = a.person_id LEFT JOIN app_user u ON u.id = a.accompanied_by';

export async function findAppointments(
  q: Queryable,
  where: { facilityId: string; personId?: string; staffId?: string; id?: string; from?: string; to?: string },
): Promise<AppointmentRow[]> {
  return q.query<AppointmentRow>(
    `${SELECT} FROM appointment a ${JOINS}
      WHERE a.facility_id = $1 AND ($2::uuid IS NULL OR a.person_id = $2) AND ($3::uuid IS NULL OR a.accompanied_by = $3) AND ($4::uuid IS NULL OR a.id = $4)
        AND ($5::date IS NULL OR a.ends_at >= $5::date) AND ($6::date IS NULL OR a.starts_at < ($6::date + 1))
      ORDER BY a.starts_at LIMIT 500`,
    [where.facilityId, where.personId ?? null, where.staffId ?? null, where.id ?? null, where.from ?? null, where.to ?? null],
  );
}

export async function remindersOf(q: Queryable, ids: string[]): Promise<Map<string, Reminder[]>> {
  const out = new Map<string, Reminder[]>();
  if (!ids.length) return out;
  const rows = await q.query<{
    id: string;
    appointment_id: string;
    channel: Reminder['channel'];
    recipient: string;
    address: string;
    send_at: Date;
    status: Reminder['status'];
    attempts: number;
    last_error: string | null;
    sent_at: Date | null;
    subject: string;
    body: string;
  }>('SELECT * FROM reminder WHERE appointment_id = ANY($1::uuid[]) ORDER BY send_at', [ids]);
  for (const r of rows)
    out.set(r.appointment_id, [
      ...(out.get(r.appointment_id) ?? []),
      {
        id: r.id,
        channel: r.channel,
        recipient: r.recipient,
        address: r.address,
        sendAt: r.send_at.toISOString(),
        status: r.status,
        attempts: r.attempts,
        lastError: r.last_error,
        sentAt: r.sent_at?.toISOString() ?? null,
        subject: r.subject,
        body: r.body,
      },
    ]);
  return out;
}
