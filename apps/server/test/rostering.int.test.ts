import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from './test-db.js';
import { buildTestApp, type TestApp } from './test-app.js';

interface Job {
  id: string;
  status: string;
  runId: string | null;
  proposalId: string | null;
  trace: { t: number; best: number | null }[];
}
interface Violation {
  type: string;
  staff: string;
  day?: number;
  legal: boolean;
}

/** A Monday at least two weeks ahead, so requests are for days to come. */
function futureMonday(): string {
  const d = new Date(Date.now() + 14 * 86_400_000);
  d.setUTCDate(d.getUTCDate() + ((8 - d.getUTCDay()) % 7));
  return d.toISOString().slice(0, 10);
}
function issues(res: { json: <T>() => T }): { field: string; reason: string }[] {
  return res.json<{ error: { issues: { field: string; reason: string }[] } }>().error.issues;
}
const plus = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

const SHIFTS = [
  { code: 'M', label: 'Matin', start: '06:45', end: '14:15', night: false },
  { code: 'S', label: 'Soir', start: '13:45', end: '21:15', night: false },
];
const COVERAGE = Array.from({ length: 7 }, (_, weekday) => [
  { weekday, shift: 'M', qualifications: ['AS'], requirement: 2 },
  { weekday, shift: 'S', qualifications: [], requirement: 1 },
]).flat();
const RULES = {
  minRestHours: 11,
  maxDayHours: 12,
  maxWeekHours: 48,
  maxConsecutiveDays: 6,
  minConsecutiveDaysOff: 1,
  weekendsOffPer4Weeks: 2,
  hoursTolerance: 7.5,
};

describe.each(ENGINES)('staff rosters through the guarantee on %s', (engine) => {
  let t: TestApp;
  let staff: string[];
  const START = futureMonday();
  beforeAll(async () => {
    t = await buildTestApp(engine);
    staff = [t.fx.users.care_assistant.id, t.fx.users.nurse.id];
    for (let i = 0; i < 3; i++) {
      const [u] = await t.db.query<{ id: string }>(
        `INSERT INTO app_user (facility_id, email, password_hash, first_name, last_name, role, qualification) VALUES ($1, $2, 'x', 'Agent', $3, 'care_assistant', 'AS') RETURNING id`,
        [t.fx.facilityA, `as${i}@a.test`, `N${i}`],
      );
      staff.push(u!.id);
    }
  });
  afterAll(() => t.close());

  async function runToEnd(cookie: string, body: object): Promise<Job> {
    const res = await t.request('POST', '/api/rosters/runs', { cookie, body });
    expect(res.statusCode, res.body).toBe(202);
    let job = res.json<Job>();
    for (let i = 0; i < 300 && job.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      job = (await t.request('GET', `/api/rosters/jobs/${job.id}`, { cookie })).json();
    }
    return job;
  }

  it('the head of care sets shifts, cover, rules and contracts; bad input names the field and changes nothing', async () => {
    const cookie = await t.as('head_of_care');
    const long = await t.request('PUT', '/api/rosters/setup', {
      cookie,
      body: { shifts: [...SHIFTS, { code: 'X', label: 'Trop long', start: '06:00', end: '19:30', night: false }], coverage: COVERAGE, rules: RULES },
    });
    expect(long.statusCode).toBe(400);
    expect(issues(long)[0]).toMatchObject({ field: 'shifts.2.end', reason: 'longer_than_max_day' });
    expect(await t.db.query('SELECT 1 FROM roster_setting')).toHaveLength(0);
    const ok = await t.request('PUT', '/api/rosters/setup', { cookie, body: { shifts: SHIFTS, coverage: COVERAGE, rules: RULES } });
    expect(ok.statusCode, ok.body).toBe(200);
    const bad = await t.request('PUT', `/api/rosters/contracts/${staff[0]}`, {
      cookie,
      body: { weeklyHours: 60, qualifications: ['AS'], nightStaff: false, active: true },
    });
    expect(bad.statusCode).toBe(400);
    expect(issues(bad)[0]!.field).toBe('weeklyHours');
    for (const [i, id] of staff.entries()) {
      const res = await t.request('PUT', `/api/rosters/contracts/${id}`, {
        cookie,
        body: { weeklyHours: i === 1 ? 28 : 35, qualifications: i === 1 ? ['IDE'] : ['AS'], nightStaff: false, active: true },
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    const setup = (await t.request('GET', '/api/rosters/setup', { cookie })).json<{ staff: { id: string; contract: { weeklyHours: number } | null }[] }>();
    expect(setup.staff.find((s) => s.id === staff[1])!.contract!.weeklyHours).toBe(28);
    // a care assistant may not touch the setup
    expect(
      (await t.request('PUT', '/api/rosters/setup', { cookie: await t.as('care_assistant'), body: { shifts: SHIFTS, coverage: [], rules: RULES } })).statusCode,
    ).toBe(403);
  });

  it('staff make requests for themselves; bad requests name the field', async () => {
    const cookie = await t.as('care_assistant');
    const noShift = await t.request('POST', '/api/rosters/my-requests', { cookie, body: { date: plus(START, 2), kind: 'on', shift: null, weight: 2 } });
    expect(noShift.statusCode).toBe(400);
    expect(issues(noShift)[0]!.field).toBe('shift');
    const past = await t.request('POST', '/api/rosters/my-requests', { cookie, body: { date: '2020-01-06', kind: 'off', shift: null, weight: 1 } });
    expect(issues(past)[0]).toMatchObject({ field: 'date', reason: 'in_the_past' });
    const off = await t.request('POST', '/api/rosters/my-requests', {
      cookie,
      body: { date: plus(START, 2), kind: 'off', shift: null, weight: 3, note: 'Rendez-vous' },
    });
    expect(off.statusCode, off.body).toBe(201);
    const dup = await t.request('POST', '/api/rosters/my-requests', { cookie, body: { date: plus(START, 2), kind: 'on', shift: 'M', weight: 1 } });
    expect(issues(dup)[0]!.reason).toBe('duplicate');
    const leave = await t.request('POST', '/api/rosters/my-requests', { cookie, body: { date: plus(START, 9), kind: 'leave', shift: null, weight: 1 } });
    expect(leave.statusCode).toBe(201);
    const mine = (await t.request('GET', '/api/rosters/my-requests', { cookie })).json<{ kind: string }[]>();
    expect(mine.map((r) => r.kind).sort()).toEqual(['leave', 'off']);
    // another staff member does not see them; the head of care does
    expect((await t.request('GET', '/api/rosters/my-requests', { cookie: await t.as('nurse') })).json<unknown[]>()).toHaveLength(0);
    const all = await t.request('GET', `/api/rosters/requests?from=${START}&to=${plus(START, 13)}`, { cookie: await t.as('head_of_care') });
    expect(all.json<unknown[]>()).toHaveLength(2);
  });

  it('a solve runs in a worker, shows its best over time and becomes a pending proposal; an illegal amendment is refused; accepting publishes', async () => {
    const cookie = await t.as('head_of_care');
    expect((await t.request('POST', '/api/rosters/runs', { cookie, body: { start: plus(START, 1), weeks: 2, seconds: 1 } })).statusCode).toBe(400);
    expect((await t.request('POST', '/api/rosters/runs', { cookie: await t.as('care_assistant'), body: { start: START, weeks: 2 } })).statusCode).toBe(403);
    // leave counts as a hard day off once the head of care approves it (a care assistant cannot)
    const leave = (await t.request('GET', `/api/rosters/requests?from=${START}&to=${plus(START, 13)}`, { cookie }))
      .json<{ id: string; kind: string }[]>()
      .find((r) => r.kind === 'leave')!;
    expect(
      (await t.request('PUT', `/api/rosters/requests/${leave.id}/decision`, { cookie: await t.as('care_assistant'), body: { approve: true } })).statusCode,
    ).toBe(403);
    const approved = await t.request('PUT', `/api/rosters/requests/${leave.id}/decision`, { cookie, body: { approve: true } });
    expect(approved.json<{ status: string }>().status).toBe('approved');
    const job = await runToEnd(cookie, { start: START, weeks: 2, seconds: 1 });
    expect(job.status).toBe('done');
    expect(job.trace.some((p) => p.best !== null)).toBe(true);
    const run = (await t.request('GET', `/api/rosters/runs/${job.runId}`, { cookie })).json<{
      proposal: { id: string; status: string; assignments: Record<string, (string | null)[]> };
      evaluation: { violations: Violation[]; publishable: boolean; fairness: { staff: string; minutes: number }[]; unmet: unknown[] };
    }>();
    expect(run.proposal.status).toBe('pending');
    expect(run.evaluation.publishable).toBe(true);
    expect(run.evaluation.fairness).toHaveLength(5);
    const a = run.proposal.assignments;
    // the care assistant's leave (day 9) is respected
    expect(a[staff[0]!]![9]).toBeNull();
    expect(await t.db.query('SELECT 1 FROM roster_shift')).toHaveLength(0);

    // Edit: Soir on day 3 then Matin on day 4 for the care assistant — under 11 h of rest.
    const edited = { ...a, [staff[0]!]: a[staff[0]!]!.map((c, d) => (d === 3 ? 'S' : d === 4 ? 'M' : c)) };
    const ev = (await t.request('POST', `/api/rosters/runs/${job.runId}/evaluate`, { cookie, body: { assignments: edited } })).json<{
      violations: Violation[];
      publishable: boolean;
    }>();
    expect(ev.publishable).toBe(false);
    expect(ev.violations).toContainEqual(expect.objectContaining({ type: 'ForbiddenSuccession', staff: staff[0], day: 4, legal: true }));
    const refused = await t.request('POST', `/api/proposals/${run.proposal.id}/decision`, {
      cookie,
      body: { decision: 'amend', reason: 'Échange', content: { runId: job.runId, assignments: edited } },
    });
    expect(refused.statusCode).toBe(400);
    expect(issues(refused)).toContainEqual(expect.objectContaining({ field: `content.assignments.${staff[0]}.4`, reason: 'ForbiddenSuccession' }));
    expect(await t.db.query('SELECT 1 FROM roster_shift')).toHaveLength(0);
    // unknown shift codes are named too
    const unknown = await t.request('POST', `/api/rosters/runs/${job.runId}/evaluate`, {
      cookie,
      body: { assignments: { ...a, [staff[0]!]: a[staff[0]!]!.map((c, d) => (d === 0 ? 'Z' : c)) } },
    });
    expect(unknown.statusCode).toBe(400);

    // an amendment may not name people outside the roster, nor publish another run
    const stranger = await t.request('POST', `/api/proposals/${run.proposal.id}/decision`, {
      cookie,
      body: { decision: 'amend', reason: 'Renfort', content: { runId: job.runId, assignments: { ...a, [t.fx.users.secretary.id]: a[staff[0]!] } } },
    });
    expect(issues(stranger)[0]).toMatchObject({ field: `content.assignments.${t.fx.users.secretary.id}`, reason: 'unknown_staff' });
    const other = await t.request('POST', `/api/proposals/${run.proposal.id}/decision`, {
      cookie,
      body: { decision: 'amend', reason: 'Autre', content: { runId: '00000000-0000-4000-8000-000000000000', assignments: a } },
    });
    expect(issues(other)[0]).toMatchObject({ field: 'content.runId', reason: 'not_this_run' });
    expect(await t.db.query('SELECT 1 FROM roster_shift')).toHaveLength(0);

    const accepted = await t.request('POST', `/api/proposals/${run.proposal.id}/decision`, { cookie, body: { decision: 'accept' } });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const worked = a[staff[0]!]!.filter((c) => c !== null).length;
    const ca = await t.as('care_assistant');
    const mine = (await t.request('GET', `/api/rosters/me?from=${START}&to=${plus(START, 13)}`, { cookie: ca })).json<
      { code: string; startsAt: string; endsAt: string }[]
    >();
    expect(mine).toHaveLength(worked);
    const ics = await t.request('GET', '/api/rosters/me.ics', { cookie: ca });
    expect(ics.headers['content-type']).toContain('text/calendar');
    expect(ics.body.match(/BEGIN:VEVENT/g)?.length ?? 0).toBe(worked);
    expect(ics.body).toContain('DTSTART;TZID=Europe/Paris:');
    // the register knows the run and who decided; the audit has the publication
    const [audit] = await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action LIKE 'roster.%'");
    expect(audit!.n).toBeGreaterThan(0);
  });

  it('a cancelled solve keeps its best roster as a proposal', async () => {
    const cookie = await t.as('head_of_care');
    const res = await t.request('POST', '/api/rosters/runs', { cookie, body: { start: plus(START, 14), weeks: 2, seconds: 120 } });
    const job = res.json<Job>();
    await new Promise((r) => setTimeout(r, 1500));
    await t.request('DELETE', `/api/rosters/jobs/${job.id}`, { cookie });
    let view = job;
    for (let i = 0; i < 100 && view.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      view = (await t.request('GET', `/api/rosters/jobs/${job.id}`, { cookie })).json();
    }
    expect(view.status).toBe('cancelled');
    expect(view.proposalId).not.toBeNull();

    // Where two periods meet: a Soir published on the last day before, then Matin on day 0, is under 11 h of rest.
    const next = (await t.request('GET', `/api/rosters/runs/${view.runId}`, { cookie })).json<{
      proposal: { assignments: Record<string, (string | null)[]> };
    }>();
    await t.db.query('DELETE FROM roster_shift WHERE user_id = $1 AND day = $2', [staff[0], plus(START, 13)]);
    const [runRow] = await t.db.query<{ run_id: string }>('SELECT run_id FROM roster_shift LIMIT 1');
    await t.db.query(
      `INSERT INTO roster_shift (facility_id, run_id, user_id, day, code, label, starts_at, ends_at) VALUES ($1, $2, $3, $4, 'S', 'Soir', $5, $6)`,
      [t.fx.facilityA, runRow!.run_id, staff[0], plus(START, 13), `${plus(START, 13)}T13:45:00`, `${plus(START, 13)}T21:15:00`],
    );
    const edited = { ...next.proposal.assignments, [staff[0]!]: next.proposal.assignments[staff[0]!]!.map((c, d) => (d === 0 ? 'M' : c)) };
    const ev = (await t.request('POST', `/api/rosters/runs/${view.runId}/evaluate`, { cookie, body: { assignments: edited } })).json<{
      violations: Violation[];
      publishable: boolean;
    }>();
    expect(ev.violations).toContainEqual(expect.objectContaining({ type: 'ForbiddenSuccession', staff: staff[0], day: 0, legal: true }));
    expect(ev.publishable).toBe(false);
  });

  it('one solve at a time per facility', async () => {
    const cookie = await t.as('head_of_care');
    const first = await t.request('POST', '/api/rosters/runs', { cookie, body: { start: plus(START, 28), weeks: 1, seconds: 30 } });
    expect(first.statusCode).toBe(202);
    const second = await t.request('POST', '/api/rosters/runs', { cookie, body: { start: plus(START, 35), weeks: 1, seconds: 1 } });
    expect(second.statusCode).toBe(409);
    await t.request('DELETE', `/api/rosters/jobs/${first.json<Job>().id}`, { cookie });
  });
});
