import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  COMPLAINT_STATUSES,
  complaintInputSchema,
  complaintQualifySchema,
  complaintTransitionSchema,
  panelActionInputSchema,
  panelActionUpdateSchema,
  panelFindingSchema,
  panelMemberInputSchema,
  panelSampleInputSchema,
  panelSessionInputSchema,
} from '@presence/shared';
import type { Db } from '../db/db.js';
import { actorOf } from '../http/context.js';
import type { ComplaintsService } from './complaints-service.js';
import type { PanelService } from './panel-service.js';
import { minutesPdf } from './minutes.js';
import type { EquityService } from './equity.js';
import type { LiteracyService } from './literacy-service.js';

export function voiceRoutes(
  app: FastifyInstance,
  db: Db,
  services: { complaints: ComplaintsService; panel: PanelService; equity: EquityService; literacy: LiteracyService },
): void {
  const { complaints, panel, equity, literacy } = services;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: { id: string; actor: unknown }) => ({ actor: actorOf(req as never), requestId: req.id });
  const id = z.object({ id: z.uuid() });
  const period = z.object({ from: z.iso.date(), to: z.iso.date() }).strict();

  // ---- complaints ----
  const tags = ['complaints'];
  r.get(
    '/api/complaints',
    {
      schema: {
        tags,
        summary: 'The facility’s complaints, newest first',
        querystring: z.object({ ai: z.enum(['true', 'false']).optional(), status: z.enum(COMPLAINT_STATUSES).optional() }).strict(),
      },
    },
    (req) => complaints.list(ctx(req), { aiInvolved: req.query.ai === undefined ? undefined : req.query.ai === 'true', status: req.query.status }),
  );
  r.post('/api/complaints', { schema: { tags, summary: 'Record a complaint (plainte ou réclamation)', body: complaintInputSchema } }, async (req, reply) =>
    reply.code(201).send(await complaints.create(ctx(req), req.body)),
  );
  r.get('/api/complaints/stats', { schema: { tags, summary: 'Figures for the CVS over a period, AI-related complaints apart', querystring: period } }, (req) =>
    complaints.stats(ctx(req), req.query.from, req.query.to),
  );
  r.get('/api/complaints/:id', { schema: { tags, summary: 'One complaint with its links and history', params: id } }, (req) =>
    complaints.get(ctx(req), req.params.id),
  );
  r.put(
    '/api/complaints/:id/qualification',
    { schema: { tags, summary: 'Category, AI involved, proposals and features concerned', params: id, body: complaintQualifySchema } },
    (req) => complaints.qualify(ctx(req), req.params.id, req.body),
  );
  r.post(
    '/api/complaints/:id/transitions',
    { schema: { tags, summary: 'Acknowledge, investigate, answer (with the answer) or close', params: id, body: complaintTransitionSchema } },
    (req) => complaints.transition(ctx(req), req.params.id, req.body),
  );

  // ---- AI literacy ----
  const ltags = ['AI literacy'];
  const slug = z.object({ slug: z.string().regex(/^[a-z0-9-]+$/) });
  r.get('/api/literacy', { schema: { tags: ltags, summary: 'My AI-literacy modules, one per feature, with what I completed' } }, (req) =>
    literacy.list(ctx(req)),
  );
  r.get('/api/literacy/completions', { schema: { tags: ltags, summary: 'Who completed which module, and whether the facility requires it' } }, (req) =>
    literacy.completions(ctx(req)),
  );
  r.put(
    '/api/literacy/setting',
    {
      schema: {
        tags: ltags,
        summary: 'Require (or not) a feature’s module before deciding on its proposals',
        body: z.object({ required: z.boolean() }).strict(),
      },
    },
    (req) => literacy.setRequired(ctx(req), req.body.required),
  );
  r.get(
    '/api/literacy/:slug',
    { schema: { tags: ltags, summary: 'A module: what the feature does, its limits, automation bias, overriding, reporting; the questions', params: slug } },
    (req) => literacy.module(ctx(req), req.params.slug),
  );
  r.post(
    '/api/literacy/:slug/answers',
    {
      schema: {
        tags: ltags,
        summary: 'Answer the module’s questions; all right records the completion',
        params: slug,
        body: z.object({ answers: z.array(z.number().int().min(0)).max(20) }).strict(),
      },
    },
    (req) => literacy.submit(ctx(req), req.params.slug, req.body.answers),
  );

  // ---- equity ----
  r.get(
    '/api/equity',
    {
      schema: {
        tags: ['review panel'],
        summary: 'Outcome rates of each AI feature by sex, age band, GIR, cognition and language, with 95 % intervals; small groups masked',
        querystring: z.object({ from: z.iso.date(), to: z.iso.date(), threshold: z.coerce.number().min(0.01).max(0.5).default(0.1) }).strict(),
      },
    },
    (req) => equity.figures(ctx(req), req.query.from, req.query.to, req.query.threshold),
  );

  // ---- review panel ----
  const ptags = ['review panel'];
  r.get('/api/panel/members', { schema: { tags: ptags, summary: 'Members of the collège de garantie humaine' } }, (req) => panel.members(ctx(req)));
  r.post('/api/panel/members', { schema: { tags: ptags, summary: 'Add a member', body: panelMemberInputSchema } }, async (req, reply) =>
    reply.code(201).send(await panel.addMember(ctx(req), req.body)),
  );
  r.get('/api/panel/sessions', { schema: { tags: ptags, summary: 'Sessions, newest first' } }, (req) => panel.sessions(ctx(req)));
  r.post('/api/panel/sessions', { schema: { tags: ptags, summary: 'Plan a session', body: panelSessionInputSchema } }, async (req, reply) =>
    reply.code(201).send(await panel.createSession(ctx(req), req.body)),
  );
  r.get(
    '/api/panel/sessions/:id',
    { schema: { tags: ptags, summary: 'A session: members, samples with their items (pseudonymised unless the role sees names), actions', params: id } },
    (req) => panel.session(ctx(req), req.params.id),
  );
  r.put('/api/panel/sessions/:id', { schema: { tags: ptags, summary: 'Edit a session', params: id, body: panelSessionInputSchema } }, (req) =>
    panel.updateSession(ctx(req), req.params.id, req.body),
  );
  r.post('/api/panel/sessions/:id/close', { schema: { tags: ptags, summary: 'Close a session (every item needs its finding)', params: id } }, (req) =>
    panel.closeSession(ctx(req), req.params.id),
  );
  r.post(
    '/api/panel/sessions/:id/samples',
    {
      schema: {
        tags: ptags,
        summary: 'Draw a sample of one feature’s proposals over a period (random per decision + flagged)',
        params: id,
        body: panelSampleInputSchema,
      },
    },
    async (req, reply) => reply.code(201).send(await panel.drawSample(ctx(req), req.params.id, req.body)),
  );
  r.get('/api/panel/samples/:id/verify', { schema: { tags: ptags, summary: 'Draw a sample again from its seed: the same proposals?', params: id } }, (req) =>
    panel.verifySample(ctx(req), req.params.id),
  );
  r.put('/api/panel/items/:id/finding', { schema: { tags: ptags, summary: 'The panel’s finding on one item', params: id, body: panelFindingSchema } }, (req) =>
    panel.setFinding(ctx(req), req.params.id, req.body),
  );
  r.post(
    '/api/panel/sessions/:id/actions',
    { schema: { tags: ptags, summary: 'A corrective action with owner and due date', params: id, body: panelActionInputSchema } },
    async (req, reply) => reply.code(201).send(await panel.addAction(ctx(req), req.params.id, req.body)),
  );
  r.put('/api/panel/actions/:id', { schema: { tags: ptags, summary: 'Update an action’s status', params: id, body: panelActionUpdateSchema } }, (req) =>
    panel.updateAction(ctx(req), req.params.id, req.body),
  );
  r.get('/api/panel/actions', { schema: { tags: ptags, summary: 'Corrective actions not done yet, across sessions' } }, (req) => panel.openActions(ctx(req)));
  r.get(
    '/api/panel/sessions/:id/minutes.pdf',
    { schema: { tags: ptags, summary: 'The session’s minutes as PDF (pseudonymised)', params: id } },
    async (req, reply) => {
      const c = ctx(req);
      const session = await panel.session(c, req.params.id, { pseudonymise: true });
      const [f] = await db.query<{ name: string }>('SELECT name FROM facility WHERE id = $1', [c.actor.facilityId]);
      const pdf = await minutesPdf(session, f?.name ?? '');
      return reply.type('application/pdf').header('content-disposition', `inline; filename="college-${session.heldOn}.pdf"`).send(pdf);
    },
  );
}
