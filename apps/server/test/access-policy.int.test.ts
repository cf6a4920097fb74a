import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { ROLES, type Role } from '@presence/shared';
import { ACCESS_POLICY, accessFor, isAllowed } from '@presence/shared';
import { buildTestApp, type TestApp } from './test-app.js';

describe('access policy', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp('pglite');
  });
  afterAll(() => t.close());

  it('has an entry for every registered route', () => {
    const missing = t.routes.filter((r) => accessFor(r.method, r.url) === undefined).map((r) => `${r.method} ${r.url}`);
    expect(missing).toEqual([]);
    expect(t.routes.length).toBeGreaterThan(15);
  });

  it('has no entry that matches no route (stale policy)', () => {
    const registered = new Set(t.routes.map((r) => `${r.method} ${r.url}`));
    const stale = Object.keys(ACCESS_POLICY).filter((k) => !k.endsWith('*') && !registered.has(k));
    expect(stale).toEqual([]);
  });

  const STREAMING = new Set(['/api/telemonitoring/events']);

  it('answers every route × role as the table says: forbidden cells 403, allowed cells never 401/403', async () => {
    const apiRoutes = t.routes.filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs') && r.method !== 'HEAD');
    const fill = (url: string) => url.replace(':id', t.fx.personA1).replace(':contactId', randomUUID());
    const cookies = new Map<Role, string>();
    const wrong: string[] = [];
    for (const role of ROLES) {
      for (const route of apiRoutes) {
        const access = accessFor(route.method, route.url)!;
        if (access === 'public') continue;
        let cookie = cookies.get(role);
        if (!cookie) {
          cookie = await t.login(t.fx.users[role].email);
          cookies.set(role, cookie);
        }
        // A server-sent-events route never ends: read its status from the headers, then close the stream.
        const res = STREAMING.has(route.url)
          ? await t.http.inject({ method: 'GET', url: route.url, headers: { cookie }, payloadAsStream: true }).then((r) => {
              r.stream().destroy();
              return r;
            })
          : await t.request(route.method, fill(route.url), { cookie, ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { body: {} }) });
        const allowed = isAllowed(access, role);
        if (allowed && (res.statusCode === 403 || res.statusCode === 401))
          wrong.push(`${role} ${route.method} ${route.url}: allowed by the table but got ${res.statusCode}`);
        if (!allowed && res.statusCode !== 403) wrong.push(`${role} ${route.method} ${route.url}: forbidden by the table but got ${res.statusCode}`);
        if (route.url === '/api/auth/logout' && allowed) cookies.delete(role);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('answers 401 to a protected route without a session, and audits the denial', async () => {
    const res = await t.request('GET', '/api/people');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('unauthenticated');
    const [row] = await t.db.query<{ outcome: string; action: string }>(
      `SELECT outcome, action FROM audit_log WHERE action = 'route.access' AND actor_id IS NULL ORDER BY seq DESC LIMIT 1`,
    );
    expect(row).toEqual({ outcome: 'denied', action: 'route.access' });
  });

  it('audits a role denial with who and which route', async () => {
    const cookie = await t.as('care_assistant');
    const res = await t.request('GET', `/api/people/${t.fx.personA1}/access-log`, { cookie });
    expect(res.statusCode).toBe(403);
    const [row] = await t.db.query<{ actor_id: string; target_id: string }>(
      `SELECT actor_id, target_id FROM audit_log WHERE action = 'route.access' AND outcome = 'denied' ORDER BY seq DESC LIMIT 1`,
    );
    expect(row).toEqual({ actor_id: t.fx.users.care_assistant.id, target_id: 'GET /api/people/:id/access-log' });
  });
});
