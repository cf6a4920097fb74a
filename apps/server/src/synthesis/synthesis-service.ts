import type { NoteSignalDto } from '@presence/shared';
import type { Db } from '../db/db.js';
import type { Actor } from '../http/actor.js';
import type { GuaranteeService } from '../guarantee/guarantee-service.js';
import type { PeopleService } from '../people/people-service.js';
import { appendAudit } from '../audit/audit-service.js';
import { AppError, notFound, validationError } from '../http/errors.js';
import { addDays, toDay } from '../lib/random.js';
import { toLocal } from '../appointments/local-time.js';
import { listAssessments } from '../assessments/assessments-service.js';
import { SCORES, isScoreId } from '../scores/index.js';
import { NOTE_ANALYZER_SLUG } from '../care-notes/note-analyzer-feature.js';
import { LlmError, rewriteSynthesis, type LlmConfig, type RewriteResult } from '../llm/provider.js';
import { buildSynthesis, frDate, type SynthesisContent, type SynthesisInput } from './build.js';
import { NEEDS_SYNTHESIS_KIND, NEEDS_SYNTHESIS_SLUG, type NeedsSynthesisContent } from './needs-synthesis-feature.js';
import { DUE_LABELS } from './due-labels.js';

interface Ctx {
  actor: Actor;
  requestId: string;
}

/** The optional rewrite as stored: the model's sentences with their source sentence ids, or why there is none. */
export type StoredRewrite =
  ({ status: 'done'; at: string } & RewriteResult) | { status: 'failed'; at: string; reason: LlmError['reason']; message: string; model: string };

export interface SynthesisDto {
  id: string;
  personId: string;
  from: string;
  to: string;
  content: SynthesisContent;
  rewrite: StoredRewrite | null;
  createdAt: string;
  createdBy: string;
  validatedAt: string | null;
  validatedBy: string | null;
  proposal: { id: string; status: string } | null;
}

const MAX_DAYS = 366;

/** The needs synthesis: built from the records, proposed under the guarantee, optionally rewritten by a configured model. */
export class SynthesisService {
  constructor(
    private readonly db: Db,
    private readonly people: PeopleService,
    private readonly guarantee: GuaranteeService,
    private readonly llm: LlmConfig | null,
  ) {}

  /** Whether a rewriting model is configured (the UI offers the option only then). */
  get rewriteAvailable(): { model: string } | null {
    return this.llm ? { model: this.llm.model } : null;
  }

  async create(ctx: Ctx, personId: string, body: { from: string; to: string; rewrite: boolean }): Promise<SynthesisDto> {
    // the facility's day (Paris): the demo and the web app ask for syntheses up to the local today
    const today = toLocal(new Date()).slice(0, 10);
    const issues = [];
    if (body.to < body.from) issues.push({ field: 'to', reason: 'before_from', message: 'The period ends before it starts' });
    if (body.to > today)
      issues.push({ field: 'to', reason: 'in_the_future', message: 'A synthesis covers what has happened: the period ends today at the latest' });
    if (daysBetween(body.from, body.to) > MAX_DAYS) issues.push({ field: 'from', reason: 'too_long', message: `A synthesis covers at most ${MAX_DAYS} days` });
    if (body.rewrite && !this.llm) issues.push({ field: 'rewrite', reason: 'not_configured', message: 'No rewriting model is configured in this facility' });
    if (issues.length) throw validationError(issues);

    // Reading the whole record is a read of the person's record: audited like one.
    const person = await this.people.auditedRead(ctx, personId, 'person.synthesis.build', { from: body.from, to: body.to });
    if (!(await this.guarantee.mayPropose(person.facilityId, NEEDS_SYNTHESIS_SLUG, personId))) {
      await this.guarantee.assertEnabled(person.facilityId, NEEDS_SYNTHESIS_SLUG);
      throw new AppError('person_objected', `${person.name} objected to the needs synthesis: none is built`);
    }
    const input = await this.gather(person.facilityId, personId, person.name, body.from, body.to);
    const content = buildSynthesis(input);
    let rewrite: StoredRewrite | null = null;
    if (body.rewrite && this.llm) {
      const sentences = content.sections.flatMap((s) => s.sentences.map((x) => ({ id: x.id, section: s.title, text: x.text })));
      try {
        rewrite = { status: 'done', at: new Date().toISOString(), ...(await rewriteSynthesis(this.llm, sentences)) };
      } catch (e) {
        if (!(e instanceof LlmError)) throw e;
        rewrite = { status: 'failed', at: new Date().toISOString(), reason: e.reason, message: e.message, model: this.llm.model };
      }
    }
    const id = await this.db.transaction(async (tx) => {
      const [row] = await tx.query<{ id: string }>(
        `INSERT INTO needs_synthesis (facility_id, person_id, period_from, period_to, content, rewritten, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [person.facilityId, personId, body.from, body.to, content, rewrite, ctx.actor.userId],
      );
      const synthesisId = row!.id;
      const proposalContent: NeedsSynthesisContent = {
        synthesisId,
        sentences: content.sections.flatMap((s) => s.sentences.map((x) => ({ id: x.id, text: x.text }))),
      };
      const counts = new Map<string, number>();
      for (const s of content.sections) for (const x of s.sentences) for (const src of x.sources) counts.set(src.type, (counts.get(src.type) ?? 0) + 1);
      await this.guarantee.propose(
        {
          facilityId: person.facilityId,
          systemSlug: NEEDS_SYNTHESIS_SLUG,
          kind: NEEDS_SYNTHESIS_KIND,
          personId,
          subject: { type: 'needs_synthesis', id: synthesisId },
          title: `Synthèse des besoins de ${person.name} du ${frDate(body.from)} au ${frDate(body.to)}`,
          content: proposalContent,
          explanation: {
            summary: `Synthèse extractive : ${proposalContent.sentences.length} phrases, chacune écrite à partir des écrits de la fiche et reliée à eux.${rewrite?.status === 'done' ? ` Une reformulation générée par le modèle ${rewrite.model} est jointe, étiquetée comme telle.` : ''}`,
            factors: [...counts.entries()].map(([type, n]) => ({ label: SOURCE_LABELS[type] ?? type, detail: `${n} lien${n > 1 ? 's' : ''}` })),
            rule: 'Rien n’est inventé : chaque phrase reprend des données datées de la fiche. Relisez, corrigez si besoin, puis validez pour la réunion.',
          },
          inputs: {
            from: body.from,
            to: body.to,
            notes: input.notes.length,
            assessments: input.assessments.length,
            sessions: input.sessions.length,
            rewrite: rewrite?.status ?? 'none',
          },
        },
        tx,
      );
      await appendAudit(tx, ctx, {
        action: 'person.synthesis.create',
        outcome: 'allowed',
        targetType: 'person',
        targetId: personId,
        facilityId: person.facilityId,
        details: { synthesisId, from: body.from, to: body.to, rewrite: rewrite?.status ?? 'none' },
      });
      return synthesisId;
    });
    return this.one(personId, id);
  }

  async list(ctx: Ctx, personId: string): Promise<Omit<SynthesisDto, 'content' | 'rewrite'>[]> {
    await this.people.auditedRead(ctx, personId, 'person.synthesis.read', { list: true });
    const rows = await this.rows(personId, null);
    return rows.map(({ content: _c, rewrite: _r, ...rest }) => rest);
  }

  async get(ctx: Ctx, personId: string, id: string): Promise<SynthesisDto> {
    await this.people.auditedRead(ctx, personId, 'person.synthesis.read', { synthesisId: id });
    return this.one(personId, id);
  }

  private async one(personId: string, id: string): Promise<SynthesisDto> {
    const [row] = await this.rows(personId, id);
    if (!row) throw notFound('Synthesis');
    return row;
  }

  private async rows(personId: string, id: string | null): Promise<SynthesisDto[]> {
    const rows = await this.db.query<{
      id: string;
      person_id: string;
      period_from: string;
      period_to: string;
      content: SynthesisContent;
      rewritten: StoredRewrite | null;
      created_at: Date;
      creator: string;
      validated_at: Date | null;
      validator: string | null;
      proposal_id: string | null;
      proposal_status: string | null;
    }>(
      `SELECT s.id, s.person_id, to_char(s.period_from, 'YYYY-MM-DD') AS period_from, to_char(s.period_to, 'YYYY-MM-DD') AS period_to, s.content, s.rewritten,
              s.created_at, c.first_name || ' ' || c.last_name AS creator, s.validated_at, v.first_name || ' ' || v.last_name AS validator,
              p.id AS proposal_id, p.status AS proposal_status
         FROM needs_synthesis s JOIN app_user c ON c.id = s.created_by LEFT JOIN app_user v ON v.id = s.validated_by
         LEFT JOIN LATERAL (SELECT id, status FROM proposal WHERE subject_type = 'needs_synthesis' AND subject_id = s.id::text ORDER BY created_at DESC LIMIT 1) p ON true
        WHERE s.person_id = $1 AND ($2::uuid IS NULL OR s.id = $2) ORDER BY s.created_at DESC LIMIT 50`,
      [personId, id],
    );
    return rows.map((r) => ({
      id: r.id,
      personId: r.person_id,
      from: r.period_from,
      to: r.period_to,
      content: r.content,
      rewrite: r.rewritten,
      createdAt: r.created_at.toISOString(),
      createdBy: r.creator,
      validatedAt: r.validated_at?.toISOString() ?? null,
      validatedBy: r.validator,
      proposal: r.proposal_id ? { id: r.proposal_id, status: r.proposal_status! } : null,
    }));
  }

  /** Everything the synthesis reads, for the period and (notes) the period of the same length before it. */
  private async gather(facilityId: string, personId: string, personName: string, from: string, to: string): Promise<SynthesisInput> {
    const before = addDays(from, -(daysBetween(from, to) + 1));
    const analysed = await this.guarantee.mayPropose(facilityId, NOTE_ANALYZER_SLUG, personId);
    const notes = await this.db.query<{ id: string; at: Date; text: string; signals: NoteSignalDto[] | null }>(
      `SELECT n.id, n.observed_at AS at, concat_ws(E'\\n', nullif(n.data, ''), nullif(n.actions, ''), nullif(n.results, ''), nullif(n.body, '')) AS text,
              CASE WHEN a.version = n.version THEN a.signals END AS signals
         FROM care_note n LEFT JOIN note_analysis a ON a.note_id = n.id
        WHERE n.person_id = $1 AND n.observed_at >= $2::date AND n.observed_at < ($3::date + 1) ORDER BY n.observed_at`,
      [personId, before, to],
    );
    const assessments = await listAssessments(this.db, personId);
    const dues = await this.db.query<{ id: string; kind: string; due_by: string; done_at: Date | null }>(
      "SELECT id, kind, to_char(due_by, 'YYYY-MM-DD') AS due_by, done_at FROM assessment_due WHERE person_id = $1 AND (done_at IS NULL OR done_at >= $2::date)",
      [personId, from],
    );
    const sessions = await this.db.query<{
      id: string;
      day: string;
      activity: string;
      status: 'present' | 'absent' | 'declined' | null;
      engagement: number | null;
    }>(
      `SELECT s.id, to_char(s.day, 'YYYY-MM-DD') AS day, a.name AS activity, att.status, att.engagement
         FROM session_invitation i JOIN activity_session s ON s.id = i.session_id JOIN activity a ON a.id = s.activity_id
         LEFT JOIN session_attendance att ON att.session_id = s.id AND att.person_id = i.person_id
        WHERE i.person_id = $1 AND s.status = 'planned' AND s.day BETWEEN $2::date AND LEAST($3::date, CURRENT_DATE) ORDER BY s.day, s.start_time`,
      [personId, from, to],
    );
    const appointments = await this.db.query<{ id: string; start: string; label: string; kind: string; status: string }>(
      `SELECT id, to_char(starts_at, 'YYYY-MM-DD"T"HH24:MI') AS start, label, kind, status FROM appointment
        WHERE person_id = $1 AND starts_at >= $2::date AND starts_at < ($3::date + 61) ORDER BY starts_at`,
      [personId, from, to],
    );
    const [plan] = await this.db.query<{ id: string; review_date: string; person_agreement: string; agreement_note: string | null }>(
      "SELECT id, to_char(review_date, 'YYYY-MM-DD') AS review_date, person_agreement, agreement_note FROM care_plan WHERE person_id = $1 AND status = 'active'",
      [personId],
    );
    const goals = plan
      ? await this.db.query<{ id: string; title: string; domain: string; target_date: string | null; status: string }>(
          "SELECT id, title, domain, to_char(target_date, 'YYYY-MM-DD') AS target_date, status FROM goal WHERE care_plan_id = $1 ORDER BY position",
          [plan.id],
        )
      : [];
    const [profile] = await this.db.query<{ interests: string[]; dislikes: string[] }>('SELECT interests, dislikes FROM person_profile WHERE person_id = $1', [
      personId,
    ]);
    return {
      personName,
      from,
      to,
      analysed,
      notes: notes.map((n) => ({
        id: n.id,
        at: n.at.toISOString(),
        text: n.text,
        // Only affirmed, current mentions about the person count, as for the analyser's patterns.
        signals: analysed && n.signals ? n.signals.filter((s) => !s.negated && !s.historical && s.experiencer === 'person').map((s) => s.signal) : null,
      })),
      assessments: assessments
        .filter((a) => a.assessedAt.slice(0, 10) <= to)
        .map((a) => ({
          id: a.id,
          at: a.assessedAt,
          scale: a.scale,
          label: isScoreId(a.scale) ? SCORES[a.scale].label : a.scale,
          summary: a.summary,
          by: a.assessedBy.name,
        })),
      dues: dues.map((d) => ({ id: d.id, label: DUE_LABELS[d.kind] ?? d.kind, dueBy: d.due_by, doneAt: d.done_at?.toISOString() ?? null })),
      sessions,
      appointments,
      plan: plan ? { id: plan.id, reviewDate: plan.review_date, agreement: plan.person_agreement, agreementNote: plan.agreement_note } : null,
      goals: goals.map((g) => ({ id: g.id, title: g.title, domain: g.domain, targetDate: g.target_date, status: g.status })),
      profile: profile ? { personId, interests: profile.interests, dislikes: profile.dislikes } : null,
    };
  }
}

const SOURCE_LABELS: Record<string, string> = {
  care_note: 'Transmissions citées',
  assessment: 'Évaluations citées',
  assessment_due: 'Évaluations à faire',
  activity_session: 'Séances d’activité',
  appointment: 'Rendez-vous',
  goal: 'Objectifs',
  care_plan: 'Projet personnalisé',
  person_profile: 'Profil (goûts)',
};

const daysBetween = (from: string, to: string) => toDay(to) - toDay(from);
