/**
 * The person's own baseline and the two control charts the trend rules use, as pure number functions.
 *
 * The baseline is robust: centre = median, spread = 1.4826 × MAD (the MAD scaled to estimate a normal standard
 * deviation), so that a few outliers (a scale used with shoes on, a mistyped glucose) barely move it. The spread is
 * floored per parameter: a very regular person (or a series of identical values, MAD = 0) would otherwise make every
 * tiny fluctuation look like many standard deviations. The floors are of the order of the measuring noise of home
 * devices; they are engineering defaults, not clinical guidance.
 */
import type { Parameter } from './codes.js';

/** Minimum standard deviation of a baseline, in the parameter's unit. */
export const SD_FLOOR: Readonly<Record<Parameter, number>> = {
  body_weight: 0.3, // kg
  systolic: 4, // mmHg
  diastolic: 3, // mmHg
  heart_rate: 3, // /min
  spo2: 1, // %
  glucose: 10, // mg/dL
  respiratory_rate: 1, // /min
  body_temperature: 0.2, // °C
};

/**
 * Standardised values are clipped to ±Z_CLIP before they enter a control chart (winsorising), so one aberrant reading
 * contributes at most Z_CLIP − k to a CUSUM or λ·Z_CLIP to an EWMA: with the default limits it cannot raise an alert
 * on its own.
 */
export const Z_CLIP = 3;

/** 1 / Φ⁻¹(3/4): makes the MAD a consistent estimator of σ for normal data. */
export const MAD_SCALE = 1.4826;

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface Baseline {
  /** The robust centre (median). */
  mean: number;
  /** max(1.4826 × MAD, floor). */
  sd: number;
  n: number;
}

export function robustBaseline(values: readonly number[], sdFloor: number): Baseline {
  const centre = median(values);
  const mad = median(values.map((v) => Math.abs(v - centre)));
  return { mean: centre, sd: Math.max(MAD_SCALE * mad, sdFloor), n: values.length };
}

/** (value − mean) / sd, clipped to ±Z_CLIP. */
export function standardise(value: number, baseline: Pick<Baseline, 'mean' | 'sd'>): number {
  const z = (value - baseline.mean) / baseline.sd;
  return Math.max(-Z_CLIP, Math.min(Z_CLIP, z));
}

/** One-sided upper CUSUM: S ← max(0, S + z − k). */
export function cusumStep(s: number, z: number, k: number): number {
  return Math.max(0, s + z - k);
}

/** EWMA: E ← λz + (1 − λ)E. */
export function ewmaStep(e: number, z: number, lambda: number): number {
  return lambda * z + (1 - lambda) * e;
}

/** Asymptotic EWMA control limit on standardised values (σ = 1): L·√(λ / (2 − λ)). */
export function ewmaLimit(L: number, lambda: number): number {
  return L * Math.sqrt(lambda / (2 - lambda));
}
