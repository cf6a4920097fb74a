import { z } from 'zod';

const trimmed = (max: number) => z.string().trim().min(1).max(max);
const isoDate = z.iso.date();

export const SEXES = ['F', 'M'] as const;
export const PERSON_STATUSES = ['active', 'temporarily_absent', 'discharged', 'deceased'] as const;
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const CAPACITY_DOMAINS = ['mobility', 'vision', 'hearing', 'cognition'] as const;
/** 0 = no difficulty, 1 = mild, 2 = moderate, 3 = severe. */
export const CAPACITY_LEVELS = [0, 1, 2, 3] as const;
export const CONTACT_RELATIONSHIPS = ['child', 'spouse', 'sibling', 'grandchild', 'niece_nephew', 'friend', 'guardian', 'other'] as const;
export const PLAN_AGREEMENTS = ['pending', 'agreed', 'partially_agreed', 'refused'] as const;
export const GOAL_STATUSES = ['open', 'achieved', 'dropped'] as const;
export const GOAL_DOMAINS = ['autonomy', 'social', 'health', 'wellbeing', 'cognition', 'mobility', 'nutrition', 'family'] as const;

/** INS: the NIR-based national health identity, 13 digits + 2-digit key (Corsica: 2A/2B). */
export const insSchema = z
  .string()
  .trim()
  .regex(/^[12][0-9]{4}(?:[0-9]{2}|2A|2B)[0-9]{6}[0-9]{2}$/, 'INS must be 15 characters: 13 digits (2A/2B allowed for Corsica) and a 2-digit key');

export const personInputSchema = z
  .object({
    facilityId: z.uuid().optional(),
    firstName: trimmed(80),
    lastName: trimmed(80),
    birthName: trimmed(80).nullish(),
    birthDate: isoDate,
    sex: z.enum(SEXES),
    ins: insSchema.nullish(),
    room: trimmed(20).nullish(),
    address: trimmed(300).nullish(),
    attendanceDays: z.array(z.enum(WEEKDAYS)).max(7).default([]),
    status: z.enum(PERSON_STATUSES).default('active'),
    admissionDate: isoDate,
  })
  .strict()
  .superRefine((p, ctx) => {
    const today = new Date().toISOString().slice(0, 10);
    if (p.birthDate > today)
      ctx.addIssue({ code: 'custom', path: ['birthDate'], message: 'Birth date cannot be in the future', params: { reason: 'in_future' } });
    if (p.birthDate < '1900-01-01')
      ctx.addIssue({ code: 'custom', path: ['birthDate'], message: 'Birth date must be after 1900-01-01', params: { reason: 'too_old' } });
    if (p.admissionDate < p.birthDate)
      ctx.addIssue({ code: 'custom', path: ['admissionDate'], message: 'Admission date cannot be before birth date', params: { reason: 'before_birth' } });
    if (new Set(p.attendanceDays).size !== p.attendanceDays.length)
      ctx.addIssue({ code: 'custom', path: ['attendanceDays'], message: 'Attendance days must not repeat', params: { reason: 'duplicate' } });
  });
export type PersonInput = z.input<typeof personInputSchema>;

/** A partial update: every field optional, same rules. */
export const personPatchSchema = z
  .object({
    firstName: trimmed(80),
    lastName: trimmed(80),
    birthName: trimmed(80).nullable(),
    birthDate: isoDate,
    sex: z.enum(SEXES),
    ins: insSchema.nullable(),
    room: trimmed(20).nullable(),
    address: trimmed(300).nullable(),
    attendanceDays: z.array(z.enum(WEEKDAYS)).max(7),
    status: z.enum(PERSON_STATUSES),
    admissionDate: isoDate,
  })
  .partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, { message: 'At least one field is required' });
export type PersonPatch = z.input<typeof personPatchSchema>;

export const profileInputSchema = z
  .object({
    lifeStory: z.string().trim().max(10000),
    interests: z.array(trimmed(60)).max(50),
    habits: z.string().trim().max(4000),
    dislikes: z.array(trimmed(60)).max(50),
    languages: z.array(trimmed(40)).max(10),
  })
  .partial()
  .strict();
export type ProfileInput = z.input<typeof profileInputSchema>;

export const capacityInputSchema = z
  .object({
    domain: z.enum(CAPACITY_DOMAINS),
    level: z.number().int().min(0).max(3),
    note: z.string().trim().max(500).nullish(),
    assessedOn: isoDate,
  })
  .strict();
export type CapacityInput = z.input<typeof capacityInputSchema>;

export const contactInputSchema = z
  .object({
    firstName: trimmed(80),
    lastName: trimmed(80),
    relationship: z.enum(CONTACT_RELATIONSHIPS),
    phone: z
      .string()
      .trim()
      .regex(/^(?:\+33\s?[1-9]|0[1-9])(?:[\s.-]?\d{2}){4}$/, 'Phone must be a French number, e.g. 06 12 34 56 78')
      .nullish(),
    email: z.email().nullish(),
    isLegalRepresentative: z.boolean().default(false),
    isTrustedPerson: z.boolean().default(false),
  })
  .strict();
export type ContactInput = z.input<typeof contactInputSchema>;

export const goalInputSchema = z
  .object({
    title: trimmed(200),
    description: z.string().trim().max(2000).nullish(),
    domain: z.enum(GOAL_DOMAINS),
    targetDate: isoDate.nullish(),
    status: z.enum(GOAL_STATUSES).default('open'),
  })
  .strict();
export type GoalInput = z.input<typeof goalInputSchema>;

export const carePlanInputSchema = z
  .object({
    startDate: isoDate,
    reviewDate: isoDate,
    personAgreement: z.enum(PLAN_AGREEMENTS).default('pending'),
    agreementNote: z.string().trim().max(2000).nullish(),
    goals: z.array(goalInputSchema).max(30).default([]),
  })
  .strict()
  .refine((p) => p.reviewDate > p.startDate, { path: ['reviewDate'], message: 'Review date must be after start date' });
export type CarePlanInput = z.input<typeof carePlanInputSchema>;

export const PEOPLE_SORT_FIELDS = ['lastName', 'firstName', 'birthDate', 'admissionDate', 'room'] as const;
export const peopleQuerySchema = z
  .object({
    q: z.string().trim().max(100).optional(),
    facilityId: z.uuid().optional(),
    status: z.enum(PERSON_STATUSES).optional(),
    sort: z.enum(PEOPLE_SORT_FIELDS).default('lastName'),
    order: z.enum(['asc', 'desc']).default('asc'),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();
export type PeopleQuery = z.input<typeof peopleQuerySchema>;

export interface PersonSummary {
  id: string;
  facilityId: string;
  facilityName: string;
  firstName: string;
  lastName: string;
  birthDate: string;
  age: number;
  sex: (typeof SEXES)[number];
  room: string | null;
  status: (typeof PERSON_STATUSES)[number];
  attendanceDays: (typeof WEEKDAYS)[number][];
}

export interface Capacity {
  id: string;
  domain: (typeof CAPACITY_DOMAINS)[number];
  level: number;
  note: string | null;
  assessedOn: string;
}

export interface Contact {
  id: string;
  firstName: string;
  lastName: string;
  relationship: (typeof CONTACT_RELATIONSHIPS)[number];
  phone: string | null;
  email: string | null;
  isLegalRepresentative: boolean;
  isTrustedPerson: boolean;
  hasAccount: boolean;
}

export interface Goal {
  id: string;
  /** Set when the goal came from an AI proposal: shown as "Proposé par l'IA · validé par …". */
  aiLabel: import('./guarantee.js').AiLabel | null;
  title: string;
  description: string | null;
  domain: (typeof GOAL_DOMAINS)[number];
  targetDate: string | null;
  status: (typeof GOAL_STATUSES)[number];
}

export interface CarePlan {
  id: string;
  status: 'active' | 'archived';
  startDate: string;
  reviewDate: string;
  personAgreement: (typeof PLAN_AGREEMENTS)[number];
  agreementNote: string | null;
  goals: Goal[];
  createdAt: string;
}

export interface PersonDetail extends PersonSummary {
  birthName: string | null;
  ins: string | null;
  address: string | null;
  admissionDate: string;
  version: number;
  profile: {
    lifeStory: string;
    interests: string[];
    habits: string;
    dislikes: string[];
    languages: string[];
    updatedAt: string | null;
  };
  /** Latest assessment per domain first; full history ordered by date, newest first. */
  capacities: Capacity[];
  contacts: Contact[];
  carePlan: CarePlan | null;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}
