import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_MEALS, expandDaily, findConflicts, type BusyItem, type BusyKind, type Routine } from './schedule.js';
import { fromMinutes, toMinutes } from './time.js';

const D = '2026-07-10'; // a Friday
const item = (kind: BusyKind, label: string, start: string, end: string, who: BusyItem['who'] = 'person'): BusyItem => ({
  kind,
  label,
  start: `${D}T${start}`,
  end: `${D}T${end}`,
  who,
});
/** "label during overlap severity" for compact assertions. */
const brief = (conflicts: ReturnType<typeof findConflicts>) => conflicts.map((c) => `${c.label} ${c.during} ${c.overlapMinutes} ${c.severity}`);

describe('findConflicts', () => {
  // Trip out 09:30–10:00, appointment 10:00–11:00, trip back 11:00–11:30.
  const appt = { start: `${D}T10:00`, end: `${D}T11:00`, travelMinutes: 30 };

  it('tells the trip out, the appointment and the trip back apart', () => {
    const busy = [
      item('meal', 'Petit-déjeuner', '09:00', '09:45'),
      item('activity', 'Atelier mémoire', '10:30', '11:15'),
      item('routine', 'Toilette', '11:20', '12:00'),
    ];
    expect(brief(findConflicts(appt, busy))).toEqual([
      'Petit-déjeuner travel_out 15 warning',
      'Atelier mémoire appointment 30 warning',
      'Atelier mémoire travel_back 15 warning',
      'Toilette travel_back 10 warning',
    ]);
    // An item covering everything overlaps each phase by its whole length.
    expect(brief(findConflicts(appt, [item('staff', 'Congé', '08:00', '18:00', 'staff')]))).toEqual([
      'Congé travel_out 30 blocking',
      'Congé appointment 60 blocking',
      'Congé travel_back 30 blocking',
    ]);
  });

  it('explains each conflict in French', () => {
    const conflicts = findConflicts(appt, [
      item('meal', 'Petit-déjeuner', '09:00', '09:45'),
      { kind: 'staff', label: 'Congé', start: '2026-07-09T08:00', end: '2026-07-11T18:00', who: 'staff' },
      item('appointment', 'Dentiste', '11:00', '11:10'),
    ]);
    // By item start, then phase.
    expect(conflicts.map((c) => `${c.label} ${c.during}`)).toEqual([
      'Congé travel_out',
      'Congé appointment',
      'Congé travel_back',
      'Petit-déjeuner travel_out',
      'Dentiste travel_back',
    ]);
    const [staff, , , meal, other] = conflicts;
    expect(meal?.message).toBe('Chevauche le repas «\u00a0Petit-déjeuner\u00a0» (09:00–09:45) pendant le trajet aller');
    expect(staff?.message).toBe('Chevauche une indisponibilité de l’accompagnant «\u00a0Congé\u00a0» (du 09/07 08:00 au 11/07 18:00) pendant le trajet aller');
    expect(other?.message).toBe('Chevauche le rendez-vous «\u00a0Dentiste\u00a0» (11:00–11:10) pendant le trajet retour');
  });

  it('does not count intervals that merely touch', () => {
    const touching = [item('appointment', 'Avant', '08:00', '09:30'), item('meal', 'Déjeuner', '11:30', '12:30')];
    expect(findConflicts(appt, touching)).toEqual([]);
    // Without travel, the same items around the appointment itself only touch too.
    const internal = { ...appt, travelMinutes: 0 };
    expect(findConflicts(internal, [item('activity', 'Chorale', '09:30', '10:00'), item('routine', 'Sieste', '11:00', '12:00')])).toEqual([]);
    // One minute more and they conflict.
    expect(brief(findConflicts(internal, [item('activity', 'Chorale', '09:30', '10:01')]))).toEqual(['Chorale appointment 1 warning']);
  });

  it('blocks on appointments of the person and on anything of the staff member, warns on the rest', () => {
    const severity = (kind: BusyKind, who: BusyItem['who']) => findConflicts(appt, [item(kind, 'x', '10:00', '10:30', who)])[0]?.severity;
    expect(['appointment', 'activity', 'meal', 'routine', 'staff'].map((k) => severity(k as BusyKind, 'person'))).toEqual([
      'blocking',
      'warning',
      'warning',
      'warning',
      'blocking',
    ]);
    expect(['appointment', 'activity', 'meal', 'routine', 'staff'].map((k) => severity(k as BusyKind, 'staff'))).toEqual(Array(5).fill('blocking'));
  });

  it('sorts by start whatever the input order, and keeps the source of each item', () => {
    const busy: BusyItem[] = [
      { ...item('activity', 'Gym douce', '10:40', '11:10'), sourceType: 'activity_session', sourceId: 's-2' },
      item('meal', 'Collation', '10:15', '10:20'),
      item('routine', 'Soins', '09:00', '09:40'),
    ];
    const conflicts = findConflicts(appt, busy);
    expect(conflicts.map((c) => c.start)).toEqual([`${D}T09:00`, `${D}T10:15`, `${D}T10:40`, `${D}T10:40`]);
    expect(conflicts[2]).toMatchObject({ sourceType: 'activity_session', sourceId: 's-2', during: 'appointment', overlapMinutes: 20 });
  });

  it('refuses malformed appointments and items', () => {
    expect(() => findConflicts({ ...appt, end: appt.start }, [])).toThrow(RangeError);
    expect(() => findConflicts({ ...appt, travelMinutes: -5 }, [])).toThrow(RangeError);
    expect(() => findConflicts({ ...appt, start: '2026-07-10 10:00' }, [])).toThrow(RangeError);
    expect(() => findConflicts(appt, [item('meal', 'x', '12:00', '11:00')])).toThrow(RangeError);
  });

  it('reports exactly the minutes the item shares with each phase (property)', () => {
    const base = toMinutes(`${D}T00:00`);
    const arbItem = fc.record({ start: fc.integer({ min: 0, max: 1400 }), length: fc.integer({ min: 1, max: 300 }) });
    fc.assert(
      fc.property(
        fc.integer({ min: 300, max: 1000 }),
        fc.integer({ min: 5, max: 180 }),
        fc.integer({ min: 0, max: 90 }),
        fc.array(arbItem, { maxLength: 6 }),
        (start, duration, travel, raw) => {
          const busy: BusyItem[] = raw.map((r, i) => ({
            kind: 'activity',
            label: `a${i}`,
            start: fromMinutes(base + r.start),
            end: fromMinutes(base + r.start + r.length),
            who: 'person',
          }));
          const conflicts = findConflicts({ start: fromMinutes(base + start), end: fromMinutes(base + start + duration), travelMinutes: travel }, busy);
          const phases = {
            travel_out: [start - travel, start],
            appointment: [start, start + duration],
            travel_back: [start + duration, start + duration + travel],
          };
          for (const b of busy) {
            const [s, e] = [toMinutes(b.start) - base, toMinutes(b.end) - base];
            for (const [during, [from, to]] of Object.entries(phases) as [keyof typeof phases, number[]][]) {
              let shared = 0;
              for (let m = from!; m < to!; m++) if (m >= s && m < e) shared++;
              const found = conflicts.filter((c) => c.label === b.label && c.during === during);
              expect(found.map((c) => c.overlapMinutes)).toEqual(shared ? [shared] : []);
            }
          }
          const starts = conflicts.map((c) => c.start);
          expect(starts).toEqual([...starts].sort());
        },
      ),
    );
  });
});

describe('expandDaily', () => {
  const routines: Routine[] = [
    { label: 'Sieste', days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], start: '13:30', end: '15:00' },
    { label: 'Kinésithérapie', days: ['mon', 'wed'], start: '10:00', end: '10:30' },
    { label: 'Toilette', days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '07:30', end: '08:00' },
  ];

  it('dates the default meals on every day of the range, in order', () => {
    const items = expandDaily(DEFAULT_MEALS, [], '2026-12-31', '2027-01-02');
    expect(items).toHaveLength(12);
    expect(items.slice(0, 5).map((i) => `${i.start} ${i.end} ${i.label}`)).toEqual([
      '2026-12-31T08:00 2026-12-31T09:00 Petit-déjeuner',
      '2026-12-31T12:00 2026-12-31T13:15 Déjeuner',
      '2026-12-31T15:30 2026-12-31T16:00 Goûter',
      '2026-12-31T18:30 2026-12-31T19:30 Dîner',
      '2027-01-01T08:00 2027-01-01T09:00 Petit-déjeuner',
    ]);
    expect(items.at(-1)).toEqual({
      kind: 'meal',
      label: 'Dîner',
      start: '2027-01-02T18:30',
      end: '2027-01-02T19:30',
      who: 'person',
      sourceType: 'meal',
      sourceId: 'dinner',
    });
  });

  it('keeps routines to their weekdays', () => {
    // Friday 10 July to Wednesday 15 July 2026.
    const items = expandDaily([], routines, '2026-07-10', '2026-07-15');
    expect(items.filter((i) => i.label === 'Sieste').map((i) => i.start.slice(0, 10))).toEqual([
      '2026-07-10',
      '2026-07-11',
      '2026-07-12',
      '2026-07-13',
      '2026-07-14',
      '2026-07-15',
    ]);
    expect(items.filter((i) => i.label === 'Kinésithérapie').map((i) => i.start)).toEqual(['2026-07-13T10:00', '2026-07-15T10:00']);
    expect(items.filter((i) => i.label === 'Toilette').map((i) => i.start.slice(0, 10))).toEqual(['2026-07-10', '2026-07-13', '2026-07-14', '2026-07-15']);
    expect(items.every((i) => i.kind === 'routine' && i.who === 'person')).toBe(true);
  });

  it('sorts meals and routines together by start', () => {
    const starts = expandDaily(DEFAULT_MEALS, routines, '2026-07-13', '2026-07-13').map((i) => `${i.start.slice(11)} ${i.label}`);
    expect(starts).toEqual(['07:30 Toilette', '08:00 Petit-déjeuner', '10:00 Kinésithérapie', '12:00 Déjeuner', '13:30 Sieste', '15:30 Goûter', '18:30 Dîner']);
  });

  it('gives nothing for an empty range and refuses malformed input', () => {
    expect(expandDaily(DEFAULT_MEALS, routines, '2026-07-15', '2026-07-14')).toEqual([]);
    expect(() => expandDaily(DEFAULT_MEALS, [], '2026-07-15', '15/07/2026')).toThrow(RangeError);
    expect(() => expandDaily([{ key: 'x', label: 'Nuit', start: '21:00', end: '07:00' }], [], '2026-07-15', '2026-07-15')).toThrow(RangeError);
    expect(() => expandDaily([], [{ label: 'x', days: ['mon'], start: '9:00', end: '10:00' }], '2026-07-15', '2026-07-15')).toThrow(RangeError);
  });
});
