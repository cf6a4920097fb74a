import { z } from 'zod';

/** The assessment scales the product computes by fixed rules (apps/server/src/scores; docs/assessments.md). */
export const ASSESSMENT_SCALES = ['aggir', 'news2', 'braden', 'mna-sf', 'mini-gds', 'gds-15'] as const;
export type AssessmentScale = (typeof ASSESSMENT_SCALES)[number];

/**
 * Recording an assessment: the scale's own input, checked by the scale (unknown keys are refused, naming the key),
 * its options (e.g. a Braden threshold), when it was done, and the due assessment it answers if any.
 */
export const assessmentInputSchema = z
  .object({
    scale: z.enum(ASSESSMENT_SCALES),
    input: z.record(z.string(), z.unknown()),
    options: z.record(z.string(), z.unknown()).default({}),
    assessedAt: z.iso.datetime({ offset: true }).optional(),
    /** The assessment the team agreed was due (from a decided proposal), closed by this one. */
    dueId: z.uuid().optional(),
    comment: z.string().trim().max(2000).default(''),
  })
  .strict();
export type AssessmentInput = z.input<typeof assessmentInputSchema>;

export const assessmentComputeSchema = assessmentInputSchema.pick({ scale: true, input: true, options: true });

export const assessmentQuerySchema = z
  .object({
    scale: z.enum(ASSESSMENT_SCALES).optional(),
  })
  .strict();

/** Closing a due assessment or action without a scale (e.g. a team review, a weighing). */
export const dueCloseSchema = z.object({ note: z.string().trim().min(3).max(1000) }).strict();

export interface Assessment {
  id: string;
  personId: string;
  scale: AssessmentScale;
  scaleVersion: string;
  input: Record<string, unknown>;
  options: Record<string, unknown>;
  result: Record<string, unknown>;
  /** One line in French, e.g. « GIR 3 (rang 8) ». */
  summary: string;
  assessedAt: string;
  assessedBy: { id: string; name: string };
  comment: string;
}

export interface AssessmentDue {
  id: string;
  kind: string;
  rule: string;
  reason: string;
  dueBy: string;
  proposalId: string;
  createdAt: string;
  doneAt: string | null;
  assessmentId: string | null;
  doneNote: string | null;
}

export interface ScaleDefinition {
  id: AssessmentScale;
  label: string;
  version: string;
  options: string[];
  /** What the form needs: variables, items, ranges (as the scale module exports them). */
  form: Record<string, unknown>;
}
