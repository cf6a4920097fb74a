import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/db.js';
import { actorOf } from '../http/context.js';
import { appendAudit } from '../audit/audit-service.js';

/** Pseudonymised aggregates: counts only, no identities; groups under 5 people are masked. */
export const SMALL_CELL = 5;

export function statsRoutes(app: FastifyInstance, db: Db): void {
  app.get('/api/stats/overview', { schema: { tags: ['stats'], summary: 'Aggregate counts for governance (no identities)' } }, async (req) => {
    const actor = actorOf(req);
    const rows = await db.query<{ facility_id: string; name: string; kind: string; status: string; sex: string; band: string; n: number }>(
      `SELECT f.id AS facility_id, f.name, f.kind, p.status, p.sex,
              CASE WHEN a < 60 THEN '<60' WHEN a < 75 THEN '60-74' WHEN a < 85 THEN '75-84' WHEN a < 95 THEN '85-94' ELSE '95+' END AS band,
              count(*)::int AS n
         FROM facility f JOIN (SELECT *, date_part('year', age(current_date, birth_date))::int AS a FROM person) p ON p.facility_id = f.id
        WHERE f.id = $1
        GROUP BY 1, 2, 3, 4, 5, 6`,
      [actor.facilityId],
    );
    const byFacility = new Map<
      string,
      {
        facilityId: string;
        name: string;
        kind: string;
        people: number;
        byStatus: Record<string, number>;
        bySex: Record<string, number>;
        byAgeBand: Record<string, number>;
      }
    >();
    for (const r of rows) {
      const f = byFacility.get(r.facility_id) ?? { facilityId: r.facility_id, name: r.name, kind: r.kind, people: 0, byStatus: {}, bySex: {}, byAgeBand: {} };
      f.people += r.n;
      f.byStatus[r.status] = (f.byStatus[r.status] ?? 0) + r.n;
      f.bySex[r.sex] = (f.bySex[r.sex] ?? 0) + r.n;
      f.byAgeBand[r.band] = (f.byAgeBand[r.band] ?? 0) + r.n;
      byFacility.set(r.facility_id, f);
    }
    const mask = (counts: Record<string, number>) => Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, v < SMALL_CELL ? `<${SMALL_CELL}` : v]));
    await appendAudit(
      db,
      { actor, requestId: req.id },
      { action: 'stats.overview.read', outcome: 'allowed', targetType: 'facility', targetId: actor.facilityId, facilityId: actor.facilityId },
    );
    return { facilities: [...byFacility.values()].map((f) => ({ ...f, byStatus: mask(f.byStatus), bySex: mask(f.bySex), byAgeBand: mask(f.byAgeBand) })) };
  });
}
