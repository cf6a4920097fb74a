import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { aiSystemPatchSchema, decisionInputSchema, objectionInputSchema, proposalQuerySchema } from '@presence/shared';
import { actorOf } from '../http/context.js';
import { AppError } from '../http/errors.js';
import type { GuaranteeService } from './guarantee-service.js';
import { toProvenance } from './provenance.js';

const idParams = z.object({ id: z.uuid() });
const objectionParams = z.object({ id: z.uuid(), systemId: z.string().regex(/^[a-z0-9-]{2,60}$/, 'An AI feature slug, e.g. activity-recommender') });
const figuresQuery = z
  .object({ systemId: z.uuid().optional(), from: z.iso.date().optional(), to: z.iso.date().optional() })
  .strict()
  .refine((q) => !q.from || !q.to || q.from < q.to, { path: ['to'], message: 'to must be after from' });

export function guaranteeRoutes(app: FastifyInstance, g: GuaranteeService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: { id: string; actor: unknown }) => ({ actor: actorOf(req as never), requestId: req.id });
  const tags = ['guarantee'];

  r.get('/api/ai/systems', { schema: { tags, summary: "The facility's register of AI systems, with evaluation figures (90 days)" } }, (req) =>
    g.listSystems(ctx(req)),
  );
  r.patch(
    '/api/ai/systems/:id',
    { schema: { tags, summary: 'Switch a feature on or off, set its decision mode, deciders, owner (director)', params: idParams, body: aiSystemPatchSchema } },
    (req) => g.updateSystem(ctx(req), req.params.id, req.body),
  );
  r.get('/api/ai/systems/:id/history', { schema: { tags, summary: 'Every change of a register entry', params: idParams } }, (req) =>
    g.systemHistory(ctx(req), req.params.id),
  );
  r.get(
    '/api/ai/figures',
    { schema: { tags, summary: 'Proposals, decisions and objections per feature over a period (default: last 90 days)', querystring: figuresQuery } },
    (req) => {
      const to = req.query.to ? new Date(`${req.query.to}T00:00:00Z`) : new Date();
      const from = req.query.from ? new Date(`${req.query.from}T00:00:00Z`) : new Date(to.getTime() - 90 * 86_400_000);
      return g.figures(ctx(req), { systemId: req.query.systemId, from, to });
    },
  );

  r.get('/api/proposals', { schema: { tags, summary: 'Proposals inbox (filter by status, person, feature)', querystring: proposalQuerySchema } }, (req) =>
    g.inbox(ctx(req), req.query),
  );
  r.get('/api/proposals/:id', { schema: { tags, summary: 'A proposal with its explanation and inputs', params: idParams } }, (req) =>
    g.getProposal(ctx(req), req.params.id),
  );
  r.post(
    '/api/proposals/:id/decision',
    { schema: { tags, summary: 'Accept, amend or reject (reason required for amend and reject)', params: idParams, body: decisionInputSchema } },
    (req) => g.decide(ctx(req), req.params.id, req.body),
  );
  r.get(
    '/api/proposals/:id/provenance',
    { schema: { tags, summary: 'FHIR R4 Provenance of an applied proposal (AI author, human verifier, AIAST)', params: idParams } },
    async (req) => {
      const p = await g.getProposal(ctx(req), req.params.id);
      if (!p.effect || !p.decision) throw new AppError('not_found', 'This proposal has no applied effect yet');
      return toProvenance(p, { baseUrl: `${req.protocol}://${req.host}` });
    },
  );

  r.get('/api/people/:id/objections', { schema: { tags, summary: "The person's active objections", params: idParams } }, (req) =>
    g.objections(ctx(req), req.params.id),
  );
  r.put(
    '/api/people/:id/objections/:systemId',
    { schema: { tags, summary: 'Object to a feature for this person (immediate effect)', params: objectionParams, body: objectionInputSchema } },
    (req) => g.object(ctx(req), req.params.id, req.params.systemId, req.body),
  );
  r.delete('/api/people/:id/objections/:systemId', { schema: { tags, summary: 'Lift an objection', params: objectionParams } }, (req) =>
    g.liftObjection(ctx(req), req.params.id, req.params.systemId),
  );
}
