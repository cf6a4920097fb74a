import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './test-app.js';
import { TEST_KIND, TEST_SYSTEM } from './test-feature.js';

describe('transparency notice and human review requests', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp('pglite');
    await t.db.query(`INSERT INTO care_plan (person_id, start_date, review_date) VALUES ($1, '2026-01-01', '2027-01-01')`, [t.fx.personA1]);
    await t.db.query('UPDATE contact SET is_trusted_person = true WHERE user_id = $1', [t.fx.users.relative.id]);
    const { id } = await t.services.guarantee.propose({
      facilityId: t.fx.facilityA,
      systemSlug: TEST_SYSTEM,
      kind: TEST_KIND,
      personId: t.fx.personA1,
      title: 'Objectif : chanter avec la chorale',
      content: { title: 'Chanter avec la chorale le jeudi', domain: 'social' },
      explanation: { summary: 'Aime chanter', factors: [] },
      inputs: {},
    });
    await t.request('POST', `/api/proposals/${id}/decision`, { cookie: await t.as('coordination_nurse'), body: { decision: 'accept' } });
  });
  afterAll(() => t.close());

  it('plain notice: features, data, limits, guarantees, and what was decided for the person', async () => {
    const res = await t.request('GET', `/api/people/${t.fx.personA1}/transparency?variant=plain`, { cookie: await t.as('relative') });
    expect(res.statusCode).toBe(200);
    const n = res.json();
    expect(n.person.name).toBe('Germaine Martin');
    const f = n.features.find((x: { slug: string }) => x.slug === TEST_SYSTEM);
    expect(f.paragraphs.join(' ')).toMatch(/Données utilisées : projet personnalisé\. Jamais utilisées : données de santé/);
    expect(f.proposals).toEqual([
      expect.objectContaining({ title: 'Objectif : chanter avec la chorale', outcome: expect.stringMatching(/^Acceptée par Test coordination_nurse le/) }),
    ]);
    expect(n.guarantees.paragraphs.join(' ')).toMatch(/Opposition.*Examen humain.*Réclamation/s);
  });

  it('FALC notice: short sentences; after an objection it says so', async () => {
    const cookie = await t.as('relative');
    await t.request('PUT', `/api/people/${t.fx.personA1}/objections/${TEST_SYSTEM}`, { cookie, body: { expressedBy: 'relative' } });
    const n = (await t.request('GET', `/api/people/${t.fx.personA1}/transparency?variant=falc`, { cookie })).json();
    const sentences = [...n.intro, ...n.features.flatMap((f: { paragraphs: string[] }) => f.paragraphs), ...n.guarantees.paragraphs];
    for (const s of sentences) expect(s.split(/\s+/).length, s).toBeLessThanOrEqual(20);
    const f = n.features.find((x: { slug: string }) => x.slug === TEST_SYSTEM);
    expect(f.objected).toBe(true);
    expect(f.paragraphs.join(' ')).toContain('ne fait plus de proposition pour vous');
    await t.request('DELETE', `/api/people/${t.fx.personA1}/objections/${TEST_SYSTEM}`, { cookie });
  });

  it('renders printable HTML in French and a PDF', async () => {
    const cookie = await t.as('nurse');
    const html = await t.request('GET', `/api/people/${t.fx.personA1}/transparency?variant=falc&format=html`, { cookie });
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.body).toContain('<html lang="fr">');
    expect(html.body).toContain('Vos droits');
    const pdf = await t.request('GET', `/api/people/${t.fx.personA1}/transparency?format=pdf`, { cookie });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.rawPayload.length).toBeGreaterThan(2000);
  });

  it('refuses another facility’s person and a bad period', async () => {
    const cookie = await t.as('nurse');
    expect((await t.request('GET', `/api/people/${t.fx.personB1}/transparency`, { cookie })).statusCode).toBe(404);
    const bad = await t.request('GET', `/api/people/${t.fx.personA1}/transparency?from=2026-05-01&to=2026-01-01`, { cookie });
    expect(bad.statusCode).toBe(400);
  });

  it('a relative asks for a human review; the coordination nurse sees it and closes it', async () => {
    const res = await t.request('POST', `/api/people/${t.fx.personA1}/review-requests`, {
      cookie: await t.as('relative'),
      body: { message: 'Ma mère ne veut pas de cet objectif.' },
    });
    expect(res.statusCode).toBe(201);
    const nurse = await t.as('coordination_nurse');
    const list = (await t.request('GET', '/api/review-requests', { cookie: nurse })).json();
    expect(list).toEqual([expect.objectContaining({ id: res.json().id, personName: 'Germaine Martin', requestedByRole: 'relative' })]);
    expect((await t.request('POST', `/api/review-requests/${res.json().id}/close`, { cookie: nurse })).statusCode).toBe(204);
    expect((await t.request('GET', '/api/review-requests', { cookie: nurse })).json()).toEqual([]);
    expect((await t.request('POST', `/api/people/${t.fx.personA1}/review-requests`, { cookie: nurse, body: { message: '' } })).statusCode).toBe(400);
  });
});
