import { isoDateSchema, rosterAssignmentsSchema, rosterContractSchema, rosterRequestSchema, rosterRunSchema, rosterSetupSchema } from '@presence/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/context.js';
import type { RosteringService } from './rostering-service.js';

export function rosteringRoutes(app: FastifyInstance, rosters: RosteringService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: { id: string; actor: unknown }) => ({ actor: actorOf(req as never), requestId: req.id });
  const tags = ['rosters'];
  const id = z.object({ id: z.uuid() });
  const range = z.object({ from: isoDateSchema, to: isoDateSchema });

  r.get('/api/rosters/setup', { schema: { tags, summary: 'Shift patterns, cover, working-time rules and the staff with their contracts' } }, (req) =>
    rosters.setup(ctx(req)),
  );
  r.put('/api/rosters/setup', { schema: { tags, summary: 'Set the shift patterns, cover and rules of the facility', body: rosterSetupSchema } }, (req) =>
    rosters.saveSetup(ctx(req), req.body),
  );
  r.put(
    '/api/rosters/contracts/:id',
    {
      schema: {
        tags,
        summary: "Set a staff member's contract: weekly hours, qualifications, night staff, rostered or not",
        params: id,
        body: rosterContractSchema,
      },
    },
    (req) => rosters.saveContract(ctx(req), req.params.id, req.body),
  );
  r.get('/api/rosters/requests', { schema: { tags, summary: 'Every staff request of a period', querystring: range } }, (req) =>
    rosters.requests(ctx(req), req.query.from, req.query.to),
  );
  r.put(
    '/api/rosters/requests/:id/decision',
    {
      schema: {
        tags,
        summary: 'Approve or refuse a leave request (approved leave is a hard day off)',
        params: id,
        body: z.object({ approve: z.boolean() }).strict(),
      },
    },
    (req) => rosters.decideLeave(ctx(req), req.params.id, req.body.approve),
  );
  r.get('/api/rosters/shifts', { schema: { tags, summary: "The facility's shift patterns" } }, (req) => rosters.shiftPatterns(ctx(req)));
  r.get('/api/rosters/my-requests', { schema: { tags, summary: 'My requests (a shift wanted, a day off, leave)' } }, (req) => rosters.myRequests(ctx(req)));
  r.post('/api/rosters/my-requests', { schema: { tags, summary: 'Make a request', body: rosterRequestSchema } }, async (req, reply) =>
    reply.code(201).send(await rosters.addRequest(ctx(req), req.body)),
  );
  r.delete('/api/rosters/my-requests/:id', { schema: { tags, summary: 'Withdraw one of my requests', params: id } }, (req) =>
    rosters.withdrawRequest(ctx(req), req.params.id),
  );
  r.post(
    '/api/rosters/runs',
    {
      schema: {
        tags,
        summary: 'Start the roster solver in a worker thread; 202 with the job to poll. The roster found becomes a proposal.',
        body: rosterRunSchema,
      },
    },
    async (req, reply) => reply.code(202).send(await rosters.startRun(ctx(req), req.body)),
  );
  r.get(
    '/api/rosters/jobs/:id',
    { schema: { tags, summary: 'A roster job: status, best objective over time, run and proposal when done', params: id } },
    (req) => rosters.job(ctx(req), req.params.id),
  );
  r.delete('/api/rosters/jobs/:id', { schema: { tags, summary: 'Stop a roster job; its best roster so far still becomes a proposal', params: id } }, (req) =>
    rosters.cancel(ctx(req), req.params.id),
  );
  r.get(
    '/api/rosters/runs',
    { schema: { tags, summary: 'The latest roster run starting on a Monday', querystring: z.object({ start: isoDateSchema }) } },
    (req) => rosters.latestRun(ctx(req), req.query.start),
  );
  r.get(
    '/api/rosters/runs/:id',
    { schema: { tags, summary: 'A roster run: setting, proposal (status, current roster) and its evaluation', params: id } },
    (req) => rosters.getRun(ctx(req), req.params.id),
  );
  r.post(
    '/api/rosters/runs/:id/evaluate',
    {
      schema: {
        tags,
        summary: 'Re-evaluate an edited roster: objective, broken rules (and whether they block publication), shortfalls, unmet requests, fairness',
        params: id,
        body: z.object({ assignments: rosterAssignmentsSchema }).strict(),
      },
    },
    (req) => rosters.evaluate(ctx(req), req.params.id, req.body.assignments),
  );
  r.get('/api/rosters/me', { schema: { tags, summary: 'My published shifts', querystring: range } }, (req) =>
    rosters.mine(ctx(req), req.query.from, req.query.to),
  );
  r.get('/api/rosters/me.ics', { schema: { tags, summary: 'My published shifts as an iCalendar file' } }, async (req, reply) =>
    reply
      .header('content-type', 'text/calendar; charset=utf-8')
      .header('content-disposition', 'attachment; filename="mon-planning.ics"')
      .send(await rosters.ical(ctx(req))),
  );
}
