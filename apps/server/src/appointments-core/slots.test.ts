import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { WEEKDAYS } from '@presence/shared';
import { DEFAULT_MEALS, expandDaily, findConflicts, type BusyItem, type Routine } from './schedule.js';
import { SLOT_COST, SlotRequestError, suggestSlots, type SlotRequest, type SlotRequestIssue, type SlotSuggestion } from './slots.js';
import { MINUTES_PER_DAY, dateOfDay, dayNumber, fromMinutes, minuteOfDay, toMinutes, weekdayOf } from './time.js';

const MON = '2026-07-13';
const TUE = '2026-07-14';
const SIESTE: Routine = { label: 'Sieste', days: [...WEEKDAYS], start: '13:30', end: '15:00' };
/** Meals and the nap of every day of July 2026. */
const DAILY = expandDaily(DEFAULT_MEALS, [SIESTE], '2026-07-01', '2026-07-31');
const morning = { durationMinutes: 60, travelMinutes: 0, from: MON, to: MON, dayStart: '09:00', dayEnd: '12:00' };
const at = (date: string, time: string) => `${date}T${time}`;
const item = (kind: BusyItem['kind'], label: string, date: string, start: string, end: string, who: BusyItem['who'] = 'person'): BusyItem => ({
  kind,
  label,
  start: at(date, start),
  end: at(date, end),
  who,
});
const starts = (suggestions: SlotSuggestion[]) => suggestions.map((s) => s.start);

/** The issues of the SlotRequestError thrown by suggestSlots (fails if none is thrown). */
function issuesOf(req: Partial<SlotRequest>): SlotRequestIssue[] {
  try {
    suggestSlots({ ...morning, ...req }, []);
  } catch (err) {
    if (err instanceof SlotRequestError) return err.issues;
    throw err;
  }
  throw new Error('expected a SlotRequestError');
}

describe('suggestSlots', () => {
  it('proposes free slots, at most two a day and never overlapping each other', () => {
    const [first, second, ...rest] = suggestSlots(morning, DAILY);
    expect(first).toEqual({ start: at(MON, '09:00'), end: at(MON, '10:00'), cost: 0, conflicts: [], reasons: ['Aucun conflit'] });
    expect(second?.start).toBe(at(MON, '10:00'));
    expect(rest).toEqual([]);
  });

  it('prefers sooner days, a little', () => {
    const suggestions = suggestSlots({ ...morning, to: '2026-07-17' }, DAILY);
    expect(suggestions.map((s) => `${s.start} ${s.cost}`)).toEqual([
      `${at(MON, '09:00')} 0`,
      `${at(MON, '10:00')} 0`,
      `${at(TUE, '09:00')} 1`,
      `${at(TUE, '10:00')} 1`,
      '2026-07-15T09:00 2',
    ]);
    expect(suggestSlots({ ...morning, to: '2026-07-17', maxSuggestions: 3 }, DAILY)).toHaveLength(3);
  });

  it('never suggests a slot whose travel meets another appointment', () => {
    const busy = [...DAILY, item('appointment', 'Dentiste', MON, '10:00', '11:00')];
    const req = { ...morning, durationMinutes: 30 };
    // No travel: anything ending by 10:00 or starting from 11:00.
    expect(starts(suggestSlots(req, busy))).toEqual([at(MON, '09:00'), at(MON, '09:30')]);
    // 15 min each way: 09:15 (back at 10:00) and 11:15 (leaving at 11:00) still fit; 09:30 no longer does.
    const withTravel = suggestSlots({ ...req, travelMinutes: 15 }, busy);
    expect(starts(withTravel)).toEqual([at(MON, '09:15'), at(MON, '11:15')]);
    for (const s of withTravel) expect(findConflicts({ ...s, travelMinutes: 15 }, busy)).toEqual([]);
    // 45 min each way: every start of the morning meets the dentist.
    expect(suggestSlots({ ...req, travelMinutes: 45 }, busy)).toEqual([]);
  });

  it('never suggests a slot when the accompanying staff member is busy', () => {
    const busy = [...DAILY, item('activity', 'Animation en salle', MON, '08:00', '10:30', 'staff')];
    expect(starts(suggestSlots({ ...morning, durationMinutes: 30, travelMinutes: 10 }, busy))).toEqual([at(MON, '10:45'), at(MON, '11:15')]);
  });

  it('counts the minutes displaced, travel included, and says which', () => {
    // The only candidate is 11:30–12:30, half an hour of lunch.
    const [only, ...none] = suggestSlots({ ...morning, dayStart: '11:30', dayEnd: '12:30' }, DAILY);
    expect(none).toEqual([]);
    expect(only?.cost).toBe(30 * SLOT_COST.perMinute.meal);
    expect(only?.reasons).toEqual(['Empiète de 30 min sur le repas «\u00a0Déjeuner\u00a0» (12:00–13:15)']);
    expect(only?.conflicts.map((c) => `${c.during} ${c.overlapMinutes} ${c.severity}`)).toEqual(['appointment 30 warning']);

    // With 15 min of travel, the trip back eats 15 more minutes of lunch (and the trip out nothing of breakfast).
    const [travelling] = suggestSlots({ ...morning, dayStart: '11:30', dayEnd: '12:30', travelMinutes: 15 }, DAILY);
    expect(travelling?.cost).toBe(45 * SLOT_COST.perMinute.meal);
    expect(travelling?.reasons).toEqual(['Empiète de 45 min sur le repas «\u00a0Déjeuner\u00a0» (12:00–13:15)']);
    expect(travelling?.conflicts.map((c) => `${c.during} ${c.overlapMinutes}`)).toEqual(['appointment 30', 'travel_back 15']);
  });

  it('weighs a meal over a routine over an activity', () => {
    const busy = [
      item('meal', 'Collation', MON, '10:00', '10:20'),
      item('routine', 'Soins', TUE, '10:00', '10:20'),
      item('activity', 'Chorale', '2026-07-15', '10:00', '10:20'),
    ];
    const suggestions = suggestSlots({ ...morning, to: '2026-07-15', dayStart: '10:00', dayEnd: '11:00' }, busy);
    expect(suggestions.map((s) => `${s.start.slice(0, 10)} ${s.cost}`)).toEqual(['2026-07-15 22', '2026-07-14 41', '2026-07-13 60']);
    expect(suggestions[0]?.reasons).toEqual(['Empiète de 20 min sur l’activité «\u00a0Chorale\u00a0» (10:00–10:20)']);
  });

  describe('preferred half-day', () => {
    const day = { ...morning, to: TUE, dayStart: '09:00', dayEnd: '17:00' };

    it('comes first when it has free slots', () => {
      // Afternoons are full of lunch, nap and snack: 16:00–17:00 is the only free hour.
      const afternoon = suggestSlots({ ...day, preferred: 'afternoon' }, DAILY);
      expect(afternoon.slice(0, 2).map((s) => `${s.start} ${s.cost}`)).toEqual([`${at(MON, '16:00')} 0`, `${at(TUE, '16:00')} 1`]);
      expect(afternoon[0]?.reasons).toEqual(['Aucun conflit', 'Après-midi, comme souhaité']);
      for (const s of afternoon) if (s.cost < SLOT_COST.outsidePreferredHalfDay) expect(s.start.slice(11) >= '12:00').toBe(true);

      const morningFirst = suggestSlots({ ...day, preferred: 'morning' }, DAILY);
      expect(starts(morningFirst).slice(0, 2)).toEqual([at(MON, '09:00'), at(MON, '10:00')]);
      expect(morningFirst[0]?.reasons).toEqual(['Aucun conflit', 'Matin, comme souhaité']);
    });

    it('wins over the other half-day even at the far end of the longest window', () => {
      // Mornings taken for 61 days (staff member away), free on the 62nd: that morning beats any free afternoon before.
      const from = '2026-07-01';
      const busy = Array.from({ length: 61 }, (_, d) => item('staff', 'Formation', dateOfDay(dayNumber(from) + d), '08:00', '12:00', 'staff'));
      const req: SlotRequest = { ...day, from, to: '2026-08-31', weekdays: [...WEEKDAYS], preferred: 'morning', maxSuggestions: 1 };
      expect(starts(suggestSlots(req, busy))).toEqual(['2026-08-31T09:00']);
    });

    it('gives way, and says so, when it has none', () => {
      const busy = [...DAILY, item('staff', 'Réunion de synthèse', MON, '08:00', '12:00', 'staff')];
      const [first] = suggestSlots({ ...day, to: MON, preferred: 'morning' }, busy);
      expect(first?.start).toBe(at(MON, '16:00'));
      expect(first?.cost).toBe(SLOT_COST.outsidePreferredHalfDay);
      expect(first?.reasons).toEqual(['Aucun conflit', 'Après-midi, alors que le matin était souhaité']);
    });
  });

  it('keeps to the allowed weekdays, mon–fri by default', () => {
    // Friday 17 to Monday 20 July 2026.
    const window = { ...morning, from: '2026-07-17', to: '2026-07-20', maxSuggestions: 10 };
    const days = (req: SlotRequest) => [...new Set(suggestSlots(req, DAILY).map((s) => s.start.slice(0, 10)))];
    expect(days(window)).toEqual(['2026-07-17', '2026-07-20']);
    expect(days({ ...window, weekdays: ['sat', 'sun'] })).toEqual(['2026-07-18', '2026-07-19']);
  });

  it('leaves no earlier than notBefore, on the step grid', () => {
    const req = { ...morning, durationMinutes: 30, travelMinutes: 30, notBefore: at(MON, '10:20') };
    // Departure at 10:20 at the earliest: the first start on the 15-minute grid is 11:00.
    expect(starts(suggestSlots(req, []))).toEqual([at(MON, '11:00'), at(MON, '11:30')]);
    expect(starts(suggestSlots({ ...req, stepMinutes: 5 }, []))).toEqual([at(MON, '10:50'), at(MON, '11:20')]);
    expect(suggestSlots({ ...req, notBefore: at(TUE, '00:00') }, [])).toEqual([]);
  });

  it('reports every problem of the request at once', () => {
    expect(
      issuesOf({
        to: '2026-07-12',
        durationMinutes: 1000,
        dayStart: '14:00',
        dayEnd: '10:00',
        weekdays: ['mon', 'lun' as never],
        notBefore: '2026-07-13',
        preferred: 'evening' as never,
      }),
    ).toEqual([
      { field: 'durationMinutes', reason: 'out_of_range' },
      { field: 'to', reason: 'before_from' },
      { field: 'dayEnd', reason: 'not_after_day_start' },
      { field: 'weekdays.1', reason: 'unknown_weekday' },
      { field: 'preferred', reason: 'unknown_value' },
      { field: 'notBefore', reason: 'malformed' },
    ]);
    expect(issuesOf({ from: '2026-02-30', to: undefined, dayStart: '9h', travelMinutes: 7.5, stepMinutes: 0, maxSuggestions: 0, weekdays: [] })).toEqual([
      { field: 'travelMinutes', reason: 'not_integer' },
      { field: 'stepMinutes', reason: 'out_of_range' },
      { field: 'maxSuggestions', reason: 'out_of_range' },
      { field: 'from', reason: 'malformed' },
      { field: 'to', reason: 'required' },
      { field: 'dayStart', reason: 'malformed' },
      { field: 'weekdays', reason: 'empty' },
    ]);
    expect(issuesOf({ durationMinutes: 4 })).toEqual([{ field: 'durationMinutes', reason: 'out_of_range' }]);
    expect(issuesOf({ durationMinutes: 240 })).toEqual([{ field: 'durationMinutes', reason: 'longer_than_day' }]);
    // 62 days is the longest window: 1 July to 31 August.
    expect(() => suggestSlots({ ...morning, from: '2026-07-01', to: '2026-08-31' }, [])).not.toThrow();
    expect(issuesOf({ from: '2026-07-01', to: '2026-09-01' })).toEqual([{ field: 'to', reason: 'window_too_long' }]);
    expect(() => suggestSlots(morning, [item('meal', 'x', MON, '12:00', '11:00')])).toThrow(RangeError);
  });

  it('keeps every promise on random requests and days (property)', () => {
    const BASE = dayNumber('2026-03-23'); // a Monday, the week of the spring clock change
    const fiveMinutes = (min: number, max: number) => fc.integer({ min: min / 5, max: max / 5 }).map((n) => n * 5);
    const arbBusy = fc.record({
      day: fc.integer({ min: 0, max: 15 }),
      start: fiveMinutes(0, 1435),
      length: fiveMinutes(5, 300),
      kind: fc.constantFrom('appointment', 'activity', 'meal', 'routine', 'staff' as const),
      who: fc.constantFrom('person', 'person', 'person', 'staff' as const),
    });
    const arbRequest = fc.record({
      fromDay: fc.integer({ min: 0, max: 6 }),
      days: fc.integer({ min: 1, max: 8 }),
      dayStart: fiveMinutes(6 * 60, 12 * 60),
      dayLength: fiveMinutes(60, 10 * 60),
      duration: fiveMinutes(5, 180),
      travel: fc.constantFrom(0, 10, 15, 30, 45, 60),
      weekdays: fc.option(fc.subarray([...WEEKDAYS], { minLength: 1 }), { nil: undefined }),
      step: fc.option(fc.constantFrom(5, 10, 15, 30, 60), { nil: undefined }),
      max: fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }),
      preferred: fc.constantFrom('morning', 'afternoon', null, undefined),
      notBefore: fc.option(fiveMinutes(0, 10 * MINUTES_PER_DAY), { nil: undefined }),
    });

    fc.assert(
      fc.property(arbRequest, fc.array(arbBusy, { maxLength: 25 }), (r, rawBusy) => {
        const hhmm = (minute: number) => fromMinutes(minute).slice(11);
        const req: SlotRequest = {
          durationMinutes: Math.min(r.duration, r.dayLength),
          travelMinutes: r.travel,
          from: dateOfDay(BASE + r.fromDay),
          to: dateOfDay(BASE + r.fromDay + r.days - 1),
          dayStart: hhmm(r.dayStart),
          dayEnd: hhmm(r.dayStart + r.dayLength),
          weekdays: r.weekdays,
          stepMinutes: r.step,
          maxSuggestions: r.max,
          preferred: r.preferred,
          notBefore: r.notBefore === undefined ? undefined : fromMinutes(BASE * MINUTES_PER_DAY + r.notBefore),
        };
        const busy: BusyItem[] = rawBusy.map((b, i) => {
          const start = (BASE + b.day) * MINUTES_PER_DAY + b.start;
          return { kind: b.kind, label: `item ${i}`, start: fromMinutes(start), end: fromMinutes(start + b.length), who: b.who };
        });
        const suggestions = suggestSlots(req, busy);

        // An oracle: every candidate and its cost, computed from findConflicts.
        const weekdays = req.weekdays ?? ['mon', 'tue', 'wed', 'thu', 'fri'];
        const step = req.stepMinutes ?? 15;
        const [dayStart, dayEnd] = [minuteOfDay(req.dayStart), minuteOfDay(req.dayEnd)];
        const oracle = new Map<string, { cost: number; free: boolean; half: 'morning' | 'afternoon' }>();
        for (let day = dayNumber(req.from); day <= dayNumber(req.to); day++) {
          if (!weekdays.includes(weekdayOf(dateOfDay(day)))) continue;
          for (let m = dayStart; m + req.durationMinutes <= dayEnd; m += step) {
            const start = day * MINUTES_PER_DAY + m;
            if (req.notBefore && start - req.travelMinutes < toMinutes(req.notBefore)) continue;
            const appt = { start: fromMinutes(start), end: fromMinutes(start + req.durationMinutes), travelMinutes: req.travelMinutes };
            const conflicts = findConflicts(appt, busy);
            if (conflicts.some((c) => c.severity === 'blocking')) continue;
            const half = m < 12 * 60 ? 'morning' : 'afternoon';
            let cost = (day - dayNumber(req.from)) * SLOT_COST.perDayAfterFrom;
            for (const c of conflicts) cost += SLOT_COST.perMinute[c.kind] * c.overlapMinutes;
            if (req.preferred && half !== req.preferred) cost += SLOT_COST.outsidePreferredHalfDay;
            oracle.set(appt.start, { cost, free: conflicts.length === 0, half });
          }
        }

        expect(suggestions.length).toBeLessThanOrEqual(req.maxSuggestions ?? 5);
        const perDay = new Map<string, SlotSuggestion[]>();
        for (const s of suggestions) {
          // A candidate of the oracle: in the window, on an allowed weekday, on the grid, after notBefore, nothing blocking.
          expect(oracle.get(s.start)?.cost).toBe(s.cost);
          expect(toMinutes(s.end) - toMinutes(s.start)).toBe(req.durationMinutes);
          const conflicts = findConflicts({ ...s, travelMinutes: req.travelMinutes }, busy);
          expect(conflicts.every((c) => c.severity === 'warning')).toBe(true);
          expect(s.conflicts).toEqual(conflicts);
          expect(s.reasons.length).toBeGreaterThan(0);
          const date = s.start.slice(0, 10);
          perDay.set(date, [...(perDay.get(date) ?? []), s]);
        }
        for (const sameDay of perDay.values()) {
          expect(sameDay.length).toBeLessThanOrEqual(2);
          if (sameDay.length === 2) expect(sameDay[0]!.end <= sameDay[1]!.start || sameDay[1]!.end <= sameDay[0]!.start).toBe(true);
        }
        for (let i = 1; i < suggestions.length; i++) {
          const [a, b] = [suggestions[i - 1]!, suggestions[i]!];
          expect(a.cost < b.cost || (a.cost === b.cost && a.start < b.start)).toBe(true);
        }

        // The best candidate always comes first; the list is only short when the diversity rules say so.
        const ranked = [...oracle.entries()].sort(([sa, a], [sb, b]) => a.cost - b.cost || (sa < sb ? -1 : 1));
        expect(suggestions[0]?.start).toBe(ranked[0]?.[0]);
        if (suggestions.length < (req.maxSuggestions ?? 5)) {
          for (const [start] of ranked) {
            if (suggestions.some((s) => s.start === start)) continue;
            const end = fromMinutes(toMinutes(start) + req.durationMinutes);
            const sameDay = suggestions.filter((s) => s.start.slice(0, 10) === start.slice(0, 10));
            expect(sameDay.length === 2 || sameDay.some((s) => s.start < end && start < s.end)).toBe(true);
          }
        }
        // A free slot in the preferred half-day beats anything outside it.
        if (req.preferred && [...oracle.values()].some((c) => c.free && c.half === req.preferred)) {
          expect(oracle.get(suggestions[0]!.start)?.half).toBe(req.preferred);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic', () => {
    const req: SlotRequest = { ...morning, to: '2026-07-24', dayEnd: '18:00', travelMinutes: 20, preferred: 'afternoon', maxSuggestions: 8 };
    const shuffled = [...DAILY].reverse();
    expect(suggestSlots(req, shuffled)).toEqual(suggestSlots(req, DAILY));
  });
});
