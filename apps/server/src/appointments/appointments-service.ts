import type { Appointment, Routine } from '@presence/shared';
import type { z } from 'zod';
import type { appointmentInputSchema, routineInputSchema, slotRequestSchema } from '@presence/shared';
import type { Db } from '../db/db.js';
import type { Actor } from '../http/actor.js';
import type { GuaranteeService } from '../guarantee/guarantee-service.js';
import type { PeopleService } from '../people/people-service.js';
import { appendAudit } from '../audit/audit-service.js';
import { AppError, notFound, validationError } from '../http/errors.js';
import { suggestSlots, SlotRequestError } from '../appointments-core/slots.js';
import { toICalendar, type CalendarEvent } from '../appointments-core/ical.js';
import { addMinutes } from '../appointments-core/time.js';
import { addDays } from '../lib/random.js';
import { busyItems, routinesOf } from './busy.js';
import { isRealLocalTime, toLocal } from './local-time.js';
import {
  conflictsFor,
  findAppointments,
  insertAppointment,
  remindersOf,
  updateAppointment,
  type AppointmentData,
  type AppointmentRow,
} from './appointments-repository.js';
import { cancelReminders } from './reminders.js';
import { APPOINTMENT_SLOTS_KIND, APPOINTMENT_SLOTS_SLUG, type AppointmentSlotsContent } from './appointment-slots-feature.js';
import { APPOINTMENT_MAX_MINUTES } from '@presence/shared';

interface Ctx {
  actor: Actor;
  requestId: string;
}

type Input = z.output<typeof appointmentInputSchema>;
type SlotInput = z.output<typeof slotRequestSchema>;

const KIND_LABELS: Record<Appointment['kind'], string> = {
  consultation: 'Consultation',
  examination: 'Examen',
  dentist: 'Dentiste',
  hairdresser: 'Coiffeur',
  pedicure: 'Pédicure',
  physiotherapy: 'Kinésithérapie',
  family_visit: 'Visite de la famille',
  other: 'Rendez-vous',
};

/** Appointments: booking with conflicts shown, slot suggestions as proposals, reminders, routines, calendars. */
export class AppointmentsService {
  constructor(
    private readonly db: Db,
    private readonly people: PeopleService,
    private readonly guarantee: GuaranteeService,
  ) {}

  private facility(ctx: Ctx): string {
    if (!ctx.actor.facilityId) throw new AppError('forbidden', 'This needs a staff account of a facility');
    return ctx.actor.facilityId;
  }

  async listForPerson(ctx: Ctx, personId: string, from?: string, to?: string): Promise<Appointment[]> {
    const person = await this.people.auditedRead(ctx, personId, 'person.appointments.read', { from, to });
    return this.toDtos(await findAppointments(this.db, { facilityId: person.facilityId, personId, from, to }));
  }

  /** The facility's appointments over a period (the team's agenda). */
  async agenda(ctx: Ctx, from: string, to: string): Promise<Appointment[]> {
    const facilityId = this.facility(ctx);
    if (to < from) throw validationError([{ field: 'to', reason: 'before_from', message: 'The period ends before it starts' }]);
    const rows = await findAppointments(this.db, { facilityId, from, to });
    await appendAudit(this.db, ctx, {
      action: 'appointments.agenda.read',
      outcome: 'allowed',
      targetType: 'facility',
      targetId: facilityId,
      facilityId,
      details: { from, to, people: new Set(rows.map((r) => r.person_id)).size },
    });
    return this.toDtos(rows);
  }

  /** Conflicts of a draft, for the form (nothing written). */
  async check(ctx: Ctx, personId: string, input: Input, appointmentId?: string) {
    await this.people.scopeForWrite(ctx, personId, 'person.appointment.check');
    this.checkTimes(input);
    return { conflicts: await conflictsFor(this.db, personId, input, appointmentId) };
  }

  async create(ctx: Ctx, personId: string, input: Input): Promise<Appointment> {
    const person = await this.people.scopeForWrite(ctx, personId, 'person.appointment.create');
    this.checkTimes(input);
    await this.checkStaff(person.facilityId, input.accompaniedBy);
    const id = await this.db.transaction(async (tx) => {
      const conflicts = await conflictsFor(tx, personId, input);
      this.refuseBlocking(conflicts, input.overrideConflicts);
      const appointmentId = await insertAppointment(tx, { facilityId: person.facilityId, personId, data: dataOf(input), createdBy: ctx.actor.userId });
      await appendAudit(tx, ctx, {
        action: 'person.appointment.create',
        outcome: 'allowed',
        targetType: 'person',
        targetId: personId,
        facilityId: person.facilityId,
        details: { appointmentId, kind: input.kind, start: input.start, conflicts: conflicts.length, override: input.overrideConflicts ?? null },
      });
      return appointmentId;
    });
    return this.one(person.facilityId, id);
  }

  async update(ctx: Ctx, personId: string, id: string, input: Input): Promise<Appointment> {
    const person = await this.people.scopeForWrite(ctx, personId, 'person.appointment.update');
    this.checkTimes(input);
    await this.checkStaff(person.facilityId, input.accompaniedBy);
    await this.db.transaction(async (tx) => {
      const [row] = await findAppointments(tx, { facilityId: person.facilityId, personId, id });
      if (!row) throw notFound('Appointment');
      if (row.status !== 'planned') throw new AppError('conflict', `This appointment is ${row.status === 'done' ? 'done' : 'cancelled'}: it cannot be changed`);
      const conflicts = await conflictsFor(tx, personId, input, id);
      this.refuseBlocking(conflicts, input.overrideConflicts);
      await updateAppointment(tx, id, dataOf(input));
      await appendAudit(tx, ctx, {
        action: 'person.appointment.update',
        outcome: 'allowed',
        targetType: 'person',
        targetId: personId,
        facilityId: person.facilityId,
        details: { appointmentId: id, from: row.start, to: input.start, override: input.overrideConflicts ?? null },
      });
    });
    return this.one(person.facilityId, id);
  }

  async setStatus(ctx: Ctx, personId: string, id: string, status: 'done' | 'cancelled', reason?: string): Promise<Appointment> {
    const person = await this.people.scopeForWrite(ctx, personId, 'person.appointment.status');
    await this.db.transaction(async (tx) => {
      const rows = await tx.query(
        "UPDATE appointment SET status = $3, updated_at = now() WHERE id = $1 AND person_id = $2 AND status = 'planned' RETURNING id",
        [id, personId, status],
      );
      if (!rows.length) throw notFound('Planned appointment');
      await cancelReminders(tx, id);
      await appendAudit(tx, ctx, {
        action: `person.appointment.${status}`,
        outcome: 'allowed',
        targetType: 'person',
        targetId: personId,
        facilityId: person.facilityId,
        details: { appointmentId: id, reason },
      });
    });
    return this.one(person.facilityId, id);
  }

  /** Slot suggestions for a request, as a proposal of the slot assistant; none found → the reasons, and no proposal. */
  async suggest(ctx: Ctx, personId: string, input: SlotInput) {
    const person = await this.people.scopeForWrite(ctx, personId, 'person.appointment.suggest');
    if (!(await this.guarantee.mayPropose(person.facilityId, APPOINTMENT_SLOTS_SLUG, personId))) {
      await this.guarantee.assertEnabled(person.facilityId, APPOINTMENT_SLOTS_SLUG);
      throw new AppError('person_objected', `${person.name} objected to slot suggestions: book the appointment by hand`);
    }
    await this.checkStaff(person.facilityId, input.accompaniedBy);
    const now = toLocal(new Date());
    const busy = await busyItems(this.db, { personId, staffId: input.accompaniedBy, from: input.from, to: input.to });
    let slots;
    try {
      slots = suggestSlots(
        {
          durationMinutes: input.durationMinutes,
          travelMinutes: input.travelMinutes,
          from: input.from,
          to: input.to,
          dayStart: input.dayStart,
          dayEnd: input.dayEnd,
          weekdays: input.weekdays,
          preferred: input.preferred,
          notBefore: now,
        },
        busy,
      );
    } catch (e) {
      if (e instanceof SlotRequestError)
        throw validationError(e.issues.map((i) => ({ field: i.field, reason: i.reason, message: i.reason.replace(/_/g, ' ') })));
      throw e;
    }
    if (!slots.length) return { proposalId: null, suggestions: [] };
    const proposalId = await this.db.transaction(async (tx) => {
      const [req] = await tx.query<{ id: string }>(
        'INSERT INTO appointment_request (facility_id, person_id, request, created_by) VALUES ($1, $2, $3, $4) RETURNING id',
        [person.facilityId, personId, input, ctx.actor.userId],
      );
      const content: AppointmentSlotsContent = { requestId: req!.id, slots: slots.map((s) => ({ start: s.start, end: s.end })), chosen: 0 };
      const p = await this.guarantee.propose(
        {
          facilityId: person.facilityId,
          systemSlug: APPOINTMENT_SLOTS_SLUG,
          kind: APPOINTMENT_SLOTS_KIND,
          personId,
          subject: { type: 'appointment_request', id: req!.id },
          title: `Créneaux pour « ${input.label} » — ${person.name}`,
          content,
          explanation: {
            summary: `${slots.length} créneau${slots.length > 1 ? 'x' : ''} de ${input.durationMinutes} min entre le ${input.from} et le ${input.to}, trajet de ${input.travelMinutes} min compris, sans autre rendez-vous ni indisponibilité de l’accompagnant.`,
            factors: slots.map((s, k) => ({ label: `${k + 1}. ${s.start.replace('T', ' ')}`, detail: s.reasons.join(' ; ') })),
            rule: 'Un créneau qui chevauche un autre rendez-vous de la personne ou de l’accompagnant n’est jamais proposé ; les repas, la sieste et les activités sont évités autant que possible, puis le plus tôt, puis la demi-journée souhaitée.',
          },
          inputs: { request: input, busyItems: busy.length, engine: 'appointment-slots 1.0.0' },
        },
        tx,
      );
      await appendAudit(tx, ctx, {
        action: 'person.appointment.suggest',
        outcome: 'allowed',
        targetType: 'person',
        targetId: personId,
        facilityId: person.facilityId,
        details: { requestId: req!.id, slots: slots.length },
      });
      return p.id;
    });
    return { proposalId, suggestions: slots };
  }

  async routines(ctx: Ctx, personId: string): Promise<Routine[]> {
    await this.people.auditedRead(ctx, personId, 'person.routines.read');
    return routinesOf(this.db, personId);
  }

  async addRoutine(ctx: Ctx, personId: string, input: z.output<typeof routineInputSchema>): Promise<Routine[]> {
    const person = await this.people.scopeForWrite(ctx, personId, 'person.routine.create');
    await this.db.transaction(async (tx) => {
      const [r] = await tx.query<{ id: string }>(
        'INSERT INTO person_routine (facility_id, person_id, label, days, start_time, end_time) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
        [person.facilityId, personId, input.label, input.days, input.start, input.end],
      );
      await appendAudit(tx, ctx, {
        action: 'person.routine.create',
        outcome: 'allowed',
        targetType: 'person',
        targetId: personId,
        facilityId: person.facilityId,
        details: { routineId: r!.id, label: input.label },
      });
    });
    return routinesOf(this.db, personId);
  }

  async removeRoutine(ctx: Ctx, personId: string, routineId: string): Promise<Routine[]> {
    const person = await this.people.scopeForWrite(ctx, personId, 'person.routine.delete');
    await this.db.transaction(async (tx) => {
      const rows = await tx.query('DELETE FROM person_routine WHERE id = $1 AND person_id = $2 RETURNING id', [routineId, personId]);
      if (!rows.length) throw notFound('Routine');
      await appendAudit(tx, ctx, {
        action: 'person.routine.delete',
        outcome: 'allowed',
        targetType: 'person',
        targetId: personId,
        facilityId: person.facilityId,
        details: { routineId },
      });
    });
    return routinesOf(this.db, personId);
  }

  /** Staff members who may accompany a person (the booking form's list). */
  async staff(ctx: Ctx): Promise<{ id: string; name: string; role: string }[]> {
    return this.db.query(
      `SELECT id, first_name || ' ' || last_name AS name, role FROM app_user
        WHERE facility_id = $1 AND active AND role NOT IN ('relative', 'user_representative') ORDER BY last_name, first_name`,
      [this.facility(ctx)],
    );
  }

  /** The facility's reminders (the outbox), newest first: what was sent, what waits, what is stored for lack of a gateway. */
  async reminders(ctx: Ctx, status?: string) {
    const facilityId = this.facility(ctx);
    return this.db.query(
      `SELECT r.id, r.channel, r.recipient, r.address, r.send_at AS "sendAt", r.status, r.attempts, r.last_error AS "lastError", r.sent_at AS "sentAt", r.subject, r.body,
              a.id AS "appointmentId", a.person_id AS "personId", p.first_name || ' ' || p.last_name AS "personName", to_char(a.starts_at, 'YYYY-MM-DD"T"HH24:MI') AS "appointmentStart"
         FROM reminder r JOIN appointment a ON a.id = r.appointment_id JOIN person p ON p.id = a.person_id
        WHERE r.facility_id = $1 AND ($2::text IS NULL OR r.status = $2) ORDER BY r.send_at DESC LIMIT 300`,
      [facilityId, status ?? null],
    );
  }

  /** iCalendar of a person's planned appointments (printing, a relative's calendar). */
  async personCalendar(ctx: Ctx, personId: string): Promise<string> {
    const person = await this.people.auditedRead(ctx, personId, 'person.appointments.read', { ics: true });
    const today = new Date().toISOString().slice(0, 10);
    const rows = await findAppointments(this.db, { facilityId: person.facilityId, personId, from: addDays(today, -31) });
    return toICalendar(
      `Rendez-vous — ${person.name}`,
      rows.filter((r) => r.status !== 'cancelled').map((r) => this.event(r, false)),
    );
  }

  /** iCalendar of the appointments the staff member accompanies. */
  async staffCalendar(ctx: Ctx): Promise<string> {
    const facilityId = this.facility(ctx);
    const today = new Date().toISOString().slice(0, 10);
    const rows = await findAppointments(this.db, { facilityId, staffId: ctx.actor.userId, from: addDays(today, -31) });
    return toICalendar(
      'Mes accompagnements',
      rows.filter((r) => r.status !== 'cancelled').map((r) => this.event(r, true)),
    );
  }

  private event(r: AppointmentRow, forStaff: boolean): CalendarEvent {
    // The event spans the travel: that is the time the person (and the staff member) is away.
    return {
      uid: `appointment-${r.id}@presence`,
      start: addMinutes(r.start, -r.travel_minutes),
      end: addMinutes(r.end, r.travel_minutes),
      title: forStaff ? `Accompagnement : ${r.label} (${r.person_name})` : r.label,
      description: [
        `${KIND_LABELS[r.kind]} de ${r.person_name}, de ${r.start.slice(11)} à ${r.end.slice(11)}.`,
        r.travel_minutes ? `Trajet : ${r.travel_minutes} min (aller et retour compris dans l’événement).` : '',
        r.transport !== 'none' ? `Transport : ${r.transport}.` : '',
        r.staff_name ? `Accompagné par ${r.staff_name}.` : '',
      ]
        .filter(Boolean)
        .join('\n'),
      location: r.location || undefined,
      status: 'CONFIRMED',
      categories: [KIND_LABELS[r.kind]],
    };
  }

  private checkTimes(input: Pick<Input, 'start' | 'end'>): void {
    const issues = [];
    for (const field of ['start', 'end'] as const)
      if (!isRealLocalTime(input[field]))
        issues.push({
          field,
          reason: 'impossible_time',
          message: `${input[field]} is not a real time here (calendar date, or an hour skipped when the clocks go forward)`,
        });
    if (!issues.length) {
      const minutes = (Date.parse(`${input.end}:00Z`) - Date.parse(`${input.start}:00Z`)) / 60_000;
      if (minutes <= 0) issues.push({ field: 'end', reason: 'not_after_start', message: 'An appointment ends after it starts' });
      else if (minutes > APPOINTMENT_MAX_MINUTES)
        issues.push({ field: 'end', reason: 'too_long', message: `An appointment lasts at most ${APPOINTMENT_MAX_MINUTES / 60} hours` });
    }
    if (issues.length) throw validationError(issues);
  }

  private async checkStaff(facilityId: string, staffId: string | null): Promise<void> {
    if (!staffId) return;
    const rows = await this.db.query(
      "SELECT id FROM app_user WHERE id = $1 AND facility_id = $2 AND active AND role NOT IN ('relative', 'user_representative')",
      [staffId, facilityId],
    );
    if (!rows.length) throw validationError([{ field: 'accompaniedBy', reason: 'unknown', message: 'No active staff member of this facility with this id' }]);
  }

  private refuseBlocking(conflicts: { severity: string; message: string }[], override: string | undefined): void {
    const blocking = conflicts.filter((c) => c.severity === 'blocking');
    if (blocking.length && !override)
      throw new AppError(
        'conflict',
        `Blocking conflicts: ${blocking.map((c) => c.message).join(' ; ')}. Choose another time, or give a reason to book anyway (overrideConflicts).`,
        blocking.map((c) => ({ field: 'start', reason: 'conflict', message: c.message })),
      );
  }

  private async one(facilityId: string, id: string): Promise<Appointment> {
    const rows = await findAppointments(this.db, { facilityId, id });
    if (!rows.length) throw notFound('Appointment');
    return (await this.toDtos(rows))[0]!;
  }

  private async toDtos(rows: AppointmentRow[]): Promise<Appointment[]> {
    const ids = rows.map((r) => r.id);
    const reminders = await remindersOf(this.db, ids);
    const labels = await this.guarantee.labelsFor(this.db, 'appointment', ids);
    const out: Appointment[] = [];
    for (const r of rows) {
      const conflicts =
        r.status === 'planned'
          ? await conflictsFor(this.db, r.person_id, { start: r.start, end: r.end, travelMinutes: r.travel_minutes, accompaniedBy: r.accompanied_by }, r.id)
          : [];
      out.push({
        id: r.id,
        personId: r.person_id,
        personName: r.person_name,
        kind: r.kind,
        setting: r.setting,
        label: r.label,
        location: r.location,
        start: r.start,
        end: r.end,
        transport: r.transport,
        travelMinutes: r.travel_minutes,
        accompaniedBy: r.accompanied_by ? { id: r.accompanied_by, name: r.staff_name ?? '' } : null,
        notes: r.notes,
        status: r.status,
        conflicts,
        reminders: reminders.get(r.id) ?? [],
        aiLabel: labels.get(r.id) ?? null,
      });
    }
    return out;
  }
}

function dataOf(i: Input): AppointmentData {
  return {
    kind: i.kind,
    setting: i.setting,
    label: i.label,
    location: i.location,
    start: i.start,
    end: i.end,
    transport: i.transport,
    travelMinutes: i.travelMinutes,
    accompaniedBy: i.accompaniedBy,
    notes: i.notes,
  };
}
