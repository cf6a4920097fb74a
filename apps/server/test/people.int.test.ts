import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from './test-db.js';
import { buildTestApp, type TestApp } from './test-app.js';

const valid = { firstName: 'Marcelle', lastName: 'Lefèvre', birthDate: '1936-02-14', sex: 'F', admissionDate: '2024-03-01', room: '112' };

describe.each(ENGINES)('people on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(engine);
  });
  afterAll(() => t.close());

  it('creates a person in the creator’s facility and reads it back, audited', async () => {
    const cookie = await t.as('secretary');
    const res = await t.request('POST', '/api/people', { cookie, body: valid });
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({
      firstName: 'Marcelle',
      lastName: 'Lefèvre',
      facilityId: t.fx.facilityA,
      room: '112',
      status: 'active',
      attendanceDays: [],
    });
    const read = await t.request('GET', `/api/people/${created.id}`, { cookie });
    expect(read.statusCode).toBe(200);
    expect(read.json().id).toBe(created.id);
    const audit = await t.db.query<{ action: string; actor_id: string }>(`SELECT action, actor_id FROM audit_log WHERE target_id = $1 ORDER BY seq`, [
      created.id,
    ]);
    expect(audit.map((a) => a.action)).toEqual(['person.create', 'person.read']);
    expect(audit.every((a) => a.actor_id === t.fx.users.secretary.id)).toBe(true);
  });

  it('rejects bad input with the field and the reason, and writes nothing', async () => {
    const cookie = await t.as('secretary');
    const before = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM person');
    const cases: [Record<string, unknown>, string][] = [
      [{ ...valid, birthDate: '2999-01-01' }, 'birthDate'],
      [{ ...valid, birthDate: '14/02/1936' }, 'birthDate'],
      [{ ...valid, sex: 'Z' }, 'sex'],
      [{ ...valid, firstName: '   ' }, 'firstName'],
      [{ ...valid, ins: '123' }, 'ins'],
      [{ ...valid, admissionDate: '1930-01-01' }, 'admissionDate'],
      [{ ...valid, attendanceDays: ['mon'] }, 'attendanceDays'], // facility A is an EHPAD
      [{ ...valid, unexpected: 1 }, 'unexpected'],
    ];
    for (const [body, field] of cases) {
      const res = await t.request('POST', '/api/people', { cookie, body });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      const err = res.json().error;
      expect(err.code).toBe('validation_failed');
      expect(err.issues.map((i: { field: string }) => i.field)).toContain(field);
      expect(err.issues[0].reason).toBeTruthy();
    }
    const after = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM person');
    expect(after).toEqual(before);
  });

  it('refuses malformed JSON with 400', async () => {
    const cookie = await t.as('secretary');
    const res = await t.http.inject({ method: 'POST', url: '/api/people', headers: { cookie, 'content-type': 'application/json' }, payload: '{"firstName":' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
  });

  it('updates identity, profile, capacities, contacts and plan', async () => {
    const cookie = await t.as('coordination_nurse');
    const id = t.fx.personA2;
    let res = await t.request('PATCH', `/api/people/${id}`, { cookie, body: { room: '204', status: 'temporarily_absent' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ room: '204', status: 'temporarily_absent', version: 2 });
    res = await t.request('PUT', `/api/people/${id}/profile`, { cookie, body: { lifeStory: 'Cheminot à Tours.', interests: ['belote', 'jardinage'] } });
    expect(res.json().profile).toMatchObject({ lifeStory: 'Cheminot à Tours.', interests: ['belote', 'jardinage'] });
    expect(
      (await t.request('POST', `/api/people/${id}/capacities`, { cookie, body: { domain: 'mobility', level: 2, assessedOn: '2026-01-10' } })).statusCode,
    ).toBe(200);
    res = await t.request('POST', `/api/people/${id}/capacities`, { cookie, body: { domain: 'mobility', level: 3, assessedOn: '2026-06-10' } });
    expect(res.json().capacities.map((c: { level: number }) => c.level)).toEqual([3, 2]);
    res = await t.request('POST', `/api/people/${id}/contacts`, {
      cookie,
      body: { firstName: 'Anne', lastName: 'Dubois', relationship: 'child', phone: '06 12 34 56 78', isTrustedPerson: true },
    });
    expect(res.statusCode).toBe(200);
    res = await t.request('POST', `/api/people/${id}/contacts`, {
      cookie,
      body: { firstName: 'Luc', lastName: 'Dubois', relationship: 'child', isTrustedPerson: true },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.issues[0]).toMatchObject({ field: 'isTrustedPerson', reason: 'already_set' });
    res = await t.request('PUT', `/api/people/${id}/care-plan`, {
      cookie,
      body: { startDate: '2026-01-01', reviewDate: '2027-01-01', personAgreement: 'agreed', goals: [{ title: 'Marcher jusqu’au jardin', domain: 'mobility' }] },
    });
    expect(res.json().carePlan).toMatchObject({ personAgreement: 'agreed', goals: [{ title: 'Marcher jusqu’au jardin', status: 'open' }] });
    const actions = await t.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE target_id = $1 AND outcome = 'allowed' ORDER BY seq`, [id]);
    expect(actions.map((a) => a.action)).toEqual([
      'person.update',
      'person.profile.update',
      'person.capacity.add',
      'person.capacity.add',
      'person.contact.add',
      'person.care_plan.replace',
    ]);
  });

  it('hides people outside the scope with 404 and audits the denial', async () => {
    const cookie = await t.as('nurse');
    const res = await t.request('GET', `/api/people/${t.fx.personB1}`, { cookie });
    expect(res.statusCode).toBe(404);
    const [row] = await t.db.query<{ outcome: string; actor_id: string }>(
      `SELECT outcome, actor_id FROM audit_log WHERE target_id = $1 ORDER BY seq DESC LIMIT 1`,
      [t.fx.personB1],
    );
    expect(row).toEqual({ outcome: 'denied', actor_id: t.fx.users.nurse.id });
    const list = await t.request('GET', '/api/people', { cookie });
    expect(list.json().items.map((p: { id: string }) => p.id)).not.toContain(t.fx.personB1);
  });

  it('lets a relative see only their person', async () => {
    const cookie = await t.as('relative');
    const list = await t.request('GET', '/api/people', { cookie });
    expect(list.json().items.map((p: { id: string }) => p.id)).toEqual([t.fx.personA1]);
    expect((await t.request('GET', `/api/people/${t.fx.personA1}`, { cookie })).statusCode).toBe(200);
    expect((await t.request('GET', `/api/people/${t.fx.personA2}`, { cookie })).statusCode).toBe(404);
  });

  it('searches, sorts through the allow-list, and rejects unknown sort fields', async () => {
    const cookie = await t.as('nurse');
    const res = await t.request('GET', '/api/people?q=germ&sort=birthDate&order=desc', { cookie });
    expect(res.json().items.map((p: { firstName: string }) => p.firstName)).toEqual(['Germaine']);
    const bad = await t.request('GET', '/api/people?sort=password_hash', { cookie });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.issues[0].field).toBe('querystring.sort');
  });

  it('gives user representatives aggregates only, masking small groups', async () => {
    const cookie = await t.as('user_representative');
    expect((await t.request('GET', `/api/people/${t.fx.personA1}`, { cookie })).statusCode).toBe(403);
    const res = await t.request('GET', '/api/stats/overview', { cookie });
    expect(res.statusCode).toBe(200);
    const [f] = res.json().facilities;
    expect(f.people).toBeGreaterThan(0);
    expect(JSON.stringify(res.json())).not.toMatch(/Germaine|Martin/);
    expect(Object.values(f.bySex)).toContain('<5');
  });

  it('shows the director who accessed a record', async () => {
    const nurse = await t.as('nurse');
    await t.request('GET', `/api/people/${t.fx.personA1}`, { cookie: nurse });
    const cookie = await t.as('director');
    const res = await t.request('GET', `/api/people/${t.fx.personA1}/access-log`, { cookie });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(expect.arrayContaining([expect.objectContaining({ actorRole: 'nurse', action: 'person.read', actorName: 'Test nurse' })]));
  });
});
