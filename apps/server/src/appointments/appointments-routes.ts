import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { appointmentInputSchema, appointmentQuerySchema, appointmentStatusSchema, routineInputSchema, slotRequestSchema } from '@presence/shared';
import { actorOf } from '../http/context.js';
import type { AppointmentsService } from './appointments-service.js';

export function appointmentsRoutes(app: FastifyInstance, appointments: AppointmentsService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: { id: string; actor: unknown }) => ({ actor: actorOf(req as never), requestId: req.id });
  const tags = ['appointments'];
  const person = z.object({ id: z.uuid() });
  const one = z.object({ id: z.uuid(), appointmentId: z.uuid() });
  const ics = (name: string) => ({ 'content-type': 'text/calendar; charset=utf-8', 'content-disposition': `attachment; filename="${name}.ics"` });

  r.get(
    '/api/appointments',
    {
      schema: {
        tags,
        summary: "The facility's appointments over a period (the team's agenda)",
        querystring: z.object({ from: z.iso.date(), to: z.iso.date() }).strict(),
      },
    },
    (req) => appointments.agenda(ctx(req), req.query.from, req.query.to),
  );
  r.get(
    '/api/appointments/reminders',
    {
      schema: {
        tags,
        summary: 'The reminders outbox: sent, waiting, stored for lack of a gateway, failed',
        querystring: z.object({ status: z.enum(['pending', 'sent', 'stored', 'failed', 'cancelled']).optional() }).strict(),
      },
    },
    (req) => appointments.reminders(ctx(req), req.query.status),
  );
  r.get('/api/appointments/staff', { schema: { tags, summary: 'Staff members who may accompany a person' } }, (req) => appointments.staff(ctx(req)));
  r.get('/api/appointments/me.ics', { schema: { tags, summary: 'The appointments I accompany, as an iCalendar file' } }, async (req, reply) =>
    reply.headers(ics('accompagnements')).send(await appointments.staffCalendar(ctx(req))),
  );
  r.get(
    '/api/people/:id/appointments',
    {
      schema: {
        tags,
        summary: "A person's appointments with their conflicts and reminders (audited read)",
        params: person,
        querystring: appointmentQuerySchema,
      },
    },
    (req) => appointments.listForPerson(ctx(req), req.params.id, req.query.from, req.query.to),
  );
  r.get(
    '/api/people/:id/appointments.ics',
    { schema: { tags, summary: "A person's appointments as an iCalendar file (audited read)", params: person } },
    async (req, reply) => reply.headers(ics('rendez-vous')).send(await appointments.personCalendar(ctx(req), req.params.id)),
  );
  r.post(
    '/api/people/:id/appointments/check',
    { schema: { tags, summary: 'Conflicts of a draft appointment (nothing written)', params: person, body: appointmentInputSchema } },
    (req) => appointments.check(ctx(req), req.params.id, req.body),
  );
  r.post(
    '/api/people/:id/appointments',
    {
      schema: {
        tags,
        summary: 'Book an appointment; blocking conflicts → 409 unless a reason is given; reminders are written',
        params: person,
        body: appointmentInputSchema,
      },
    },
    async (req, reply) => reply.code(201).send(await appointments.create(ctx(req), req.params.id, req.body)),
  );
  r.put(
    '/api/people/:id/appointments/:appointmentId',
    { schema: { tags, summary: 'Change an appointment (reminders are rewritten)', params: one, body: appointmentInputSchema } },
    (req) => appointments.update(ctx(req), req.params.id, req.params.appointmentId, req.body),
  );
  r.post(
    '/api/people/:id/appointments/:appointmentId/status',
    { schema: { tags, summary: 'Mark done or cancel (reminders not sent are cancelled)', params: one, body: appointmentStatusSchema } },
    (req) => appointments.setStatus(ctx(req), req.params.id, req.params.appointmentId, req.body.status, req.body.reason),
  );
  r.post(
    '/api/people/:id/appointment-slots',
    {
      schema: {
        tags,
        summary: 'Suggest slots for an appointment: a proposal of the slot assistant, decided by a professional',
        params: person,
        body: slotRequestSchema,
      },
    },
    (req) => appointments.suggest(ctx(req), req.params.id, req.body),
  );
  r.get('/api/people/:id/routines', { schema: { tags, summary: "The person's usual routines (sieste, toilette…)", params: person } }, (req) =>
    appointments.routines(ctx(req), req.params.id),
  );
  r.post('/api/people/:id/routines', { schema: { tags, summary: 'Add a routine', params: person, body: routineInputSchema } }, async (req, reply) =>
    reply.code(201).send(await appointments.addRoutine(ctx(req), req.params.id, req.body)),
  );
  r.delete(
    '/api/people/:id/routines/:routineId',
    { schema: { tags, summary: 'Remove a routine', params: z.object({ id: z.uuid(), routineId: z.uuid() }) } },
    (req) => appointments.removeRoutine(ctx(req), req.params.id, req.params.routineId),
  );
}
