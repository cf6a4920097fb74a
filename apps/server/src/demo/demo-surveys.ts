import type { App } from '../app.js';
import { demoActor } from './demo-actor.js';
import { DEMO_EMAIL_DOMAIN } from './generate.js';
import { createRandom } from '../lib/random.js';

const DAY = 86_400_000;
const dayIso = (d: number) => new Date(Date.now() + d * DAY).toISOString().slice(0, 10);

const RESIDENT_WISHES = [
  'Aller au jardin plus souvent',
  'Qu’on prenne le temps de parler avec moi le soir',
  'Plus de musique et de chant',
  'Voir ma famille plus souvent',
  'Rien, ça va bien',
  'Que les aides-soignantes soient moins pressées le matin',
];
const RELATIVE_CHANGES = [
  'On m’a bien expliqué comment l’ordinateur aide à préparer les activités de ma mère.',
  'L’équipe écoute davantage ce que mon père aime faire.',
  'Je ne sais pas trop comment les propositions sont faites, j’aimerais une explication.',
  'Les soignants semblent avoir plus de temps pour les visites.',
  'Une alerte de poids a été bien suivie, le médecin a appelé.',
  'Pas de changement visible.',
];
const STAFF_GAINS = [
  'Moins de temps sur le planning, plus de temps pour les toilettes sans se presser.',
  'Les transmissions sont plus rapides à relire.',
  'Je ne fais pas toujours confiance aux alertes de poids, trop d’alertes le week-end.',
  'Plus de temps pour parler avec les résidents l’après-midi.',
  'Le planning des activités se fait en dix minutes au lieu d’une heure.',
];

/**
 * Perception surveys and the time given back, so a new user finds them filled in: last spring's staff and residents
 * campaigns (answered with the earlier versions of the AI features), this autumn's residents (FALC, named, on the
 * tablet), relatives (anonymous) and staff campaigns, human contact entered over eight weeks, and administrative work
 * timed with and without the assistants.
 */
export async function seedDemoSurveys(app: App): Promise<{ campaigns: number; responses: number }> {
  const { db, services } = app;
  const [ehpad] = await db.query<{ id: string }>("SELECT id FROM facility WHERE kind = 'ehpad' ORDER BY name LIMIT 1");
  if (!ehpad) return { campaigns: 0, responses: 0 };
  const random = createRandom('demo-surveys');
  const rnd = () => random.next();
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const director = await demoActor(db, `directrice@${DEMO_EMAIL_DOMAIN}`);
  const idec = await demoActor(db, `idec@${DEMO_EMAIL_DOMAIN}`);
  const assistant = await demoActor(db, `aide-soignante@${DEMO_EMAIL_DOMAIN}`);
  const staff = await db.query<{ email: string }>(
    "SELECT email FROM app_user WHERE facility_id = $1 AND role NOT IN ('relative', 'user_representative', 'director') ORDER BY email",
    [ehpad.id],
  );
  const residents = await db.query<{ id: string }>("SELECT id FROM person WHERE facility_id = $1 AND status = 'active' ORDER BY last_name, first_name", [
    ehpad.id,
  ]);
  const relatives = await db.query<{ email: string }>(
    `SELECT DISTINCT u.email FROM app_user u JOIN contact c ON c.user_id = u.id JOIN person p ON p.id = c.person_id WHERE p.facility_id = $1 ORDER BY u.email`,
    [ehpad.id],
  );
  // a point on the template's scale, leaning to the favourable side by `lean` (0..1)
  const point = (scale: 3 | 5, lean: number) =>
    Math.max(1, Math.min(scale, Math.round(1 + (scale - 1) * Math.min(1, Math.max(0, lean + (rnd() - 0.5) * 0.7)))));
  let responses = 0;
  const campaign = async (templateSlug: string, title: string, anonymous: boolean) =>
    (
      await services.surveys.create(director, {
        templateSlug,
        title,
        opensOn: dayIso(-10),
        closesOn: dayIso(20),
        anonymous,
        reminderDays: [7, 14],
      })
    ).id;

  // Last spring: answered while earlier versions of the features were in service; moved back in time afterwards.
  const past: { id: string; at: number }[] = [];
  for (const [slug, title, n, lean] of [
    ['staff', 'Avis des professionnels — printemps', 14, 0.45],
    ['residents-falc', 'Votre avis — printemps', 12, 0.5],
  ] as const) {
    const id = await campaign(slug, title, true);
    const template = (await services.surveys.get(director, id)).template;
    for (let k = 0; k < n; k++) {
      const answers: Record<string, number | string> = {};
      for (const q of template.questions) if (q.kind === 'likert') answers[q.id] = point(template.scale, lean);
      await services.surveys.respond(slug === 'staff' ? director : assistant, id, {
        channel: slug === 'staff' ? 'paper' : 'tablet',
        respondent: null,
        answers,
      });
      responses++;
    }
    past.push({ id, at: 240 });
  }
  for (const p of past) {
    await db.query(`UPDATE survey_campaign SET opens_on = $2::date, closes_on = $2::date + 21, created_at = $2::date WHERE id = $1`, [p.id, dayIso(-p.at)]);
    await db.query(
      `UPDATE survey_response SET submitted_at = $2::timestamptz + (random() * interval '20 days'),
              features = features - 'telemonitoring-rules' - 'needs-synthesis' - 'appointment-slots'
        WHERE campaign_id = $1`,
      [p.id, dayIso(-p.at)],
    );
  }

  // This autumn: residents on the tablet (named), relatives (anonymous), staff (named, on the web).
  const residentsId = await campaign('residents-falc', 'Votre avis sur votre accompagnement — automne', false);
  const residentsT = (await services.surveys.get(director, residentsId)).template;
  for (const [k, r] of residents.slice(0, 18).entries()) {
    const answers: Record<string, number | string> = {};
    for (const q of residentsT.questions) if (q.kind === 'likert') answers[q.id] = point(3, q.id === 'understanding' ? 0.35 : 0.7);
    if (k % 2 === 0) answers.wish = pick(RESIDENT_WISHES);
    await services.surveys.respond(k % 5 === 4 ? idec : assistant, residentsId, {
      channel: k % 5 === 4 ? 'paper' : 'tablet',
      respondent: { personId: r.id },
      answers,
    });
    responses++;
  }
  const relativesId = await campaign('relatives', 'L’avis des proches — automne', true);
  const relativesT = (await services.surveys.get(director, relativesId)).template;
  for (const [k, rel] of relatives.slice(0, 14).entries()) {
    const actor = await demoActor(db, rel.email);
    actor.actor.personIds = (
      await db.query<{ person_id: string }>('SELECT c.person_id FROM contact c JOIN app_user u ON u.id = c.user_id WHERE u.email = $1', [rel.email])
    ).map((x) => x.person_id);
    const answers: Record<string, number | string> = {};
    for (const q of relativesT.questions) if (q.kind === 'likert') answers[q.id] = point(5, q.id === 'understanding' ? 0.4 : 0.68);
    answers.change = RELATIVE_CHANGES[k % RELATIVE_CHANGES.length]!;
    await services.surveys.respond(actor, relativesId, { channel: 'web', respondent: null, answers });
    responses++;
  }
  const staffId = await campaign('staff', 'Avis des professionnels — automne', false);
  const staffT = (await services.surveys.get(director, staffId)).template;
  for (const [k, s] of staff.slice(0, 22).entries()) {
    const actor = await demoActor(db, s.email);
    const answers: Record<string, number | string> = {};
    for (const q of staffT.questions) if (q.kind === 'likert') answers[q.id] = point(5, q.id === 'trust' ? 0.5 : 0.7);
    if (k % 3 === 0) answers.gain = STAFF_GAINS[(k / 3) % STAFF_GAINS.length]!;
    await services.surveys.respond(actor, staffId, { channel: 'web', respondent: null, answers });
    responses++;
  }

  // Human contact over the last eight weeks (individual moments, family meetings), entered by the care team.
  const carers = await db.query<{ id: string }>(
    "SELECT id FROM app_user WHERE facility_id = $1 AND role IN ('nurse', 'care_assistant', 'coordination_nurse', 'activity_leader') ORDER BY email LIMIT 12",
    [ehpad.id],
  );
  const rows: unknown[][] = [];
  for (let d = 56; d >= 1; d--) {
    const grow = 1 + (56 - d) / 80; // a little more time with people as the assistants are used
    for (let k = 0; k < 3; k++) {
      const kind = rnd() < 0.8 ? 'individual_moment' : 'family_meeting';
      const minutes = Math.round((kind === 'individual_moment' ? 10 + rnd() * 20 : 30 + rnd() * 30) * grow);
      rows.push([ehpad.id, pick(carers).id, pick(residents).id, kind, new Date(Date.now() - d * DAY + (9 + k * 3) * 3_600_000).toISOString(), minutes]);
    }
  }
  for (const r of rows) await db.query('INSERT INTO contact_time (facility_id, user_id, person_id, kind, at, minutes) VALUES ($1, $2, $3, $4, $5, $6)', r);

  // Administrative work timed in the tool: rosters, weekly activity plans and notes, with and without the assistant.
  const [head] = await db.query<{ id: string }>('SELECT id FROM app_user WHERE email = $1', [`cadre@${DEMO_EMAIL_DOMAIN}`]);
  const [leader] = await db.query<{ id: string }>('SELECT id FROM app_user WHERE email = $1', [`animatrice@${DEMO_EMAIL_DOMAIN}`]);
  const timing = async (userId: string, task: string, assisted: boolean, minutes: number, daysAgo: number) => {
    const finished = new Date(Date.now() - daysAgo * DAY);
    const seconds = Math.round(minutes * 60);
    await db.query(
      'INSERT INTO admin_timing (facility_id, user_id, task, assisted, started_at, finished_at, active_seconds) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [ehpad.id, userId, task, assisted, new Date(finished.getTime() - seconds * 1500), finished, seconds],
    );
  };
  for (let w = 8; w >= 1; w--) {
    const assisted = w <= 5; // the assistants in use for the last five weeks
    await timing(head!.id, 'roster', assisted, assisted ? 35 + rnd() * 20 : 150 + rnd() * 60, w * 7 - 2);
    await timing(leader!.id, 'activity_plan', assisted, assisted ? 12 + rnd() * 8 : 55 + rnd() * 25, w * 7 - 3);
    // notes have no writing assistant: their time is measured, no saving is claimed
    for (let k = 0; k < 10; k++) await timing(pick(carers).id, 'care_note', false, 3 + rnd() * 5, w * 7 - (k % 5));
  }
  return { campaigns: 5, responses };
}
