import { describe, expect, it } from 'vitest';
import { careTeamModel, CareTeamError, evaluateCareTeam, fromAssignments, shiftMinutes, toAssignments, type CareTeamSetting } from './care-team.js';
import { DEFAULT_RULES, exampleCareTeam, FRENCH_SHIFTS } from './care-team-example.js';
import { OFF } from './model.js';
import { solveRoster } from './solver.js';

const START = '2026-11-30'; // a Monday
const clock = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));

describe('care-team model', () => {
  it('compiles the 11-hour rest into forbidden successions from the clock times', () => {
    const m = careTeamModel(exampleCareTeam({ start: START, weeks: 1 }));
    const next = Object.fromEntries(m.shifts.map((s) => [s.id, s.forbiddenNext.sort()]));
    expect(next).toEqual({ M: [], S: ['J', 'M'], J: ['M'], N: ['J', 'M', 'S'] });
    expect(m.shifts.find((s) => s.id === 'N')!.minutes).toBe(600);
    // with 9 h of rest required, soir (ends 21:15) → matin (starts 6:45: 9.5 h later) becomes allowed
    const relaxed = careTeamModel({ ...exampleCareTeam({ start: START, weeks: 1 }), rules: { ...DEFAULT_RULES, minRestHours: 9 } });
    expect(relaxed.shifts.find((s) => s.id === 'S')!.forbiddenNext).not.toContain('M');
  });

  it('refuses a shift longer than the daily maximum, a start that is not a Monday, and unknown codes, naming the field', () => {
    const base = exampleCareTeam({ start: START, weeks: 1 });
    const long = { ...base, shifts: [...base.shifts, { code: 'X', label: 'Longue', start: '06:00', end: '19:00', night: false }] };
    expect(() => careTeamModel(long)).toThrow(expect.objectContaining({ field: 'shifts.4.end', reason: 'longer_than_max_day' }) as Error);
    expect(() => careTeamModel({ ...base, start: '2026-12-01' })).toThrow(expect.objectContaining({ field: 'start', reason: 'not_monday' }) as Error);
    const badCover = { ...base, coverage: [{ weekday: 0, shift: 'Z', qualifications: [], requirement: 1 }] };
    expect(() => careTeamModel(badCover)).toThrow(CareTeamError);
    expect(shiftMinutes({ start: '21:00', end: '07:00' })).toBe(600);
  });

  it('solves a 36-person, 4-week EHPAD roster that keeps every French working-time rule, checked from the clock times', () => {
    const setting = exampleCareTeam({ start: START, weeks: 4, seed: 3 });
    const model = careTeamModel(setting);
    const result = solveRoster(model, { seconds: 3, seed: 1 });
    const ev = evaluateCareTeam(setting, model, result.roster);
    expect(ev.violations).toEqual([]);
    const a = toAssignments(model, result.roster);
    const shift = new Map(FRENCH_SHIFTS.map((s) => [s.code, s]));
    for (const p of setting.staff) {
      const line = a[p.id]!;
      // rest between consecutive shifts, recomputed from the clock (independent of the compiled successions)
      for (let d = 0; d + 1 < line.length; d++) {
        const x = line[d] ? shift.get(line[d]!)! : null;
        const y = line[d + 1] ? shift.get(line[d + 1]!)! : null;
        if (x && y) expect(1440 + clock(y.start) - (clock(x.start) + shiftMinutes(x)), `${p.id} day ${d}`).toBeGreaterThanOrEqual(11 * 60);
      }
      for (let w = 0; w < 4; w++) {
        const minutes = line.slice(w * 7, w * 7 + 7).reduce((s, c) => s + (c ? shiftMinutes(shift.get(c)!) : 0), 0);
        expect(minutes).toBeLessThanOrEqual(48 * 60);
      }
      const total = line.reduce((s, c) => s + (c ? shiftMinutes(shift.get(c)!) : 0), 0);
      const leaveWeekdays = p.unavailable.filter((d) => new Date(d).getUTCDay() % 6 !== 0).length;
      expect(Math.abs(total - (p.weeklyMinutes * 4 - (leaveWeekdays * p.weeklyMinutes) / 5))).toBeLessThanOrEqual(7.5 * 60 + 1);
      expect(line.every((c) => c === null || shift.get(c)!.night === p.nightStaff)).toBe(true);
      for (const d of p.unavailable) expect(line[Math.round((Date.parse(d) - Date.parse(START)) / 86_400_000)]).toBeNull();
      let weekends = 0;
      for (let sat = 5; sat < 28; sat += 7) if (line[sat] || line[sat + 1]) weekends++;
      expect(weekends).toBeLessThanOrEqual(2);
    }
    // fairness figures add up
    const f = ev.fairness.find((x) => x.staff === 's1')!;
    expect(f.minutes).toBe(a.s1!.reduce((s, c) => s + (c ? shiftMinutes(shift.get(c)!) : 0), 0));
    expect(ev.fairness.reduce((s, x) => s + x.requests, 0)).toBe(setting.requests.length);
  });

  it('an impossible setting gives the closest roster with each broken rule listed, not a crash', () => {
    const base = exampleCareTeam({ start: START, weeks: 2, seed: 1, size: 20 });
    // weeks of at most 40 h, yet s1 has a 48-hour contract: MinTotalMinutes and MaxWeeklyMinutes cannot both hold
    const staff = base.staff.map((p) => (p.id === 's1' ? { ...p, weeklyMinutes: 48 * 60, unavailable: [] } : p));
    const setting: CareTeamSetting = { ...base, staff, rules: { ...base.rules, maxWeekHours: 40 } };
    const model = careTeamModel(setting);
    const result = solveRoster(model, { seconds: 3, seed: 1 });
    expect(result.feasible).toBe(false);
    const ev = evaluateCareTeam(setting, model, result.roster);
    expect(ev.feasible).toBe(false);
    expect(ev.violations.length).toBeGreaterThan(0);
    // the rules broken are s1's own, nobody else pays for it
    expect(new Set(ev.violations.map((v) => v.staff))).toEqual(new Set(['s1']));
    expect(ev.violations.every((v) => ['MinTotalMinutes', 'MaxWeeklyMinutes'].includes(v.type))).toBe(true);
  });

  it('explains an unmet request by what granting it would break, and round-trips assignments', () => {
    const setting: CareTeamSetting = {
      start: START,
      weeks: 1,
      shifts: FRENCH_SHIFTS.filter((s) => s.code === 'M'),
      staff: [{ id: 'a', name: 'A', weeklyMinutes: 5 * 450, qualifications: ['AS'], nightStaff: false, unavailable: [] }],
      coverage: Array.from({ length: 7 }, (_, weekday) => ({ weekday, shift: 'M', qualifications: [], requirement: 1 })),
      requests: [{ id: 'r1', staff: 'a', date: '2026-12-02', kind: 'off', shift: null, weight: 1 }],
      rules: { ...DEFAULT_RULES, hoursTolerance: 0, minConsecutiveDaysOff: 1, weekendsOffPer4Weeks: 0 },
    };
    const model = careTeamModel(setting);
    // works Mon–Fri (5 shifts = the contract exactly); Wednesday off would leave the contract short and the cover open
    const a = { a: ['M', 'M', 'M', 'M', 'M', null, null] };
    const ev = evaluateCareTeam(setting, model, fromAssignments(model, a));
    expect(ev.unmet).toEqual([{ request: 'r1', staff: 'a', date: '2026-12-02', reason: 'MinTotalMinutes' }]);
    expect(ev.shortfalls.map((s) => s.date)).toEqual(['2026-12-05', '2026-12-06']);
    expect(toAssignments(model, fromAssignments(model, a))).toEqual(a);
    expect(() => fromAssignments(model, { a: ['M', 'Q', null, null, null, null, null] })).toThrow(
      expect.objectContaining({ field: 'assignments.a.1' }) as Error,
    );
    expect(fromAssignments(model, {})[0]!.every((x) => x === OFF)).toBe(true);
  });

  it('plans with what was worked just before the period: rest from the day before and days in a row carry over', () => {
    const base = exampleCareTeam({ start: START, weeks: 2, seed: 4, size: 24 });
    // s1 (a nurse) worked Soir on the five days before the period: no Matin or Journée on day 0, and at most one more day
    const staff = base.staff.map((p) => (p.id === 's1' ? { ...p, unavailable: [], history: { lastShift: 'S', run: 5 } } : p));
    const setting: CareTeamSetting = { ...base, staff };
    const model = careTeamModel(setting);
    // the evaluator sees the carry-over
    const line = new Array<string | null>(14).fill(null);
    line[0] = 'M';
    line[1] = 'S';
    const hand = fromAssignments(model, { s1: line });
    const types = evaluateCareTeam(setting, model, hand)
      .violations.filter((v) => v.staff === 's1')
      .map((v) => v.type);
    expect(types).toContain('ForbiddenSuccession');
    expect(types).toContain('MaxConsecutiveShifts');
    // and the solver plans around it
    const result = solveRoster(model, { seconds: 2, seed: 1 });
    const ev = evaluateCareTeam(setting, model, result.roster);
    expect(ev.violations.filter((v) => v.staff === 's1')).toEqual([]);
    const s1 = toAssignments(model, result.roster).s1!;
    expect(['M', 'J']).not.toContain(s1[0]);
    expect(s1[0] === null || s1[1] === null).toBe(true);
  });
});
