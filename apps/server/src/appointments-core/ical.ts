/**
 * iCalendar (RFC 5545) export of appointments, built with the `ics` package.
 *
 * Times are written in UTC (`DTSTART:20260710T080000Z`): every calendar client shows them right in its own zone,
 * with no VTIMEZONE to maintain. The Paris wall-clock times are converted with the time-zone database
 * (wallClockToUtc), so summer and winter time are both right.
 *
 * Two gaps of ics 3.12 are filled here: it folds lines at 75 characters, not 75 octets (a line of accented text can
 * exceed the RFC limit), so the output is refolded; and it does not escape the calendar name nor the categories.
 */
import { createEvents, type EventAttributes } from 'ics';
import { wallClockToUtc } from './time.js';

export interface CalendarEvent {
  /** Stable across exports (e.g. `appointment-<id>@presence`): calendar clients update the event by UID. */
  uid: string;
  /** Local wall-clock `YYYY-MM-DDTHH:MM`, Europe/Paris. */
  start: string;
  end: string;
  title: string;
  description?: string;
  location?: string;
  status?: 'CONFIRMED' | 'CANCELLED' | 'TENTATIVE';
  categories?: string[];
}

const PRODUCT_ID = '-//Presence//Rendez-vous//FR';
/** RFC 5545 §3.1: content lines SHOULD NOT be longer than 75 octets, excluding the line break. */
const MAX_LINE_OCTETS = 75;

/** Line breaks as LF only (ics escapes `\r?\n`, not a lone CR), other control characters dropped (forbidden in TEXT). */
const cleanText = (text: string) => text.replace(/\r\n?/g, '\n').replace(/[\x00-\x08\x0b-\x1f\x7f]/g, ''); // eslint-disable-line no-control-regex

/** TEXT escaping (RFC 5545 §3.3.11), for the values ics writes as given. */
const escapeText = (text: string) =>
  cleanText(text)
    .replace(/[\\;,]/g, (c) => `\\${c}`)
    .replace(/\n/g, '\\n');

const utf8Length = (codePoint: number) => (codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4);

/** Folds a content line into chunks of at most 75 octets, continuation lines starting with a space, never inside a character. */
function foldLine(line: string): string {
  const chunks: string[] = [];
  let chunk = '';
  let octets = 0;
  let limit = MAX_LINE_OCTETS;
  for (const char of line) {
    const size = utf8Length(char.codePointAt(0)!);
    if (octets + size > limit) {
      chunks.push(chunk);
      [chunk, octets, limit] = ['', 0, MAX_LINE_OCTETS - 1]; // the leading space counts
    }
    chunk += char;
    octets += size;
  }
  chunks.push(chunk);
  return chunks.join('\r\n ');
}

/**
 * A VCALENDAR with one VEVENT per event, times in UTC converted from Europe/Paris wall-clock times, CRLF line endings.
 * `now` is the DTSTAMP of every event (when the file was produced); pass it for a reproducible output.
 * Throws RangeError on a malformed time, an event not ending after it starts or an empty uid, Error if ics reports one.
 */
export function toICalendar(calendarName: string, events: readonly CalendarEvent[], now: Date = new Date()): string {
  // `timestamp` (DTSTAMP) is accepted by ics's schema but missing from its type declarations.
  const attributes = events.map((event): EventAttributes & { timestamp: number } => {
    const start = wallClockToUtc(event.start).getTime();
    const end = wallClockToUtc(event.end).getTime();
    if (end <= start) throw new RangeError(`Event ${event.uid} ends at ${event.end}, not after its start ${event.start}`);
    if (!event.uid) throw new RangeError(`Event « ${event.title} » has no uid`);
    return {
      uid: event.uid,
      timestamp: now.getTime(),
      start,
      end,
      startInputType: 'utc',
      startOutputType: 'utc',
      endInputType: 'utc',
      endOutputType: 'utc',
      title: cleanText(event.title),
      description: event.description === undefined ? undefined : cleanText(event.description),
      location: event.location === undefined ? undefined : cleanText(event.location),
      status: event.status,
      categories: event.categories?.map(escapeText),
    };
  });
  const { error, value } = createEvents(attributes, { productId: PRODUCT_ID, calName: escapeText(calendarName) });
  if (error || value === null) throw new Error(`iCalendar generation failed: ${error?.message ?? 'no output'}`, { cause: error });
  // Unfold what ics folded (CRLF + one space or tab), then fold again by octets.
  return value
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .map(foldLine)
    .join('\r\n');
}
