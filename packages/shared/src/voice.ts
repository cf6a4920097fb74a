import { z } from 'zod';

/** Complaints (plaintes et réclamations) and the human-guarantee review panel (collège de garantie humaine). */

export const COMPLAINT_CHANNELS = ['oral', 'letter', 'email', 'phone', 'cvs', 'form', 'other'] as const;
export const COMPLAINANT_KINDS = ['person', 'relative', 'legal_representative', 'staff', 'other'] as const;
export const COMPLAINT_CATEGORIES = ['care', 'relationship', 'ai', 'information', 'rights', 'daily_life', 'other'] as const;
export const COMPLAINT_STATUSES = ['received', 'acknowledged', 'investigating', 'answered', 'closed'] as const;
/** The workflow: where a complaint may go from each status (closing is possible at any point, e.g. withdrawn). */
export const COMPLAINT_NEXT: Readonly<Record<(typeof COMPLAINT_STATUSES)[number], readonly (typeof COMPLAINT_STATUSES)[number][]>> = {
  received: ['acknowledged', 'closed'],
  acknowledged: ['investigating', 'answered', 'closed'],
  investigating: ['answered', 'closed'],
  answered: ['investigating', 'closed'],
  closed: [],
};
/** Days to acknowledge and to answer a complaint, from its receipt. */
export const COMPLAINT_DEADLINES = { acknowledgeDays: 8, answerDays: 60 } as const;

const instant = z.iso.datetime({ offset: true });
const day = z.iso.date();

/** What an AI-related complaint is about: proposals and/or features (register slugs). */
const links = z
  .object({
    proposalIds: z.array(z.uuid()).max(50).default([]),
    systemSlugs: z
      .array(z.string().regex(/^[a-z0-9-]+$/))
      .max(20)
      .default([]),
  })
  .strict()
  .default({ proposalIds: [], systemSlugs: [] });

export const complaintInputSchema = z
  .object({
    personId: z.uuid().nullable().default(null),
    receivedAt: instant,
    channel: z.enum(COMPLAINT_CHANNELS),
    complainantKind: z.enum(COMPLAINANT_KINDS),
    complainantName: z.string().trim().min(1).max(120),
    subject: z.string().trim().min(3).max(200),
    description: z.string().trim().min(3).max(5000),
    category: z.enum(COMPLAINT_CATEGORIES).nullable().default(null),
    aiInvolved: z.boolean().default(false),
    links,
  })
  .strict();

export const complaintQualifySchema = z.object({ category: z.enum(COMPLAINT_CATEGORIES), aiInvolved: z.boolean(), links }).strict();

export const complaintTransitionSchema = z
  .object({
    to: z.enum(['acknowledged', 'investigating', 'answered', 'closed']),
    note: z.string().trim().max(2000).default(''),
    /** The answer given to the complainant: required to move to « answered ». */
    answer: z.string().trim().max(5000).optional(),
  })
  .strict();

export const PANEL_MEMBER_KINDS = ['professional', 'designer', 'user_representative'] as const;
export const PANEL_FINDINGS = ['appropriate', 'problem'] as const;
export const PANEL_PROBLEM_CATEGORIES = [
  'wrong_content',
  'missing_information',
  'bias',
  'explanation_unclear',
  'harm_to_relationship',
  'rights_not_respected',
  'other',
] as const;
export const PANEL_ACTION_KINDS = ['adjust', 'suspend', 'change_rule', 'train_staff', 'other'] as const;
export const PANEL_ACTION_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;
/** Why a proposal is in a sample besides being drawn at random. */
export const PANEL_FLAGS = ['override', 'complaint', 'objection', 'review_request', 'alert_confirmed', 'alert_missed'] as const;

export const panelMemberInputSchema = z
  .object({ name: z.string().trim().min(1).max(120), kind: z.enum(PANEL_MEMBER_KINDS), userId: z.uuid().nullable().default(null) })
  .strict();

export const panelSessionInputSchema = z
  .object({
    heldOn: day,
    title: z.string().trim().min(3).max(200),
    memberIds: z.array(z.uuid()).max(30).default([]),
    notes: z.string().trim().max(5000).default(''),
  })
  .strict();

export const panelSampleInputSchema = z
  .object({
    systemSlug: z.string().regex(/^[a-z0-9-]+$/),
    from: day,
    to: day,
    /** Proposals drawn at random in each stratum (accepted, amended, rejected). */
    perStratum: z.number().int().min(0).max(200).default(5),
    /** Chosen by the server when absent; kept so the sample can be drawn again identically. */
    seed: z.number().int().min(0).max(2_147_483_647).optional(),
  })
  .strict()
  .refine((s) => s.from <= s.to, { message: 'The period ends before it starts', path: ['to'], params: { reason: 'before_start' } });

export const panelFindingSchema = z
  .object({
    finding: z.enum(PANEL_FINDINGS),
    problemCategory: z.enum(PANEL_PROBLEM_CATEGORIES).nullable().default(null),
    comment: z.string().trim().max(2000).default(''),
  })
  .strict()
  .refine((f) => (f.finding === 'problem') === (f.problemCategory !== null), {
    message: 'A problem needs its category; an appropriate item has none',
    path: ['problemCategory'],
    params: { reason: 'category_with_problem' },
  });

export const panelActionInputSchema = z
  .object({
    systemSlug: z
      .string()
      .regex(/^[a-z0-9-]+$/)
      .nullable()
      .default(null),
    kind: z.enum(PANEL_ACTION_KINDS),
    description: z.string().trim().min(3).max(2000),
    ownerName: z.string().trim().min(1).max(120),
    dueOn: day,
  })
  .strict();

export const panelActionUpdateSchema = z.object({ status: z.enum(PANEL_ACTION_STATUSES) }).strict();
