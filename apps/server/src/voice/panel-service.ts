import { randomInt } from 'node:crypto';
import type { z } from 'zod';
import type {
  Role,
  panelActionInputSchema,
  panelActionUpdateSchema,
  panelFindingSchema,
  panelMemberInputSchema,
  panelSampleInputSchema,
  panelSessionInputSchema,
} from '@presence/shared';
import type { Db, Queryable } from '../db/db.js';
import type { Actor } from '../http/actor.js';
import { appendAudit } from '../audit/audit-service.js';
import { AppError, notFound, validationError } from '../http/errors.js';
import { createRandom, hashString } from '../lib/random.js';
import { MISSED_WINDOW_DAYS } from '../telemonitoring/missed-events.js';
import { TM_SLUG } from '../telemonitoring/telemonitoring-feature.js';

interface Ctx {
  actor: Actor;
  requestId: string;
}

/** The roles that see people's names in the panel's items; every other reviewer sees pseudonyms. */
export const PANEL_SEES_NAMES: readonly Role[] = ['director', 'head_of_care', 'coordination_nurse', 'physician'];
/**
 * The sampling algorithm, kept with every sample. strat-v1: the feature's proposals decided in the period (and before
 * the draw), ordered by id; in each stratum (accepted, amended, rejected) `perStratum` drawn by the seeded generator
 * (lib/random, sample); plus every proposal flagged by a complaint, an objection after it, a review request or a
 * telemonitoring alert later confirmed; plus up to OVERRIDE_CAP overrides (amended or rejected) drawn by the same seed.
 */
export const SAMPLING_ALGORITHM = 'strat-v1';
const STRATA = ['accepted', 'amended', 'rejected'] as const;
const OVERRIDE_CAP = 20;

interface Candidate {
  id: string;
  status: (typeof STRATA)[number];
  flags: string[];
}

export class PanelService {
  constructor(private readonly db: Db) {}

  private facility(ctx: Ctx): string {
    if (!ctx.actor.facilityId) throw new AppError('forbidden', 'This needs a staff account of a facility');
    return ctx.actor.facilityId;
  }

  // ---- members and sessions ----

  async members(ctx: Ctx) {
    const rows = await this.db.query<{ id: string; name: string; kind: string; user_id: string | null; active: boolean }>(
      'SELECT id, name, kind, user_id, active FROM panel_member WHERE facility_id = $1 ORDER BY active DESC, kind, name',
      [this.facility(ctx)],
    );
    return rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind, userId: r.user_id, active: r.active }));
  }

  async addMember(ctx: Ctx, input: z.output<typeof panelMemberInputSchema>) {
    const facilityId = this.facility(ctx);
    if (input.userId) {
      const [u] = await this.db.query('SELECT id FROM app_user WHERE id = $1 AND facility_id = $2', [input.userId, facilityId]);
      if (!u) throw validationError([{ field: 'userId', reason: 'not_in_facility', message: 'No such account in your facility' }]);
    }
    await this.db.transaction(async (tx) => {
      const [row] = await tx.query<{ id: string }>('INSERT INTO panel_member (facility_id, name, kind, user_id) VALUES ($1, $2, $3, $4) RETURNING id', [
        facilityId,
        input.name,
        input.kind,
        input.userId,
      ]);
      await appendAudit(tx, ctx, {
        action: 'panel.member.add',
        outcome: 'allowed',
        targetType: 'facility',
        targetId: facilityId,
        facilityId,
        details: { memberId: row!.id },
      });
    });
    return this.members(ctx);
  }

  async sessions(ctx: Ctx) {
    const rows = await this.db.query<{
      id: string;
      held_on: string;
      title: string;
      status: string;
      samples: number;
      items: number;
      reviewed: number;
      actions: number;
    }>(
      `SELECT s.id, to_char(s.held_on, 'YYYY-MM-DD') AS held_on, s.title, s.status,
              (SELECT count(*)::int FROM panel_sample x WHERE x.session_id = s.id) AS samples,
              (SELECT count(*)::int FROM panel_item i JOIN panel_sample x ON x.id = i.sample_id WHERE x.session_id = s.id) AS items,
              (SELECT count(*)::int FROM panel_item i JOIN panel_sample x ON x.id = i.sample_id WHERE x.session_id = s.id AND i.finding IS NOT NULL) AS reviewed,
              (SELECT count(*)::int FROM panel_action a WHERE a.session_id = s.id) AS actions
         FROM panel_session s WHERE s.facility_id = $1 ORDER BY s.held_on DESC`,
      [this.facility(ctx)],
    );
    return rows.map((r) => ({
      id: r.id,
      heldOn: r.held_on,
      title: r.title,
      status: r.status,
      samples: r.samples,
      items: r.items,
      reviewed: r.reviewed,
      actions: r.actions,
    }));
  }

  async createSession(ctx: Ctx, input: z.output<typeof panelSessionInputSchema>) {
    const facilityId = this.facility(ctx);
    const id = await this.db.transaction(async (tx) => {
      await this.checkMembers(tx, facilityId, input.memberIds);
      const [row] = await tx.query<{ id: string }>(
        'INSERT INTO panel_session (facility_id, held_on, title, notes, member_ids, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
        [facilityId, input.heldOn, input.title, input.notes, input.memberIds, ctx.actor.userId],
      );
      await appendAudit(tx, ctx, {
        action: 'panel.session.create',
        outcome: 'allowed',
        targetType: 'facility',
        targetId: facilityId,
        facilityId,
        details: { sessionId: row!.id },
      });
      return row!.id;
    });
    return this.session(ctx, id);
  }

  async updateSession(ctx: Ctx, id: string, input: z.output<typeof panelSessionInputSchema>) {
    const facilityId = this.facility(ctx);
    await this.db.transaction(async (tx) => {
      const s = await this.sessionInScope(tx, facilityId, id);
      if (s.status === 'closed') throw new AppError('conflict', 'This session is closed');
      await this.checkMembers(tx, facilityId, input.memberIds);
      await tx.query('UPDATE panel_session SET held_on = $2, title = $3, notes = $4, member_ids = $5 WHERE id = $1', [
        id,
        input.heldOn,
        input.title,
        input.notes,
        input.memberIds,
      ]);
    });
    return this.session(ctx, id);
  }

  async closeSession(ctx: Ctx, id: string) {
    const facilityId = this.facility(ctx);
    await this.db.transaction(async (tx) => {
      const s = await this.sessionInScope(tx, facilityId, id);
      if (s.status === 'closed') throw new AppError('conflict', 'This session is already closed');
      const [open] = await tx.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM panel_item i JOIN panel_sample x ON x.id = i.sample_id WHERE x.session_id = $1 AND i.finding IS NULL',
        [id],
      );
      if (open!.n > 0) throw new AppError('conflict', `${open!.n} item(s) have no finding yet`);
      await tx.query("UPDATE panel_session SET status = 'closed' WHERE id = $1", [id]);
      await appendAudit(tx, ctx, {
        action: 'panel.session.close',
        outcome: 'allowed',
        targetType: 'facility',
        targetId: facilityId,
        facilityId,
        details: { sessionId: id },
      });
    });
    return this.session(ctx, id);
  }

  private async checkMembers(q: Queryable, facilityId: string, ids: string[]) {
    if (!ids.length) return;
    const found = await q.query<{ id: string }>('SELECT id FROM panel_member WHERE facility_id = $1 AND id = ANY($2::uuid[])', [facilityId, ids]);
    const issues = ids
      .map((id, k) => (found.some((f) => f.id === id) ? null : { field: `memberIds.${k}`, reason: 'unknown_member', message: 'No such panel member' }))
      .filter((x) => x !== null);
    if (issues.length) throw validationError(issues);
  }

  private async sessionInScope(q: Queryable, facilityId: string, id: string) {
    const [s] = await q.query<{ id: string; status: string }>('SELECT id, status FROM panel_session WHERE id = $1 AND facility_id = $2', [id, facilityId]);
    if (!s) throw notFound('Panel session');
    return s;
  }

  /** A session with its members, samples and items (pseudonymised unless the reader's role sees names) and actions. */
  async session(ctx: Ctx, id: string, opts: { pseudonymise?: boolean } = {}) {
    const facilityId = this.facility(ctx);
    const [s] = await this.db.query<{ id: string; held_on: string; title: string; notes: string; status: string; member_ids: string[] }>(
      "SELECT id, to_char(held_on, 'YYYY-MM-DD') AS held_on, title, notes, status, member_ids FROM panel_session WHERE id = $1 AND facility_id = $2",
      [id, facilityId],
    );
    if (!s) throw notFound('Panel session');
    const names = !opts.pseudonymise && PANEL_SEES_NAMES.includes(ctx.actor.role);
    const members = await this.db.query<{ id: string; name: string; kind: string }>(
      'SELECT id, name, kind FROM panel_member WHERE id = ANY($1::uuid[]) ORDER BY kind, name',
      [s.member_ids],
    );
    const samples = await this.db.query<{
      id: string;
      slug: string;
      system_name: string;
      period_from: string;
      period_to: string;
      per_stratum: number;
      seed: number;
      algorithm: string;
      population: number;
      drawn_at: Date;
      drawn_by: string;
    }>(
      `SELECT x.id, a.slug, a.name AS system_name, to_char(x.period_from, 'YYYY-MM-DD') AS period_from, to_char(x.period_to, 'YYYY-MM-DD') AS period_to, x.per_stratum,
              x.seed, x.algorithm, x.population, x.drawn_at, u.first_name || ' ' || u.last_name AS drawn_by
         FROM panel_sample x JOIN ai_system a ON a.id = x.system_id JOIN app_user u ON u.id = x.drawn_by WHERE x.session_id = $1 ORDER BY x.drawn_at`,
      [id],
    );
    const items = await this.items(
      samples.map((x) => x.id),
      names,
    );
    const missed = await this.missedEvents(facilityId, samples, names);
    const actions = await this.db.query<{
      id: string;
      slug: string | null;
      kind: string;
      description: string;
      owner_name: string;
      due_on: string;
      status: string;
    }>(
      `SELECT a.id, s.slug, a.kind, a.description, a.owner_name, to_char(a.due_on, 'YYYY-MM-DD') AS due_on, a.status
         FROM panel_action a LEFT JOIN ai_system s ON s.id = a.system_id WHERE a.session_id = $1 ORDER BY a.created_at`,
      [id],
    );
    await appendAudit(this.db, ctx, {
      action: 'panel.session.read',
      outcome: 'allowed',
      targetType: 'facility',
      targetId: facilityId,
      facilityId,
      details: { sessionId: id, pseudonymised: !names },
    });
    return {
      id: s.id,
      heldOn: s.held_on,
      title: s.title,
      notes: s.notes,
      status: s.status,
      pseudonymised: !names,
      members: members.map((m) => ({ id: m.id, name: m.name, kind: m.kind })),
      samples: samples.map((x) => ({
        id: x.id,
        systemSlug: x.slug,
        systemName: x.system_name,
        from: x.period_from,
        to: x.period_to,
        perStratum: x.per_stratum,
        seed: x.seed,
        algorithm: x.algorithm,
        population: x.population,
        drawnAt: x.drawn_at.toISOString(),
        drawnBy: x.drawn_by,
        items: items.filter((i) => i.sampleId === x.id),
        missedEvents: missed.filter((m) => m.sampleId === x.id),
      })),
      actions: actions.map((a) => ({
        id: a.id,
        systemSlug: a.slug,
        kind: a.kind,
        description: a.description,
        ownerName: a.owner_name,
        dueOn: a.due_on,
        status: a.status,
      })),
    };
  }

  /**
   * For telemonitoring samples: the deteriorations recorded in the sample's period and what came before each within
   * the window — no alert (no rule caught it), an alert dismissed, or one confirmed. Pseudonymised as the items are.
   */
  private async missedEvents(facilityId: string, samples: { id: string; slug: string; period_from: string; period_to: string }[], names: boolean) {
    const out: {
      sampleId: string;
      person: string;
      occurredAt: string;
      kind: string;
      parameter: string | null;
      description: string;
      before: 'no_alert' | 'dismissed' | 'confirmed';
    }[] = [];
    for (const x of samples.filter((s) => s.slug === TM_SLUG)) {
      const rows = await this.db.query<{
        person_id: string;
        first_name: string;
        last_name: string;
        occurred_at: Date;
        kind: string;
        parameter: string | null;
        description: string;
        alerts: number;
        confirmed: number;
      }>(
        `SELECT m.person_id, p.first_name, p.last_name, m.occurred_at, m.kind, m.parameter, m.description,
                count(a.id)::int AS alerts, count(a.id) FILTER (WHERE a.outcome = 'confirmed')::int AS confirmed
           FROM tm_missed_event m JOIN person p ON p.id = m.person_id
           LEFT JOIN tm_alert a ON a.person_id = m.person_id AND a.at <= m.occurred_at AND a.at > m.occurred_at - make_interval(days => ${MISSED_WINDOW_DAYS})
          WHERE m.facility_id = $1 AND m.occurred_at >= $2::date AND m.occurred_at < $3::date + 1
          GROUP BY m.id, p.first_name, p.last_name ORDER BY m.occurred_at`,
        [facilityId, x.period_from, x.period_to],
      );
      for (const r of rows) {
        const pseudonym = `Personne ${hashString(`${x.id}:${r.person_id}`, 4).toUpperCase()}`;
        out.push({
          sampleId: x.id,
          person: names ? `${r.first_name} ${r.last_name}` : pseudonym,
          occurredAt: r.occurred_at.toISOString(),
          kind: r.kind,
          parameter: r.parameter,
          description: names ? r.description : redactName(r.description, r.first_name, r.last_name, pseudonym),
          before: r.alerts === 0 ? 'no_alert' : r.confirmed > 0 ? 'confirmed' : 'dismissed',
        });
      }
    }
    return out;
  }

  private async items(sampleIds: string[], names: boolean) {
    if (!sampleIds.length) return [];
    const rows = await this.db.query<{
      id: string;
      sample_id: string;
      proposal_id: string;
      stratum: string | null;
      flags: string[];
      finding: string | null;
      problem_category: string | null;
      comment: string;
      reviewed_by: string | null;
      reviewed_at: Date | null;
      title: string;
      kind: string;
      status: string;
      explanation: { summary?: string };
      decision_reason: string | null;
      created_at: Date;
      decided_at: Date | null;
      decider_role: string | null;
      person_id: string | null;
      first_name: string | null;
      last_name: string | null;
    }>(
      `SELECT i.id, i.sample_id, i.proposal_id, i.stratum, i.flags, i.finding, i.problem_category, i.comment,
              CASE WHEN r.id IS NULL THEN NULL ELSE r.first_name || ' ' || r.last_name END AS reviewed_by, i.reviewed_at,
              pr.title, pr.kind, pr.status, pr.explanation, pr.decision_reason, pr.created_at, pr.decided_at, d.role AS decider_role,
              pr.person_id, p.first_name, p.last_name
         FROM panel_item i JOIN proposal pr ON pr.id = i.proposal_id LEFT JOIN person p ON p.id = pr.person_id
         LEFT JOIN app_user d ON d.id = pr.decided_by LEFT JOIN app_user r ON r.id = i.reviewed_by
        WHERE i.sample_id = ANY($1::uuid[]) ORDER BY i.sample_id, i.stratum NULLS LAST, pr.decided_at`,
      [sampleIds],
    );
    return rows.map((r) => {
      const pseudonym = r.person_id ? `Personne ${hashString(`${r.sample_id}:${r.person_id}`, 4).toUpperCase()}` : null;
      const redact = (text: string | null | undefined) =>
        names || !r.first_name || !r.last_name || text == null ? (text ?? null) : redactName(text, r.first_name, r.last_name, pseudonym!);
      return {
        id: r.id,
        sampleId: r.sample_id,
        proposalId: r.proposal_id,
        stratum: r.stratum,
        flags: r.flags,
        finding: r.finding,
        problemCategory: r.problem_category,
        comment: r.comment,
        reviewedBy: r.reviewed_by,
        reviewedAt: r.reviewed_at?.toISOString() ?? null,
        person: names && r.first_name ? `${r.first_name} ${r.last_name}` : pseudonym,
        title: redact(r.title)!,
        kind: r.kind,
        decision: r.status,
        summary: redact(r.explanation.summary ?? ''),
        decisionReason: redact(r.decision_reason),
        deciderRole: r.decider_role,
        proposedAt: r.created_at.toISOString(),
        decidedAt: r.decided_at?.toISOString() ?? null,
      };
    });
  }

  // ---- samples ----

  /** The population a sample is drawn from, with each proposal's flags; ordered by id so a draw is reproducible. */
  private async population(q: Queryable, systemId: string, from: string, to: string, drawnAt: Date): Promise<Candidate[]> {
    const rows = await q.query<{
      id: string;
      status: Candidate['status'];
      complaint: boolean;
      objection: boolean;
      review: boolean;
      confirmed: boolean;
      missed: boolean;
    }>(
      `SELECT pr.id, pr.status,
              EXISTS (SELECT 1 FROM complaint_link l WHERE l.proposal_id = pr.id) AS complaint,
              EXISTS (SELECT 1 FROM objection o JOIN ai_system s ON s.slug = o.system_slug AND s.id = pr.system_id
                       WHERE o.person_id = pr.person_id AND o.created_at >= pr.created_at AND o.created_at <= $4) AS objection,
              EXISTS (SELECT 1 FROM review_request rr WHERE rr.proposal_id = pr.id) AS review,
              EXISTS (SELECT 1 FROM tm_alert a WHERE a.proposal_id = pr.id AND a.outcome = 'confirmed') AS confirmed,
              -- an alert not confirmed, then a deterioration of the same person within the window, recorded before the draw
              EXISTS (SELECT 1 FROM tm_alert a JOIN tm_missed_event m ON m.person_id = a.person_id
                       WHERE a.proposal_id = pr.id AND a.outcome IS DISTINCT FROM 'confirmed' AND m.occurred_at >= a.at
                         AND m.occurred_at < a.at + make_interval(days => ${MISSED_WINDOW_DAYS}) AND m.created_at <= $4) AS missed
         FROM proposal pr
        WHERE pr.system_id = $1 AND pr.status IN ('accepted', 'amended', 'rejected')
          AND pr.decided_at >= $2::date AND pr.decided_at < $3::date + 1 AND pr.decided_at <= $4
        ORDER BY pr.id`,
      [systemId, from, to, drawnAt],
    );
    return rows.map((r) => ({
      id: r.id,
      status: r.status,
      flags: [
        ...(r.status !== 'accepted' ? ['override'] : []),
        ...(r.complaint ? ['complaint'] : []),
        ...(r.objection ? ['objection'] : []),
        ...(r.review ? ['review_request'] : []),
        ...(r.confirmed ? ['alert_confirmed'] : []),
        ...(r.missed ? ['alert_missed'] : []),
      ],
    }));
  }

  /** The draw itself (strat-v1): pure, from the population, the seed and the size per stratum. */
  static draw(population: readonly Candidate[], seed: number, perStratum: number): { id: string; stratum: string | null; flags: string[] }[] {
    const rnd = createRandom(`panel:${seed}`);
    const chosen = new Map<string, string | null>();
    for (const stratum of STRATA) {
      const members = population.filter((c) => c.status === stratum);
      for (const c of rnd.fork(stratum).sample(members, Math.min(perStratum, members.length))) chosen.set(c.id, stratum);
    }
    for (const c of population) if (c.flags.some((f) => f !== 'override') && !chosen.has(c.id)) chosen.set(c.id, null);
    const overrides = population.filter((c) => c.flags.includes('override') && !chosen.has(c.id));
    for (const c of rnd.fork('overrides').sample(overrides, Math.min(OVERRIDE_CAP, overrides.length))) chosen.set(c.id, null);
    return population.filter((c) => chosen.has(c.id)).map((c) => ({ id: c.id, stratum: chosen.get(c.id)!, flags: c.flags }));
  }

  async drawSample(ctx: Ctx, sessionId: string, input: z.output<typeof panelSampleInputSchema>) {
    const facilityId = this.facility(ctx);
    await this.db.transaction(async (tx) => {
      const s = await this.sessionInScope(tx, facilityId, sessionId);
      if (s.status === 'closed') throw new AppError('conflict', 'This session is closed');
      const [system] = await tx.query<{ id: string }>('SELECT id FROM ai_system WHERE facility_id = $1 AND slug = $2', [facilityId, input.systemSlug]);
      if (!system) throw validationError([{ field: 'systemSlug', reason: 'unknown_feature', message: 'No such AI feature in the register' }]);
      const drawnAt = new Date();
      const population = await this.population(tx, system.id, input.from, input.to, drawnAt);
      if (!population.length)
        throw validationError([{ field: 'from', reason: 'empty_period', message: 'No decided proposal of this feature in this period: nothing to review' }]);
      const seed = input.seed ?? randomInt(0, 2_147_483_647);
      const drawn = PanelService.draw(population, seed, input.perStratum);
      const [row] = await tx.query<{ id: string }>(
        `INSERT INTO panel_sample (session_id, system_id, period_from, period_to, per_stratum, seed, algorithm, population, drawn_by, drawn_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
        [sessionId, system.id, input.from, input.to, input.perStratum, seed, SAMPLING_ALGORITHM, population.length, ctx.actor.userId, drawnAt],
      );
      await tx.query(
        `INSERT INTO panel_item (sample_id, proposal_id, stratum, flags)
         SELECT $1, x.id, x.stratum, ARRAY(SELECT jsonb_array_elements_text(x.flags)) FROM jsonb_to_recordset($2::jsonb) AS x(id uuid, stratum text, flags jsonb)`,
        [row!.id, JSON.stringify(drawn)],
      );
      await appendAudit(tx, ctx, {
        action: 'panel.sample.draw',
        outcome: 'allowed',
        targetType: 'facility',
        targetId: facilityId,
        facilityId,
        details: {
          sessionId,
          sampleId: row!.id,
          system: input.systemSlug,
          from: input.from,
          to: input.to,
          seed,
          population: population.length,
          items: drawn.length,
        },
      });
    });
    return this.session(ctx, sessionId);
  }

  /** Draws a sample again from its recorded seed, period and size: the same proposals come out (or the difference is named). */
  async verifySample(ctx: Ctx, sampleId: string) {
    const facilityId = this.facility(ctx);
    const [x] = await this.db.query<{
      system_id: string;
      period_from: string;
      period_to: string;
      per_stratum: number;
      seed: number;
      drawn_at: Date;
      algorithm: string;
    }>(
      `SELECT x.system_id, to_char(x.period_from, 'YYYY-MM-DD') AS period_from, to_char(x.period_to, 'YYYY-MM-DD') AS period_to, x.per_stratum, x.seed, x.drawn_at, x.algorithm
         FROM panel_sample x JOIN panel_session s ON s.id = x.session_id WHERE x.id = $1 AND s.facility_id = $2`,
      [sampleId, facilityId],
    );
    if (!x) throw notFound('Sample');
    const stored = (await this.db.query<{ proposal_id: string }>('SELECT proposal_id FROM panel_item WHERE sample_id = $1', [sampleId]))
      .map((r) => r.proposal_id)
      .sort();
    const again = PanelService.draw(await this.population(this.db, x.system_id, x.period_from, x.period_to, x.drawn_at), x.seed, x.per_stratum)
      .map((d) => d.id)
      .sort();
    return {
      algorithm: x.algorithm,
      seed: x.seed,
      reproducible: x.algorithm === SAMPLING_ALGORITHM && stored.length === again.length && stored.every((id, k) => id === again[k]),
      missing: stored.filter((id) => !again.includes(id)),
      extra: again.filter((id) => !stored.includes(id)),
    };
  }

  async setFinding(ctx: Ctx, itemId: string, input: z.output<typeof panelFindingSchema>) {
    const facilityId = this.facility(ctx);
    const sessionId = await this.db.transaction(async (tx) => {
      const [i] = await tx.query<{ session_id: string; status: string }>(
        `SELECT x.session_id, s.status FROM panel_item i JOIN panel_sample x ON x.id = i.sample_id JOIN panel_session s ON s.id = x.session_id
          WHERE i.id = $1 AND s.facility_id = $2`,
        [itemId, facilityId],
      );
      if (!i) throw notFound('Sample item');
      if (i.status === 'closed') throw new AppError('conflict', 'This session is closed');
      await tx.query('UPDATE panel_item SET finding = $2, problem_category = $3, comment = $4, reviewed_by = $5, reviewed_at = now() WHERE id = $1', [
        itemId,
        input.finding,
        input.problemCategory,
        input.comment,
        ctx.actor.userId,
      ]);
      await appendAudit(tx, ctx, {
        action: 'panel.item.finding',
        outcome: 'allowed',
        targetType: 'facility',
        targetId: facilityId,
        facilityId,
        details: { itemId, finding: input.finding, problemCategory: input.problemCategory },
      });
      return i.session_id;
    });
    return this.session(ctx, sessionId);
  }

  // ---- corrective actions ----

  async addAction(ctx: Ctx, sessionId: string, input: z.output<typeof panelActionInputSchema>) {
    const facilityId = this.facility(ctx);
    await this.db.transaction(async (tx) => {
      await this.sessionInScope(tx, facilityId, sessionId);
      let systemId: string | null = null;
      if (input.systemSlug) {
        const [s] = await tx.query<{ id: string }>('SELECT id FROM ai_system WHERE facility_id = $1 AND slug = $2', [facilityId, input.systemSlug]);
        if (!s) throw validationError([{ field: 'systemSlug', reason: 'unknown_feature', message: 'No such AI feature in the register' }]);
        systemId = s.id;
      }
      const [row] = await tx.query<{ id: string }>(
        'INSERT INTO panel_action (session_id, system_id, kind, description, owner_name, due_on, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id',
        [sessionId, systemId, input.kind, input.description, input.ownerName, input.dueOn, ctx.actor.userId],
      );
      await appendAudit(tx, ctx, {
        action: 'panel.action.add',
        outcome: 'allowed',
        targetType: 'facility',
        targetId: facilityId,
        facilityId,
        details: { sessionId, actionId: row!.id, kind: input.kind, system: input.systemSlug },
      });
    });
    return this.session(ctx, sessionId);
  }

  async updateAction(ctx: Ctx, actionId: string, input: z.output<typeof panelActionUpdateSchema>) {
    const facilityId = this.facility(ctx);
    const sessionId = await this.db.transaction(async (tx) => {
      const [a] = await tx.query<{ session_id: string }>(
        'SELECT a.session_id FROM panel_action a JOIN panel_session s ON s.id = a.session_id WHERE a.id = $1 AND s.facility_id = $2',
        [actionId, facilityId],
      );
      if (!a) throw notFound('Corrective action');
      await tx.query('UPDATE panel_action SET status = $2, updated_at = now() WHERE id = $1', [actionId, input.status]);
      await appendAudit(tx, ctx, {
        action: 'panel.action.update',
        outcome: 'allowed',
        targetType: 'facility',
        targetId: facilityId,
        facilityId,
        details: { actionId, status: input.status },
      });
      return a.session_id;
    });
    return this.session(ctx, sessionId);
  }

  /** Every corrective action of the facility not done yet, across sessions (for the register and the usage report). */
  async openActions(ctx: Ctx) {
    const rows = await this.db.query<{
      id: string;
      session_id: string;
      title: string;
      slug: string | null;
      kind: string;
      description: string;
      owner_name: string;
      due_on: string;
      status: string;
    }>(
      `SELECT a.id, a.session_id, s.title, y.slug, a.kind, a.description, a.owner_name, to_char(a.due_on, 'YYYY-MM-DD') AS due_on, a.status
         FROM panel_action a JOIN panel_session s ON s.id = a.session_id LEFT JOIN ai_system y ON y.id = a.system_id
        WHERE s.facility_id = $1 AND a.status IN ('open', 'in_progress') ORDER BY a.due_on`,
      [this.facility(ctx)],
    );
    return rows.map((r) => ({
      id: r.id,
      sessionId: r.session_id,
      sessionTitle: r.title,
      systemSlug: r.slug,
      kind: r.kind,
      description: r.description,
      ownerName: r.owner_name,
      dueOn: r.due_on,
      status: r.status,
    }));
  }
}

/** Replaces a person's first and last names (whole words, any case) by their pseudonym. */
export function redactName(text: string, first: string, last: string, pseudonym: string): string {
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // \b is ASCII-only: letters around a name are told apart with Unicode lookarounds (« Émile », « Mme Dupuis-Léger »).
  const word = (s: string) => `(?<!\\p{L})${s}(?!\\p{L})`;
  const full = new RegExp(`${word(`${esc(first)}\\s+${esc(last)}`)}|${word(`${esc(last)}\\s+${esc(first)}`)}`, 'giu');
  const single = new RegExp(word(`(?:${esc(first)}|${esc(last)})`), 'giu');
  return text.replace(full, pseudonym).replace(single, pseudonym);
}
