import { describe, expect, it } from 'vitest';
import { scoreAlerts } from './quality.js';
import type { Alert } from './rules.js';

const alert = (personId: string, at: string, ruleId = 'hf-weight-2kg-3d'): Alert => ({
  personId,
  ruleId,
  kind: 'change',
  parameter: 'body_weight',
  severity: 'high',
  at,
  explanation: { summary: '', rule: '', reference: null, threshold: null, points: [] },
});

describe('scoreAlerts', () => {
  // Anne: one episode detected twice (counted once), lead 3 days from the earliest alert; one false alert before.
  // Bernard: one episode detected the day before onset (lead 4.5 days), one missed episode, one false alert after.
  // Claire: no episode, one false alert. Alerts of Bernard never count for Anne.
  const episodes = [
    { patientId: 'anne', onset: '2026-03-10T00:00:00Z', event: '2026-03-14T00:00:00Z' },
    { patientId: 'bernard', onset: '2026-04-02T12:00:00Z', event: '2026-04-06T00:00:00Z' },
    { patientId: 'bernard', onset: '2026-05-01T00:00:00Z', event: '2026-05-03T00:00:00Z' },
  ];
  const alerts = [
    alert('anne', '2026-03-01T08:00:00Z'), // false: before the window
    alert('anne', '2026-03-11T00:00:00Z'), // detects, lead 3 days
    alert('anne', '2026-03-13T00:00:00Z'), // same episode
    alert('bernard', '2026-04-01T12:00:00Z'), // onset − 1 day exactly: detects, lead 4.5 days
    alert('bernard', '2026-03-12T00:00:00Z'), // in Anne's window only: false for Bernard
    alert('bernard', '2026-05-03T00:00:01Z'), // just after the event: false
    alert('claire', '2026-03-12T00:00:00Z'), // no episode: false
  ];

  it('scores sensitivity, false alerts and lead time on a hand-made case', () => {
    expect(scoreAlerts(episodes, alerts, 8)).toEqual({
      episodes: 3,
      detected: 2,
      sensitivity: 2 / 3,
      falseAlerts: 4,
      falseAlertsPerPatientMonth: 0.5,
      medianLeadDays: 3.75,
    });
  });

  it('widens the window with leadDays', () => {
    // 36 h before the onset of Bernard's second episode: outside the default window, inside a 2-day one.
    const early = alert('bernard', '2026-04-29T12:00:00Z');
    expect(scoreAlerts(episodes, [early], 1)).toMatchObject({ detected: 0, falseAlerts: 1 });
    expect(scoreAlerts(episodes, [early], 1, { leadDays: 2 })).toMatchObject({ detected: 1, falseAlerts: 0, medianLeadDays: 3.5 });
  });

  it('handles no episode and no alert', () => {
    expect(scoreAlerts([], [], 0)).toEqual({
      episodes: 0,
      detected: 0,
      sensitivity: NaN,
      falseAlerts: 0,
      falseAlertsPerPatientMonth: NaN,
      medianLeadDays: null,
    });
    expect(() => scoreAlerts([{ patientId: 'x', onset: '2026-01-02T00:00:00Z', event: '2026-01-01T00:00:00Z' }], [], 1)).toThrow(RangeError);
  });
});
