import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.js';
import { entryHash, GENESIS_HASH, verifyChain, type AuditEntry, type AuditEntryBody } from './audit-chain.js';

function chain(n: number): AuditEntry[] {
  const out: AuditEntry[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const body: AuditEntryBody = {
      seq,
      at: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(),
      actorId: null,
      actorRole: 'nurse',
      action: 'person.read',
      targetType: 'person',
      targetId: `p${seq}`,
      facilityId: null,
      requestId: `r${seq}`,
      outcome: 'allowed',
      details: { n: seq },
    };
    const hash = entryHash(prev, body);
    out.push({ ...body, prevHash: prev, hash });
    prev = hash;
  }
  return out;
}
const headOf = (c: AuditEntry[]) => ({ seq: c.at(-1)?.seq ?? 0, hash: c.at(-1)?.hash ?? GENESIS_HASH });

describe('canonical JSON', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: undefined, x: 'é' }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"x":"é","z":1}]},"b":1}');
  });
  it('is insensitive to key insertion order', () => {
    expect(canonicalJson({ x: 1, y: 2 })).toBe(canonicalJson({ y: 2, x: 1 }));
  });
  it('refuses non-finite numbers', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow();
  });
});

describe('verifyChain', () => {
  it('accepts an intact chain and an empty one', () => {
    const c = chain(10);
    expect(verifyChain(c, headOf(c))).toEqual({ ok: true, entries: 10, lastSeq: 10, lastHash: c[9]!.hash });
    expect(verifyChain([], { seq: 0, hash: GENESIS_HASH })).toMatchObject({ ok: true, entries: 0 });
  });
  it('names an altered entry, whatever field changed', () => {
    for (const field of ['action', 'actorRole', 'targetId', 'at', 'outcome'] as const) {
      const c = chain(6);
      (c[3] as unknown as Record<string, unknown>)[field] = 'tampered';
      expect(verifyChain(c, headOf(chain(6)))).toMatchObject({ ok: false, firstBadSeq: 4 });
    }
  });
  it('names an altered detail and a re-hashed entry that no longer links', () => {
    const c = chain(6);
    c[1]!.details = { n: 99 };
    expect(verifyChain(c, headOf(c))).toMatchObject({ ok: false, firstBadSeq: 2 });
    const d = chain(6);
    const { prevHash, hash: _h, ...body } = d[2]!;
    body.action = 'forged';
    d[2] = { ...body, prevHash, hash: entryHash(prevHash, body) };
    expect(verifyChain(d, headOf(d))).toMatchObject({ ok: false, firstBadSeq: 4 });
  });
  it('names a deleted entry, a cut tail and extra entries', () => {
    const c = chain(6);
    expect(verifyChain([...c.slice(0, 2), ...c.slice(3)], headOf(c))).toMatchObject({ ok: false, firstBadSeq: 3 });
    expect(verifyChain(c.slice(0, 4), headOf(c))).toMatchObject({ ok: false, firstBadSeq: 5 });
    expect(verifyChain(c, headOf(c.slice(0, 5)))).toMatchObject({ ok: false, firstBadSeq: 6 });
  });
});
