/**
 * The weekly activity-planning instance: everything the planner needs, as one JSON document that can be written by the
 * app, by `presence plan generate`, or by hand, and solved outside the app. The format is documented field by field in
 * docs/activity-planning.md; this zod schema is its executable definition.
 */
import { z } from 'zod';
import { WEEKDAYS } from '@presence/shared';

export const INSTANCE_FORMAT = 'presence.activity-week/1';

const id = z.string().min(1).max(120);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM');
const window = z.object({ date: isoDate, start: clock, end: clock }).refine((w) => w.start < w.end, { message: 'start must be before end', path: ['end'] });

export const instanceSchema = z
  .object({
    format: z.literal(INSTANCE_FORMAT),
    /** Monday of the planned week. */
    week: isoDate,
    slots: z
      .array(z.object({ id, date: isoDate, start: clock, end: clock }).refine((s) => s.start < s.end, { message: 'start must be before end', path: ['end'] }))
      .min(1)
      .max(100),
    rooms: z
      .array(
        z.object({
          id,
          name: z.string().max(200).default(''),
          type: z.string().min(1).max(40),
          capacity: z.number().int().min(1).max(500),
          /** Site (building, unit) the room belongs to; people and leaders only meet in rooms of their own site. */
          site: z.string().max(120).default(''),
        }),
      )
      .max(1000),
    leaders: z
      .array(
        z.object({
          id,
          name: z.string().max(200).default(''),
          skills: z.array(z.string().min(1).max(40)).max(20),
          /** Windows when the leader can lead a session; a session must fit inside one. */
          available: z.array(window).max(200),
          maxSessions: z.number().int().min(0).max(100).default(20),
          site: z.string().max(120).default(''),
        }),
      )
      .max(1000),
    activities: z
      .array(
        z.object({
          id,
          name: z.string().max(200).default(''),
          category: z.string().max(40).default(''),
          /** Room types where the activity can take place. */
          roomTypes: z.array(z.string().min(1).max(40)).min(1).max(10),
          /** Skill the leader must have; 'none' means any leader. */
          skill: z.string().min(1).max(40),
          groupMin: z.number().int().min(1).max(500),
          groupMax: z.number().int().min(1).max(500),
          minutes: z.number().int().min(5).max(600),
          goalDomains: z.array(z.string().min(1).max(40)).max(10).default([]),
          /** Sessions per week at most, per site. */
          maxSessions: z.number().int().min(0).max(100).default(3),
        }),
      )
      .min(1)
      .max(2000),
    people: z
      .array(
        z.object({
          id,
          name: z.string().max(200).default(''),
          /** Days the person is there (day-care attendance days; every day for residents). */
          days: z.array(z.enum(WEEKDAYS)).max(7),
          /** Booked appointments: the person cannot attend a session that overlaps one. */
          appointments: z.array(window).max(100).default([]),
          /** Fatigue limit: sessions per day at most. */
          maxPerDay: z.number().int().min(0).max(10).default(2),
          /** Plan-goal domains of the person's open goals. */
          goals: z.array(z.string().min(1).max(40)).max(20).default([]),
          /** Recommendation score in (0, 1] per activity id; an activity not listed is not proposed to the person. */
          scores: z.record(id, z.number().gt(0).max(1)),
          site: z.string().max(120).default(''),
        }),
      )
      .max(20000),
    weights: z
      .object({
        preference: z.number().min(0).max(100).default(1),
        coverage: z.number().min(0).max(100).default(0.5),
        /** Per unit of the least-served person's preference total; default 0.1 × number of people. */
        fairness: z.number().min(0).max(10000).optional(),
      })
      .default({ preference: 1, coverage: 0.5 }),
  })
  .superRefine((inst, ctx) => {
    const unique = (list: { id: string }[], key: string) => {
      const seen = new Set<string>();
      list.forEach((x, i) => {
        if (seen.has(x.id)) ctx.addIssue({ code: 'custom', path: [key, i, 'id'], message: `duplicate id '${x.id}'` });
        seen.add(x.id);
      });
    };
    unique(inst.slots, 'slots');
    unique(inst.rooms, 'rooms');
    unique(inst.leaders, 'leaders');
    unique(inst.activities, 'activities');
    unique(inst.people, 'people');
    const activities = new Set(inst.activities.map((a) => a.id));
    inst.activities.forEach((a, i) => {
      if (a.groupMin > a.groupMax) ctx.addIssue({ code: 'custom', path: ['activities', i, 'groupMin'], message: 'groupMin must not exceed groupMax' });
    });
    inst.people.forEach((p, i) => {
      for (const key of Object.keys(p.scores))
        if (!activities.has(key)) ctx.addIssue({ code: 'custom', path: ['people', i, 'scores', key], message: `unknown activity '${key}'` });
    });
  });

export type PlanningInstance = z.output<typeof instanceSchema>;
export type PlanningInstanceInput = z.input<typeof instanceSchema>;

export class InstanceError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
    this.name = 'InstanceError';
  }
}

/** Parse and validate an instance; the error names the first bad field (e.g. `people.3.scores.gym`). */
export function parseInstance(value: unknown): PlanningInstance {
  const parsed = instanceSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InstanceError(issue.path.length ? issue.path.join('.') : '(root)', issue.message);
  }
  return parsed.data;
}

/** Parse instance text (JSON); a syntax error is reported as such. */
export function parseInstanceText(text: string): PlanningInstance {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new InstanceError('(file)', `not valid JSON: ${(err as Error).message}`);
  }
  return parseInstance(value);
}
