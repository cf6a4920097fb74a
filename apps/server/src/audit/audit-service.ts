import type { Db, Queryable } from '../db/db.js';
import type { Actor } from '../http/actor.js';
import { ChainVerifier, entryHash, type AuditEntryBody, type VerifyResult } from './audit-chain.js';
import { accessesOfTarget, insertEntry, lockHead, readAll, readHead } from './audit-repository.js';

export interface AuditEvent {
  action: string; // e.g. 'person.read', 'person.update', 'auth.login'
  outcome: AuditEntryBody['outcome'];
  targetType?: string | null;
  targetId?: string | null;
  facilityId?: string | null;
  details?: Record<string, unknown>;
}

export interface AuditContext {
  actor: Pick<Actor, 'userId' | 'role'> | null;
  requestId: string | null;
}

/**
 * Appends one entry. Pass the transaction of the write being audited so both commit or neither
 * does; for reads and denials pass the Db and the entry gets its own transaction.
 */
export async function appendAudit(q: Db | Queryable, ctx: AuditContext, ev: AuditEvent): Promise<void> {
  const run = async (tx: Queryable) => {
    const head = await lockHead(tx);
    const body: AuditEntryBody = {
      seq: head.seq + 1,
      at: new Date().toISOString(),
      actorId: ctx.actor?.userId ?? null,
      actorRole: ctx.actor?.role ?? null,
      action: ev.action,
      targetType: ev.targetType ?? null,
      targetId: ev.targetId ?? null,
      facilityId: ev.facilityId ?? null,
      requestId: ctx.requestId,
      outcome: ev.outcome,
      details: ev.details ?? {},
    };
    await insertEntry(tx, { ...body, prevHash: head.hash, hash: entryHash(head.hash, body) });
  };
  if ('transaction' in q) await q.transaction(run);
  else await run(q);
}

export async function verifyAudit(db: Db): Promise<VerifyResult> {
  // One snapshot for head and log, so a server appending meanwhile cannot make an intact chain look broken.
  return db.transaction(async (tx) => {
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    const head = await readHead(tx);
    const verifier = new ChainVerifier();
    for await (const e of readAll(tx)) if (!verifier.push(e)) break;
    return verifier.finish(head);
  });
}

export async function personAccessLog(db: Db, personId: string, limit = 500) {
  const rows = await accessesOfTarget(db, 'person', personId, limit);
  return rows.map((r) => ({ seq: r.seq, at: r.at.toISOString(), actorName: r.actor_name, actorRole: r.actor_role, action: r.action, outcome: r.outcome }));
}
