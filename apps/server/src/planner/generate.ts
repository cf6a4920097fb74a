/**
 * Generates a realistic weekly planning instance for N residents of an EHPAD (or a group of EHPADs beyond 80 people):
 * people from the demo generator with their recommendation scores from the real recommender, rooms and activity
 * leaders in proportion, appointments and fatigue limits. Deterministic for a given seed.
 */
import { CATALOGUE } from '../activities/catalogue.js';
import { recommend, type PersonForRecommendation } from '../activities/recommender.js';
import { generatePeople, type DemoPerson } from '../demo/generate.js';
import { Random } from '../lib/random.js';
import { INSTANCE_FORMAT, type PlanningInstance } from './instance.js';
import { addDays } from '../lib/random.js';
import { defaultSlots, mondayOf, planningActivity } from './week-template.js';

export const DEFAULT_WEEK = '2026-11-30';

/** Rooms of one 80-resident unit: [name, type, capacity] (also the demo EHPAD's rooms). */
export const UNIT_ROOMS: [string, string, number][] = [
  ["Salle d'animation", 'activity_room', 14],
  ['Grand salon', 'living_room', 12],
  ['Petit salon', 'living_room', 8],
  ['Jardin thérapeutique', 'garden', 16],
  ['Cuisine thérapeutique', 'kitchen', 8],
  ['Espace Snoezelen', 'snoezelen', 4],
  ['Chapelle', 'chapel', 30],
  ['Salle de motricité', 'gym', 10],
  ['Minibus (sorties)', 'outdoor', 8],
];

/** Leaders of one unit: [role, skills, weekdays worked (0 = Monday), window]. */
const UNIT_LEADERS: [string, string[], number[], [string, string]][] = [
  ['Animatrice', ['animation', 'art', 'music', 'cooking'], [0, 1, 2, 3, 4], ['09:30', '17:30']],
  ['Animateur', ['animation', 'art', 'cooking'], [1, 2, 3, 4, 5], ['09:30', '17:30']],
  ['Enseignante APA', ['physical', 'animation'], [0, 1, 3, 4], ['09:00', '17:00']],
  ['Psychomotricienne', ['sensory', 'physical'], [0, 2, 4], ['09:00', '17:30']],
  ['Musicothérapeute', ['music'], [1, 3], ['13:30', '17:30']],
];

export function personForRecommendation(p: DemoPerson, id: string): PersonForRecommendation {
  const capacities: PersonForRecommendation['capacities'] = {};
  for (const c of [...p.capacities].sort((a, b) => b.assessedOn.localeCompare(a.assessedOn))) capacities[c.domain] ??= c.level;
  return {
    id,
    interests: p.profile.interests,
    dislikes: p.profile.dislikes,
    lifeStory: p.profile.lifeStory,
    capacities,
    contraindications: [],
    openGoals: (p.carePlan?.goals ?? []).filter((g) => g.status === 'open').map((g, k) => ({ id: `${id}-g${k}`, title: g.title, domain: g.domain })),
    history: [],
  };
}

export function generateInstance(opts: { people: number; seed: string; week?: string }): PlanningInstance {
  const week = mondayOf(opts.week ?? DEFAULT_WEEK);
  const rng = new Random(`plan/${opts.seed}`);
  const { people } = generatePeople({ count: opts.people, seed: `plan-${opts.seed}`, facilityKeys: [{ key: 'ehpad', kind: 'ehpad' }] });
  const units = Math.max(1, Math.ceil(opts.people / 80));
  const slots = defaultSlots(week);
  const rooms: PlanningInstance['rooms'] = [];
  const leaders: PlanningInstance['leaders'] = [];
  for (let u = 1; u <= units; u++) {
    const suffix = units > 1 ? ` (unité ${u})` : '';
    const site = units > 1 ? `unite-${u}` : '';
    UNIT_ROOMS.forEach(([name, type, capacity], i) => rooms.push({ id: `u${u}-r${i + 1}`, name: `${name}${suffix}`, type, capacity, site }));
    UNIT_LEADERS.forEach(([role, skills, days, [start, end]], i) =>
      leaders.push({
        id: `u${u}-l${i + 1}`,
        name: `${role}${suffix}`,
        skills,
        available: days.map((d) => ({ date: addDays(week, d), start, end })),
        maxSessions: 10,
        site,
      }),
    );
  }
  const planPeople: PlanningInstance['people'] = people.map((p, i) => {
    const id = `p${String(i + 1).padStart(5, '0')}`;
    const reco = recommend(personForRecommendation(p, id), CATALOGUE, { limit: 10, maxPerCategory: 3 });
    const levels = p.capacities.map((c) => c.level);
    const frail = levels.some((l) => l >= 3);
    const appointments: PlanningInstance['people'][number]['appointments'] = [];
    const count = rng.weightedIndex([5, 3, 2]);
    for (let k = 0; k < count; k++) {
      const s = rng.pick(slots);
      const hour = Number(s.start.slice(0, 2)) + rng.int(0, 1);
      appointments.push({ date: s.date, start: `${String(hour).padStart(2, '0')}:00`, end: `${String(hour + 1).padStart(2, '0')}:00` });
    }
    return {
      id,
      name: `${p.firstName} ${p.lastName}`,
      days: p.attendanceDays.length ? p.attendanceDays : ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
      appointments,
      maxPerDay: frail ? 1 : 2,
      goals: [...new Set((p.carePlan?.goals ?? []).filter((g) => g.status === 'open').map((g) => g.domain))],
      site: units > 1 ? `unite-${1 + Math.floor(i / 80)}` : '',
      scores: Object.fromEntries(reco.recommendations.map((r) => [r.activityKey, Math.max(0.001, Math.round(r.score * 1000) / 1000)])),
    };
  });
  const used = new Set(planPeople.flatMap((p) => Object.keys(p.scores)));
  const activities = CATALOGUE.filter((a) => used.has(a.key)).map((a) => planningActivity(a));
  return {
    format: INSTANCE_FORMAT,
    week,
    slots,
    rooms,
    leaders,
    activities,
    people: planPeople,
    weights: { preference: 1, coverage: 0.5 },
  };
}
