import { describe, expect, it } from 'vitest';
import { computeFigures } from './figures.js';

const at = (h: number) => new Date(Date.UTC(2026, 10, 1, h));

describe('computeFigures', () => {
  it('counts statuses, rates over decided proposals, and the median time to decision', () => {
    const f = computeFigures(
      [
        { status: 'accepted', createdAt: at(0), decidedAt: at(2), content: { a: 1 }, decidedContent: null },
        { status: 'amended', createdAt: at(0), decidedAt: at(4), content: { a: 1 }, decidedContent: { a: 2 } },
        { status: 'amended', createdAt: at(0), decidedAt: at(10), content: { a: 1, b: 2 }, decidedContent: { b: 2, a: 1 } },
        { status: 'rejected', createdAt: at(0), decidedAt: at(6), content: {}, decidedContent: null },
        { status: 'pending', createdAt: at(0), decidedAt: null, content: {}, decidedContent: null },
        { status: 'withdrawn', createdAt: at(0), decidedAt: null, content: {}, decidedContent: null },
      ],
      3,
    );
    expect(f).toEqual({
      proposals: 6,
      decided: 4,
      pending: 1,
      accepted: 1,
      amended: 2,
      rejected: 1,
      expired: 0,
      withdrawn: 1,
      acceptanceRate: 0.25,
      amendmentRate: 0.5,
      rejectionRate: 0.25,
      uneditedAcceptanceRate: 0.5, // the accepted one, and the "amendment" that changed nothing
      medianHoursToDecision: 5,
      objections: 3,
    });
  });
  it('gives null rates when nothing was decided', () => {
    expect(computeFigures([], 0)).toMatchObject({ proposals: 0, acceptanceRate: null, medianHoursToDecision: null });
  });
});
