// Telemonitoring ingestion (issue #7): sustained measurements/s with the rules evaluated on arrival, on PGlite and on
// PostgreSQL, through REST JSON batches and through MQTT; alert latency from receipt to stored alert; lost and
// duplicated measurements. Prints one JSON line on stdout (progress on stderr).
//
// Data: the product's simulator (apps/server/dist/telemonitoring-core/simulate.js, the model of
// `presence telemonitoring simulate`), PATIENTS people per transport × DAYS days ending yesterday, programmes
// round-robin, planted episodes (decompensations, crises…) so that the rules really fire; heart-failure and diabetes
// patients get their dry weight as the physician's reference, as in bench/telemonitoring-rules.ts.
// Per engine: a fresh database, `presence seed`, the built server (apps/server/dist/main.js), enrolment with consent
// and one device per person through the staff API. Per transport, on its own group of people: every device's
// measurements in time order, in batches of BATCH, SENDERS devices at a time; then a replay of every 10th batch
// (REPLAY_EVERY) to show that a re-sent measurement is stored once.
//
// Env: PATIENTS (200 per transport), DAYS (90), SENDERS (4), BATCH (200), REPLAY_EVERY (10), SIM_SEED (7),
// ENGINES (pglite,postgres), TRANSPORTS (rest,mqtt), BENCH_DATABASE_URL (default
// postgres://postgres@127.0.0.1:5432/presence_bench_tm: dropped and recreated), MQTT_URL (mqtt://127.0.0.1:1883).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import mqtt from 'mqtt';
import { PGlite } from '@electric-sql/pglite';
import { MAIN, ROOT, presence, startServer, stopServer, postgresReachable, resetPostgres } from './lib.mjs';

const { simulate, simulatedMeasurements } = await import(`${ROOT}apps/server/dist/telemonitoring-core/simulate.js`);
const { PARAMETERS } = await import(`${ROOT}apps/server/dist/telemonitoring-core/codes.js`);
const { generateDemoDataset, generatePeople } = await import(`${ROOT}apps/server/dist/demo/generate.js`);

const env = process.env;
const PATIENTS = Number(env.PATIENTS ?? 200);
const DAYS = Number(env.DAYS ?? 90);
const SENDERS = Number(env.SENDERS ?? 4);
const BATCH = Number(env.BATCH ?? 200);
const REPLAY_EVERY = Number(env.REPLAY_EVERY ?? 10);
const SIM_SEED = Number(env.SIM_SEED ?? 7);
const ENGINES = (env.ENGINES ?? 'pglite,postgres').split(',');
const TRANSPORTS = (env.TRANSPORTS ?? 'rest,mqtt').split(',');
const PG_URL = env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/presence_bench_tm';
const MQTT_URL = env.MQTT_URL || 'mqtt://127.0.0.1:1883';
const PORT = 3311;
const SERVER_MQTT_CLIENT = `presence-${PORT}`; // the server's persistent session (apps/server/src/main.ts)
const PASSWORD = 'presence-demo-2026';
const BASE = `http://127.0.0.1:${PORT}`;
const DAY_MS = 86_400_000;

const log = (msg) => process.stderr.write(`[tm-ingest ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const pct = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] : null);
const round1 = (x) => (x === null ? null : Math.round(x * 10) / 10);
const dayString = (ms) => new Date(ms).toISOString().slice(0, 10);

/** Runs fn over items, `n` at a time. */
async function pool(items, n, fn) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i], i);
      }
    }),
  );
}

// ---- environment checks ----

function mqttConnect(clientId, clean = true) {
  return new Promise((resolve, reject) => {
    const c = mqtt.connect(MQTT_URL, { clientId, clean, protocolVersion: 4, reconnectPeriod: 0, connectTimeout: 3000 });
    c.once('connect', () => resolve(c));
    // Before the connection: the promise fails. After it: an error is reported, and the run fails later on what is
    // missing (a sentinel that never comes back), rather than on an unhandled 'error' event.
    c.on('error', (e) => {
      log(`MQTT client ${clientId}: ${e.message}`);
      reject(e);
    });
    c.once('close', () => reject(new Error('connection closed')));
  });
}

/** Connecting once with clean=true under the server's client id drops its persistent session (queued messages). */
async function clearServerMqttSession() {
  const c = await mqttConnect(SERVER_MQTT_CLIENT, true);
  await c.endAsync();
}

// ---- staff API ----

async function api(cookie, method, url, body) {
  const res = await fetch(`${BASE}${url}`, {
    method,
    headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : null;
}

async function login(email) {
  const res = await fetch(`${BASE}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
  return res.headers.get('set-cookie').split(';')[0];
}

/** Count of 'not_enrolled' rejections in the facility: the sentinel device's messages land there. */
async function sentinelCount(cookie) {
  const r = await api(cookie, 'GET', '/api/telemonitoring/rejections');
  return r.counts.find((c) => c.reason === 'not_enrolled')?.n ?? 0;
}

// ---- data ----

const now = Date.now();
const groups = TRANSPORTS.length;
// The last simulated day is yesterday: every measurement is in the past (morning times, Paris offsets).
const start = dayString(now - DAYS * DAY_MS);
const sim = simulate({ patients: PATIENTS * groups, days: DAYS, seed: SIM_SEED, start });
const bySimPatient = new Map(sim.patients.map((p) => [p.id, []]));
for (const m of simulatedMeasurements(sim)) bySimPatient.get(m.personId).push(m);
log(
  `simulated ${sim.patients.length} patients × ${DAYS} days from ${start}: ${[...bySimPatient.values()].reduce((s, a) => s + a.length, 0)} measurements, ${sim.episodes.length} planted episodes`,
);

// The staff accounts `presence seed` creates are deterministic: compute them the same way to find who may enrol (a
// physician, who also sets the dry weight) and register devices (a coordination nurse) in the first demo facility,
// which gets half of the seeded people. A small population may have no physician: seed more people then.
const demoFacilities = generateDemoDataset().facilities;
const facilityKey = demoFacilities[0].key;
let SEED_PEOPLE = 2 * (PATIENTS * groups + 1);
let NURSE;
let PHYSICIAN;
for (;;) {
  const { staff } = generatePeople({ count: SEED_PEOPLE, seed: 'bench', facilityKeys: demoFacilities.map((f) => ({ key: f.key, kind: f.kind })) });
  const staffOf = (role) => staff.find((s) => s.facilityKey === facilityKey && s.role === role)?.email;
  NURSE = staffOf('coordination_nurse');
  PHYSICIAN = staffOf('physician');
  if (NURSE && PHYSICIAN) break;
  SEED_PEOPLE += 20;
}

// ---- one engine: database, server, enrolment, then each transport ----

async function setup(engine, dir) {
  const envFor = engine === 'pglite' ? { DATA_DIR: dir, DATABASE_URL: '', DEMO_DATA: 'false' } : { DATABASE_URL: PG_URL, DEMO_DATA: 'false' };
  if (engine === 'postgres') await resetPostgres(PG_URL);
  const t0 = performance.now();
  presence(['seed', '--people', String(SEED_PEOPLE), '--seed', 'bench'], envFor);
  log(`${engine}: seeded ${SEED_PEOPLE} people in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return envFor;
}

async function enrolAll(nurse, physician) {
  const people = [];
  for (let offset = 0; ; offset += 500) {
    const page = await api(nurse, 'GET', `/api/people?limit=500&offset=${offset}&sort=lastName`);
    people.push(...page.items);
    if (people.length >= page.total || page.items.length === 0) break;
  }
  const needed = PATIENTS * groups + 1;
  if (people.length < needed) throw new Error(`the coordination nurse sees ${people.length} people, ${needed} needed`);
  const facilityId = people[0].facilityId;
  const consentAt = new Date(now - (DAYS + 1) * DAY_MS).toISOString();
  const patients = sim.patients.map((p, k) => ({ sim: p, personId: people[k].id, group: Math.floor(k / PATIENTS) }));
  let done = 0;
  await pool(patients, 4, async (p) => {
    await api(physician, 'POST', '/api/telemonitoring/enrolments', {
      personId: p.personId,
      programme: p.sim.programme,
      consent: { at: consentAt, from: 'person' },
    });
    if (p.sim.baseline.body_weight) {
      const [enrolment] = (await api(physician, 'GET', `/api/people/${p.personId}/telemonitoring`)).enrolments;
      await api(physician, 'PUT', `/api/people/${p.personId}/telemonitoring/enrolments/${enrolment.id}/settings`, {
        references: { body_weight: p.sim.baseline.body_weight },
        reason: 'Poids sec (banc de mesure)',
      });
    }
    const device = await api(nurse, 'POST', '/api/telemonitoring/devices', { personId: p.personId, label: `Balance ${p.sim.deviceId}` });
    p.deviceId = device.id;
    p.token = device.token;
    if (++done % 100 === 0) log(`  enrolled ${done}/${patients.length}`);
  });
  // The sentinel: a device of a person who is not enrolled. What it sends is rejected (not_enrolled) and counted in
  // GET /api/telemonitoring/rejections, which tells when the server has handled every MQTT message published before.
  const sentinelPerson = people[PATIENTS * groups].id;
  const sentinel = await api(nurse, 'POST', '/api/telemonitoring/devices', { personId: sentinelPerson, label: 'Sentinelle' });
  return { facilityId, patients, sentinel };
}

const item = (m) => ({ parameter: m.parameter, value: m.value, unit: PARAMETERS[m.parameter].unit, at: m.at });

/** Every device's measurements in time order, cut into batches; a batch belongs to one device. */
function batchesOf(patients) {
  return patients.map((p) =>
    Array.from({ length: Math.ceil(bySimPatient.get(p.sim.id).length / BATCH) }, (_, i) => bySimPatient.get(p.sim.id).slice(i * BATCH, (i + 1) * BATCH)),
  );
}

async function sendRest(p, batch, totals) {
  const res = await fetch(`${BASE}/api/telemonitoring/measurements`, {
    method: 'POST',
    headers: { authorization: `Bearer ${p.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ measurements: batch.map(item) }),
  });
  const text = await res.text();
  if (res.status !== 200) {
    totals.errors++;
    if (totals.errors <= 3) log(`  REST ${res.status}: ${text.slice(0, 200)}`);
    return;
  }
  const r = JSON.parse(text);
  totals.accepted += r.accepted;
  totals.duplicates += r.duplicates;
  totals.rejected += r.rejected.length;
  totals.alerts += r.alerts;
}

/**
 * Publishes (publishAll), then waits until the server has handled every message published before: a sentinel message
 * is published after them (the broker delivers a subscriber's messages in order, and the server handles them one at a
 * time); its rejection shows in GET /api/telemonitoring/rejections. A broker whose queue for the server is full drops
 * messages, the sentinel included: a new sentinel is published every 2 s until one arrives. Returns the sentinels sent.
 */
async function publishAndWait(client, nurse, ctx, publishAll, timeoutMs = 10 * 60_000) {
  const before = await sentinelCount(nurse);
  await publishAll();
  const sentinelTopic = `presence/${ctx.facilityId}/devices/${ctx.sentinel.id}/measurements`;
  const publishSentinel = () =>
    client.publishAsync(
      sentinelTopic,
      JSON.stringify({ token: ctx.sentinel.token, measurements: [{ parameter: 'heart_rate', value: 70, unit: '/min', at: new Date().toISOString() }] }),
      { qos: 1 },
    );
  await publishSentinel();
  let sentinels = 1;
  let lastSentinel = Date.now();
  const deadline = Date.now() + timeoutMs;
  while ((await sentinelCount(nurse)) <= before) {
    if (Date.now() > deadline) throw new Error(`no MQTT sentinel came back within ${timeoutMs / 1000} s`);
    if (Date.now() - lastSentinel > 2000) {
      await publishSentinel();
      sentinels++;
      lastSentinel = Date.now();
    }
    await sleep(50);
  }
  return sentinels;
}

/** Checks the server's MQTT subscription is up: a sentinel message must come back as a rejection. */
async function waitMqttReady(nurse, ctx) {
  const c = await mqttConnect(`bench-probe-${process.pid}`);
  try {
    await publishAndWait(c, nurse, ctx, async () => {}, 30_000);
  } finally {
    await c.endAsync();
  }
}

async function runTransport(engine, transport, ctx, nurse) {
  const patients = ctx.patients.filter((p) => p.group === TRANSPORTS.indexOf(transport));
  const perDevice = batchesOf(patients);
  const sentAt = new Map(); // person|instant → client time the batch holding it was sent (first time)
  const totals = { accepted: 0, duplicates: 0, rejected: 0, alerts: 0, errors: 0 };
  let measurements = 0;
  let batches = 0;
  const batchOf = new Map(); // person|instant|parameter → index of the (first) batch that carried it
  const restTimes = []; // REST: [client time sent, client time the response ended] of each batch, by batch index
  const record = (p, batch) => {
    const t = Date.now();
    for (const m of batch) {
      const key = `${p.personId}|${m.at}`;
      if (!sentAt.has(key)) sentAt.set(key, t);
      const full = `${key}|${m.parameter}`;
      if (!batchOf.has(full)) batchOf.set(full, batches);
    }
    measurements += batch.length;
    batches++;
  };
  // Every REPLAY_EVERY-th batch (counted over all devices) is sent a second time after the run.
  const replay = perDevice.flatMap((list, d) => list.map((b) => [patients[d], b])).filter((_, i) => i % REPLAY_EVERY === 0);

  let t0;
  let seconds;
  let replayTotals = null;
  let sentinels = null;
  if (transport === 'rest') {
    t0 = performance.now();
    await pool(patients, SENDERS, async (p) => {
      for (const b of perDevice[patients.indexOf(p)]) {
        const index = batches;
        record(p, b);
        const t = Date.now();
        await sendRest(p, b, totals);
        restTimes[index] = [t, Date.now()];
      }
    });
    seconds = (performance.now() - t0) / 1000;
    log(`${engine}/rest: ${measurements} measurements in ${batches} batches, ${seconds.toFixed(1)} s`);
    replayTotals = { accepted: 0, duplicates: 0, rejected: 0, alerts: 0, errors: 0 };
    await pool(replay, SENDERS, ([p, b]) => sendRest(p, b, replayTotals));
  } else {
    await waitMqttReady(nurse, ctx);
    const clients = await Promise.all(Array.from({ length: SENDERS }, (_, i) => mqttConnect(`bench-sender-${process.pid}-${i}`)));
    const topic = (p) => `presence/${ctx.facilityId}/devices/${p.deviceId}/measurements`;
    const payload = (p, b) => JSON.stringify({ token: p.token, measurements: b.map(item) });
    try {
      t0 = performance.now();
      sentinels = await publishAndWait(clients[0], nurse, ctx, async () => {
        let next = 0;
        await Promise.all(
          clients.map(async (c) => {
            while (next < patients.length) {
              const d = next++;
              for (const b of perDevice[d]) {
                record(patients[d], b);
                await c.publishAsync(topic(patients[d]), payload(patients[d], b), { qos: 1 });
              }
            }
          }),
        );
        log(`${engine}/mqtt: ${measurements} measurements in ${batches} messages published in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      });
      seconds = (performance.now() - t0) / 1000;
      log(`${engine}/mqtt: all handled by the server after ${seconds.toFixed(1)} s`);
      await publishAndWait(clients[0], nurse, ctx, async () => {
        for (const [p, b] of replay) await clients[0].publishAsync(topic(p), payload(p, b), { qos: 1 });
      });
    } finally {
      await Promise.all(clients.map((c) => c.endAsync()));
    }
  }
  return {
    engine,
    transport,
    patients,
    sentAt,
    batchOf,
    restTimes,
    measurements,
    batches,
    seconds,
    totals: transport === 'rest' ? totals : null,
    replayed: replay.reduce((s, [, b]) => s + b.length, 0),
    replayTotals,
    sentinels,
  };
}

// ---- counting, from the database once the server has stopped (PGlite has one connection: the server's) ----

async function openForCounting(engine, dir) {
  if (engine === 'postgres') {
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    return { query: async (sql, params) => (await c.query(sql, params)).rows, close: () => c.end() };
  }
  const db = await PGlite.create(dir);
  return { query: async (sql, params) => (await db.query(sql, params)).rows, close: () => db.close() };
}

async function count(q, run) {
  const devices = run.patients.map((p) => p.deviceId);
  const persons = run.patients.map((p) => p.personId);
  const keyOf = (personId, at, parameter) => `${personId}|${new Date(at).toISOString()}|${parameter}`;
  const sent = new Set();
  for (const p of run.patients) for (const m of bySimPatient.get(p.sim.id)) sent.add(keyOf(p.personId, m.at, m.parameter));
  const rows = await q.query('SELECT person_id, at, parameter, received_at FROM tm_measurement WHERE device_id = ANY($1::uuid[])', [devices]);
  const stored = new Set(rows.map((r) => keyOf(r.person_id, r.at, r.parameter)));
  // Where the time of a batch goes, from the stored rows' received_at (the now() of the INSERT that stored them; one
  // value per INSERT statement) and the client's clock (same machine). Per batch: first and last received_at.
  const span = new Map();
  for (const r of rows) {
    const b = run.batchOf.get(keyOf(r.person_id, r.at, r.parameter));
    const t = new Date(r.received_at).getTime();
    const s = span.get(b);
    if (!s) span.set(b, [t, t]);
    else if (t < s[0]) s[0] = t;
    else if (t > s[1]) s[1] = t;
  }
  const timing = {};
  if (run.restTimes.length) {
    // REST: sent → first row stored (HTTP, token, enrolment, checks, waiting for a connection), first → last row
    // stored, last row stored → response received (rules on each new measurement, alerts, the response).
    const parts = { untilStored: [], storing: [], afterStored: [] };
    for (const [b, [first, last]] of span) {
      const [sent, done] = run.restTimes[b] ?? [];
      if (sent === undefined) continue;
      parts.untilStored.push(first - sent);
      parts.storing.push(last - first);
      parts.afterStored.push(done - last);
    }
    const total = Object.values(parts).reduce((s, xs) => s + xs.reduce((a, b) => a + b, 0), 0);
    for (const [k, xs] of Object.entries(parts)) {
      const sorted = [...xs].sort((a, b) => a - b);
      timing[`${k}Ms`] = { p50: round1(pct(sorted, 50)), p99: round1(pct(sorted, 99)), share: Math.round((xs.reduce((a, b) => a + b, 0) / total) * 100) / 100 };
    }
  } else {
    // MQTT: one message at a time, so the time from one batch's first stored row to the next one's is its handling.
    const firsts = [...span.values()].map(([first]) => first).sort((a, b) => a - b);
    const cycles = firsts
      .slice(1)
      .map((t, i) => t - firsts[i])
      .sort((a, b) => a - b);
    timing.messageCycleMs = { p50: round1(pct(cycles, 50)), p99: round1(pct(cycles, 99)) };
  }
  let lost = 0;
  for (const k of sent) if (!stored.has(k)) lost++;
  let unexpected = 0;
  for (const k of stored) if (!sent.has(k)) unexpected++;
  const rejections = await q.query('SELECT reason, count(*)::int AS n FROM tm_rejection WHERE device_id = ANY($1::uuid[]) GROUP BY reason', [devices]);
  // Receipt of the triggering measurement (its received_at, the now() of the INSERT that stored it; the alert's
  // parameter at the alert's instant, else any parameter of the person at that instant) → the alert's created_at.
  const alerts = await q.query(
    `SELECT a.person_id, a.at, a.created_at, a.rule_id,
            COALESCE((SELECT max(m.received_at) FROM tm_measurement m WHERE m.person_id = a.person_id AND m.at = a.at AND m.parameter = a.parameter),
                     (SELECT max(m.received_at) FROM tm_measurement m WHERE m.person_id = a.person_id AND m.at = a.at)) AS received_at
       FROM tm_alert a WHERE a.person_id = ANY($1::uuid[])`,
    [persons],
  );
  const fromReceipt = [];
  const fromSend = [];
  const byRule = {};
  for (const a of alerts) {
    byRule[a.rule_id] = (byRule[a.rule_id] ?? 0) + 1;
    const created = new Date(a.created_at).getTime();
    if (a.received_at) fromReceipt.push(created - new Date(a.received_at).getTime());
    const sentAt = run.sentAt.get(`${a.person_id}|${new Date(a.at).toISOString()}`);
    if (sentAt !== undefined) fromSend.push(created - sentAt);
  }
  fromReceipt.sort((a, b) => a - b);
  fromSend.sort((a, b) => a - b);
  const summary = (xs) => ({ p50: round1(pct(xs, 50)), p99: round1(pct(xs, 99)), max: round1(xs.at(-1) ?? null), n: xs.length });
  return {
    engine: run.engine,
    transport: run.transport,
    patients: run.patients.length,
    days: DAYS,
    batch: BATCH,
    senders: SENDERS,
    measurements: run.measurements,
    batches: run.batches,
    seconds: round1(run.seconds),
    // measurements the server handled (stored, or recognised as already stored) per second; a measurement the broker
    // dropped was not handled
    perSecond: Math.round((run.measurements - lost) / run.seconds),
    latencyFrom: 'tm_measurement.received_at of the triggering measurement → tm_alert.created_at',
    alertLatencyMs: { ...summary(fromReceipt), alerts: alerts.length },
    alertLatencyFromSendMs: summary(fromSend),
    alertsByRule: byRule,
    timing,
    distinctSent: sent.size,
    stored: rows.length,
    lost,
    duplicated: rows.length - stored.size,
    unexpected,
    rejected: Object.fromEntries(rejections.map((r) => [r.reason, r.n])),
    server: run.totals,
    replay: { measurements: run.replayed, ...(run.replayTotals ? { reported: run.replayTotals } : {}) },
    // MQTT: sentinel messages published while waiting for the server (one every 2 s, in case the broker dropped one)
    ...(run.sentinels !== null ? { sentinels: run.sentinels } : {}),
  };
}

async function runEngine(engine) {
  const dir = mkdtempSync(path.join(tmpdir(), 'presence-bench-tm-'));
  const started = performance.now();
  try {
    const envFor = await setup(engine, dir);
    const transports = [...TRANSPORTS];
    if (transports.includes('mqtt')) {
      try {
        await clearServerMqttSession();
      } catch (e) {
        log(`MQTT broker at ${MQTT_URL} unreachable (${e.message}): MQTT skipped`);
        transports.splice(transports.indexOf('mqtt'), 1);
      }
    }
    const serverEnv = { ...envFor, TM_CHECK_INTERVAL_SECONDS: '3600', ...(transports.includes('mqtt') ? { MQTT_URL } : { MQTT_URL: '' }) };
    const { child, ms } = await startServer(serverEnv, PORT);
    log(`${engine}: server up in ${(ms / 1000).toFixed(1)} s`);
    const runs = [];
    let setupSeconds;
    try {
      const nurse = await login(NURSE);
      const physician = await login(PHYSICIAN);
      const t = performance.now();
      const ctx = await enrolAll(nurse, physician);
      log(`${engine}: ${ctx.patients.length} people enrolled with a device in ${((performance.now() - t) / 1000).toFixed(1)} s`);
      setupSeconds = (performance.now() - started) / 1000;
      for (const transport of transports) runs.push(await runTransport(engine, transport, ctx, nurse));
    } finally {
      await stopServer(child);
      if (transports.includes('mqtt')) await clearServerMqttSession().catch(() => undefined);
    }
    const q = await openForCounting(engine, dir);
    try {
      const out = [];
      for (const run of runs) out.push({ ...(await count(q, run)), setupSeconds: round1(setupSeconds) });
      return out;
    } finally {
      await q.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function gitHead() {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

const CODE = { commit: gitHead(), distBuiltAt: statSync(MAIN).mtime.toISOString() };
const results = [];
const skipped = [];
for (const engine of ENGINES) {
  if (engine === 'postgres') {
    const problem = await postgresReachable(PG_URL);
    if (problem) {
      log(`PostgreSQL at ${PG_URL} unreachable (${problem}): skipped`);
      skipped.push({ engine, reason: problem });
      continue;
    }
  }
  for (const r of await runEngine(engine)) {
    log(
      `${r.engine}/${r.transport}: ${r.perSecond} measurements/s, alert latency p50 ${r.alertLatencyMs.p50} ms p99 ${r.alertLatencyMs.p99} ms (${r.alertLatencyMs.alerts} alerts), lost ${r.lost}, duplicated ${r.duplicated}`,
    );
    results.push(r);
  }
}
console.log(
  JSON.stringify({
    bench: 'telemonitoring-ingest',
    date: new Date().toISOString(),
    // what was measured: the commit checked out and when the server's dist was built (it may hold uncommitted work)
    code: { ...CODE, ...(statSync(MAIN).mtime.toISOString() !== CODE.distBuiltAt ? { distRebuiltDuringRun: true } : {}) },
    patientsPerTransport: PATIENTS,
    days: DAYS,
    batch: BATCH,
    senders: SENDERS,
    runs: results,
    ...(skipped.length ? { skipped } : {}),
  }),
);
