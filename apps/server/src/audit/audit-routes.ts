import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { PeopleService } from '../people/people-service.js';
import type { Db } from '../db/db.js';
import { actorOf } from '../http/context.js';
import { appendAudit, personAccessLog } from './audit-service.js';

export function auditRoutes(app: FastifyInstance, db: Db, people: PeopleService): void {
  app
    .withTypeProvider<ZodTypeProvider>()
    .get(
      '/api/people/:id/access-log',
      { schema: { tags: ['audit'], summary: "Who accessed a person's record (director)", params: z.object({ id: z.uuid() }) } },
      async (req) => {
        const ctx = { actor: actorOf(req), requestId: req.id };
        await people.get(ctx, req.params.id); // scope check; also records that the director looked
        const log = await personAccessLog(db, req.params.id);
        await appendAudit(db, ctx, {
          action: 'person.access_log.read',
          outcome: 'allowed',
          targetType: 'person',
          targetId: req.params.id,
          facilityId: ctx.actor.facilityId,
        });
        return log;
      },
    );
}
