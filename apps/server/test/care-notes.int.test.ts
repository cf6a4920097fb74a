import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from './test-db.js';
import { buildTestApp, type TestApp } from './test-app.js';

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();

describe.each(ENGINES)('care notes and the note analyser through the guarantee on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(engine);
  });
  afterAll(() => t.close());

  const notesOf = async (person: string, cookie: string, query = '') => (await t.request('GET', `/api/people/${person}/notes${query}`, { cookie })).json();

  it('writes a DAR note; the analyser proposes targets from what the note says, not from what it denies', async () => {
    const cookie = await t.as('care_assistant');
    const res = await t.request('POST', `/api/people/${t.fx.personA1}/notes`, {
      cookie,
      body: {
        format: 'dar',
        targetKey: 'chute',
        data: 'Retrouvée au sol ds sa chambre à 6h, se plaint du genou droit. Pas de plaie.',
        actions: 'Relevée à 2, IDE prévenue, glace.',
        results: 'Marche avec appui, douleur EVA 3.',
      },
    });
    expect(res.statusCode).toBe(201);
    const note = res.json();
    expect(note.author.name).toBe('Test care_assistant');
    const signals = note.signals.map((s: { signal: string; field: string; negated: boolean }) => `${s.field}:${s.signal}:${s.negated}`);
    expect(signals).toEqual(expect.arrayContaining(['data:fall:false', 'data:pain:false', 'data:skin_lesion:true']));
    // the author chose « chute »: the proposal adds « douleur », never « peau » (denied)
    expect(note.suggestion).toMatchObject({ status: 'pending', targets: ['douleur'] });
    const p = (await t.request('GET', `/api/proposals/${note.suggestion.proposalId}`, { cookie: await t.as('nurse') })).json();
    expect(p).toMatchObject({ systemSlug: 'note-analyzer', kind: 'note.targets', subjectType: 'care_note', subjectId: note.id });
    expect(p.explanation.spans.map((s: { text: string }) => s.text)).toEqual(expect.arrayContaining(['Retrouvée au sol', 'se plaint du genou', 'EVA 3']));
  });

  it('accepting the targets labels the note; the timeline filters by target and by signal', async () => {
    const nurse = await t.as('nurse');
    const [note] = await notesOf(t.fx.personA1, nurse);
    const res = await t.request('POST', `/api/proposals/${note.suggestion.proposalId}/decision`, { cookie: nurse, body: { decision: 'accept' } });
    expect(res.statusCode).toBe(200);
    const [after] = await notesOf(t.fx.personA1, nurse);
    expect(after.aiTargets).toEqual(['douleur']);
    expect(after.aiLabel).toMatchObject({ decidedBy: 'Test nurse' });
    expect(await notesOf(t.fx.personA1, nurse, '?target=douleur')).toHaveLength(1);
    expect(await notesOf(t.fx.personA1, nurse, '?target=sommeil')).toHaveLength(0);
    expect(await notesOf(t.fx.personA1, nurse, '?signal=fall')).toHaveLength(1);
    // a denied signal does not match the signal filter
    expect(await notesOf(t.fx.personA1, nurse, '?signal=skin_lesion')).toHaveLength(0);
  });

  it('a correction keeps the earlier version with its reason; only the author or the head of care corrects', async () => {
    const author = await t.as('care_assistant');
    const [note] = await notesOf(t.fx.personA1, author);
    const corrected = { format: 'dar', targetKey: 'chute', data: 'Retrouvée au sol à 6h15, se plaint du genou gauche.', actions: 'IDE prévenue.', results: '' };
    const other = await t.request('PUT', `/api/people/${t.fx.personA1}/notes/${note.id}`, {
      cookie: await t.as('nurse'),
      body: { note: corrected, reason: 'genou gauche' },
    });
    expect(other.statusCode).toBe(403);
    const noReason = await t.request('PUT', `/api/people/${t.fx.personA1}/notes/${note.id}`, { cookie: author, body: { note: corrected, reason: '' } });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.issues[0].field).toBe('reason');
    const res = await t.request('PUT', `/api/people/${t.fx.personA1}/notes/${note.id}`, {
      cookie: author,
      body: { note: corrected, reason: 'C’était le genou gauche' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ version: 2, corrected: true, data: corrected.data });
    const h = (await t.request('GET', `/api/people/${t.fx.personA1}/notes/${note.id}/history`, { cookie: author })).json();
    expect(h.versions).toHaveLength(1);
    expect(h.versions[0]).toMatchObject({ version: 1, reason: 'C’était le genou gauche', writtenBy: 'Test care_assistant' });
    expect(h.versions[0].data).toMatch(/genou droit/);
    const head = await t.request('PUT', `/api/people/${t.fx.personA1}/notes/${note.id}`, {
      cookie: await t.as('head_of_care'),
      body: { note: { ...corrected, results: 'Marche.' }, reason: 'résultat ajouté' },
    });
    expect(head.json().version).toBe(3);
  });

  it('correcting a note withdraws its pending target proposal and analyses the new text', async () => {
    const cookie = await t.as('nurse');
    const note = (
      await t.request('POST', `/api/people/${t.fx.personA2}/notes`, { cookie, body: { format: 'free', body: 'Se plaint du dos ce matin.' } })
    ).json();
    expect(note.suggestion).toMatchObject({ status: 'pending', targets: ['douleur'] });
    const res = await t.request('PUT', `/api/people/${t.fx.personA2}/notes/${note.id}`, {
      cookie,
      body: { note: { format: 'free', body: 'Nuit agitée, a peu dormi.' }, reason: 'mauvaise personne' },
    });
    expect(res.json().suggestion).toMatchObject({ status: 'pending', targets: ['sommeil'] });
    const old = (await t.request('GET', `/api/proposals/${note.suggestion.proposalId}`, { cookie })).json();
    expect(old.status).toBe('withdrawn');
  });

  it('bad input is refused naming the field, and nothing is written', async () => {
    const cookie = await t.as('nurse');
    const before = (await notesOf(t.fx.personA2, cookie)).length;
    const cases: [unknown, string][] = [
      [{ format: 'free', body: '' }, 'body'],
      [{ format: 'dar', targetKey: 'chute', data: '', actions: '', results: '' }, 'data'],
      [{ format: 'dar', data: 'Chute' }, 'targetKey'],
      [{ format: 'dar', targetKey: 'inconnue', data: 'Chute' }, 'targetKey'],
      [{ format: 'free', body: 'x'.repeat(4001) }, 'body'],
      [{ format: 'free', body: 'RAS', observedAt: new Date(Date.now() + 86_400_000).toISOString() }, 'observedAt'],
      [{ format: 'free', body: 'RAS', mood: 3 }, 'mood'],
    ];
    for (const [body, field] of cases) {
      const res = await t.request('POST', `/api/people/${t.fx.personA2}/notes`, { cookie, body });
      expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.json().error.issues.map((i: { field: string }) => i.field)).toContain(field);
    }
    expect(await notesOf(t.fx.personA2, cookie)).toHaveLength(before);
  });

  it('three falls in seven days propose a fall-risk assessment once; accepting it makes it due', async () => {
    const cookie = await t.as('nurse');
    for (const [h, text] of [
      [60, 'Chute dans la salle de bain, pas de blessure.'],
      [30, 'Mme a chuté en allant aux toilettes cette nuit.'],
      [2, 'Nouvelle chute ce matin devant l’ascenseur.'],
    ] as const) {
      const res = await t.request('POST', `/api/people/${t.fx.personA2}/notes`, { cookie, body: { format: 'free', body: text, observedAt: hoursAgo(h) } });
      expect(res.statusCode).toBe(201);
    }
    const inbox = (await t.request('GET', `/api/proposals?status=pending&personId=${t.fx.personA2}`, { cookie })).json();
    const falls = inbox.items.filter((p: { kind: string; content: { rule: string } }) => p.kind === 'needs.assessment' && p.content.rule === 'falls');
    expect(falls).toHaveLength(1);
    expect(falls[0].explanation.spans).toHaveLength(3);
    // a fourth fall does not propose it again while the first proposal is open
    await t.request('POST', `/api/people/${t.fx.personA2}/notes`, { cookie, body: { format: 'free', body: 'Encore tombée au réveil.' } });
    const again = (await t.request('GET', `/api/proposals?status=pending&personId=${t.fx.personA2}`, { cookie })).json();
    expect(again.items.filter((p: { kind: string; content: { rule: string } }) => p.kind === 'needs.assessment' && p.content.rule === 'falls')).toHaveLength(1);
    const decided = await t.request('POST', `/api/proposals/${falls[0].id}/decision`, { cookie, body: { decision: 'accept' } });
    expect(decided.statusCode).toBe(200);
    const [due] = await t.db.query<{ kind: string; rule: string }>('SELECT kind, rule FROM assessment_due WHERE person_id = $1', [t.fx.personA2]);
    expect(due).toMatchObject({ kind: 'fall-risk', rule: 'falls' });
  });

  it('negated, past or other people’s mentions do not count towards a pattern', async () => {
    const cookie = await t.as('nurse');
    const [p] = await t.db.query<{ id: string }>(
      `INSERT INTO person (facility_id, first_name, last_name, birth_date, sex, admission_date) VALUES ($1, 'Lucie', 'Petit', '1940-01-01', 'F', '2022-01-01') RETURNING id`,
      [t.fx.facilityA],
    );
    for (const text of ['Pas de chute cette nuit.', 'ATCD de chutes en 2024.', 'Sa voisine de chambre a chuté, Mme inquiète.', 'Aucune chute.'])
      await t.request('POST', `/api/people/${p!.id}/notes`, { cookie, body: { format: 'free', body: text } });
    const inbox = (await t.request('GET', `/api/proposals?status=pending&personId=${p!.id}`, { cookie })).json();
    expect(inbox.items.filter((x: { kind: string }) => x.kind === 'needs.assessment')).toHaveLength(0);
  });

  it('when the person objected, notes are kept but not analysed', async () => {
    const nurse = await t.as('nurse');
    const obj = await t.request('PUT', `/api/people/${t.fx.personA1}/objections/note-analyzer`, {
      cookie: nurse,
      body: { expressedBy: 'person', note: 'ne souhaite pas' },
    });
    expect(obj.statusCode).toBeLessThan(300);
    const res = await t.request('POST', `/api/people/${t.fx.personA1}/notes`, {
      cookie: nurse,
      body: { format: 'free', body: 'Chute dans le couloir, douleur hanche.' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ signals: null, suggestion: null });
  });

  it('reads are audited; other facilities and the secretary see nothing', async () => {
    const cookie = await t.as('nurse');
    await notesOf(t.fx.personA2, cookie);
    const [row] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'person.notes.read' AND target_id = $1`, [
      t.fx.personA2,
    ]);
    expect(row!.n).toBeGreaterThan(0);
    expect((await t.request('GET', `/api/people/${t.fx.personB1}/notes`, { cookie })).statusCode).toBe(404);
    expect((await t.request('GET', `/api/people/${t.fx.personA2}/notes`, { cookie: await t.as('secretary') })).statusCode).toBe(403);
    expect((await t.request('GET', `/api/people/${t.fx.personA2}/notes`, { cookie: await t.as('relative') })).statusCode).toBe(403);
  });
});
