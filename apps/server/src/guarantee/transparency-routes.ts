import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { reviewRequestInputSchema } from '@presence/shared';
import { actorOf } from '../http/context.js';
import type { TransparencyService } from './transparency-service.js';
import { noticeHtml, noticePdf } from './notice-render.js';

const today = () => new Date().toISOString().slice(0, 10);
const yearAgo = () => new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);

export function transparencyRoutes(app: FastifyInstance, t: TransparencyService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: { id: string; actor: unknown }) => ({ actor: actorOf(req as never), requestId: req.id });
  const tags = ['guarantee'];

  r.get(
    '/api/people/:id/transparency',
    {
      schema: {
        tags,
        summary: 'Transparency notice (plain French or FALC) as JSON, printable HTML or PDF; default period: the last 12 months',
        params: z.object({ id: z.uuid() }),
        querystring: z
          .object({
            variant: z.enum(['plain', 'falc']).default('plain'),
            format: z.enum(['json', 'html', 'pdf']).default('json'),
            from: z.iso.date().optional(),
            to: z.iso.date().optional(),
          })
          .strict(),
      },
    },
    async (req, reply) => {
      const notice = await t.notice(ctx(req), req.params.id, req.query.variant, req.query.from ?? yearAgo(), req.query.to ?? today());
      if (req.query.format === 'html') return reply.type('text/html; charset=utf-8').send(noticeHtml(notice));
      if (req.query.format === 'pdf') {
        const pdf = await noticePdf(notice);
        return reply.type('application/pdf').header('content-disposition', `inline; filename="notice-ia-${req.query.variant}.pdf"`).send(pdf);
      }
      return notice;
    },
  );
  r.post(
    '/api/people/:id/review-requests',
    {
      schema: {
        tags,
        summary: 'Ask for a human review (a task for the coordination nurse)',
        params: z.object({ id: z.uuid() }),
        body: reviewRequestInputSchema,
      },
    },
    async (req, reply) => reply.code(201).send(await t.requestReview(ctx(req), req.params.id, req.body)),
  );
  r.get('/api/review-requests', { schema: { tags, summary: 'Open requests for a human review in your facility' } }, (req) => t.openReviewRequests(ctx(req)));
  r.post(
    '/api/review-requests/:id/close',
    { schema: { tags, summary: 'Mark a review request as handled', params: z.object({ id: z.uuid() }) } },
    async (req, reply) => {
      await t.closeReviewRequest(ctx(req), req.params.id);
      return reply.code(204).send();
    },
  );
}
