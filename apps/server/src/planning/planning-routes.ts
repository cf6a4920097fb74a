import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/context.js';
import { attendanceRecordSchema, leaderInputSchema, roomInputSchema } from '@presence/shared';
import { weekPlanContent } from './activity-planner-feature.js';
import type { PlanningService } from './planning-service.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');

export function planningRoutes(app: FastifyInstance, planning: PlanningService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: { id: string; actor: unknown }) => ({ actor: actorOf(req as never), requestId: req.id });
  const tags = ['planning'];
  const id = z.object({ id: z.uuid() });

  r.get('/api/planning/setup', { schema: { tags, summary: 'Rooms and activity leaders (skills, days, hours) of the facility' } }, (req) =>
    planning.setup(ctx(req)),
  );
  r.post('/api/planning/rooms', { schema: { tags, summary: 'Add a room', body: roomInputSchema } }, async (req, reply) =>
    reply.code(201).send(await planning.saveRoom(ctx(req), null, req.body)),
  );
  r.put(
    '/api/planning/rooms/:id',
    { schema: { tags, summary: 'Edit a room (active: false takes it out of planning)', params: id, body: roomInputSchema } },
    (req) => planning.saveRoom(ctx(req), req.params.id, req.body),
  );
  r.put(
    '/api/planning/leaders/:id',
    {
      schema: {
        tags,
        summary: "Set a staff member's activity-leading skills, days and hours (creates the profile if needed)",
        params: id,
        body: leaderInputSchema,
      },
    },
    (req) => planning.saveLeader(ctx(req), req.params.id, req.body),
  );
  r.delete('/api/planning/leaders/:id', { schema: { tags, summary: 'Stop planning sessions with this staff member', params: id } }, (req) =>
    planning.removeLeader(ctx(req), req.params.id),
  );
  r.post(
    '/api/planning/runs',
    {
      schema: {
        tags,
        summary: 'Start the weekly planner in a worker thread; 202 with the job to poll. The finished plan becomes a proposal.',
        body: z.object({ week: isoDate, seconds: z.number().min(0.5).max(300).default(10), exact: z.boolean().default(false) }).strict(),
      },
    },
    async (req, reply) => reply.code(202).send(await planning.startRun(ctx(req), req.body)),
  );
  r.get(
    '/api/planning/jobs/:id',
    { schema: { tags, summary: 'A planner job: status, progress (best objective, bound), run and proposal when done', params: id } },
    (req) => planning.job(ctx(req), req.params.id),
  );
  r.delete('/api/planning/jobs/:id', { schema: { tags, summary: 'Stop a planner job; its best plan so far still becomes a proposal', params: id } }, (req) =>
    planning.cancel(ctx(req), req.params.id),
  );
  r.get('/api/planning/runs', { schema: { tags, summary: 'The latest planner run of a week', querystring: z.object({ week: isoDate }) } }, (req) =>
    planning.latestRun(ctx(req), req.query.week),
  );
  r.get(
    '/api/planning/runs/:id',
    { schema: { tags, summary: 'A planner run: instance, result, and its proposal (status and current sessions)', params: id } },
    (req) => planning.getRun(ctx(req), req.params.id),
  );
  r.post(
    '/api/planning/runs/:id/evaluate',
    {
      schema: {
        tags,
        summary: 'Re-evaluate an edited plan against the run’s instance: objective and every violated constraint',
        params: id,
        body: weekPlanContent.pick({ sessions: true }),
      },
    },
    (req) => planning.evaluate(ctx(req), req.params.id, req.body.sessions),
  );
  r.get(
    '/api/planning/sessions',
    { schema: { tags, summary: 'Published sessions of a week, with invitations and attendance', querystring: z.object({ week: isoDate }) } },
    (req) => planning.sessions(ctx(req), req.query.week),
  );
  r.put(
    '/api/planning/sessions/:id/attendance',
    {
      schema: {
        tags,
        summary: 'Record attendance, engagement (0–3), mood before/after (1–5) and a short note per person',
        params: id,
        body: z
          .object({
            records: z.array(attendanceRecordSchema).min(1).max(200),
          })
          .strict(),
      },
    },
    (req) => planning.recordAttendance(ctx(req), req.params.id, req.body.records),
  );
  r.get(
    '/api/planning/time-with-people',
    { schema: { tags, summary: 'Minutes of sessions led per staff member and attended per person', querystring: z.object({ from: isoDate, to: isoDate }) } },
    (req) => planning.timeWithPeople(ctx(req), req.query.from, req.query.to),
  );
  r.get(
    '/api/people/:id/sessions',
    { schema: { tags, summary: "A person's invitations of a week, with attendance", params: id, querystring: z.object({ week: isoDate }) } },
    (req) => planning.sessions(ctx(req), req.query.week, req.params.id),
  );
}
