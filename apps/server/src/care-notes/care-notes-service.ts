import type { CareNote, CareNoteInput, CareNoteQuery, NoteSignalDto, NoteTarget } from '@presence/shared';
import { NOTE_FIELDS, NOTE_SIGNAL_LABELS_FR } from '@presence/shared';
import type { Db } from '../db/db.js';
import type { Actor } from '../http/actor.js';
import type { GuaranteeService } from '../guarantee/guarantee-service.js';
import type { PeopleService } from '../people/people-service.js';
import { appendAudit } from '../audit/audit-service.js';
import { AppError, notFound, validationError } from '../http/errors.js';
import { addDays } from '../lib/random.js';
import { ANALYZER_VERSION, analyzeNote } from '../notes/analyzer.js';
import { PATTERN_RULES, findPatterns, suggestedTargets } from '../notes/patterns.js';
import * as repo from './care-notes-repository.js';
import { NEEDS_ASSESSMENT_KIND, NOTE_ANALYZER_SLUG, NOTE_TARGETS_KIND, type NeedsAssessmentContent } from './note-analyzer-feature.js';

interface Ctx {
  actor: Actor;
  requestId: string;
}

/** Staff who may correct someone else's note. */
const CORRECTORS = new Set(['head_of_care', 'coordination_nurse']);
/** A note may be dated a little ahead (clock drift between tablets), not more. */
const FUTURE_TOLERANCE_MS = 15 * 60_000;
const LONGEST_WINDOW_DAYS = Math.max(...PATTERN_RULES.map((r) => r.windowDays));

/** The analyser on every part of a note. */
export function analyseNoteFields(n: Pick<CareNoteInput, 'data' | 'actions' | 'results' | 'body'>): NoteSignalDto[] {
  return NOTE_FIELDS.flatMap((field) => (n[field] ? analyzeNote(n[field]).map((s) => ({ ...s, field })) : []));
}

export class CareNotesService {
  constructor(
    private readonly db: Db,
    private readonly people: PeopleService,
    private readonly guarantee: GuaranteeService,
  ) {}

  private facility(ctx: Ctx): string {
    if (!ctx.actor.facilityId) throw new AppError('forbidden', 'This needs a staff account of a facility');
    return ctx.actor.facilityId;
  }

  async targets(ctx: Ctx): Promise<NoteTarget[]> {
    return repo.listTargets(this.db, this.facility(ctx));
  }

  async replaceTargets(ctx: Ctx, targets: NoteTarget[]): Promise<NoteTarget[]> {
    const facilityId = this.facility(ctx);
    await this.db.transaction(async (tx) => {
      await repo.listTargets(tx, facilityId);
      await repo.replaceTargets(tx, facilityId, targets);
      await appendAudit(tx, ctx, {
        action: 'note_targets.replace',
        outcome: 'allowed',
        targetType: 'facility',
        targetId: facilityId,
        facilityId,
        details: { keys: targets.filter((t) => t.active).map((t) => t.key) },
      });
    });
    return repo.listTargets(this.db, facilityId);
  }

  async list(ctx: Ctx, personId: string, query: CareNoteQuery): Promise<CareNote[]> {
    await this.people.auditedRead(ctx, personId, 'person.notes.read', { filters: Object.keys(query).filter((k) => k !== 'limit') });
    return this.toDtos(await repo.listNotes(this.db, personId, query));
  }

  async history(ctx: Ctx, personId: string, noteId: string) {
    await this.people.auditedRead(ctx, personId, 'person.notes.read', { noteId, history: true });
    const note = await repo.findNote(this.db, personId, noteId);
    if (!note) throw notFound('Care note');
    return { current: (await this.toDtos([note]))[0]!, versions: await repo.noteHistory(this.db, noteId) };
  }

  async create(ctx: Ctx, personId: string, input: CareNoteInput): Promise<CareNote> {
    const person = await this.people.scopeForWrite(ctx, personId, 'person.note.create');
    const observedAt = await this.checkInput(person.facilityId, input);
    const id = await this.db.transaction(async (tx) => {
      const noteId = await repo.insertNote(tx, { facilityId: person.facilityId, personId, authorId: ctx.actor.userId, observedAt, input });
      await appendAudit(tx, ctx, {
        action: 'person.note.create',
        outcome: 'allowed',
        targetType: 'person',
        targetId: personId,
        facilityId: person.facilityId,
        details: { noteId, format: input.format, target: input.targetKey },
      });
      return noteId;
    });
    await this.analyse(person.facilityId, personId, person.name, id);
    return this.one(personId, id);
  }

  /** A correction keeps the previous version, with who corrected it and why. */
  async correct(ctx: Ctx, personId: string, noteId: string, input: CareNoteInput, reason: string): Promise<CareNote> {
    const person = await this.people.scopeForWrite(ctx, personId, 'person.note.correct');
    const observedAt = await this.checkInput(person.facilityId, input);
    await this.db.transaction(async (tx) => {
      const note = await repo.findNote(tx, personId, noteId, true);
      if (!note) throw notFound('Care note');
      if (note.author_id !== ctx.actor.userId && !CORRECTORS.has(ctx.actor.role))
        throw new AppError('forbidden', 'Only the author, the head of care or the coordinating nurse corrects a note');
      await repo.correctNote(tx, note, ctx.actor.userId, reason, input, observedAt);
      await repo.deleteAnalysis(tx, noteId);
      const withdrawn = await this.guarantee.withdrawForSubject(tx, person.facilityId, { type: 'care_note', id: noteId }, 'note corrected');
      await appendAudit(tx, ctx, {
        action: 'person.note.correct',
        outcome: 'allowed',
        targetType: 'person',
        targetId: personId,
        facilityId: person.facilityId,
        details: { noteId, version: note.version + 1, reason, withdrawnProposals: withdrawn },
      });
    });
    await this.analyse(person.facilityId, personId, person.name, noteId);
    return this.one(personId, noteId);
  }

  private async checkInput(facilityId: string, input: CareNoteInput): Promise<Date> {
    const observedAt = input.observedAt ? new Date(input.observedAt) : new Date();
    const issues = [];
    if (observedAt.getTime() > Date.now() + FUTURE_TOLERANCE_MS)
      issues.push({ field: 'observedAt', reason: 'in_the_future', message: 'A note records what happened: its time cannot be in the future' });
    if (input.targetKey) {
      const targets = await repo.listTargets(this.db, facilityId);
      if (!targets.some((t) => t.key === input.targetKey && t.active))
        issues.push({ field: 'targetKey', reason: 'unknown', message: `No active target ${input.targetKey} in this facility` });
    }
    if (issues.length) throw validationError(issues);
    return observedAt;
  }

  /**
   * The note analyser, after the note is saved (a failure here never loses the note): its signals,
   * a proposal of targets when they add to the author's, and a proposal for every pattern over time
   * that is met and not proposed already. Nothing runs when the feature is off or the person objected.
   */
  async analyse(facilityId: string, personId: string, personName: string, noteId: string): Promise<void> {
    if (!(await this.guarantee.mayPropose(facilityId, NOTE_ANALYZER_SLUG, personId))) return;
    const note = await repo.findNote(this.db, personId, noteId);
    if (!note) return;
    const signals = analyseNoteFields(note);
    await this.db.transaction(async (tx) => {
      await repo.saveAnalysis(tx, noteId, note.version, ANALYZER_VERSION, signals);
      const active = new Set((await repo.listTargets(tx, facilityId)).filter((t) => t.active).map((t) => t.key));
      const targets = suggestedTargets(signals).filter((t) => active.has(t) && t !== note.target_key && !note.ai_targets.includes(t));
      if (targets.length === 0) return;
      const affirmed = signals.filter((s) => !s.negated && !s.historical && s.experiencer === 'person');
      await this.guarantee.propose(
        {
          facilityId,
          systemSlug: NOTE_ANALYZER_SLUG,
          kind: NOTE_TARGETS_KIND,
          personId,
          subject: { type: 'care_note', id: noteId },
          title: `Cibles proposées pour une transmission de ${personName}`,
          content: { noteId, targets },
          explanation: {
            summary: `La transmission parle de : ${[...new Set(affirmed.map((s) => NOTE_SIGNAL_LABELS_FR[s.signal]))].join(', ')}. Cibles proposées : ${targets.join(', ')}.`,
            factors: affirmed.map((s) => ({
              label: NOTE_SIGNAL_LABELS_FR[s.signal],
              detail: `« ${note[s.field].slice(s.start, s.end)} »${s.uncertain ? ' (incertain)' : ''}`,
            })),
            spans: affirmed.map((s) => ({
              recordType: `care_note.${s.field}`,
              recordId: noteId,
              start: s.start,
              end: s.end,
              text: note[s.field].slice(s.start, s.end),
            })),
            rule: 'Les signes niés (« pas de douleur »), passés (« antécédent de chute ») ou d’une autre personne (« sa fille est angoissée ») ne proposent pas de cible.',
          },
          inputs: { noteId, version: note.version, analyzer: ANALYZER_VERSION },
        },
        tx,
      );
    });
    await this.proposePatterns(facilityId, personId, personName);
  }

  private async proposePatterns(facilityId: string, personId: string, personName: string): Promise<void> {
    const now = new Date();
    const rows = await repo.signalsSince(this.db, personId, new Date(now.getTime() - LONGEST_WINDOW_DAYS * 86_400_000));
    const texts = new Map(rows.map((r) => [r.id, r]));
    const findings = findPatterns(
      rows.map((r) => ({ id: r.id, at: r.observed_at.toISOString(), signals: r.signals })),
      now,
    );
    for (const f of findings) {
      if (await repo.recentPatternProposal(this.db, personId, f.rule, new Date(now.getTime() - f.windowDays * 86_400_000))) continue;
      const content: NeedsAssessmentContent = {
        rule: f.rule,
        kind: f.assessment,
        reason: `${f.summary} ${f.action}`,
        dueBy: addDays(now.toISOString().slice(0, 10), 2),
      };
      await this.guarantee.propose({
        facilityId,
        systemSlug: NOTE_ANALYZER_SLUG,
        kind: NEEDS_ASSESSMENT_KIND,
        personId,
        subject: { type: 'person_rule', id: `${personId}:${f.rule}` },
        title: `${f.action.replace(/^Proposer /, '').replace(/\.$/, '')} — ${personName}`.replace(/^./, (c) => c.toUpperCase()),
        content,
        explanation: {
          summary: f.summary,
          factors: [
            {
              label: 'Règle',
              detail: `au moins ${f.minCount} sur ${f.windowDays} jours ; seules comptent les mentions affirmées, actuelles, au sujet de la personne`,
            },
          ],
          spans: f.evidence.map((e) => {
            const field = (e.field ?? 'body') as (typeof NOTE_FIELDS)[number];
            return {
              recordType: `care_note.${field}`,
              recordId: e.noteId,
              start: e.start,
              end: e.end,
              text: texts.get(e.noteId)![field].slice(e.start, e.end),
            };
          }),
          dataPoints: f.evidence.map((e) => ({ label: e.at.slice(0, 10), value: e.signal, recordType: 'care_note', recordId: e.noteId })),
          rule: f.action,
        },
        inputs: { rule: f.rule, notes: [...new Set(f.evidence.map((e) => e.noteId))], analyzer: ANALYZER_VERSION },
      });
    }
  }

  private async one(personId: string, id: string): Promise<CareNote> {
    const row = await repo.findNote(this.db, personId, id);
    if (!row) throw notFound('Care note');
    return (await this.toDtos([row]))[0]!;
  }

  private async toDtos(rows: repo.NoteRow[]): Promise<CareNote[]> {
    const ids = rows.map((r) => r.id);
    const labels = await this.guarantee.labelsFor(this.db, 'care_note', ids);
    const suggestions = await repo.suggestionsFor(this.db, ids);
    return rows.map((r) => ({
      id: r.id,
      personId: r.person_id,
      author: { id: r.author_id, name: r.author_name },
      observedAt: r.observed_at.toISOString(),
      createdAt: r.created_at.toISOString(),
      version: r.version,
      format: r.format,
      targetKey: r.target_key,
      data: r.data,
      actions: r.actions,
      results: r.results,
      body: r.body,
      aiTargets: r.ai_targets,
      aiLabel: labels.get(r.id) ?? null,
      signals: r.analysis_version === r.version ? r.signals : null,
      suggestion: suggestions.get(r.id) ?? null,
      corrected: r.version > 1,
      updatedAt: r.updated_at?.toISOString() ?? null,
    }));
  }
}
