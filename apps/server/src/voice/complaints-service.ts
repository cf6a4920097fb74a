import type { z } from 'zod';
import {
  COMPLAINT_DEADLINES,
  COMPLAINT_NEXT,
  type COMPLAINT_STATUSES,
  type complaintInputSchema,
  type complaintQualifySchema,
  type complaintTransitionSchema,
} from '@presence/shared';
import type { Db, Queryable } from '../db/db.js';
import type { Actor } from '../http/actor.js';
import { appendAudit } from '../audit/audit-service.js';
import { AppError, notFound, validationError } from '../http/errors.js';
import { median } from '../lib/stats.js';

interface Ctx {
  actor: Actor;
  requestId: string;
}

type Status = (typeof COMPLAINT_STATUSES)[number];
const DAY = 86_400_000;

interface Links {
  proposalIds: string[];
  systemSlugs: string[];
}

/**
 * Complaints (plaintes et réclamations): recorded with who, channel, what and the person concerned; qualified (category,
 * AI involved with the proposals and features concerned); a workflow with deadlines; statistics for the CVS with the
 * AI-related ones apart. An AI-related complaint's proposals are flagged for the review panel's next sample.
 */
export class ComplaintsService {
  constructor(private readonly db: Db) {}

  private facility(ctx: Ctx): string {
    if (!ctx.actor.facilityId) throw new AppError('forbidden', 'This needs a staff account of a facility');
    return ctx.actor.facilityId;
  }

  /** Checks the person and the links belong to the facility; returns the features' ids. Nothing is written on failure. */
  private async checkRefs(q: Queryable, facilityId: string, personId: string | null, links: Links): Promise<{ systemIds: string[] }> {
    const issues = [];
    if (personId) {
      const [p] = await q.query('SELECT id FROM person WHERE id = $1 AND facility_id = $2', [personId, facilityId]);
      if (!p) issues.push({ field: 'personId', reason: 'not_in_facility', message: 'This person is not one of your facility’s' });
    }
    if (links.proposalIds.length) {
      const found = await q.query<{ id: string }>('SELECT id FROM proposal WHERE id = ANY($1::uuid[]) AND facility_id = $2', [links.proposalIds, facilityId]);
      for (const [k, id] of links.proposalIds.entries())
        if (!found.some((f) => f.id === id))
          issues.push({ field: `links.proposalIds.${k}`, reason: 'unknown_proposal', message: 'No such proposal in your facility' });
    }
    const systems = links.systemSlugs.length
      ? await q.query<{ id: string; slug: string }>('SELECT id, slug FROM ai_system WHERE facility_id = $1 AND slug = ANY($2::text[])', [
          facilityId,
          links.systemSlugs,
        ])
      : [];
    for (const [k, slug] of links.systemSlugs.entries())
      if (!systems.some((s) => s.slug === slug))
        issues.push({ field: `links.systemSlugs.${k}`, reason: 'unknown_feature', message: 'No such AI feature in the register' });
    if (issues.length) throw validationError(issues);
    return { systemIds: systems.map((s) => s.id) };
  }

  private async writeLinks(q: Queryable, complaintId: string, links: Links, systemIds: string[]): Promise<void> {
    await q.query('DELETE FROM complaint_link WHERE complaint_id = $1', [complaintId]);
    for (const id of links.proposalIds) await q.query('INSERT INTO complaint_link (complaint_id, proposal_id) VALUES ($1, $2)', [complaintId, id]);
    for (const id of systemIds) await q.query('INSERT INTO complaint_link (complaint_id, system_id) VALUES ($1, $2)', [complaintId, id]);
  }

  async create(ctx: Ctx, input: z.output<typeof complaintInputSchema>) {
    const facilityId = this.facility(ctx);
    const received = Date.parse(input.receivedAt);
    if (received > Date.now() + 10 * 60_000)
      throw validationError([{ field: 'receivedAt', reason: 'in_the_future', message: 'A complaint is recorded once received' }]);
    if (input.aiInvolved === false && (input.links.proposalIds.length || input.links.systemSlugs.length))
      throw validationError([{ field: 'aiInvolved', reason: 'links_without_ai', message: 'Links to AI proposals or features make the complaint AI-related' }]);
    const id = await this.db.transaction(async (tx) => {
      const { systemIds } = await this.checkRefs(tx, facilityId, input.personId, input.links);
      const [row] = await tx.query<{ id: string }>(
        `INSERT INTO complaint (facility_id, person_id, received_at, channel, complainant_kind, complainant_name, subject, description, category, ai_involved,
                                acknowledge_by, answer_by, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
        [
          facilityId,
          input.personId,
          input.receivedAt,
          input.channel,
          input.complainantKind,
          input.complainantName,
          input.subject,
          input.description,
          input.category ?? (input.aiInvolved ? 'ai' : null),
          input.aiInvolved,
          new Date(received + COMPLAINT_DEADLINES.acknowledgeDays * DAY),
          new Date(received + COMPLAINT_DEADLINES.answerDays * DAY),
          ctx.actor.userId,
        ],
      );
      await this.writeLinks(tx, row!.id, input.links, systemIds);
      await tx.query("INSERT INTO complaint_event (complaint_id, by_user, to_status, note) VALUES ($1, $2, 'received', '')", [row!.id, ctx.actor.userId]);
      await appendAudit(tx, ctx, {
        action: 'complaint.create',
        outcome: 'allowed',
        targetType: input.personId ? 'person' : 'facility',
        targetId: input.personId ?? facilityId,
        facilityId,
        details: { complaintId: row!.id, channel: input.channel, aiInvolved: input.aiInvolved },
      });
      return row!.id;
    });
    return this.get(ctx, id);
  }

  async qualify(ctx: Ctx, id: string, input: z.output<typeof complaintQualifySchema>) {
    const facilityId = this.facility(ctx);
    if (!input.aiInvolved && (input.links.proposalIds.length || input.links.systemSlugs.length))
      throw validationError([{ field: 'aiInvolved', reason: 'links_without_ai', message: 'Links to AI proposals or features make the complaint AI-related' }]);
    await this.db.transaction(async (tx) => {
      const c = await this.inScope(tx, facilityId, id);
      if (c.status === 'closed') throw new AppError('conflict', 'This complaint is closed');
      const { systemIds } = await this.checkRefs(tx, facilityId, null, input.links);
      await tx.query('UPDATE complaint SET category = $2, ai_involved = $3 WHERE id = $1', [id, input.category, input.aiInvolved]);
      await this.writeLinks(tx, id, input.links, systemIds);
      await appendAudit(tx, ctx, {
        action: 'complaint.qualify',
        outcome: 'allowed',
        targetType: 'facility',
        targetId: facilityId,
        facilityId,
        details: { complaintId: id, category: input.category, aiInvolved: input.aiInvolved, proposals: input.links.proposalIds.length },
      });
    });
    return this.get(ctx, id);
  }

  async transition(ctx: Ctx, id: string, input: z.output<typeof complaintTransitionSchema>) {
    const facilityId = this.facility(ctx);
    if (input.to === 'answered' && !input.answer)
      throw validationError([{ field: 'answer', reason: 'required', message: 'The answer given to the complainant is recorded with it' }]);
    await this.db.transaction(async (tx) => {
      const c = await this.inScope(tx, facilityId, id);
      if (!COMPLAINT_NEXT[c.status].includes(input.to)) throw new AppError('conflict', `A complaint cannot go from ${c.status} to ${input.to}`);
      const stamp = { acknowledged: 'acknowledged_at', investigating: null, answered: 'answered_at', closed: 'closed_at' }[input.to];
      await tx.query(
        `UPDATE complaint SET status = $2${stamp ? `, ${stamp} = COALESCE(${stamp}, now())` : ''}${input.to === 'answered' ? ', answer = $3' : ''} WHERE id = $1`,
        input.to === 'answered' ? [id, input.to, input.answer] : [id, input.to],
      );
      // Answering acknowledges too, if that step was skipped.
      if (input.to === 'answered') await tx.query('UPDATE complaint SET acknowledged_at = COALESCE(acknowledged_at, now()) WHERE id = $1', [id]);
      await tx.query('INSERT INTO complaint_event (complaint_id, by_user, from_status, to_status, note) VALUES ($1, $2, $3, $4, $5)', [
        id,
        ctx.actor.userId,
        c.status,
        input.to,
        input.note,
      ]);
      await appendAudit(tx, ctx, {
        action: 'complaint.transition',
        outcome: 'allowed',
        targetType: 'facility',
        targetId: facilityId,
        facilityId,
        details: { complaintId: id, from: c.status, to: input.to },
      });
    });
    return this.get(ctx, id);
  }

  private async inScope(q: Queryable, facilityId: string, id: string) {
    const [c] = await q.query<{ id: string; status: Status }>('SELECT id, status FROM complaint WHERE id = $1 AND facility_id = $2 FOR UPDATE', [
      id,
      facilityId,
    ]);
    if (!c) throw notFound('Complaint');
    return c;
  }

  /** The facility's complaints, newest first, with what is overdue. */
  async list(ctx: Ctx, filter: { aiInvolved?: boolean; status?: string }) {
    const facilityId = this.facility(ctx);
    const rows = await this.db.query<Row>(
      `${SELECT} WHERE c.facility_id = $1 AND ($2::boolean IS NULL OR c.ai_involved = $2) AND ($3::text IS NULL OR c.status = $3)
        ORDER BY c.received_at DESC LIMIT 500`,
      [facilityId, filter.aiInvolved ?? null, filter.status ?? null],
    );
    await appendAudit(this.db, ctx, {
      action: 'complaint.list',
      outcome: 'allowed',
      targetType: 'facility',
      targetId: facilityId,
      facilityId,
      details: { count: rows.length },
    });
    return rows.map(present);
  }

  async get(ctx: Ctx, id: string) {
    const facilityId = this.facility(ctx);
    const [row] = await this.db.query<Row>(`${SELECT} WHERE c.id = $1 AND c.facility_id = $2`, [id, facilityId]);
    if (!row) throw notFound('Complaint');
    const links = await this.db.query<{ proposal_id: string | null; title: string | null; status: string | null; slug: string | null; name: string | null }>(
      `SELECT l.proposal_id, pr.title, pr.status, COALESCE(s.slug, ps.slug) AS slug, COALESCE(s.name, ps.name) AS name
         FROM complaint_link l LEFT JOIN proposal pr ON pr.id = l.proposal_id LEFT JOIN ai_system ps ON ps.id = pr.system_id LEFT JOIN ai_system s ON s.id = l.system_id
        WHERE l.complaint_id = $1`,
      [id],
    );
    const events = await this.db.query<{ at: Date; by: string; from_status: string | null; to_status: string; note: string }>(
      `SELECT e.at, u.first_name || ' ' || u.last_name AS by, e.from_status, e.to_status, e.note FROM complaint_event e JOIN app_user u ON u.id = e.by_user
        WHERE e.complaint_id = $1 ORDER BY e.id`,
      [id],
    );
    await appendAudit(this.db, ctx, {
      action: 'complaint.read',
      outcome: 'allowed',
      targetType: row.person_id ? 'person' : 'facility',
      targetId: row.person_id ?? facilityId,
      facilityId,
      details: { complaintId: id },
    });
    return {
      ...present(row),
      description: row.description,
      answer: row.answer,
      proposals: links
        .filter((l) => l.proposal_id)
        .map((l) => ({ id: l.proposal_id!, title: l.title!, status: l.status!, systemSlug: l.slug!, systemName: l.name! })),
      features: links.filter((l) => !l.proposal_id).map((l) => ({ slug: l.slug!, name: l.name! })),
      events: events.map((e) => ({ at: e.at.toISOString(), by: e.by, from: e.from_status, to: e.to_status, note: e.note })),
    };
  }

  /**
   * Figures for the CVS (or CDU) over a period: counts by category, channel and status, time to acknowledge and to
   * answer, overdue ones, and the AI-related complaints apart (with the features concerned). Counts only, no identities.
   */
  async stats(ctx: Ctx, from: string, to: string) {
    const facilityId = this.facility(ctx);
    await appendAudit(this.db, ctx, {
      action: 'complaint.stats',
      outcome: 'allowed',
      targetType: 'facility',
      targetId: facilityId,
      facilityId,
      details: { from, to },
    });
    return this.statsFor(facilityId, from, to);
  }

  /** The figures of a facility (the caller audits the read). */
  async statsFor(facilityId: string, from: string, to: string) {
    const rows = await this.db.query<{
      category: string | null;
      channel: string;
      status: string;
      ai_involved: boolean;
      received_at: Date;
      acknowledged_at: Date | null;
      answered_at: Date | null;
      acknowledge_by: Date;
      answer_by: Date;
      features: string[] | null;
    }>(
      `SELECT c.category, c.channel, c.status, c.ai_involved, c.received_at, c.acknowledged_at, c.answered_at, c.acknowledge_by, c.answer_by,
              (SELECT array_agg(DISTINCT COALESCE(s.slug, ps.slug)) FROM complaint_link l LEFT JOIN ai_system s ON s.id = l.system_id
                 LEFT JOIN proposal pr ON pr.id = l.proposal_id LEFT JOIN ai_system ps ON ps.id = pr.system_id WHERE l.complaint_id = c.id) AS features
         FROM complaint c WHERE c.facility_id = $1 AND c.received_at >= $2::date AND c.received_at < $3::date + 1`,
      [facilityId, from, to],
    );
    const now = Date.now();
    const part = (subset: typeof rows) => {
      const count = <K extends string>(key: (r: (typeof rows)[number]) => K | null) => {
        const out: Record<string, number> = {};
        for (const r of subset) {
          const k = key(r) ?? 'unqualified';
          out[k] = (out[k] ?? 0) + 1;
        }
        return out;
      };
      const days = (a: Date | null, b: Date) => (a ? (a.getTime() - b.getTime()) / DAY : null);
      const median1 = (xs: number[]) => {
        const m = median(xs);
        return m === null ? null : Math.round(m * 10) / 10;
      };
      return {
        total: subset.length,
        byCategory: count((r) => r.category),
        byChannel: count((r) => r.channel),
        byStatus: count((r) => r.status),
        medianDaysToAcknowledge: median1(subset.map((r) => days(r.acknowledged_at, r.received_at)).filter((x): x is number => x !== null)),
        medianDaysToAnswer: median1(subset.map((r) => days(r.answered_at, r.received_at)).filter((x): x is number => x !== null)),
        answeredLate: subset.filter((r) => r.answered_at && r.answered_at > r.answer_by).length,
        overdue: subset.filter(
          (r) =>
            (r.acknowledged_at === null && r.status !== 'closed' && r.acknowledge_by.getTime() < now) ||
            (r.answered_at === null && r.status !== 'closed' && r.answer_by.getTime() < now),
        ).length,
      };
    };
    const ai = rows.filter((r) => r.ai_involved);
    const byFeature: Record<string, number> = {};
    for (const r of ai) for (const f of r.features ?? []) byFeature[f] = (byFeature[f] ?? 0) + 1;
    return { from, to, all: part(rows), aiRelated: { ...part(ai), byFeature }, other: part(rows.filter((r) => !r.ai_involved)) };
  }
}

const SELECT = `SELECT c.id, c.person_id, p.first_name || ' ' || p.last_name AS person_name, c.received_at, c.channel, c.complainant_kind, c.complainant_name,
       c.subject, c.description, c.category, c.ai_involved, c.status, c.acknowledge_by, c.answer_by, c.acknowledged_at, c.answered_at, c.closed_at, c.answer,
       (SELECT count(*)::int FROM complaint_link l WHERE l.complaint_id = c.id AND l.proposal_id IS NOT NULL) AS proposals
  FROM complaint c LEFT JOIN person p ON p.id = c.person_id`;

interface Row {
  id: string;
  person_id: string | null;
  person_name: string | null;
  received_at: Date;
  channel: string;
  complainant_kind: string;
  complainant_name: string;
  subject: string;
  description: string;
  category: string | null;
  ai_involved: boolean;
  status: Status;
  acknowledge_by: Date;
  answer_by: Date;
  acknowledged_at: Date | null;
  answered_at: Date | null;
  closed_at: Date | null;
  answer: string | null;
  proposals: number;
}

function present(r: Row) {
  const now = Date.now();
  return {
    id: r.id,
    personId: r.person_id,
    personName: r.person_name,
    receivedAt: r.received_at.toISOString(),
    channel: r.channel,
    complainantKind: r.complainant_kind,
    complainantName: r.complainant_name,
    subject: r.subject,
    category: r.category,
    aiInvolved: r.ai_involved,
    status: r.status,
    acknowledgeBy: r.acknowledge_by.toISOString(),
    answerBy: r.answer_by.toISOString(),
    acknowledgedAt: r.acknowledged_at?.toISOString() ?? null,
    answeredAt: r.answered_at?.toISOString() ?? null,
    closedAt: r.closed_at?.toISOString() ?? null,
    linkedProposals: r.proposals,
    overdue:
      r.status !== 'closed' && ((r.acknowledged_at === null && r.acknowledge_by.getTime() < now) || (r.answered_at === null && r.answer_by.getTime() < now)),
  };
}
