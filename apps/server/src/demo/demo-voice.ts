import type { App } from '../app.js';
import { demoActor } from './demo-actor.js';
import { DEMO_EMAIL_DOMAIN } from './generate.js';
import { MissedEventsService } from '../telemonitoring/missed-events.js';

const DAY = 86_400_000;
const daysAgo = (d: number) => new Date(Date.now() - d * DAY).toISOString();
const dayIso = (d: number) => new Date(Date.now() - d * DAY).toISOString().slice(0, 10);

/**
 * Complaints of the last months (two about AI, linked to the proposals concerned, one overdue) and one review-panel
 * session held today on the telemonitoring alerts: members, a sample with a finding on every item, corrective
 * actions, closed — so a new user sees the whole loop, and can open a new session.
 */
export async function seedDemoVoice(app: App): Promise<{ complaints: number; panelItems: number }> {
  const { db, services } = app;
  const [ehpad] = await db.query<{ id: string }>("SELECT id FROM facility WHERE kind = 'ehpad' ORDER BY name LIMIT 1");
  if (!ehpad) return { complaints: 0, panelItems: 0 };
  const secretary = await demoActor(db, `secretariat@${DEMO_EMAIL_DOMAIN}`);
  const director = await demoActor(db, `directrice@${DEMO_EMAIL_DOMAIN}`);
  const representative = await demoActor(db, `representant@${DEMO_EMAIL_DOMAIN}`);
  const physician = await demoActor(db, `medecin@${DEMO_EMAIL_DOMAIN}`);

  // The AI-related complaints point at real decided proposals: a telemonitoring alert and an activity suggestion.
  const [alert] = await db.query<{ id: string; person_id: string }>(
    `SELECT pr.id, pr.person_id FROM proposal pr JOIN ai_system s ON s.id = pr.system_id
      WHERE pr.facility_id = $1 AND s.slug = 'telemonitoring-rules' AND pr.status = 'rejected' ORDER BY pr.decided_at LIMIT 1`,
    [ehpad.id],
  );
  const [activity] = await db.query<{ id: string; person_id: string }>(
    `SELECT pr.id, pr.person_id FROM proposal pr JOIN ai_system s ON s.id = pr.system_id
      WHERE pr.facility_id = $1 AND s.slug = 'activity-recommender' AND pr.person_id IS NOT NULL ORDER BY pr.created_at LIMIT 1`,
    [ehpad.id],
  );
  const [someone] = await db.query<{ id: string }>("SELECT id FROM person WHERE facility_id = $1 AND status = 'active' ORDER BY last_name OFFSET 30 LIMIT 1", [
    ehpad.id,
  ]);
  const complaints = services.complaints;
  const created: string[] = [];
  const add = async (input: Parameters<typeof complaints.create>[1]) => {
    const c = await complaints.create(secretary, input);
    created.push(c.id);
    return c;
  };
  const none = { proposalIds: [], systemSlugs: [] };
  if (alert) {
    const c = await add({
      personId: alert.person_id,
      receivedAt: daysAgo(40),
      channel: 'phone',
      complainantKind: 'relative',
      complainantName: 'Fils de la personne',
      subject: 'Appel de l’infirmière pour une fausse alerte',
      description: 'Ma mère a été inquiétée par un appel pour une alerte alors qu’elle allait bien. Qui décide de ces alertes ?',
      category: 'ai',
      aiInvolved: true,
      links: { proposalIds: [alert.id], systemSlugs: ['telemonitoring-rules'] },
    });
    await complaints.transition(director, c.id, { to: 'acknowledged', note: '' });
    await complaints.transition(director, c.id, {
      to: 'answered',
      note: '',
      answer: 'Les alertes sont proposées par des règles et triées par l’infirmière coordinatrice ; le seuil de votre mère a été revu avec le médecin.',
    });
    await complaints.transition(director, c.id, { to: 'closed', note: 'Réponse reçue et acceptée par la famille.' });
  }
  if (activity) {
    const c = await add({
      personId: activity.person_id,
      receivedAt: daysAgo(12),
      channel: 'cvs',
      complainantKind: 'legal_representative',
      complainantName: 'Tutrice',
      subject: 'Activités proposées par un logiciel',
      description: 'Je souhaite savoir sur quelles informations le logiciel propose des activités, et pouvoir m’y opposer.',
      category: 'ai',
      aiInvolved: true,
      links: { proposalIds: [activity.id], systemSlugs: ['activity-recommender'] },
    });
    await complaints.transition(director, c.id, { to: 'acknowledged', note: 'Notice de transparence jointe.' });
    await complaints.transition(director, c.id, { to: 'investigating', note: '' });
  }
  const meals = await add({
    personId: null,
    receivedAt: daysAgo(25),
    channel: 'cvs',
    complainantKind: 'person',
    complainantName: 'Conseil de la vie sociale',
    subject: 'Repas servis tièdes à l’étage',
    description: 'Plusieurs résidents signalent que les repas du soir arrivent tièdes au deuxième étage.',
    category: 'daily_life',
    aiInvolved: false,
    links: none,
  });
  await complaints.transition(director, meals.id, { to: 'acknowledged', note: '' });
  await complaints.transition(director, meals.id, { to: 'answered', note: '', answer: 'Un chariot chauffant a été commandé pour le deuxième étage.' });
  await add({
    personId: someone?.id ?? null,
    receivedAt: daysAgo(15),
    channel: 'letter',
    complainantKind: 'relative',
    complainantName: 'Fille d’un résident',
    subject: 'Toilette faite trop tôt le matin',
    description: 'Mon père est réveillé à 6 h 30 pour la toilette alors qu’il a toujours dormi jusqu’à 8 h.',
    category: 'care',
    aiInvolved: false,
    links: none,
  });

  // Each step happened some days after receipt, not at seeding time.
  await db.query(
    `UPDATE complaint_event e SET at = c.received_at + (CASE e.to_status WHEN 'received' THEN 0 WHEN 'acknowledged' THEN 3 WHEN 'investigating' THEN 5 WHEN 'answered' THEN 9 ELSE 11 END) * interval '1 day'
       FROM complaint c WHERE c.id = e.complaint_id AND c.id = ANY($1::uuid[])`,
    [created],
  );
  await db.query(
    `UPDATE complaint c SET acknowledged_at = c.received_at + CASE WHEN c.acknowledged_at IS NULL THEN NULL ELSE interval '3 days' END,
            answered_at = c.received_at + CASE WHEN c.answered_at IS NULL THEN NULL ELSE interval '9 days' END,
            closed_at = c.received_at + CASE WHEN c.closed_at IS NULL THEN NULL ELSE interval '11 days' END
      WHERE c.id = ANY($1::uuid[])`,
    [created],
  );

  // The review panel: members, and today's session on the telemonitoring alerts.
  const panel = services.panel;
  await panel.addMember(director, { name: 'Hélène Marchand (directrice)', kind: 'professional', userId: director.actor.userId });
  await panel.addMember(director, { name: 'Dr Philippe Garnier (médecin coordonnateur)', kind: 'professional', userId: physician.actor.userId });
  await panel.addMember(director, { name: 'Monique Girard (CVS)', kind: 'user_representative', userId: representative.actor.userId });
  const members = await panel.addMember(director, { name: 'Équipe produit Présence', kind: 'designer', userId: null });
  const session = await panel.createSession(director, {
    heldOn: dayIso(0),
    title: 'Collège de garantie humaine — alertes de télésurveillance',
    memberIds: members.map((m) => m.id),
    notes: 'Première séance sur la télésurveillance : les fausses alertes de tension ont été discutées avec la famille concernée.',
  });
  // A hospitalisation after an alert the team judged a false alarm: the sample flags that alert as missed.
  const [dismissed] = await db.query<{ person_id: string; at: Date }>(
    `SELECT a.person_id, a.at FROM tm_alert a WHERE a.facility_id = $1 AND a.outcome = 'false_alarm' AND a.at < now() - interval '4 days'
      ORDER BY a.at DESC LIMIT 1`,
    [ehpad.id],
  );
  if (dismissed) {
    const idec = await demoActor(db, `idec@${DEMO_EMAIL_DOMAIN}`);
    await new MissedEventsService(db).record(idec, dismissed.person_id, {
      occurredAt: new Date(dismissed.at.getTime() + 3 * DAY).toISOString(),
      kind: 'decompensation',
      parameter: 'body_weight',
      description: 'Œdèmes des chevilles et essoufflement constatés par le médecin traitant en visite ; traitement diurétique renforcé.',
    });
  }
  let panelItems = 0;
  try {
    const drawn = await panel.drawSample(director, session.id, {
      systemSlug: 'telemonitoring-rules',
      from: dayIso(90),
      to: dayIso(0),
      perStratum: 3,
      seed: 2026,
    });
    const items = drawn.samples[0]?.items ?? [];
    panelItems = items.length;
    for (const [k, i] of items.entries()) {
      if (i.flags.includes('alert_missed')) {
        await panel.setFinding(physician, i.id, {
          finding: 'problem',
          problemCategory: 'missing_information',
          comment: 'Alerte écartée comme fausse alarme trois jours avant une décompensation : la mesure n’avait pas été refaite.',
        });
        continue;
      }
      const problem = i.flags.includes('complaint') || (i.decision === 'rejected' && k % 3 === 0);
      await panel.setFinding(problem ? representative : physician, i.id, {
        finding: problem ? 'problem' : 'appropriate',
        problemCategory: problem ? (i.flags.includes('complaint') ? 'harm_to_relationship' : 'explanation_unclear') : null,
        comment: problem ? 'L’alerte a inquiété la personne ; la règle ne tenait pas compte de ses valeurs habituelles.' : '',
      });
    }
  } catch {
    // No decided alert in the demo period (should not happen): the session stays open with no sample.
  }
  await panel.addAction(director, session.id, {
    systemSlug: 'telemonitoring-rules',
    kind: 'change_rule',
    description: 'Revoir les seuils avec une valeur de référence par personne pour les résidents dont les valeurs habituelles sont hautes.',
    ownerName: 'Dr Philippe Garnier',
    dueOn: dayIso(-30),
  });
  await panel.addAction(director, session.id, {
    systemSlug: 'telemonitoring-rules',
    kind: 'train_staff',
    description: 'Rappeler aux infirmières de reprendre la mesure au calme avant d’appeler la famille.',
    ownerName: 'Isabelle Morel (IDEC)',
    dueOn: dayIso(-14),
  });
  if (panelItems) await panel.closeSession(director, session.id);
  return { complaints: created.length, panelItems };
}
