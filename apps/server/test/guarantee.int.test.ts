import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from './test-db.js';
import { buildTestApp, type TestApp } from './test-app.js';
import { TEST_KIND, TEST_SYSTEM } from './test-feature.js';

describe.each(ENGINES)('human guarantee on %s', (engine) => {
  let t: TestApp;
  let systemId: string;
  const propose = (personId: string, title = 'Marcher jusqu’au jardin chaque jour') =>
    t.services.guarantee.propose({
      facilityId: t.fx.facilityA,
      systemSlug: TEST_SYSTEM,
      kind: TEST_KIND,
      personId,
      title: 'Nouvel objectif proposé',
      content: { title, domain: 'mobility' },
      explanation: {
        summary: 'Mobilité en baisse sur deux évaluations',
        factors: [{ label: 'mobilité 1 → 2', weight: 0.8 }],
        spans: [{ recordType: 'care_note', recordId: 'n1', start: 0, end: 12, text: 'marche moins' }],
      },
      inputs: { capacities: [1, 2] },
    });

  beforeAll(async () => {
    t = await buildTestApp(engine);
    await t.db.query(`INSERT INTO care_plan (person_id, start_date, review_date) VALUES ($1, '2026-01-01', '2027-01-01'), ($2, '2026-01-01', '2027-01-01')`, [
      t.fx.personA1,
      t.fx.personA2,
    ]);
    const res = await t.request('GET', '/api/ai/systems', { cookie: await t.as('director') });
    systemId = res.json().find((s: { slug: string }) => s.slug === TEST_SYSTEM).id;
  });
  afterAll(() => t.close());

  it('lists the register with its fields and evaluation figures', async () => {
    const res = await t.request('GET', '/api/ai/systems', { cookie: await t.as('nurse') });
    const s = res.json().find((x: { slug: string }) => x.slug === TEST_SYSTEM);
    expect(s).toMatchObject({
      enabled: true,
      decisionMode: 'human-decision',
      riskClass: 'minimal',
      deciderRoles: ['coordination_nurse', 'physician'],
      engineVersion: 'test-1',
    });
    expect(s.evaluation).toMatchObject({ proposals: expect.any(Number) });
  });

  it('accept applies the effect in the same transaction and labels it with the decider', async () => {
    const { id } = await propose(t.fx.personA1);
    const nurse = await t.as('coordination_nurse');
    const inbox = await t.request('GET', `/api/proposals?status=pending&personId=${t.fx.personA1}`, { cookie: nurse });
    expect(inbox.json().items.map((p: { id: string }) => p.id)).toContain(id);
    const detail = (await t.request('GET', `/api/proposals/${id}`, { cookie: nurse })).json();
    expect(detail).toMatchObject({ systemId, kind: TEST_KIND, personId: t.fx.personA1, status: 'pending', canDecide: true });
    expect(detail.explanation.spans[0].text).toBe('marche moins');
    const res = await t.request('POST', `/api/proposals/${id}/decision`, { cookie: nurse, body: { decision: 'accept' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'accepted', decision: { decidedBy: { id: t.fx.users.coordination_nurse.id } }, effect: { type: 'goal' } });
    const person = (await t.request('GET', `/api/people/${t.fx.personA1}`, { cookie: nurse })).json();
    const goal = person.carePlan.goals.find((g: { id: string }) => g.id === res.json().effect.id);
    expect(goal.aiLabel).toMatchObject({ proposalId: id, decidedBy: 'Test coordination_nurse', amended: false });
    const prov = await t.request('GET', `/api/proposals/${id}/provenance`, { cookie: nurse });
    expect(prov.json()).toMatchObject({ resourceType: 'Provenance', meta: { security: [{ code: 'AIAST' }] }, target: [{ reference: `goal/${goal.id}` }] });
  });

  it('amend needs a reason and valid content; invalid content changes nothing', async () => {
    const { id } = await propose(t.fx.personA1);
    const cookie = await t.as('coordination_nurse');
    const noReason = await t.request('POST', `/api/proposals/${id}/decision`, {
      cookie,
      body: { decision: 'amend', content: { title: 'Autre', domain: 'social' } },
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.issues[0].field).toBe('reason');
    const goalsBefore = await t.db.query('SELECT id FROM goal');
    const bad = await t.request('POST', `/api/proposals/${id}/decision`, {
      cookie,
      body: { decision: 'amend', reason: 'plus précis', content: { title: 'x', domain: 'nowhere' } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.issues.map((i: { field: string }) => i.field)).toEqual(expect.arrayContaining(['content.title', 'content.domain']));
    expect(await t.db.query('SELECT id FROM goal')).toEqual(goalsBefore);
    const ok = await t.request('POST', `/api/proposals/${id}/decision`, {
      cookie,
      body: { decision: 'amend', reason: 'plus précis', content: { title: 'Marcher avec le kiné le mardi', domain: 'mobility' } },
    });
    expect(ok.json()).toMatchObject({ status: 'amended', decision: { reason: 'plus précis' } });
    const [goal] = await t.db.query<{ title: string }>('SELECT title FROM goal WHERE id = $1', [ok.json().effect.id]);
    expect(goal!.title).toBe('Marcher avec le kiné le mardi');
  });

  it('reject needs a reason and applies nothing', async () => {
    const { id } = await propose(t.fx.personA1);
    const cookie = await t.as('physician');
    expect((await t.request('POST', `/api/proposals/${id}/decision`, { cookie, body: { decision: 'reject' } })).statusCode).toBe(400);
    const res = await t.request('POST', `/api/proposals/${id}/decision`, { cookie, body: { decision: 'reject', reason: 'pas adapté' } });
    expect(res.json()).toMatchObject({ status: 'rejected', effect: null });
  });

  it('deciding twice answers 409; concurrent decisions: exactly one wins', async () => {
    const { id } = await propose(t.fx.personA1);
    const a = await t.as('coordination_nurse');
    const b = await t.as('physician');
    const results = await Promise.all([
      t.request('POST', `/api/proposals/${id}/decision`, { cookie: a, body: { decision: 'accept' } }),
      t.request('POST', `/api/proposals/${id}/decision`, { cookie: b, body: { decision: 'reject', reason: 'non' } }),
      t.request('POST', `/api/proposals/${id}/decision`, { cookie: a, body: { decision: 'accept' } }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409, 409]);
    const [{ n }] = (await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'proposal.decide' AND outcome = 'allowed' AND details->>'proposalId' = $1`,
      [id],
    )) as [{ n: number }];
    expect(n).toBe(1);
  });

  it('deciding without the right answers 403 and is audited', async () => {
    const { id } = await propose(t.fx.personA1);
    const res = await t.request('POST', `/api/proposals/${id}/decision`, { cookie: await t.as('nurse'), body: { decision: 'accept' } });
    expect(res.statusCode).toBe(403);
    const [row] = await t.db.query<{ outcome: string }>(
      `SELECT outcome FROM audit_log WHERE action = 'proposal.decide' AND target_id = $1 ORDER BY seq DESC LIMIT 1`,
      [id],
    );
    expect(row!.outcome).toBe('denied');
    expect((await t.request('GET', `/api/proposals/${id}`, { cookie: await t.as('coordination_nurse') })).json().status).toBe('pending');
  });

  it('an effect handler that fails rolls the decision back', async () => {
    const { id } = await propose(t.fx.personA2);
    await t.db.query(`UPDATE care_plan SET status = 'archived' WHERE person_id = $1`, [t.fx.personA2]);
    const res = await t.request('POST', `/api/proposals/${id}/decision`, { cookie: await t.as('coordination_nurse'), body: { decision: 'accept' } });
    expect(res.statusCode).toBe(409);
    const [p] = await t.db.query<{ status: string; decided_at: Date | null }>('SELECT status, decided_at FROM proposal WHERE id = $1', [id]);
    expect(p).toEqual({ status: 'pending', decided_at: null });
    await t.db.query(`UPDATE care_plan SET status = 'active' WHERE person_id = $1`, [t.fx.personA2]);
  });

  it('objection: pending proposals withdrawn, new ones refused with person_objected, lifting restores', async () => {
    const { id } = await propose(t.fx.personA2);
    const cookie = await t.as('secretary');
    const res = await t.request('PUT', `/api/people/${t.fx.personA2}/objections/${TEST_SYSTEM}`, {
      cookie,
      body: { expressedBy: 'staff_on_request', note: 'Demande orale de M. Dubois' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual([expect.objectContaining({ systemSlug: TEST_SYSTEM, expressedBy: 'staff_on_request' })]);
    const [p] = await t.db.query<{ status: string }>('SELECT status FROM proposal WHERE id = $1', [id]);
    expect(p!.status).toBe('withdrawn');
    await expect(propose(t.fx.personA2)).rejects.toMatchObject({ code: 'person_objected' });
    expect((await t.request('DELETE', `/api/people/${t.fx.personA2}/objections/${TEST_SYSTEM}`, { cookie })).json()).toEqual([]);
    await expect(propose(t.fx.personA2)).resolves.toMatchObject({ status: 'pending' });
  });

  it('a relative without rights cannot object; with rights they can', async () => {
    const cookie = await t.as('relative');
    const denied = await t.request('PUT', `/api/people/${t.fx.personA1}/objections/${TEST_SYSTEM}`, { cookie, body: { expressedBy: 'relative' } });
    expect(denied.statusCode).toBe(403);
    await t.db.query('UPDATE contact SET is_trusted_person = true WHERE user_id = $1', [t.fx.users.relative.id]);
    const ok = await t.request('PUT', `/api/people/${t.fx.personA1}/objections/${TEST_SYSTEM}`, { cookie, body: { expressedBy: 'relative' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()[0].expressedBy).toBe('relative');
    await t.request('DELETE', `/api/people/${t.fx.personA1}/objections/${TEST_SYSTEM}`, { cookie });
  });

  it('disabling a feature: 409 ai_feature_disabled naming who and why, pending withdrawn, history kept', async () => {
    const { id } = await propose(t.fx.personA1);
    const director = await t.as('director');
    const noReason = await t.request('PATCH', `/api/ai/systems/${systemId}`, { cookie: director, body: { enabled: false } });
    expect(noReason.statusCode).toBe(400);
    const off = await t.request('PATCH', `/api/ai/systems/${systemId}`, { cookie: director, body: { enabled: false, reason: 'Revue du collège' } });
    expect(off.json()).toMatchObject({ enabled: false, statusReason: 'Revue du collège', changedBy: { id: t.fx.users.director.id } });
    expect((await t.db.query<{ status: string }>('SELECT status FROM proposal WHERE id = $1', [id]))[0]!.status).toBe('withdrawn');
    await expect(propose(t.fx.personA1)).rejects.toMatchObject({ code: 'ai_feature_disabled', message: expect.stringContaining('Test director') });
    const history = (await t.request('GET', `/api/ai/systems/${systemId}/history`, { cookie: director })).json();
    expect(history[0]).toMatchObject({ reason: 'Revue du collège', before: { enabled: true }, after: { enabled: false } });
    await t.request('PATCH', `/api/ai/systems/${systemId}`, { cookie: director, body: { enabled: true, reason: 'Reprise' } });
  });

  it('apply-and-notify: only for minimal risk; applies at once, labelled as automatic', async () => {
    const director = await t.as('director');
    await t.request('PATCH', `/api/ai/systems/${systemId}`, { cookie: director, body: { decisionMode: 'apply-and-notify', reason: 'test' } });
    const r = await propose(t.fx.personA1, 'Participer au chant du jeudi');
    expect(r.status).toBe('accepted');
    const p = (await t.request('GET', `/api/proposals/${r.id}`, { cookie: director })).json();
    expect(p).toMatchObject({ status: 'accepted', decision: { decidedBy: null }, closedReason: expect.stringContaining('apply-and-notify') });
    await t.request('PATCH', `/api/ai/systems/${systemId}`, { cookie: director, body: { decisionMode: 'human-decision', reason: 'test' } });
  });

  it('figures per feature: counts, rates, unedited acceptance, objections', async () => {
    const res = await t.request('GET', `/api/ai/figures?systemId=${systemId}`, { cookie: await t.as('user_representative') });
    expect(res.statusCode).toBe(200);
    const [f] = res.json();
    // accept, amend, reject, the concurrent race (accept or reject wins), apply-and-notify (accepted)
    expect(f.figures).toMatchObject({ decided: 5, amended: 1, objections: 2 });
    expect(f.figures.accepted + f.figures.rejected).toBe(4);
    expect(f.figures.uneditedAcceptanceRate).toBeCloseTo(f.figures.accepted / 5);
    expect(f.figures.medianHoursToDecision).toBeGreaterThanOrEqual(0);
  });
});
