import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from './test-db.js';
import { buildTestApp, PASSWORD, type TestApp } from './test-app.js';

describe.each(ENGINES)('auth on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(engine, { loginLimit: { perIp: 8, perAccount: 3, windowMs: 60_000 } });
  });
  afterAll(() => t.close());

  it('sets an HttpOnly, SameSite=Strict session cookie and answers who I am', async () => {
    const res = await t.request('POST', '/api/auth/login', { body: { email: t.fx.users.nurse.email.toUpperCase(), password: PASSWORD } });
    expect(res.statusCode).toBe(200);
    const c = res.cookies.find((x) => x.name === 'presence_session')!;
    expect(c.httpOnly).toBe(true);
    expect(c.sameSite).toBe('Strict');
    expect(c.secure).toBeFalsy(); // plain HTTP in tests; Secure behind TLS
    const me = await t.request('GET', '/api/auth/me', { cookie: `presence_session=${c.value}` });
    expect(me.json()).toMatchObject({ role: 'nurse', facilityId: t.fx.facilityA });
    // The token is never stored: only its hash.
    const stored = await t.db.query<{ id: string }>('SELECT id FROM user_session');
    expect(stored.map((s) => s.id)).not.toContain(c.value);
  });

  it('marks the cookie Secure when the request came over TLS through a trusted proxy', async () => {
    const proxied = await buildTestApp(engine, { trustProxy: true });
    try {
      const res = await proxied.http.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'x-forwarded-proto': 'https' },
        payload: { email: proxied.fx.users.nurse.email, password: PASSWORD },
      });
      expect(res.cookies.find((x) => x.name === 'presence_session')!.secure).toBe(true);
    } finally {
      await proxied.close();
    }
  });

  it('answers the same generic error for an unknown account and a wrong password', async () => {
    const unknown = await t.request('POST', '/api/auth/login', { body: { email: 'nobody@a.test', password: 'whatever' } });
    const wrong = await t.request('POST', '/api/auth/login', { body: { email: t.fx.users.physician.email, password: 'wrong' } });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json().error.message).toBe(wrong.json().error.message);
    expect(unknown.json().error.code).toBe('invalid_credentials');
  });

  it('limits failed logins per account, then per IP, with Retry-After', async () => {
    const email = t.fx.users.secretary.email;
    for (let i = 0; i < 3; i++) expect((await t.request('POST', '/api/auth/login', { body: { email, password: 'bad' } })).statusCode).toBe(401);
    const limited = await t.request('POST', '/api/auth/login', { body: { email, password: PASSWORD } });
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Other accounts from the same IP are still allowed until the IP limit (8 failures, 3 + 2 so far).
    expect((await t.request('POST', '/api/auth/login', { body: { email: t.fx.users.director.email, password: PASSWORD } })).statusCode).toBe(200);
  });

  it('logout ends the session', async () => {
    const cookie = await t.login(t.fx.users.activity_leader.email);
    expect((await t.request('POST', '/api/auth/logout', { cookie })).statusCode).toBe(204);
    expect((await t.request('GET', '/api/auth/me', { cookie })).statusCode).toBe(401);
  });

  it('password change ends every other session and keeps this client signed in', async () => {
    const email = t.fx.users.head_of_care.email;
    const other = await t.login(email);
    const mine = await t.login(email);
    const short = await t.request('POST', '/api/auth/password', { cookie: mine, body: { currentPassword: PASSWORD, newPassword: 'short' } });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.issues[0].field).toBe('newPassword');
    const wrong = await t.request('POST', '/api/auth/password', { cookie: mine, body: { currentPassword: 'nope', newPassword: 'a much longer passphrase' } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.issues[0].field).toBe('currentPassword');
    const res = await t.request('POST', '/api/auth/password', { cookie: mine, body: { currentPassword: PASSWORD, newPassword: 'a much longer passphrase' } });
    expect(res.statusCode).toBe(204);
    const fresh = `presence_session=${res.cookies.find((x) => x.name === 'presence_session')!.value}`;
    expect((await t.request('GET', '/api/auth/me', { cookie: other })).statusCode).toBe(401);
    expect((await t.request('GET', '/api/auth/me', { cookie: mine })).statusCode).toBe(401);
    expect((await t.request('GET', '/api/auth/me', { cookie: fresh })).statusCode).toBe(200);
    expect((await t.request('POST', '/api/auth/login', { body: { email, password: PASSWORD } })).statusCode).toBe(401);
    await t.login(email, 'a much longer passphrase');
  });

  it('expires idle sessions and sessions past their absolute limit', async () => {
    const cookie = await t.login(t.fx.users.care_assistant.email);
    const id = (
      await t.db.query<{ id: string }>('SELECT id FROM user_session WHERE user_id = $1 ORDER BY created_at DESC LIMIT 1', [t.fx.users.care_assistant.id])
    )[0]!.id;
    await t.db.query(`UPDATE user_session SET last_seen_at = now() - interval '31 minutes' WHERE id = $1`, [id]);
    expect((await t.request('GET', '/api/auth/me', { cookie })).statusCode).toBe(401);
    const cookie2 = await t.login(t.fx.users.care_assistant.email);
    const id2 = (
      await t.db.query<{ id: string }>('SELECT id FROM user_session WHERE user_id = $1 AND revoked_at IS NULL ORDER BY created_at DESC LIMIT 1', [
        t.fx.users.care_assistant.id,
      ])
    )[0]!.id;
    await t.db.query(`UPDATE user_session SET expires_at = now() - interval '1 second' WHERE id = $1`, [id2]);
    expect((await t.request('GET', '/api/auth/me', { cookie: cookie2 })).statusCode).toBe(401);
  });

  it('audits failed and successful logins without storing the password', async () => {
    const rows = await t.db.query<{ action: string; outcome: string; details: Record<string, unknown> }>(
      `SELECT action, outcome, details FROM audit_log WHERE action = 'auth.login'`,
    );
    expect(rows.some((r) => r.outcome === 'denied')).toBe(true);
    expect(rows.some((r) => r.outcome === 'allowed')).toBe(true);
    expect(JSON.stringify(rows)).not.toContain(PASSWORD);
  });
});
