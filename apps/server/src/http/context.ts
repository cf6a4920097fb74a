import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/db.js';
import type { AuthService } from '../auth/auth-service.js';
import { appendAudit } from '../audit/audit-service.js';
import { accessFor, isAllowed } from '@presence/shared';
import type { Actor } from './actor.js';
import { AppError } from './errors.js';

export const SESSION_COOKIE = 'presence_session';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

/** Every request: resolve the session, then apply the access-policy table before anything else runs. */
export function installRequestContext(app: FastifyInstance, deps: { db: Db; auth: AuthService }): void {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (req: FastifyRequest, _reply: FastifyReply) => {
    const url = req.routeOptions.url;
    if (url === undefined) return; // no route matched: the not-found handler answers
    const access = accessFor(req.method, url);
    if (access === undefined) {
      req.log.error({ method: req.method, url }, 'route has no access-policy entry');
      throw new AppError('forbidden', 'This route has no access policy');
    }
    if (access === 'public') return;
    req.actor = await deps.auth.resolve(req.cookies[SESSION_COOKIE]);
    if (!req.actor) {
      await appendAudit(
        deps.db,
        { actor: null, requestId: req.id },
        { action: 'route.access', outcome: 'denied', targetType: 'route', targetId: `${req.method} ${url}`, details: { reason: 'unauthenticated' } },
      );
      throw new AppError('unauthenticated', 'Sign in first');
    }
    if (!isAllowed(access, req.actor.role)) {
      await appendAudit(
        deps.db,
        { actor: req.actor, requestId: req.id },
        {
          action: 'route.access',
          outcome: 'denied',
          targetType: 'route',
          targetId: `${req.method} ${url}`,
          facilityId: req.actor.facilityId,
          details: { reason: 'role' },
        },
      );
      throw new AppError('forbidden', 'Your role does not allow this action');
    }
  });
}

/** The actor of a route that the policy table guarantees is authenticated. */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError('unauthenticated', 'Sign in first');
  return req.actor;
}
