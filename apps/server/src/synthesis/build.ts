/**
 * The needs synthesis, built extractively from a person's records: every sentence is written from named records and
 * carries links to them, so a reader can open what it says. Pure: the service gathers the records, this module writes.
 *
 * People are not reduced to numbers: besides signals and scores, the synthesis keeps what the person said they want
 * (quoted as written) and moments of life, relations and emotions found in the notes.
 */
import { NOTE_SIGNAL_LABELS_FR, type NoteSignal } from '@presence/shared';

export const SYNTHESIS_VERSION = '1.0.0';

export type SourceType = 'care_note' | 'assessment' | 'assessment_due' | 'activity_session' | 'appointment' | 'goal' | 'care_plan' | 'person_profile';
export interface SourceRef {
  type: SourceType;
  id: string;
  /** When the record happened, for the link's tooltip. */
  at?: string;
}
export interface SynthesisSentence {
  /** S1, S2… in reading order: what an LLM rewrite cites. */
  id: string;
  text: string;
  sources: SourceRef[];
}
export const SECTION_KEYS = ['signals', 'assessments', 'activities', 'appointments', 'goals', 'wishes', 'life'] as const;
export type SectionKey = (typeof SECTION_KEYS)[number];
export interface SynthesisSection {
  key: SectionKey;
  title: string;
  sentences: SynthesisSentence[];
}
export interface SynthesisContent {
  version: string;
  personName: string;
  from: string;
  to: string;
  sections: SynthesisSection[];
}

export interface SynthesisNote {
  id: string;
  at: string;
  text: string;
  /** Affirmed, current signals about the person (null when the note was not analysed: objection or feature off). */
  signals: NoteSignal[] | null;
}
export interface SynthesisAssessment {
  id: string;
  at: string;
  scale: string;
  label: string;
  summary: string;
  by: string;
}
export interface SynthesisInput {
  personName: string;
  from: string;
  to: string;
  /** Notes of the period and of the period before it (same length), for trends. */
  notes: SynthesisNote[];
  /** False when the note analyser may not read this person's notes (objection or feature off). */
  analysed: boolean;
  /** Assessments of the period, and the latest one of each scale before it (for comparison). */
  assessments: SynthesisAssessment[];
  dues: { id: string; label: string; dueBy: string; doneAt: string | null }[];
  sessions: { id: string; day: string; activity: string; status: 'present' | 'absent' | 'declined' | null; engagement: number | null }[];
  appointments: { id: string; start: string; label: string; kind: string; status: string }[];
  plan: { id: string; reviewDate: string; agreement: string; agreementNote: string | null } | null;
  goals: { id: string; title: string; domain: string; targetDate: string | null; status: string }[];
  profile: { personId: string; interests: string[]; dislikes: string[] } | null;
}

export const frDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

/** Sentences of a text (notes are short: split on . ! ? and line breaks). */
export function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[.!?…])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** The person speaking of what they want: « souhaite », « aimerait », « demande à »… (not the family's wishes). */
const WISH =
  /\b(souhaite|souhaiterait|voudrait|veut|aimerait|demande (?:à|a|de|si)|dit vouloir|a envie|réclame|exprime le souhait|désire|ne veut (?:plus|pas))\b/i;
const OTHER_SPEAKER = /\b(sa|son|ses) (fille|fils|famille|épouse|époux|mari|femme|neveu|nièce|petite?-(?:fille|fils)|sœur|soeur|frère)\b|\bla famille\b/i;
/** Moments of life, relations and emotions. */
const LIFE =
  /\b(visite|a reçu|appel(?:é|le)? (?:de|par)|téléphon|famille|fille|fils|petits?-enfants|petite?-(?:fille|fils)|ami(?:e|s)?|sourire|souri(?:t|ante|ant)|rit|ri\b|joyeu(?:x|se)|heureu(?:x|se)|content(?:e)?|plaisir|a chanté|chante|a dansé|danse|fière?|apais(?:é|ée)|sereine?|promenade|jardin|anniversaire|a raconté|raconte|souvenirs?)\b/i;

/** Build the synthesis; deterministic for a given input. */
export function buildSynthesis(input: SynthesisInput): SynthesisContent {
  const sections: SynthesisSection[] = [
    { key: 'signals', title: 'Signes relevés dans les transmissions', sentences: [] },
    { key: 'assessments', title: 'Évaluations', sentences: [] },
    { key: 'activities', title: 'Activités et participation', sentences: [] },
    { key: 'appointments', title: 'Rendez-vous', sentences: [] },
    { key: 'goals', title: 'Objectifs du projet personnalisé', sentences: [] },
    { key: 'wishes', title: 'Ce que la personne a dit souhaiter', sentences: [] },
    { key: 'life', title: 'Vie quotidienne, relations et émotions', sentences: [] },
  ];
  const add = (key: SectionKey, text: string, sources: SourceRef[]) => sections.find((s) => s.key === key)!.sentences.push({ id: '', text, sources });
  const inPeriod = (iso: string) => iso.slice(0, 10) >= input.from && iso.slice(0, 10) <= input.to;
  const periodNotes = input.notes.filter((n) => inPeriod(n.at));
  const noteRef = (n: SynthesisNote): SourceRef => ({ type: 'care_note', id: n.id, at: n.at });

  // Signals and their trend against the period before.
  if (!input.analysed)
    add(
      'signals',
      'La pré-analyse des transmissions n’est pas utilisée pour cette personne (opposition ou fonction désactivée) : les signes ne sont pas résumés.',
      [],
    );
  else {
    const counts = new Map<NoteSignal, { now: SynthesisNote[]; before: number }>();
    for (const n of input.notes) {
      for (const s of new Set(n.signals ?? [])) {
        const c = counts.get(s) ?? { now: [], before: 0 };
        if (inPeriod(n.at)) c.now.push(n);
        else if (n.at.slice(0, 10) < input.from) c.before++;
        counts.set(s, c);
      }
    }
    const rows = [...counts.entries()].filter(([, c]) => c.now.length > 0).sort((a, b) => b[1].now.length - a[1].now.length || a[0].localeCompare(b[0]));
    if (rows.length === 0)
      add('signals', `Aucun signe à suivre relevé dans les ${plural(periodNotes.length, 'transmission', 'transmissions')} de la période.`, []);
    for (const [signal, c] of rows) {
      const trend =
        c.before === 0
          ? 'aucune la période précédente'
          : c.now.length > c.before
            ? `en hausse (${c.before} la période précédente)`
            : c.now.length < c.before
              ? `en baisse (${c.before} la période précédente)`
              : 'stable par rapport à la période précédente';
      const label = NOTE_SIGNAL_LABELS_FR[signal];
      add(
        'signals',
        `${label[0]!.toUpperCase()}${label.slice(1)} : ${plural(c.now.length, 'transmission', 'transmissions')} sur la période, ${trend}.`,
        c.now.map(noteRef),
      );
    }
    const disappeared = [...counts.entries()].filter(([, c]) => c.now.length === 0 && c.before > 0).map(([s]) => NOTE_SIGNAL_LABELS_FR[s]);
    if (disappeared.length) add('signals', `Plus mentionné sur la période (présent la période précédente) : ${disappeared.join(', ')}.`, []);
  }

  // Assessments: each one of the period, compared with the previous one of its scale.
  const byScale = new Map<string, SynthesisAssessment[]>();
  for (const a of [...input.assessments].sort((x, y) => x.at.localeCompare(y.at))) byScale.set(a.scale, [...(byScale.get(a.scale) ?? []), a]);
  for (const list of byScale.values()) {
    list.forEach((a, k) => {
      if (!inPeriod(a.at)) return;
      const prev = list[k - 1];
      add('assessments', `${a.label} le ${frDate(a.at)} (${a.by}) : ${a.summary}${prev ? ` ; précédemment ${prev.summary} le ${frDate(prev.at)}` : ''}.`, [
        { type: 'assessment', id: a.id, at: a.at },
        ...(prev ? [{ type: 'assessment' as const, id: prev.id, at: prev.at }] : []),
      ]);
    });
  }
  for (const d of input.dues.filter((x) => !x.doneAt))
    add('assessments', `À faire avant le ${frDate(d.dueBy)} : ${d.label}.`, [{ type: 'assessment_due', id: d.id }]);
  if (sections[1]!.sentences.length === 0) add('assessments', 'Aucune évaluation sur la période.', []);

  // Activities: invitations, attendance, engagement, what was attended most.
  const sessions = input.sessions.filter((s) => inPeriod(s.day));
  if (sessions.length === 0) add('activities', 'Aucune activité proposée sur la période.', []);
  else {
    const ref = (s: (typeof sessions)[number]): SourceRef => ({ type: 'activity_session', id: s.id, at: s.day });
    const present = sessions.filter((s) => s.status === 'present');
    const declined = sessions.filter((s) => s.status === 'declined');
    const absent = sessions.filter((s) => s.status === 'absent');
    const engaged = present.filter((s) => s.engagement !== null);
    const mean = engaged.length ? engaged.reduce((t, s) => t + s.engagement!, 0) / engaged.length : null;
    add(
      'activities',
      `${plural(sessions.length, 'séance proposée', 'séances proposées')} : ${present.length} suivie${present.length > 1 ? 's' : ''}, ${declined.length} refusée${declined.length > 1 ? 's' : ''}, ${absent.length} absence${absent.length > 1 ? 's' : ''}${mean !== null ? ` ; engagement moyen ${mean.toFixed(1).replace('.', ',')} sur 3` : ''}.`,
      sessions.map(ref),
    );
    const liked = new Map<string, typeof present>();
    for (const s of present.filter((x) => (x.engagement ?? 0) >= 2)) liked.set(s.activity, [...(liked.get(s.activity) ?? []), s]);
    const top = [...liked.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0])).slice(0, 3);
    if (top.length)
      add(
        'activities',
        `Participation engagée à : ${top.map(([a]) => a).join(', ')}.`,
        top.flatMap(([, l]) => l.map(ref)),
      );
    const refused = new Map<string, typeof declined>();
    for (const s of declined) refused.set(s.activity, [...(refused.get(s.activity) ?? []), s]);
    const often = [...refused.entries()].filter(([, l]) => l.length >= 2);
    if (often.length)
      add(
        'activities',
        `Refusé plusieurs fois : ${often.map(([a, l]) => `${a} (${l.length})`).join(', ')}.`,
        often.flatMap(([, l]) => l.map(ref)),
      );
  }

  // Appointments of the period and the next ones.
  const appts = input.appointments.filter((a) => a.status !== 'cancelled');
  const past = appts.filter((a) => inPeriod(a.start));
  const next = appts.filter((a) => a.start.slice(0, 10) > input.to).slice(0, 5);
  for (const a of past)
    add('appointments', `${frDate(a.start)} : ${a.label}${a.status === 'done' ? ' (fait)' : ''}.`, [{ type: 'appointment', id: a.id, at: a.start }]);
  if (next.length)
    add(
      'appointments',
      `Prochains rendez-vous : ${next.map((a) => `${a.label} le ${frDate(a.start)}`).join(' ; ')}.`,
      next.map((a) => ({ type: 'appointment' as const, id: a.id, at: a.start })),
    );
  if (!past.length && !next.length) add('appointments', 'Aucun rendez-vous sur la période ni prévu.', []);

  // Goals of the active plan.
  if (!input.plan) add('goals', 'Pas de projet personnalisé actif.', []);
  else {
    const open = input.goals.filter((g) => g.status === 'open');
    const achieved = input.goals.filter((g) => g.status === 'achieved');
    add(
      'goals',
      `Projet personnalisé à réviser le ${frDate(input.plan.reviewDate)} ; ${plural(open.length, 'objectif ouvert', 'objectifs ouverts')}, ${achieved.length} atteint${achieved.length > 1 ? 's' : ''}.`,
      [{ type: 'care_plan', id: input.plan.id }],
    );
    for (const g of open) add('goals', `Objectif : ${g.title}${g.targetDate ? ` (échéance ${frDate(g.targetDate)})` : ''}.`, [{ type: 'goal', id: g.id }]);
  }

  // What the person said they want: their words in the notes, their agreement to the plan, what they like.
  const wishes: { n: SynthesisNote; s: string }[] = [];
  for (const n of [...periodNotes].sort((a, b) => b.at.localeCompare(a.at)))
    for (const s of sentencesOf(n.text)) if (WISH.test(s) && !OTHER_SPEAKER.test(s)) wishes.push({ n, s });
  for (const { n, s } of wishes.slice(0, 6)) add('wishes', `Le ${frDate(n.at)} : « ${s.replace(/[.]$/, '')} ».`, [noteRef(n)]);
  if (input.plan?.agreementNote)
    add('wishes', `Sur son projet personnalisé : « ${input.plan.agreementNote.replace(/[.]$/, '')} ».`, [{ type: 'care_plan', id: input.plan.id }]);
  if (input.profile && (input.profile.interests.length || input.profile.dislikes.length)) {
    const likes = input.profile.interests.length ? `aime ${input.profile.interests.slice(0, 6).join(', ')}` : '';
    const dislikes = input.profile.dislikes.length ? `n’aime pas ${input.profile.dislikes.slice(0, 4).join(', ')}` : '';
    add('wishes', `D’après son profil, ${[likes, dislikes].filter(Boolean).join(' ; ')}.`, [{ type: 'person_profile', id: input.profile.personId }]);
  }
  if (sections[5]!.sentences.length === 0) add('wishes', 'Aucun souhait noté sur la période : à demander à la personne.', []);

  // Life, relations and emotions, as written (most recent first).
  const life: { n: SynthesisNote; s: string }[] = [];
  for (const n of [...periodNotes].sort((a, b) => b.at.localeCompare(a.at)))
    for (const s of sentencesOf(n.text)) if (LIFE.test(s) && !WISH.test(s)) life.push({ n, s });
  for (const { n, s } of life.slice(0, 5)) add('life', `Le ${frDate(n.at)} : « ${s.replace(/[.]$/, '')} ».`, [noteRef(n)]);
  if (life.length === 0) add('life', 'Rien de noté sur la période à propos de sa vie quotidienne, de ses proches ou de ses émotions.', []);

  let k = 0;
  for (const s of sections) for (const sentence of s.sentences) sentence.id = `S${++k}`;
  return { version: SYNTHESIS_VERSION, personName: input.personName, from: input.from, to: input.to, sections };
}
