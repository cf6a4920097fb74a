/**
 * Braden scale (pressure-ulcer risk; Bergstrom & Braden, 1987), as specified in /work/shared/specs/scales.md §3.1
 * (docs/assessments.md). Six items scored 1–4 (friction & shear 1–3); total 6–23; a lower total means a higher risk.
 *
 * Cut-offs disagree between sources (§3.1). Default band table: the common US/NPIAP-style one (≤ 9 very high, 10–12 high,
 * 13–14 moderate, 15–18 mild, 19–23 none or very low). Separately, `atRisk` = total ≤ `threshold`, default 18 (the
 * threshold for older adults; 16 is the original general one), configurable with the `threshold` option.
 */
import { z } from 'zod';
import { integerIn, parseInput } from './input.js';

export const BRADEN_VERSION = '1.0.0';
export const BRADEN_DEFAULT_THRESHOLD = 18;

export const BRADEN_ITEMS = [
  { key: 'sensoryPerception', label: 'Perception sensorielle', max: 4 },
  { key: 'moisture', label: 'Humidité', max: 4 },
  { key: 'activity', label: 'Activité', max: 4 },
  { key: 'mobility', label: 'Mobilité', max: 4 },
  { key: 'nutrition', label: 'Nutrition', max: 4 },
  { key: 'frictionShear', label: 'Friction et cisaillement', max: 3 },
] as const;
export type BradenItem = (typeof BRADEN_ITEMS)[number]['key'];

const inputSchema = z.strictObject({
  sensoryPerception: integerIn(1, 4),
  moisture: integerIn(1, 4),
  activity: integerIn(1, 4),
  mobility: integerIn(1, 4),
  nutrition: integerIn(1, 4),
  frictionShear: integerIn(1, 3),
});
export type BradenInput = z.input<typeof inputSchema>;

const optionsSchema = z.strictObject({ threshold: integerIn(6, 23).default(BRADEN_DEFAULT_THRESHOLD) });
export interface BradenOptions {
  /** At risk when total ≤ threshold. Default 18. */
  threshold?: number;
}

export type BradenBand = 'very-high' | 'high' | 'moderate' | 'mild' | 'none';

export interface BradenResult {
  /** 6–23. */
  total: number;
  items: Record<BradenItem, number>;
  band: BradenBand;
  /** total ≤ threshold. */
  atRisk: boolean;
  threshold: number;
}

export function bradenBand(total: number): BradenBand {
  if (total <= 9) return 'very-high';
  if (total <= 12) return 'high';
  if (total <= 14) return 'moderate';
  if (total <= 18) return 'mild';
  return 'none';
}

export function computeBraden(input: unknown, options?: unknown): BradenResult {
  const { input: items, options: o } = parseInput(inputSchema, optionsSchema, input, options);
  const total = BRADEN_ITEMS.reduce((sum, item) => sum + items[item.key], 0);
  return { total, items, band: bradenBand(total), atRisk: total <= o.threshold, threshold: o.threshold };
}
