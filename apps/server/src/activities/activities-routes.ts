import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/context.js';
import { activityWriteSchema } from '@presence/shared';
import type { ActivitiesService } from './activities-service.js';

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
