import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { missedEventInputSchema } from '@presence/shared';
import type { Db } from '../db/db.js';
import type { Actor } from '../http/actor.js';
import { actorOf } from '../http/context.js';
import { appendAudit } from '../audit/audit-service.js';
import { AppError, notFound, validationError } from '../http/errors.js';

interface Ctx {
  actor: Actor;
  requestId: string;
}

/** Before an event, the alerts of this many days are the ones that could have announced it. */
export const MISSED_WINDOW_DAYS = 14;

/**
 * Missed events: deteriorations telemonitoring did not flag in time (a hospitalisation, an emergency, a decompensation
 * found at a visit), recorded by the care team. The review panel's sample flags the alerts dismissed in the days
 * before one (`alert_missed`) and lists the events no alert announced.
 */
export class MissedEventsService {
  constructor(private readonly db: Db) {}

  private async person(ctx: Ctx, personId: string): Promise<string> {
    if (!ctx.actor.facilityId) throw new AppError('forbidden', 'This needs a staff account of a facility');
    const [p] = await this.db.query<{ id: string }>('SELECT id FROM person WHERE id = $1 AND facility_id = $2', [personId, ctx.actor.facilityId]);
    if (!p) throw notFound('Person');
    return ctx.actor.facilityId;
  }

  async record(ctx: Ctx, personId: string, input: z.output<typeof missedEventInputSchema>) {
    const facilityId = await this.person(ctx, personId);
    if (Date.parse(input.occurredAt) > Date.now() + 10 * 60_000)
      throw validationError([{ field: 'occurredAt', reason: 'in_the_future', message: 'A missed event is recorded once it has happened' }]);
    return this.db.transaction(async (tx) => {
      const [row] = await tx.query<{ id: string }>(
        `INSERT INTO tm_missed_event (facility_id, person_id, occurred_at, kind, parameter, description, recorded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [facilityId, personId, input.occurredAt, input.kind, input.parameter, input.description, ctx.actor.userId],
      );
      await appendAudit(tx, ctx, {
        action: 'telemonitoring.missed_event.record',
        outcome: 'allowed',
        targetType: 'person',
        targetId: personId,
        facilityId,
        details: { eventId: row!.id, kind: input.kind },
      });
      return { id: row!.id };
    });
  }

  async list(ctx: Ctx, personId: string) {
    const facilityId = await this.person(ctx, personId);
    const rows = await this.db.query<{
      id: string;
      occurred_at: Date;
      kind: string;
      parameter: string | null;
      description: string;
      recorded_by: string;
      alerts_before: number;
    }>(
      `SELECT m.id, m.occurred_at, m.kind, m.parameter, m.description, u.first_name || ' ' || u.last_name AS recorded_by,
              (SELECT count(*)::int FROM tm_alert a WHERE a.person_id = m.person_id AND a.at <= m.occurred_at
                  AND a.at > m.occurred_at - make_interval(days => ${MISSED_WINDOW_DAYS})) AS alerts_before
         FROM tm_missed_event m JOIN app_user u ON u.id = m.recorded_by WHERE m.person_id = $1 ORDER BY m.occurred_at DESC`,
      [personId],
    );
    await appendAudit(this.db, ctx, {
      action: 'telemonitoring.missed_event.read',
      outcome: 'allowed',
      targetType: 'person',
      targetId: personId,
      facilityId,
      details: { count: rows.length },
    });
    return rows.map((r) => ({
      id: r.id,
      occurredAt: r.occurred_at.toISOString(),
      kind: r.kind,
      parameter: r.parameter,
      description: r.description,
      recordedBy: r.recorded_by,
      alertsBefore: r.alerts_before,
    }));
  }
}

export function missedEventRoutes(app: FastifyInstance, service: MissedEventsService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: { id: string; actor: unknown }) => ({ actor: actorOf(req as never), requestId: req.id });
  const tags = ['telemonitoring'];
  const params = z.object({ id: z.uuid() });
  r.get(
    '/api/people/:id/telemonitoring/missed-events',
    { schema: { tags, summary: 'Deteriorations telemonitoring did not flag in time, with the alerts of the days before', params } },
    (req) => service.list(ctx(req), req.params.id),
  );
  r.post(
    '/api/people/:id/telemonitoring/missed-events',
    { schema: { tags, summary: 'Record a deterioration telemonitoring did not flag in time (for the review panel)', params, body: missedEventInputSchema } },
    async (req, reply) => reply.code(201).send(await service.record(ctx(req), req.params.id, req.body)),
  );
}
