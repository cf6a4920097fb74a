import type { Signal, SignalOccurrence } from './analyzer.js';

/**
 * Patterns over time: a signal that comes back in a person's notes within a window proposes an
 * action (an assessment, a weighing, a team review). Only affirmed mentions count — not negated,
 * not uncertain, not history, about the person — and one note counts once per rule.
 */
export type ProposedAssessment = 'fall-risk' | 'mna-sf' | 'braden' | 'news2' | 'mini-gds' | 'pain' | 'cognition' | 'team-review' | 'hydration' | 'sleep';

export interface PatternRule {
  key: string;
  signals: Signal[];
  windowDays: number;
  minCount: number;
  /** 'notes': distinct notes; 'days': distinct calendar days. */
  countBy: 'notes' | 'days';
  assessment: ProposedAssessment;
  /** French, for the proposal's explanation: what to do. */
  action: string;
  /** French label of what was counted. */
  what: string;
}

export const PATTERN_RULES: readonly PatternRule[] = [
  {
    key: 'falls',
    signals: ['fall'],
    windowDays: 7,
    minCount: 3,
    countBy: 'notes',
    assessment: 'fall-risk',
    what: 'chutes',
    action: 'Proposer une évaluation du risque de chute.',
  },
  {
    key: 'appetite',
    signals: ['appetite_loss'],
    windowDays: 7,
    minCount: 4,
    countBy: 'days',
    assessment: 'mna-sf',
    what: 'jours avec perte d’appétit',
    action: 'Proposer une pesée et une évaluation nutritionnelle (MNA-SF).',
  },
  {
    key: 'weight',
    signals: ['weight_loss'],
    windowDays: 30,
    minCount: 1,
    countBy: 'notes',
    assessment: 'mna-sf',
    what: 'pertes de poids notées',
    action: 'Proposer une évaluation nutritionnelle (MNA-SF).',
  },
  {
    key: 'pain',
    signals: ['pain'],
    windowDays: 7,
    minCount: 3,
    countBy: 'days',
    assessment: 'pain',
    what: 'jours avec douleur',
    action: 'Proposer une évaluation de la douleur et un avis médical.',
  },
  {
    key: 'skin',
    signals: ['skin_lesion'],
    windowDays: 14,
    minCount: 2,
    countBy: 'notes',
    assessment: 'braden',
    what: 'mentions de lésion cutanée',
    action: 'Proposer une évaluation du risque d’escarre (Braden).',
  },
  {
    key: 'acute',
    signals: ['fever', 'breathing_difficulty'],
    windowDays: 2,
    minCount: 1,
    countBy: 'notes',
    assessment: 'news2',
    what: 'mentions de fièvre ou de gêne respiratoire',
    action: 'Proposer un relevé des constantes avec score NEWS2.',
  },
  {
    key: 'mood',
    signals: ['low_mood'],
    windowDays: 14,
    minCount: 3,
    countBy: 'days',
    assessment: 'mini-gds',
    what: 'jours avec tristesse',
    action: 'Proposer un dépistage de la dépression (Mini-GDS) et un temps d’écoute.',
  },
  {
    key: 'hydration',
    signals: ['dehydration'],
    windowDays: 3,
    minCount: 2,
    countBy: 'days',
    assessment: 'hydration',
    what: 'jours avec hydratation insuffisante',
    action: 'Proposer une surveillance des boissons.',
  },
  {
    key: 'confusion',
    signals: ['confusion'],
    windowDays: 3,
    minCount: 2,
    countBy: 'notes',
    assessment: 'cognition',
    what: 'mentions de confusion',
    action: 'Proposer un avis médical (confusion récente ?).',
  },
  {
    key: 'sleep',
    signals: ['sleep_disturbance'],
    windowDays: 7,
    minCount: 4,
    countBy: 'days',
    assessment: 'sleep',
    what: 'nuits perturbées',
    action: 'Proposer un suivi du sommeil.',
  },
  {
    key: 'behaviour',
    signals: ['agitation', 'care_refusal', 'wandering'],
    windowDays: 7,
    minCount: 4,
    countBy: 'notes',
    assessment: 'team-review',
    what: 'mentions d’agitation, de refus de soins ou de déambulation',
    action: 'Proposer une analyse en équipe des troubles du comportement.',
  },
];

export interface DatedNote {
  id: string;
  /** When the observation happened (ISO). */
  at: string;
  /** `field` says which part of the note a span points into (D, A, R or free text). */
  signals: (SignalOccurrence & { field?: string })[];
}

export interface PatternFinding {
  rule: string;
  assessment: ProposedAssessment;
  count: number;
  minCount: number;
  windowDays: number;
  from: string;
  to: string;
  /** The notes that counted, with the spans of the mentions. */
  evidence: { noteId: string; at: string; signal: Signal; field?: string; start: number; end: number }[];
  summary: string;
  action: string;
}

const affirmed = (s: SignalOccurrence) => !s.negated && !s.uncertain && !s.historical && s.experiencer === 'person';

/** The rules met over the window ending at `now` (notes after `now` are ignored). */
export function findPatterns(notes: DatedNote[], now: Date, rules: readonly PatternRule[] = PATTERN_RULES): PatternFinding[] {
  const out: PatternFinding[] = [];
  for (const rule of rules) {
    const from = new Date(now.getTime() - rule.windowDays * 86_400_000);
    const evidence: PatternFinding['evidence'] = [];
    const units = new Set<string>();
    for (const note of notes) {
      const at = new Date(note.at);
      if (at < from || at > now) continue;
      const hits = note.signals.filter((s) => rule.signals.includes(s.signal) && affirmed(s));
      if (hits.length === 0) continue;
      units.add(rule.countBy === 'days' ? note.at.slice(0, 10) : note.id);
      for (const h of hits) evidence.push({ noteId: note.id, at: note.at, signal: h.signal, field: h.field, start: h.start, end: h.end });
    }
    if (units.size >= rule.minCount) {
      out.push({
        rule: rule.key,
        assessment: rule.assessment,
        count: units.size,
        minCount: rule.minCount,
        windowDays: rule.windowDays,
        from: from.toISOString(),
        to: now.toISOString(),
        evidence: evidence.sort((a, b) => a.at.localeCompare(b.at)),
        summary: `${units.size} ${rule.what} en ${rule.windowDays} jour${rule.windowDays > 1 ? 's' : ''} (seuil : ${rule.minCount}).`,
        action: rule.action,
      });
    }
  }
  return out;
}

/** The care-note target (cible) that each signal suggests. Keys of the default target list. */
export const SIGNAL_TARGET: Record<Signal, string> = {
  fall: 'chute',
  pain: 'douleur',
  appetite_loss: 'alimentation',
  dehydration: 'hydratation',
  weight_loss: 'alimentation',
  sleep_disturbance: 'sommeil',
  agitation: 'comportement',
  confusion: 'orientation',
  low_mood: 'humeur',
  anxiety: 'humeur',
  isolation: 'relation',
  skin_lesion: 'peau',
  incontinence: 'elimination',
  breathing_difficulty: 'respiration',
  fever: 'temperature',
  care_refusal: 'refus_soins',
  wandering: 'comportement',
};

/** Targets suggested by a note's affirmed or uncertain mentions (negated or past ones suggest nothing). */
export function suggestedTargets(signals: SignalOccurrence[]): string[] {
  const keys = new Set<string>();
  for (const s of signals) if (!s.negated && !s.historical && s.experiencer === 'person') keys.add(SIGNAL_TARGET[s.signal]);
  return [...keys];
}
