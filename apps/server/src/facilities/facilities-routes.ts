import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/db.js';
import { actorOf } from '../http/context.js';

/** Facilities the user may see: their own; relatives see the facilities of their people. */
export function facilitiesRoutes(app: FastifyInstance, db: Db): void {
  app.get('/api/facilities', { schema: { tags: ['facilities'], summary: 'Facilities within your scope' } }, async (req) => {
    const actor = actorOf(req);
    return actor.role === 'relative'
      ? db.query(
          'SELECT DISTINCT f.id, f.name, f.kind, f.finess FROM facility f JOIN person p ON p.facility_id = f.id WHERE p.id = ANY($1::uuid[]) ORDER BY f.name',
          [actor.personIds],
        )
      : db.query('SELECT id, name, kind, finess FROM facility WHERE id = $1', [actor.facilityId]);
  });
}
