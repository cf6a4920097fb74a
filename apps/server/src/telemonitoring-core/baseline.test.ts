import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SD_FLOOR, Z_CLIP, cusumStep, ewmaLimit, ewmaStep, median, robustBaseline, standardise } from './baseline.js';

describe('robust baseline', () => {
  it('uses the median and 1.4826 × MAD, floored', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    const b = robustBaseline([70, 72, 74, 76, 78], 0.3);
    expect(b.mean).toBe(74);
    expect(b.sd).toBeCloseTo(1.4826 * 2, 10);
    expect(robustBaseline([78, 78, 78], SD_FLOOR.body_weight).sd).toBe(0.3);
  });

  it('is barely moved by an outlier, unlike mean and standard deviation', () => {
    const values = [78, 78.2, 77.9, 78.1, 78, 77.8, 78.2, 78.1, 77.9, 78];
    const clean = robustBaseline(values, 0);
    const dirty = robustBaseline([...values.slice(1), 95], 0);
    expect(Math.abs(dirty.mean - clean.mean)).toBeLessThan(0.1);
    expect(dirty.sd).toBeLessThan(2 * clean.sd);
  });

  it('keeps the centre within the values and the sd at or above the floor (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 20, max: 300, noNaN: true }), { minLength: 1, maxLength: 60 }), (values) => {
        const b = robustBaseline(values, 0.3);
        expect(b.mean).toBeGreaterThanOrEqual(Math.min(...values));
        expect(b.mean).toBeLessThanOrEqual(Math.max(...values));
        expect(b.sd).toBeGreaterThanOrEqual(0.3);
      }),
    );
  });
});

describe('control charts', () => {
  it('clips standardised values', () => {
    expect(standardise(80, { mean: 78, sd: 1 })).toBe(2);
    expect(standardise(90, { mean: 78, sd: 1 })).toBe(Z_CLIP);
    expect(standardise(60, { mean: 78, sd: 1 })).toBe(-Z_CLIP);
  });

  it('CUSUM accumulates what exceeds k and never goes below 0', () => {
    let s = 0;
    const path = [1, 1, 1, -3, 2].map((z) => (s = cusumStep(s, z, 0.5)));
    expect(path).toEqual([0.5, 1, 1.5, 0, 1.5]);
  });

  it('EWMA smooths with λ and its limit is L·√(λ/(2−λ))', () => {
    expect(ewmaStep(0, 2, 0.3)).toBeCloseTo(0.6, 12);
    expect(ewmaStep(0.6, 2, 0.3)).toBeCloseTo(1.02, 12);
    expect(ewmaLimit(3, 0.3)).toBeCloseTo(1.2603, 4);
    // One clipped outlier from 0 stays under the default limit.
    expect(ewmaStep(0, Z_CLIP, 0.3)).toBeLessThan(ewmaLimit(3, 0.3));
  });
});
