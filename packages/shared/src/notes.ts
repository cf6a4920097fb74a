import { z } from 'zod';
import type { AiLabel } from './guarantee.js';

/**
 * Care notes (transmissions ciblées): a target (cible) with Données / Actions / Résultats, or free
 * text. Shared by the server (validation) and the web app (forms, filters, labels).
 */
export const NOTE_SIGNALS = [
  'fall',
  'pain',
  'appetite_loss',
  'dehydration',
  'weight_loss',
  'sleep_disturbance',
  'agitation',
  'confusion',
  'low_mood',
  'anxiety',
  'isolation',
  'skin_lesion',
  'incontinence',
  'breathing_difficulty',
  'fever',
  'care_refusal',
  'wandering',
] as const;
export type NoteSignal = (typeof NOTE_SIGNALS)[number];

/** French names of the signals, for texts the server writes (proposal explanations, syntheses). */
export const NOTE_SIGNAL_LABELS_FR: Readonly<Record<NoteSignal, string>> = {
  fall: 'chute',
  pain: 'douleur',
  appetite_loss: 'perte d’appétit',
  dehydration: 'hydratation insuffisante',
  weight_loss: 'perte de poids',
  sleep_disturbance: 'sommeil perturbé',
  agitation: 'agitation',
  confusion: 'confusion',
  low_mood: 'tristesse',
  anxiety: 'anxiété',
  isolation: 'isolement',
  skin_lesion: 'lésion de la peau',
  incontinence: 'incontinence',
  breathing_difficulty: 'gêne respiratoire',
  fever: 'fièvre',
  care_refusal: 'refus de soins',
  wandering: 'déambulation',
};

/** Characters per field of a note (D, A, R or free text); the analyser reads at most 20,000. */
export const NOTE_FIELD_MAX = 4000;
export const NOTE_FIELDS = ['data', 'actions', 'results', 'body'] as const;
export type NoteField = (typeof NOTE_FIELDS)[number];

/** The default target list of a facility; each facility edits its own. */
export const DEFAULT_NOTE_TARGETS: readonly { key: string; fr: string; en: string }[] = [
  { key: 'chute', fr: 'Chute', en: 'Fall' },
  { key: 'douleur', fr: 'Douleur', en: 'Pain' },
  { key: 'alimentation', fr: 'Alimentation', en: 'Eating' },
  { key: 'hydratation', fr: 'Hydratation', en: 'Hydration' },
  { key: 'sommeil', fr: 'Sommeil', en: 'Sleep' },
  { key: 'comportement', fr: 'Comportement', en: 'Behaviour' },
  { key: 'orientation', fr: 'Orientation', en: 'Orientation' },
  { key: 'humeur', fr: 'Humeur', en: 'Mood' },
  { key: 'peau', fr: 'Peau', en: 'Skin' },
  { key: 'elimination', fr: 'Élimination', en: 'Elimination' },
  { key: 'respiration', fr: 'Respiration', en: 'Breathing' },
  { key: 'temperature', fr: 'Température', en: 'Temperature' },
  { key: 'refus_soins', fr: 'Refus de soins', en: 'Refusal of care' },
  { key: 'relation', fr: 'Relation familiale et sociale', en: 'Family and social ties' },
  { key: 'vie_sociale', fr: 'Vie sociale et envies', en: 'Social life and wishes' },
];

const noteText = z.string().max(NOTE_FIELD_MAX, `must be at most ${NOTE_FIELD_MAX} characters`).default('');
const targetKey = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'must be a target key');

export const careNoteInputSchema = z
  .object({
    format: z.enum(['dar', 'free']),
    targetKey: targetKey.nullable().default(null),
    data: noteText,
    actions: noteText,
    results: noteText,
    body: noteText,
    /** When it happened; defaults to now. */
    observedAt: z.iso.datetime({ offset: true }).optional(),
  })
  .strict()
  .superRefine((n, ctx) => {
    if (n.format === 'dar') {
      if (!n.targetKey) ctx.addIssue({ code: 'custom', path: ['targetKey'], message: 'A DAR note needs a target' });
      if (!n.data.trim() && !n.actions.trim() && !n.results.trim())
        ctx.addIssue({ code: 'custom', path: ['data'], message: 'Write at least one of Données, Actions, Résultats' });
      if (n.body.trim()) ctx.addIssue({ code: 'custom', path: ['body'], message: 'A DAR note has no free text' });
    } else {
      if (!n.body.trim()) ctx.addIssue({ code: 'custom', path: ['body'], message: 'The note is empty' });
      if (n.data.trim() || n.actions.trim() || n.results.trim())
        ctx.addIssue({ code: 'custom', path: ['data'], message: 'A free-text note has no D/A/R fields' });
    }
  });
export type CareNoteInput = z.output<typeof careNoteInputSchema>;

export const careNoteCorrectionSchema = z
  .object({
    note: careNoteInputSchema,
    reason: z.string().trim().min(3, 'say why the note is corrected').max(500),
  })
  .strict();

export const careNoteQuerySchema = z
  .object({
    target: targetKey.optional(),
    signal: z.enum(NOTE_SIGNALS).optional(),
    author: z.uuid().optional(),
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
    q: z.string().max(100).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();
export type CareNoteQuery = z.output<typeof careNoteQuerySchema>;

export const noteTargetsSchema = z
  .object({
    targets: z
      .array(
        z
          .object({
            key: targetKey,
            labelFr: z.string().trim().min(1).max(60),
            labelEn: z.string().trim().min(1).max(60),
            active: z.boolean().default(true),
          })
          .strict(),
      )
      .min(1)
      .max(60)
      .refine((t) => new Set(t.map((x) => x.key)).size === t.length, 'a target key appears twice'),
  })
  .strict();

export interface NoteTarget {
  key: string;
  labelFr: string;
  labelEn: string;
  active: boolean;
}

export interface NoteSignalDto {
  signal: NoteSignal;
  field: NoteField;
  start: number;
  end: number;
  negated: boolean;
  uncertain: boolean;
  historical: boolean;
  experiencer: 'person' | 'other';
}

export interface CareNote {
  id: string;
  personId: string;
  author: { id: string; name: string };
  observedAt: string;
  createdAt: string;
  version: number;
  format: 'dar' | 'free';
  targetKey: string | null;
  data: string;
  actions: string;
  results: string;
  body: string;
  /** Targets added by a decided proposal of the note analyser, with its label. */
  aiTargets: string[];
  aiLabel: AiLabel | null;
  /** The analyser's pre-analysis (null when the person objected or the feature is off). */
  signals: NoteSignalDto[] | null;
  /** The pending or decided proposal of targets for this note. */
  suggestion: { proposalId: string; status: string; targets: string[] } | null;
  corrected: boolean;
  updatedAt: string | null;
}

export interface CareNoteVersion {
  version: number;
  format: 'dar' | 'free';
  targetKey: string | null;
  data: string;
  actions: string;
  results: string;
  body: string;
  observedAt: string;
  writtenBy: string;
  writtenAt: string;
  replacedBy: string;
  replacedAt: string;
  reason: string;
}
