import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from './test-db.js';
import { buildTestApp, type TestApp } from './test-app.js';

const allA = {
  coherence: 'A',
  orientation: 'A',
  toilette: 'A',
  habillage: 'A',
  alimentation: 'A',
  elimination: 'A',
  transferts: 'A',
  deplacementInterieur: 'A',
  deplacementExterieur: 'A',
  communication: 'A',
};
const yes = { S: true, T: true, C: true, H: true };
const partly = { S: true, T: false, C: true, H: true };

describe.each(ENGINES)('assessments in the product on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(engine);
  });
  afterAll(() => t.close());

  it('records an AGGIR grid given as adverbs; the GIR is computed by the rules and kept with their version', async () => {
    const nurse = await t.as('nurse');
    const input = { ...allA, toilette: { haut: partly, bas: { S: false, T: false, C: false, H: false } }, habillage: 'C', transferts: { ...yes, H: false } };
    const res = await t.request('POST', `/api/people/${t.fx.personA1}/assessments`, { cookie: nurse, body: { scale: 'aggir', input } });
    expect(res.statusCode).toBe(201);
    const a = res.json();
    // the same input through the scale module directly gives the same result
    const direct = (await t.request('POST', '/api/assessments/compute', { cookie: nurse, body: { scale: 'aggir', input } })).json();
    expect(a.result).toEqual(direct.result);
    expect(a.result.codes).toMatchObject({ toilette: 'B', habillage: 'C', transferts: 'B' });
    expect(a.summary).toBe(`GIR ${a.result.gir} (rang ${a.result.rank})`);
    expect(a).toMatchObject({ scale: 'aggir', scaleVersion: '1.0.0', assessedBy: { name: 'Test nurse' } });
    const history = (await t.request('GET', `/api/people/${t.fx.personA1}/assessments?scale=aggir`, { cookie: nurse })).json();
    expect(history.assessments.map((x: { id: string }) => x.id)).toEqual([a.id]);
  });

  it('an unknown key is refused with 400 naming it, and nothing is recorded', async () => {
    const nurse = await t.as('nurse');
    const before = await t.db.query('SELECT id FROM assessment');
    const res = await t.request('POST', `/api/people/${t.fx.personA1}/assessments`, {
      cookie: nurse,
      body: { scale: 'aggir', input: { ...allA, toilete: 'A' } },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.issues).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'input.toilete', reason: 'unknown_key' })]));
    const news = await t.request('POST', `/api/people/${t.fx.personA1}/assessments`, {
      cookie: nurse,
      body: { scale: 'news2', input: { respirationRate: 18, spo2: 150, oxygen: false, systolicBP: 120, pulse: 70, consciousness: 'A', temperature: 37 } },
    });
    expect(news.statusCode).toBe(400);
    expect(news.json().error.issues[0]).toMatchObject({ field: 'input.spo2' });
    const future = await t.request('POST', `/api/people/${t.fx.personA1}/assessments`, {
      cookie: nurse,
      body: { scale: 'mini-gds', input: { q1: false, q2: false, q3: true, q4: false }, assessedAt: new Date(Date.now() + 86_400_000).toISOString() },
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.issues[0].field).toBe('assessedAt');
    expect(await t.db.query('SELECT id FROM assessment')).toHaveLength(before.length);
  });

  it('a Braden threshold set by the facility is an option of the recorded assessment', async () => {
    const nurse = await t.as('nurse');
    const input = { sensoryPerception: 3, moisture: 3, activity: 3, mobility: 3, nutrition: 3, frictionShear: 2 };
    const def = (await t.request('POST', `/api/people/${t.fx.personA1}/assessments`, { cookie: nurse, body: { scale: 'braden', input } })).json();
    const low = (
      await t.request('POST', `/api/people/${t.fx.personA1}/assessments`, { cookie: nurse, body: { scale: 'braden', input, options: { threshold: 15 } } })
    ).json();
    expect(def.result).toMatchObject({ total: 17, atRisk: true, threshold: 18 });
    expect(low.result).toMatchObject({ total: 17, atRisk: false, threshold: 15 });
    expect(low.options).toEqual({ threshold: 15 });
  });

  it('recording the scale a decided proposal made due closes it; other dues are closed with what was done', async () => {
    const nurse = await t.as('nurse');
    const [proposal] = await t.db.query<{ id: string }>('SELECT gen_random_uuid() AS id');
    for (const kind of ['mna-sf', 'team-review'])
      await t.db.query(
        `INSERT INTO assessment_due (facility_id, person_id, kind, rule, reason, due_by, proposal_id) VALUES ($1, $2, $3, 'appetite', 'test', CURRENT_DATE + 2, $4)`,
        [t.fx.facilityA, t.fx.personA2, kind, proposal!.id],
      );
    const mna = await t.request('POST', `/api/people/${t.fx.personA2}/assessments`, {
      cookie: nurse,
      body: { scale: 'mna-sf', input: { A: 1, B: 2, C: 2, D: 2, E: 2, F1: 2 } },
    });
    expect(mna.statusCode).toBe(201);
    expect(mna.json().summary).toBe('MNA-SF 11/14 — risque de dénutrition');
    let { due } = (await t.request('GET', `/api/people/${t.fx.personA2}/assessments`, { cookie: nurse })).json();
    const byKind = Object.fromEntries(due.map((d: { kind: string }) => [d.kind, d]));
    expect(byKind['mna-sf']).toMatchObject({ assessmentId: mna.json().id });
    expect(byKind['mna-sf'].doneAt).not.toBeNull();
    expect(byKind['team-review'].doneAt).toBeNull();
    const closed = await t.request('POST', `/api/people/${t.fx.personA2}/assessment-dues/${byKind['team-review'].id}/done`, {
      cookie: await t.as('care_assistant'),
      body: { note: 'Point en réunion d’équipe du mardi' },
    });
    expect(closed.statusCode).toBe(200);
    due = closed.json();
    expect(due.find((d: { kind: string }) => d.kind === 'team-review')).toMatchObject({ doneNote: 'Point en réunion d’équipe du mardi' });
    const twice = await t.request('POST', `/api/people/${t.fx.personA2}/assessment-dues/${byKind['team-review'].id}/done`, {
      cookie: nurse,
      body: { note: 'encore' },
    });
    expect(twice.statusCode).toBe(404);
  });

  it('reads are audited; care assistants do not score; other facilities and the secretary see nothing', async () => {
    const before = await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'person.assessments.read'");
    const ok = await t.request('GET', `/api/people/${t.fx.personA1}/assessments`, { cookie: await t.as('physician') });
    expect(ok.statusCode).toBe(200);
    const after = await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'person.assessments.read'");
    expect(after[0]!.n).toBe(before[0]!.n + 1);
    expect((await t.request('GET', `/api/people/${t.fx.personA1}/assessments`, { cookie: await t.as('secretary') })).statusCode).toBe(403);
    const ca = await t.request('POST', `/api/people/${t.fx.personA1}/assessments`, {
      cookie: await t.as('care_assistant'),
      body: { scale: 'mini-gds', input: { q1: false, q2: false, q3: true, q4: false } },
    });
    expect(ca.statusCode).toBe(403);
    const other = await t.request('GET', `/api/people/${t.fx.personB1}/assessments`, { cookie: await t.as('nurse') });
    expect(other.statusCode).toBe(404);
  });
});
