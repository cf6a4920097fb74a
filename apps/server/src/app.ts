import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import type { Db } from './db/db.js';
import { installErrorHandler, installNotFound } from './http/errors.js';
import { installRequestContext } from './http/context.js';
import { AuthService } from './auth/auth-service.js';
import { LoginLimiter } from './auth/login-limiter.js';
import { authRoutes } from './auth/auth-routes.js';
import { PeopleService } from './people/people-service.js';
import { peopleRoutes } from './people/people-routes.js';
import { facilitiesRoutes } from './facilities/facilities-routes.js';
import { statsRoutes } from './facilities/stats-routes.js';
import { auditRoutes } from './audit/audit-routes.js';
import { GuaranteeService } from './guarantee/guarantee-service.js';
import { guaranteeRoutes } from './guarantee/guarantee-routes.js';
import { TransparencyService } from './guarantee/transparency-service.js';
import { transparencyRoutes } from './guarantee/transparency-routes.js';
import { ActivitiesService } from './activities/activities-service.js';
import { activitiesRoutes } from './activities/activities-routes.js';
import { registerActivityRecommender } from './activities/activity-recommender-feature.js';
import { registerNoteAnalyzer } from './care-notes/note-analyzer-feature.js';
import { CareNotesService } from './care-notes/care-notes-service.js';
import { careNotesRoutes } from './care-notes/care-notes-routes.js';
import { AssessmentsService } from './assessments/assessments-service.js';
import { assessmentsRoutes } from './assessments/assessments-routes.js';
import { registerAppointmentSlots } from './appointments/appointment-slots-feature.js';
import { AppointmentsService } from './appointments/appointments-service.js';
import { appointmentsRoutes } from './appointments/appointments-routes.js';
import { ReminderOutbox } from './appointments/reminders.js';
import { channelsFrom } from './gateways/config.js';
import { registerTelemonitoring } from './telemonitoring/telemonitoring-feature.js';
import { TelemonitoringService } from './telemonitoring/telemonitoring-service.js';
import { telemonitoringRoutes } from './telemonitoring/telemonitoring-routes.js';
import { ComplaintsService } from './voice/complaints-service.js';
import { PanelService } from './voice/panel-service.js';
import { voiceRoutes } from './voice/voice-routes.js';
import { EquityService } from './voice/equity.js';
import { LiteracyService } from './voice/literacy-service.js';
import { SurveyService } from './voice/survey-service.js';
import { TimeService } from './voice/time-service.js';
import { surveyRoutes } from './voice/survey-routes.js';
import { MissedEventsService, missedEventRoutes } from './telemonitoring/missed-events.js';
import type { UsageReportDeps } from './voice/usage-report.js';
import { registerNeedsSynthesis } from './synthesis/needs-synthesis-feature.js';
import { SynthesisService } from './synthesis/synthesis-service.js';
import { synthesisRoutes } from './synthesis/synthesis-routes.js';
import { registerActivityPlanner } from './planning/activity-planner-feature.js';
import { PlanJobs } from './planning/plan-jobs.js';
import { PlanningService } from './planning/planning-service.js';
import { planningRoutes } from './planning/planning-routes.js';
import { registerRosterSolver } from './rostering/roster-feature.js';
import { RosterJobs } from './rostering/roster-jobs.js';
import { RosteringService } from './rostering/rostering-service.js';
import { rosteringRoutes } from './rostering/rostering-routes.js';

export const WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));

export interface App {
  http: FastifyInstance;
  db: Db;
  services: {
    auth: AuthService;
    people: PeopleService;
    guarantee: GuaranteeService;
    activities: ActivitiesService;
    planning: PlanningService;
    rostering: RosteringService;
    careNotes: CareNotesService;
    assessments: AssessmentsService;
    syntheses: SynthesisService;
    appointments: AppointmentsService;
    outbox: ReminderOutbox;
    telemonitoring: TelemonitoringService;
    complaints: ComplaintsService;
    panel: PanelService;
    literacy: LiteracyService;
    surveys: SurveyService;
    time: TimeService;
    equity: EquityService;
    report: UsageReportDeps;
  };
  /** Every "METHOD /url" registered, for the access-policy test. */
  routes: { method: string; url: string }[];
}

/** Composition root: builds the HTTP app on an opened, migrated database. Closing the app does not close the database. */
export interface InitOptions {
  /** Registers extra AI features before the register is synced (tests drive the guarantee loop with one). */
  features?: (guarantee: GuaranteeService) => void;
}

export async function initApp(config: Config, db: Db, opts: InitOptions = {}): Promise<App> {
  const http = Fastify({
    logger:
      config.logLevel === 'silent'
        ? false
        : { level: config.logLevel, redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'] },
    trustProxy: config.trustProxy,
    genReqId: () => crypto.randomUUID(),
    bodyLimit: 1_048_576,
  });
  const routes: App['routes'] = [];
  http.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) routes.push({ method, url: r.url });
  });
  http.setValidatorCompiler(validatorCompiler);
  http.setSerializerCompiler(serializerCompiler);
  installErrorHandler(http);

  await http.register(helmet, {
    contentSecurityPolicy: {
      directives: { defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", 'data:'] },
    },
  });
  await http.register(cookie);
  await http.register(swagger, {
    openapi: {
      info: {
        title: 'Présence API',
        version: config.version,
        description: 'Care coordination for French medico-social services. Cookie session: POST /api/auth/login first.',
      },
    },
    transform: jsonSchemaTransform,
  });
  await http.register(swaggerUi, { routePrefix: '/api/docs' });

  const limiter = new LoginLimiter(config.loginLimit);
  const auth = new AuthService(db, { idleMs: config.session.idleMs, absoluteMs: config.session.absoluteMs }, limiter);
  const people = new PeopleService(db);
  const guarantee = new GuaranteeService(db, people);
  people.useLabels((q, type, ids) => guarantee.labelsFor(q, type, ids));
  // Every AI feature of Présence, registered here and nowhere else.
  registerActivityRecommender(guarantee);
  registerActivityPlanner(guarantee);
  registerRosterSolver(guarantee);
  registerNoteAnalyzer(guarantee);
  registerNeedsSynthesis(guarantee);
  registerAppointmentSlots(guarantee);
  registerTelemonitoring(guarantee);
  opts.features?.(guarantee);
  await guarantee.syncRegister();
  const activities = new ActivitiesService(db, people, guarantee);
  await activities.ensureCatalogue();
  const planJobs = new PlanJobs();
  http.addHook('onClose', () => planJobs.closeAll());
  const planning = new PlanningService(db, people, guarantee, planJobs);
  const rosterJobs = new RosterJobs();
  http.addHook('onClose', () => rosterJobs.closeAll());
  const rostering = new RosteringService(db, guarantee, rosterJobs);
  const careNotes = new CareNotesService(db, people, guarantee);
  const assessments = new AssessmentsService(db, people);
  const syntheses = new SynthesisService(db, people, guarantee, config.llm);
  const appointments = new AppointmentsService(db, people, guarantee);
  const outbox = new ReminderOutbox(db, channelsFrom(config.gateways));
  const telemonitoring = new TelemonitoringService(db, people, guarantee);
  const complaints = new ComplaintsService(db);
  const panel = new PanelService(db);
  const literacy = new LiteracyService(db);
  const surveys = new SurveyService(db);
  const time = new TimeService(db);
  const equity = new EquityService(db);
  guarantee.useDecisionCheck((ctx, systemId) => literacy.assertMayDecide(ctx, systemId));
  http.addHook('onClose', () => outbox.stop());
  installRequestContext(http, { db, auth });

  http.get('/api/health', { schema: { tags: ['health'], summary: 'Liveness and database engine' } }, async () => {
    await db.query('SELECT 1');
    return { status: 'ok', db: db.engine, version: config.version };
  });
  authRoutes(http, auth, { secure: config.session.cookieSecure, maxAgeMs: config.session.absoluteMs });
  facilitiesRoutes(http, db);
  peopleRoutes(http, people);
  auditRoutes(http, db, people);
  statsRoutes(http, db);
  guaranteeRoutes(http, guarantee);
  transparencyRoutes(http, new TransparencyService(db, people));
  activitiesRoutes(http, activities);
  planningRoutes(http, planning);
  rosteringRoutes(http, rostering);
  careNotesRoutes(http, careNotes);
  assessmentsRoutes(http, assessments);
  synthesisRoutes(http, syntheses);
  appointmentsRoutes(http, appointments);
  telemonitoringRoutes(http, telemonitoring);
  missedEventRoutes(http, new MissedEventsService(db));
  voiceRoutes(http, db, { complaints, panel, equity, literacy });
  const report: UsageReportDeps = { db, guarantee, complaints, equity, surveys, time };
  surveyRoutes(http, { surveys, time, report });

  if (existsSync(WEB_DIST)) {
    // The built web app; client-side routes (any other GET outside /api) answer its page.
    await http.register(fastifyStatic, { root: WEB_DIST, wildcard: true, index: ['index.html'] });
  }
  installNotFound(http, { webApp: existsSync(WEB_DIST) });

  await http.ready();
  return {
    http,
    db,
    services: {
      auth,
      people,
      guarantee,
      activities,
      planning,
      rostering,
      careNotes,
      assessments,
      syntheses,
      appointments,
      outbox,
      telemonitoring,
      complaints,
      panel,
      literacy,
      surveys,
      time,
      equity,
      report,
    },
    routes,
  };
}
