import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/context.js';
import type { SynthesisService } from './synthesis-service.js';

export const synthesisInputSchema = z
  .object({
    from: z.iso.date(),
    to: z.iso.date(),
    /** Ask the configured model for a rewritten text too (400 when none is configured). */
    rewrite: z.boolean().default(false),
  })
  .strict();

export function synthesisRoutes(app: FastifyInstance, syntheses: SynthesisService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: { id: string; actor: unknown }) => ({ actor: actorOf(req as never), requestId: req.id });
  const tags = ['needs synthesis'];
  const person = z.object({ id: z.uuid() });

  r.get('/api/syntheses/options', { schema: { tags, summary: 'Whether a rewriting model is configured, and which' } }, () => ({
    rewrite: syntheses.rewriteAvailable,
  }));
  r.get('/api/people/:id/syntheses', { schema: { tags, summary: "A person's syntheses, newest first (audited read)", params: person } }, (req) =>
    syntheses.list(ctx(req), req.params.id),
  );
  r.post(
    '/api/people/:id/syntheses',
    {
      schema: {
        tags,
        summary: 'Build a needs synthesis for a period: extractive, every sentence linked to its records; proposed for validation',
        params: person,
        body: synthesisInputSchema,
      },
    },
    async (req, reply) => reply.code(201).send(await syntheses.create(ctx(req), req.params.id, req.body)),
  );
  r.get(
    '/api/people/:id/syntheses/:synthesisId',
    {
      schema: {
        tags,
        summary: 'One synthesis with its sections, links and optional rewrite (audited read)',
        params: z.object({ id: z.uuid(), synthesisId: z.uuid() }),
      },
    },
    (req) => syntheses.get(ctx(req), req.params.id, req.params.synthesisId),
  );
}
