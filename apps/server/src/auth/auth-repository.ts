import type { Queryable } from '../db/db.js';
import type { Role } from '@presence/shared';

export interface UserRow {
  id: string;
  email: string;
  password_hash: string;
  first_name: string;
  last_name: string;
  role: Role;
  facility_id: string | null;
  facility_name: string | null;
  active: boolean;
}

const USER_SELECT = `SELECT u.id, u.email, u.password_hash, u.first_name, u.last_name, u.role, u.facility_id, f.name AS facility_name, u.active
  FROM app_user u LEFT JOIN facility f ON f.id = u.facility_id`;

export async function findUserByEmail(q: Queryable, email: string): Promise<UserRow | undefined> {
  const [row] = await q.query<UserRow>(`${USER_SELECT} WHERE lower(u.email) = lower($1)`, [email]);
  return row;
}

export async function findUserById(q: Queryable, id: string): Promise<UserRow | undefined> {
  const [row] = await q.query<UserRow>(`${USER_SELECT} WHERE u.id = $1`, [id]);
  return row;
}

export async function linkedPersonIds(q: Queryable, userId: string): Promise<string[]> {
  const rows = await q.query<{ person_id: string }>('SELECT DISTINCT person_id FROM contact WHERE user_id = $1 ORDER BY person_id', [userId]);
  return rows.map((r) => r.person_id);
}

export interface SessionRow {
  id: string;
  user_id: string;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
}

export async function insertSession(q: Queryable, s: { id: string; userId: string; expiresAt: Date }): Promise<void> {
  await q.query('INSERT INTO user_session (id, user_id, expires_at) VALUES ($1, $2, $3)', [s.id, s.userId, s.expiresAt]);
}

export async function findSession(q: Queryable, id: string): Promise<SessionRow | undefined> {
  const [row] = await q.query<SessionRow>('SELECT * FROM user_session WHERE id = $1', [id]);
  return row;
}

export async function touchSession(q: Queryable, id: string): Promise<void> {
  await q.query('UPDATE user_session SET last_seen_at = now() WHERE id = $1', [id]);
}

export async function revokeSession(q: Queryable, id: string): Promise<void> {
  await q.query('UPDATE user_session SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL', [id]);
}

export async function revokeAllSessions(q: Queryable, userId: string): Promise<void> {
  await q.query('UPDATE user_session SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL', [userId]);
}

export async function updatePassword(q: Queryable, userId: string, passwordHash: string): Promise<void> {
  await q.query('UPDATE app_user SET password_hash = $2, password_changed_at = now() WHERE id = $1', [userId, passwordHash]);
}
