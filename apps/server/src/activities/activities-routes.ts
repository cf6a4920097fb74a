import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/context.js';
import { GOAL_DOMAINS } from '@presence/shared';
import type { ActivitiesService } from './activities-service.js';
import { ACTIVITY_CATEGORIES, LEADER_SKILLS, ROOM_TYPES } from './catalogue.js';

const words = z.array(z.string().trim().min(1).max(80)).max(30);
const level = z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]);
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

export function activitiesRoutes(app: FastifyInstance, activities: ActivitiesService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: { id: string; actor: unknown }) => ({ actor: actorOf(req as never), requestId: req.id });
  const tags = ['activities'];
  const params = z.object({ id: z.uuid() });

  r.get(
    '/api/activities',
    {
      schema: {
        tags,
        summary: "The facility's activity catalogue (retired activities too with includeRetired=true)",
        querystring: z.object({ includeRetired: z.stringbool().default(false) }),
      },
    },
    (req) => activities.catalogue(ctx(req), req.query.includeRetired),
  );
  r.post('/api/activities', { schema: { tags, summary: 'Add an activity to the facility catalogue', body: activityWriteSchema } }, async (req, reply) =>
    reply.code(201).send(await activities.createActivity(ctx(req), req.body)),
  );
  r.put(
    '/api/activities/:id',
    { schema: { tags, summary: 'Edit an activity of the facility catalogue (active: false retires it)', params, body: activityWriteSchema } },
    (req) => activities.updateActivity(ctx(req), req.params.id, req.body),
  );
  r.post(
    '/api/people/:id/activity-recommendations',
    { schema: { tags, summary: 'Run the activity recommender for a person: creates a proposal (409 when the feature is off or the person objected)', params } },
    async (req, reply) => reply.code(201).send(await activities.recommendFor(ctx(req), req.params.id)),
  );
  r.get('/api/people/:id/activities', { schema: { tags, summary: "The person's suggested activities (from a decided proposal, labelled)", params } }, (req) =>
    activities.suggestionsOf(ctx(req), req.params.id),
  );
}
