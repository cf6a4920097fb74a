/**
 * Defaults of a French nursing-home care team and a generated team to go with them: used by the demo data, the tests
 * and the bench. Shift patterns as in many EHPAD: matin 6:45–14:15, soir 13:45–21:15, nuit 21:00–7:00, journée 12 h.
 */
import { addDays, Random } from '../lib/random.js';
import { careRulesSchema, type CoverageItem } from '@presence/shared';
import type { CareRequest, CareTeamSetting } from './care-team.js';

export const FRENCH_SHIFTS: CareTeamSetting['shifts'] = [
  { code: 'M', label: 'Matin', start: '06:45', end: '14:15', night: false },
  { code: 'S', label: 'Soir', start: '13:45', end: '21:15', night: false },
  { code: 'J', label: 'Journée', start: '08:00', end: '20:00', night: false },
  { code: 'N', label: 'Nuit', start: '21:00', end: '07:00', night: true },
];
export const DEFAULT_RULES = careRulesSchema.parse({});
/** Care workers who count as « soignants » on a shift. */
export const CARE_WORKERS = ['AS', 'AES', 'AMP'];

/** Cover of an 80-bed EHPAD, every day of the week (a little lighter on weekends). */
export function defaultCoverage(): CoverageItem[] {
  const out: CoverageItem[] = [];
  for (let weekday = 0; weekday < 7; weekday++) {
    const weekend = weekday >= 5;
    out.push(
      { weekday, shift: 'M', qualifications: ['IDE'], requirement: weekend ? 1 : 2 },
      { weekday, shift: 'S', qualifications: ['IDE'], requirement: 1 },
      { weekday, shift: 'M', qualifications: CARE_WORKERS, requirement: weekend ? 5 : 6 },
      { weekday, shift: 'S', qualifications: CARE_WORKERS, requirement: 4 },
      { weekday, shift: 'J', qualifications: CARE_WORKERS, requirement: 1 },
      { weekday, shift: 'M', qualifications: ['ASH'], requirement: 2 },
      { weekday, shift: 'N', qualifications: CARE_WORKERS, requirement: 2 },
    );
  }
  return out;
}

/** A generated team of `size` (≥ 20) for `weeks` weeks from `start` (a Monday), with leave and requests. */
export function exampleCareTeam(opts: { start: string; weeks: number; seed?: number; size?: number }): CareTeamSetting {
  const r = new Random(opts.seed ?? 1);
  const size = opts.size ?? 36;
  const H = opts.weeks * 7;
  const staff: CareTeamSetting['staff'] = [];
  const nurses = Math.round(size * 0.2);
  const ash = Math.round(size * 0.11);
  const night = Math.max(4, Math.round(size * 0.14));
  for (let i = 0; i < size; i++) {
    const q = i < nurses ? ['IDE'] : i < nurses + ash ? ['ASH'] : [r.next() < 0.7 ? 'AS' : r.next() < 0.5 ? 'AES' : 'AMP'];
    const nightStaff = i >= size - night;
    const fte = r.next() < 0.25 ? 0.8 : 1;
    const unavailable: string[] = [];
    if (r.next() < 0.2) {
      // a week of leave
      const from = Math.floor(r.next() * Math.max(1, H - 7));
      for (let d = from; d < Math.min(H, from + 7); d++) unavailable.push(addDays(opts.start, d));
    }
    staff.push({ id: `s${i + 1}`, name: `Agent ${i + 1}`, weeklyMinutes: Math.round(35 * 60 * fte), qualifications: q, nightStaff, unavailable });
  }
  const requests: CareRequest[] = [];
  for (const s of staff)
    for (let k = 0; k < 2; k++) {
      const day = Math.floor(r.next() * H);
      const off = r.next() < 0.75;
      requests.push({
        id: `r${requests.length + 1}`,
        staff: s.id,
        date: addDays(opts.start, day),
        kind: off ? 'off' : 'on',
        shift: off ? null : s.nightStaff ? 'N' : r.next() < 0.5 ? 'M' : 'S',
        weight: 1 + Math.floor(r.next() * 3),
      });
    }
  return { start: opts.start, weeks: opts.weeks, shifts: FRENCH_SHIFTS, staff, coverage: defaultCoverage(), requests, rules: DEFAULT_RULES };
}
