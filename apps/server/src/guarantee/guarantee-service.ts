import { createHash } from 'node:crypto';
import type { AiLabel, AiSystem, Explanation, Objection, Page, Proposal, ProposalFigures, Role } from '@presence/shared';
import { aiSystemPatchSchema, decisionInputSchema, objectionInputSchema, proposalQuerySchema } from '@presence/shared';
import type { z } from 'zod';
import type { Db, Queryable } from '../db/db.js';
import type { Actor } from '../http/actor.js';
import { AppError, fieldIssues, notFound, validationError } from '../http/errors.js';
import { appendAudit } from '../audit/audit-service.js';
import { canonicalJson } from '../audit/canonical-json.js';
import type { PeopleService } from '../people/people-service.js';
import * as repo from './guarantee-repository.js';
import { computeFigures } from './figures.js';
import type { AiSystemDefinition, EffectRef, ProposalKind, ProposalRecord } from './kinds.js';

interface Ctx {
  actor: Actor;
  requestId: string;
}

export interface ProposeInput {
  facilityId: string;
  systemSlug: string;
  kind: string;
  personId?: string | null;
  /** Defaults to the person when there is one. */
  subject?: { type: string; id: string };
  title: string;
  content: unknown;
  explanation: Explanation;
  inputs: unknown;
  confidence?: number | null;
  expiresAt?: Date | null;
}

const DAY_MS = 86_400_000;
const name = (id: string | null, n: string | null) => (id && n ? { id, name: n } : null);

/**
 * The one way AI output enters Présence: features propose, named people decide, and the decision
 * applies the effect through the kind's handler in the same transaction.
 */
export class GuaranteeService {
  private readonly definitions = new Map<string, AiSystemDefinition>();
  /** Checks a decider must pass besides their role (e.g. the feature's AI-literacy module); each throws to refuse. */
  private readonly decisionChecks: ((ctx: Ctx, systemId: string) => Promise<void>)[] = [];

  useDecisionCheck(check: (ctx: Ctx, systemId: string) => Promise<void>): void {
    this.decisionChecks.push(check);
  }
  private readonly kinds = new Map<string, ProposalKind<unknown>>();

  constructor(
    private readonly db: Db,
    private readonly people: PeopleService,
  ) {}

  /** A feature declares its register entry once; `syncRegister` writes it for every facility. */
  defineSystem(def: AiSystemDefinition): void {
    if (this.definitions.has(def.slug)) throw new Error(`AI system ${def.slug} is defined twice`);
    this.definitions.set(def.slug, def);
  }

  /** A feature registers each kind of proposal it makes, with the handler that applies its effect. */
  registerKind<C>(kind: ProposalKind<C>): void {
    if (!this.definitions.has(kind.systemSlug)) throw new Error(`Kind ${kind.kind}: define AI system ${kind.systemSlug} first`);
    if (this.kinds.has(kind.kind)) throw new Error(`Proposal kind ${kind.kind} is registered twice`);
    this.kinds.set(kind.kind, kind);
  }

  async syncRegister(q: Queryable = this.db): Promise<void> {
    const facilities = await q.query<{ id: string }>('SELECT id FROM facility');
    for (const f of facilities) for (const def of this.definitions.values()) await repo.upsertSystem(q, f.id, def);
  }

  // ---- register ----

  async listSystems(ctx: Ctx): Promise<AiSystem[]> {
    const facilityId = this.facilityOf(ctx);
    const rows = await repo.listSystems(this.db, facilityId);
    const to = new Date();
    const from = new Date(to.getTime() - 90 * DAY_MS);
    const figures = await this.figuresBySystem(facilityId, from, to);
    return rows.map((r) => this.toSystem(r, figures.get(r.id) ?? computeFigures([], 0)));
  }

  async systemHistory(ctx: Ctx, id: string) {
    const system = await repo.findSystem(this.db, this.facilityOf(ctx), id);
    if (!system) throw notFound('AI system');
    return (await repo.systemHistory(this.db, id)).map((h) => ({
      id: h.id,
      changedAt: h.changed_at.toISOString(),
      changedBy: h.changed_by_name,
      reason: h.reason,
      before: h.before,
      after: h.after,
    }));
  }

  async updateSystem(ctx: Ctx, id: string, patch: z.output<typeof aiSystemPatchSchema>): Promise<AiSystem> {
    const facilityId = this.facilityOf(ctx);
    await this.db.transaction(async (tx) => {
      const before = await repo.findSystem(tx, facilityId, id, true);
      if (!before) throw notFound('AI system');
      const mode = patch.decisionMode ?? before.decision_mode;
      if (mode === 'apply-and-notify' && before.risk_class !== 'minimal') {
        throw validationError([{ field: 'decisionMode', reason: 'risk_too_high', message: 'Apply-and-notify is allowed for minimal-risk features only' }]);
      }
      if (patch.ownerUserId) {
        const [owner] = await tx.query('SELECT 1 FROM app_user WHERE id = $1 AND facility_id = $2 AND role <> $3', [patch.ownerUserId, facilityId, 'relative']);
        if (!owner) throw validationError([{ field: 'ownerUserId', reason: 'unknown', message: 'The owner must be a staff member of this facility' }]);
      }
      const changes: Parameters<typeof repo.updateSystem>[2] = {};
      if (patch.enabled !== undefined) {
        changes.enabled = patch.enabled;
        changes.status_reason = patch.reason ?? null;
      }
      if (patch.decisionMode !== undefined) changes.decision_mode = patch.decisionMode;
      if (patch.deciderRoles !== undefined) changes.decider_roles = patch.deciderRoles;
      if (patch.ownerUserId !== undefined) changes.owner_user_id = patch.ownerUserId;
      if (patch.facilityRiskNotes !== undefined) changes.facility_risk_notes = patch.facilityRiskNotes;
      await repo.updateSystem(tx, id, changes, ctx.actor.userId);
      const pick = (r: repo.SystemRow) => ({
        enabled: r.enabled,
        decisionMode: r.decision_mode,
        deciderRoles: r.decider_roles,
        ownerUserId: r.owner_user_id,
        facilityRiskNotes: r.facility_risk_notes,
      });
      const after = (await repo.findSystem(tx, facilityId, id))!;
      await repo.insertHistory(tx, id, ctx.actor.userId, patch.reason ?? null, pick(before), pick(after));
      // A disabled feature produces nothing: what it proposed and nobody decided yet is withdrawn.
      const withdrawn = patch.enabled === false && before.enabled ? await repo.closePending(tx, { systemId: id }, 'withdrawn', 'feature disabled') : [];
      await appendAudit(tx, ctx, {
        action: 'ai_system.update',
        outcome: 'allowed',
        targetType: 'ai_system',
        targetId: id,
        facilityId,
        details: { slug: before.slug, before: pick(before), after: pick(after), reason: patch.reason, withdrawn: withdrawn.length },
      });
    });
    return (await this.listSystems(ctx)).find((s) => s.id === id)!;
  }

  /** Slices call this at the top of their endpoints: a disabled feature answers 409 and says who disabled it and why. */
  async assertEnabled(facilityId: string, slug: string, q: Queryable = this.db): Promise<repo.SystemRow> {
    const system = await repo.findSystemBySlug(q, facilityId, slug);
    if (!system) throw new AppError('ai_feature_disabled', `The AI feature ${slug} is not in this facility's register`);
    if (!system.enabled) {
      const who = system.changed_by_name ? ` by ${system.changed_by_name}` : '';
      const when = ` on ${system.changed_at.toISOString().slice(0, 10)}`;
      throw new AppError('ai_feature_disabled', `${system.name} is switched off${who}${when}${system.status_reason ? `: ${system.status_reason}` : ''}`);
    }
    return system;
  }

  /** Whether a feature may run for a person now: switched on in the register and no objection. */
  async mayPropose(facilityId: string, slug: string, personId: string | null, q: Queryable = this.db): Promise<boolean> {
    const system = await repo.findSystemBySlug(q, facilityId, slug);
    if (!system?.enabled) return false;
    return !(personId && (await repo.activeObjection(q, personId, slug)));
  }

  /** Closes a feature's pending proposals about one subject (its record changed, so they no longer apply). */
  async withdrawForSubject(q: Queryable, facilityId: string, subject: { type: string; id: string }, reason: string): Promise<string[]> {
    return repo.closePending(q, { facilityId, subject }, 'withdrawn', reason);
  }

  // ---- proposals ----

  /** Records a proposal. Refuses when the feature is disabled or the person objected. Runs in the caller's transaction when given one. */
  async propose(input: ProposeInput, q?: Queryable): Promise<{ id: string; status: 'pending' | 'accepted' }> {
    const run = async (tx: Queryable) => {
      // Inside a transaction, every query goes through tx: PGlite has one connection, and a query on
      // the pool while a transaction is open waits for it forever.
      const system = await this.assertEnabled(input.facilityId, input.systemSlug, tx);
      const kind = this.kinds.get(input.kind);
      if (!kind || kind.systemSlug !== input.systemSlug) throw new Error(`Proposal kind ${input.kind} is not registered for ${input.systemSlug}`);
      const parsed = kind.contentSchema.safeParse(input.content);
      if (!parsed.success) throw new Error(`Proposal content for ${input.kind} is invalid: ${parsed.error.message}`);
      const personId = input.personId ?? null;
      if (personId && (await repo.activeObjection(tx, personId, input.systemSlug))) {
        throw new AppError('person_objected', `The person objected to ${system.name}: no proposal is made about them`);
      }
      const subject = input.subject ?? (personId ? { type: 'person', id: personId } : null);
      if (!subject) throw new Error('A proposal needs a subject or a person');
      const id = await repo.insertProposal(tx, {
        facilityId: input.facilityId,
        systemId: system.id,
        engineVersion: system.engine_version,
        kind: input.kind,
        personId,
        subjectType: subject.type,
        subjectId: subject.id,
        title: input.title,
        content: parsed.data,
        explanation: input.explanation,
        inputs: input.inputs,
        inputsHash: createHash('sha256').update(canonicalJson(input.inputs)).digest('hex'),
        confidence: input.confidence ?? null,
        expiresAt: input.expiresAt ?? null,
      });
      await appendAudit(
        tx,
        { actor: null, requestId: null },
        {
          action: 'proposal.create',
          outcome: 'allowed',
          targetType: personId ? 'person' : subject.type,
          targetId: personId ?? subject.id,
          facilityId: input.facilityId,
          details: { proposalId: id, system: input.systemSlug, kind: input.kind },
        },
      );
      if (system.decision_mode === 'apply-and-notify') {
        const record: ProposalRecord = {
          id,
          facilityId: input.facilityId,
          systemId: system.id,
          systemSlug: system.slug,
          engineVersion: system.engine_version,
          kind: input.kind,
          personId,
          subjectType: subject.type,
          subjectId: subject.id,
          content: parsed.data,
        };
        const effect = await kind.apply(tx, record, parsed.data, null);
        await repo.recordDecision(tx, id, {
          status: 'accepted',
          decidedBy: null,
          reason: null,
          content: undefined,
          effect,
          closedReason: 'applied automatically (apply-and-notify)',
        });
        return { id, status: 'accepted' as const };
      }
      return { id, status: 'pending' as const };
    };
    return q ? run(q) : this.db.transaction(run);
  }

  async inbox(ctx: Ctx, query: z.output<typeof proposalQuerySchema>): Promise<Page<Proposal>> {
    const facilityId = this.facilityOf(ctx);
    await repo.closePending(this.db, { expiredBefore: new Date() }, 'expired', 'expired before a decision');
    const { rows, total } = await repo.listProposals(this.db, { facilityId, ...query });
    const systems = await this.systemRoles(facilityId);
    await appendAudit(this.db, ctx, {
      action: 'proposal.list',
      outcome: 'allowed',
      targetType: 'facility',
      targetId: facilityId,
      facilityId,
      details: { personIds: [...new Set(rows.map((r) => r.person_id).filter(Boolean))] },
    });
    return {
      items: rows.map((r) => this.toProposal(r, systems.get(r.system_id)?.includes(ctx.actor.role) ?? false)),
      total,
      limit: query.limit,
      offset: query.offset,
    };
  }

  async getProposal(ctx: Ctx, id: string): Promise<Proposal> {
    const facilityId = this.facilityOf(ctx);
    const row = await repo.findProposal(this.db, facilityId, id);
    if (!row) throw notFound('Proposal');
    const systems = await this.systemRoles(facilityId);
    await appendAudit(this.db, ctx, {
      action: 'proposal.read',
      outcome: 'allowed',
      targetType: row.person_id ? 'person' : row.subject_type,
      targetId: row.person_id ?? row.subject_id,
      facilityId,
      details: { proposalId: id },
    });
    return this.toProposal(row, systems.get(row.system_id)?.includes(ctx.actor.role) ?? false);
  }

  /** Accept, amend or reject. Serialised per proposal: the first decision wins, later ones get 409. */
  async decide(ctx: Ctx, id: string, input: z.output<typeof decisionInputSchema>): Promise<Proposal> {
    const facilityId = this.facilityOf(ctx);
    const peek = await repo.findProposal(this.db, facilityId, id);
    if (!peek) throw notFound('Proposal');
    const roles = (await this.systemRoles(facilityId)).get(peek.system_id) ?? [];
    if (!roles.includes(ctx.actor.role)) {
      await appendAudit(this.db, ctx, {
        action: 'proposal.decide',
        outcome: 'denied',
        targetType: 'proposal',
        targetId: id,
        facilityId,
        details: { reason: 'role', decision: input.decision },
      });
      throw new AppError('forbidden', 'Your role may not decide on this feature’s proposals');
    }
    for (const check of this.decisionChecks) {
      try {
        await check(ctx, peek.system_id);
      } catch (e) {
        await appendAudit(this.db, ctx, {
          action: 'proposal.decide',
          outcome: 'denied',
          targetType: 'proposal',
          targetId: id,
          facilityId,
          details: { reason: e instanceof AppError ? e.message : 'check', decision: input.decision },
        });
        throw e;
      }
    }
    await this.db.transaction(async (tx) => {
      const row = await repo.findProposal(tx, facilityId, id, true);
      if (!row) throw notFound('Proposal');
      if (row.status === 'pending' && row.expires_at && row.expires_at.getTime() <= Date.now()) {
        throw new AppError('conflict', 'This proposal expired before a decision');
      }
      if (row.status !== 'pending') throw new AppError('conflict', `This proposal is already ${row.status}`);
      const kind = this.kinds.get(row.kind);
      if (!kind) throw new Error(`No handler registered for proposal kind ${row.kind}`);
      let content: unknown = row.content;
      if (input.decision === 'amend') {
        const parsed = kind.contentSchema.safeParse(input.content);
        if (!parsed.success)
          throw validationError(fieldIssues(parsed.error.issues).map((i) => ({ ...i, field: i.field === '(body)' ? 'content' : `content.${i.field}` })));
        content = parsed.data;
      }
      let effect: EffectRef | null = null;
      if (input.decision !== 'reject') {
        const record: ProposalRecord = {
          id,
          facilityId,
          systemId: row.system_id,
          systemSlug: row.system_slug,
          engineVersion: row.engine_version,
          kind: row.kind,
          personId: row.person_id,
          subjectType: row.subject_type,
          subjectId: row.subject_id,
          content,
        };
        effect = await kind.apply(tx, record, content, ctx.actor);
      }
      const status = input.decision === 'accept' ? 'accepted' : input.decision === 'amend' ? 'amended' : 'rejected';
      await repo.recordDecision(tx, id, {
        status,
        decidedBy: ctx.actor.userId,
        reason: input.reason ?? null,
        content: input.decision === 'amend' ? content : undefined,
        effect,
      });
      await appendAudit(tx, ctx, {
        action: 'proposal.decide',
        outcome: 'allowed',
        targetType: row.person_id ? 'person' : row.subject_type,
        targetId: row.person_id ?? row.subject_id,
        facilityId,
        details: { proposalId: id, decision: input.decision, effect },
      });
    });
    return this.getProposal(ctx, id);
  }

  async withdraw(ctx: Ctx, id: string, reason: string): Promise<void> {
    const facilityId = this.facilityOf(ctx);
    await this.db.transaction(async (tx) => {
      const row = await repo.findProposal(tx, facilityId, id, true);
      if (!row) throw notFound('Proposal');
      if (row.status !== 'pending') throw new AppError('conflict', `This proposal is already ${row.status}`);
      await repo.closePending(tx, { id }, 'withdrawn', reason);
      await appendAudit(tx, ctx, { action: 'proposal.withdraw', outcome: 'allowed', targetType: 'proposal', targetId: id, facilityId, details: { reason } });
    });
  }

  // ---- objections ----

  async objections(ctx: Ctx, personId: string): Promise<Objection[]> {
    await this.people.get(ctx, personId); // scope check and audited read
    return (await repo.objectionsOf(this.db, personId)).map((o) => ({
      id: o.id,
      personId: o.person_id,
      systemSlug: o.system_slug,
      expressedBy: o.expressed_by as Objection['expressedBy'],
      note: o.note,
      recordedBy: { id: o.recorded_by, name: o.recorded_by_name },
      createdAt: o.created_at.toISOString(),
    }));
  }

  /** Records an objection: immediate effect, pending proposals about the person from that feature are withdrawn. */
  async object(ctx: Ctx, personId: string, slug: string, input: z.output<typeof objectionInputSchema>): Promise<Objection[]> {
    const person = await this.people.get(ctx, personId);
    if (ctx.actor.role === 'relative') await this.assertRelativeRights(personId, ctx.actor.userId);
    if (!this.definitions.has(slug)) throw notFound('AI feature');
    const expressedBy =
      ctx.actor.role === 'relative' ? (input.expressedBy === 'legal_representative' ? 'legal_representative' : 'relative') : input.expressedBy;
    await this.db.transaction(async (tx) => {
      await repo.insertObjection(tx, { personId, slug, recordedBy: ctx.actor.userId, expressedBy, note: input.note ?? null });
      const system = await repo.findSystemBySlug(tx, person.facilityId, slug);
      const withdrawn = system ? await repo.closePending(tx, { personId, systemId: system.id }, 'withdrawn', 'the person objected') : [];
      await appendAudit(tx, ctx, {
        action: 'objection.record',
        outcome: 'allowed',
        targetType: 'person',
        targetId: personId,
        facilityId: person.facilityId,
        details: { system: slug, expressedBy, withdrawn },
      });
    });
    return this.objections(ctx, personId);
  }

  async liftObjection(ctx: Ctx, personId: string, slug: string): Promise<Objection[]> {
    const person = await this.people.get(ctx, personId);
    if (ctx.actor.role === 'relative') await this.assertRelativeRights(personId, ctx.actor.userId);
    await this.db.transaction(async (tx) => {
      if (!(await repo.liftObjection(tx, personId, slug, ctx.actor.userId))) throw notFound('Objection');
      await appendAudit(tx, ctx, {
        action: 'objection.lift',
        outcome: 'allowed',
        targetType: 'person',
        targetId: personId,
        facilityId: person.facilityId,
        details: { system: slug },
      });
    });
    return this.objections(ctx, personId);
  }

  // ---- figures and labels ----

  async figures(
    ctx: Ctx,
    opts: { systemId?: string | undefined; from: Date; to: Date },
  ): Promise<{ systemId: string; slug: string; name: string; engineVersion: string; figures: ProposalFigures }[]> {
    return (await this.figuresForFacility(this.facilityOf(ctx), opts.from, opts.to)).filter((s) => !opts.systemId || s.systemId === opts.systemId);
  }

  /** Every feature's figures over a period (for the usage report). */
  async figuresForFacility(
    facilityId: string,
    from: Date,
    to: Date,
  ): Promise<{ systemId: string; slug: string; name: string; engineVersion: string; enabled: boolean; figures: ProposalFigures }[]> {
    const systems = await repo.listSystems(this.db, facilityId);
    const by = await this.figuresBySystem(facilityId, from, to);
    return systems.map((s) => ({
      systemId: s.id,
      slug: s.slug,
      name: s.name,
      engineVersion: s.engine_version,
      enabled: s.enabled,
      figures: by.get(s.id) ?? computeFigures([], 0),
    }));
  }

  /** The "Proposé par l'IA · validé par …" label of records that came from proposals, keyed by effect id. */
  async labelsFor(q: Queryable, effectType: string, effectIds: string[]): Promise<Map<string, AiLabel>> {
    if (!effectIds.length) return new Map();
    const rows = await q.query<{ id: string; effect_id: string; system_name: string; decided_by_name: string | null; decided_at: Date; status: string }>(
      `SELECT pr.id, pr.effect_id, s.name AS system_name, CASE WHEN u.id IS NULL THEN NULL ELSE u.first_name || ' ' || u.last_name END AS decided_by_name, pr.decided_at, pr.status
         FROM proposal pr JOIN ai_system s ON s.id = pr.system_id LEFT JOIN app_user u ON u.id = pr.decided_by
        WHERE pr.effect_type = $1 AND pr.effect_id = ANY($2::text[])`,
      [effectType, effectIds],
    );
    return new Map(
      rows.map((r) => [
        r.effect_id,
        {
          proposalId: r.id,
          systemName: r.system_name,
          decidedBy: r.decided_by_name,
          decidedAt: r.decided_at.toISOString(),
          amended: r.status === 'amended',
          automatic: r.decided_by_name === null,
        },
      ]),
    );
  }

  // ---- helpers ----

  private facilityOf(ctx: Ctx): string {
    if (!ctx.actor.facilityId) throw new AppError('forbidden', 'This needs a staff account of a facility');
    return ctx.actor.facilityId;
  }

  private async systemRoles(facilityId: string): Promise<Map<string, Role[]>> {
    const rows = await this.db.query<{ id: string; decider_roles: Role[] }>('SELECT id, decider_roles FROM ai_system WHERE facility_id = $1', [facilityId]);
    return new Map(rows.map((r) => [r.id, r.decider_roles]));
  }

  private async figuresBySystem(facilityId: string, from: Date, to: Date): Promise<Map<string, ProposalFigures>> {
    const rows = await repo.figureRows(this.db, facilityId, null, from, to);
    const objections = new Map((await repo.objectionCount(this.db, facilityId, null, from, to)).map((o) => [o.system_slug, o.n]));
    const systems = await repo.listSystems(this.db, facilityId);
    return new Map(
      systems.map((s) => [
        s.id,
        computeFigures(
          rows
            .filter((r) => r.system_id === s.id)
            .map((r) => ({ status: r.status, createdAt: r.created_at, decidedAt: r.decided_at, sameContent: r.same_content })),
          objections.get(s.slug) ?? 0,
        ),
      ]),
    );
  }

  private async assertRelativeRights(personId: string, userId: string): Promise<void> {
    const [link] = await this.db.query<{ ok: boolean }>(
      'SELECT bool_or(is_legal_representative OR is_trusted_person) AS ok FROM contact WHERE person_id = $1 AND user_id = $2',
      [personId, userId],
    );
    if (!link?.ok) throw new AppError('forbidden', 'Only a legal representative or the personne de confiance may object on the person’s behalf');
  }

  private toSystem(r: repo.SystemRow, evaluation: ProposalFigures): AiSystem {
    return {
      id: r.id,
      facilityId: r.facility_id,
      slug: r.slug,
      name: r.name,
      purpose: r.purpose,
      intendedUsers: r.intended_users,
      dataRead: r.data_read,
      dataNeverRead: r.data_never_read,
      riskClass: r.risk_class,
      riskJustification: r.risk_justification,
      facilityRiskNotes: r.facility_risk_notes,
      decisionMode: r.decision_mode,
      deciderRoles: r.decider_roles as Role[],
      owner: name(r.owner_user_id, r.owner_name),
      engineVersion: r.engine_version,
      limits: r.limits,
      benefits: r.benefits,
      falcSummary: r.falc_summary,
      enabled: r.enabled,
      statusReason: r.status_reason,
      changedBy: name(r.changed_by, r.changed_by_name),
      changedAt: r.changed_at.toISOString(),
      evaluation,
    };
  }

  private toProposal(r: repo.ProposalRow, canDecide: boolean): Proposal {
    return {
      id: r.id,
      systemId: r.system_id,
      systemSlug: r.system_slug,
      systemName: r.system_name,
      engineVersion: r.engine_version,
      kind: r.kind,
      personId: r.person_id,
      personName: r.person_name,
      subjectType: r.subject_type,
      subjectId: r.subject_id,
      title: r.title,
      status: r.status as Proposal['status'],
      content: r.content,
      explanation: r.explanation as Explanation,
      inputs: r.inputs,
      inputsHash: r.inputs_hash,
      confidence: r.confidence,
      createdAt: r.created_at.toISOString(),
      expiresAt: r.expires_at?.toISOString() ?? null,
      decision: r.decided_at
        ? { decidedAt: r.decided_at.toISOString(), decidedBy: name(r.decided_by, r.decided_by_name), reason: r.decision_reason, content: r.decided_content }
        : null,
      effect: r.effect_type && r.effect_id ? { type: r.effect_type, id: r.effect_id } : null,
      closedReason: r.closed_reason,
      canDecide: canDecide && r.status === 'pending',
    };
  }
}
