import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  SURVEY_AUDIENCES,
  adminTimingInputSchema,
  contactTimeInputSchema,
  periodSchema,
  surveyCampaignInputSchema,
  surveyResponseInputSchema,
  surveyThemeAssignSchema,
  surveyThemeInputSchema,
  surveyThemeRenameSchema,
} from '@presence/shared';
import { actorOf } from '../http/context.js';
import { AppError } from '../http/errors.js';
import { appendAudit } from '../audit/audit-service.js';
import type { SurveyService } from './survey-service.js';
import type { TimeService } from './time-service.js';
import { buildUsageReport, usageReportCsv, type UsageReportDeps } from './usage-report.js';
import { usageReportPdf } from './usage-report-pdf.js';

/** Perception surveys, time given back and the usage report. */
export function surveyRoutes(app: FastifyInstance, services: { surveys: SurveyService; time: TimeService; report: UsageReportDeps }): void {
  const { surveys, time } = services;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: { id: string; actor: unknown }) => ({ actor: actorOf(req as never), requestId: req.id });
  const id = z.object({ id: z.uuid() });
  const tags = ['surveys'];

  r.get('/api/surveys/templates', { schema: { tags, summary: 'The questionnaire templates shipped (French, FALC for residents)' } }, () => surveys.templates());
  r.get('/api/surveys', { schema: { tags, summary: 'Survey campaigns: the facility’s, or the open ones a relative may answer' } }, (req) =>
    surveys.list(ctx(req)),
  );
  r.post(
    '/api/surveys',
    { schema: { tags, summary: 'Start a campaign of a template for its audience', body: surveyCampaignInputSchema } },
    async (req, reply) => reply.code(201).send(await surveys.create(ctx(req), req.body)),
  );
  r.get(
    '/api/surveys/trends',
    {
      schema: {
        tags,
        summary: 'Results over time for one audience, with the AI feature versions in use',
        querystring: z.object({ audience: z.enum(SURVEY_AUDIENCES) }).strict(),
      },
    },
    (req) => surveys.trends(ctx(req), req.query.audience),
  );
  r.get('/api/surveys/:id', { schema: { tags, summary: 'One campaign with its questionnaire', params: id } }, (req) => surveys.get(ctx(req), req.params.id));
  r.post('/api/surveys/:id/close', { schema: { tags, summary: 'Close a campaign before its end date', params: id } }, (req) =>
    surveys.close(ctx(req), req.params.id),
  );
  r.post(
    '/api/surveys/:id/responses',
    { schema: { tags, summary: 'Answer (tablet, web) or type in a paper questionnaire', params: id, body: surveyResponseInputSchema } },
    async (req, reply) => reply.code(201).send(await surveys.respond(ctx(req), req.params.id, req.body)),
  );
  r.get('/api/surveys/:id/results', { schema: { tags, summary: 'Counts, distributions, favourable shares and open answers by theme', params: id } }, (req) =>
    surveys.results(ctx(req), req.params.id),
  );
  r.get(
    '/api/surveys/:id/export.csv',
    { schema: { tags, summary: 'The answers as CSV, one row per response, without names', params: id } },
    async (req, reply) =>
      reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="questionnaire-${req.params.id.slice(0, 8)}.csv"`)
        .send(`\ufeff${await surveys.csv(ctx(req), req.params.id)}`),
  );
  r.post(
    '/api/surveys/:id/themes',
    { schema: { tags, summary: 'Add a theme to an open question', params: id, body: surveyThemeInputSchema } },
    async (req, reply) => reply.code(201).send(await surveys.addTheme(ctx(req), req.params.id, req.body.questionId, req.body.label)),
  );
  r.put('/api/surveys/themes/:id', { schema: { tags, summary: 'Rename a theme', params: id, body: surveyThemeRenameSchema } }, (req) =>
    surveys.renameTheme(ctx(req), req.params.id, req.body.label),
  );
  r.put(
    '/api/surveys/answers/:responseId/:questionId/theme',
    {
      schema: {
        tags,
        summary: 'Move an open answer to another theme',
        params: z.object({ responseId: z.uuid(), questionId: z.string().regex(/^[a-z0-9_-]{1,40}$/) }),
        body: surveyThemeAssignSchema,
      },
    },
    (req) => surveys.moveAnswer(ctx(req), req.params.responseId, req.params.questionId, req.body.themeId),
  );

  // ---- time given back ----
  const ttags = ['time given back'];
  r.get('/api/time/contacts', { schema: { tags: ttags, summary: 'My time with people entered in the last 60 days' } }, (req) => time.myContacts(ctx(req)));
  r.post(
    '/api/time/contacts',
    { schema: { tags: ttags, summary: 'Record time with people (individual moment, family meeting…)', body: contactTimeInputSchema } },
    async (req, reply) => reply.code(201).send(await time.addContact(ctx(req), req.body)),
  );
  r.post(
    '/api/time/admin',
    { schema: { tags: ttags, summary: 'A piece of administrative work timed by the app', body: adminTimingInputSchema } },
    async (req, reply) => reply.code(201).send(await time.addTiming(ctx(req), req.body)),
  );
  r.get(
    '/api/time/summary',
    { schema: { tags: ttags, summary: 'Human contact, admin time and estimated saving per week and team', querystring: periodSchema } },
    (req) => time.summary(ctx(req), req.query.from, req.query.to),
  );

  // ---- usage report ----
  const rtags = ['usage report'];
  const report = async (req: { id: string; actor: unknown; query: { from: string; to: string } }, format: string) => {
    const c = ctx(req);
    if (!c.actor.facilityId) throw new AppError('forbidden', 'This needs a staff account of a facility');
    const built = await buildUsageReport(services.report, c.actor.facilityId, req.query.from, req.query.to);
    await appendAudit(services.report.db, c, {
      action: 'report.usage',
      outcome: 'allowed',
      targetType: 'facility',
      targetId: c.actor.facilityId,
      facilityId: c.actor.facilityId,
      details: { from: req.query.from, to: req.query.to, format },
    });
    return built;
  };
  r.get('/api/reports/usage', { schema: { tags: rtags, summary: 'The usage report’s figures (bilan d’utilisation)', querystring: periodSchema } }, (req) =>
    report(req, 'json'),
  );
  r.get('/api/reports/usage.pdf', { schema: { tags: rtags, summary: 'The usage report as PDF', querystring: periodSchema } }, async (req, reply) => {
    const pdf = await usageReportPdf(await report(req, 'pdf'));
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="bilan-utilisation-${req.query.from}-${req.query.to}.pdf"`)
      .send(pdf);
  });
  r.get('/api/reports/usage.csv', { schema: { tags: rtags, summary: 'The usage report’s figures as CSV', querystring: periodSchema } }, async (req, reply) =>
    reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="bilan-utilisation-${req.query.from}-${req.query.to}.csv"`)
      .send(`\ufeff${usageReportCsv(await report(req, 'csv'))}`),
  );
}
