import type { LightMyRequestResponse } from 'fastify';
import { ROLES, type Role } from '@presence/shared';
import { initApp, type App } from '../src/app.js';
import { registerTestFeature } from './test-feature.js';
import { testConfig, type Config } from '../src/config.js';
import { hashPassword } from '../src/auth/passwords.js';
import type { Engine } from '../src/db/db.js';
import { openTestDb } from './test-db.js';
import { completeAllModules } from '../src/voice/literacy-service.js';

export const PASSWORD = 'correct horse battery staple';

/** A small fixture: two facilities, one user per role in facility A, people in both, a relative linked to one person of A. */
export interface Fixture {
  facilityA: string;
  facilityB: string;
  users: Record<Role, { id: string; email: string }>;
  /** A staff member of facility B, to test facility scoping. */
  directorB: { id: string; email: string };
  personA1: string; // linked to the relative
  personA2: string;
  personB1: string;
}

export interface TestApp extends App {
  fx: Fixture;
  close(): Promise<void>;
  /** Signs in and returns the cookie header value. */
  login(email: string, password?: string): Promise<string>;
  as(role: Role): Promise<string>;
  request(method: string, url: string, opts?: { cookie?: string; body?: unknown }): Promise<LightMyRequestResponse>;
}

export async function buildTestApp(engine: Engine, config: Partial<Config> = {}): Promise<TestApp> {
  const t = await openTestDb(engine);
  const db = t.db;
  const hash = await hashPassword(PASSWORD);
  const [fa] = await db.query<{ id: string }>(`INSERT INTO facility (name, kind, finess) VALUES ('EHPAD A', 'ehpad', '750000001') RETURNING id`);
  const [fb] = await db.query<{ id: string }>(`INSERT INTO facility (name, kind, finess) VALUES ('Accueil de jour B', 'day_care', '750000002') RETURNING id`);
  const users = {} as Fixture['users'];
  for (const role of ROLES) {
    const email = `${role.replace(/_/g, '-')}@a.test`;
    const [u] = await db.query<{ id: string }>(
      `INSERT INTO app_user (facility_id, email, password_hash, first_name, last_name, role) VALUES ($1, $2, $3, 'Test', $4, $5) RETURNING id`,
      [role === 'relative' ? null : fa!.id, email, hash, role, role],
    );
    users[role] = { id: u!.id, email };
  }
  const [db2] = await db.query<{ id: string }>(
    `INSERT INTO app_user (facility_id, email, password_hash, first_name, last_name, role) VALUES ($1, 'director@b.test', $2, 'Dir', 'B', 'director') RETURNING id`,
    [fb!.id, hash],
  );
  const person = async (facility: string, first: string, last: string) => {
    const [p] = await db.query<{ id: string }>(
      `INSERT INTO person (facility_id, first_name, last_name, birth_date, sex, admission_date) VALUES ($1, $2, $3, '1938-04-12', 'F', '2021-09-01') RETURNING id`,
      [facility, first, last],
    );
    await db.query('INSERT INTO person_profile (person_id) VALUES ($1)', [p!.id]);
    return p!.id;
  };
  const personA1 = await person(fa!.id, 'Germaine', 'Martin');
  const personA2 = await person(fa!.id, 'Henri', 'Dubois');
  const personB1 = await person(fb!.id, 'Paulette', 'Bernard');
  await db.query(`INSERT INTO contact (person_id, first_name, last_name, relationship, user_id) VALUES ($1, 'Test', 'relative', 'child', $2)`, [
    personA1,
    users.relative.id,
  ]);

  const app = await initApp(testConfig(config), db, { features: registerTestFeature });
  // Every fixture account has passed every AI-literacy module; the literacy test takes one back.
  const slugs = (await db.query<{ slug: string }>('SELECT DISTINCT slug FROM ai_system')).map((r) => r.slug);
  await completeAllModules(db, [...Object.values(users).map((u) => u.id), db2!.id], slugs);
  const fx: Fixture = { facilityA: fa!.id, facilityB: fb!.id, users, directorB: { id: db2!.id, email: 'director@b.test' }, personA1, personA2, personB1 };
  const cookies = new Map<string, string>();
  const request: TestApp['request'] = (method, url, opts = {}) =>
    app.http.inject({
      method: method as 'GET',
      url,
      headers: { ...(opts.cookie ? { cookie: opts.cookie } : {}), ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(opts.body !== undefined ? { payload: JSON.stringify(opts.body) } : {}),
    });
  const login = async (email: string, password = PASSWORD) => {
    const res = await request('POST', '/api/auth/login', { body: { email, password } });
    if (res.statusCode !== 200) throw new Error(`login ${email} failed: ${res.statusCode} ${res.body}`);
    const c = res.cookies.find((x) => x.name === 'presence_session');
    return `presence_session=${c!.value}`;
  };
  return {
    ...app,
    fx,
    login,
    async as(role) {
      const cached = cookies.get(role);
      if (cached) return cached;
      const c = await login(users[role].email);
      cookies.set(role, c);
      return c;
    },
    request,
    async close() {
      await app.http.close();
      await t.close();
    },
  };
}
