import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addMinutes,
  dateOfDay,
  dayNumber,
  fromMinutes,
  isDate,
  isLocalDateTime,
  isTimeOfDay,
  minuteOfDay,
  toMinutes,
  wallClockToUtc,
  weekdayOf,
} from './time.js';

describe('wall-clock time', () => {
  it('accepts real dates and times only', () => {
    expect([isDate('2026-07-10'), isDate('2028-02-29'), isDate('2026-02-29'), isDate('2026-13-01'), isDate('2026-7-10'), isDate('0050-01-01')]).toEqual([
      true,
      true,
      false,
      false,
      false,
      false,
    ]);
    expect([isTimeOfDay('00:00'), isTimeOfDay('23:59'), isTimeOfDay('24:00'), isTimeOfDay('9:30'), isTimeOfDay('12:60')]).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
    expect([isLocalDateTime('2026-07-10T09:30'), isLocalDateTime('2026-07-10 09:30'), isLocalDateTime('2026-07-10T09:30:00'), isLocalDateTime(42)]).toEqual([
      true,
      false,
      false,
      false,
    ]);
    expect(() => toMinutes('2026-02-30T10:00')).toThrow(RangeError);
    expect(() => minuteOfDay('25:00')).toThrow(RangeError);
    expect(() => dayNumber('hier')).toThrow(RangeError);
  });

  it('adds minutes across days, months and years, with 1440 minutes even on clock-change days', () => {
    expect(addMinutes('2026-12-31T23:30', 45)).toBe('2027-01-01T00:15');
    expect(addMinutes('2026-03-01T00:10', -20)).toBe('2026-02-28T23:50');
    expect(addMinutes('2026-03-29T01:30', 60)).toBe('2026-03-29T02:30'); // wall-clock arithmetic, not instants
    expect(toMinutes('2026-03-30T00:00') - toMinutes('2026-03-29T00:00')).toBe(1440);
  });

  it('names the weekday of a date', () => {
    expect(['2026-07-10', '2026-07-11', '2026-07-12', '2026-07-13', '2026-12-31'].map(weekdayOf)).toEqual(['fri', 'sat', 'sun', 'mon', 'thu']);
  });

  it('round-trips minutes and days', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 * 366 * 1440 }), (m) => {
        expect(toMinutes(fromMinutes(m))).toBe(m);
        const day = Math.floor(m / 1440);
        expect(dayNumber(dateOfDay(day))).toBe(day);
      }),
    );
  });

  it('converts Paris wall-clock time to UTC with the offset of the day, clock changes included', () => {
    const utc = (local: string) => wallClockToUtc(local).toISOString().slice(0, 16);
    expect(utc('2026-07-10T10:00')).toBe('2026-07-10T08:00');
    expect(utc('2026-12-10T10:00')).toBe('2026-12-10T09:00');
    // 29 March 2026: 02:00 CET becomes 03:00 CEST; 02:30 does not exist and moves forward by the gap.
    expect(utc('2026-03-29T01:59')).toBe('2026-03-29T00:59');
    expect(utc('2026-03-29T02:30')).toBe('2026-03-29T01:30');
    expect(utc('2026-03-29T03:00')).toBe('2026-03-29T01:00');
    // 25 October 2026: 03:00 CEST becomes 02:00 CET; 02:30 happens twice, the first (summer) one is taken.
    expect(utc('2026-10-25T01:30')).toBe('2026-10-24T23:30');
    expect(utc('2026-10-25T02:30')).toBe('2026-10-25T00:30');
    expect(utc('2026-10-25T03:00')).toBe('2026-10-25T02:00');
    expect(utc('2026-01-01T00:30')).toBe('2025-12-31T23:30');
  });

  it('agrees with Intl on every half hour of a year: the instant shows the same wall clock in Paris', () => {
    const paris = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'short' });
    const start = toMinutes('2026-01-01T00:00');
    for (let m = start; m < start + 365 * 1440; m += 30) {
      const local = fromMinutes(m);
      const instant = wallClockToUtc(local);
      // Skipped times (the spring gap) land one hour later; every other time shows itself.
      const shown = paris.format(instant).replace(' ', 'T');
      if (shown !== local) expect(shown).toBe(addMinutes(local, 60));
    }
  });
});
