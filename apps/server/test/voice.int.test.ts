import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from './test-db.js';
import { buildTestApp, type TestApp } from './test-app.js';
import { TEST_KIND, TEST_SYSTEM } from './test-feature.js';
import { PanelService, redactName } from '../src/voice/panel-service.js';
import { pdfSafe } from '../src/voice/minutes.js';
import { ageBand, wilson } from '../src/voice/equity.js';

const today = () => new Date().toISOString().slice(0, 10);

describe.each(ENGINES)('complaints and the review panel on %s', (engine) => {
  let t: TestApp;
  /** 12 decided proposals of the test feature: 6 accepted, 3 amended, 3 rejected. */
  const decided: { id: string; status: string }[] = [];

  beforeAll(async () => {
    t = await buildTestApp(engine);
    await t.db.query(`INSERT INTO care_plan (person_id, start_date, review_date) VALUES ($1, '2026-01-01', '2027-01-01'), ($2, '2026-01-01', '2027-01-01')`, [
      t.fx.personA1,
      t.fx.personA2,
    ]);
    const nurse = await t.as('coordination_nurse');
    for (let k = 0; k < 12; k++) {
      const { id } = await t.services.guarantee.propose({
        facilityId: t.fx.facilityA,
        systemSlug: TEST_SYSTEM,
        kind: TEST_KIND,
        personId: k % 2 ? t.fx.personA2 : t.fx.personA1,
        title: `Objectif pour ${k % 2 ? 'Henri Dubois' : 'Germaine Martin'} n°${k}`,
        content: { title: `Marcher ${k} minutes`, domain: 'mobility' },
        explanation: { summary: `${k % 2 ? 'M. Dubois' : 'Mme Martin'} marche moins depuis deux semaines`, factors: [] },
        inputs: { k },
      });
      const decision =
        k < 6
          ? { decision: 'accept' }
          : k < 9
            ? { decision: 'amend', reason: 'plus court', content: { title: 'Marcher 5 minutes', domain: 'mobility' } }
            : { decision: 'reject', reason: 'pas adapté' };
      const res = await t.request('POST', `/api/proposals/${id}/decision`, { cookie: nurse, body: decision });
      expect(res.statusCode).toBe(200);
      decided.push({ id, status: res.json().status });
    }
  });
  afterAll(() => t.close());

  it('records a complaint, refuses bad input naming the field with nothing written, and follows the workflow with deadlines', async () => {
    const secretary = await t.as('secretary');
    const base = {
      receivedAt: new Date(Date.now() - 3_600_000).toISOString(),
      channel: 'letter',
      complainantKind: 'relative',
      complainantName: 'Mme Martin (fille)',
      subject: 'Objectif proposé par l’IA sans nous demander',
      description: 'On a proposé à ma mère un objectif de marche sans en parler avec elle.',
    };
    const before = (await t.db.query('SELECT id FROM complaint')).length;
    const stranger = await t.request('POST', '/api/complaints', { cookie: secretary, body: { ...base, personId: t.fx.personB1 } });
    expect(stranger.statusCode).toBe(400);
    expect(stranger.json().error.issues[0]).toMatchObject({ field: 'personId', reason: 'not_in_facility' });
    const unknown = await t.request('POST', '/api/complaints', {
      cookie: secretary,
      body: {
        ...base,
        personId: t.fx.personA1,
        aiInvolved: true,
        links: { proposalIds: [decided[0]!.id, '00000000-0000-4000-8000-000000000000'], systemSlugs: [] },
      },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.issues[0]).toMatchObject({ field: 'links.proposalIds.1', reason: 'unknown_proposal' });
    const noAi = await t.request('POST', '/api/complaints', {
      cookie: secretary,
      body: { ...base, links: { proposalIds: [decided[0]!.id], systemSlugs: [] } },
    });
    expect(noAi.json().error.issues[0]).toMatchObject({ field: 'aiInvolved', reason: 'links_without_ai' });
    expect((await t.db.query('SELECT id FROM complaint')).length).toBe(before);

    const created = await t.request('POST', '/api/complaints', {
      cookie: secretary,
      body: { ...base, personId: t.fx.personA1, aiInvolved: true, links: { proposalIds: [decided[9]!.id], systemSlugs: [TEST_SYSTEM] } },
    });
    expect(created.statusCode).toBe(201);
    const c = created.json();
    expect(c).toMatchObject({ status: 'received', category: 'ai', aiInvolved: true, overdue: false, personName: 'Germaine Martin' });
    expect(c.proposals).toEqual([expect.objectContaining({ id: decided[9]!.id, systemSlug: TEST_SYSTEM })]);
    expect(Date.parse(c.acknowledgeBy) - Date.parse(base.receivedAt)).toBe(8 * 86_400_000);
    // workflow: received → acknowledged → answered (needs the answer) → closed; no going back from closed
    const go = (to: string, extra: Record<string, string> = {}) =>
      t.request('POST', `/api/complaints/${c.id}/transitions`, { cookie: secretary, body: { to, ...extra } });
    expect((await go('answered')).statusCode).toBe(400);
    expect((await go('acknowledged')).statusCode).toBe(200);
    expect((await go('answered', { answer: 'Nous avons revu l’objectif avec votre mère et l’équipe.' })).json()).toMatchObject({
      status: 'answered',
      answer: expect.stringMatching(/revu/),
    });
    const closed = (await go('closed', { note: 'Réponse acceptée' })).json();
    expect(closed.events.map((e: { to: string }) => e.to)).toEqual(['received', 'acknowledged', 'answered', 'closed']);
    expect((await go('investigating')).statusCode).toBe(409);
    // a complaint not about AI, overdue
    await t.request('POST', '/api/complaints', {
      cookie: secretary,
      body: {
        ...base,
        receivedAt: new Date(Date.now() - 20 * 86_400_000).toISOString(),
        subject: 'Repas froids',
        category: 'daily_life',
        description: 'Les repas arrivent froids.',
      },
    });
    // statistics for the CVS: the user representative sees counts, not the complaints
    const rep = await t.as('user_representative');
    expect((await t.request('GET', '/api/complaints', { cookie: rep })).statusCode).toBe(403);
    const from = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
    const stats = (await t.request('GET', `/api/complaints/stats?from=${from}&to=${today()}`, { cookie: rep })).json();
    expect(stats.all.total).toBe(2);
    expect(stats.aiRelated).toMatchObject({ total: 1, byFeature: { [TEST_SYSTEM]: 1 }, byStatus: { closed: 1 } });
    expect(stats.other).toMatchObject({ total: 1, overdue: 1, byCategory: { daily_life: 1 } });
    expect(JSON.stringify(stats)).not.toContain('Martin');
  });

  it('draws a reproducible sample (random per decision + flagged), pseudonymised for user representatives; findings, actions and minutes', async () => {
    const head = await t.as('head_of_care');
    const members = (
      await t.request('POST', '/api/panel/members', {
        cookie: head,
        body: { name: 'Mme Roux (CVS)', kind: 'user_representative', userId: t.fx.users.user_representative.id },
      })
    ).json();
    const session = (
      await t.request('POST', '/api/panel/sessions', {
        cookie: head,
        body: { heldOn: today(), title: 'Collège du trimestre', memberIds: members.map((m: { id: string }) => m.id) },
      })
    ).json();
    // an empty period is refused, naming the field; nothing is drawn
    const empty = await t.request('POST', `/api/panel/sessions/${session.id}/samples`, {
      cookie: head,
      body: { systemSlug: TEST_SYSTEM, from: '2020-01-01', to: '2020-03-31' },
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.issues[0]).toMatchObject({ field: 'from', reason: 'empty_period' });
    expect((await t.db.query('SELECT id FROM panel_sample')).length).toBe(0);

    const drawn = await t.request('POST', `/api/panel/sessions/${session.id}/samples`, {
      cookie: head,
      body: { systemSlug: TEST_SYSTEM, from: today(), to: today(), perStratum: 1, seed: 42 },
    });
    expect(drawn.statusCode).toBe(201);
    const sample = drawn.json().samples[0];
    expect(sample).toMatchObject({ population: 12, seed: 42, algorithm: 'strat-v1' });
    // one per stratum, plus the complained-about proposal, plus the overrides (all 6, under the cap)
    const strata = sample.items
      .filter((i: { stratum: string | null }) => i.stratum)
      .map((i: { stratum: string }) => i.stratum)
      .sort();
    expect(strata).toEqual(['accepted', 'amended', 'rejected']);
    const complained = sample.items.find((i: { proposalId: string }) => i.proposalId === decided[9]!.id);
    expect(complained.flags).toEqual(expect.arrayContaining(['override', 'complaint']));
    expect(sample.items.filter((i: { flags: string[] }) => i.flags.includes('override'))).toHaveLength(6);
    expect(sample.items[0].person).toMatch(/^(Germaine Martin|Henri Dubois)$/);
    // the same seed gives the same sample
    const verify = (await t.request('GET', `/api/panel/samples/${sample.id}/verify`, { cookie: await t.as('user_representative') })).json();
    expect(verify).toMatchObject({ reproducible: true, missing: [], extra: [] });
    // a user representative sees pseudonyms, not names, not even inside titles or summaries
    const repView = await t.request('GET', `/api/panel/sessions/${session.id}`, { cookie: await t.as('user_representative') });
    expect(repView.json().pseudonymised).toBe(true);
    expect(repView.body).not.toMatch(/Germaine|Martin|Henri|Dubois/);
    expect(repView.json().samples[0].items[0].person).toMatch(/^Personne [0-9A-F]{4}$/);

    // findings: a problem needs its category; the representative records one
    const rep = await t.as('user_representative');
    const item = sample.items.find((i: { proposalId: string }) => i.proposalId === decided[9]!.id);
    const noCategory = await t.request('PUT', `/api/panel/items/${item.id}/finding`, { cookie: rep, body: { finding: 'problem' } });
    expect(noCategory.statusCode).toBe(400);
    expect(noCategory.json().error.issues[0].field).toBe('problemCategory');
    const found = await t.request('PUT', `/api/panel/items/${item.id}/finding`, {
      cookie: rep,
      body: { finding: 'problem', problemCategory: 'harm_to_relationship', comment: 'Objectif proposé sans échange avec la personne.' },
    });
    expect(found.statusCode).toBe(200);
    // closing needs every finding
    expect((await t.request('POST', `/api/panel/sessions/${session.id}/close`, { cookie: head })).statusCode).toBe(409);
    for (const i of sample.items.filter((x: { id: string }) => x.id !== item.id))
      await t.request('PUT', `/api/panel/items/${i.id}/finding`, { cookie: head, body: { finding: 'appropriate' } });
    const action = await t.request('POST', `/api/panel/sessions/${session.id}/actions`, {
      cookie: head,
      body: {
        systemSlug: TEST_SYSTEM,
        kind: 'train_staff',
        description: 'Rappeler aux équipes d’échanger avec la personne avant de décider.',
        ownerName: 'Cadre de santé',
        dueOn: today(),
      },
    });
    expect(action.json().actions[0]).toMatchObject({ kind: 'train_staff', status: 'open', systemSlug: TEST_SYSTEM });
    expect((await t.request('GET', '/api/panel/actions', { cookie: rep })).json()).toHaveLength(1);
    expect((await t.request('POST', `/api/panel/sessions/${session.id}/actions`, { cookie: rep, body: {} })).statusCode).toBe(403);
    expect((await t.request('POST', `/api/panel/sessions/${session.id}/close`, { cookie: head })).json().status).toBe('closed');

    const pdf = await t.request('GET', `/api/panel/sessions/${session.id}/minutes.pdf`, { cookie: head });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // another facility sees nothing
    expect((await t.request('GET', `/api/panel/sessions/${session.id}`, { cookie: await t.login('director@b.test') })).statusCode).toBe(404);
  });
});

describe('sampling and pseudonyms', () => {
  const population = Array.from({ length: 40 }, (_, k) => ({
    id: `p${String(k).padStart(2, '0')}`,
    status: (['accepted', 'accepted', 'amended', 'rejected'] as const)[k % 4]!,
    flags: [...(k % 4 >= 2 ? ['override'] : []), ...(k === 5 ? ['complaint'] : [])],
  }));
  it('draws the same items from the same seed, others from another, and always keeps the flagged ones', () => {
    const a = PanelService.draw(population, 1, 3);
    expect(PanelService.draw(population, 1, 3)).toEqual(a);
    expect(PanelService.draw(population, 2, 3).map((x) => x.id)).not.toEqual(a.map((x) => x.id));
    expect(a.filter((x) => x.stratum === 'accepted')).toHaveLength(3);
    expect(a.some((x) => x.id === 'p05')).toBe(true);
    // 20 overrides exist (amended + rejected): all the strata's plus up to 20 more, i.e. all of them here
    expect(a.filter((x) => x.flags.includes('override'))).toHaveLength(20);
  });
  it('replaces names in any case, with accents, not inside other words', () => {
    expect(redactName('Alerte pour Émile DELAUNAY (M. Delaunay)', 'Émile', 'Delaunay', 'Personne AB12')).toBe('Alerte pour Personne AB12 (M. Personne AB12)');
    expect(redactName('Martine et Martin', 'Germaine', 'Martin', 'P')).toBe('Martine et P');
  });
  it('keeps PDF text within the standard fonts', () => {
    expect(pdfSafe('CUSUM 7,4 σ ≥ 5 − fin — bien 👍')).toBe('CUSUM 7,4 sigma >= 5 - fin — bien ?');
  });
});

describe('equity figures', () => {
  it('Wilson intervals and age bands', () => {
    const w = wilson(5, 10)!;
    expect(w.rate).toBe(0.5);
    expect(w.low).toBeCloseTo(0.2366, 4);
    expect(w.high).toBeCloseTo(0.7634, 4);
    expect(wilson(0, 0)).toBeNull();
    expect(wilson(0, 20)!.low).toBe(0);
    expect(ageBand('1938-12-08', '2026-12-07')).toBe('85_94');
    expect(ageBand('1938-12-07', '2026-12-07')).toBe('85_94');
    expect(ageBand('1952-01-01', '2026-12-07')).toBe('under_75');
    expect(ageBand('1930-01-01', '2026-12-07')).toBe('95_plus');
  });

  describe.each(ENGINES)('on %s', (engine) => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp(engine);
    });
    afterAll(() => t.close());

    it('shows rates by group with intervals, masks groups under 5, and flags a disparity', async () => {
      // 10 women and 10 men (plus the fixture's two women); the feature proposes to the 10 and to one man; 3 speak another language.
      const ids: { id: string; sex: string }[] = [];
      for (let k = 0; k < 20; k++) {
        const sex = k < 10 ? 'F' : 'M';
        const [p] = await t.db.query<{ id: string }>(
          `INSERT INTO person (facility_id, first_name, last_name, birth_date, sex, admission_date) VALUES ($1, 'P', $2, '1940-01-01', $3, '2024-01-01') RETURNING id`,
          [t.fx.facilityA, `Equite${k}`, sex],
        );
        await t.db.query('INSERT INTO person_profile (person_id, languages) VALUES ($1, $2)', [p!.id, k % 7 === 0 ? ['arabe'] : ['français']]);
        ids.push({ id: p!.id, sex });
      }
      await t.db.query(
        `INSERT INTO care_plan (person_id, start_date, review_date) SELECT id, '2026-01-01', '2027-01-01' FROM person WHERE last_name LIKE 'Equite%'`,
      );
      for (const p of ids.filter((x, k) => x.sex === 'F' || k === 10))
        await t.services.guarantee.propose({
          facilityId: t.fx.facilityA,
          systemSlug: TEST_SYSTEM,
          kind: TEST_KIND,
          personId: p.id,
          title: 'Objectif',
          content: { title: 'Marcher', domain: 'mobility' },
          explanation: { summary: 'test', factors: [] },
          inputs: { id: p.id },
        });
      const rep = await t.as('user_representative');
      const res = await t.request('GET', `/api/equity?from=${today()}&to=${today()}`, { cookie: rep });
      expect(res.statusCode).toBe(200);
      const feature = res.json().features.find((f: { slug: string }) => f.slug === TEST_SYSTEM);
      const sex = feature.dimensions.find((d: { dimension: string }) => d.dimension === 'sex').groups;
      const women = sex.find((g: { group: string }) => g.group === 'F');
      expect(women).toMatchObject({ people: 12, reached: 10, masked: false, flags: ['reach'] });
      expect(women.reach.low).toBeLessThan(10 / 12);
      expect(sex.find((g: { group: string }) => g.group === 'M')).toMatchObject({ people: 10, reached: 1, flags: ['reach'] });
      // 3 people speak another language: masked, no count, no rate
      const language = feature.dimensions.find((d: { dimension: string }) => d.dimension === 'language').groups;
      expect(language.find((g: { group: string }) => g.group === 'other')).toMatchObject({ masked: true, people: null, reach: null });
      // nothing decided yet: acceptance not shown
      expect(women.acceptance).toBeNull();
      expect((await t.request('GET', `/api/equity?from=${today()}&to=${today()}`, { cookie: await t.as('care_assistant') })).statusCode).toBe(403);
    });
  });
});

describe.each(ENGINES)('AI literacy on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(engine);
  });
  afterAll(() => t.close());

  const alertProposal = async () => {
    const alertId = crypto.randomUUID();
    const { id } = await t.services.guarantee.propose({
      facilityId: t.fx.facilityA,
      systemSlug: 'telemonitoring-rules',
      kind: 'telemonitoring.alert',
      personId: t.fx.personA1,
      subject: { type: 'tm_alert', id: alertId },
      title: 'Alerte',
      content: { alertId, ruleId: 'hf-weight-2kg-3d', severity: 'high' },
      explanation: { summary: 'Poids +2,4 kg en 3 jours', factors: [] },
      inputs: { alertId },
    });
    return id;
  };

  it('a feature’s proposals are decided only by staff who passed its module (while required); the module, its questions, wrong and right answers', async () => {
    const nurse = await t.as('nurse');
    await t.db.query("DELETE FROM literacy_completion WHERE user_id = $1 AND system_slug = 'telemonitoring-rules'", [t.fx.users.nurse.id]);
    const p1 = await alertProposal();
    const refused = await t.request('POST', `/api/proposals/${p1}/decision`, { cookie: nurse, body: { decision: 'accept' } });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toMatch(/AI-literacy module « Alertes de télésurveillance »/);
    expect((await t.db.query<{ status: string }>('SELECT status FROM proposal WHERE id = $1', [p1]))[0]!.status).toBe('pending');

    const list = (await t.request('GET', '/api/literacy', { cookie: nurse })).json();
    expect(list.required).toBe(true);
    expect(list.modules.find((m: { slug: string }) => m.slug === 'telemonitoring-rules').completedAt).toBeNull();
    const module = (await t.request('GET', '/api/literacy/telemonitoring-rules', { cookie: nurse })).json();
    expect(module.sections.automationBias.length).toBeGreaterThan(0);
    expect(module.sections.whatItDoes[0].length).toBeGreaterThan(20);
    expect(module.questions).toHaveLength(3);
    expect(JSON.stringify(module.questions)).not.toMatch(/"answer"/);
    const url = '/api/literacy/telemonitoring-rules/answers';
    const count = await t.request('POST', url, { cookie: nurse, body: { answers: [1] } });
    expect(count.json().error.issues[0]).toMatchObject({ field: 'answers', reason: 'wrong_count' });
    const range = await t.request('POST', url, { cookie: nurse, body: { answers: [1, 9, 1] } });
    expect(range.json().error.issues[0]).toMatchObject({ field: 'answers.1', reason: 'out_of_range' });
    const wrong = (await t.request('POST', url, { cookie: nurse, body: { answers: [0, 1, 1] } })).json();
    expect(wrong).toMatchObject({ passed: false, score: 2 });
    expect(wrong.results[0]).toMatchObject({ correct: false, answer: 1 });
    expect((await t.request('POST', `/api/proposals/${p1}/decision`, { cookie: nurse, body: { decision: 'accept' } })).statusCode).toBe(403);
    const right = (await t.request('POST', url, { cookie: nurse, body: { answers: [1, 1, 1] } })).json();
    expect(right).toMatchObject({ passed: true, score: 3 });
    expect((await t.request('POST', `/api/proposals/${p1}/decision`, { cookie: nurse, body: { decision: 'accept' } })).statusCode).toBe(200);

    // the director sees who completed what, and may lift the requirement
    const director = await t.as('director');
    const completions = (await t.request('GET', '/api/literacy/completions', { cookie: director })).json();
    expect(completions.staff.find((s: { id: string }) => s.id === t.fx.users.nurse.id).completed).toContain('telemonitoring-rules');
    await t.db.query("DELETE FROM literacy_completion WHERE user_id = $1 AND system_slug = 'telemonitoring-rules'", [t.fx.users.physician.id]);
    const p2 = await alertProposal();
    const physician = await t.as('physician');
    expect(
      (await t.request('POST', `/api/proposals/${p2}/decision`, { cookie: physician, body: { decision: 'reject', reason: 'mesure refaite' } })).statusCode,
    ).toBe(403);
    expect((await t.request('PUT', '/api/literacy/setting', { cookie: await t.as('head_of_care'), body: { required: false } })).statusCode).toBe(403);
    expect((await t.request('PUT', '/api/literacy/setting', { cookie: director, body: { required: false } })).json().required).toBe(false);
    expect(
      (await t.request('POST', `/api/proposals/${p2}/decision`, { cookie: physician, body: { decision: 'reject', reason: 'mesure refaite' } })).statusCode,
    ).toBe(200);
  });
});
