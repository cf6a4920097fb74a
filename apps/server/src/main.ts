import { loadConfig, ConfigError } from './config.js';
import { openDatabase } from './db/open.js';
import { DataDirLockedError } from './db/lock.js';
import { initApp } from './app.js';
import { DEMO_PASSWORD, ensureDemoData } from './demo/seed.js';
import { seedDemoProposals } from './demo/demo-proposals.js';
import { seedDemoPlanning } from './demo/demo-planning.js';
import { seedDemoRostering } from './demo/demo-rostering.js';
import { seedDemoFollowup } from './demo/demo-followup.js';
import { seedDemoTelemonitoring } from './demo/demo-telemonitoring.js';
import { seedDemoVoice } from './demo/demo-voice.js';
import { seedDemoSurveys } from './demo/demo-surveys.js';
import { completeAllModules } from './voice/literacy-service.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const started = Date.now();
  const opened = await openDatabase(config);
  const { db } = opened;
  const log = (msg: string) => console.log(`[présence] ${msg}`);
  if (db.engine === 'pglite') {
    log(`database: PGlite (embedded PostgreSQL) in ${opened.location}`);
    log('PGlite is meant for evaluation, demos, tests and small single-site use; use PostgreSQL (DATABASE_URL) in production.');
  } else {
    log(`database: PostgreSQL at ${opened.location}`);
  }
  const seeded = config.demoData ? await ensureDemoData(db) : null;
  const app = await initApp(config, db);
  if (seeded?.created) {
    // The demo staff passed their AI-literacy modules, except the EHPAD nurse on telemonitoring (to show the rule).
    const staff = await db.query<{ id: string; email: string }>("SELECT id, email FROM app_user WHERE role NOT IN ('relative', 'user_representative')");
    const slugs = (await db.query<{ slug: string }>('SELECT DISTINCT slug FROM ai_system')).map((r) => r.slug);
    await completeAllModules(
      db,
      staff.filter((u) => !u.email.startsWith('infirmier@')).map((u) => u.id),
      slugs,
    );
    await completeAllModules(
      db,
      staff.filter((u) => u.email.startsWith('infirmier@')).map((u) => u.id),
      slugs.filter((s) => s !== 'telemonitoring-rules'),
    );
    const { proposals } = await seedDemoProposals(app);
    const planning = await seedDemoPlanning(app);
    const rostering = await seedDemoRostering(app);
    const followup = await seedDemoFollowup(app);
    const telemonitoring = await seedDemoTelemonitoring(app);
    const voice = await seedDemoVoice(app);
    const surveys = await seedDemoSurveys(app);
    log(
      `demo data created: ${seeded.people} people, ${seeded.users} accounts, ${proposals} activity suggestions, last week's ${planning.sessions} sessions with ${planning.attendance} attendance records, this week's plan proposed; care-team roster for ${rostering.staff} staff published (${rostering.shifts} shifts), the next one proposed; ${followup.notes} care notes, ${followup.assessments} assessments, ${followup.appointments} appointments and a needs synthesis to validate; ${telemonitoring.enrolled} people in telemonitoring with ${telemonitoring.measurements} measurements and ${telemonitoring.alerts} alerts; ${voice.complaints} complaints and a review-panel session of ${voice.panelItems} items; ${surveys.campaigns} survey campaigns with ${surveys.responses} responses`,
    );
  } else if (seeded) log('demo data already present');
  const stopping: (() => Promise<void>)[] = [];
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log(`${signal} received, closing`);
    for (const stop of stopping) await stop();
    await app.http.close();
    await opened.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  await app.http.listen({ port: config.port, host: config.host });
  // Appointment reminders: sent through the configured gateways, stored (visible in the UI) without them.
  app.services.outbox.start(config.reminderIntervalMs);
  // Telemonitoring clock: missing data and escalation of alerts not acknowledged in time.
  const clock = setInterval(() => {
    app.services.telemonitoring.tick().catch((e: unknown) => log(`telemonitoring clock: ${e instanceof Error ? e.message : String(e)}`));
    // Survey reminders due today go to the same outbox.
    app.services.surveys.remindDue().catch((e: unknown) => log(`survey reminders: ${e instanceof Error ? e.message : String(e)}`));
  }, config.telemonitoring.checkIntervalMs);
  clock.unref();
  // Device measurements over MQTT when a broker is configured; the subscriber reconnects on its own.
  if (config.telemonitoring.mqttUrl) {
    const { MqttIngest } = await import('./telemonitoring/mqtt.js');
    const mqtt = new MqttIngest({
      url: config.telemonitoring.mqttUrl,
      clientId: `presence-${config.port}`,
      onMessage: async (m) => {
        await app.services.telemonitoring.ingestMqtt(m);
      },
      onStatus: (s) => log(`MQTT ${s.connected ? 'connected' : `not connected${s.error ? `: ${s.error}` : ''}`}`),
    });
    mqtt.start();
    stopping.push(() => mqtt.stop());
  }
  const gateways = [config.gateways.smtpUrl && 'e-mail', config.gateways.smsUrl && 'SMS'].filter(Boolean);
  log(`Reminders: ${gateways.length ? `sent by ${gateways.join(' and ')}` : 'no gateway configured, stored for the team to pass on'}`);
  log(`Présence ${config.version} listening on http://localhost:${config.port} (started in ${Date.now() - started} ms)`);
  if (config.demoData) log(`demo accounts: \`npx presence demo-accounts\` or README.md; every demo account's password is ${DEMO_PASSWORD}`);
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof DataDirLockedError) {
    console.error(`[présence] ${err.message}`);
    process.exit(2);
  }
  console.error('[présence] failed to start', err);
  process.exit(1);
});
