// Review-panel sample and usage report (issue #8): for a facility of PEOPLE people over DAYS days of activity, the time
// to draw a sample of one AI feature's proposals for the review panel (and to draw it again to check it), and the time
// to generate the usage report (figures, PDF, CSV), on PGlite and on PostgreSQL. Prints one JSON line on stdout
// (progress on stderr).
//
// Per engine: a fresh database with the server's migrations (apps/server/dist/db/open.js), the product's AI register
// (the seven features' own definitions, synced as the server does at start-up), then a year of activity generated in
// JavaScript from a fixed seed and inserted in bulk (jsonb_to_recordset, 5,000 rows a statement, one transaction):
// the same rows, ids included, on both engines. Then ANALYZE (what autovacuum would have done on a PostgreSQL server;
// PGlite has no autovacuum), then the timed operations, RUNS times each:
//  - report: usageReportFiles (apps/server/dist/voice/usage-report-cli.js): figures, PDF, CSV, audit entry — what
//    `npx presence report usage` does;
//  - figures: buildUsageReport alone; pdf: usageReportPdf alone on the built figures;
//  - parts (3 times each, sequentially, median): each service the report reads, to see where the time goes
//    (buildUsageReport runs them concurrently: on PostgreSQL over the pool, on PGlite queued on its one connection);
//  - sample: PanelService.drawSample (apps/server/dist/voice/panel-service.js) over the year's decided proposals of the
//    busiest feature (SAMPLE_FEATURE), perStratum 5, in a new panel session each run (the session is created first and
//    not timed); what is timed is the call, which also reads the session back with its items, as the API does. After
//    the report, so that the benchmark's own sessions are not in it;
//  - verify: PanelService.verifySample on that sample (draws it again from the recorded seed and compares).
//
// Env: PEOPLE (2000), DAYS (365, ending yesterday), RUNS (5), ENGINES (postgres,postgres-nojit,pglite: PostgreSQL
// first, so that the RSS sampled while PGlite runs is not mixed with it; postgres-nojit is the same server with the
// connections' `jit` set off, to show what PostgreSQL's JIT compilation costs), SAMPLE_FEATURE (activity-recommender),
// ANALYZE (1; 0 to skip), BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/presence_bench_report: dropped
// and recreated; unreachable → PGlite only).
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, median, postgresReachable, resetPostgres } from './lib.mjs';

const dist = (p) => import(`${ROOT}apps/server/dist/${p}`);
const { openDatabase } = await dist('db/open.js');
const { PanelService } = await dist('voice/panel-service.js');
const { reportServices, usageReportFiles } = await dist('voice/usage-report-cli.js');
const { buildUsageReport } = await dist('voice/usage-report.js');
const { usageReportPdf } = await dist('voice/usage-report-pdf.js');
const { createRandom } = await dist('lib/random.js');
const { GuaranteeService } = await dist('guarantee/guarantee-service.js');
const { PeopleService } = await dist('people/people-service.js');
const { classify, THEME_LEXICON, OTHER_THEME } = await dist('voice/survey-themes.js');
const { SURVEY_TEMPLATES } = await import('@presence/shared');
const FEATURES = [
  ['activities/activity-recommender-feature.js', 'registerActivityRecommender'],
  ['planning/activity-planner-feature.js', 'registerActivityPlanner'],
  ['rostering/roster-feature.js', 'registerRosterSolver'],
  ['care-notes/note-analyzer-feature.js', 'registerNoteAnalyzer'],
  ['synthesis/needs-synthesis-feature.js', 'registerNeedsSynthesis'],
  ['appointments/appointment-slots-feature.js', 'registerAppointmentSlots'],
  ['telemonitoring/telemonitoring-feature.js', 'registerTelemonitoring'],
];
const registers = await Promise.all(FEATURES.map(async ([file, name]) => (await dist(file))[name]));

const env = process.env;
const PEOPLE = Number(env.PEOPLE ?? 2000);
const DAYS = Number(env.DAYS ?? 365);
const RUNS = Number(env.RUNS ?? 5);
const ENGINES = (env.ENGINES ?? 'postgres,postgres-nojit,pglite').split(',');
const SAMPLE_FEATURE = env.SAMPLE_FEATURE ?? 'activity-recommender';
const ANALYZE = env.ANALYZE !== '0';
const PG_URL = env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/presence_bench_report';
const CHUNK = 5000;
const DAY = 86_400_000;
const HOUR = 3_600_000;

const log = (msg) => process.stderr.write(`[usage-report ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
const round1 = (x) => Math.round(x * 10) / 10;
const stats = (xs) => ({ median: round1(median(xs)), min: round1(Math.min(...xs)), max: round1(Math.max(...xs)), runs: xs.map(round1) });
const iso = (ms) => new Date(ms).toISOString();
const isoDay = (ms) => iso(ms).slice(0, 10);

// ---- the period: DAYS days ending yesterday (UTC), so that everything in it is in the past ----

const nowMs = Date.now();
const todayMs = Date.UTC(new Date(nowMs).getUTCFullYear(), new Date(nowMs).getUTCMonth(), new Date(nowMs).getUTCDate());
const START = todayMs - DAYS * DAY;
const FROM = isoDay(START);
const TO = isoDay(todayMs - DAY);
const LATEST = nowMs - 10 * 60_000; // no decision, answer or action later than this

// ---- resident set size, sampled ----

let peakRss = 0;
const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 25);
rssTimer.unref();
const takePeak = () => {
  const p = Math.max(peakRss, process.memoryUsage().rss);
  peakRss = 0;
  return Math.round(p / 1048576);
};

// ---- data, generated once (same rows and ids on every engine) ----

function generate() {
  const rnd = createRandom('bench-usage-report');
  const uuidRnd = rnd.fork('ids');
  const hex = (n) => Array.from({ length: n }, () => Math.floor(uuidRnd.next() * 16).toString(16)).join('');
  const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[Math.floor(uuidRnd.next() * 4)]}${hex(3)}-${hex(12)}`;
  const instant = (r, fromMs = START, toMs = todayMs - 1) => fromMs + Math.floor(r.next() * (toMs - fromMs));
  /** A daytime instant (06:00–21:00 UTC) on a random day of the period. */
  const daytime = (r) => START + r.int(0, DAYS - 1) * DAY + r.int(6 * 60, 21 * 60) * 60_000 + r.int(0, 59_999);
  const expo = (r, mean) => -Math.log(1 - r.next()) * mean;

  const facility = { id: uuid(), name: 'EHPAD Les Tilleuls (banc de mesure)', kind: 'ehpad', finess: '759912345' };
  const F = facility.id;

  // staff
  const STAFF = {
    director: 1,
    head_of_care: 2,
    coordination_nurse: 4,
    nurse: 30,
    care_assistant: 80,
    activity_leader: 12,
    physician: 6,
    secretary: 4,
    user_representative: 2,
  };
  const FIRST_F =
    'Jeanne Marie Louise Suzanne Germaine Madeleine Simone Yvonne Paulette Odette Lucienne Colette Denise Monique Jacqueline Hélène Renée Marcelle Andrée Gisèle'.split(
      ' ',
    );
  const FIRST_M = 'Jean Pierre André Louis Marcel René Roger Henri Robert Georges Paul Maurice Lucien Raymond Fernand Émile Joseph Gaston Albert Michel'.split(
    ' ',
  );
  const LAST =
    'Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent Lefebvre Michel Garcia David Bertrand Roux Vincent Fournier Morel Girard André Lefèvre Mercier Dupont Lambert Bonnet François Martinez Legrand Garnier Faure Rousseau Blanc Guerin Muller Henry Roussel Nicolas'.split(
      ' ',
    );
  const users = [];
  const r = rnd.fork('staff');
  for (const [role, n] of Object.entries(STAFF))
    for (let k = 0; k < n; k++)
      users.push({
        id: uuid(),
        facility_id: F,
        email: `${role.replace(/_/g, '-')}-${k + 1}@banc.presence.test`,
        password_hash: 'scrypt$bench$not-a-password',
        first_name: r.pick(r.chance(0.8) ? FIRST_F : FIRST_M),
        last_name: r.pick(LAST),
        role,
      });
  const byRole = (...roles) => users.filter((u) => roles.includes(u.role));
  const director = byRole('director')[0];

  // people, profiles, GIR and cognition
  const people = [];
  const profiles = [];
  const assessments = [];
  const capacities = [];
  const rp = rnd.fork('people');
  for (let i = 0; i < PEOPLE; i++) {
    const sex = rp.chance(0.72) ? 'F' : 'M';
    const id = uuid();
    people.push({
      id,
      facility_id: F,
      first_name: rp.pick(sex === 'F' ? FIRST_F : FIRST_M),
      last_name: rp.pick(LAST),
      birth_date: `${rp.int(1922, 1958)}-${String(rp.int(1, 12)).padStart(2, '0')}-${String(rp.int(1, 28)).padStart(2, '0')}`,
      sex,
      room: String(100 + i),
      status: rp.chance(0.02) ? 'temporarily_absent' : 'active',
      admission_date: isoDay(START - rp.int(0, 3000) * DAY),
    });
    profiles.push({
      person_id: id,
      interests: rp.sample(['chant', 'jardinage', 'lecture', 'cuisine', 'jeux de cartes', 'musique', 'promenade', 'tricot', 'peinture', 'football'], 3),
      languages: rp.chance(0.06) ? [rp.pick(['portugais', 'arabe', 'italien', 'espagnol', 'polonais'])] : ['français'],
    });
    const gir = Number(rp.pickKey({ 1: 10, 2: 30, 3: 15, 4: 30, 5: 8, 6: 7 }));
    assessments.push({
      id: uuid(),
      facility_id: F,
      person_id: id,
      scale: 'aggir',
      scale_version: '1',
      input: {},
      result: { gir },
      summary: `GIR ${gir}`,
      assessed_at: iso(instant(rp)),
      assessed_by: rp.pick(byRole('physician', 'coordination_nurse')).id,
    });
    capacities.push({
      id: uuid(),
      person_id: id,
      domain: 'cognition',
      level: rp.int(0, 3),
      assessed_on: isoDay(instant(rp)),
      recorded_by: rp.pick(byRole('nurse')).id,
    });
  }
  const nameOf = (p) => `${p.first_name} ${p.last_name}`;
  const personById = new Map(people.map((p) => [p.id, p]));

  // telemonitoring enrolments (proposals of the telemonitoring feature are its alerts)
  const rt = rnd.fork('telemonitoring');
  const enrolled = rt.sample(people, Math.round(PEOPLE * 0.15));
  const enrolments = enrolled.map((p) => ({
    id: uuid(),
    facility_id: F,
    person_id: p.id,
    programme: rt.pick(['heart_failure', 'hypertension', 'diabetes', 'copd']),
    consent_at: iso(START - rt.int(1, 400) * DAY),
    consent_from: 'person',
    recorded_by: rt.pick(byRole('physician')).id,
  }));

  // proposals: [slug, kind, count, deciders, person?]
  const PLAN = [
    ['activity-recommender', 'activity.suggestions', 20_000, ['activity_leader', 'coordination_nurse'], true, [0.72, 0.14, 0.14]],
    ['note-analyzer', 'note.targets', 16_000, ['nurse', 'coordination_nurse'], true, [0.6, 0.25, 0.15]],
    ['appointment-slots', 'appointment.slots', 6_000, ['secretary', 'coordination_nurse'], true, [0.8, 0.1, 0.1]],
    ['needs-synthesis', 'needs.synthesis', 4_000, ['physician', 'coordination_nurse'], true, [0.45, 0.45, 0.1]],
    ['telemonitoring-rules', 'telemonitoring.alert', 4_000, ['coordination_nurse', 'nurse', 'physician'], true, null],
    ['activity-planner', 'activity.week_plan', Math.ceil(DAYS / 7), ['activity_leader', 'head_of_care'], false, [0.5, 0.45, 0.05]],
    ['roster-solver', 'roster.period', Math.ceil(DAYS / 28), ['head_of_care', 'director'], false, [0.3, 0.65, 0.05]],
  ];
  const proposals = [];
  const alerts = [];
  const actions = [];
  const rr = rnd.fork('proposals');
  const ACTIVITIES = ['chorale', 'atelier-memoire', 'jardin', 'gym-douce', 'loto', 'lecture-journal', 'cuisine', 'peinture', 'musique', 'promenade'];
  const RULES = [
    ['hf.weight_gain_3d', 'change', 'body_weight'],
    ['hf.over_dry_weight', 'threshold', 'body_weight'],
    ['bp.high_systolic', 'threshold', 'systolic_bp'],
    ['dm.hyperglycaemia', 'threshold', 'glucose'],
    ['copd.low_spo2', 'threshold', 'spo2'],
    ['hr.high', 'threshold', 'heart_rate'],
  ];
  for (const [slug, kind, count, roles, personal, split] of PLAN) {
    const deciders = byRole(...roles);
    for (let i = 0; i < count; i++) {
      const alert = slug === 'telemonitoring-rules';
      const e = alert ? rr.pick(enrolments) : null;
      const person = e ? personById.get(e.person_id) : personal ? rr.pick(people) : null;
      const created = personal ? daytime(rr) : START + i * (slug === 'activity-planner' ? 7 : 28) * DAY + 9 * HOUR;
      let content;
      let amendedContent;
      if (kind === 'activity.suggestions') {
        const items = rr
          .sample(ACTIVITIES, 5)
          .map((activityKey, k) => ({ activityKey, rank: k + 1, score: round1(0.9 - k * 0.1), reasons: ['Centre d’intérêt noté au dossier'] }));
        content = { items };
        amendedContent = { items: items.slice(0, 3) };
      } else if (kind === 'note.targets') {
        content = {
          targets: [{ signal: rr.pick(['fall', 'pain', 'appetite_loss', 'confusion', 'sleep_disturbance']), span: [rr.int(0, 80), rr.int(81, 160)] }],
        };
        amendedContent = { targets: [] };
      } else if (kind === 'telemonitoring.alert') {
        content = { rule: rr.pick(RULES)[0] };
        amendedContent = content;
      } else {
        content = { summary: `${kind} ${i}`, slots: [rr.int(8, 17), rr.int(8, 17)] };
        amendedContent = { ...content, slots: [rr.int(8, 17)] };
      }
      // decision: most within a day, a few never (pending, expired)
      const decidedAt = Math.min(created + Math.max(6 * 60_000, Math.round(expo(rr, 10 * HOUR))), created + 6 * DAY);
      let status;
      let outcome = null;
      if (decidedAt > LATEST) status = 'pending';
      else if (rr.chance(0.01)) status = 'expired';
      else if (alert) {
        outcome = rr.pickKey({ confirmed: 35, false_alarm: 40, no_action_needed: 25 });
        status = outcome === 'confirmed' ? 'accepted' : 'rejected';
      } else status = rr.pickKey({ accepted: split[0], amended: split[1], rejected: split[2] });
      const decided = ['accepted', 'amended', 'rejected'].includes(status);
      const decider = rr.pick(deciders);
      const id = uuid();
      const who = person ? nameOf(person) : null;
      proposals.push({
        id,
        facility_id: F,
        system_slug: slug,
        kind,
        person_id: person?.id ?? null,
        subject_type: person ? 'person' : slug === 'activity-planner' ? 'week' : 'period',
        subject_id: person?.id ?? isoDay(created),
        title: who ? `${kind} — ${who}` : `${kind} — ${isoDay(created)}`,
        content,
        explanation: { summary: who ? `Proposé pour ${who} d’après son dossier.` : 'Proposé d’après les contraintes de la période.' },
        inputs_hash: hex(64),
        confidence: round1(0.5 + rr.next() * 0.5),
        status,
        created_at: iso(created),
        expires_at: iso(created + 14 * DAY),
        decided_at: decided ? iso(decidedAt) : null,
        decided_by: decided ? decider.id : null,
        decision_reason: status === 'rejected' ? 'Ne correspond pas à la situation' : status === 'amended' ? 'Ajusté avec la personne' : null,
        decided_content: status === 'amended' ? amendedContent : status === 'accepted' ? content : null,
        closed_reason: status === 'expired' ? 'expired' : null,
      });
      if (alert) {
        const [rule, ruleKind, parameter] = rr.pick(RULES);
        const acked = Math.min(created + Math.round(expo(rr, 2 * HOUR)), decidedAt);
        const a = {
          id: uuid(),
          facility_id: F,
          person_id: person.id,
          enrolment_id: e.id,
          rule_id: rule,
          kind: ruleKind,
          parameter,
          severity: rr.pickKey({ low: 20, medium: 50, high: 25, critical: 5 }),
          at: iso(created - rr.int(1, 30) * 60_000),
          explanation: { summary: `Règle ${rule}` },
          rules_version: 'telemonitoring-rules bench',
          status: decided ? 'closed' : acked < LATEST ? 'acknowledged' : 'open',
          proposal_id: id,
          acknowledged_by: acked < LATEST ? decider.id : null,
          acknowledged_at: acked < LATEST ? iso(acked) : null,
          outcome: decided ? outcome : null,
          closed_by: decided ? decider.id : null,
          closed_at: decided ? iso(decidedAt) : null,
          created_at: iso(created),
        };
        alerts.push(a);
        if (acked < LATEST && rr.chance(0.75)) {
          const k = rr.pickKey({ phone_call: 60, visit: 20, physician_informed: 12, message: 8 });
          actions.push({
            id: uuid(),
            alert_id: a.id,
            kind: k,
            note: '',
            done_by: decider.id,
            done_at: iso(Math.min(acked + rr.int(1, 60) * 60_000, LATEST)),
            minutes: ['phone_call', 'visit'].includes(k) && rr.chance(0.85) ? rr.int(3, 40) : null,
          });
        }
      }
    }
  }
  const decidedOf = (slug) => proposals.filter((p) => p.system_slug === slug && p.decided_at);

  // objections and review requests
  const ro = rnd.fork('objections');
  const objections = [];
  const objected = new Set();
  while (objections.length < 40) {
    const p = ro.pick(people);
    const slug = ro.pick(['activity-recommender', 'note-analyzer', 'appointment-slots', 'needs-synthesis', 'telemonitoring-rules']);
    if (objected.has(`${p.id}|${slug}`)) continue;
    objected.add(`${p.id}|${slug}`);
    const at = instant(ro, START, LATEST);
    const lifted = ro.chance(0.25) && at + 30 * DAY < LATEST;
    objections.push({
      id: uuid(),
      person_id: p.id,
      system_slug: slug,
      recorded_by: ro.pick(byRole('coordination_nurse', 'head_of_care')).id,
      expressed_by: ro.pick(['person', 'relative', 'legal_representative']),
      note: 'Ne souhaite pas de propositions automatiques',
      created_at: iso(at),
      lifted_at: lifted ? iso(at + 30 * DAY) : null,
      lifted_by: lifted ? director.id : null,
    });
  }
  const reviewRequests = ro
    .sample(
      proposals.filter((p) => p.decided_at && p.person_id),
      30,
    )
    .map((p) => ({
      id: uuid(),
      person_id: p.person_id,
      proposal_id: p.id,
      requested_by: ro.pick(byRole('coordination_nurse', 'nurse')).id,
      message: 'La famille demande qu’une personne revoie cette décision.',
      status: 'done',
      created_at: iso(Date.parse(p.decided_at) + DAY < LATEST ? Date.parse(p.decided_at) + DAY : Date.parse(p.decided_at)),
    }));

  // complaints, a third about AI (linked to proposals or features)
  const rc = rnd.fork('complaints');
  const complaints = [];
  const links = [];
  const systemSlugs = PLAN.map((x) => x[0]);
  for (let i = 0; i < 100; i++) {
    const received = instant(rc, START, LATEST);
    const ai = i % 3 === 0;
    const ackAt = received + rc.int(1, 10) * DAY;
    const ansAt = received + rc.int(10, 70) * DAY;
    const acknowledged = ackAt < LATEST;
    const answered = acknowledged && ansAt < LATEST && rc.chance(0.9);
    const closed = answered && ansAt + 7 * DAY < LATEST && rc.chance(0.8);
    const person = rc.chance(0.8) ? rc.pick(people) : null;
    const c = {
      id: uuid(),
      facility_id: F,
      person_id: person?.id ?? null,
      received_at: iso(received),
      channel: rc.pick(['oral', 'letter', 'email', 'phone', 'cvs', 'form']),
      complainant_kind: rc.pick(['person', 'relative', 'relative', 'legal_representative', 'staff']),
      complainant_name: `${rc.pick(FIRST_F)} ${rc.pick(LAST)}`,
      subject: ai
        ? 'Proposition de l’outil contestée'
        : rc.pick(['Repas froids', 'Attente à la sonnette', 'Linge perdu', 'Visites du dimanche', 'Information sur les soins']),
      description: 'Réclamation reçue et enregistrée pour le banc de mesure du bilan d’utilisation.',
      category: ai ? 'ai' : rc.pick(['care', 'relationship', 'information', 'rights', 'daily_life', 'other']),
      ai_involved: ai,
      status: closed ? 'closed' : answered ? 'answered' : acknowledged ? rc.pick(['acknowledged', 'investigating']) : 'received',
      acknowledge_by: iso(received + 8 * DAY),
      answer_by: iso(received + 60 * DAY),
      acknowledged_at: acknowledged ? iso(ackAt) : null,
      answered_at: answered ? iso(ansAt) : null,
      closed_at: closed ? iso(ansAt + 7 * DAY) : null,
      answer: answered ? 'Réponse écrite adressée.' : null,
      created_by: rc.pick(byRole('secretary', 'head_of_care')).id,
    };
    complaints.push(c);
    if (ai) {
      if (rc.chance(0.65)) {
        const slug = rc.pick(systemSlugs.slice(0, 5));
        const candidates = decidedOf(slug).filter((p) => p.person_id && Date.parse(p.decided_at) < received);
        const p = candidates.length ? rc.pick(candidates) : null;
        if (p) links.push({ complaint_id: c.id, proposal_id: p.id, system_id: null, system_slug: null });
        else links.push({ complaint_id: c.id, proposal_id: null, system_slug: slug });
      } else links.push({ complaint_id: c.id, proposal_id: null, system_slug: rc.pick(systemSlugs) });
    }
  }

  // review panel: a session per quarter, held after it, with a sample of the quarter's proposals and actions
  const rpn = rnd.fork('panel');
  const panelSessions = [];
  const panelSamples = [];
  const panelItems = [];
  const panelActions = [];
  for (let q = 0; q < Math.floor(DAYS / 91); q++) {
    const qFrom = START + q * 91 * DAY;
    const qTo = qFrom + 90 * DAY;
    const held = qTo + 10 * DAY;
    if (held > LATEST) break;
    const slug = systemSlugs[q % 4];
    const s = {
      id: uuid(),
      facility_id: F,
      held_on: isoDay(held),
      title: `Collège de garantie humaine — T${q + 1}`,
      status: 'closed',
      created_by: director.id,
    };
    panelSessions.push(s);
    const population = decidedOf(slug).filter((p) => p.decided_at >= iso(qFrom) && p.decided_at < iso(qTo + DAY));
    const sample = {
      id: uuid(),
      session_id: s.id,
      system_slug: slug,
      period_from: isoDay(qFrom),
      period_to: isoDay(qTo),
      per_stratum: 5,
      seed: 1000 + q,
      algorithm: 'strat-v1',
      population: population.length,
      drawn_by: director.id,
      drawn_at: iso(held - DAY),
    };
    panelSamples.push(sample);
    for (const p of rpn.sample(population, Math.min(30, population.length))) {
      const problem = rpn.chance(0.1);
      panelItems.push({
        id: uuid(),
        sample_id: sample.id,
        proposal_id: p.id,
        stratum: p.status,
        flags: p.status === 'accepted' ? [] : ['override'],
        finding: problem ? 'problem' : 'appropriate',
        problem_category: problem ? rpn.pick(['wrong_content', 'missing_information', 'bias', 'explanation_unclear']) : null,
        comment: problem ? 'À revoir avec l’équipe' : '',
        reviewed_by: director.id,
        reviewed_at: iso(held),
      });
    }
    for (const [k, st] of [
      ['adjust', 'done'],
      ['train_staff', q % 2 ? 'open' : 'in_progress'],
    ])
      panelActions.push({
        id: uuid(),
        session_id: s.id,
        system_slug: slug,
        kind: k,
        description: k === 'adjust' ? 'Revoir les réglages de la fonctionnalité' : 'Former l’équipe de nuit à la relecture',
        owner_name: 'Cadre de santé',
        due_on: isoDay(held + 60 * DAY),
        status: st,
        created_by: director.id,
      });
  }

  // surveys: two resident campaigns (named, FALC), relatives (anonymous), staff (anonymous)
  const rs = rnd.fork('surveys');
  const template = (slug) => SURVEY_TEMPLATES.find((t) => t.slug === slug);
  const CAMPAIGNS = [
    ['residents-falc', 'Enquête résidents — printemps', 0.15, 550, false],
    ['relatives', 'Enquête proches — printemps', 0.2, 350, true],
    ['staff', 'Enquête professionnels — automne', 0.6, 150, true],
    ['residents-falc', 'Enquête résidents — automne', 0.7, 450, false],
  ];
  const OPEN_TEXTS = [
    'Le personnel est gentil mais toujours pressé, on attend longtemps.',
    'J’aimerais plus de promenades dans le jardin.',
    'On m’écoute et on me parle avec le sourire.',
    'Je ne comprends pas bien ce que fait l’ordinateur.',
    'Les repas sont meilleurs depuis le printemps.',
    'Plus de temps pour parler avec ma mère, merci.',
    'Je fais confiance aux propositions une fois vérifiées.',
    'Les activités de chant sont très appréciées.',
    'Manque de personnel le week-end.',
    'Rien à signaler.',
  ];
  const campaigns = [];
  const responses = [];
  const answers = [];
  const themes = [];
  const answerThemes = [];
  for (const [slug, title, at, size, anonymous] of CAMPAIGNS) {
    // a named campaign has at most one response per person (small PEOPLE for a quick check)
    const n = anonymous ? size : Math.min(size, people.length);
    const t = template(slug);
    const opens = START + Math.floor(at * DAYS) * DAY;
    const c = {
      id: uuid(),
      facility_id: F,
      template_slug: t.slug,
      template_version: t.version,
      audience: t.audience,
      title,
      opens_on: isoDay(opens),
      closes_on: isoDay(opens + 28 * DAY),
      anonymous,
      reminder_days: [7, 14],
      closed_at: iso(Math.min(opens + 29 * DAY, LATEST)),
      created_by: director.id,
    };
    campaigns.push(c);
    const themeIds = new Map();
    for (const q of t.questions.filter((x) => x.kind === 'open'))
      for (const th of [...THEME_LEXICON, OTHER_THEME]) {
        const id = uuid();
        themeIds.set(`${q.id}|${th.key}`, id);
        themes.push({ id, campaign_id: c.id, question_id: q.id, label: th.label, lexicon_key: th.key });
      }
    const respondents = anonymous ? [] : rs.sample(people, n);
    for (let i = 0; i < n; i++) {
      const resp = {
        id: uuid(),
        campaign_id: c.id,
        respondent_key: anonymous ? null : `person:${respondents[i].id}`,
        channel: t.audience === 'residents' ? rs.pick(['tablet', 'tablet', 'paper']) : rs.pick(['web', 'web', 'paper']),
        entered_by: rs.pick(byRole('activity_leader', 'care_assistant', 'secretary')).id,
        submitted_at: iso(opens + rs.int(0, 27) * DAY + rs.int(9, 18) * HOUR),
        features: null, // the register's versions, filled in when loading (read from ai_system)
      };
      responses.push(resp);
      for (const q of t.questions) {
        if (q.kind === 'likert') {
          if (rs.chance(0.05)) continue;
          const point = t.scale === 3 ? Number(rs.pickKey({ 1: 15, 2: 30, 3: 55 })) : Number(rs.pickKey({ 1: 5, 2: 10, 3: 20, 4: 40, 5: 25 }));
          answers.push({ response_id: resp.id, question_id: q.id, point, text: null });
        } else if (rs.chance(0.3)) {
          const text = rs.pick(OPEN_TEXTS);
          answers.push({ response_id: resp.id, question_id: q.id, point: null, text });
          const th = classify(text);
          answerThemes.push({ response_id: resp.id, question_id: q.id, theme_id: themeIds.get(`${q.id}|${th.key}`), matched: th.matched });
        }
      }
    }
  }

  // human contact and admin timings
  const rh = rnd.fork('time');
  const contactStaff = byRole('nurse', 'care_assistant', 'activity_leader', 'coordination_nurse', 'physician', 'head_of_care');
  const contacts = [];
  for (let i = 0; i < 30_000; i++) {
    const kind = rh.pickKey({ individual_moment: 75, family_meeting: 15, other: 10 });
    contacts.push({
      id: uuid(),
      facility_id: F,
      user_id: rh.pick(contactStaff).id,
      person_id: rh.chance(0.9) ? rh.pick(people).id : null,
      kind,
      at: iso(daytime(rh)),
      minutes: kind === 'family_meeting' ? rh.int(20, 90) : rh.int(5, 45),
    });
  }
  const timings = [];
  const TASKS = [
    ['care_note', 85, ['nurse', 'care_assistant'], 6, 4],
    ['activity_plan', 10, ['activity_leader'], 90, 40],
    ['roster', 5, ['head_of_care'], 180, 60],
  ];
  for (let i = 0; i < 3_000; i++) {
    const [task, , roles, unassisted, assisted] = rh.pickWeighted(TASKS.map((x) => [x, x[1]]));
    const withAi = rh.chance(0.5);
    const seconds = Math.max(30, Math.round((withAi ? assisted : unassisted) * 60 * (0.5 + rh.next())));
    const finished = daytime(rh);
    timings.push({
      id: uuid(),
      facility_id: F,
      user_id: rh.pick(byRole(...roles)).id,
      task,
      assisted: withAi,
      started_at: iso(finished - seconds * 1000 - rh.int(0, 600) * 1000),
      finished_at: iso(finished),
      active_seconds: seconds,
    });
  }

  // activities: a catalogue, rooms, a published weekly plan per week, sessions Monday–Saturday and attendance
  const ra = rnd.fork('activities');
  const activities = ACTIVITIES.map((key) => ({
    id: uuid(),
    facility_id: F,
    key,
    name: key.replace(/-/g, ' '),
    description: 'Activité du catalogue',
    category: 'loisirs',
    group_min: 3,
    group_max: 12,
    duration_minutes: 60,
    room_type: 'salle',
    leader_skill: 'animation',
  }));
  const rooms = Array.from({ length: 6 }, (_, k) => ({ id: uuid(), facility_id: F, name: `Salle ${k + 1}`, type: 'salle', capacity: 20 }));
  const leaders = byRole('activity_leader');
  const planRuns = [];
  const sessions = [];
  const attendance = [];
  for (let d = 0; d < DAYS; d++) {
    const dayMs = START + d * DAY;
    const weekday = new Date(dayMs).getUTCDay();
    if (d === 0 || weekday === 1)
      planRuns.push({ id: uuid(), facility_id: F, week: isoDay(dayMs), instance: {}, result: {}, published_at: iso(dayMs - 2 * DAY) });
    if (weekday === 0) continue;
    for (let k = 0; k < 10; k++) {
      const start = 9 * 60 + 30 + (k % 5) * 90;
      const s = {
        id: uuid(),
        facility_id: F,
        plan_run_id: planRuns.at(-1).id,
        activity_id: ra.pick(activities).id,
        day: isoDay(dayMs),
        start_time: `${String(Math.floor(start / 60)).padStart(2, '0')}:${String(start % 60).padStart(2, '0')}`,
        end_time: `${String(Math.floor((start + 60) / 60)).padStart(2, '0')}:${String((start + 60) % 60).padStart(2, '0')}`,
        room_id: rooms[k % rooms.length].id,
        leader_id: leaders[(d * 10 + k) % leaders.length].id,
        status: ra.chance(0.05) ? 'cancelled' : 'planned',
      };
      sessions.push(s);
      if (s.status === 'cancelled') continue;
      for (const p of ra.sample(people, 8)) {
        const st = ra.pickKey({ present: 80, absent: 15, declined: 5 });
        attendance.push({ session_id: s.id, person_id: p.id, status: st, engagement: st === 'present' ? ra.int(0, 3) : null, recorded_by: s.leader_id });
      }
    }
  }

  return {
    facility,
    users,
    director,
    people,
    profiles,
    assessments,
    capacities,
    enrolments,
    proposals,
    alerts,
    actions,
    objections,
    reviewRequests,
    complaints,
    links,
    panelSessions,
    panelSamples,
    panelItems,
    panelActions,
    campaigns,
    responses,
    answers,
    themes,
    answerThemes,
    contacts,
    timings,
    activities,
    rooms,
    planRuns,
    sessions,
    attendance,
  };
}

// ---- loading ----

/** INSERT ... SELECT FROM jsonb_to_recordset, CHUNK rows a statement. cols: [[name, type], …]; extra: SQL per column. */
async function insert(q, table, cols, rows, expr = {}) {
  const names = cols.map(([n]) => n);
  const sql = `INSERT INTO ${table} (${names.join(', ')}) SELECT ${names.map((n) => expr[n] ?? `x.${n}`).join(', ')}
                 FROM jsonb_to_recordset($1::jsonb) AS x(${cols.map(([n, t]) => `${n} ${t}`).join(', ')})`;
  for (let i = 0; i < rows.length; i += CHUNK) await q.query(sql, [JSON.stringify(rows.slice(i, i + CHUNK))]);
}

const colsOf = (spec) => spec.split(',').map((c) => c.trim().split(/\s+/));

async function load(db, data) {
  await db.query('INSERT INTO facility (id, name, kind, finess, capacity) VALUES ($1, $2, $3, $4, $5)', [
    data.facility.id,
    data.facility.name,
    data.facility.kind,
    data.facility.finess,
    PEOPLE,
  ]);
  // the AI register, as the server writes it at start-up
  const guarantee = new GuaranteeService(db, new PeopleService(db));
  for (const register of registers) register(guarantee);
  await guarantee.syncRegister();
  const systems = await db.query('SELECT id, slug, engine_version FROM ai_system WHERE facility_id = $1', [data.facility.id]);
  const systemId = Object.fromEntries(systems.map((s) => [s.slug, s.id]));
  const version = Object.fromEntries(systems.map((s) => [s.slug, s.engine_version]));
  const features = Object.fromEntries(systems.map((s) => [s.slug, s.engine_version]));

  await db.transaction(async (tx) => {
    await insert(tx, 'app_user', colsOf('id uuid, facility_id uuid, email text, password_hash text, first_name text, last_name text, role text'), data.users);
    await insert(
      tx,
      'person',
      colsOf('id uuid, facility_id uuid, first_name text, last_name text, birth_date date, sex text, room text, status text, admission_date date'),
      data.people,
    );
    await insert(tx, 'person_profile', colsOf('person_id uuid, interests text[], languages text[]'), data.profiles);
    await insert(
      tx,
      'assessment',
      colsOf(
        'id uuid, facility_id uuid, person_id uuid, scale text, scale_version text, input jsonb, result jsonb, summary text, assessed_at timestamptz, assessed_by uuid',
      ),
      data.assessments,
    );
    await insert(
      tx,
      'capacity_assessment',
      colsOf('id uuid, person_id uuid, domain text, level smallint, assessed_on date, recorded_by uuid'),
      data.capacities,
    );
    await insert(
      tx,
      'tm_enrolment',
      colsOf('id uuid, facility_id uuid, person_id uuid, programme text, consent_at timestamptz, consent_from text, recorded_by uuid'),
      data.enrolments,
    );
    await insert(
      tx,
      'proposal',
      colsOf(
        'id uuid, facility_id uuid, system_id uuid, engine_version text, kind text, person_id uuid, subject_type text, subject_id text, title text, content jsonb, explanation jsonb, inputs_hash text, confidence real, status text, created_at timestamptz, expires_at timestamptz, decided_at timestamptz, decided_by uuid, decision_reason text, decided_content jsonb, closed_reason text',
      ),
      data.proposals.map((p) => ({ ...p, system_id: systemId[p.system_slug], engine_version: version[p.system_slug] })),
    );
    await insert(
      tx,
      'tm_alert',
      colsOf(
        'id uuid, facility_id uuid, person_id uuid, enrolment_id uuid, rule_id text, kind text, parameter text, severity text, at timestamptz, explanation jsonb, rules_version text, status text, proposal_id uuid, acknowledged_by uuid, acknowledged_at timestamptz, outcome text, closed_by uuid, closed_at timestamptz, created_at timestamptz',
      ),
      data.alerts,
    );
    await insert(tx, 'tm_action', colsOf('id uuid, alert_id uuid, kind text, note text, done_by uuid, done_at timestamptz, minutes integer'), data.actions);
    await insert(
      tx,
      'objection',
      colsOf(
        'id uuid, person_id uuid, system_slug text, recorded_by uuid, expressed_by text, note text, created_at timestamptz, lifted_at timestamptz, lifted_by uuid',
      ),
      data.objections,
    );
    await insert(
      tx,
      'review_request',
      colsOf('id uuid, person_id uuid, proposal_id uuid, requested_by uuid, message text, status text, created_at timestamptz'),
      data.reviewRequests,
    );
    await insert(
      tx,
      'complaint',
      colsOf(
        'id uuid, facility_id uuid, person_id uuid, received_at timestamptz, channel text, complainant_kind text, complainant_name text, subject text, description text, category text, ai_involved boolean, status text, acknowledge_by timestamptz, answer_by timestamptz, acknowledged_at timestamptz, answered_at timestamptz, closed_at timestamptz, answer text, created_by uuid',
      ),
      data.complaints,
    );
    await insert(
      tx,
      'complaint_link',
      colsOf('complaint_id uuid, proposal_id uuid, system_id uuid'),
      data.links.map((l) => ({ ...l, system_id: l.system_slug ? systemId[l.system_slug] : null })),
    );
    await insert(tx, 'panel_session', colsOf('id uuid, facility_id uuid, held_on date, title text, status text, created_by uuid'), data.panelSessions);
    await insert(
      tx,
      'panel_sample',
      colsOf(
        'id uuid, session_id uuid, system_id uuid, period_from date, period_to date, per_stratum integer, seed integer, algorithm text, population integer, drawn_by uuid, drawn_at timestamptz',
      ),
      data.panelSamples.map((s) => ({ ...s, system_id: systemId[s.system_slug] })),
    );
    await insert(
      tx,
      'panel_item',
      colsOf(
        'id uuid, sample_id uuid, proposal_id uuid, stratum text, flags text[], finding text, problem_category text, comment text, reviewed_by uuid, reviewed_at timestamptz',
      ),
      data.panelItems,
    );
    await insert(
      tx,
      'panel_action',
      colsOf('id uuid, session_id uuid, system_id uuid, kind text, description text, owner_name text, due_on date, status text, created_by uuid'),
      data.panelActions.map((a) => ({ ...a, system_id: systemId[a.system_slug] })),
    );
    await insert(
      tx,
      'survey_campaign',
      colsOf(
        'id uuid, facility_id uuid, template_slug text, template_version text, audience text, title text, opens_on date, closes_on date, anonymous boolean, reminder_days integer[], closed_at timestamptz, created_by uuid',
      ),
      data.campaigns,
    );
    await insert(
      tx,
      'survey_response',
      colsOf('id uuid, campaign_id uuid, respondent_key text, channel text, entered_by uuid, submitted_at timestamptz, features jsonb'),
      data.responses.map((r) => ({ ...r, features })),
    );
    await insert(tx, 'survey_answer', colsOf('response_id uuid, question_id text, point integer, text text'), data.answers);
    await insert(tx, 'survey_theme', colsOf('id uuid, campaign_id uuid, question_id text, label text, lexicon_key text'), data.themes);
    await insert(tx, 'survey_answer_theme', colsOf('response_id uuid, question_id text, theme_id uuid, matched text'), data.answerThemes);
    await insert(
      tx,
      'contact_time',
      colsOf('id uuid, facility_id uuid, user_id uuid, person_id uuid, kind text, at timestamptz, minutes integer'),
      data.contacts,
    );
    await insert(
      tx,
      'admin_timing',
      colsOf('id uuid, facility_id uuid, user_id uuid, task text, assisted boolean, started_at timestamptz, finished_at timestamptz, active_seconds integer'),
      data.timings,
    );
    await insert(
      tx,
      'activity',
      colsOf(
        'id uuid, facility_id uuid, key text, name text, description text, category text, group_min integer, group_max integer, duration_minutes integer, room_type text, leader_skill text',
      ),
      data.activities,
    );
    await insert(tx, 'room', colsOf('id uuid, facility_id uuid, name text, type text, capacity integer'), data.rooms);
    await insert(tx, 'plan_run', colsOf('id uuid, facility_id uuid, week date, instance jsonb, result jsonb, published_at timestamptz'), data.planRuns);
    await insert(
      tx,
      'activity_session',
      colsOf(
        'id uuid, facility_id uuid, plan_run_id uuid, activity_id uuid, day date, start_time text, end_time text, room_id uuid, leader_id uuid, status text',
      ),
      data.sessions,
    );
    await insert(tx, 'session_attendance', colsOf('session_id uuid, person_id uuid, status text, engagement integer, recorded_by uuid'), data.attendance);
  });
}

const COUNTED = [
  'person',
  'app_user',
  'ai_system',
  'proposal',
  'objection',
  'review_request',
  'complaint',
  'complaint_link',
  'panel_session',
  'panel_item',
  'panel_action',
  'survey_campaign',
  'survey_response',
  'survey_answer',
  'survey_answer_theme',
  'contact_time',
  'admin_timing',
  'activity_session',
  'session_attendance',
  'tm_alert',
  'tm_action',
];

async function counts(db) {
  const [row] = await db.query(`SELECT ${COUNTED.map((t) => `(SELECT count(*)::int FROM ${t}) AS ${t}`).join(', ')}`);
  const decided = await db.query(
    `SELECT s.slug, count(*)::int AS n FROM proposal p JOIN ai_system s ON s.id = p.system_id
      WHERE p.status IN ('accepted', 'amended', 'rejected') AND p.decided_at >= $1::date AND p.decided_at < $2::date + 1 GROUP BY 1 ORDER BY 2 DESC`,
    [FROM, TO],
  );
  return { rows: row, decidedByFeature: Object.fromEntries(decided.map((d) => [d.slug, d.n])) };
}

// ---- PostgreSQL ----

/** The URL with libpq start-up options (e.g. '-c jit=off'), which node-postgres passes on. */
function withOptions(url, options) {
  const u = new URL(url);
  u.searchParams.set('options', options);
  return u.toString();
}

function dirBytes(dir) {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) n += e.isDirectory() ? dirBytes(path.join(dir, e.name)) : statSync(path.join(dir, e.name)).size;
  return n;
}

// ---- one engine ----

async function timed(fn) {
  const t0 = performance.now();
  const value = await fn();
  return [performance.now() - t0, value];
}

async function runEngine(engine, data) {
  let dir = null;
  const postgres = engine.startsWith('postgres');
  if (postgres) await resetPostgres(PG_URL);
  else dir = mkdtempSync(path.join(tmpdir(), 'presence-bench-report-'));
  takePeak();
  const url = engine === 'postgres-nojit' ? withOptions(PG_URL, '-c jit=off') : PG_URL;
  const [openMs, opened] = await timed(() => openDatabase({ databaseUrl: postgres ? url : undefined, dataDir: dir ?? '' }));
  const { db } = opened;
  try {
    log(`${engine}: database opened and migrated in ${(openMs / 1000).toFixed(1)} s`);
    const [loadMs] = await timed(() => load(db, data));
    log(`${engine}: data loaded in ${(loadMs / 1000).toFixed(1)} s`);
    let analyzeMs = null;
    if (ANALYZE) [analyzeMs] = await timed(() => db.query('ANALYZE'));
    const counted = await counts(db);
    const buildPeakRssMb = takePeak();

    const facilityId = data.facility.id;
    const d = data.director;
    const ctx = {
      actor: { userId: d.id, role: 'director', facilityId, personIds: [], displayName: `${d.first_name} ${d.last_name}`, email: d.email, sessionId: 'bench' },
      requestId: 'bench-usage-report',
    };
    const deps = reportServices(db);
    const reportMs = [];
    let files;
    for (let i = 0; i < RUNS; i++) {
      const [ms, f] = await timed(() => usageReportFiles(deps, facilityId, FROM, TO));
      reportMs.push(ms);
      files = f;
      log(`${engine}: usage report ${i + 1}: ${Math.round(ms)} ms, ${f.pages} pages, ${f.pdf.length} bytes`);
    }
    const figuresMs = [];
    const pdfMs = [];
    let report;
    for (let i = 0; i < RUNS; i++) {
      const [ms, r] = await timed(() => buildUsageReport(deps, facilityId, FROM, TO));
      figuresMs.push(ms);
      report = r;
      const [pms] = await timed(() => usageReportPdf(r));
      pdfMs.push(pms);
    }
    log(`${engine}: figures ${Math.round(median(figuresMs))} ms, PDF ${Math.round(median(pdfMs))} ms (medians)`);

    // where the figures' time goes: each part alone, one after the other (median of 3)
    const fromD = new Date(`${FROM}T00:00:00Z`);
    const toD = new Date(Date.parse(`${TO}T00:00:00Z`) + DAY);
    const PARTS = {
      features: () => deps.guarantee.figuresForFacility(facilityId, fromD, toD),
      time: () => deps.time.summaryFor(facilityId, FROM, TO),
      surveys: () => deps.surveys.trendsFor(facilityId, null, { from: FROM, to: TO }),
      complaints: () => deps.complaints.statsFor(facilityId, FROM, TO),
      equity: () => deps.equity.figuresFor(facilityId, FROM, TO),
    };
    const partsMs = {};
    for (const [name, fn] of Object.entries(PARTS)) {
      const xs = [];
      for (let i = 0; i < 3; i++) xs.push((await timed(fn))[0]);
      partsMs[name] = round1(median(xs));
    }
    const panel = new PanelService(db);
    const sampleMs = [];
    const verifyMs = [];
    const samples = [];
    for (let i = 0; i < RUNS; i++) {
      const session = await panel.createSession(ctx, { heldOn: TO, title: `Banc de mesure ${i + 1}`, memberIds: [], notes: '' });
      const [ms, s] = await timed(() => panel.drawSample(ctx, session.id, { systemSlug: SAMPLE_FEATURE, from: FROM, to: TO, perStratum: 5, seed: 4242 + i }));
      sampleMs.push(ms);
      const sample = s.samples[0];
      const [vms, v] = await timed(() => panel.verifySample(ctx, sample.id));
      verifyMs.push(vms);
      if (!v.reproducible) throw new Error(`${engine}: sample ${sample.id} not reproducible: ${JSON.stringify(v)}`);
      samples.push({ population: sample.population, items: sample.items.length, ids: sample.items.map((x) => x.proposalId).sort() });
      log(`${engine}: sample ${i + 1}: ${Math.round(ms)} ms (population ${sample.population}, ${sample.items.length} items), verify ${Math.round(vms)} ms`);
    }

    const timedPeakRssMb = takePeak();

    let storageBytes;
    if (postgres) [{ n: storageBytes }] = await db.query('SELECT pg_database_size(current_database())::bigint AS n');
    else storageBytes = dirBytes(dir);

    const first = samples[0];
    return {
      result: {
        engine,
        sampleFeature: SAMPLE_FEATURE,
        population: first.population,
        sampleItems: first.items,
        sampleMs: stats(sampleMs),
        verifyMs: stats(verifyMs),
        reportMs: stats(reportMs),
        figuresMs: stats(figuresMs),
        pdfMs: stats(pdfMs),
        partsMs,
        pdfPages: files.pages,
        pdfBytes: files.pdf.length,
        csvBytes: Buffer.byteLength(files.csv),
        csvLines: files.csv.split('\r\n').length - 1,
        reportSummary: {
          features: report.features.length,
          proposals: report.features.reduce((s, f) => s + f.proposals, 0),
          weeks: report.time.weeks.length,
          contactMinutes: report.time.totals.contactMinutes,
          surveys: report.surveys.length,
          complaints: report.complaints.all.total,
          panelSessions: report.panel.sessions.length,
          equityFlags: report.equity.flags.length,
        },
        setupMs: { open: Math.round(openMs), load: Math.round(loadMs), analyze: analyzeMs === null ? null : Math.round(analyzeMs) },
        storageMb: round1(storageBytes / 1048576),
        peakRssMb: { build: buildPeakRssMb, timed: timedPeakRssMb },
      },
      counted,
      sampleIds: first.ids,
    };
  } finally {
    await opened.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

// ---- main ----

const t0 = performance.now();
const data = generate();
log(
  `generated ${PEOPLE} people, ${data.users.length} staff, ${data.proposals.length} proposals, ${data.contacts.length} contact entries, ${data.sessions.length} sessions, ${data.attendance.length} attendance rows in ${((performance.now() - t0) / 1000).toFixed(1)} s; period ${FROM} → ${TO}`,
);

const engines = [];
const skipped = {};
let rows = null;
let decidedByFeature = null;
const sampleIds = [];
for (const engine of ENGINES) {
  if (engine.startsWith('postgres')) {
    const why = await postgresReachable(PG_URL);
    if (why) {
      log(`${engine}: skipped (${why})`);
      skipped[engine] = why;
      continue;
    }
  }
  const r = await runEngine(engine, data);
  engines.push(r.result);
  rows ??= r.counted.rows;
  decidedByFeature ??= r.counted.decidedByFeature;
  if (JSON.stringify(r.counted.rows) !== JSON.stringify(rows)) log(`warning: ${engine} row counts differ: ${JSON.stringify(r.counted.rows)}`);
  sampleIds.push(JSON.stringify(r.sampleIds));
}
clearInterval(rssTimer);

console.log(
  JSON.stringify({
    bench: 'usage-report',
    people: PEOPLE,
    days: DAYS,
    from: FROM,
    to: TO,
    runs: RUNS,
    analyzed: ANALYZE,
    rows,
    decidedByFeature,
    sameSampleOnEveryEngine: sampleIds.length > 1 ? sampleIds.every((s) => s === sampleIds[0]) : null,
    engines,
    skipped,
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    node: process.version,
  }),
);
