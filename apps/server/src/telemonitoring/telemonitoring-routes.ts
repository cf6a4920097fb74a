import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  alertActionSchema,
  alertCloseSchema,
  alertSnoozeSchema,
  deviceInputSchema,
  enrolmentInputSchema,
  manualMeasurementSchema,
  tmPolicySchema,
  measurementBatchSchema,
  tmSettingsInputSchema,
} from '@presence/shared';
import { actorOf } from '../http/context.js';
import { AppError } from '../http/errors.js';
import { operationOutcome, parseBundle, parseObservation, responseBundle, type FhirIssue, type IncomingMeasurement } from '../telemonitoring-core/fhir.js';
import type { TelemonitoringService, Device } from './telemonitoring-service.js';

const FHIR_JSON = 'application/fhir+json';

export function telemonitoringRoutes(app: FastifyInstance, tm: TelemonitoringService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: { id: string; actor: unknown }) => ({ actor: actorOf(req as never), requestId: req.id });
  const tags = ['telemonitoring'];
  const person = z.object({ id: z.uuid() });
  const alert = z.object({ id: z.uuid() });
  app.addContentTypeParser(FHIR_JSON, { parseAs: 'string' }, app.getDefaultJsonParser('error', 'error'));

  // ---- staff ----
  r.post(
    '/api/telemonitoring/enrolments',
    { schema: { tags, summary: 'Enrol a person in a programme, with the consent given', body: enrolmentInputSchema } },
    async (req, reply) => reply.code(201).send(await tm.enrol(ctx(req), req.body)),
  );
  r.put(
    '/api/people/:id/telemonitoring/enrolments/:enrolmentId/settings',
    {
      schema: {
        tags,
        summary: "The physician's references and rule overrides (a new version, with the reason)",
        params: z.object({ id: z.uuid(), enrolmentId: z.uuid() }),
        body: tmSettingsInputSchema,
      },
    },
    (req) => tm.setSettings(ctx(req), req.params.id, req.params.enrolmentId, req.body),
  );
  r.post(
    '/api/telemonitoring/devices',
    { schema: { tags, summary: 'Register a device for a person; its token is shown once', body: deviceInputSchema } },
    async (req, reply) => reply.code(201).send(await tm.addDevice(ctx(req), req.body)),
  );
  r.get(
    '/api/people/:id/telemonitoring',
    { schema: { tags, summary: "A person's enrolments, settings history, measurements of 90 days and alerts (audited)", params: person } },
    (req) => tm.personView(ctx(req), req.params.id),
  );
  r.post(
    '/api/people/:id/telemonitoring/measurements',
    { schema: { tags, summary: 'Enter a measurement by hand (e.g. taken during a visit)', params: person, body: manualMeasurementSchema } },
    async (req, reply) => reply.code(201).send(await tm.manual(ctx(req), req.params.id, req.body)),
  );
  r.get(
    '/api/telemonitoring/alerts',
    {
      schema: {
        tags,
        summary: 'The triage queue: most severe first, then oldest',
        querystring: z.object({ status: z.enum(['active', 'open', 'acknowledged', 'closed']).default('active') }).strict(),
      },
    },
    (req) => tm.queue(ctx(req), req.query.status),
  );
  r.post('/api/telemonitoring/alerts/:id/acknowledge', { schema: { tags, summary: 'Acknowledge an alert', params: alert } }, async (req, reply) => {
    await tm.acknowledge(ctx(req), req.params.id);
    return reply.code(204).send();
  });
  r.post(
    '/api/telemonitoring/alerts/:id/actions',
    { schema: { tags, summary: 'Record what was done (a call, a visit…)', params: alert, body: alertActionSchema } },
    async (req, reply) => {
      await tm.addAction(ctx(req), req.params.id, req.body.kind, req.body.note, req.body.minutes);
      return reply.code(204).send();
    },
  );
  r.post(
    '/api/telemonitoring/alerts/:id/close',
    { schema: { tags, summary: 'Close with an outcome: the decision on the alert’s proposal', params: alert, body: alertCloseSchema } },
    async (req, reply) => {
      await tm.close(ctx(req), req.params.id, req.body);
      return reply.code(204).send();
    },
  );
  r.post(
    '/api/telemonitoring/alerts/:id/snooze',
    { schema: { tags, summary: 'Pause the alert’s rule for its person for some hours, with the reason', params: alert, body: alertSnoozeSchema } },
    (req) => tm.snooze(ctx(req), req.params.id, req.body),
  );
  r.get('/api/telemonitoring/panel', { schema: { tags, summary: 'Every monitored person with their status: alerts waiting, last measurement' } }, (req) =>
    tm.panel(ctx(req)),
  );
  r.get('/api/telemonitoring/policy', { schema: { tags, summary: 'Minutes before an unacknowledged alert escalates, per severity' } }, (req) =>
    tm.policy(ctx(req)),
  );
  r.put(
    '/api/telemonitoring/policy',
    { schema: { tags, summary: 'Set the escalation delays (a more severe alert escalates sooner)', body: tmPolicySchema } },
    (req) => tm.setPolicy(ctx(req), req.body),
  );
  r.get(
    '/api/telemonitoring/rejections',
    { schema: { tags, summary: 'Rejected measurements: counts by reason and the latest, each with its reason' } },
    (req) => tm.rejections(ctx(req)),
  );
  r.get('/api/telemonitoring/events', { schema: { tags, summary: 'Server-sent events: alerts raised, acknowledged, acted on, closed' } }, (req, reply) => {
    const facilityId = actorOf(req).facilityId;
    reply.raw.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    reply.raw.write(': connected\n\n');
    const off = tm.onEvent((e) => {
      if (e.facilityId === facilityId) reply.raw.write(`event: ${e.type}\ndata: ${JSON.stringify({ alertId: e.alertId })}\n\n`);
    });
    const ping = setInterval(() => reply.raw.write(': ping\n\n'), 25_000);
    ping.unref();
    req.raw.on('close', () => {
      clearInterval(ping);
      off();
    });
    return reply;
  });

  // ---- devices (token, not session) ----
  const device = async (authorization: string | undefined, source: string, reply: FastifyReply, fhir: boolean): Promise<Device | null> => {
    try {
      return await tm.deviceFromToken(authorization, source);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      const issues: FhirIssue[] = [{ severity: 'error', code: 'invalid', diagnostics: e.message, expression: [] }];
      await (fhir ? reply.code(401).type(FHIR_JSON).send(operationOutcome(issues)) : reply.code(401).send({ error: { code: e.code, message: e.message } }));
      return null;
    }
  };
  /** A FHIR subject must be the device's own person: Patient/<its id>. */
  const ownSubject = (d: Device, m: IncomingMeasurement) => m.subject === `Patient/${d.personId}`;

  r.post(
    '/api/telemonitoring/measurements',
    { schema: { tags, summary: 'A device sends a batch of measurements (Authorization: Bearer <device token>)', body: measurementBatchSchema } },
    async (req, reply) => {
      const d = await device(req.headers.authorization, 'json', reply, false);
      if (!d) return reply;
      return tm.ingest(
        { facilityId: d.facilityId, personId: d.personId, deviceId: d.id, recordedBy: null },
        req.body.measurements.map((m, index) => ({ ...m, index })),
        'json',
      );
    },
  );
  app.post('/fhir/R4/Observation', { schema: { tags: ['fhir'], summary: 'FHIR R4 create Observation (device token)' } }, async (req, reply) => {
    const d = await device(req.headers.authorization, 'fhir', reply, true);
    if (!d) return reply;
    const parsed = parseObservation(req.body);
    if (!parsed.ok) return reply.code(400).type(FHIR_JSON).send(operationOutcome(parsed.issues));
    const foreign = parsed.measurements.find((m) => !ownSubject(d, m));
    if (foreign)
      return reply
        .code(422)
        .type(FHIR_JSON)
        .send(
          operationOutcome([
            {
              severity: 'error',
              code: 'invalid',
              diagnostics: `subject ${foreign.subject} is not the person this device belongs to`,
              expression: ['Observation.subject'],
            },
          ]),
        );
    const report = await tm.ingest(
      { facilityId: d.facilityId, personId: d.personId, deviceId: d.id, recordedBy: null },
      parsed.measurements.map((m) => ({ ...m, index: 0 })),
      'fhir',
    );
    if (report.rejected.length)
      return reply
        .code(422)
        .type(FHIR_JSON)
        .send(operationOutcome(report.rejected.map((x) => ({ severity: 'error', code: 'value', diagnostics: x.reason, expression: ['Observation'] }))));
    return reply
      .code(report.accepted ? 201 : 200)
      .type(FHIR_JSON)
      .send(req.body);
  });
  app.post('/fhir/R4', { schema: { tags: ['fhir'], summary: 'FHIR R4 transaction or batch Bundle of Observations (device token)' } }, async (req, reply) => {
    const d = await device(req.headers.authorization, 'fhir', reply, true);
    if (!d) return reply;
    const parsed = parseBundle(req.body);
    if (!parsed.ok) return reply.code(400).type(FHIR_JSON).send(operationOutcome(parsed.issues));
    const bad = parsed.entries.filter((e) => !e.ok || e.measurements.some((m) => !ownSubject(d, m)));
    // A transaction is all or nothing; a batch stores the good entries and reports the others.
    if (parsed.type === 'transaction' && bad.length) {
      const issues = bad.flatMap((e) =>
        e.ok
          ? [
              {
                severity: 'error' as const,
                code: 'invalid' as const,
                diagnostics: 'subject is not the person this device belongs to',
                expression: [`Bundle.entry[${e.index}].resource.subject`],
              },
            ]
          : e.issues,
      );
      return reply.code(400).type(FHIR_JSON).send(operationOutcome(issues));
    }
    const results: Parameters<typeof responseBundle>[1] = [];
    for (const e of parsed.entries) {
      if (!e.ok) {
        results.push({ status: '400 Bad Request', issues: e.issues });
        continue;
      }
      if (e.measurements.some((m) => !ownSubject(d, m))) {
        results.push({
          status: '400 Bad Request',
          issues: [
            {
              severity: 'error',
              code: 'invalid',
              diagnostics: 'subject is not the person this device belongs to',
              expression: [`Bundle.entry[${e.index}].resource.subject`],
            },
          ],
        });
        continue;
      }
      const report = await tm.ingest(
        { facilityId: d.facilityId, personId: d.personId, deviceId: d.id, recordedBy: null },
        e.measurements.map((m) => ({ ...m, index: e.index })),
        'fhir',
      );
      results.push(
        report.rejected.length
          ? {
              status: '400 Bad Request',
              issues: report.rejected.map((x) => ({
                severity: 'error',
                code: 'value',
                diagnostics: x.reason,
                expression: [`Bundle.entry[${e.index}].resource`],
              })),
            }
          : { status: report.accepted ? '201 Created' : '200 OK' },
      );
    }
    return reply.code(200).type(FHIR_JSON).send(responseBundle(parsed.type, results));
  });
}
