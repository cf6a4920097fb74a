import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { loginSchema, passwordChangeSchema } from '@presence/shared';
import { actorOf, SESSION_COOKIE } from '../http/context.js';
import type { AuthService } from './auth-service.js';

export function authRoutes(app: FastifyInstance, auth: AuthService, cookie: { secure: 'auto' | boolean; maxAgeMs: number }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['auth'];
  const setCookie = (req: FastifyRequest, reply: FastifyReply, token: string) =>
    reply.setCookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      path: '/',
      secure: cookie.secure === 'auto' ? req.protocol === 'https' : cookie.secure,
      maxAge: Math.floor(cookie.maxAgeMs / 1000),
    });

  r.post('/api/auth/login', { schema: { tags, summary: 'Sign in with email and password', body: loginSchema } }, async (req, reply) => {
    const { token, me } = await auth.login(req.body.email, req.body.password, req.ip, req.id);
    setCookie(req, reply, token);
    return me;
  });
  r.post('/api/auth/logout', { schema: { tags, summary: 'End this session' } }, async (req, reply) => {
    await auth.logout(actorOf(req), req.id);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send();
  });
  r.get('/api/auth/me', { schema: { tags, summary: 'The signed-in user' } }, (req) => auth.me(actorOf(req)));
  r.post('/api/auth/password', { schema: { tags, summary: 'Change password; every other session ends', body: passwordChangeSchema } }, async (req, reply) => {
    const token = await auth.changePassword(actorOf(req), req.body.currentPassword, req.body.newPassword, req.id);
    setCookie(req, reply, token);
    return reply.code(204).send();
  });
}
