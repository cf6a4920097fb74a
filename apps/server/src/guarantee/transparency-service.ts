import type { Role } from '@presence/shared';
import type { Db } from '../db/db.js';
import type { Actor } from '../http/actor.js';
import { notFound, validationError } from '../http/errors.js';
import { appendAudit } from '../audit/audit-service.js';
import type { PeopleService } from '../people/people-service.js';
import * as repo from './guarantee-repository.js';
import { buildNotice, type Notice } from './notice.js';

interface Ctx {
  actor: Actor;
  requestId: string;
}

/** Per-person transparency: the notice (plain French or FALC) and requests for a human review. */
export class TransparencyService {
  constructor(
    private readonly db: Db,
    private readonly people: PeopleService,
  ) {}

  async notice(ctx: Ctx, personId: string, variant: 'plain' | 'falc', from: string, to: string): Promise<Notice> {
    if (from > to) throw validationError([{ field: 'querystring.to', reason: 'before_from', message: 'to must not be before from' }]);
    const person = await this.people.get(ctx, personId); // scope check, audited read
    const systems = await repo.listSystems(this.db, person.facilityId);
    const objections = await repo.objectionsOf(this.db, personId);
    const proposals = await this.db.query<{
      slug: string;
      created_at: Date;
      title: string;
      status: string;
      decided_by_name: string | null;
      decided_at: Date | null;
    }>(
      `SELECT s.slug, pr.created_at, pr.title, pr.status, pr.decided_at,
              CASE WHEN u.id IS NULL THEN NULL ELSE u.first_name || ' ' || u.last_name END AS decided_by_name
         FROM proposal pr JOIN ai_system s ON s.id = pr.system_id LEFT JOIN app_user u ON u.id = pr.decided_by
        WHERE pr.person_id = $1 AND pr.created_at >= $2::date AND pr.created_at < ($3::date + 1) ORDER BY pr.created_at`,
      [personId, from, to],
    );
    await appendAudit(this.db, ctx, {
      action: 'transparency.read',
      outcome: 'allowed',
      targetType: 'person',
      targetId: personId,
      facilityId: person.facilityId,
      details: { variant, from, to },
    });
    return buildNotice({
      variant,
      person: { name: `${person.firstName} ${person.lastName}`, facility: person.facilityName },
      period: { from, to },
      systems: systems.map((s) => ({
        slug: s.slug,
        name: s.name,
        purpose: s.purpose,
        falcSummary: s.falc_summary,
        dataRead: s.data_read,
        dataNeverRead: s.data_never_read,
        benefits: s.benefits,
        limits: s.limits,
        deciderRoles: s.decider_roles as Role[],
        enabled: s.enabled,
      })),
      objections: objections.map((o) => ({ slug: o.system_slug, since: o.created_at.toISOString() })),
      proposals: proposals.map((p) => ({
        slug: p.slug,
        createdAt: p.created_at.toISOString(),
        title: p.title,
        status: p.status,
        decidedBy: p.decided_by_name,
        decidedAt: p.decided_at?.toISOString() ?? null,
      })),
      now: new Date().toISOString(),
    });
  }

  /** "Demander un examen humain": a task for the coordination nurse of the person's facility. */
  async requestReview(ctx: Ctx, personId: string, input: { message: string; proposalId?: string | undefined }): Promise<{ id: string }> {
    const person = await this.people.get(ctx, personId);
    if (input.proposalId) {
      const [p] = await this.db.query('SELECT 1 FROM proposal WHERE id = $1 AND person_id = $2', [input.proposalId, personId]);
      if (!p) throw validationError([{ field: 'proposalId', reason: 'unknown', message: 'No such proposal about this person' }]);
    }
    return this.db.transaction(async (tx) => {
      const [row] = await tx.query<{ id: string }>(
        'INSERT INTO review_request (person_id, proposal_id, requested_by, message) VALUES ($1, $2, $3, $4) RETURNING id',
        [personId, input.proposalId ?? null, ctx.actor.userId, input.message],
      );
      await appendAudit(tx, ctx, {
        action: 'review_request.create',
        outcome: 'allowed',
        targetType: 'person',
        targetId: personId,
        facilityId: person.facilityId,
        details: { reviewRequestId: row!.id },
      });
      return { id: row!.id };
    });
  }

  async openReviewRequests(ctx: Ctx) {
    const rows = await this.db.query<{
      id: string;
      person_id: string;
      person_name: string;
      proposal_id: string | null;
      message: string;
      requested_by_name: string;
      requested_by_role: string;
      created_at: Date;
    }>(
      `SELECT r.id, r.person_id, p.first_name || ' ' || p.last_name AS person_name, r.proposal_id, r.message, u.first_name || ' ' || u.last_name AS requested_by_name, u.role AS requested_by_role, r.created_at
         FROM review_request r JOIN person p ON p.id = r.person_id JOIN app_user u ON u.id = r.requested_by
        WHERE p.facility_id = $1 AND r.status = 'open' ORDER BY r.created_at`,
      [ctx.actor.facilityId],
    );
    await appendAudit(this.db, ctx, {
      action: 'review_request.list',
      outcome: 'allowed',
      targetType: 'facility',
      targetId: ctx.actor.facilityId,
      facilityId: ctx.actor.facilityId,
      details: { personIds: [...new Set(rows.map((r) => r.person_id))] },
    });
    return rows.map((r) => ({
      id: r.id,
      personId: r.person_id,
      personName: r.person_name,
      proposalId: r.proposal_id,
      message: r.message,
      requestedBy: r.requested_by_name,
      requestedByRole: r.requested_by_role,
      createdAt: r.created_at.toISOString(),
    }));
  }

  async closeReviewRequest(ctx: Ctx, id: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const rows = await tx.query<{ person_id: string }>(
        `UPDATE review_request r SET status = 'done', closed_at = now(), closed_by = $2 FROM person p
          WHERE r.id = $1 AND p.id = r.person_id AND p.facility_id = $3 AND r.status = 'open' RETURNING r.person_id`,
        [id, ctx.actor.userId, ctx.actor.facilityId],
      );
      if (!rows[0]) throw notFound('Open review request');
      await appendAudit(tx, ctx, {
        action: 'review_request.close',
        outcome: 'allowed',
        targetType: 'person',
        targetId: rows[0].person_id,
        facilityId: ctx.actor.facilityId,
        details: { reviewRequestId: id },
      });
    });
  }
}
