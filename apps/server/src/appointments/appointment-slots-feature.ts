import { z } from 'zod';
import type { GuaranteeService } from '../guarantee/guarantee-service.js';
import { AppError, notFound, validationError } from '../http/errors.js';
import { conflictsFor, insertAppointment, type AppointmentData } from './appointments-repository.js';

export const APPOINTMENT_SLOTS_SLUG = 'appointment-slots';
export const APPOINTMENT_SLOTS_KIND = 'appointment.slots';
export const SLOTS_ENGINE_VERSION = '1.0.0';

const local = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);

/** The slots suggested for one request; the decider chooses one (amend `chosen`), accepting books `slots[chosen]`. */
export const appointmentSlotsContent = z
  .object({
    requestId: z.uuid(),
    slots: z
      .array(z.object({ start: local, end: local }).strict())
      .min(1)
      .max(20),
    chosen: z.number().int().min(0).default(0),
  })
  .strict()
  .refine((c) => c.chosen < c.slots.length, { path: ['chosen'], message: 'Choose one of the slots proposed' });
export type AppointmentSlotsContent = z.output<typeof appointmentSlotsContent>;

export function registerAppointmentSlots(g: GuaranteeService): void {
  g.defineSystem({
    slug: APPOINTMENT_SLOTS_SLUG,
    name: 'Propositions de créneaux de rendez-vous',
    purpose:
      'Proposer des créneaux pour un rendez-vous (consultation, examen, dentiste, coiffeur, visite…) qui évitent les autres rendez-vous, les activités prévues, les repas et les habitudes de la personne (sieste, toilette), en comptant le trajet et la disponibilité du professionnel qui l’accompagne.',
    intendedUsers: ['secretary', 'nurse', 'coordination_nurse', 'head_of_care'],
    dataRead: ['rendez-vous', 'activités prévues', 'habitudes de la journée', 'horaires des repas', 'rendez-vous du professionnel accompagnant'],
    dataNeverRead: ['transmissions', 'diagnostics et traitements', 'évaluations'],
    riskClass: 'minimal',
    riskJustification:
      'Aide à l’organisation : calcule des créneaux libres par des règles explicites ; la prise de rendez-vous reste décidée par un professionnel nommé, qui voit pourquoi chaque créneau est proposé.',
    deciderRoles: ['nurse', 'coordination_nurse', 'head_of_care', 'physician'],
    engineVersion: `appointment-slots ${SLOTS_ENGINE_VERSION}`,
    limits:
      'Ne connaît que ce qui est dans Présence : les disponibilités du cabinet extérieur ne sont pas connues, les créneaux sont à confirmer avec lui. Les repas sont aux heures habituelles de l’établissement.',
    benefits: 'Moins d’allers-retours pour trouver un créneau, et moins de rendez-vous qui font manquer un repas, une sieste ou une activité appréciée.',
    falcSummary: 'Cet outil cherche une heure pour vos rendez-vous. Il évite vos repas et votre sieste. Une personne choisit.',
  });
  g.registerKind<AppointmentSlotsContent>({
    kind: APPOINTMENT_SLOTS_KIND,
    systemSlug: APPOINTMENT_SLOTS_SLUG,
    contentSchema: appointmentSlotsContent,
    async apply(tx, proposal, content, decider) {
      if (content.requestId !== proposal.subjectId)
        throw validationError([
          { field: 'content.requestId', reason: 'not_this_request', message: 'The slots must answer the request they were proposed for' },
        ]);
      const [req] = await tx.query<{ person_id: string; request: AppointmentData & { durationMinutes: number }; appointment_id: string | null }>(
        'SELECT person_id, request, appointment_id FROM appointment_request WHERE id = $1 AND facility_id = $2 FOR UPDATE',
        [content.requestId, proposal.facilityId],
      );
      if (!req) throw notFound('Appointment request');
      if (req.appointment_id) throw new AppError('conflict', 'This request already has its appointment');
      const slot = content.slots[content.chosen]!;
      const minutes = (Date.parse(`${slot.end}:00Z`) - Date.parse(`${slot.start}:00Z`)) / 60_000;
      if (minutes !== req.request.durationMinutes)
        throw validationError([
          { field: `content.slots.${content.chosen}.end`, reason: 'wrong_duration', message: `The appointment lasts ${req.request.durationMinutes} minutes` },
        ]);
      const data: AppointmentData = { ...req.request, start: slot.start, end: slot.end };
      // The calendar may have changed since the proposal: re-check before booking.
      const blocking = (await conflictsFor(tx, req.person_id, data)).filter((c) => c.severity === 'blocking');
      if (blocking.length) throw validationError(blocking.map((c) => ({ field: `content.slots.${content.chosen}`, reason: 'conflict', message: c.message })));
      const id = await insertAppointment(tx, {
        facilityId: proposal.facilityId,
        personId: req.person_id,
        data,
        createdBy: decider?.userId ?? null,
        proposalId: proposal.id,
      });
      await tx.query('UPDATE appointment_request SET appointment_id = $2 WHERE id = $1', [content.requestId, id]);
      return { type: 'appointment', id };
    },
  });
}
