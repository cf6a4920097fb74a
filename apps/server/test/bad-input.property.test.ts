import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { personInputSchema, personPatchSchema } from '@presence/shared';
import { buildTestApp, type TestApp } from './test-app.js';

/** Values of every JSON shape, biased toward the edges that break validators. */
const junk = fc.oneof(
  fc.string(),
  fc.constantFrom('', ' ', '1900-01-01', '2026-02-30', '0000-00-00', '9999-12-31', 'F', 'M', 'x'.repeat(5000), '<script>', "'; DROP TABLE person; --"),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 }),
);

const base = { firstName: 'Odette', lastName: 'Roux', birthDate: '1931-05-20', sex: 'F', admissionDate: '2023-01-15' };
const fields = ['firstName', 'lastName', 'birthName', 'birthDate', 'sex', 'ins', 'room', 'address', 'attendanceDays', 'status', 'admissionDate', 'facilityId'];

describe('bad input never changes anything (property tests)', () => {
  let t: TestApp;
  let cookie: string;
  beforeAll(async () => {
    t = await buildTestApp('pglite', { loginLimit: { perIp: 1_000_000, perAccount: 1_000_000, windowMs: 60_000 } });
    cookie = await t.as('secretary');
  });
  afterAll(() => t.close());

  const count = async (table: string) => (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;

  it('login: any body gets 400 or 401, never a session', async () => {
    const body = fc.oneof(
      fc.record({ email: junk, password: junk }, { requiredKeys: [] }),
      junk,
      fc.record({ email: fc.emailAddress(), password: fc.string() }),
    );
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const sessions = await count('user_session');
        const res = await t.request('POST', '/api/auth/login', { body: b });
        expect([400, 401]).toContain(res.statusCode);
        if (res.statusCode === 400) expect(res.json().error.issues.length).toBeGreaterThan(0);
        expect(await count('user_session')).toBe(sessions);
      }),
      { numRuns: 60 },
    );
  });

  it('person create: 201 exactly when the schema accepts, else 400 naming a field, with nothing written', async () => {
    const body = fc.tuple(fc.subarray(fields, { minLength: 1, maxLength: 3 }), fc.array(junk, { minLength: 3, maxLength: 3 })).map(([keys, values]) => {
      const b: Record<string, unknown> = { ...base };
      keys.forEach((k, i) => (b[k] = values[i]));
      return b;
    });
    await fc.assert(
      fc.asyncProperty(body, async (generated) => {
        // What the server receives is JSON: Infinity becomes null, undefined keys vanish. Judge that, not the JS value.
        const b = JSON.parse(JSON.stringify(generated)) as Record<string, unknown>;
        const before = await count('person');
        const res = await t.request('POST', '/api/people', { cookie, body: b });
        const parsed = personInputSchema.safeParse(b);
        const serverRule =
          parsed.success && (parsed.data.attendanceDays.length > 0 || (parsed.data.facilityId !== undefined && parsed.data.facilityId !== t.fx.facilityA));
        if (parsed.success && !serverRule) {
          expect(res.statusCode, res.body).toBe(201);
          expect(await count('person')).toBe(before + 1);
        } else {
          expect([400, 409], res.body).toContain(res.statusCode);
          const issues = res.json().error.issues as { field: string; reason: string }[];
          expect(issues.length).toBeGreaterThan(0);
          for (const i of issues) expect(i.reason).toBeTruthy();
          expect(await count('person')).toBe(before);
        }
      }),
      { numRuns: 80 },
    );
  });

  it('person update: rejected patches leave the record unchanged', async () => {
    const patch = fc.dictionary(fc.constantFrom(...fields.filter((f) => f !== 'facilityId')), junk, { minKeys: 1, maxKeys: 3 });
    await fc.assert(
      fc.asyncProperty(patch, async (p) => {
        const before = (await t.request('GET', `/api/people/${t.fx.personA2}`, { cookie })).json();
        const res = await t.request('PATCH', `/api/people/${t.fx.personA2}`, { cookie, body: p });
        if (res.statusCode === 200) {
          expect(personPatchSchema.safeParse(p).success).toBe(true);
          return;
        }
        expect([400, 409]).toContain(res.statusCode);
        const after = (await t.request('GET', `/api/people/${t.fx.personA2}`, { cookie })).json();
        expect(after).toEqual(before);
      }),
      { numRuns: 60 },
    );
  });
});
