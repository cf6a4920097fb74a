/**
 * The AI-literacy modules (AI Act, article 4: deployers ensure their staff's AI literacy): one short French module per
 * AI feature — what it does and its limits (from the register), automation bias, how to override, how to report a
 * problem — and a few questions. Passing means answering every question right; a new version asks again.
 */
export const LITERACY_VERSION = '2026-12';

export interface LiteracyQuestion {
  id: string;
  text: string;
  choices: string[];
  answer: number;
  /** Shown after answering, right or wrong. */
  why: string;
}

export const COMMON_SECTIONS = {
  automationBias: [
    'Le biais d’automatisation, c’est faire confiance à une proposition parce qu’elle vient d’un outil. Plus l’outil a souvent raison, plus on vérifie moins : c’est justement là que ses erreurs passent.',
    'Avant de décider, relisez l’explication : sur quelles données la proposition repose-t-elle ? Correspond-elle à ce que vous savez de la personne aujourd’hui ?',
  ],
  override: [
    'Vous restez libre : accepter, modifier ou refuser. Modifier ou refuser demande un motif, qui sert à améliorer l’outil et à le contrôler.',
    'Un refus n’est jamais une faute : le collège de garantie humaine examine aussi les propositions acceptées trop vite.',
  ],
  report: [
    'Un problème avec une proposition (contenu faux, explication incompréhensible, personne mise en difficulté) se signale : motif de refus, note à l’IDEC ou à la direction, ou plainte enregistrée « liée à l’IA ».',
    'La personne accompagnée peut s’opposer à l’usage d’une fonction pour elle et demander un réexamen humain : informez-la de ce droit.',
  ],
};

const COMMON_QUESTIONS: LiteracyQuestion[] = [
  {
    id: 'bias',
    text: 'Une proposition de l’outil vous paraît étrange, mais l’outil se trompe rarement. Que faites-vous ?',
    choices: [
      'Je l’accepte : l’outil a sûrement raison',
      'Je relis l’explication et je décide selon ce que je sais de la personne',
      'Je la laisse en attente sans rien dire',
    ],
    answer: 1,
    why: 'C’est le biais d’automatisation : la fiabilité habituelle de l’outil ne dispense pas de vérifier chaque proposition.',
  },
  {
    id: 'report',
    text: 'Une proposition a mis une personne en difficulté. Comment le signaler ?',
    choices: ['Ce n’est pas à moi de le signaler', 'Par le motif de refus, une note à l’IDEC ou une plainte liée à l’IA', 'En désactivant l’outil moi-même'],
    answer: 1,
    why: 'Les signalements alimentent le collège de garantie humaine, qui examine ces propositions et décide des actions correctives.',
  },
];

const SPECIFIC: Record<string, LiteracyQuestion> = {
  'activity-recommender': {
    id: 'specific',
    text: 'Une activité est suggérée à un résident qui n’aime pas les groupes. Que vérifier d’abord ?',
    choices: ['Ses goûts et habitudes notés dans son profil', 'Le nombre de places dans l’activité', 'Rien : la suggestion tient compte de tout'],
    answer: 0,
    why: 'La suggestion se fonde sur le profil : s’il est incomplet ou ancien, elle peut passer à côté de ce que la personne souhaite.',
  },
  'activity-planner': {
    id: 'specific',
    text: 'Le planning proposé pour la semaine laisse un résident sans aucune activité. Que faire ?',
    choices: ['Publier tel quel', 'Modifier le planning avant de le publier, avec le motif', 'Attendre la semaine suivante'],
    answer: 1,
    why: 'Le planificateur optimise des contraintes ; l’animatrice garde la main pour l’équité entre résidents.',
  },
  'roster-solver': {
    id: 'specific',
    text: 'Le planning des équipes proposé respecte les règles, mais donne trois week-ends de suite à la même personne. Que faire ?',
    choices: ['Publier : les règles sont respectées', 'Ajuster les cases concernées et publier avec un motif', 'Relancer le calcul jusqu’à ce que ça change'],
    answer: 1,
    why: 'Respecter les règles n’est pas toujours être juste : l’équité entre salariés reste une décision de la cadre.',
  },
  'note-analyzer': {
    id: 'specific',
    text: 'La pré-analyse d’une transmission propose la cible « chute » alors que la note parle d’une chute il y a deux ans. Que faire ?',
    choices: ['Accepter la cible', 'Refuser : l’outil a mal lu le contexte (antécédent)', 'Supprimer la transmission'],
    answer: 1,
    why: 'L’analyse repère des mots et leur contexte ; elle peut confondre un antécédent et un événement récent.',
  },
  'needs-synthesis': {
    id: 'specific',
    text: 'Une phrase de la synthèse des besoins vous semble fausse. Que faire ?',
    choices: ['Ouvrir sa source pour vérifier, puis corriger avant de valider', 'Valider : elle vient du dossier', 'La copier dans le projet personnalisé'],
    answer: 0,
    why: 'Chaque phrase renvoie à sa source : c’est le moyen de vérifier ce qu’elle résume.',
  },
  'appointment-slots': {
    id: 'specific',
    text: 'Le créneau le mieux classé tombe pendant la sieste habituelle de la personne. Que faire ?',
    choices: ['Le prendre : il est classé premier', 'Choisir un autre créneau qui respecte ses habitudes', 'Annuler le rendez-vous'],
    answer: 1,
    why: 'Les habitudes ne sont prises en compte que si elles sont notées ; votre connaissance de la personne prime.',
  },
  'telemonitoring-rules': {
    id: 'specific',
    text: 'Une alerte de poids arrive pour une personne qui vous dit aller bien. Que faire ?',
    choices: ['Clore en fausse alerte sans rien faire', 'Appeler ou voir la personne, faire refaire la mesure, puis décider', 'Appeler le 15 systématiquement'],
    answer: 1,
    why: 'Une alerte est une proposition d’intervenir : le contact humain et la vérification de la mesure décident de la suite.',
  },
};

export function questionsFor(slug: string): LiteracyQuestion[] | null {
  const specific = SPECIFIC[slug];
  return specific ? [specific, ...COMMON_QUESTIONS] : null;
}
