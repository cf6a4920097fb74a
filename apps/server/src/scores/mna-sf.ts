/**
 * MNA-SF (Mini Nutritional Assessment, short form; Rubenstein 2001, Kaiser 2009), as specified in
 * /work/shared/specs/scales.md §3.2 (docs/assessments.md). Items A–E, then F1 (BMI) or, only when the BMI is not
 * available, F2 (calf circumference) — never both. Total 0–14: 12–14 normal, 8–11 at risk, 0–7 malnourished.
 * The input is the points of each item, as on the form.
 */
import { z } from 'zod';
import { integerIn, isPlainObject, oneOf, throwIfAny, tryParse, tryParseOptions, type ScoreIssue } from './input.js';

export const MNA_SF_VERSION = '1.0.0';

export const MNA_SF_ITEMS = [
  { key: 'A', label: 'Baisse des apports alimentaires au cours des 3 derniers mois', points: [0, 1, 2] },
  { key: 'B', label: 'Perte de poids récente (< 3 mois)', points: [0, 1, 2, 3] },
  { key: 'C', label: 'Motricité', points: [0, 1, 2] },
  { key: 'D', label: 'Maladie aiguë ou stress psychologique au cours des 3 derniers mois', points: [0, 2] },
  { key: 'E', label: 'Problèmes neuropsychologiques', points: [0, 1, 2] },
  { key: 'F1', label: 'Indice de masse corporelle (IMC)', points: [0, 1, 2, 3] },
  { key: 'F2', label: 'Circonférence du mollet (si l’IMC n’est pas disponible)', points: [0, 3] },
] as const;

const inputSchema = z.strictObject({
  A: integerIn(0, 2),
  B: integerIn(0, 3),
  C: integerIn(0, 2),
  D: oneOf([0, 2]),
  E: integerIn(0, 2),
  F1: integerIn(0, 3).optional(),
  F2: oneOf([0, 3]).optional(),
});
export type MnaSfInput = z.input<typeof inputSchema>;

const optionsSchema = z.strictObject({});

export type MnaSfBand = 'normal' | 'at-risk' | 'malnourished';

export interface MnaSfResult {
  /** 0–14. */
  total: number;
  items: { A: number; B: number; C: number; D: number; E: number; F1?: number; F2?: number };
  band: MnaSfBand;
  /** Which F item was used: the BMI (F1) or the calf circumference (F2). */
  measure: 'bmi' | 'calf';
}

export function mnaSfBand(total: number): MnaSfBand {
  return total >= 12 ? 'normal' : total >= 8 ? 'at-risk' : 'malnourished';
}

export function computeMnaSf(input: unknown, options?: unknown): MnaSfResult {
  const issues: ScoreIssue[] = [];
  const items = tryParse(inputSchema, input, issues);
  tryParseOptions(optionsSchema, options, issues);
  // The F1/F2 rule is checked on the raw input, so that it is reported together with any other problem.
  if (isPlainObject(input)) {
    const has = (k: string) => input[k] !== undefined;
    if (has('F1') && has('F2'))
      issues.push({ field: 'F2', reason: 'give F1 (BMI) or F2 (calf circumference), not both: F2 only when the BMI is not available' });
    else if (!has('F1') && !has('F2')) issues.push({ field: 'F1', reason: 'required (or F2, the calf circumference, if the BMI is not available)' });
  }
  throwIfAny(issues);
  const i = items!;
  const f = i.F1 ?? i.F2!;
  const total = i.A + i.B + i.C + i.D + i.E + f;
  return { total, items: i, band: mnaSfBand(total), measure: i.F1 !== undefined ? 'bmi' : 'calf' };
}
