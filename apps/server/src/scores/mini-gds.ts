/**
 * Mini-GDS (Clément et al., 1997), as specified in /work/shared/specs/scales.md §3.3 (docs/assessments.md).
 * Four yes/no questions (`true` = oui); one point for "oui" to questions 1, 2 and 4 and for "non" to question 3
 * (reversed). Score 0–4; `suspicion` = score ≥ threshold, default 1 (0 → depression very unlikely), configurable.
 */
import { z } from 'zod';
import { booleanAnswer, integerIn, parseInput } from './input.js';

export const MINI_GDS_VERSION = '1.0.0';
export const MINI_GDS_DEFAULT_THRESHOLD = 1;

export const MINI_GDS_ITEMS = [
  { key: 'q1', label: 'Vous sentez-vous souvent découragé(e) et triste ?', pointFor: true },
  { key: 'q2', label: 'Avez-vous le sentiment que votre vie est vide ?', pointFor: true },
  { key: 'q3', label: 'Êtes-vous heureux(se) la plupart du temps ?', pointFor: false },
  { key: 'q4', label: 'Avez-vous l’impression que votre situation est désespérée ?', pointFor: true },
] as const;
export type MiniGdsItem = (typeof MINI_GDS_ITEMS)[number]['key'];

const inputSchema = z.strictObject({ q1: booleanAnswer(), q2: booleanAnswer(), q3: booleanAnswer(), q4: booleanAnswer() });
export type MiniGdsInput = z.input<typeof inputSchema>;

const optionsSchema = z.strictObject({ threshold: integerIn(1, 4).default(MINI_GDS_DEFAULT_THRESHOLD) });
export interface MiniGdsOptions {
  /** Suspicion of depression when score ≥ threshold. Default 1. */
  threshold?: number;
}

export interface MiniGdsResult {
  /** 0–4. */
  score: number;
  /** Points of each question (0 or 1). */
  items: Record<MiniGdsItem, 0 | 1>;
  /** score ≥ threshold. */
  suspicion: boolean;
  threshold: number;
}

export function computeMiniGds(input: unknown, options?: unknown): MiniGdsResult {
  const { input: answers, options: o } = parseInput(inputSchema, optionsSchema, input, options);
  const items = Object.fromEntries(MINI_GDS_ITEMS.map((q) => [q.key, answers[q.key] === q.pointFor ? 1 : 0])) as Record<MiniGdsItem, 0 | 1>;
  const score = Object.values(items).reduce<number>((a, b) => a + b, 0);
  return { score, items, suspicion: score >= o.threshold, threshold: o.threshold };
}
