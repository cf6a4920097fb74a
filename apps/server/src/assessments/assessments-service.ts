import type { Assessment, AssessmentDue, AssessmentScale, ScaleDefinition } from '@presence/shared';
import type { z } from 'zod';
import type { assessmentInputSchema } from '@presence/shared';
import type { Db, Queryable } from '../db/db.js';
import type { Actor } from '../http/actor.js';
import type { PeopleService } from '../people/people-service.js';
import { appendAudit } from '../audit/audit-service.js';
import { notFound, validationError } from '../http/errors.js';
import {
  AGGIR_ADVERBS,
  AGGIR_ILLUSTRATIVE_VARIABLES,
  AGGIR_VARIABLES,
  BRADEN_ITEMS,
  GDS15_ITEMS,
  MINI_GDS_ITEMS,
  MNA_SF_ITEMS,
  NEWS2_RANGES,
  SCORES,
  SCORE_IDS,
  ScoreInputError,
  computeScore,
  type ScoreResults,
} from '../scores/index.js';

interface Ctx {
  actor: Actor;
  requestId: string;
}

type Input = z.output<typeof assessmentInputSchema>;

/** The scales a due item of the note analyser's patterns closes when recorded. */
const DUE_SCALES: Record<string, AssessmentScale[]> = {
  'mna-sf': ['mna-sf'],
  braden: ['braden'],
  news2: ['news2'],
  'mini-gds': ['mini-gds', 'gds-15'],
};

const FORMS: Record<AssessmentScale, Record<string, unknown>> = {
  aggir: { variables: AGGIR_VARIABLES, illustrative: AGGIR_ILLUSTRATIVE_VARIABLES, adverbs: AGGIR_ADVERBS },
  news2: { ranges: NEWS2_RANGES },
  braden: { items: BRADEN_ITEMS },
  'mna-sf': { items: MNA_SF_ITEMS },
  'mini-gds': { items: MINI_GDS_ITEMS },
  'gds-15': { items: GDS15_ITEMS },
};

/** One line in French that the history and the synthesis show. */
export function summarise(scale: AssessmentScale, result: ScoreResults[AssessmentScale]): string {
  switch (scale) {
    case 'aggir': {
      const r = result as ScoreResults['aggir'];
      return `GIR ${r.gir} (rang ${r.rank})`;
    }
    case 'news2': {
      const r = result as ScoreResults['news2'];
      const band = { low: 'risque faible', medium: 'risque moyen', high: 'risque élevé' }[r.band];
      return `NEWS2 ${r.total} — ${band}${r.redFlag ? ', un paramètre à 3' : ''}`;
    }
    case 'braden': {
      const r = result as ScoreResults['braden'];
      return `Braden ${r.total} — ${r.atRisk ? `à risque d’escarre (seuil ${r.threshold})` : `pas de risque retenu (seuil ${r.threshold})`}`;
    }
    case 'mna-sf': {
      const r = result as ScoreResults['mna-sf'];
      const band = { normal: 'état nutritionnel normal', 'at-risk': 'risque de dénutrition', malnourished: 'dénutrition' }[r.band];
      return `MNA-SF ${r.total}/14 — ${band}`;
    }
    case 'mini-gds': {
      const r = result as ScoreResults['mini-gds'];
      return `Mini-GDS ${r.score}/4 — ${r.suspicion ? 'suspicion de dépression' : 'pas de suspicion de dépression'}`;
    }
    case 'gds-15': {
      const r = result as ScoreResults['gds-15'];
      return `GDS-15 ${r.score}/15 — ${r.depressionAlmostCertain ? 'dépression très probable' : r.depressionSuggested ? 'dépression possible' : 'pas de dépression suggérée'}`;
    }
  }
}

interface AssessmentRow {
  id: string;
  person_id: string;
  scale: AssessmentScale;
  scale_version: string;
  input: Record<string, unknown>;
  options: Record<string, unknown>;
  result: Record<string, unknown>;
  summary: string;
  assessed_at: Date;
  assessed_by: string;
  assessor_name: string;
  comment: string;
}

export async function listAssessments(q: Queryable, personId: string, scale?: AssessmentScale, since?: Date): Promise<Assessment[]> {
  const rows = await q.query<AssessmentRow>(
    `SELECT a.*, u.first_name || ' ' || u.last_name AS assessor_name
       FROM assessment a JOIN app_user u ON u.id = a.assessed_by
      WHERE a.person_id = $1 AND ($2::text IS NULL OR a.scale = $2) AND ($3::timestamptz IS NULL OR a.assessed_at >= $3)
      ORDER BY a.assessed_at DESC LIMIT 200`,
    [personId, scale ?? null, since ?? null],
  );
  return rows.map((r) => ({
    id: r.id,
    personId: r.person_id,
    scale: r.scale,
    scaleVersion: r.scale_version,
    input: r.input,
    options: r.options,
    result: r.result,
    summary: r.summary,
    assessedAt: r.assessed_at.toISOString(),
    assessedBy: { id: r.assessed_by, name: r.assessor_name },
    comment: r.comment,
  }));
}

export async function listDues(q: Queryable, personId: string): Promise<AssessmentDue[]> {
  const rows = await q.query<{
    id: string;
    kind: string;
    rule: string;
    reason: string;
    due_by: string;
    proposal_id: string;
    created_at: Date;
    done_at: Date | null;
    assessment_id: string | null;
    done_note: string | null;
  }>(
    `SELECT id, kind, rule, reason, to_char(due_by, 'YYYY-MM-DD') AS due_by, proposal_id, created_at, done_at, assessment_id, done_note
       FROM assessment_due WHERE person_id = $1 ORDER BY done_at IS NOT NULL, due_by, created_at LIMIT 100`,
    [personId],
  );
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    rule: r.rule,
    reason: r.reason,
    dueBy: r.due_by,
    proposalId: r.proposal_id,
    createdAt: r.created_at.toISOString(),
    doneAt: r.done_at?.toISOString() ?? null,
    assessmentId: r.assessment_id,
    doneNote: r.done_note,
  }));
}

/**
 * Assessments recorded by professionals: the score is computed here by the scale's fixed rules (never by the AI),
 * stored with the rules' version, and closes the due item it answers.
 */
export class AssessmentsService {
  constructor(
    private readonly db: Db,
    private readonly people: PeopleService,
  ) {}

  scales(): ScaleDefinition[] {
    return SCORE_IDS.map((id) => ({ id, label: SCORES[id].label, version: SCORES[id].version, options: [...SCORES[id].options], form: FORMS[id] }));
  }

  /** Compute without recording (the form's live result). */
  compute(scale: AssessmentScale, input: unknown, options: Record<string, unknown>): { result: unknown; summary: string } {
    const result = this.run(scale, input, options);
    return { result, summary: summarise(scale, result) };
  }

  async list(ctx: Ctx, personId: string, scale?: AssessmentScale): Promise<{ assessments: Assessment[]; due: AssessmentDue[] }> {
    await this.people.auditedRead(ctx, personId, 'person.assessments.read', scale ? { scale } : undefined);
    return { assessments: await listAssessments(this.db, personId, scale), due: await listDues(this.db, personId) };
  }

  async record(ctx: Ctx, personId: string, body: Input): Promise<Assessment> {
    const person = await this.people.scopeForWrite(ctx, personId, 'person.assessment.create');
    const assessedAt = body.assessedAt ? new Date(body.assessedAt) : new Date();
    if (assessedAt.getTime() > Date.now() + 15 * 60_000)
      throw validationError([{ field: 'assessedAt', reason: 'in_the_future', message: 'An assessment records what was observed: not in the future' }]);
    const result = this.run(body.scale, body.input, body.options);
    const summary = summarise(body.scale, result);
    const id = await this.db.transaction(async (tx) => {
      if (body.dueId) {
        const [due] = await tx.query<{ kind: string; done_at: Date | null }>(
          'SELECT kind, done_at FROM assessment_due WHERE id = $1 AND person_id = $2 FOR UPDATE',
          [body.dueId, personId],
        );
        if (!due) throw validationError([{ field: 'dueId', reason: 'unknown', message: 'No such due assessment for this person' }]);
        if (due.done_at) throw validationError([{ field: 'dueId', reason: 'already_done', message: 'This due assessment is already done' }]);
      }
      const [row] = await tx.query<{ id: string }>(
        `INSERT INTO assessment (facility_id, person_id, scale, scale_version, input, options, result, summary, assessed_at, assessed_by, comment)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
        [
          person.facilityId,
          personId,
          body.scale,
          SCORES[body.scale].version,
          body.input,
          body.options,
          result,
          summary,
          assessedAt,
          ctx.actor.userId,
          body.comment,
        ],
      );
      const assessmentId = row!.id;
      // The due item named, or else every open one this scale answers.
      const kinds = Object.entries(DUE_SCALES)
        .filter(([, scales]) => scales.includes(body.scale))
        .map(([k]) => k);
      const closed = await tx.query<{ id: string }>(
        `UPDATE assessment_due SET done_at = now(), done_by = $3, assessment_id = $4
          WHERE person_id = $1 AND done_at IS NULL AND (id = $2 OR ($2::uuid IS NULL AND kind = ANY($5::text[]))) RETURNING id`,
        [personId, body.dueId ?? null, ctx.actor.userId, assessmentId, kinds],
      );
      await appendAudit(tx, ctx, {
        action: 'person.assessment.create',
        outcome: 'allowed',
        targetType: 'person',
        targetId: personId,
        facilityId: person.facilityId,
        details: { assessmentId, scale: body.scale, summary, closedDue: closed.map((c) => c.id) },
      });
      return assessmentId;
    });
    const [saved] = (await listAssessments(this.db, personId, body.scale)).filter((a) => a.id === id);
    return saved!;
  }

  /** Close a due item that no scale answers (a weighing, a team review), with what was done. */
  async closeDue(ctx: Ctx, personId: string, dueId: string, note: string): Promise<AssessmentDue[]> {
    const person = await this.people.scopeForWrite(ctx, personId, 'person.assessment_due.close');
    await this.db.transaction(async (tx) => {
      const rows = await tx.query<{ id: string }>(
        'UPDATE assessment_due SET done_at = now(), done_by = $3, done_note = $4 WHERE id = $1 AND person_id = $2 AND done_at IS NULL RETURNING id',
        [dueId, personId, ctx.actor.userId, note],
      );
      if (!rows.length) throw notFound('Open due assessment');
      await appendAudit(tx, ctx, {
        action: 'person.assessment_due.close',
        outcome: 'allowed',
        targetType: 'person',
        targetId: personId,
        facilityId: person.facilityId,
        details: { dueId, note },
      });
    });
    return listDues(this.db, personId);
  }

  private run(scale: AssessmentScale, input: unknown, options: Record<string, unknown>) {
    try {
      return computeScore(scale, input, options);
    } catch (e) {
      if (e instanceof ScoreInputError)
        throw validationError(
          e.issues.map((i) => {
            const field = i.field.startsWith('options.') ? i.field : i.field === '(root)' ? 'input' : `input.${i.field}`;
            return { field, reason: i.reason === 'unknown key' ? 'unknown_key' : i.reason === 'required' ? 'required' : 'invalid', message: i.reason };
          }),
        );
      throw e;
    }
  }
}
