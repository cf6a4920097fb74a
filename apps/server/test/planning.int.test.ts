import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from './test-db.js';
import { buildTestApp, type TestApp } from './test-app.js';

const WEEK = '2026-11-30';

interface Job {
  id: string;
  status: string;
  runId: string | null;
  proposalId: string | null;
  progress: { best: number | null } | null;
}

describe.each(ENGINES)('weekly activity planner through the guarantee on %s', (engine) => {
  let t: TestApp;
  let people: string[];
  beforeAll(async () => {
    t = await buildTestApp(engine);
    const fa = t.fx.facilityA;
    await t.db.query(`INSERT INTO room (facility_id, name, type, capacity) VALUES ($1, 'Salle', 'activity_room', 12), ($1, 'Jardin', 'garden', 10)`, [fa]);
    await t.db.query(
      `INSERT INTO leader_profile (user_id, facility_id, skills, weekdays, day_start, day_end) VALUES ($1, $2, '{animation,art,music,cooking,physical,sensory}', '{mon,tue,wed,thu,fri}', '09:30', '17:30')`,
      [t.fx.users.activity_leader.id, fa],
    );
    people = [t.fx.personA1, t.fx.personA2];
    for (let i = 0; i < 6; i++) {
      const [p] = await t.db.query<{ id: string }>(
        `INSERT INTO person (facility_id, first_name, last_name, birth_date, sex, attendance_days, status, admission_date) VALUES ($1, $2, 'Test', '1940-01-01', 'F', '{}', 'active', '2025-01-01') RETURNING id`,
        [fa, `P${i}`],
      );
      await t.db.query(`INSERT INTO person_profile (person_id) VALUES ($1)`, [p!.id]);
      people.push(p!.id);
    }
    for (const id of people) await t.db.query(`UPDATE person_profile SET interests = '{jardinage,chant,belote}' WHERE person_id = $1`, [id]);
    // Germaine has a consultation all Monday 30/11.
    await t.db.query(
      `INSERT INTO appointment (facility_id, person_id, starts_at, ends_at, label) VALUES ($1, $2, '2026-11-30 08:00', '2026-11-30 18:00', 'Consultation')`,
      [fa, t.fx.personA1],
    );
  });
  afterAll(() => t.close());

  async function runToEnd(cookie: string, body: object): Promise<Job> {
    const res = await t.request('POST', '/api/planning/runs', { cookie, body });
    expect(res.statusCode).toBe(202);
    let job = res.json<Job>();
    for (let i = 0; i < 200 && job.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      job = (await t.request('GET', `/api/planning/jobs/${job.id}`, { cookie })).json();
    }
    return job;
  }

  it('a run solves in a worker and becomes a pending proposal; nothing is published before the decision', async () => {
    const cookie = await t.as('activity_leader');
    const job = await runToEnd(cookie, { week: WEEK, seconds: 1 });
    expect(job.status).toBe('done');
    expect(job.progress?.best).toBeGreaterThan(0);
    const run = (await t.request('GET', `/api/planning/runs/${job.runId}`, { cookie })).json();
    expect(run.proposal).toMatchObject({ id: job.proposalId, status: 'pending' });
    expect(run.result.feasible).toBe(true);
    expect(run.result.sessions.length).toBeGreaterThan(0);
    // the appointment is a hard constraint: no Monday invitation for Germaine
    const mondaySlots = new Set(run.instance.slots.filter((s: { date: string }) => s.date === WEEK).map((s: { id: string }) => s.id));
    for (const s of run.result.sessions as { slot: string; participants: string[] }[])
      if (mondaySlots.has(s.slot)) expect(s.participants).not.toContain(t.fx.personA1);
    expect((await t.request('GET', `/api/planning/sessions?week=${WEEK}`, { cookie })).json()).toEqual([]);
    const proposal = (await t.request('GET', `/api/proposals/${job.proposalId}`, { cookie })).json();
    expect(proposal).toMatchObject({ systemSlug: 'activity-planner', kind: 'activity.week_plan', canDecide: true });
    expect(JSON.stringify(proposal.inputs)).not.toMatch(/Germaine|Martin/);
  });

  it('an edited plan is re-evaluated live, and an infeasible amendment is refused naming the session', async () => {
    const cookie = await t.as('activity_leader');
    const latest = (await t.request('GET', `/api/planning/runs?week=${WEEK}`, { cookie })).json();
    const run = (await t.request('GET', `/api/planning/runs/${latest.id}`, { cookie })).json();
    const sessions = structuredClone(run.proposal.sessions) as { slot: string; participants: string[]; room: string }[];
    const ok = (await t.request('POST', `/api/planning/runs/${latest.id}/evaluate`, { cookie, body: { sessions } })).json();
    expect(ok.feasible).toBe(true);
    expect(ok.objective).toBeCloseTo(run.result.objective, 3);
    const bad = structuredClone(sessions);
    bad[0]!.room = 'nowhere';
    const evaluation = (await t.request('POST', `/api/planning/runs/${latest.id}/evaluate`, { cookie, body: { sessions: bad } })).json();
    expect(evaluation.feasible).toBe(false);
    expect(evaluation.violations[0].code).toBe('unknown_reference');
    const res = await t.request('POST', `/api/proposals/${run.proposal.id}/decision`, {
      cookie,
      body: { decision: 'amend', reason: 'salle changée', content: { runId: latest.id, sessions: bad } },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.issues[0]).toMatchObject({ field: 'content.sessions.0', reason: 'unknown_reference' });
    expect((await t.request('GET', `/api/planning/sessions?week=${WEEK}`, { cookie })).json()).toEqual([]);
  });

  it('publishing creates sessions and invitations; attendance feeds time-with-people and the recommender', async () => {
    const cookie = await t.as('activity_leader');
    const latest = (await t.request('GET', `/api/planning/runs?week=${WEEK}`, { cookie })).json();
    const run = (await t.request('GET', `/api/planning/runs/${latest.id}`, { cookie })).json();
    const sessions = structuredClone(run.proposal.sessions) as { participants: string[] }[];
    const removed = sessions.pop();
    const res = await t.request('POST', `/api/proposals/${run.proposal.id}/decision`, {
      cookie,
      body: { decision: 'amend', reason: 'une séance de moins cette semaine', content: { runId: latest.id, sessions } },
    });
    expect(res.statusCode).toBe(200);
    const published = (await t.request('GET', `/api/planning/sessions?week=${WEEK}`, { cookie })).json<
      { id: string; activityKey: string; start: string; end: string; participants: { personId: string }[]; aiLabel: { amended: boolean } | null }[]
    >();
    expect(published.length).toBe(sessions.length);
    expect(published.length).toBe(run.proposal.sessions.length - (removed ? 1 : 0));
    expect(published[0]!.aiLabel).toMatchObject({ amended: true });
    const first = published[0]!;
    const attendee = first.participants[0]!.personId;
    const put = await t.request('PUT', `/api/planning/sessions/${first.id}/attendance`, {
      cookie,
      body: { records: [{ personId: attendee, status: 'present', engagement: 3, moodBefore: 3, moodAfter: 5, note: 'A chanté' }] },
    });
    expect(put.statusCode).toBe(200);
    const bad = await t.request('PUT', `/api/planning/sessions/${first.id}/attendance`, {
      cookie,
      body: { records: [{ personId: attendee, status: 'absent', engagement: 2 }] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.issues[0].field).toBe('records.0.engagement');
    const twp = (await t.request('GET', `/api/planning/time-with-people?from=${WEEK}&to=2026-12-06`, { cookie: await t.as('director') })).json();
    const minutes = Number(first.end.slice(0, 2)) * 60 + Number(first.end.slice(3)) - (Number(first.start.slice(0, 2)) * 60 + Number(first.start.slice(3)));
    expect(twp.staff[0]).toMatchObject({ userId: t.fx.users.activity_leader.id, sessions: 1, minutes, personMinutes: minutes });
    expect(twp.people).toEqual([expect.objectContaining({ personId: attendee, minutes })]);
    // the recommender now explains with this person's engagement
    const { proposalId } = (await t.request('POST', `/api/people/${attendee}/activity-recommendations`, { cookie })).json();
    const proposal = (await t.request('GET', `/api/proposals/${proposalId}`, { cookie })).json();
    expect(proposal.inputs.historyCount).toBe(1);
  });

  it('a relative sees the invitations of their own person only', async () => {
    const relative = await t.as('relative');
    const own = await t.request('GET', `/api/people/${t.fx.personA1}/sessions?week=${WEEK}`, { cookie: relative });
    expect(own.statusCode).toBe(200);
    expect(Array.isArray(own.json())).toBe(true);
    expect((await t.request('GET', `/api/people/${t.fx.personA2}/sessions?week=${WEEK}`, { cookie: relative })).statusCode).toBe(404);
    expect((await t.request('GET', `/api/planning/sessions?week=${WEEK}`, { cookie: relative })).statusCode).toBe(403);
  });

  it('a run can be stopped: the best plan so far still becomes a proposal', async () => {
    const cookie = await t.as('activity_leader');
    const res = await t.request('POST', '/api/planning/runs', { cookie, body: { week: '2026-12-07', seconds: 120 } });
    const id = res.json().id as string;
    expect((await t.request('DELETE', `/api/planning/jobs/${id}`, { cookie })).statusCode).toBe(200);
    let job: Job = res.json();
    for (let i = 0; i < 100 && job.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      job = (await t.request('GET', `/api/planning/jobs/${id}`, { cookie })).json();
    }
    expect(job.status).toBe('cancelled');
    expect(job.proposalId).toBeTruthy();
  });

  it('bad input names the field and starts nothing', async () => {
    const cookie = await t.as('activity_leader');
    const res = await t.request('POST', '/api/planning/runs', { cookie, body: { week: '30/11/2026' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.issues[0].field).toBe('week');
    expect((await t.request('GET', `/api/planning/jobs/00000000-0000-4000-8000-000000000000`, { cookie })).statusCode).toBe(404);
  });

  it('the planning setup: rooms and leaders are edited with field errors, and only within the facility', async () => {
    const cookie = await t.as('activity_leader');
    const bad = await t.request('POST', '/api/planning/rooms', { cookie, body: { name: 'Véranda', type: 'living_room', capacity: 0 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.issues[0].field).toBe('capacity');
    const room = (await t.request('POST', '/api/planning/rooms', { cookie, body: { name: 'Véranda', type: 'living_room', capacity: 10 } })).json<{
      id: string;
    }>();
    const twice = await t.request('POST', '/api/planning/rooms', { cookie, body: { name: 'Véranda', type: 'garden', capacity: 4 } });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error.issues[0]).toMatchObject({ field: 'name', reason: 'duplicate' });
    const retired = await t.request('PUT', `/api/planning/rooms/${room.id}`, {
      cookie,
      body: { name: 'Véranda', type: 'living_room', capacity: 10, active: false },
    });
    expect(retired.json()).toMatchObject({ active: false });
    const setup = (await t.request('GET', '/api/planning/setup', { cookie })).json<{ rooms: { id: string; active: boolean }[]; staff: { id: string }[] }>();
    expect(setup.rooms.find((r) => r.id === room.id)?.active).toBe(false);
    const nurse = t.fx.users.nurse.id;
    const wrongHours = await t.request('PUT', `/api/planning/leaders/${nurse}`, {
      cookie,
      body: { skills: ['music'], weekdays: ['mon'], start: '15:00', end: '10:00', maxSessions: 2 },
    });
    expect(wrongHours.statusCode).toBe(400);
    expect(wrongHours.json().error.issues[0].field).toBe('end');
    const ok = await t.request('PUT', `/api/planning/leaders/${nurse}`, {
      cookie,
      body: { skills: ['music'], weekdays: ['mon'], start: '10:00', end: '15:00', maxSessions: 2 },
    });
    expect(ok.json().leaders.some((l: { id: string }) => l.id === nurse)).toBe(true);
    expect((await t.request('DELETE', `/api/planning/leaders/${nurse}`, { cookie })).json().leaders.some((l: { id: string }) => l.id === nurse)).toBe(false);
    const otherFacility = await t.request('PUT', `/api/planning/leaders/${t.fx.directorB.id}`, {
      cookie,
      body: { skills: ['music'], weekdays: ['mon'], start: '10:00', end: '15:00', maxSessions: 2 },
    });
    expect(otherFacility.statusCode).toBe(404);
  });
});
