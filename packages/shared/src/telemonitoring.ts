import { z } from 'zod';

export const TM_PROGRAMMES = ['heart_failure', 'hypertension', 'diabetes', 'copd'] as const;
export const TM_PARAMETERS = ['body_weight', 'systolic', 'diastolic', 'heart_rate', 'spo2', 'glucose', 'respiratory_rate', 'body_temperature'] as const;
export const TM_ACTIONS = ['phone_call', 'visit', 'physician_informed', 'emergency_services', 'message'] as const;
export const TM_OUTCOMES = ['confirmed', 'false_alarm', 'no_action_needed'] as const;
/** Deteriorations telemonitoring did not flag in time, recorded for the review panel. */
export const TM_MISSED_KINDS = ['hospitalisation', 'emergency', 'decompensation', 'other'] as const;

const instant = z.iso.datetime({ offset: true });

export const enrolmentInputSchema = z
  .object({
    personId: z.uuid(),
    programme: z.enum(TM_PROGRAMMES),
    consent: z.object({ at: instant, from: z.enum(['person', 'legal_representative']), note: z.string().trim().max(1000).default('') }).strict(),
  })
  .strict();

/** The physician's settings for one person: references (e.g. dry weight) and rule overrides. A new version each time. */
export const tmSettingsInputSchema = z
  .object({
    references: z.partialRecord(z.enum(TM_PARAMETERS), z.number().finite()).default({}),
    overrides: z.array(z.record(z.string(), z.unknown())).max(30).default([]),
    disabled: z.array(z.string().min(1).max(60)).max(30).default([]),
    reason: z.string().trim().min(3).max(500),
  })
  .strict();

export const deviceInputSchema = z.object({ personId: z.uuid(), label: z.string().trim().min(1).max(80) }).strict();

/** The simple JSON batch a device sends. */
export const measurementBatchSchema = z
  .object({
    measurements: z
      .array(z.object({ parameter: z.string(), value: z.unknown(), unit: z.string().optional(), at: z.string() }).strict())
      .min(1)
      .max(1000),
  })
  .strict();

export const manualMeasurementSchema = z.object({ parameter: z.enum(TM_PARAMETERS), value: z.number().finite(), at: instant }).strict();

export const alertActionSchema = z
  .object({
    kind: z.enum(TM_ACTIONS),
    note: z.string().trim().max(2000).default(''),
    /** Time spent with the person (a call, a visit): counted as human contact in the time given back. */
    minutes: z.number().int().min(1).max(480).nullable().default(null),
  })
  .strict();
export const alertCloseSchema = z.object({ outcome: z.enum(TM_OUTCOMES), note: z.string().trim().max(2000).default('') }).strict();

/** Minutes before an alert not acknowledged escalates, per severity. */
export const tmPolicySchema = z
  .object({
    escalationMinutes: z
      .object({
        critical: z.number().int().min(1).max(1440),
        high: z.number().int().min(1).max(2880),
        medium: z.number().int().min(1).max(10080),
        low: z.number().int().min(1).max(20160),
      })
      .strict()
      .refine((m) => m.critical <= m.high && m.high <= m.medium && m.medium <= m.low, {
        message: 'A more severe alert escalates sooner',
        params: { reason: 'order' },
      }),
    /** No new alert of the same rule for a person within this many hours, unless the values get worse. */
    repeatHours: z.number().int().min(0).max(720).default(72),
    /** An alert only when its condition still holds this many minutes later (0: at once). */
    delayMinutes: z.number().int().min(0).max(1440).default(0),
    /** Who is told, outside the app, when an alert escalates (the on-call nurse or physician). */
    notify: z
      .object({
        email: z.email().max(254).nullable().default(null),
        /** A French or international number; stored in E.164. */
        sms: z.string().trim().min(6).max(30).nullable().default(null),
      })
      .strict()
      .default({ email: null, sms: null }),
  })
  .strict();
export const DEFAULT_ESCALATION_MINUTES = { critical: 15, high: 60, medium: 240, low: 1440 } as const;

/** Pause one rule for the alert's person (e.g. a known situation being handled), with the reason. */
export const alertSnoozeSchema = z.object({ hours: z.number().int().min(1).max(168), reason: z.string().trim().min(3).max(500) }).strict();

/** A missed event: when it happened (not in the future), what, the parameter concerned if any, what was found. */
export const missedEventInputSchema = z
  .object({
    occurredAt: z.iso.datetime({ offset: true }),
    kind: z.enum(TM_MISSED_KINDS),
    parameter: z.enum(TM_PARAMETERS).nullable().default(null),
    description: z.string().trim().min(3).max(1000),
  })
  .strict();
