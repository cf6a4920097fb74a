import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from './test-db.js';
import { buildTestApp, type TestApp } from './test-app.js';
import { classify } from '../src/voice/survey-themes.js';
import { weekOf } from '../src/voice/time-service.js';
import { usageReportFiles } from '../src/voice/usage-report-cli.js';
import { TEST_KIND, TEST_SYSTEM } from './test-feature.js';

const DAY = 86_400_000;
const dayIso = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);

describe('open answers grouped by theme', () => {
  it('places an answer by its words, without accents or case, and keeps the word as written', () => {
    expect(classify('Les soignants m’ÉCOUTENT davantage')).toEqual({ key: 'listening', label: 'Écoute et relation', matched: 'ÉCOUTENT' });
    expect(classify('Plus de temps pour les toilettes, moins de paperasse')?.key).toBe('time');
    expect(classify('Je ne fais pas confiance à la machine')?.key).toBe('ai_trust');
    expect(classify('Rien à signaler')).toEqual({ key: 'other', label: 'Autres', matched: null });
    expect(classify('   ')).toBeNull();
  });
  it('weeks start on Monday in Paris time', () => {
    expect(weekOf(new Date('2026-12-06T22:30:00Z'))).toBe('2026-11-30'); // Sunday 23:30 in Paris
    expect(weekOf(new Date('2026-12-06T23:30:00Z'))).toBe('2026-12-07'); // Monday 00:30 in Paris
    expect(weekOf(new Date('2026-07-05T21:30:00Z'))).toBe('2026-06-29'); // Sunday 23:30 in summer time
    expect(weekOf(new Date('2026-07-05T22:30:00Z'))).toBe('2026-07-06'); // Monday 00:30 in summer time
    // every hour of two years agrees with the time-zone database
    const paris = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });
    for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2028, 0, 1); t += 3_600_000) {
      const local = new Date(`${paris.format(new Date(t))}T00:00:00Z`);
      const monday = new Date(local.getTime() - ((local.getUTCDay() + 6) % 7) * 86_400_000).toISOString().slice(0, 10);
      if (weekOf(new Date(t)) !== monday)
        expect({ at: new Date(t).toISOString(), week: weekOf(new Date(t)) }).toEqual({ at: new Date(t).toISOString(), week: monday });
    }
  });
});

describe.each(ENGINES)('perception surveys, time given back and the usage report on %s', (engine) => {
  let t: TestApp;
  let staffCampaign: string;
  let residentsCampaign: string;
  let relativesCampaign: string;

  beforeAll(async () => {
    t = await buildTestApp(engine);
  });
  afterAll(() => t.close());

  const count = async (table: string) => (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;

  it('creates campaigns from the shipped templates and refuses bad input naming the field', async () => {
    const director = await t.as('director');
    const templates = await t.request('GET', '/api/surveys/templates', { cookie: director });
    expect(templates.json().map((x: { slug: string }) => x.slug)).toEqual(['residents-falc', 'relatives', 'staff']);
    const bad = [
      [{ templateSlug: 'nope', title: 'Test', opensOn: dayIso(0), closesOn: dayIso(10) }, 'templateSlug', 'unknown_template'],
      [{ templateSlug: 'staff', title: 'Test', opensOn: dayIso(5), closesOn: dayIso(1) }, 'closesOn', 'before_start'],
      [{ templateSlug: 'staff', title: 'Test', opensOn: dayIso(0), closesOn: dayIso(5), reminderDays: [3, 9] }, 'reminderDays.1', 'after_closing'],
    ] as const;
    for (const [body, field, reason] of bad) {
      const res = await t.request('POST', '/api/surveys', { cookie: director, body });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.issues[0]).toMatchObject({ field, reason });
    }
    expect(await count('survey_campaign')).toBe(0);
    const nurse = await t.request('POST', '/api/surveys', {
      cookie: await t.as('nurse'),
      body: { templateSlug: 'staff', title: 'Test', opensOn: dayIso(0), closesOn: dayIso(5) },
    });
    expect(nurse.statusCode).toBe(403);

    const mk = async (templateSlug: string, anonymous: boolean) => {
      const res = await t.request('POST', '/api/surveys', {
        cookie: director,
        body: { templateSlug, title: `Campagne ${templateSlug}`, opensOn: dayIso(-2), closesOn: dayIso(20), anonymous, reminderDays: [1, 10] },
      });
      expect(res.statusCode).toBe(201);
      return res.json<{ id: string; audience: string; templateVersion: string }>();
    };
    staffCampaign = (await mk('staff', false)).id;
    residentsCampaign = (await mk('residents-falc', false)).id;
    const rel = await mk('relatives', true);
    relativesCampaign = rel.id;
    expect(rel).toMatchObject({ audience: 'relatives', templateVersion: '1' });
  });

  it('takes answers once per person, refuses points out of the scale, and keeps the AI feature versions in use', async () => {
    const nurse = await t.as('nurse');
    const before = await count('survey_answer');
    const out = await t.request('POST', `/api/surveys/${staffCampaign}/responses`, {
      cookie: nurse,
      body: { channel: 'web', answers: { time: 6, trust: 4 } },
    });
    expect(out.statusCode).toBe(400);
    expect(out.json().error.issues[0]).toMatchObject({ field: 'answers.time', reason: 'out_of_range' });
    const unknown = await t.request('POST', `/api/surveys/${staffCampaign}/responses`, { cookie: nurse, body: { channel: 'web', answers: { bogus: 3 } } });
    expect(unknown.json().error.issues[0]).toMatchObject({ field: 'answers.bogus', reason: 'unknown_question' });
    const empty = await t.request('POST', `/api/surveys/${staffCampaign}/responses`, { cookie: nurse, body: { channel: 'web', answers: {} } });
    expect(empty.json().error.issues[0]).toMatchObject({ field: 'answers', reason: 'empty' });
    expect(await count('survey_answer')).toBe(before);

    const answers = { time: 4, listened: 5, trust: 2, understanding: 3, object: 5, gain: 'Plus de temps pour parler avec les résidents', disagree: '' };
    const ok = await t.request('POST', `/api/surveys/${staffCampaign}/responses`, { cookie: nurse, body: { channel: 'web', answers } });
    expect(ok.statusCode).toBe(201);
    const again = await t.request('POST', `/api/surveys/${staffCampaign}/responses`, { cookie: nurse, body: { channel: 'web', answers } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.issues[0]).toMatchObject({ field: 'respondent', reason: 'already_answered' });
    const [row] = await t.db.query<{ features: Record<string, string>; respondent_key: string }>(
      'SELECT features, respondent_key FROM survey_response WHERE id = $1',
      [ok.json().id],
    );
    expect(row!.respondent_key).toBe(`user:${t.fx.users.nurse.id}`);
    expect(Object.keys(row!.features).length).toBeGreaterThan(0);
    expect((await t.request('GET', '/api/surveys', { cookie: nurse })).json().find((c: { id: string }) => c.id === staffCampaign).answeredByMe).toBe(true);

    // paper questionnaires typed in by a manager name the staff member; the same person cannot answer twice that way either
    const head = await t.as('head_of_care');
    const paper = await t.request('POST', `/api/surveys/${staffCampaign}/responses`, {
      cookie: head,
      body: { channel: 'paper', respondent: { userId: t.fx.users.nurse.id }, answers: { time: 3 } },
    });
    expect(paper.statusCode).toBe(409);
    const paper2 = await t.request('POST', `/api/surveys/${staffCampaign}/responses`, {
      cookie: head,
      body: {
        channel: 'paper',
        respondent: { userId: t.fx.users.care_assistant.id },
        answers: { time: 2, trust: 4, gain: 'Je ne fais pas confiance à la machine' },
      },
    });
    expect(paper2.statusCode).toBe(201);
  });

  it('residents answer on a tablet (named: the resident, of the facility), relatives anonymously, any number of times', async () => {
    const assistant = await t.as('care_assistant');
    const stranger = await t.request('POST', `/api/surveys/${residentsCampaign}/responses`, {
      cookie: assistant,
      body: { channel: 'tablet', respondent: { personId: t.fx.personB1 }, answers: { listened: 3 } },
    });
    expect(stranger.statusCode).toBe(400);
    expect(stranger.json().error.issues[0]).toMatchObject({ field: 'respondent.personId', reason: 'not_in_facility' });
    const nobody = await t.request('POST', `/api/surveys/${residentsCampaign}/responses`, {
      cookie: assistant,
      body: { channel: 'tablet', answers: { listened: 3 } },
    });
    expect(nobody.json().error.issues[0]).toMatchObject({ field: 'respondent.personId', reason: 'required' });
    const four = await t.request('POST', `/api/surveys/${residentsCampaign}/responses`, {
      cookie: assistant,
      body: { channel: 'tablet', respondent: { personId: t.fx.personA1 }, answers: { listened: 4 } },
    });
    expect(four.json().error.issues[0]).toMatchObject({ field: 'answers.listened', reason: 'out_of_range' }); // a 3-point scale
    const ok = await t.request('POST', `/api/surveys/${residentsCampaign}/responses`, {
      cookie: assistant,
      body: { channel: 'tablet', respondent: { personId: t.fx.personA1 }, answers: { listened: 3, time: 2, wish: 'Aller au jardin plus souvent' } },
    });
    expect(ok.statusCode).toBe(201);
    const audit = await t.db.query("SELECT 1 FROM audit_log WHERE action = 'survey.respond' AND target_id = $1", [t.fx.personA1]);
    expect(audit.length).toBe(1);

    const relative = await t.as('relative');
    const list = (await t.request('GET', '/api/surveys', { cookie: relative })).json();
    expect(list.map((c: { id: string }) => c.id)).toEqual([relativesCampaign]);
    expect((await t.request('GET', `/api/surveys/${staffCampaign}`, { cookie: relative })).statusCode).toBe(404);
    const named = await t.request('POST', `/api/surveys/${relativesCampaign}/responses`, {
      cookie: relative,
      body: { channel: 'web', respondent: { userId: t.fx.users.relative.id }, answers: { trust: 4 } },
    });
    expect(named.json().error.issues[0]).toMatchObject({ field: 'respondent', reason: 'anonymous_campaign' });
    for (const text of ['On ne m’explique pas comment l’ordinateur décide', 'Les équipes écoutent ma mère']) {
      const res = await t.request('POST', `/api/surveys/${relativesCampaign}/responses`, {
        cookie: relative,
        body: { channel: 'web', answers: { trust: 4, change: text } },
      });
      expect(res.statusCode).toBe(201);
    }
    const keys = await t.db.query("SELECT respondent_key FROM survey_response r JOIN survey_campaign c ON c.id = r.campaign_id WHERE c.audience = 'relatives'");
    expect(keys.map((k) => (k as { respondent_key: string | null }).respondent_key)).toEqual([null, null]);
    expect(
      (await t.request('POST', `/api/surveys/${residentsCampaign}/responses`, { cookie: relative, body: { channel: 'web', answers: { listened: 1 } } }))
        .statusCode,
    ).toBe(404);
  });

  it('shows results with open answers by theme; a theme is renamed, an answer moved; CSV without names; a closed campaign takes no answer', async () => {
    const director = await t.as('director');
    const res = (await t.request('GET', `/api/surveys/${relativesCampaign}/results`, { cookie: director })).json();
    expect(res.responses).toBe(2);
    const trust = res.questions.find((q: { id: string }) => q.id === 'trust');
    expect(trust).toMatchObject({ n: 2, distribution: [0, 0, 0, 2, 0], favourable: 1 });
    const change = res.questions.find((q: { id: string }) => q.id === 'change');
    const labels = change.themes.map((g: { label: string }) => g.label).sort();
    expect(labels).toEqual(['Confiance dans l’IA', 'Écoute et relation'].sort());
    const listening = change.themes.find((g: { label: string }) => g.label === 'Écoute et relation');
    expect(listening.answers[0]).toMatchObject({ matched: 'écoutent', movedByStaff: false });
    expect(res.features.length).toBeGreaterThan(0);

    const added = await t.request('POST', `/api/surveys/${relativesCampaign}/themes`, {
      cookie: director,
      body: { questionId: 'change', label: 'Information' },
    });
    expect(added.statusCode).toBe(201);
    const notOpen = await t.request('POST', `/api/surveys/${relativesCampaign}/themes`, { cookie: director, body: { questionId: 'trust', label: 'X thème' } });
    expect(notOpen.json().error.issues[0]).toMatchObject({ field: 'questionId', reason: 'not_an_open_question' });
    const ai = change.themes.find((g: { label: string }) => g.label === 'Confiance dans l’IA');
    const moved = await t.request('PUT', `/api/surveys/answers/${ai.answers[0].responseId}/change/theme`, {
      cookie: director,
      body: { themeId: added.json().id },
    });
    expect(moved.statusCode).toBe(200);
    const renamed = await t.request('PUT', `/api/surveys/themes/${listening.id}`, { cookie: director, body: { label: 'Relation avec l’équipe' } });
    expect(renamed.statusCode).toBe(200);
    const after = (await t.request('GET', `/api/surveys/${relativesCampaign}/results`, { cookie: director })).json();
    const groups = after.questions.find((q: { id: string }) => q.id === 'change').themes;
    expect(groups.find((g: { label: string }) => g.label === 'Information').answers[0]).toMatchObject({ movedByStaff: true, matched: null });
    expect(groups.find((g: { label: string }) => g.label === 'Relation avec l’équipe').answers).toHaveLength(1);

    const csv = await t.request('GET', `/api/surveys/${staffCampaign}/export.csv`, { cookie: director });
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('response,submitted_at,channel,ai_features,time,listened,trust,understanding,object,gain,gain_theme,disagree,disagree_theme');
    expect(lines).toHaveLength(3);
    expect(csv.body).not.toContain('nurse');
    expect((await t.request('GET', `/api/surveys/${staffCampaign}/results`, { cookie: await t.as('nurse') })).statusCode).toBe(403);
    expect((await t.request('GET', `/api/surveys/${staffCampaign}/results`, { cookie: await t.as('user_representative') })).statusCode).toBe(200);

    const trends = (await t.request('GET', '/api/surveys/trends?audience=staff', { cookie: director })).json();
    expect(trends).toHaveLength(1);
    expect(trends[0].dimensions.find((d: { dimension: string }) => d.dimension === 'time')).toMatchObject({ n: 2, favourable: 0.5 });

    expect((await t.request('POST', `/api/surveys/${staffCampaign}/close`, { cookie: director })).statusCode).toBe(200);
    const late = await t.request('POST', `/api/surveys/${staffCampaign}/responses`, {
      cookie: await t.as('physician'),
      body: { channel: 'web', answers: { time: 3 } },
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.issues[0]).toMatchObject({ field: 'campaign', reason: 'not_open' });
  });

  it('writes the reminders due once per campaign and day, to those who have not answered', async () => {
    const before = await count('reminder');
    const written = await t.services.surveys.remindDue();
    expect(written).toBeGreaterThan(0);
    expect(await t.services.surveys.remindDue()).toBe(0);
    const rows = await t.db.query<{ address: string; body: string }>('SELECT address, body FROM reminder WHERE campaign_id IS NOT NULL');
    expect(rows.length).toBe(written);
    expect(await count('reminder')).toBe(before + written);
    // the staff campaign is closed; residents' reminders go to the staff who collect answers; the relative has an anonymous one
    expect(rows.map((r) => r.address).sort()).toEqual(['coordination-nurse@a.test', 'head-of-care@a.test', 'relative@a.test']);
    expect(rows.every((r) => !r.body.includes('Germaine'))).toBe(true);
  });

  it('records time with people and admin timings, refuses what cannot be, and sums them per week and team', async () => {
    const nurse = await t.as('nurse');
    const before = await count('contact_time');
    const future = await t.request('POST', '/api/time/contacts', {
      cookie: nurse,
      body: { kind: 'individual_moment', personId: t.fx.personA1, at: new Date(Date.now() + DAY).toISOString(), minutes: 20 },
    });
    expect(future.json().error.issues[0]).toMatchObject({ field: 'at', reason: 'in_the_future' });
    const stranger = await t.request('POST', '/api/time/contacts', {
      cookie: nurse,
      body: { kind: 'individual_moment', personId: t.fx.personB1, at: new Date().toISOString(), minutes: 20 },
    });
    expect(stranger.json().error.issues[0]).toMatchObject({ field: 'personId', reason: 'not_in_facility' });
    const tooLong = await t.request('POST', '/api/time/contacts', {
      cookie: nurse,
      body: { kind: 'family_meeting', at: new Date().toISOString(), minutes: 600 },
    });
    expect(tooLong.json().error.issues[0]).toMatchObject({ field: 'minutes' });
    expect(await count('contact_time')).toBe(before);
    for (const [kind, minutes] of [
      ['individual_moment', 25],
      ['family_meeting', 45],
    ] as const)
      expect(
        (await t.request('POST', '/api/time/contacts', { cookie: nurse, body: { kind, personId: t.fx.personA1, at: new Date().toISOString(), minutes } }))
          .statusCode,
      ).toBe(201);
    expect((await t.request('GET', '/api/time/contacts', { cookie: nurse })).json()).toHaveLength(2);

    const started = new Date(Date.now() - 3_600_000).toISOString();
    const tooMuch = await t.request('POST', '/api/time/admin', {
      cookie: nurse,
      body: { task: 'care_note', assisted: false, startedAt: started, activeSeconds: 7200 },
    });
    expect(tooMuch.json().error.issues[0]).toMatchObject({ field: 'activeSeconds', reason: 'longer_than_elapsed' });
    for (const [assisted, secs] of [
      [false, 600],
      [false, 720],
      [false, 660],
      [true, 240],
      [true, 300],
      [true, 180],
    ] as const)
      expect(
        (await t.request('POST', '/api/time/admin', { cookie: nurse, body: { task: 'care_note', assisted, startedAt: started, activeSeconds: secs } }))
          .statusCode,
      ).toBe(201);
    const sum = (await t.request('GET', `/api/time/summary?from=${dayIso(-7)}&to=${dayIso(0)}`, { cookie: await t.as('director') })).json();
    const note = sum.tasks.find((x: { task: string }) => x.task === 'care_note');
    expect(note).toMatchObject({ assisted: { n: 3, medianMinutes: 4 }, unassisted: { n: 3, medianMinutes: 11 }, savedPerPiece: 7 });
    expect(sum.totals).toMatchObject({ contactMinutes: 70, estimatedSavedMinutes: 21, adminMinutes: 45 });
    const care = sum.weeks.at(-1).teams.find((x: { team: string }) => x.team === 'care');
    expect(care.byKind).toMatchObject({ individual_moment: 25, family_meeting: 45 });
    expect(
      (await t.request('GET', `/api/time/summary?from=${dayIso(0)}&to=${dayIso(-3)}`, { cookie: await t.as('director') })).json().error.issues[0],
    ).toMatchObject({
      field: 'querystring.to',
      reason: 'before_start',
    });
  });

  it('builds the usage report as JSON, PDF and CSV with every section, and from the command-line code path', async () => {
    const director = await t.as('director');
    // two amended proposals, one with its content unchanged: the database tells them apart for the figures
    await t.db.query(`INSERT INTO care_plan (person_id, start_date, review_date) VALUES ($1, '2026-01-01', '2027-01-01')`, [t.fx.personA1]);
    const nurse = await t.as('coordination_nurse');
    for (const content of [
      { title: 'Marcher 10 minutes', domain: 'mobility' },
      { title: 'Marcher 5 minutes', domain: 'mobility' },
    ]) {
      const { id } = await t.services.guarantee.propose({
        facilityId: t.fx.facilityA,
        systemSlug: TEST_SYSTEM,
        kind: TEST_KIND,
        personId: t.fx.personA1,
        title: 'Objectif',
        content: { domain: 'mobility', title: 'Marcher 10 minutes' },
        explanation: { summary: 'test', factors: [] },
        inputs: { content },
      });
      const res = await t.request('POST', `/api/proposals/${id}/decision`, { cookie: nurse, body: { decision: 'amend', reason: 'revu', content } });
      expect(res.statusCode).toBe(200);
    }
    const q = `from=${dayIso(-30)}&to=${dayIso(0)}`;
    const json = (await t.request('GET', `/api/reports/usage?${q}`, { cookie: director })).json();
    expect(json.facility.name).toBe('EHPAD A');
    expect(json.surveys.map((s: { audience: string }) => s.audience).sort()).toEqual(['relatives', 'residents', 'staff']);
    expect(json.time.totals.contactMinutes).toBe(70);
    expect(json.features.find((f: { slug: string }) => f.slug === TEST_SYSTEM)).toMatchObject({ amended: 2, decided: 2, uneditedAcceptanceRate: 0.5 });
    const pdf = await t.request('GET', `/api/reports/usage.pdf?${q}`, { cookie: director });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const csv = await t.request('GET', `/api/reports/usage.csv?${q}`, { cookie: director });
    expect(csv.body).toContain('time,contact_minutes,total,70');
    expect(csv.body).toContain('surveys,responses');
    expect((await t.request('GET', `/api/reports/usage.pdf?${q}`, { cookie: await t.as('nurse') })).statusCode).toBe(403);
    const files = await usageReportFiles(t.services.report, t.fx.facilityA, dayIso(-30), dayIso(0));
    expect(files.pages).toBeGreaterThanOrEqual(2);
    expect(files.csv).toContain('report,facility,,EHPAD A');
  });
  it('equity: activities recommended and attended — accepted suggestions followed by attending one of them within 30 days', async () => {
    const fa = t.fx.facilityA;
    const people: string[] = [];
    for (let k = 0; k < 6; k++) {
      const [p] = await t.db.query<{ id: string }>(
        `INSERT INTO person (facility_id, first_name, last_name, birth_date, sex, admission_date) VALUES ($1, $2, 'Equite', '1940-01-01', 'F', '2022-01-01') RETURNING id`,
        [fa, `P${k}`],
      );
      await t.db.query('INSERT INTO person_profile (person_id) VALUES ($1)', [p!.id]);
      people.push(p!.id);
    }
    const [act] = await t.db.query<{ id: string }>(
      `INSERT INTO activity (facility_id, key, name, description, category, group_min, group_max, duration_minutes, room_type, leader_skill)
       VALUES ($1, 'chant-test', 'Chant', 'Chanter ensemble', 'culture', 1, 12, 60, 'salon', 'animation') RETURNING id`,
      [fa],
    );
    const [room] = await t.db.query<{ id: string }>(
      `INSERT INTO room (facility_id, name, type, capacity) VALUES ($1, 'Salon test', 'salon', 20) RETURNING id`,
      [fa],
    );
    const [run] = await t.db.query<{ id: string }>(`INSERT INTO plan_run (facility_id, week, instance, result) VALUES ($1, $2, '{}', '{}') RETURNING id`, [
      fa,
      dayIso(0),
    ]);
    const [session] = await t.db.query<{ id: string }>(
      `INSERT INTO activity_session (facility_id, plan_run_id, activity_id, day, start_time, end_time, room_id, leader_id)
       VALUES ($1, $2, $3, $4, '14:00', '15:00', $5, $6) RETURNING id`,
      [fa, run!.id, act!.id, dayIso(0), room!.id, t.fx.users.activity_leader.id],
    );
    const leader = await t.as('activity_leader');
    for (const personId of people) {
      const { id } = await t.services.guarantee.propose({
        facilityId: fa,
        systemSlug: 'activity-recommender',
        kind: 'activity.suggestions',
        personId,
        title: 'Suggestions',
        content: { items: [{ activityKey: 'chant-test', rank: 1, reasons: [] }] },
        explanation: { summary: 'test', factors: [] },
        inputs: { personId },
      });
      expect((await t.request('POST', `/api/proposals/${id}/decision`, { cookie: leader, body: { decision: 'accept' } })).statusCode).toBe(200);
    }
    // four of the six came; one was recorded absent; one has no record
    for (const [k, personId] of people.slice(0, 5).entries())
      await t.db.query(`INSERT INTO session_attendance (session_id, person_id, status, recorded_by) VALUES ($1, $2, $3, $4)`, [
        session!.id,
        personId,
        k < 4 ? 'present' : 'absent',
        t.fx.users.activity_leader.id,
      ]);
    const eq = (await t.request('GET', `/api/equity?from=${dayIso(-1)}&to=${dayIso(0)}`, { cookie: await t.as('director') })).json();
    const rec = eq.features.find((f: { slug: string }) => f.slug === 'activity-recommender');
    expect(rec.measures.followUp).toBe('activities_attended');
    expect(rec.overall).toMatchObject({ followed: 6, attended: 4 });
    expect(rec.overall.attendance.rate).toBeCloseTo(4 / 6);
    // groups under five accepted suggestions show no attendance figure
    const tm = eq.features.find((f: { slug: string }) => f.slug === 'telemonitoring-rules');
    expect(tm.overall).toMatchObject({ followed: null, attendance: null });
    const report = (await t.request('GET', `/api/reports/usage?from=${dayIso(-1)}&to=${dayIso(0)}`, { cookie: await t.as('director') })).json();
    expect(report.equity.features.find((f: { slug: string }) => f.slug === 'activity-recommender')).toMatchObject({ followed: 6 });
  });
});
