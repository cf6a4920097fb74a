import { DEFAULT_NOTE_TARGETS, type CareNoteInput, type CareNoteQuery, type CareNoteVersion, type NoteSignalDto, type NoteTarget } from '@presence/shared';
import type { Queryable } from '../db/db.js';

export interface NoteRow {
  id: string;
  facility_id: string;
  person_id: string;
  author_id: string;
  author_name: string;
  observed_at: Date;
  created_at: Date;
  version: number;
  format: 'dar' | 'free';
  target_key: string | null;
  data: string;
  actions: string;
  results: string;
  body: string;
  ai_targets: string[];
  updated_at: Date | null;
  updated_by: string | null;
  signals: NoteSignalDto[] | null;
  analysis_version: number | null;
}

/** The facility's target list; the default list is written the first time it is read. */
export async function listTargets(q: Queryable, facilityId: string): Promise<NoteTarget[]> {
  let rows = await q.query<{ key: string; label_fr: string; label_en: string; active: boolean }>(
    'SELECT key, label_fr, label_en, active FROM note_target WHERE facility_id = $1 ORDER BY position, key',
    [facilityId],
  );
  if (rows.length === 0) {
    for (const [i, t] of DEFAULT_NOTE_TARGETS.entries())
      await q.query('INSERT INTO note_target (facility_id, key, label_fr, label_en, position) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING', [
        facilityId,
        t.key,
        t.fr,
        t.en,
        i,
      ]);
    rows = DEFAULT_NOTE_TARGETS.map((t) => ({ key: t.key, label_fr: t.fr, label_en: t.en, active: true }));
  }
  return rows.map((r) => ({ key: r.key, labelFr: r.label_fr, labelEn: r.label_en, active: r.active }));
}

/** Replaces the list; targets left out are deactivated (notes keep them), never deleted. */
export async function replaceTargets(q: Queryable, facilityId: string, targets: NoteTarget[]): Promise<void> {
  await q.query('UPDATE note_target SET active = false WHERE facility_id = $1', [facilityId]);
  for (const [i, t] of targets.entries())
    await q.query(
      `INSERT INTO note_target (facility_id, key, label_fr, label_en, position, active) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (facility_id, key) DO UPDATE SET label_fr = EXCLUDED.label_fr, label_en = EXCLUDED.label_en, position = EXCLUDED.position, active = EXCLUDED.active`,
      [facilityId, t.key, t.labelFr, t.labelEn, i, t.active],
    );
}

const NOTE_SELECT = `SELECT n.*, u.first_name || ' ' || u.last_name AS author_name, a.signals, a.version AS analysis_version
  FROM care_note n JOIN app_user u ON u.id = n.author_id LEFT JOIN note_analysis a ON a.note_id = n.id`;

export async function insertNote(
  q: Queryable,
  n: { facilityId: string; personId: string; authorId: string; observedAt: Date; input: CareNoteInput },
): Promise<string> {
  const [row] = await q.query<{ id: string }>(
    `INSERT INTO care_note (facility_id, person_id, author_id, observed_at, format, target_key, data, actions, results, body)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
    [n.facilityId, n.personId, n.authorId, n.observedAt, n.input.format, n.input.targetKey, n.input.data, n.input.actions, n.input.results, n.input.body],
  );
  return row!.id;
}

export async function findNote(q: Queryable, personId: string, id: string, lock = false): Promise<NoteRow | undefined> {
  const [row] = await q.query<NoteRow>(`${NOTE_SELECT} WHERE n.person_id = $1 AND n.id = $2${lock ? ' FOR UPDATE OF n' : ''}`, [personId, id]);
  return row;
}

/** Keeps the current version in the history, then writes the corrected one. */
export async function correctNote(q: Queryable, current: NoteRow, by: string, reason: string, input: CareNoteInput, observedAt: Date): Promise<void> {
  await q.query(
    `INSERT INTO care_note_version (note_id, version, format, target_key, data, actions, results, body, observed_at, written_by, written_at, replaced_by, reason)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
    [
      current.id,
      current.version,
      current.format,
      current.target_key,
      current.data,
      current.actions,
      current.results,
      current.body,
      current.observed_at,
      current.updated_by ?? current.author_id,
      current.updated_at ?? current.created_at,
      by,
      reason,
    ],
  );
  await q.query(
    `UPDATE care_note SET version = version + 1, format = $2, target_key = $3, data = $4, actions = $5, results = $6, body = $7, observed_at = $8,
            updated_at = now(), updated_by = $9 WHERE id = $1`,
    [current.id, input.format, input.targetKey, input.data, input.actions, input.results, input.body, observedAt, by],
  );
}

export async function noteHistory(q: Queryable, noteId: string): Promise<CareNoteVersion[]> {
  const rows = await q.query<{
    version: number;
    format: 'dar' | 'free';
    target_key: string | null;
    data: string;
    actions: string;
    results: string;
    body: string;
    observed_at: Date;
    written_by: string;
    written_at: Date;
    replaced_by: string;
    replaced_at: Date;
    reason: string;
  }>(
    `SELECT v.*, w.first_name || ' ' || w.last_name AS written_by, r.first_name || ' ' || r.last_name AS replaced_by
       FROM care_note_version v JOIN app_user w ON w.id = v.written_by JOIN app_user r ON r.id = v.replaced_by
      WHERE v.note_id = $1 ORDER BY v.version DESC`,
    [noteId],
  );
  return rows.map((r) => ({
    version: r.version,
    format: r.format,
    targetKey: r.target_key,
    data: r.data,
    actions: r.actions,
    results: r.results,
    body: r.body,
    observedAt: r.observed_at.toISOString(),
    writtenBy: r.written_by,
    writtenAt: r.written_at.toISOString(),
    replacedBy: r.replaced_by,
    replacedAt: r.replaced_at.toISOString(),
    reason: r.reason,
  }));
}

export async function saveAnalysis(q: Queryable, noteId: string, version: number, analyzerVersion: string, signals: NoteSignalDto[]): Promise<void> {
  await q.query(
    `INSERT INTO note_analysis (note_id, version, analyzer_version, signals) VALUES ($1, $2, $3, $4)
     ON CONFLICT (note_id) DO UPDATE SET version = EXCLUDED.version, analyzer_version = EXCLUDED.analyzer_version, signals = EXCLUDED.signals, analysed_at = now()`,
    [noteId, version, analyzerVersion, JSON.stringify(signals)],
  );
}

export async function deleteAnalysis(q: Queryable, noteId: string): Promise<void> {
  await q.query('DELETE FROM note_analysis WHERE note_id = $1', [noteId]);
}

export async function setAiTargets(q: Queryable, facilityId: string, noteId: string, targets: string[]): Promise<boolean> {
  const rows = await q.query<{ id: string }>(
    `UPDATE care_note SET ai_targets = (SELECT array_agg(DISTINCT t) FROM unnest(ai_targets || $3::text[]) AS t) WHERE facility_id = $1 AND id = $2 RETURNING id`,
    [facilityId, noteId, targets],
  );
  return rows.length > 0;
}

export async function listNotes(q: Queryable, personId: string, query: CareNoteQuery): Promise<NoteRow[]> {
  const params: unknown[] = [personId];
  const cond = ['n.person_id = $1'];
  if (query.target) {
    const p = params.push(query.target);
    cond.push(`(n.target_key = $${p} OR $${p} = ANY(n.ai_targets))`);
  }
  if (query.signal)
    cond.push(
      `EXISTS (SELECT 1 FROM jsonb_array_elements(a.signals) s WHERE s->>'signal' = $${params.push(query.signal)} AND NOT (s->>'negated')::boolean AND s->>'experiencer' = 'person')`,
    );
  if (query.author) cond.push(`n.author_id = $${params.push(query.author)}`);
  if (query.from) cond.push(`n.observed_at >= $${params.push(query.from)}::date`);
  if (query.to) cond.push(`n.observed_at < ($${params.push(query.to)}::date + 1)`);
  if (query.q) {
    const p = params.push(`%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    cond.push(`(n.data ILIKE $${p} OR n.actions ILIKE $${p} OR n.results ILIKE $${p} OR n.body ILIKE $${p})`);
  }
  return q.query<NoteRow>(
    `${NOTE_SELECT} WHERE ${cond.join(' AND ')} ORDER BY n.observed_at DESC, n.created_at DESC LIMIT $${params.push(query.limit)}`,
    params,
  );
}

/** The person's analysed notes since a time, with their text, for the patterns over time. */
export async function signalsSince(
  q: Queryable,
  personId: string,
  since: Date,
): Promise<(Pick<NoteRow, 'id' | 'observed_at' | 'data' | 'actions' | 'results' | 'body'> & { signals: NoteSignalDto[] })[]> {
  return q.query(
    `SELECT n.id, n.observed_at, n.data, n.actions, n.results, n.body, a.signals FROM care_note n JOIN note_analysis a ON a.note_id = n.id
      WHERE n.person_id = $1 AND n.observed_at >= $2 ORDER BY n.observed_at`,
    [personId, since],
  );
}

/** Proposals of the note analyser about these notes (latest per note). */
export async function suggestionsFor(q: Queryable, noteIds: string[]): Promise<Map<string, { proposalId: string; status: string; targets: string[] }>> {
  if (!noteIds.length) return new Map();
  const rows = await q.query<{ id: string; subject_id: string; status: string; content: { targets: string[] }; decided_content: { targets: string[] } | null }>(
    `SELECT DISTINCT ON (subject_id) id, subject_id, status, content, decided_content FROM proposal
      WHERE subject_type = 'care_note' AND subject_id = ANY($1::text[]) AND status <> 'withdrawn' ORDER BY subject_id, created_at DESC`,
    [noteIds],
  );
  return new Map(rows.map((r) => [r.subject_id, { proposalId: r.id, status: r.status, targets: (r.decided_content ?? r.content).targets }]));
}

/** Whether a pattern rule already has an open or recent proposal for the person (no repeat within its window). */
export async function recentPatternProposal(q: Queryable, personId: string, rule: string, since: Date): Promise<boolean> {
  const rows = await q.query<{ id: string }>(
    `SELECT id FROM proposal WHERE person_id = $1 AND kind = 'needs.assessment' AND subject_type = 'person_rule' AND subject_id = $2
        AND (status = 'pending' OR created_at >= $3) LIMIT 1`,
    [personId, `${personId}:${rule}`, since],
  );
  return rows.length > 0;
}

export async function insertDue(
  q: Queryable,
  d: { facilityId: string; personId: string; kind: string; rule: string; reason: string; dueBy: string; proposalId: string },
): Promise<string> {
  const [row] = await q.query<{ id: string }>(
    `INSERT INTO assessment_due (facility_id, person_id, kind, rule, reason, due_by, proposal_id) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [d.facilityId, d.personId, d.kind, d.rule, d.reason, d.dueBy, d.proposalId],
  );
  return row!.id;
}
