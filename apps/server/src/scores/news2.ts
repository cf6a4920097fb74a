/**
 * NEWS2 (Royal College of Physicians, 2017), as specified in /work/shared/specs/scales.md §2 (docs/assessments.md):
 * Chart 1 parameter bands (§2.1), Chart 3/4 aggregate thresholds and responses (§2.2).
 *
 * Rounding (the chart does not say, §2.2 "Rounding and out-of-grid values"): temperature is rounded to 0.1 °C and the
 * other measurements to the nearest integer, halves upwards (38.05 → 38.1, 20.5 → 21), before banding. The rounded
 * values are returned in `values`. The accepted ranges (NEWS2_RANGES) apply to the value as given: anything outside is
 * physiologically impossible or almost certainly an entry error (a missing or extra digit, Fahrenheit), and is refused.
 *
 * A 3 in any single parameter is reported as `redFlag`, separately from the aggregate band (spec §2.2 recommendation).
 */
import { z } from 'zod';
import { booleanAnswer, expected, numberIn, parseInput } from './input.js';

export const NEWS2_VERSION = '1.0.0';

/** Accepted input ranges, inclusive, on the value as given (before rounding). */
export const NEWS2_RANGES = {
  respirationRate: { min: 0, max: 80, unit: '/min' },
  spo2: { min: 50, max: 100, unit: '%' },
  systolicBP: { min: 40, max: 300, unit: 'mmHg' },
  pulse: { min: 20, max: 300, unit: '/min' },
  temperature: { min: 25, max: 45, unit: '°C' },
} as const;

export const ACVPU = ['A', 'C', 'V', 'P', 'U'] as const;
export type Consciousness = (typeof ACVPU)[number];

const range = (key: keyof typeof NEWS2_RANGES) => numberIn(NEWS2_RANGES[key].min, NEWS2_RANGES[key].max);

const inputSchema = z.strictObject({
  /** Respiration rate, breaths per minute. */
  respirationRate: range('respirationRate'),
  /** Oxygen saturation, %. */
  spo2: range('spo2'),
  /** SpO2 scale: 1 (default) or 2 (hypercapnic respiratory failure with a prescribed 88–92 % target, chosen by a clinician). */
  scale: z.literal([1, 2], { error: expected('1 or 2') }).default(1),
  /** true: on supplemental oxygen; false: on air. */
  oxygen: booleanAnswer(),
  /** Systolic blood pressure, mmHg. */
  systolicBP: range('systolicBP'),
  /** Pulse, beats per minute. */
  pulse: range('pulse'),
  /** ACVPU: Alert, new Confusion, Voice, Pain, Unresponsive. */
  consciousness: z.enum(ACVPU, { error: expected('A, C, V, P or U') }),
  /** Temperature, °C. */
  temperature: range('temperature'),
});
export type News2Input = z.input<typeof inputSchema>;

const optionsSchema = z.strictObject({});

export type News2Parameter = 'respirationRate' | 'spo2' | 'oxygen' | 'systolicBP' | 'pulse' | 'consciousness' | 'temperature';
export type News2Band = 'low' | 'medium' | 'high';
export type News2Monitoring = '12-hourly' | '4-6-hourly' | '1-hourly' | 'continuous';
/** Keys of the Chart 4 response texts (the UI holds the wording). */
export type News2Response =
  'news2.response.routine' | 'news2.response.inform-nurse' | 'news2.response.single-red-score' | 'news2.response.urgent' | 'news2.response.emergency';

export interface News2Result {
  /** 0–20. */
  total: number;
  /** Sub-score of each of the 7 parameters, in chart order. */
  subScores: Record<News2Parameter, number>;
  /** Aggregate clinical risk: 0–4 low, 5–6 medium, ≥ 7 high (a single 3 does not change it: see redFlag). */
  band: News2Band;
  /** A 3 in any single parameter ("red score"). */
  redFlag: boolean;
  /** Minimum monitoring frequency (Chart 4). */
  monitoring: News2Monitoring;
  response: News2Response;
  scale: 1 | 2;
  /** The values that were banded, after rounding. */
  values: { respirationRate: number; spo2: number; systolicBP: number; pulse: number; temperature: number };
}

/** Nearest integer, halves up; the detour through 12 significant digits removes binary noise (38.05 * 10 = 380.49999…). */
function roundTo(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(Number((value * f).toPrecision(12))) / f;
}

export function respirationScore(rr: number): number {
  if (rr <= 8) return 3;
  if (rr <= 11) return 1;
  if (rr <= 20) return 0;
  if (rr <= 24) return 2;
  return 3;
}

export function spo2Score(spo2: number, scale: 1 | 2, oxygen: boolean): number {
  if (scale === 1) {
    if (spo2 <= 91) return 3;
    if (spo2 <= 93) return 2;
    if (spo2 <= 95) return 1;
    return 0;
  }
  if (spo2 <= 83) return 3;
  if (spo2 <= 85) return 2;
  if (spo2 <= 87) return 1;
  if (spo2 <= 92 || !oxygen) return 0;
  if (spo2 <= 94) return 1;
  if (spo2 <= 96) return 2;
  return 3;
}

export function systolicScore(sbp: number): number {
  if (sbp <= 90) return 3;
  if (sbp <= 100) return 2;
  if (sbp <= 110) return 1;
  if (sbp <= 219) return 0;
  return 3;
}

export function pulseScore(hr: number): number {
  if (hr <= 40) return 3;
  if (hr <= 50) return 1;
  if (hr <= 90) return 0;
  if (hr <= 110) return 1;
  if (hr <= 130) return 2;
  return 3;
}

export function temperatureScore(t: number): number {
  if (t <= 35.0) return 3;
  if (t <= 36.0) return 1;
  if (t <= 38.0) return 0;
  if (t <= 39.0) return 1;
  return 2;
}

export function news2Band(total: number): News2Band {
  return total >= 7 ? 'high' : total >= 5 ? 'medium' : 'low';
}

export function computeNews2(input: unknown, options?: unknown): News2Result {
  const { input: i } = parseInput(inputSchema, optionsSchema, input, options);
  const values = {
    respirationRate: roundTo(i.respirationRate, 0),
    spo2: roundTo(i.spo2, 0),
    systolicBP: roundTo(i.systolicBP, 0),
    pulse: roundTo(i.pulse, 0),
    temperature: roundTo(i.temperature, 1),
  };
  const subScores: Record<News2Parameter, number> = {
    respirationRate: respirationScore(values.respirationRate),
    spo2: spo2Score(values.spo2, i.scale, i.oxygen),
    oxygen: i.oxygen ? 2 : 0,
    systolicBP: systolicScore(values.systolicBP),
    pulse: pulseScore(values.pulse),
    consciousness: i.consciousness === 'A' ? 0 : 3,
    temperature: temperatureScore(values.temperature),
  };
  const total = Object.values(subScores).reduce((a, b) => a + b, 0);
  const band = news2Band(total);
  const redFlag = Object.values(subScores).some((s) => s === 3);
  let monitoring: News2Monitoring;
  let response: News2Response;
  if (band === 'high') [monitoring, response] = ['continuous', 'news2.response.emergency'];
  else if (band === 'medium') [monitoring, response] = ['1-hourly', 'news2.response.urgent'];
  else if (redFlag) [monitoring, response] = ['1-hourly', 'news2.response.single-red-score'];
  else if (total >= 1) [monitoring, response] = ['4-6-hourly', 'news2.response.inform-nurse'];
  else [monitoring, response] = ['12-hourly', 'news2.response.routine'];
  return { total, subScores, band, redFlag, monitoring, response, scale: i.scale, values };
}
