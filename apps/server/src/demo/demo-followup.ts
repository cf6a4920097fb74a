import type { App } from '../app.js';
import { toLocal } from '../appointments/local-time.js';
import { demoActor } from './demo-actor.js';
import { DEMO_EMAIL_DOMAIN } from './generate.js';

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();

/**
 * Care notes of the last two weeks for a few residents, written the way teams write them (so the note analyser has
 * proposals waiting: targets, and a fall pattern), assessments with their history, routines, appointments with
 * transport and accompaniment, and one needs synthesis waiting for the coordinating nurse.
 */
const STORIES: { notes: [number, string, 'dar' | 'free', string?][] }[] = [
  {
    notes: [
      [300, 'Chute dans la salle de bain ce matin, retrouvée assise au sol. Pas de plaie. IDE prévenue.', 'free'],
      [160, 'Mme a chuté en allant aux toilettes cette nuit, se plaint de la hanche droite. EVA 4.', 'free'],
      [60, 'Retrouvée au sol devant l’ascenseur, dit avoir glissé. Relevée à deux.', 'dar', 'chute'],
      [30, 'Visite de sa fille, très souriante. Mme souhaite retourner au jardin quand il fera beau.', 'free'],
      [8, 'Nuit calme, pas de douleur au réveil.', 'free'],
    ],
  },
  {
    notes: [
      [280, 'A mangé 1/4 du repas, dit ne pas avoir faim.', 'dar', 'alimentation'],
      [210, 'Refuse le dîner, boit peu. Proposition de compléments.', 'free'],
      [140, 'Peu d’appétit ce midi, a laissé la viande.', 'free'],
      [70, 'Mange la moitié du plateau, aime le dessert. A chanté avec l’animatrice.', 'free'],
      [20, 'Appétit diminué, a refusé le petit-déjeuner.', 'free'],
    ],
  },
  {
    notes: [
      [200, 'Angoissée en fin de journée, demande sans cesse où est son mari. Rassurée par l’équipe.', 'free'],
      [100, 'Déambule dans le couloir la nuit, s’est endormie vers 2h.', 'dar', 'sommeil'],
      [26, 'Son fils a appelé, M. était content. Souhaite appeler son frère dimanche.', 'free'],
    ],
  },
  {
    notes: [
      [150, 'Rougeur au talon gauche, effleurage et changement de position toutes les 3h.', 'dar', 'peau'],
      [50, 'Pas de rougeur ce matin, peau intègre.', 'free'],
    ],
  },
];

export async function seedDemoFollowup(app: App): Promise<{ notes: number; assessments: number; appointments: number }> {
  const { db, services } = app;
  const [ehpad] = await db.query<{ id: string }>("SELECT id FROM facility WHERE kind = 'ehpad' ORDER BY name LIMIT 1");
  if (!ehpad) return { notes: 0, assessments: 0, appointments: 0 };
  const nurse = await demoActor(db, `infirmier@${DEMO_EMAIL_DOMAIN}`);
  const assistant = await demoActor(db, `aide-soignante@${DEMO_EMAIL_DOMAIN}`);
  const idec = await demoActor(db, `idec@${DEMO_EMAIL_DOMAIN}`);
  const people = await db.query<{ id: string }>("SELECT id FROM person WHERE facility_id = $1 AND status = 'active' ORDER BY last_name, first_name LIMIT 12", [
    ehpad.id,
  ]);
  let notes = 0;
  for (const [i, story] of STORIES.entries()) {
    const p = people[i];
    if (!p) break;
    for (const [k, [h, text, format, target]] of story.notes.entries()) {
      const author = k % 2 === 0 ? assistant : nurse;
      const input =
        format === 'dar'
          ? { format, targetKey: target ?? null, data: text, actions: '', results: '', body: '', observedAt: hoursAgo(h) }
          : { format, targetKey: null, data: '', actions: '', results: '', body: text, observedAt: hoursAgo(h) };
      await services.careNotes.create(author, p.id, input);
      notes++;
    }
  }

  // Assessments: AGGIR six months ago and now (one person's GIR moved), Braden, MNA-SF.
  let assessments = 0;
  const sixMonths = hoursAgo(24 * 182);
  for (const [i, p] of people.slice(0, 8).entries()) {
    const base = {
      coherence: 'A',
      orientation: 'B',
      toilette: 'B',
      habillage: 'B',
      alimentation: 'A',
      elimination: 'A',
      transferts: 'A',
      deplacementInterieur: 'A',
      deplacementExterieur: 'B',
      communication: 'A',
    };
    await services.assessments.record(nurse, p.id, { scale: 'aggir', input: base, options: {}, assessedAt: sixMonths, comment: '' });
    const now = i === 0 ? { ...base, toilette: 'C', habillage: 'C', transferts: 'B', deplacementInterieur: 'B', elimination: 'B' } : base;
    await services.assessments.record(nurse, p.id, {
      scale: 'aggir',
      input: now,
      options: {},
      assessedAt: hoursAgo(24 * (3 + i)),
      comment: i === 0 ? 'Perte d’autonomie depuis les chutes.' : '',
    });
    assessments += 2;
  }
  await services.assessments.record(nurse, people[3]!.id, {
    scale: 'braden',
    input: { sensoryPerception: 3, moisture: 3, activity: 2, mobility: 2, nutrition: 3, frictionShear: 2 },
    options: {},
    assessedAt: hoursAgo(140),
    comment: 'Matelas à air demandé.',
  });
  assessments++;

  // Routines: the nap, and a daily phone call for one resident.
  for (const p of people.slice(0, 8))
    await services.appointments.addRoutine(assistant, p.id, {
      label: 'Sieste',
      days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
      start: '13:45',
      end: '15:00',
    });
  await services.appointments.addRoutine(assistant, people[2]!.id, { label: 'Appel de son fils', days: ['sun'], start: '17:00', end: '17:30' });

  // Appointments of the coming days: some external with transport and an accompanying nurse, some on site.
  const day = (n: number) => toLocal(new Date(Date.now() + n * 86_400_000)).slice(0, 10);
  const plan = [
    {
      p: 0,
      kind: 'examination',
      setting: 'external',
      label: 'Radiographie de la hanche',
      location: 'Centre d’imagerie, 4 av. Jean Jaurès',
      d: 2,
      s: '10:00',
      e: '10:45',
      transport: 'ambulance',
      travel: 25,
      staff: true,
    },
    {
      p: 1,
      kind: 'dentist',
      setting: 'external',
      label: 'Dentiste — Dr Petit',
      location: '12 rue des Lilas',
      d: 3,
      s: '11:30',
      e: '12:15',
      transport: 'taxi',
      travel: 20,
      staff: false,
    },
    {
      p: 2,
      kind: 'hairdresser',
      setting: 'internal',
      label: 'Coiffeur',
      location: 'Salon de coiffure (RDC)',
      d: 1,
      s: '14:00',
      e: '14:45',
      transport: 'none',
      travel: 0,
      staff: false,
    },
    {
      p: 4,
      kind: 'family_visit',
      setting: 'internal',
      label: 'Visite de la famille',
      location: 'Petit salon',
      d: 4,
      s: '15:30',
      e: '16:30',
      transport: 'none',
      travel: 0,
      staff: false,
    },
    {
      p: 5,
      kind: 'consultation',
      setting: 'external',
      label: 'Consultation cardiologie',
      location: 'Hôpital Édouard-Herriot',
      d: 6,
      s: '09:30',
      e: '10:15',
      transport: 'vsl',
      travel: 35,
      staff: true,
    },
  ] as const;
  let appointments = 0;
  for (const a of plan) {
    const p = people[a.p];
    if (!p) continue;
    await services.appointments.create(nurse, p.id, {
      kind: a.kind,
      setting: a.setting,
      label: a.label,
      location: a.location,
      start: `${day(a.d)}T${a.s}`,
      end: `${day(a.d)}T${a.e}`,
      transport: a.transport,
      travelMinutes: a.travel,
      accompaniedBy: a.staff ? nurse.actor.userId : null,
      notes: '',
      overrideConflicts: 'Créneau imposé par le cabinet',
    });
    appointments++;
  }
  // The outbox's first pass: without a gateway the reminders due are stored for the team.
  await services.outbox.runOnce();

  // A needs synthesis of the last four weeks for the first resident, waiting for the coordinating nurse.
  const today = toLocal(new Date()).slice(0, 10);
  const from = toLocal(new Date(Date.now() - 27 * 86_400_000)).slice(0, 10);
  await services.syntheses.create(idec, people[0]!.id, { from, to: today, rewrite: false });
  return { notes, assessments, appointments };
}
