import type { Queryable } from '../db/db.js';
import type { AuditEntry } from './audit-chain.js';

interface AuditRow {
  seq: number;
  at: Date;
  actor_id: string | null;
  actor_role: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  facility_id: string | null;
  request_id: string | null;
  outcome: AuditEntry['outcome'];
  details: Record<string, unknown>;
  prev_hash: string;
  hash: string;
}

const toEntry = (r: AuditRow): AuditEntry => ({
  seq: r.seq,
  at: r.at.toISOString(),
  actorId: r.actor_id,
  actorRole: r.actor_role,
  action: r.action,
  targetType: r.target_type,
  targetId: r.target_id,
  facilityId: r.facility_id,
  requestId: r.request_id,
  outcome: r.outcome,
  details: r.details,
  prevHash: r.prev_hash,
  hash: r.hash,
});

/** Locks the head row: appends are serialised across connections. */
export async function lockHead(q: Queryable): Promise<{ seq: number; hash: string }> {
  const [row] = await q.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE');
  if (!row) throw new Error('audit_head is missing: the audit migration did not run');
  return row;
}

export async function readHead(q: Queryable): Promise<{ seq: number; hash: string }> {
  const [row] = await q.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_head WHERE id = 1');
  if (!row) throw new Error('audit_head is missing');
  return row;
}

export async function insertEntry(q: Queryable, e: AuditEntry): Promise<void> {
  await q.query(
    `INSERT INTO audit_log (seq, at, actor_id, actor_role, action, target_type, target_id, facility_id, request_id, outcome, details, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
    [
      e.seq,
      e.at,
      e.actorId,
      e.actorRole,
      e.action,
      e.targetType,
      e.targetId,
      e.facilityId,
      e.requestId,
      e.outcome,
      JSON.stringify(e.details),
      e.prevHash,
      e.hash,
    ],
  );
  await q.query('UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1', [e.seq, e.hash]);
}

/** Reads the log in sequence order, in pages, so verification runs in bounded memory. */
export async function* readAll(q: Queryable, pageSize = 5000): AsyncGenerator<AuditEntry> {
  let after = 0;
  for (;;) {
    const rows = await q.query<AuditRow>('SELECT * FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2', [after, pageSize]);
    for (const r of rows) yield toEntry(r);
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1]!.seq;
  }
}

export interface AccessRow {
  seq: number;
  at: Date;
  actor_name: string | null;
  actor_role: string | null;
  action: string;
  outcome: string;
}

export async function accessesOfTarget(q: Queryable, targetType: string, targetId: string, limit: number): Promise<AccessRow[]> {
  return q.query<AccessRow>(
    `SELECT a.seq, a.at, CASE WHEN u.id IS NULL THEN NULL ELSE u.first_name || ' ' || u.last_name END AS actor_name, a.actor_role, a.action, a.outcome
       FROM audit_log a LEFT JOIN app_user u ON u.id = a.actor_id
      WHERE a.target_type = $1 AND a.target_id = $2
      ORDER BY a.seq DESC LIMIT $3`,
    [targetType, targetId, limit],
  );
}
