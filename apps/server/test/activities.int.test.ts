import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from './test-db.js';
import { buildTestApp, type TestApp } from './test-app.js';

describe.each(ENGINES)('activity recommender through the guarantee on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(engine);
    const id = t.fx.personA1;
    await t.db.query(`UPDATE person_profile SET interests = '{jardinage,chant}', contraindications = '{allergie aux poils}' WHERE person_id = $1`, [id]);
    await t.db.query(`INSERT INTO capacity_assessment (person_id, domain, level, assessed_on) VALUES ($1, 'mobility', 3, '2026-10-01')`, [id]);
  });
  afterAll(() => t.close());

  it('ships the catalogue to every facility', async () => {
    const res = await t.request('GET', '/api/activities', { cookie: await t.as('activity_leader') });
    expect(res.json().length).toBeGreaterThanOrEqual(60);
  });

  it('recommending creates a pending proposal and changes nothing until a decision', async () => {
    const cookie = await t.as('activity_leader');
    const res = await t.request('POST', `/api/people/${t.fx.personA1}/activity-recommendations`, { cookie });
    expect(res.statusCode).toBe(201);
    expect(res.json().status).toBe('pending');
    expect((await t.request('GET', `/api/people/${t.fx.personA1}/activities`, { cookie })).json()).toBeNull();
    const p = (await t.request('GET', `/api/proposals/${res.json().proposalId}`, { cookie })).json();
    expect(p).toMatchObject({ systemSlug: 'activity-recommender', kind: 'activity.suggestions', canDecide: true });
    const catalogue: {
      key: string;
      requiredCapacities: { mobility?: number };
      contraindications: string[];
      tags: string[];
    }[] = (await t.request('GET', '/api/activities', { cookie })).json();
    const byKey = new Map(catalogue.map((a) => [a.key, a]));
    for (const item of p.content.items as { activityKey: string }[]) {
      const a = byKey.get(item.activityKey)!;
      expect(a.requiredCapacities.mobility ?? 3, item.activityKey).toBeGreaterThanOrEqual(3);
      expect(a.contraindications.join(' ')).not.toMatch(/poils/);
    }
    expect(p.content.items[0].reasons.join(' ')).toMatch(/jardinage|chant/);
    expect(p.inputs).not.toHaveProperty('lifeStory');
  });

  it('accepting publishes the suggestions, labelled with the decider', async () => {
    const cookie = await t.as('activity_leader');
    const { proposalId } = (await t.request('POST', `/api/people/${t.fx.personA1}/activity-recommendations`, { cookie })).json();
    await t.request('POST', `/api/proposals/${proposalId}/decision`, { cookie, body: { decision: 'accept' } });
    const s = (await t.request('GET', `/api/people/${t.fx.personA1}/activities`, { cookie })).json();
    expect(s.items.length).toBeGreaterThan(0);
    expect(s.aiLabel).toMatchObject({ proposalId, decidedBy: 'Test activity_leader', amended: false });
  });

  it('an amendment naming an unknown activity is refused and changes nothing', async () => {
    const cookie = await t.as('activity_leader');
    const before = (await t.request('GET', `/api/people/${t.fx.personA1}/activities`, { cookie })).json();
    const { proposalId } = (await t.request('POST', `/api/people/${t.fx.personA1}/activity-recommendations`, { cookie })).json();
    const res = await t.request('POST', `/api/proposals/${proposalId}/decision`, {
      cookie,
      body: { decision: 'amend', reason: 'autre idée', content: { items: [{ activityKey: 'does-not-exist', rank: 1 }] } },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.issues[0].field).toBe('content.items.0.activityKey');
    expect((await t.request('GET', `/api/people/${t.fx.personA1}/activities`, { cookie })).json()).toEqual(before);
    expect((await t.request('GET', `/api/proposals/${proposalId}`, { cookie })).json().status).toBe('pending');
  });

  it('refuses when the person objected (person_objected) and when the feature is off (ai_feature_disabled)', async () => {
    const leader = await t.as('activity_leader');
    await t.request('PUT', `/api/people/${t.fx.personA2}/objections/activity-recommender`, {
      cookie: await t.as('secretary'),
      body: { expressedBy: 'person' },
    });
    const objected = await t.request('POST', `/api/people/${t.fx.personA2}/activity-recommendations`, { cookie: leader });
    expect(objected.statusCode).toBe(409);
    expect(objected.json().error.code).toBe('person_objected');
    const director = await t.as('director');
    const system = (await t.request('GET', '/api/ai/systems', { cookie: director })).json().find((s: { slug: string }) => s.slug === 'activity-recommender');
    await t.request('PATCH', `/api/ai/systems/${system.id}`, { cookie: director, body: { enabled: false, reason: 'Évaluation en cours' } });
    const off = await t.request('POST', `/api/people/${t.fx.personA1}/activity-recommendations`, { cookie: leader });
    expect(off.statusCode).toBe(409);
    expect(off.json().error).toMatchObject({ code: 'ai_feature_disabled', message: expect.stringContaining('Évaluation en cours') });
    await t.request('PATCH', `/api/ai/systems/${system.id}`, { cookie: director, body: { enabled: true, reason: 'fin' } });
  });

  it('activity leaders edit the catalogue: a bad edit names the field and changes nothing; a retired activity leaves the list', async () => {
    const cookie = await t.as('activity_leader');
    const all = (await t.request('GET', '/api/activities', { cookie })).json<({ id: string; key: string; name: string } & Record<string, unknown>)[]>();
    const target = all[0]!;
    const body = { ...target, name: 'Atelier renommé', active: true };
    delete (body as Record<string, unknown>).id;
    delete (body as Record<string, unknown>).key;
    const bad = await t.request('PUT', `/api/activities/${target.id}`, { cookie, body: { ...body, groupMin: 9, groupMax: 3 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.issues[0]).toMatchObject({ field: 'groupMax' });
    expect((await t.request('GET', '/api/activities', { cookie })).json<{ id: string; name: string }[]>().find((a) => a.id === target.id)!.name).toBe(
      target.name,
    );
    const ok = await t.request('PUT', `/api/activities/${target.id}`, { cookie, body: { ...body, active: false } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ name: 'Atelier renommé', active: false });
    expect((await t.request('GET', '/api/activities', { cookie })).json<{ id: string }[]>().some((a) => a.id === target.id)).toBe(false);
    const withRetired = (await t.request('GET', '/api/activities?includeRetired=true', { cookie })).json<{ id: string; active: boolean }[]>();
    expect(withRetired.find((a) => a.id === target.id)?.active).toBe(false);
    const created = await t.request('POST', '/api/activities', { cookie, body: { ...body, name: 'Atelier crêpes de la Chandeleur', active: true } });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ key: 'atelier-crepes-de-la-chandeleur', active: true });
    const again = await t.request('POST', '/api/activities', { cookie, body: { ...body, name: 'Atelier crêpes de la Chandeleur', active: true } });
    expect(again.json().key).toBe('atelier-crepes-de-la-chandeleur-2');
    expect((await t.request('PUT', `/api/activities/${target.id}`, { cookie: await t.as('care_assistant'), body })).statusCode).toBe(403);
  });
});
