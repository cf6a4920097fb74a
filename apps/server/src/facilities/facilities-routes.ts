import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/db.js';
import { actorOf } from '../http/context.js';
import * as repo from './facilities-repository.js';

/** Facilities the user may see: their own; relatives see the facilities of their people. */
export function facilitiesRoutes(app: FastifyInstance, db: Db): void {
  app.get('/api/facilities', { schema: { tags: ['facilities'], summary: 'Facilities within your scope' } }, async (req) => {
    const actor = actorOf(req);
    return actor.role === 'relative' ? repo.facilitiesOfPeople(db, actor.personIds) : repo.facilityById(db, actor.facilityId);
  });
}
