import type { z } from 'zod';
import { ADMIN_TASKS, TEAM_OF_ROLE, TEAMS, type AdminTask, type adminTimingInputSchema, type contactTimeInputSchema, type Team } from '@presence/shared';
import type { Db } from '../db/db.js';
import type { Actor } from '../http/actor.js';
import { appendAudit } from '../audit/audit-service.js';
import { AppError, validationError } from '../http/errors.js';
import { median } from '../lib/stats.js';

interface Ctx {
  actor: Actor;
  requestId: string;
}

const DAY = 86_400_000;
/** Fewer timed pieces of work than this on either side and no saving is estimated for the task. */
export const MIN_TIMINGS = 3;

/** The Monday of an instant's week, in Paris time (the facility's). */
/** The last Sunday of a month at 01:00 UTC: when EU clocks change (since 1996). */
function lastSundayAt1(year: number, month: number): number {
  const last = new Date(Date.UTC(year, month + 1, 0, 1));
  return last.getTime() - last.getUTCDay() * DAY;
}
/**
 * The Monday of an instant's week in Paris time (the facility's), by the EU summer-time rule rather than Intl: the
 * time given back buckets tens of thousands of rows, and formatting each through Intl was most of that work.
 */
export function weekOf(at: Date): string {
  const t = at.getTime();
  const y = at.getUTCFullYear();
  const summer = t >= lastSundayAt1(y, 2) && t < lastSundayAt1(y, 9);
  const local = new Date(t + (summer ? 2 : 1) * 3_600_000);
  const day = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
  return new Date(day - ((local.getUTCDay() + 6) % 7) * DAY).toISOString().slice(0, 10);
}

const minutesBetween = (start: string, end: string) => {
  const [h1, m1] = start.split(':').map(Number);
  const [h2, m2] = end.split(':').map(Number);
  return h2! * 60 + m2! - (h1! * 60 + m1!);
};

type ContactKind = 'session_led' | 'individual_moment' | 'alert_call' | 'alert_visit' | 'family_meeting' | 'other';

interface ContactRow {
  week: string;
  team: Team;
  kind: ContactKind;
  minutes: number | null;
}

/**
 * The time given back: human contact recorded (activity sessions led with someone present, calls and visits after
 * telemonitoring alerts, individual moments and family meetings entered by staff) and administrative work timed in
 * the tool with and without the assistant; per week and team. A saving is an estimate — the median time without the
 * assistant minus the median with it, times the assisted pieces of work — and is shown as such, beside the contact
 * time actually recorded: the figures show whether the two move together, they do not prove that one caused the other.
 */
export class TimeService {
  constructor(private readonly db: Db) {}

  private facility(ctx: Ctx): string {
    if (!ctx.actor.facilityId) throw new AppError('forbidden', 'This needs a staff account of a facility');
    return ctx.actor.facilityId;
  }

  async addContact(ctx: Ctx, input: z.output<typeof contactTimeInputSchema>) {
    const facilityId = this.facility(ctx);
    const at = Date.parse(input.at);
    if (at > Date.now() + 10 * 60_000) throw validationError([{ field: 'at', reason: 'in_the_future', message: 'Time with people is recorded once spent' }]);
    if (at < Date.now() - 60 * DAY) throw validationError([{ field: 'at', reason: 'too_old', message: 'Record time within 60 days' }]);
    return this.db.transaction(async (tx) => {
      if (input.personId) {
        const [p] = await tx.query('SELECT id FROM person WHERE id = $1 AND facility_id = $2', [input.personId, facilityId]);
        if (!p) throw validationError([{ field: 'personId', reason: 'not_in_facility', message: 'This person is not one of your facility’s' }]);
      }
      const [row] = await tx.query<{ id: string }>(
        'INSERT INTO contact_time (facility_id, user_id, person_id, kind, at, minutes, note) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id',
        [facilityId, ctx.actor.userId, input.personId, input.kind, input.at, input.minutes, input.note],
      );
      await appendAudit(tx, ctx, {
        action: 'time.contact.add',
        outcome: 'allowed',
        targetType: input.personId ? 'person' : 'facility',
        targetId: input.personId ?? facilityId,
        facilityId,
        details: { kind: input.kind, minutes: input.minutes },
      });
      return { id: row!.id };
    });
  }

  /** The actor's own entries of the last weeks (their record of time with people). */
  async myContacts(ctx: Ctx) {
    const facilityId = this.facility(ctx);
    const rows = await this.db.query<{ id: string; kind: string; at: Date; minutes: number; note: string; person_name: string | null }>(
      `SELECT c.id, c.kind, c.at, c.minutes, c.note, CASE WHEN p.id IS NULL THEN NULL ELSE p.first_name || ' ' || p.last_name END AS person_name
         FROM contact_time c LEFT JOIN person p ON p.id = c.person_id
        WHERE c.facility_id = $1 AND c.user_id = $2 AND c.at > now() - interval '60 days' ORDER BY c.at DESC LIMIT 100`,
      [facilityId, ctx.actor.userId],
    );
    return rows.map((r) => ({ id: r.id, kind: r.kind, at: r.at.toISOString(), minutes: r.minutes, note: r.note, personName: r.person_name }));
  }

  async addTiming(ctx: Ctx, input: z.output<typeof adminTimingInputSchema>) {
    const facilityId = this.facility(ctx);
    const now = Date.now();
    const started = Date.parse(input.startedAt);
    if (started > now + 60_000) throw validationError([{ field: 'startedAt', reason: 'in_the_future', message: 'The work started in the future' }]);
    if (started < now - 7 * DAY)
      throw validationError([{ field: 'startedAt', reason: 'too_old', message: 'A timing is sent when the work ends, within 7 days' }]);
    if (input.activeSeconds > (now - started) / 1000 + 60)
      throw validationError([{ field: 'activeSeconds', reason: 'longer_than_elapsed', message: 'More active time than time elapsed since the start' }]);
    const [row] = await this.db.query<{ id: string }>(
      `INSERT INTO admin_timing (facility_id, user_id, task, assisted, started_at, finished_at, active_seconds, subject_id)
       VALUES ($1, $2, $3, $4, $5, now(), $6, $7) RETURNING id`,
      [facilityId, ctx.actor.userId, input.task, input.assisted, input.startedAt, input.activeSeconds, input.subjectId],
    );
    return { id: row!.id };
  }

  async summary(ctx: Ctx, from: string, to: string) {
    const facilityId = this.facility(ctx);
    await appendAudit(this.db, ctx, {
      action: 'time.summary',
      outcome: 'allowed',
      targetType: 'facility',
      targetId: facilityId,
      facilityId,
      details: { from, to },
    });
    return this.summaryFor(facilityId, from, to);
  }

  /** Per week and team: contact minutes by kind (and contacts without a duration), admin minutes, estimated saving. */
  async summaryFor(facilityId: string, from: string, to: string) {
    const contacts: ContactRow[] = [];
    const team = (role: string): Team => TEAM_OF_ROLE[role] ?? 'care';
    const sessions = await this.db.query<{ day: string; start_time: string; end_time: string; role: string }>(
      `SELECT s.day::text AS day, s.start_time, s.end_time, u.role FROM activity_session s JOIN app_user u ON u.id = s.leader_id
        WHERE s.facility_id = $1 AND s.status = 'planned' AND s.day BETWEEN $2 AND $3
          AND EXISTS (SELECT 1 FROM session_attendance a WHERE a.session_id = s.id AND a.status = 'present')`,
      [facilityId, from, to],
    );
    for (const s of sessions)
      contacts.push({
        week: weekOf(new Date(`${s.day}T12:00:00Z`)),
        team: team(s.role),
        kind: 'session_led',
        minutes: minutesBetween(s.start_time, s.end_time),
      });
    const actions = await this.db.query<{ kind: string; done_at: Date; minutes: number | null; role: string }>(
      `SELECT ac.kind, ac.done_at, ac.minutes, u.role FROM tm_action ac JOIN tm_alert al ON al.id = ac.alert_id JOIN app_user u ON u.id = ac.done_by
        WHERE al.facility_id = $1 AND ac.kind IN ('phone_call', 'visit') AND ac.done_at >= $2::date AND ac.done_at < $3::date + 1`,
      [facilityId, from, to],
    );
    for (const a of actions)
      contacts.push({ week: weekOf(a.done_at), team: team(a.role), kind: a.kind === 'visit' ? 'alert_visit' : 'alert_call', minutes: a.minutes });
    const entries = await this.db.query<{ kind: ContactKind; at: Date; minutes: number; role: string }>(
      `SELECT c.kind, c.at, c.minutes, u.role FROM contact_time c JOIN app_user u ON u.id = c.user_id
        WHERE c.facility_id = $1 AND c.at >= $2::date AND c.at < $3::date + 1`,
      [facilityId, from, to],
    );
    for (const e of entries) contacts.push({ week: weekOf(e.at), team: team(e.role), kind: e.kind, minutes: e.minutes });

    const timings = await this.db.query<{ task: AdminTask; assisted: boolean; finished_at: Date; active_seconds: number; role: string }>(
      `SELECT t.task, t.assisted, t.finished_at, t.active_seconds, u.role FROM admin_timing t JOIN app_user u ON u.id = t.user_id
        WHERE t.facility_id = $1 AND t.finished_at >= $2::date AND t.finished_at < $3::date + 1`,
      [facilityId, from, to],
    );
    const tasks = ADMIN_TASKS.map((task) => {
      const mine = timings.filter((t) => t.task === task);
      const withA = mine.filter((t) => t.assisted).map((t) => t.active_seconds / 60);
      const without = mine.filter((t) => !t.assisted).map((t) => t.active_seconds / 60);
      const mA = median(withA);
      const mW = median(without);
      const enough = withA.length >= MIN_TIMINGS && without.length >= MIN_TIMINGS;
      return {
        task,
        assisted: { n: withA.length, medianMinutes: round1(mA) },
        unassisted: { n: without.length, medianMinutes: round1(mW) },
        /** Minutes saved per assisted piece of work; null without enough timings on both sides. */
        savedPerPiece: enough ? round1(mW! - mA!) : null,
      };
    });
    const saving = new Map(tasks.map((t) => [t.task, t.savedPerPiece]));

    type Cell = { contact: Record<ContactKind, number>; contactsWithoutDuration: number; contacts: number; adminMinutes: number; savedMinutes: number };
    const weeks = new Map<string, Map<Team, Cell>>();
    const cell = (week: string, t: Team) => {
      let w = weeks.get(week);
      if (!w) weeks.set(week, (w = new Map<Team, Cell>()));
      let c = w.get(t);
      if (!c)
        w.set(
          t,
          (c = {
            contact: { session_led: 0, individual_moment: 0, alert_call: 0, alert_visit: 0, family_meeting: 0, other: 0 },
            contactsWithoutDuration: 0,
            contacts: 0,
            adminMinutes: 0,
            savedMinutes: 0,
          }),
        );
      return c;
    };
    for (const c of contacts) {
      const x = cell(c.week, c.team);
      x.contacts++;
      if (c.minutes === null) x.contactsWithoutDuration++;
      else x.contact[c.kind] += c.minutes;
    }
    for (const t of timings) {
      const x = cell(weekOf(t.finished_at), team(t.role));
      x.adminMinutes += t.active_seconds / 60;
      const s = saving.get(t.task);
      if (t.assisted && s !== null && s !== undefined) x.savedMinutes += s;
    }
    const weekRows = [...weeks.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([week, teams]) => ({
        week,
        teams: TEAMS.filter((t) => teams.has(t)).map((t) => {
          const x = teams.get(t)!;
          const contactMinutes = Object.values(x.contact).reduce((s, m) => s + m, 0);
          return {
            team: t,
            contactMinutes,
            byKind: x.contact,
            contacts: x.contacts,
            contactsWithoutDuration: x.contactsWithoutDuration,
            adminMinutes: Math.round(x.adminMinutes),
            estimatedSavedMinutes: Math.round(x.savedMinutes),
          };
        }),
      }));
    const totals = {
      contactMinutes: weekRows.reduce((s, w) => s + w.teams.reduce((a, t) => a + t.contactMinutes, 0), 0),
      contacts: contacts.length,
      contactsWithoutDuration: contacts.filter((c) => c.minutes === null).length,
      adminMinutes: Math.round(timings.reduce((s, t) => s + t.active_seconds / 60, 0)),
      estimatedSavedMinutes: weekRows.reduce((s, w) => s + w.teams.reduce((a, t) => a + t.estimatedSavedMinutes, 0), 0),
      byKind: Object.fromEntries(
        (['session_led', 'individual_moment', 'alert_call', 'alert_visit', 'family_meeting', 'other'] as const).map((k) => [
          k,
          contacts.filter((c) => c.kind === k).reduce((s, c) => s + (c.minutes ?? 0), 0),
        ]),
      ) as Record<ContactKind, number>,
    };
    return { from, to, tasks, weeks: weekRows, totals, minTimings: MIN_TIMINGS };
  }
}

const round1 = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);
