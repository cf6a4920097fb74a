import { z } from 'zod';
import { WEEKDAYS } from './people.js';

export const APPOINTMENT_KINDS = ['consultation', 'examination', 'dentist', 'hairdresser', 'pedicure', 'physiotherapy', 'family_visit', 'other'] as const;
export const APPOINTMENT_SETTINGS = ['internal', 'external'] as const;
export const TRANSPORTS = ['none', 'ambulance', 'vsl', 'taxi', 'relative', 'facility_vehicle'] as const;
export const APPOINTMENT_STATUSES = ['planned', 'done', 'cancelled'] as const;
/** Longest appointment accepted (a day at hospital for an examination). */
export const APPOINTMENT_MAX_MINUTES = 12 * 60;

/** Local wall-clock time in the facility (Europe/Paris), minute precision: 2026-12-03T10:30. */
const localDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'Expected a local date-time YYYY-MM-DDTHH:MM');
const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Expected a time HH:MM');

const appointmentFields = {
  kind: z.enum(APPOINTMENT_KINDS),
  setting: z.enum(APPOINTMENT_SETTINGS),
  label: z.string().trim().min(1).max(120),
  location: z.string().trim().max(200).default(''),
  transport: z.enum(TRANSPORTS).default('none'),
  /** Each way, minutes. */
  travelMinutes: z.number().int().min(0).max(480).default(0),
  accompaniedBy: z.uuid().nullable().default(null),
  notes: z.string().trim().max(2000).default(''),
};

/** Internal appointments (hairdresser on site, a family visit in the lounge) have no transport and no travel. */
function internalHasNoTravel(a: { setting: string; transport: string; travelMinutes: number }, ctx: z.RefinementCtx) {
  if (a.setting !== 'internal') return;
  if (a.transport !== 'none')
    ctx.addIssue({ code: 'custom', path: ['transport'], message: 'An internal appointment has no transport', params: { reason: 'internal_no_transport' } });
  if (a.travelMinutes !== 0)
    ctx.addIssue({ code: 'custom', path: ['travelMinutes'], message: 'An internal appointment has no travel time', params: { reason: 'internal_no_travel' } });
}

export const appointmentInputSchema = z
  .object({
    ...appointmentFields,
    start: localDateTime,
    end: localDateTime,
    /** Book even with blocking conflicts (another appointment, the accompanying staff member busy): the reason is kept. */
    overrideConflicts: z.string().trim().min(3).max(500).optional(),
  })
  .strict()
  .superRefine(internalHasNoTravel);
export type AppointmentInput = z.input<typeof appointmentInputSchema>;

export const appointmentStatusSchema = z.object({ status: z.enum(['done', 'cancelled']), reason: z.string().trim().max(500).optional() }).strict();

export const appointmentQuerySchema = z.object({ from: z.iso.date().optional(), to: z.iso.date().optional() }).strict();

/** A request for slots: the slot-suggestion proposal answers it, and the decision books the chosen slot. */
export const slotRequestSchema = z
  .object({
    ...appointmentFields,
    durationMinutes: z.number().int().min(5).max(APPOINTMENT_MAX_MINUTES),
    from: z.iso.date(),
    to: z.iso.date(),
    dayStart: timeOfDay.default('09:00'),
    dayEnd: timeOfDay.default('17:00'),
    weekdays: z.array(z.enum(WEEKDAYS)).min(1).max(7).default(['mon', 'tue', 'wed', 'thu', 'fri']),
    preferred: z.enum(['morning', 'afternoon']).nullable().default(null),
  })
  .strict()
  .superRefine(internalHasNoTravel);
export type SlotRequestInput = z.input<typeof slotRequestSchema>;

export const routineInputSchema = z
  .object({
    label: z.string().trim().min(1).max(80),
    days: z.array(z.enum(WEEKDAYS)).min(1).max(7),
    start: timeOfDay,
    end: timeOfDay,
  })
  .strict()
  .refine((r) => r.end > r.start, { path: ['end'], message: 'A routine ends after it starts', params: { reason: 'not_after_start' } });
export type RoutineInput = z.input<typeof routineInputSchema>;

export interface AppointmentConflict {
  kind: 'appointment' | 'activity' | 'meal' | 'routine' | 'staff';
  label: string;
  start: string;
  end: string;
  during: 'travel_out' | 'appointment' | 'travel_back';
  severity: 'blocking' | 'warning';
  overlapMinutes: number;
  message: string;
}

export interface Reminder {
  id: string;
  channel: 'email' | 'sms';
  recipient: string;
  address: string;
  sendAt: string;
  status: 'pending' | 'sent' | 'stored' | 'failed' | 'cancelled';
  attempts: number;
  lastError: string | null;
  sentAt: string | null;
  subject: string;
  body: string;
}

export interface Appointment {
  id: string;
  personId: string;
  personName: string;
  kind: (typeof APPOINTMENT_KINDS)[number];
  setting: (typeof APPOINTMENT_SETTINGS)[number];
  label: string;
  location: string;
  start: string;
  end: string;
  transport: (typeof TRANSPORTS)[number];
  travelMinutes: number;
  accompaniedBy: { id: string; name: string } | null;
  notes: string;
  status: (typeof APPOINTMENT_STATUSES)[number];
  conflicts: AppointmentConflict[];
  reminders: Reminder[];
  /** Set when the slot came from a decided proposal of the slot assistant. */
  aiLabel: import('./guarantee.js').AiLabel | null;
}

export interface Routine {
  id: string;
  label: string;
  days: (typeof WEEKDAYS)[number][];
  start: string;
  end: string;
}
