/**
 * Care texts for the demo data: capacity notes, goals of the personalised support plan (projet personnalisé)
 * and notes on the person's agreement.
 */
import type { CAPACITY_DOMAINS, GOAL_DOMAINS, PLAN_AGREEMENTS } from '@presence/shared';

export type CapacityDomain = (typeof CAPACITY_DOMAINS)[number];
export type GoalDomain = (typeof GOAL_DOMAINS)[number];
export type PlanAgreement = (typeof PLAN_AGREEMENTS)[number];
export type Levels = Record<CapacityDomain, number>;

/** Notes by domain, then by level 0–3. An empty list means "no note". */
export const CAPACITY_NOTES: Record<CapacityDomain, readonly (readonly string[])[]> = {
  mobility: [
    ["Marche sans aide technique, y compris à l'extérieur.", "Se déplace sans aide dans tout l'établissement.", ''],
    [
      'Marche avec une canne ; prudence dans les escaliers.',
      'Marche lente, fatigable sur les longues distances.',
      'Une chute sans gravité ces derniers mois ; chaussage à surveiller.',
    ],
    [
      'Déambulateur pour tous les déplacements ; aide pour se relever.',
      'Fauteuil roulant pour les trajets longs, quelques pas avec aide.',
      "Transferts avec l'aide d'une personne.",
    ],
    [
      'Fauteuil roulant, transferts au lève-personne.',
      'Alitement une grande partie de la journée ; transferts à deux soignants.',
      'Ne se déplace plus sans aide ; verticalisation difficile.',
    ],
  ],
  vision: [
    ['Lunettes de lecture uniquement.', ''],
    ['Cataracte opérée ; lunettes en permanence.', 'Difficulté à lire les petits caractères.', 'Voit mal dans la pénombre : bien éclairer la chambre.'],
    ['DMLA : lit avec une loupe, documents en gros caractères.', "Glaucome, champ visuel réduit : s'annoncer avant de toucher."],
    ['Malvoyance sévère ; repères tactiles dans la chambre.', 'Cécité quasi complète ; se repère à la voix.'],
  ],
  hearing: [
    ['', 'Audition conservée.'],
    [
      'Entend mieux du côté droit ; parler face à la personne.',
      'Appareils auditifs, pas toujours portés.',
      'Le bruit de la salle à manger gêne la compréhension.',
    ],
    ['Appareils auditifs des deux côtés ; parler lentement et distinctement.', 'Presbyacousie importante ; vérifier les piles des appareils.'],
    ['Surdité profonde ; communication par écrit et par gestes.', "N'entend presque plus, même appareillé ; ardoise dans la chambre."],
  ],
  cognition: [
    ['Orientation et mémoire préservées.', ''],
    ["Oublis récents ; s'aide d'un agenda.", 'Troubles cognitifs légers, bilan mémoire réalisé.', 'Se fatigue vite lors des conversations longues.'],
    [
      "Maladie d'Alzheimer diagnostiquée ; désorientation dans le temps.",
      'Troubles de la mémoire ; a besoin de repères et de rappels.',
      'Trouble neurocognitif modéré ; anxiété en fin de journée.',
    ],
    [
      'Troubles cognitifs sévères ; privilégier la communication non verbale.',
      "Désorientation dans le temps et l'espace, déambulation fréquente.",
      'Ne reconnaît pas toujours ses proches ; a besoin de réassurance.',
    ],
  ],
};

export interface GoalContext {
  levels: Levels;
  kind: 'ehpad' | 'day_care' | 'ssiad';
  hasFamily: boolean;
  livesWithSpouse: boolean;
  interest: string;
}

export interface GoalTemplate {
  domain: GoalDomain;
  title: string | ((c: GoalContext) => string);
  description: string | null;
  fits?: (c: GoalContext) => boolean;
}

const lv = (c: GoalContext) => c.levels;
const home = (c: GoalContext) => c.kind !== 'ehpad';

export const GOALS: readonly GoalTemplate[] = [
  // mobility
  {
    domain: 'mobility',
    title: "Maintenir la marche avec déambulateur jusqu'à la salle à manger",
    description: 'Accompagnement à la marche pour le repas de midi ; fauteuil seulement en cas de fatigue.',
    fits: (c) => lv(c).mobility === 2 && !home(c),
  },
  { domain: 'mobility', title: 'Marcher dix minutes chaque jour dans le jardin, avec un accompagnement', description: null, fits: (c) => lv(c).mobility <= 2 },
  {
    domain: 'mobility',
    title: 'Prévenir les chutes : chaussage adapté et lever accompagné',
    description: 'Vérifier les chaussures, la lumière la nuit et la sonnette à portée de main.',
    fits: (c) => lv(c).mobility >= 1,
  },
  {
    domain: 'mobility',
    title: "Réaliser les transferts lit-fauteuil avec l'aide d'une seule personne",
    description: 'Travail avec le kinésithérapeute sur le lever.',
    fits: (c) => lv(c).mobility >= 2,
  },
  { domain: 'mobility', title: "Participer à l'atelier de gym douce deux fois par semaine", description: null, fits: (c) => lv(c).mobility <= 2 },
  { domain: 'mobility', title: "Installer au fauteuil chaque après-midi pour limiter l'alitement", description: null, fits: (c) => lv(c).mobility === 3 },
  {
    domain: 'mobility',
    title: "Séances de kinésithérapie pour l'équilibre, deux fois par semaine",
    description: 'Prescription du médecin traitant, à réévaluer dans trois mois.',
    fits: (c) => lv(c).mobility >= 1 && lv(c).mobility <= 2,
  },
  // autonomy
  {
    domain: 'autonomy',
    title: 'Réaliser la toilette du haut du corps en autonomie, matériel préparé',
    description: "Guidance verbale ; l'aide-soignante intervient pour le dos et les jambes.",
    fits: (c) => lv(c).cognition <= 2 && lv(c).mobility <= 2,
  },
  { domain: 'autonomy', title: 'Choisir ses vêtements chaque matin parmi deux tenues proposées', description: null },
  { domain: 'autonomy', title: "Continuer à gérer son argent de poche, avec l'aide de la famille", description: null, fits: (c) => lv(c).cognition <= 1 },
  {
    domain: 'autonomy',
    title: 'Prendre ses repas sans aide, avec des couverts adaptés',
    description: 'Couverts à gros manche et assiette à rebord.',
    fits: (c) => lv(c).mobility <= 2,
  },
  { domain: 'autonomy', title: "Garder la maîtrise de ses horaires : lever et coucher à l'heure souhaitée", description: null, fits: (c) => !home(c) },
  {
    domain: 'autonomy',
    title: 'Maintenir les gestes du quotidien à domicile : préparer un café, mettre la table',
    description: "En lien avec l'aidant, sans faire à la place.",
    fits: home,
  },
  // social
  { domain: 'social', title: 'Participer à une activité collective par semaine', description: null },
  {
    domain: 'social',
    title: (c) => `Participer à un atelier autour de son centre d'intérêt : ${c.interest}`,
    description: "Proposé par l'animatrice en fonction de son histoire de vie.",
  },
  { domain: 'social', title: "Prendre le repas de midi en salle à manger plutôt qu'en chambre", description: null, fits: (c) => !home(c) },
  { domain: 'social', title: "Rompre l'isolement : visite d'un bénévole une fois par semaine", description: null, fits: (c) => !c.hasFamily },
  {
    domain: 'social',
    title: "Participer aux sorties mensuelles organisées par l'animation",
    description: 'Marché, musée, guinguette au bord de la Saône selon la saison.',
    fits: (c) => lv(c).mobility <= 2,
  },
  { domain: 'social', title: 'Pouvoir se rendre à la célébration religieuse de son choix', description: null },
  // health
  {
    domain: 'health',
    title: 'Évaluer la douleur deux fois par jour et adapter le traitement avec le médecin',
    description: "Échelle Algoplus si la personne ne peut pas s'exprimer.",
    fits: (c) => lv(c).mobility >= 1,
  },
  {
    domain: 'health',
    title: 'Prévenir les escarres : changements de position toutes les trois heures',
    description: 'Matelas à air, surveillance des talons et du sacrum.',
    fits: (c) => lv(c).mobility === 3,
  },
  { domain: 'health', title: 'Préserver un sommeil de qualité sans somnifère supplémentaire', description: null },
  { domain: 'health', title: 'Suivi dentaire : consultation annuelle et entretien de la prothèse', description: null },
  { domain: 'health', title: 'Veiller au port des lunettes et à leur entretien quotidien', description: null, fits: (c) => lv(c).vision >= 1 },
  {
    domain: 'health',
    title: 'Porter les appareils auditifs en journée ; piles vérifiées chaque lundi',
    description: null,
    fits: (c) => lv(c).hearing >= 1 && lv(c).hearing <= 2,
  },
  { domain: 'health', title: 'Organiser un bilan ophtalmologique', description: 'Rendez-vous à prendre avec la famille.', fits: (c) => lv(c).vision >= 2 },
  // wellbeing
  { domain: 'wellbeing', title: 'Proposer un bain relaxant une fois par semaine', description: null, fits: (c) => !home(c) },
  { domain: 'wellbeing', title: 'Maintenir le rendez-vous chez la coiffeuse tous les quinze jours', description: null },
  {
    domain: 'wellbeing',
    title: 'Personnaliser la chambre avec des photos et des objets familiers',
    description: "Avec ses proches ou l'équipe d'animation.",
    fits: (c) => !home(c),
  },
  { domain: 'wellbeing', title: 'Profiter du jardin dès que le temps le permet', description: null },
  {
    domain: 'wellbeing',
    title: "Séances de musique pour apaiser l'anxiété de fin de journée",
    description: 'Chansons de sa jeunesse ; noter les effets dans les transmissions.',
    fits: (c) => lv(c).cognition >= 2,
  },
  { domain: 'wellbeing', title: 'Un temps calme individuel avec un soignant chaque semaine', description: null },
  // cognition
  {
    domain: 'cognition',
    title: 'Stimuler la mémoire : atelier mémoire deux fois par semaine',
    description: null,
    fits: (c) => lv(c).cognition >= 1 && lv(c).cognition <= 2,
  },
  {
    domain: 'cognition',
    title: "Maintenir l'orientation : calendrier et horloge visibles, rappel de la date chaque matin",
    description: null,
    fits: (c) => lv(c).cognition >= 1,
  },
  {
    domain: 'cognition',
    title: "Réduire l'agitation de fin de journée par une activité apaisante",
    description: 'Promenade, pliage de linge ou musique selon ses goûts.',
    fits: (c) => lv(c).cognition >= 2,
  },
  { domain: 'cognition', title: "Feuilleter l'album de vie avec un proche ou un soignant", description: null, fits: (c) => lv(c).cognition >= 2 },
  { domain: 'cognition', title: 'Continuer les mots croisés quotidiens', description: null, fits: (c) => lv(c).cognition <= 1 && lv(c).vision <= 1 },
  {
    domain: 'cognition',
    title: 'Séance de stimulation sensorielle (espace Snoezelen) une fois par semaine',
    description: null,
    fits: (c) => lv(c).cognition === 3,
  },
  // nutrition
  { domain: 'nutrition', title: "Maintenir le poids : collation enrichie l'après-midi, pesée mensuelle", description: null },
  {
    domain: 'nutrition',
    title: 'Boire au moins 1,5 litre par jour, avec des boissons proposées toutes les heures',
    description: 'Eau gélifiée si nécessaire.',
  },
  {
    domain: 'nutrition',
    title: 'Adapter les textures pour manger en sécurité',
    description: "Texture hachée, avis de l'orthophoniste sur la déglutition.",
    fits: (c) => lv(c).cognition >= 2 || lv(c).mobility === 3,
  },
  { domain: 'nutrition', title: 'Respecter ses préférences alimentaires et ses habitudes de repas', description: null },
  {
    domain: 'nutrition',
    title: "Participer à l'atelier cuisine une fois par mois",
    description: null,
    fits: (c) => lv(c).mobility <= 2 && lv(c).cognition <= 2,
  },
  {
    domain: 'nutrition',
    title: "Proposer des aliments à manger avec les doigts pour préserver l'autonomie au repas",
    description: 'Manger-mains au dîner.',
    fits: (c) => lv(c).cognition === 3,
  },
  // family
  { domain: 'family', title: 'Maintenir le lien familial : appel vidéo chaque semaine avec ses proches', description: null, fits: (c) => c.hasFamily },
  {
    domain: 'family',
    title: 'Organiser un repas avec la famille dans le salon des familles chaque trimestre',
    description: null,
    fits: (c) => c.hasFamily && !home(c),
  },
  { domain: 'family', title: 'Associer le proche référent à la révision du projet personnalisé', description: null, fits: (c) => c.hasFamily },
  {
    domain: 'family',
    title: 'Soutenir le conjoint aidant : lui proposer le groupe de parole des aidants',
    description: 'Rencontre mensuelle animée par la psychologue.',
    fits: (c) => c.livesWithSpouse,
  },
  {
    domain: 'family',
    title: "Préserver le répit de l'aidant grâce aux journées d'accueil",
    description: null,
    fits: (c) => c.kind === 'day_care' && c.hasFamily,
  },
];

export const AGREEMENT_NOTES: Record<PlanAgreement, readonly string[]> = {
  agreed: [
    'Projet relu avec la personne, qui a donné son accord.',
    "Accord recueilli en présence d'un proche.",
    'Objectifs discutés lors du rendez-vous de projet personnalisé ; accord oral.',
  ],
  partially_agreed: [
    "D'accord pour les ateliers, mais refuse la kinésithérapie.",
    "Souhaite garder la toilette du soir telle qu'elle est aujourd'hui.",
    'Refuse la pesée mensuelle, accepte le reste du projet.',
    'Accepte les objectifs de mobilité, pas encore ceux des activités collectives.',
  ],
  pending: [
    'Rencontre avec la famille prévue pour finaliser le projet.',
    'Recueil du consentement difficile ; nouvelle présentation prévue avec un proche.',
    'Entretien prévu avec la personne pour finaliser les objectifs.',
  ],
  refused: ['Ne souhaite pas de projet écrit ; ses souhaits sont notés dans le dossier.', 'Refuse pour le moment ; à reproposer dans trois mois.'],
};
