import { z } from 'zod';
import { GOAL_DOMAINS, WEEKDAYS } from './people.js';

/** The activity catalogue's closed lists, shared by the server (validation) and the web app (forms, labels). */
export const ACTIVITY_CATEGORIES = [
  'memory',
  'gentle_exercise',
  'walking',
  'music',
  'reminiscence',
  'gardening',
  'cooking',
  'crafts',
  'sensory',
  'pet_visit',
  'intergenerational',
  'outing',
  'spiritual',
  'everyday_life',
  'games',
  'wellbeing',
  'culture',
] as const;
export type ActivityCategory = (typeof ACTIVITY_CATEGORIES)[number];

export const ROOM_TYPES = ['activity_room', 'garden', 'kitchen', 'snoezelen', 'chapel', 'outdoor', 'living_room', 'gym'] as const;
export type RoomType = (typeof ROOM_TYPES)[number];

export const LEADER_SKILLS = ['animation', 'music', 'physical', 'cooking', 'sensory', 'art', 'none'] as const;
export type LeaderSkill = (typeof LEADER_SKILLS)[number];

// ── inputs, validated by the server and typed in the web app from the same schemas ─────────────────────────────────

const words = z.array(z.string().trim().min(1).max(80)).max(30);
const level = z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]);
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM');

/** An activity of a facility's catalogue, as activity leaders add or edit it. */
export const activityWriteSchema = z
  .object({
    name: z.string().trim().min(2).max(120),
    description: z.string().trim().max(1000),
    category: z.enum(ACTIVITY_CATEGORIES),
    tags: words,
    goalDomains: z.array(z.enum(GOAL_DOMAINS)).max(8),
    requiredCapacities: z.object({ mobility: level.optional(), vision: level.optional(), hearing: level.optional(), cognition: level.optional() }).strict(),
    contraindications: words,
    groupMin: z.number().int().min(1).max(100),
    groupMax: z.number().int().min(1).max(200),
    durationMinutes: z.number().int().min(5).max(600),
    roomType: z.enum(ROOM_TYPES),
    leaderSkill: z.enum(LEADER_SKILLS),
    materials: words,
    active: z.boolean(),
  })
  .strict()
  .refine((a) => a.groupMin <= a.groupMax, { path: ['groupMax'], message: 'must be at least groupMin', params: { reason: 'below_group_min' } });
export type ActivityWrite = z.output<typeof activityWriteSchema>;

export const roomInputSchema = z
  .object({ name: z.string().trim().min(1).max(120), type: z.enum(ROOM_TYPES), capacity: z.number().int().min(1).max(500), active: z.boolean().default(true) })
  .strict();
export type RoomInput = z.output<typeof roomInputSchema>;

export const LEADING_SKILLS = LEADER_SKILLS.filter((s): s is Exclude<LeaderSkill, 'none'> => s !== 'none');
export const leaderInputSchema = z
  .object({
    skills: z.array(z.enum(LEADING_SKILLS as [Exclude<LeaderSkill, 'none'>, ...Exclude<LeaderSkill, 'none'>[]])).max(10),
    weekdays: z.array(z.enum(WEEKDAYS)).max(7),
    start: clock,
    end: clock,
    maxSessions: z.number().int().min(0).max(100),
  })
  .strict()
  .refine((l) => l.start < l.end, { path: ['end'], message: 'must be after start', params: { reason: 'before_start' } });
export type LeaderInput = z.output<typeof leaderInputSchema>;

/** One person's attendance at a session. */
export const attendanceRecordSchema = z
  .object({
    personId: z.uuid(),
    status: z.enum(['present', 'absent', 'declined']),
    engagement: z.number().int().min(0).max(3).nullable().optional(),
    moodBefore: z.number().int().min(1).max(5).nullable().optional(),
    moodAfter: z.number().int().min(1).max(5).nullable().optional(),
    note: z.string().max(500).nullable().optional(),
  })
  .strict();
export type AttendanceRecord = z.output<typeof attendanceRecordSchema>;

/** The Monday of the week holding an ISO date. */
export function mondayOf(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}
