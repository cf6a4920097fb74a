import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { assessmentComputeSchema, assessmentInputSchema, assessmentQuerySchema, dueCloseSchema } from '@presence/shared';
import { actorOf } from '../http/context.js';
import type { AssessmentsService } from './assessments-service.js';

export function assessmentsRoutes(app: FastifyInstance, assessments: AssessmentsService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: { id: string; actor: unknown }) => ({ actor: actorOf(req as never), requestId: req.id });
  const tags = ['assessments'];
  const person = z.object({ id: z.uuid() });

  r.get('/api/assessments/scales', { schema: { tags, summary: 'The scales, their versions, options and form items' } }, () => assessments.scales());
  r.post(
    '/api/assessments/compute',
    {
      schema: {
        tags,
        summary: 'Compute a score without recording it (the form’s live result); unknown keys → 400 naming the key',
        body: assessmentComputeSchema,
      },
    },
    (req) => assessments.compute(req.body.scale, req.body.input, req.body.options),
  );
  r.get(
    '/api/people/:id/assessments',
    {
      schema: {
        tags,
        summary: "A person's assessments, newest first, and the assessments due (audited read)",
        params: person,
        querystring: assessmentQuerySchema,
      },
    },
    (req) => assessments.list(ctx(req), req.params.id, req.query.scale),
  );
  r.post(
    '/api/people/:id/assessments',
    {
      schema: {
        tags,
        summary: 'Record an assessment: the score is computed by the scale’s fixed rules; closes the due item it answers',
        params: person,
        body: assessmentInputSchema,
      },
    },
    async (req, reply) => reply.code(201).send(await assessments.record(ctx(req), req.params.id, req.body)),
  );
  r.post(
    '/api/people/:id/assessment-dues/:dueId/done',
    {
      schema: {
        tags,
        summary: 'Close a due item no scale answers, saying what was done',
        params: z.object({ id: z.uuid(), dueId: z.uuid() }),
        body: dueCloseSchema,
      },
    },
    (req) => assessments.closeDue(ctx(req), req.params.id, req.params.dueId, req.body.note),
  );
}
