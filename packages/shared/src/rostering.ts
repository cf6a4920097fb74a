import { z } from 'zod';

/**
 * Staff rostering inputs, shared by the server (validation) and the web app (forms, labels): shift patterns, cover per
 * weekday / shift / qualification, French working-time rules, contracts and staff requests.
 */
export const ROSTER_QUALIFICATIONS = ['IDE', 'AS', 'AES', 'AMP', 'ASH'] as const;
export const ROSTER_REQUEST_KINDS = ['on', 'off', 'leave'] as const;
export type RosterRequestKind = (typeof ROSTER_REQUEST_KINDS)[number];

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM');
export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');

export const careShiftSchema = z
  .object({
    code: z.string().regex(/^[A-Za-z0-9]{1,4}$/, 'must be 1–4 letters or digits'),
    label: z.string().min(1).max(60),
    start: time,
    /** At or before the start: the shift ends the next morning. */
    end: time,
    night: z.boolean(),
  })
  .strict();
export type CareShift = z.output<typeof careShiftSchema>;

export const careRulesSchema = z
  .object({
    minRestHours: z.number().min(0).max(24).default(11),
    maxDayHours: z.number().min(1).max(24).default(12),
    maxWeekHours: z.number().min(1).max(84).default(48),
    maxConsecutiveDays: z.number().int().min(1).max(14).default(6),
    minConsecutiveDaysOff: z.number().int().min(1).max(4).default(2),
    /** Weekends off in every 4 weeks (« 2 week-ends sur 4 »), pro rata over the cycle. */
    weekendsOffPer4Weeks: z.number().int().min(0).max(4).default(2),
    /** How far the hours worked over the cycle may be from the contract's, either way. */
    hoursTolerance: z.number().min(0).max(40).default(7.5),
  })
  .strict();
export type CareRules = z.output<typeof careRulesSchema>;

export const coverageItemSchema = z
  .object({
    /** 0 = Monday … 6 = Sunday. */
    weekday: z.number().int().min(0).max(6),
    shift: z.string().min(1).max(4),
    /** Staff with any of these qualifications count; empty = everyone on the shift. */
    qualifications: z.array(z.string().min(1).max(20)).max(10),
    requirement: z.number().int().min(0).max(100),
  })
  .strict();
export type CoverageItem = z.output<typeof coverageItemSchema>;

/** What the head of care sets for the facility: shift patterns, cover and rules. */
export const rosterSetupSchema = z
  .object({
    shifts: z.array(careShiftSchema).min(1).max(12),
    coverage: z.array(coverageItemSchema).max(500),
    rules: careRulesSchema,
  })
  .strict();
export type RosterSetupInput = z.input<typeof rosterSetupSchema>;

export const rosterContractSchema = z
  .object({
    weeklyHours: z.number().min(0).max(48),
    qualifications: z.array(z.enum(ROSTER_QUALIFICATIONS)).max(5),
    nightStaff: z.boolean(),
    /** false: not rostered. */
    active: z.boolean(),
  })
  .strict();
export type RosterContractInput = z.input<typeof rosterContractSchema>;

export const rosterRequestSchema = z
  .object({
    date: isoDateSchema,
    kind: z.enum(ROSTER_REQUEST_KINDS),
    /** The shift wanted ('on', required) or not wanted ('off'; null = the whole day). Ignored for leave. */
    shift: z.string().min(1).max(4).nullable(),
    /** 1 = would be nice, 2 = important, 3 = very important. */
    weight: z.number().int().min(1).max(3),
    note: z.string().max(300).default(''),
  })
  .strict()
  .refine((r) => r.kind !== 'on' || r.shift !== null, { path: ['shift'], message: 'required to ask for a shift' });
export type RosterRequestInput = z.input<typeof rosterRequestSchema>;

export const rosterRunSchema = z
  .object({
    start: isoDateSchema,
    weeks: z.number().int().min(1).max(8).default(4),
    seconds: z.number().min(0.5).max(300).default(10),
  })
  .strict();

/** Per staff id, one shift code or null (off) per day of the period. */
export const rosterAssignmentsSchema = z.record(z.string().min(1).max(120), z.array(z.string().min(1).max(4).nullable()).max(56));
export type RosterAssignments = z.output<typeof rosterAssignmentsSchema>;
