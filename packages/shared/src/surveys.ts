import { z } from 'zod';

/**
 * Perception surveys of residents, relatives and staff about AI-assisted care, and the time given back to people.
 * The questionnaire templates ship with the product (French; FALC wording for residents) and are versioned: a
 * campaign keeps the template version it was run with, so results stay comparable over time.
 */

export const SURVEY_AUDIENCES = ['residents', 'relatives', 'staff'] as const;
export type SurveyAudience = (typeof SURVEY_AUDIENCES)[number];
/** What each Likert item measures; results over time are given per dimension. */
export const SURVEY_DIMENSIONS = ['listened', 'time', 'trust', 'understanding', 'object'] as const;
export type SurveyDimension = (typeof SURVEY_DIMENSIONS)[number];
export const SURVEY_CHANNELS = ['tablet', 'web', 'paper'] as const;

export interface SurveyQuestion {
  id: string;
  kind: 'likert' | 'open';
  /** Standard French wording. */
  text: string;
  /** Easy-to-read (FALC) wording, shown to residents. */
  falc?: string;
  dimension?: SurveyDimension;
}

export interface SurveyTemplate {
  slug: string;
  version: string;
  audience: SurveyAudience;
  title: string;
  /** Likert points: 3 (non / un peu / oui) in FALC, 5 otherwise. */
  scale: 3 | 5;
  /** Labels of the points, from the least to the most favourable. */
  labels: readonly string[];
  questions: readonly SurveyQuestion[];
}

const FIVE = ['Pas du tout d’accord', 'Plutôt pas d’accord', 'Ni d’accord ni pas d’accord', 'Plutôt d’accord', 'Tout à fait d’accord'] as const;

export const SURVEY_TEMPLATES: readonly SurveyTemplate[] = [
  {
    slug: 'residents-falc',
    version: '1',
    audience: 'residents',
    title: 'Votre avis sur votre accompagnement',
    scale: 3,
    labels: ['Non', 'Un peu', 'Oui'],
    questions: [
      {
        id: 'listened',
        kind: 'likert',
        dimension: 'listened',
        text: 'Les professionnels vous écoutent quand vous parlez.',
        falc: 'Les professionnels m’écoutent.',
      },
      {
        id: 'time',
        kind: 'likert',
        dimension: 'time',
        text: 'Les professionnels ont du temps à vous consacrer.',
        falc: 'Les professionnels ont du temps pour moi.',
      },
      {
        id: 'understanding',
        kind: 'likert',
        dimension: 'understanding',
        text: 'Vous savez que des outils informatiques aident les professionnels à préparer des propositions.',
        falc: 'Je sais qu’un ordinateur aide les professionnels à préparer des idées pour moi.',
      },
      {
        id: 'trust',
        kind: 'likert',
        dimension: 'trust',
        text: 'Vous avez confiance dans les décisions prises pour vous avec l’aide de ces outils.',
        falc: 'J’ai confiance dans les décisions prises pour moi.',
      },
      {
        id: 'object',
        kind: 'likert',
        dimension: 'object',
        text: 'Vous savez que vous pouvez refuser une proposition et demander qu’une personne la revoie.',
        falc: 'Je sais que je peux dire non à une idée de l’ordinateur.',
      },
      { id: 'wish', kind: 'open', text: 'Qu’est-ce qui vous ferait plaisir ou qui vous manque ?', falc: 'Qu’est-ce qui me ferait plaisir ?' },
    ],
  },
  {
    slug: 'relatives',
    version: '1',
    audience: 'relatives',
    title: 'L’avis des proches sur l’accompagnement',
    scale: 5,
    labels: FIVE,
    questions: [
      { id: 'listened', kind: 'likert', dimension: 'listened', text: 'Je me sens écouté·e par l’équipe quand je parle de mon proche.' },
      { id: 'time', kind: 'likert', dimension: 'time', text: 'Les professionnels passent assez de temps avec mon proche.' },
      {
        id: 'understanding',
        kind: 'likert',
        dimension: 'understanding',
        text: 'Je comprends comment des outils d’intelligence artificielle sont utilisés dans l’accompagnement de mon proche.',
      },
      { id: 'trust', kind: 'likert', dimension: 'trust', text: 'J’ai confiance dans les décisions prises avec l’aide de ces outils.' },
      {
        id: 'object',
        kind: 'likert',
        dimension: 'object',
        text: 'Je sais comment m’opposer à une proposition ou demander qu’un professionnel la réexamine.',
      },
      { id: 'change', kind: 'open', text: 'Qu’est-ce qui a changé, en mieux ou en moins bien, dans l’accompagnement de votre proche ?' },
      { id: 'suggestion', kind: 'open', text: 'Avez-vous une suggestion ?' },
    ],
  },
  {
    slug: 'staff',
    version: '1',
    audience: 'staff',
    title: 'L’avis des professionnels sur les outils d’IA',
    scale: 5,
    labels: FIVE,
    questions: [
      { id: 'time', kind: 'likert', dimension: 'time', text: 'Les outils d’IA me laissent plus de temps auprès des personnes accompagnées.' },
      {
        id: 'listened',
        kind: 'likert',
        dimension: 'listened',
        text: 'Ma relation avec les personnes accompagnées est au moins aussi bonne qu’avant ces outils.',
      },
      { id: 'trust', kind: 'likert', dimension: 'trust', text: 'Je fais confiance aux propositions de l’IA une fois que je les ai vérifiées.' },
      { id: 'understanding', kind: 'likert', dimension: 'understanding', text: 'Je comprends comment les propositions sont construites et leurs limites.' },
      { id: 'object', kind: 'likert', dimension: 'object', text: 'Je me sens libre de refuser ou de modifier une proposition de l’IA.' },
      { id: 'gain', kind: 'open', text: 'Qu’est-ce que ces outils vous ont fait gagner ou perdre ?' },
      { id: 'disagree', kind: 'open', text: 'Racontez une situation où vous n’étiez pas d’accord avec une proposition.' },
    ],
  },
];

export function surveyTemplate(slug: string, version?: string): SurveyTemplate | undefined {
  return SURVEY_TEMPLATES.find((t) => t.slug === slug && (version === undefined || t.version === version));
}

/** The share of favourable answers: the top point of a 3-point scale, the top two of a 5-point one. */
export function isFavourable(value: number, scale: 3 | 5): boolean {
  return scale === 3 ? value === 3 : value >= 4;
}

const day = z.iso.date();
const slug = z.string().regex(/^[a-z0-9-]+$/);

export const surveyCampaignInputSchema = z
  .object({
    templateSlug: slug,
    title: z.string().trim().min(3).max(200),
    opensOn: day,
    closesOn: day,
    anonymous: z.boolean().default(true),
    /** Days after the opening when those who have not answered are reminded. */
    reminderDays: z.array(z.number().int().min(1).max(90)).max(5).default([]),
  })
  .strict()
  .refine((c) => c.opensOn <= c.closesOn, { message: 'The campaign closes before it opens', path: ['closesOn'], params: { reason: 'before_start' } });

/** One answer per question: a Likert point (1 = least favourable) or a text. Questions left out were not answered. */
export const surveyResponseInputSchema = z
  .object({
    channel: z.enum(SURVEY_CHANNELS),
    /** Named campaigns only: the resident (personId) or the relative / staff member (userId) who answered. */
    respondent: z.object({ personId: z.uuid().optional(), userId: z.uuid().optional() }).strict().nullable().default(null),
    answers: z.record(z.string().regex(/^[a-z0-9_-]{1,40}$/), z.union([z.number().int(), z.string().trim().max(2000)])),
  })
  .strict();

/** Checks answers against a template: unknown questions, Likert points out of the scale, texts where a point is due. */
export function answerIssues(template: SurveyTemplate, answers: Record<string, number | string>): { field: string; reason: string; message: string }[] {
  const issues: { field: string; reason: string; message: string }[] = [];
  let given = 0;
  for (const [id, value] of Object.entries(answers)) {
    const q = template.questions.find((x) => x.id === id);
    const field = `answers.${id}`;
    if (!q) issues.push({ field, reason: 'unknown_question', message: 'This question is not in the questionnaire' });
    else if (q.kind === 'likert') {
      if (typeof value !== 'number') issues.push({ field, reason: 'not_a_point', message: `Expected a point between 1 and ${template.scale}` });
      else if (value < 1 || value > template.scale) issues.push({ field, reason: 'out_of_range', message: `Expected a point between 1 and ${template.scale}` });
      else given++;
    } else if (typeof value !== 'string') issues.push({ field, reason: 'not_a_text', message: 'Expected a text' });
    else if (value !== '') given++;
  }
  if (!issues.length && given === 0) issues.push({ field: 'answers', reason: 'empty', message: 'At least one question must be answered' });
  return issues;
}

export const surveyThemeInputSchema = z.object({ questionId: z.string().regex(/^[a-z0-9_-]{1,40}$/), label: z.string().trim().min(2).max(80) }).strict();
export const surveyThemeRenameSchema = z.object({ label: z.string().trim().min(2).max(80) }).strict();
export const surveyThemeAssignSchema = z.object({ themeId: z.uuid() }).strict();

// ---- time given back ----

/** Human contact: led sessions and actions after alerts come from the records; the others are entered. */
export const CONTACT_KINDS = ['session_led', 'individual_moment', 'alert_call', 'alert_visit', 'family_meeting', 'other'] as const;
export const CONTACT_ENTRY_KINDS = ['individual_moment', 'family_meeting', 'other'] as const;
/** Administrative work timed in the tool, with and without the assistant. */
export const ADMIN_TASKS = ['activity_plan', 'roster', 'care_note'] as const;
export type AdminTask = (typeof ADMIN_TASKS)[number];
/** Teams for the weekly figures, by role (the product has no finer team structure yet). */
export const TEAMS = ['care', 'activities', 'medical', 'management', 'administration'] as const;
export type Team = (typeof TEAMS)[number];
export const TEAM_OF_ROLE: Readonly<Record<string, Team>> = {
  director: 'management',
  head_of_care: 'management',
  coordination_nurse: 'care',
  nurse: 'care',
  care_assistant: 'care',
  activity_leader: 'activities',
  physician: 'medical',
  secretary: 'administration',
  user_representative: 'administration',
};

export const contactTimeInputSchema = z
  .object({
    kind: z.enum(CONTACT_ENTRY_KINDS),
    personId: z.uuid().nullable().default(null),
    at: z.iso.datetime({ offset: true }),
    minutes: z.number().int().min(1).max(480),
    note: z.string().trim().max(500).default(''),
  })
  .strict();

export const adminTimingInputSchema = z
  .object({
    task: z.enum(ADMIN_TASKS),
    /** Whether the assistant's proposal was used for this piece of work. */
    assisted: z.boolean(),
    startedAt: z.iso.datetime({ offset: true }),
    /** Time the page was in use (visible, with input in the last two minutes), measured by the app. */
    activeSeconds: z.number().int().min(1).max(86_400),
    subjectId: z.string().max(80).nullable().default(null),
  })
  .strict();

export const periodSchema = z
  .object({ from: day, to: day })
  .strict()
  .refine((p) => p.from <= p.to, { message: 'The period ends before it starts', path: ['to'], params: { reason: 'before_start' } });
