/**
 * The activity catalogue shipped with Présence: real activities of French EHPAD and day-care animation, as typed data.
 * Activity leaders edit their facility's copy; this is the starting point and the reference used by the recommender.
 *
 * Conventions
 * - `tags` are lowercase French interest words, using the vocabulary of people's interests (see demo/french-corpus-stories.ts:
 *   'jardinage', 'chant', 'belote', 'mots croisés'…), plus a few descriptive words matched by the life-story lexicon
 *   ('souvenirs', 'enfants', 'spiritualité', 'tâches du quotidien'…).
 * - `requiredCapacities` gives, per domain, the MAX difficulty level (0 none … 3 severe) a participant may have;
 *   a domain left out accepts every level.
 * - `contraindications` are short French phrases matched (case- and accent-insensitively, substring either way) against a
 *   person's own contraindication list.
 *
 * The data is split by theme in catalogue-*.ts files.
 */
import { CARE_ACTIVITIES } from './catalogue-care.js';
import { CREATIVE_ACTIVITIES } from './catalogue-creative.js';
import { MIND_ACTIVITIES } from './catalogue-mind.js';
import { MOVEMENT_ACTIVITIES } from './catalogue-movement.js';

import { ACTIVITY_CATEGORIES, LEADER_SKILLS, ROOM_TYPES, type ActivityCategory, type LeaderSkill, type RoomType } from '@presence/shared';

export { ACTIVITY_CATEGORIES, LEADER_SKILLS, ROOM_TYPES, type ActivityCategory, type LeaderSkill, type RoomType };

/** French labels of the categories, for explanations and screens. */
export const ACTIVITY_CATEGORY_LABELS: Record<ActivityCategory, string> = {
  memory: 'mémoire et jeux cognitifs',
  gentle_exercise: 'gymnastique douce',
  walking: 'marche',
  music: 'musique et chant',
  reminiscence: 'réminiscence',
  gardening: 'jardinage',
  cooking: 'cuisine',
  crafts: 'activités manuelles',
  sensory: 'sensoriel et détente',
  pet_visit: 'médiation animale',
  intergenerational: 'intergénérationnel',
  outing: 'sorties',
  spiritual: 'vie spirituelle',
  everyday_life: 'gestes du quotidien',
  games: 'jeux',
  wellbeing: 'bien-être',
  culture: 'culture',
};

export const CAPACITY_KEYS = ['mobility', 'vision', 'hearing', 'cognition'] as const;
export type CapacityKey = (typeof CAPACITY_KEYS)[number];

export interface CatalogueActivity {
  /** Stable slug, e.g. 'atelier-memoire-photos'. */
  key: string;
  /** French name. */
  name: string;
  /** One or two French sentences. */
  description: string;
  category: ActivityCategory;
  /** Interest words matching the corpus vocabulary (lowercase French). */
  tags: string[];
  /** Plan-goal domains the activity serves (GOAL_DOMAINS of @presence/shared). */
  goalDomains: string[];
  /** The MAX difficulty level a participant may have, per domain; a missing domain accepts every level. */
  requiredCapacities: Partial<Record<CapacityKey, 0 | 1 | 2 | 3>>;
  /** Free words matched against a person's contraindication list. */
  contraindications: string[];
  groupMin: number;
  groupMax: number;
  durationMinutes: number;
  roomType: RoomType;
  leaderSkill: LeaderSkill;
  materials: string[];
}

export const CATALOGUE: readonly CatalogueActivity[] = Object.freeze([...MIND_ACTIVITIES, ...MOVEMENT_ACTIVITIES, ...CREATIVE_ACTIVITIES, ...CARE_ACTIVITIES]);

/** The catalogue activity with this key, if any. */
export function findActivity(key: string, catalogue: readonly CatalogueActivity[] = CATALOGUE): CatalogueActivity | undefined {
  return catalogue.find((a) => a.key === key);
}
