import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';

export const GENESIS_HASH = '0'.repeat(64);

/** The fields an audit entry's hash covers (everything but the hashes themselves). */
export interface AuditEntryBody {
  seq: number;
  at: string; // ISO 8601, millisecond precision
  actorId: string | null;
  actorRole: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  facilityId: string | null;
  requestId: string | null;
  outcome: 'allowed' | 'denied' | 'failed';
  details: Record<string, unknown>;
}

export interface AuditEntry extends AuditEntryBody {
  prevHash: string;
  hash: string;
}

export function entryHash(prevHash: string, body: AuditEntryBody): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(body)).digest('hex');
}

export type VerifyResult =
  { ok: true; entries: number; lastSeq: number; lastHash: string } | { ok: false; entries: number; firstBadSeq: number; reason: string };

/**
 * Checks a chain fed in sequence order against its head (last seq and hash recorded separately).
 * Reports the first entry that is missing, out of order, altered, or not linked to its
 * predecessor. Streaming: memory stays constant whatever the length of the log.
 */
export class ChainVerifier {
  private expectedSeq = 1;
  private prevHash = GENESIS_HASH;
  private count = 0;
  private failure: VerifyResult | null = null;

  /** Returns false once the chain is broken; later entries are ignored. */
  push(e: AuditEntry): boolean {
    if (this.failure) return false;
    this.count++;
    const fail = (firstBadSeq: number, reason: string) => {
      this.failure = { ok: false, entries: this.count, firstBadSeq, reason };
      return false;
    };
    if (e.seq !== this.expectedSeq)
      return fail(this.expectedSeq, e.seq > this.expectedSeq ? `entry ${this.expectedSeq} is missing` : `entry ${e.seq} is out of order`);
    if (e.prevHash !== this.prevHash) return fail(e.seq, `entry ${e.seq} does not link to the previous entry's hash`);
    const { prevHash: _prev, hash, ...body } = e;
    if (entryHash(this.prevHash, body) !== hash) return fail(e.seq, `entry ${e.seq} was altered: its content no longer matches its hash`);
    this.prevHash = hash;
    this.expectedSeq++;
    return true;
  }

  finish(head: { seq: number; hash: string }): VerifyResult {
    if (this.failure) return this.failure;
    const lastSeq = this.expectedSeq - 1;
    const fail = (firstBadSeq: number, reason: string): VerifyResult => ({ ok: false, entries: this.count, firstBadSeq, reason });
    if (head.seq > lastSeq)
      return fail(lastSeq + 1, `the log ends at entry ${lastSeq} but the head records entry ${head.seq}: entries ${lastSeq + 1}..${head.seq} were removed`);
    if (head.seq < lastSeq) return fail(head.seq + 1, `entry ${head.seq + 1} follows the recorded head (${head.seq}): entries were added outside Présence`);
    if (head.hash !== this.prevHash) return fail(lastSeq, `entry ${lastSeq} does not match the hash recorded in the head`);
    return { ok: true, entries: this.count, lastSeq, lastHash: this.prevHash };
  }
}

export function verifyChain(entries: Iterable<AuditEntry>, head: { seq: number; hash: string }): VerifyResult {
  const v = new ChainVerifier();
  for (const e of entries) if (!v.push(e)) break;
  return v.finish(head);
}
