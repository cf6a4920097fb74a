import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from './test-db.js';
import { buildTestApp, type TestApp } from './test-app.js';

const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString();
const dateAgo = (d: number) => daysAgo(d).slice(0, 10);

/**
 * A local server speaking the OpenAI chat-completions protocol: it rewrites every source sentence of the request
 * as « Reformulé : … [Sn] », or, when told to, drops the markers (a model that loses the links).
 */
async function fakeModel(): Promise<{
  url: string;
  requests: { auth?: string; body: { model: string; messages: { role: string; content: string }[] } }[];
  mode: { loseLinks: boolean };
  close: () => Promise<void>;
}> {
  const requests: { auth?: string; body: { model: string; messages: { role: string; content: string }[] } }[] = [];
  const mode = { loseLinks: false };
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const body = JSON.parse(raw);
      requests.push({ auth: req.headers.authorization, body });
      const user = body.messages.find((m: { role: string }) => m.role === 'user').content as string;
      const ids = [...new Set([...user.matchAll(/\[(S\d+)\]/g)].map((m) => m[1]!))];
      const content = ids.map((id) => `Reformulé pour la réunion, phrase ${id.slice(1)}.${mode.loseLinks ? '' : ` [${id}]`}`).join('\n');
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          id: 'cmpl-1',
          object: 'chat.completion',
          model: 'fake-model-7b',
          choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
          usage: { prompt_tokens: 100, completion_tokens: 50, total_tokens: 150 },
        }),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/v1`, requests, mode, close: () => new Promise((r) => server.close(() => r())) };
}

describe.each(ENGINES)('needs synthesis through the guarantee on %s', (engine) => {
  let t: TestApp;
  let model: Awaited<ReturnType<typeof fakeModel>>;
  beforeAll(async () => {
    model = await fakeModel();
    t = await buildTestApp(engine, { llm: { baseUrl: model.url, model: 'local-model', apiKey: 'sk-test-secret', timeoutMs: 5000 } });
    const nurse = await t.as('nurse');
    for (const [d, body] of [
      [20, 'Chute dans le couloir, pas de blessure.'],
      [5, 'Retrouvée au sol ce matin. Mme souhaite retourner au jardin quand il fera beau.'],
      [3, 'Nouvelle chute en allant aux toilettes. Visite de sa fille, très souriante.'],
      [2, 'Pas de douleur. Sa fille est angoissée.'],
    ] as const)
      expect(
        (await t.request('POST', `/api/people/${t.fx.personA1}/notes`, { cookie: nurse, body: { format: 'free', body, observedAt: daysAgo(d) } })).statusCode,
      ).toBe(201);
    expect(
      (
        await t.request('POST', `/api/people/${t.fx.personA1}/assessments`, {
          cookie: nurse,
          body: { scale: 'mini-gds', input: { q1: true, q2: false, q3: true, q4: false }, assessedAt: daysAgo(4) },
        })
      ).statusCode,
    ).toBe(201);
  });
  afterAll(async () => {
    await t.close();
    await model.close();
  });

  it('builds an extractive synthesis whose every sentence links to its records, as a proposal', async () => {
    const cookie = await t.as('coordination_nurse');
    const res = await t.request('POST', `/api/people/${t.fx.personA1}/syntheses`, { cookie, body: { from: dateAgo(13), to: dateAgo(0) } });
    expect(res.statusCode).toBe(201);
    const s = res.json();
    const section = (key: string) => s.content.sections.find((x: { key: string }) => x.key === key).sentences;
    expect(section('signals')[0].text).toBe('Chute : 2 transmissions sur la période, en hausse (1 la période précédente).');
    expect(section('signals')[0].sources).toHaveLength(2);
    // « sa fille est angoissée » is not the person's anxiety; « pas de douleur » is not pain
    expect(
      section('signals')
        .map((x: { text: string }) => x.text)
        .join(' '),
    ).not.toMatch(/Anxiété|Douleur/);
    expect(section('assessments')[0].text).toMatch(/^Mini-GDS le .* : Mini-GDS 1\/4 — suspicion de dépression\.$/);
    expect(section('wishes')[0].text).toMatch(/« Mme souhaite retourner au jardin quand il fera beau »/);
    expect(section('life').map((x: { text: string }) => x.text)).toEqual(
      expect.arrayContaining([expect.stringMatching(/« Visite de sa fille, très souriante »/)]),
    );
    // every source is a record of this person
    const noteIds = new Set((await t.db.query<{ id: string }>('SELECT id FROM care_note WHERE person_id = $1', [t.fx.personA1])).map((r) => r.id));
    for (const x of section('signals')) for (const src of x.sources) expect(noteIds.has(src.id)).toBe(true);
    expect(s.rewrite).toBeNull();
    expect(s.proposal.status).toBe('pending');
    const p = (await t.request('GET', `/api/proposals/${s.proposal.id}`, { cookie })).json();
    expect(p).toMatchObject({ systemSlug: 'needs-synthesis', kind: 'needs.synthesis', subjectType: 'needs_synthesis', subjectId: s.id });
  });

  it('amending the sentences then accepting validates the synthesis with the edited text and the same links', async () => {
    const cookie = await t.as('coordination_nurse');
    const [latest] = (await t.request('GET', `/api/people/${t.fx.personA1}/syntheses`, { cookie })).json();
    const p = (await t.request('GET', `/api/proposals/${latest.proposal.id}`, { cookie })).json();
    const sentences = p.content.sentences.map((x: { id: string; text: string }, k: number) =>
      k === 0 ? { ...x, text: 'Deux chutes cette quinzaine, une de plus qu’avant.' } : x,
    );
    const bad = await t.request('POST', `/api/proposals/${p.id}/decision`, {
      cookie,
      body: { decision: 'amend', content: { ...p.content, sentences: [...sentences, { id: 'S999', text: 'Ajout' }] }, reason: 'reformulé' },
    });
    expect(bad.statusCode).toBe(400);
    const ok = await t.request('POST', `/api/proposals/${p.id}/decision`, {
      cookie,
      body: { decision: 'amend', content: { ...p.content, sentences }, reason: 'reformulé' },
    });
    expect(ok.statusCode).toBe(200);
    const s = (await t.request('GET', `/api/people/${t.fx.personA1}/syntheses/${latest.id}`, { cookie })).json();
    expect(s.validatedBy).toBe('Test coordination_nurse');
    expect(s.content.sections[0].sentences[0]).toMatchObject({ id: 'S1', text: 'Deux chutes cette quinzaine, une de plus qu’avant.' });
    expect(s.content.sections[0].sentences[0].sources).toHaveLength(2);
  });

  it('with a configured model, the rewrite is stored labelled with the model and keeps the links; a rewrite that loses them is refused', async () => {
    const cookie = await t.as('nurse');
    const res = await t.request('POST', `/api/people/${t.fx.personA1}/syntheses`, { cookie, body: { from: dateAgo(13), to: dateAgo(0), rewrite: true } });
    expect(res.statusCode).toBe(201);
    const s = res.json();
    const req = model.requests.at(-1)!;
    expect(req.auth).toBe('Bearer sk-test-secret');
    expect(req.body.model).toBe('local-model');
    expect(req.body.messages.at(-1)!.content).toContain('Mme souhaite retourner au jardin');
    expect(s.rewrite).toMatchObject({ status: 'done', model: 'fake-model-7b' });
    const ids = s.content.sections.flatMap((x: { sentences: { id: string }[] }) => x.sentences.map((y) => y.id));
    expect(s.rewrite.sentences.flatMap((x: { sources: string[] }) => x.sources).sort()).toEqual([...ids].sort());
    model.mode.loseLinks = true;
    const lost = (
      await t.request('POST', `/api/people/${t.fx.personA1}/syntheses`, { cookie, body: { from: dateAgo(13), to: dateAgo(0), rewrite: true } })
    ).json();
    model.mode.loseLinks = false;
    expect(lost.rewrite).toMatchObject({ status: 'failed', reason: 'lost_links' });
    expect(JSON.stringify(lost)).not.toContain('sk-test-secret');
    // the extractive synthesis is there all the same
    expect(lost.content.sections.length).toBe(7);
  });

  it('bad periods are refused naming the field; objection means no synthesis; the secretary and other facilities see nothing', async () => {
    const cookie = await t.as('nurse');
    const count = async () => (await t.db.query('SELECT id FROM needs_synthesis')).length;
    const before = await count();
    const inverted = await t.request('POST', `/api/people/${t.fx.personA1}/syntheses`, { cookie, body: { from: dateAgo(1), to: dateAgo(5) } });
    expect(inverted.statusCode).toBe(400);
    expect(inverted.json().error.issues[0].field).toBe('to');
    const future = await t.request('POST', `/api/people/${t.fx.personA1}/syntheses`, { cookie, body: { from: dateAgo(1), to: dateAgo(-3) } });
    expect(future.json().error.issues[0]).toMatchObject({ field: 'to', reason: 'in_the_future' });
    const obj = await t.request('PUT', `/api/people/${t.fx.personA2}/objections/needs-synthesis`, {
      cookie: await t.as('head_of_care'),
      body: { expressedBy: 'person', note: 'Ne souhaite pas de résumé automatique' },
    });
    expect(obj.statusCode).toBe(200);
    const refused = await t.request('POST', `/api/people/${t.fx.personA2}/syntheses`, { cookie, body: { from: dateAgo(13), to: dateAgo(0) } });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('person_objected');
    expect(await count()).toBe(before);
    expect((await t.request('GET', `/api/people/${t.fx.personA1}/syntheses`, { cookie: await t.as('secretary') })).statusCode).toBe(403);
    expect((await t.request('GET', `/api/people/${t.fx.personB1}/syntheses`, { cookie })).statusCode).toBe(404);
  });
});
