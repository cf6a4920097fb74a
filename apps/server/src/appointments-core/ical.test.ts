import { describe, expect, it } from 'vitest';
import { toICalendar, type CalendarEvent } from './ical.js';

const NOW = new Date('2026-06-01T10:00:00Z');

interface Property {
  name: string;
  params: string;
  value: string;
}

/** A minimal RFC 5545 reader: unfolds lines, splits name;params:value and reads back TEXT escapes. */
function parse(text: string): { lines: string[]; calendar: Property[]; events: Property[][] } {
  const lines = text.replace(/\r\n[ \t]/g, '').split('\r\n');
  expect(lines.pop()).toBe(''); // the file ends with CRLF
  const calendar: Property[] = [];
  const events: Property[][] = [];
  let event: Property[] | null = null;
  for (const line of lines) {
    const match = /^([A-Z-]+)((?:;[^:]*)?):(.*)$/.exec(line);
    expect(match, line).not.toBeNull();
    const [, name, params, value] = match!;
    const property = { name: name!, params: params!, value: value! };
    if (name === 'BEGIN' && value === 'VEVENT') events.push((event = []));
    else if (name === 'END' && value === 'VEVENT') event = null;
    else (event ?? calendar).push(property);
  }
  return { lines, calendar, events };
}

const get = (properties: Property[], name: string) => properties.find((p) => p.name === name)?.value;
/** TEXT value unescaped (RFC 5545 §3.3.11). */
const unescape = (value: string | undefined) => value?.replace(/\\([\\;,nN])/g, (_, c: string) => (c.toLowerCase() === 'n' ? '\n' : c));

const event = (overrides: Partial<CalendarEvent> = {}): CalendarEvent => ({
  uid: 'appointment-42@presence',
  start: '2026-07-10T10:00',
  end: '2026-07-10T11:30',
  title: 'Consultation cardiologie',
  ...overrides,
});

describe('toICalendar', () => {
  it('writes Paris wall-clock times as UTC, summer and winter', () => {
    const { events } = parse(
      toICalendar('Rendez-vous', [event(), event({ uid: 'appointment-43@presence', start: '2026-12-10T10:00', end: '2026-12-10T10:45' })], NOW),
    );
    expect(events.map((e) => [get(e, 'UID'), get(e, 'DTSTART'), get(e, 'DTEND'), get(e, 'DTSTAMP')])).toEqual([
      ['appointment-42@presence', '20260710T080000Z', '20260710T093000Z', '20260601T100000Z'],
      ['appointment-43@presence', '20261210T090000Z', '20261210T094500Z', '20260601T100000Z'],
    ]);
  });

  it('is right across the clock changes of March and October', () => {
    const { events } = parse(
      toICalendar(
        'Rendez-vous',
        [
          // Sunday 29 March 2026, 01:00 CET to 04:00 CEST: two real hours.
          event({ uid: 'spring', start: '2026-03-29T01:00', end: '2026-03-29T04:00' }),
          // Sunday 25 October 2026, 01:00 CEST to 04:00 CET: four real hours.
          event({ uid: 'autumn', start: '2026-10-25T01:00', end: '2026-10-25T04:00' }),
          event({ uid: 'before', start: '2026-03-28T10:00', end: '2026-03-28T11:00' }),
          event({ uid: 'after', start: '2026-10-26T10:00', end: '2026-10-26T11:00' }),
        ],
        NOW,
      ),
    );
    expect(events.map((e) => `${get(e, 'UID')} ${get(e, 'DTSTART')} ${get(e, 'DTEND')}`)).toEqual([
      'spring 20260329T000000Z 20260329T020000Z',
      'autumn 20261024T230000Z 20261025T030000Z',
      'before 20260328T090000Z 20260328T100000Z',
      'after 20261026T090000Z 20261026T100000Z',
    ]);
  });

  it('does not depend on the time zone of the server', () => {
    const previous = process.env.TZ;
    const reference = toICalendar('Rendez-vous', [event()], NOW);
    try {
      for (const tz of ['America/New_York', 'Asia/Tokyo', 'UTC']) {
        process.env.TZ = tz;
        expect(toICalendar('Rendez-vous', [event()], NOW)).toBe(reference);
      }
    } finally {
      if (previous === undefined) delete process.env.TZ;
      else process.env.TZ = previous;
    }
  });

  it('escapes commas, semicolons, backslashes and line breaks, and keeps accents', () => {
    const title = 'Cardiologie, Dr Lefèvre; salle 2';
    const description = 'Apporter l’ordonnance\net la carte Vitale, ECG\\bilan.\r\nÀ jeun : non';
    const location = 'Hôpital Saint-Joseph, 185 rue Raymond Losserand; Paris 14e';
    const text = toICalendar(
      'Résidence Les Tilleuls, rendez-vous',
      [event({ title, description, location, status: 'TENTATIVE', categories: ['Santé, suivi', 'Cardiologie'] })],
      NOW,
    );
    const { lines, calendar, events } = parse(text);
    const [e] = events;
    expect(unescape(get(e!, 'SUMMARY'))).toBe(title);
    expect(unescape(get(e!, 'DESCRIPTION'))).toBe(description.replace('\r\n', '\n'));
    expect(unescape(get(e!, 'LOCATION'))).toBe(location);
    expect(get(e!, 'STATUS')).toBe('TENTATIVE');
    expect(get(e!, 'CATEGORIES')).toBe('Santé\\, suivi,Cardiologie');
    expect(unescape(get(calendar, 'X-WR-CALNAME'))).toBe('Résidence Les Tilleuls, rendez-vous');
    expect(lines).toContain('SUMMARY:Cardiologie\\, Dr Lefèvre\\; salle 2');
    // No raw line break inside a value: every line is a property.
    expect(lines.every((l) => !/[\r\n]/.test(l))).toBe(true);
  });

  it('folds long lines at 75 octets, never inside a character, with CRLF line endings', () => {
    const description = `${'Prévoir un accompagnement, fauteuil roulant et dossier de liaison. '.repeat(6)}Écrire à l’équipe 👩‍⚕️ après.`;
    const text = toICalendar('Rendez-vous', [event({ description })], NOW);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const physical = text.split('\r\n');
    for (const line of physical) {
      expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
      // A split surrogate pair would not survive the UTF-8 round trip.
      expect(Buffer.from(line, 'utf8').toString('utf8')).toBe(line);
    }
    expect(physical.filter((l) => l.startsWith(' ')).length).toBeGreaterThan(5);
    expect(unescape(get(parse(text).events[0]!, 'DESCRIPTION'))).toBe(description);
  });

  it('writes one VEVENT per event inside one VCALENDAR', () => {
    const text = toICalendar('Rendez-vous', [event({ uid: 'a' }), event({ uid: 'b', status: 'CANCELLED' }), event({ uid: 'c' })], NOW);
    const { lines, calendar, events } = parse(text);
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines.at(-1)).toBe('END:VCALENDAR');
    expect(get(calendar, 'VERSION')).toBe('2.0');
    expect(get(calendar, 'PRODID')).toBe('-//Presence//Rendez-vous//FR');
    expect(events.map((e) => `${get(e, 'UID')} ${get(e, 'STATUS') ?? '-'}`)).toEqual(['a -', 'b CANCELLED', 'c -']);
    expect(parse(toICalendar('Vide', [], NOW)).events).toEqual([]);
  });

  it('refuses impossible events and reports the errors of ics', () => {
    expect(() => toICalendar('x', [event({ end: '2026-07-10T10:00' })], NOW)).toThrow(RangeError);
    expect(() => toICalendar('x', [event({ start: '10/07/2026 10:00' })], NOW)).toThrow(RangeError);
    expect(() => toICalendar('x', [event({ uid: '' })], NOW)).toThrow(RangeError);
    expect(() => toICalendar('x', [event({ status: 'DONE' as never })], NOW)).toThrow(/iCalendar generation failed/);
  });
});
