import { createHash, randomBytes } from 'node:crypto';
import type { Me } from '@presence/shared';
import type { Db } from '../db/db.js';
import type { Actor } from '../http/actor.js';
import { AppError } from '../http/errors.js';
import { appendAudit } from '../audit/audit-service.js';
import * as repo from './auth-repository.js';
import { burnVerification, hashPassword, verifyPassword } from './passwords.js';
import type { LoginLimiter } from './login-limiter.js';

export interface SessionPolicy {
  idleMs: number;
  absoluteMs: number;
}

const sessionIdOf = (token: string) => createHash('sha256').update(token).digest('hex');

export class AuthService {
  constructor(
    private readonly db: Db,
    private readonly policy: SessionPolicy,
    private readonly limiter: LoginLimiter,
  ) {}

  /** Checks credentials; returns a new session token. Failures are generic and audited. */
  async login(email: string, password: string, ip: string, requestId: string): Promise<{ token: string; me: Me }> {
    const wait = this.limiter.retryAfter(ip, email);
    if (wait > 0) {
      await appendAudit(this.db, { actor: null, requestId }, { action: 'auth.login', outcome: 'denied', details: { email, reason: 'rate_limited' } });
      throw new AppError('too_many_attempts', 'Too many login attempts; try again later', undefined, { 'retry-after': String(wait) });
    }
    const user = await repo.findUserByEmail(this.db, email);
    const ok = user && user.active ? await verifyPassword(user.password_hash, password) : (await burnVerification(password), false);
    if (!user || !ok) {
      this.limiter.recordFailure(ip, email);
      await appendAudit(
        this.db,
        { actor: user ? { userId: user.id, role: user.role } : null, requestId },
        { action: 'auth.login', outcome: 'denied', details: { email } },
      );
      throw new AppError('invalid_credentials', 'Unknown email or wrong password');
    }
    this.limiter.recordSuccess(email);
    const token = randomBytes(32).toString('base64url');
    await this.db.transaction(async (tx) => {
      await repo.insertSession(tx, { id: sessionIdOf(token), userId: user.id, expiresAt: new Date(Date.now() + this.policy.absoluteMs) });
      await appendAudit(
        tx,
        { actor: { userId: user.id, role: user.role }, requestId },
        { action: 'auth.login', outcome: 'allowed', facilityId: user.facility_id },
      );
    });
    return { token, me: await this.me(user) };
  }

  /** The actor behind a session token, or null when absent, revoked, idle too long or past its absolute limit. */
  async resolve(token: string | undefined): Promise<Actor | null> {
    if (!token || token.length > 100) return null;
    const id = sessionIdOf(token);
    const s = await repo.findSession(this.db, id);
    const now = Date.now();
    if (!s || s.revoked_at || s.expires_at.getTime() <= now || s.last_seen_at.getTime() + this.policy.idleMs <= now) return null;
    const user = await repo.findUserById(this.db, s.user_id);
    if (!user || !user.active) return null;
    // Sliding idle window; written at most once a minute to keep reads cheap.
    if (now - s.last_seen_at.getTime() > 60_000) await repo.touchSession(this.db, id);
    const personIds = user.role === 'relative' ? await repo.linkedPersonIds(this.db, user.id) : [];
    return {
      userId: user.id,
      role: user.role,
      displayName: `${user.first_name} ${user.last_name}`,
      email: user.email,
      facilityId: user.facility_id,
      personIds,
      sessionId: id,
    };
  }

  async logout(actor: Actor, requestId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await repo.revokeSession(tx, actor.sessionId);
      await appendAudit(tx, { actor, requestId }, { action: 'auth.logout', outcome: 'allowed' });
    });
  }

  /** Changes the password, ends every session of the user and returns a fresh one for this client. */
  async changePassword(actor: Actor, current: string, next: string, requestId: string): Promise<string> {
    const user = await repo.findUserById(this.db, actor.userId);
    if (!user || !(await verifyPassword(user.password_hash, current))) {
      await appendAudit(this.db, { actor, requestId }, { action: 'auth.password_change', outcome: 'denied' });
      throw new AppError('validation_failed', 'Current password is wrong', [
        { field: 'currentPassword', reason: 'wrong_password', message: 'Current password is wrong' },
      ]);
    }
    const newHash = await hashPassword(next);
    const token = randomBytes(32).toString('base64url');
    await this.db.transaction(async (tx) => {
      await repo.updatePassword(tx, user.id, newHash);
      await repo.revokeAllSessions(tx, user.id);
      await repo.insertSession(tx, { id: sessionIdOf(token), userId: user.id, expiresAt: new Date(Date.now() + this.policy.absoluteMs) });
      await appendAudit(tx, { actor, requestId }, { action: 'auth.password_change', outcome: 'allowed' });
    });
    return token;
  }

  async me(user: repo.UserRow | Actor): Promise<Me> {
    const row = 'userId' in user ? await repo.findUserById(this.db, user.userId) : user;
    if (!row) throw new AppError('unauthenticated', 'Session user no longer exists');
    const personIds = row.role === 'relative' ? await repo.linkedPersonIds(this.db, row.id) : [];
    return {
      id: row.id,
      email: row.email,
      displayName: `${row.first_name} ${row.last_name}`,
      role: row.role,
      facilityId: row.facility_id,
      facilityName: row.facility_name,
      personIds,
    };
  }
}
