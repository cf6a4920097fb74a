/**
 * GDS-15, Geriatric Depression Scale short form (Sheikh & Yesavage, 1986), as specified in
 * /work/shared/specs/scales.md §3.3 (docs/assessments.md). Fifteen yes/no questions (`true` = yes); one point for "no"
 * to questions 1, 5, 7, 11 and 13 (reversed) and for "yes" to the others. Score 0–15.
 * Flags: `depressionSuggested` = score ≥ threshold (default 5, configurable: 6 gives the MSD Manual's "> 5");
 * `depressionAlmostCertain` = score ≥ 10 ("almost always indicates depression").
 */
import { z } from 'zod';
import { booleanAnswer, integerIn, parseInput } from './input.js';

export const GDS15_VERSION = '1.0.0';
export const GDS15_DEFAULT_THRESHOLD = 5;
export const GDS15_SEVERE_THRESHOLD = 10;

/** Questions whose "no" answer scores 1. */
export const GDS15_REVERSED = [1, 5, 7, 11, 13] as const;

export const GDS15_ITEMS = [
  'Êtes-vous globalement satisfait(e) de votre vie ?',
  'Avez-vous renoncé à un grand nombre de vos activités et de vos centres d’intérêt ?',
  'Avez-vous le sentiment que votre vie est vide ?',
  'Vous ennuyez-vous souvent ?',
  'Êtes-vous de bonne humeur la plupart du temps ?',
  'Craignez-vous qu’il vous arrive quelque chose de grave ?',
  'Êtes-vous heureux(se) la plupart du temps ?',
  'Vous sentez-vous souvent impuissant(e) ?',
  'Préférez-vous rester chez vous plutôt que de sortir et faire de nouvelles choses ?',
  'Pensez-vous avoir plus de problèmes de mémoire que la plupart des gens ?',
  'Pensez-vous qu’il est merveilleux d’être vivant(e) en ce moment ?',
  'Vous sentez-vous plutôt inutile dans votre état actuel ?',
  'Vous sentez-vous plein(e) d’énergie ?',
  'Avez-vous le sentiment que votre situation est désespérée ?',
  'Pensez-vous que la plupart des gens vont mieux que vous ?',
].map((label, i) => ({ key: `q${i + 1}`, label, pointFor: !(GDS15_REVERSED as readonly number[]).includes(i + 1) }));

const inputSchema = z.strictObject({
  q1: booleanAnswer(),
  q2: booleanAnswer(),
  q3: booleanAnswer(),
  q4: booleanAnswer(),
  q5: booleanAnswer(),
  q6: booleanAnswer(),
  q7: booleanAnswer(),
  q8: booleanAnswer(),
  q9: booleanAnswer(),
  q10: booleanAnswer(),
  q11: booleanAnswer(),
  q12: booleanAnswer(),
  q13: booleanAnswer(),
  q14: booleanAnswer(),
  q15: booleanAnswer(),
});
export type Gds15Input = z.input<typeof inputSchema>;
type Gds15Item = keyof Gds15Input;

const optionsSchema = z.strictObject({ threshold: integerIn(1, 15).default(GDS15_DEFAULT_THRESHOLD) });
export interface Gds15Options {
  /** depressionSuggested when score ≥ threshold. Default 5. */
  threshold?: number;
}

export interface Gds15Result {
  /** 0–15. */
  score: number;
  /** Points of each question (0 or 1). */
  items: Record<Gds15Item, 0 | 1>;
  /** score ≥ threshold. */
  depressionSuggested: boolean;
  /** score ≥ 10. */
  depressionAlmostCertain: boolean;
  threshold: number;
}

export function computeGds15(input: unknown, options?: unknown): Gds15Result {
  const { input: answers, options: o } = parseInput(inputSchema, optionsSchema, input, options);
  const items = Object.fromEntries(GDS15_ITEMS.map((q) => [q.key, answers[q.key as Gds15Item] === q.pointFor ? 1 : 0])) as Record<Gds15Item, 0 | 1>;
  const score = Object.values(items).reduce<number>((a, b) => a + b, 0);
  return { score, items, depressionSuggested: score >= o.threshold, depressionAlmostCertain: score >= GDS15_SEVERE_THRESHOLD, threshold: o.threshold };
}
