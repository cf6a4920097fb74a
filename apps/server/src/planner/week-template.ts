/**
 * The default shape of an animation week, shared by the instance generator and the app: slots, the room types an
 * activity may use, and how a catalogue activity becomes a planning activity.
 */
import type { CatalogueActivity } from '../activities/catalogue.js';
import type { PlanningInstance } from './instance.js';
import { addDays } from '../lib/random.js';

type Slot = PlanningInstance['slots'][number];
type Activity = PlanningInstance['activities'][number];

export { mondayOf } from '@presence/shared';

const DAY_CODES = ['lun', 'mar', 'mer', 'jeu', 'ven', 'sam', 'dim'];

/**
 * Monday–Friday: morning 10:00–12:00, afternoon 14:30–16:30, late afternoon 16:45–17:30; Wednesday afternoon is a long
 * slot for outings (14:00–17:30, no late slot); Saturday afternoon 15:00–17:00.
 */
export function defaultSlots(monday: string): Slot[] {
  const slots: Slot[] = [];
  for (let d = 0; d < 6; d++) {
    const date = addDays(monday, d);
    const code = DAY_CODES[d]!;
    if (d === 5) {
      slots.push({ id: `${code}-pm`, date, start: '15:00', end: '17:00' });
      continue;
    }
    slots.push({ id: `${code}-am`, date, start: '10:00', end: '12:00' });
    if (d === 2) slots.push({ id: `${code}-pm`, date, start: '14:00', end: '17:30' });
    else {
      slots.push({ id: `${code}-pm`, date, start: '14:30', end: '16:30' });
      slots.push({ id: `${code}-late`, date, start: '16:45', end: '17:30' });
    }
  }
  return slots;
}

/** Room types an activity may use besides its own: activities of the activity room also fit a lounge, and so on. */
const ALSO_FITS: Record<string, string[]> = {
  activity_room: ['living_room'],
  living_room: ['activity_room'],
  gym: ['activity_room'],
};

export function planningActivity(a: CatalogueActivity, maxSessions = 3): Activity {
  return {
    id: a.key,
    name: a.name,
    category: a.category,
    roomTypes: [a.roomType, ...(ALSO_FITS[a.roomType] ?? [])],
    skill: a.leaderSkill,
    groupMin: a.groupMin,
    groupMax: a.groupMax,
    minutes: a.durationMinutes,
    goalDomains: a.goalDomains,
    maxSessions,
  };
}
