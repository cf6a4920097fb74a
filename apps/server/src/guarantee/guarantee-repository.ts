import type { Queryable } from '../db/db.js';
import type { AiSystemDefinition } from './kinds.js';

export interface SystemRow {
  id: string;
  facility_id: string;
  slug: string;
  name: string;
  purpose: string;
  intended_users: string[];
  data_read: string[];
  data_never_read: string[];
  risk_class: AiSystemDefinition['riskClass'];
  risk_justification: string;
  facility_risk_notes: string;
  decision_mode: 'human-decision' | 'apply-and-notify';
  decider_roles: string[];
  owner_user_id: string | null;
  owner_name: string | null;
  engine_version: string;
  limits: string;
  benefits: string;
  falc_summary: string;
  enabled: boolean;
  status_reason: string | null;
  changed_by: string | null;
  changed_by_name: string | null;
  changed_at: Date;
}

const SYSTEM_SELECT = `SELECT s.*, o.first_name || ' ' || o.last_name AS owner_name, c.first_name || ' ' || c.last_name AS changed_by_name
  FROM ai_system s LEFT JOIN app_user o ON o.id = s.owner_user_id LEFT JOIN app_user c ON c.id = s.changed_by`;

/** Inserts the definition for the facility if missing; refreshes the code-owned fields (purpose, version…) if present. */
export async function upsertSystem(q: Queryable, facilityId: string, d: AiSystemDefinition): Promise<void> {
  await q.query(
    `INSERT INTO ai_system (facility_id, slug, name, purpose, intended_users, data_read, data_never_read, risk_class, risk_justification, decider_roles, engine_version, limits, benefits, falc_summary)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
     ON CONFLICT (facility_id, slug) DO UPDATE SET name = EXCLUDED.name, purpose = EXCLUDED.purpose, intended_users = EXCLUDED.intended_users,
       data_read = EXCLUDED.data_read, data_never_read = EXCLUDED.data_never_read, risk_class = EXCLUDED.risk_class,
       risk_justification = EXCLUDED.risk_justification, engine_version = EXCLUDED.engine_version, limits = EXCLUDED.limits,
       benefits = EXCLUDED.benefits, falc_summary = EXCLUDED.falc_summary`,
    [
      facilityId,
      d.slug,
      d.name,
      d.purpose,
      d.intendedUsers,
      d.dataRead,
      d.dataNeverRead,
      d.riskClass,
      d.riskJustification,
      d.deciderRoles,
      d.engineVersion,
      d.limits,
      d.benefits,
      d.falcSummary,
    ],
  );
}

export async function listSystems(q: Queryable, facilityId: string): Promise<SystemRow[]> {
  return q.query<SystemRow>(`${SYSTEM_SELECT} WHERE s.facility_id = $1 ORDER BY s.name`, [facilityId]);
}

export async function findSystem(q: Queryable, facilityId: string, id: string, lock = false): Promise<SystemRow | undefined> {
  const [row] = await q.query<SystemRow>(`${SYSTEM_SELECT} WHERE s.facility_id = $1 AND s.id = $2${lock ? ' FOR UPDATE OF s' : ''}`, [facilityId, id]);
  return row;
}

export async function findSystemBySlug(q: Queryable, facilityId: string, slug: string): Promise<SystemRow | undefined> {
  const [row] = await q.query<SystemRow>(`${SYSTEM_SELECT} WHERE s.facility_id = $1 AND s.slug = $2`, [facilityId, slug]);
  return row;
}

export async function updateSystem(
  q: Queryable,
  id: string,
  changes: {
    enabled?: boolean;
    decision_mode?: string;
    decider_roles?: string[];
    owner_user_id?: string | null;
    facility_risk_notes?: string;
    status_reason?: string | null;
  },
  by: string,
): Promise<void> {
  const keys = Object.keys(changes) as (keyof typeof changes)[];
  const allowed = new Set(['enabled', 'decision_mode', 'decider_roles', 'owner_user_id', 'facility_risk_notes', 'status_reason']);
  for (const k of keys) if (!allowed.has(k)) throw new Error(`updateSystem: unexpected column ${k}`);
  const sets = keys.map((k, i) => `${k} = $${i + 3}`);
  await q.query(`UPDATE ai_system SET ${[...sets, 'changed_by = $2', 'changed_at = now()'].join(', ')} WHERE id = $1`, [
    id,
    by,
    ...keys.map((k) => changes[k]),
  ]);
}

export async function insertHistory(q: Queryable, systemId: string, by: string, reason: string | null, before: unknown, after: unknown): Promise<void> {
  await q.query('INSERT INTO ai_system_history (system_id, changed_by, reason, before, after) VALUES ($1, $2, $3, $4, $5)', [
    systemId,
    by,
    reason,
    JSON.stringify(before),
    JSON.stringify(after),
  ]);
}

export async function systemHistory(q: Queryable, systemId: string) {
  return q.query<{ id: number; changed_at: Date; changed_by_name: string | null; reason: string | null; before: unknown; after: unknown }>(
    `SELECT h.id, h.changed_at, u.first_name || ' ' || u.last_name AS changed_by_name, h.reason, h.before, h.after
       FROM ai_system_history h LEFT JOIN app_user u ON u.id = h.changed_by WHERE h.system_id = $1 ORDER BY h.id DESC`,
    [systemId],
  );
}

export interface ProposalRow {
  id: string;
  facility_id: string;
  system_id: string;
  system_slug: string;
  system_name: string;
  engine_version: string;
  kind: string;
  person_id: string | null;
  person_name: string | null;
  subject_type: string;
  subject_id: string;
  title: string;
  content: unknown;
  explanation: unknown;
  inputs: unknown;
  inputs_hash: string;
  confidence: number | null;
  status: string;
  created_at: Date;
  expires_at: Date | null;
  decided_at: Date | null;
  decided_by: string | null;
  decided_by_name: string | null;
  decision_reason: string | null;
  decided_content: unknown;
  effect_type: string | null;
  effect_id: string | null;
  closed_reason: string | null;
}

const PROPOSAL_SELECT = `SELECT pr.*, s.slug AS system_slug, s.name AS system_name,
    CASE WHEN pe.id IS NULL THEN NULL ELSE pe.first_name || ' ' || pe.last_name END AS person_name,
    CASE WHEN d.id IS NULL THEN NULL ELSE d.first_name || ' ' || d.last_name END AS decided_by_name
  FROM proposal pr JOIN ai_system s ON s.id = pr.system_id
  LEFT JOIN person pe ON pe.id = pr.person_id LEFT JOIN app_user d ON d.id = pr.decided_by`;

export interface NewProposal {
  facilityId: string;
  systemId: string;
  engineVersion: string;
  kind: string;
  personId: string | null;
  subjectType: string;
  subjectId: string;
  title: string;
  content: unknown;
  explanation: unknown;
  inputs: unknown;
  inputsHash: string;
  confidence: number | null;
  expiresAt: Date | null;
}

export async function insertProposal(q: Queryable, p: NewProposal): Promise<string> {
  const [row] = await q.query<{ id: string }>(
    `INSERT INTO proposal (facility_id, system_id, engine_version, kind, person_id, subject_type, subject_id, title, content, explanation, inputs, inputs_hash, confidence, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
    [
      p.facilityId,
      p.systemId,
      p.engineVersion,
      p.kind,
      p.personId,
      p.subjectType,
      p.subjectId,
      p.title,
      JSON.stringify(p.content),
      JSON.stringify(p.explanation),
      JSON.stringify(p.inputs),
      p.inputsHash,
      p.confidence,
      p.expiresAt,
    ],
  );
  return row!.id;
}

export async function findProposal(q: Queryable, facilityId: string, id: string, lock = false): Promise<ProposalRow | undefined> {
  const [row] = await q.query<ProposalRow>(`${PROPOSAL_SELECT} WHERE pr.facility_id = $1 AND pr.id = $2${lock ? ' FOR UPDATE OF pr' : ''}`, [facilityId, id]);
  return row;
}

export async function listProposals(
  q: Queryable,
  f: {
    facilityId: string;
    status?: string | undefined;
    personId?: string | undefined;
    systemId?: string | undefined;
    personIds?: string[] | undefined;
    limit: number;
    offset: number;
  },
): Promise<{ rows: ProposalRow[]; total: number }> {
  const params: unknown[] = [f.facilityId];
  const where = ['pr.facility_id = $1'];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (f.status) add('pr.status = ?', f.status);
  if (f.personId) add('pr.person_id = ?', f.personId);
  if (f.systemId) add('pr.system_id = ?', f.systemId);
  if (f.personIds) add('pr.person_id = ANY(?::uuid[])', f.personIds);
  const w = where.join(' AND ');
  const [count] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM proposal pr WHERE ${w}`, params);
  const rows = await q.query<ProposalRow>(`${PROPOSAL_SELECT} WHERE ${w} ORDER BY pr.created_at DESC, pr.id LIMIT ${f.limit} OFFSET ${f.offset}`, params);
  return { rows, total: count?.n ?? 0 };
}

export async function recordDecision(
  q: Queryable,
  id: string,
  d: {
    status: 'accepted' | 'amended' | 'rejected';
    decidedBy: string | null;
    reason: string | null;
    content: unknown;
    effect: { type: string; id: string } | null;
    closedReason?: string;
  },
): Promise<void> {
  await q.query(
    `UPDATE proposal SET status = $2, decided_at = now(), decided_by = $3, decision_reason = $4, decided_content = $5, effect_type = $6, effect_id = $7, closed_reason = $8 WHERE id = $1`,
    [
      id,
      d.status,
      d.decidedBy,
      d.reason,
      d.content === undefined ? null : JSON.stringify(d.content),
      d.effect?.type ?? null,
      d.effect?.id ?? null,
      d.closedReason ?? null,
    ],
  );
}

/** Closes pending proposals without a decision; returns the ids closed. */
export async function closePending(
  q: Queryable,
  where: { personId?: string; systemId?: string; id?: string; expiredBefore?: Date; facilityId?: string; subject?: { type: string; id: string } },
  status: 'withdrawn' | 'expired',
  reason: string,
): Promise<string[]> {
  const params: unknown[] = [status, reason];
  const cond = [`status = 'pending'`];
  if (where.personId) cond.push(`person_id = $${params.push(where.personId)}`);
  if (where.systemId) cond.push(`system_id = $${params.push(where.systemId)}`);
  if (where.id) cond.push(`id = $${params.push(where.id)}`);
  if (where.expiredBefore) cond.push(`expires_at <= $${params.push(where.expiredBefore)}`);
  if (where.facilityId) cond.push(`facility_id = $${params.push(where.facilityId)}`);
  if (where.subject) cond.push(`subject_type = $${params.push(where.subject.type)} AND subject_id = $${params.push(where.subject.id)}`);
  const rows = await q.query<{ id: string }>(`UPDATE proposal SET status = $1, closed_reason = $2 WHERE ${cond.join(' AND ')} RETURNING id`, params);
  return rows.map((r) => r.id);
}

export async function activeObjection(q: Queryable, personId: string, slug: string) {
  const [row] = await q.query<{ id: string }>('SELECT id FROM objection WHERE person_id = $1 AND system_slug = $2 AND lifted_at IS NULL', [personId, slug]);
  return row;
}

export async function insertObjection(
  q: Queryable,
  o: { personId: string; slug: string; recordedBy: string; expressedBy: string; note: string | null },
): Promise<string> {
  const [row] = await q.query<{ id: string }>(
    `INSERT INTO objection (person_id, system_slug, recorded_by, expressed_by, note) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (person_id, system_slug) WHERE lifted_at IS NULL DO UPDATE SET note = objection.note RETURNING id`,
    [o.personId, o.slug, o.recordedBy, o.expressedBy, o.note],
  );
  return row!.id;
}

export async function liftObjection(q: Queryable, personId: string, slug: string, by: string): Promise<boolean> {
  const rows = await q.query(
    'UPDATE objection SET lifted_at = now(), lifted_by = $3 WHERE person_id = $1 AND system_slug = $2 AND lifted_at IS NULL RETURNING id',
    [personId, slug, by],
  );
  return rows.length > 0;
}

export async function objectionsOf(q: Queryable, personId: string) {
  return q.query<{
    id: string;
    person_id: string;
    system_slug: string;
    expressed_by: string;
    note: string | null;
    recorded_by: string;
    recorded_by_name: string;
    created_at: Date;
  }>(
    `SELECT o.*, u.first_name || ' ' || u.last_name AS recorded_by_name FROM objection o JOIN app_user u ON u.id = o.recorded_by
      WHERE o.person_id = $1 AND o.lifted_at IS NULL ORDER BY o.created_at`,
    [personId],
  );
}

export async function figureRows(q: Queryable, facilityId: string, systemId: string | null, from: Date, to: Date) {
  // whether an amendment changed nothing is decided here (jsonb equality ignores key order, as canonical JSON does):
  // reading every proposal's content to compare it in the app was most of the figures' time over a year
  return q.query<{ system_id: string; status: string; created_at: Date; decided_at: Date | null; same_content: boolean }>(
    `SELECT system_id, status, created_at, decided_at, (status = 'amended' AND decided_content = content) IS TRUE AS same_content FROM proposal
      WHERE facility_id = $1 AND ($2::uuid IS NULL OR system_id = $2) AND created_at >= $3 AND created_at < $4`,
    [facilityId, systemId, from, to],
  );
}

export async function objectionCount(
  q: Queryable,
  facilityId: string,
  slug: string | null,
  from: Date,
  to: Date,
): Promise<{ system_slug: string; n: number }[]> {
  return q.query<{ system_slug: string; n: number }>(
    `SELECT o.system_slug, count(*)::int AS n FROM objection o JOIN person p ON p.id = o.person_id
      WHERE p.facility_id = $1 AND ($2::text IS NULL OR o.system_slug = $2) AND o.created_at >= $3 AND o.created_at < $4 GROUP BY 1`,
    [facilityId, slug, from, to],
  );
}
