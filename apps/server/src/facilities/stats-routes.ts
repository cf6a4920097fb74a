import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/db.js';
import { actorOf } from '../http/context.js';
import { appendAudit } from '../audit/audit-service.js';
import { peopleCounts } from './facilities-repository.js';

/** Pseudonymised aggregates: counts only, no identities; groups under 5 people are masked. */
export const SMALL_CELL = 5;

export function statsRoutes(app: FastifyInstance, db: Db): void {
  app.get('/api/stats/overview', { schema: { tags: ['stats'], summary: 'Aggregate counts for governance (no identities)' } }, async (req) => {
    const actor = actorOf(req);
    const rows = await peopleCounts(db, actor.facilityId);
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
