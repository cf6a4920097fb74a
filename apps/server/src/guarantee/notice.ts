import type { Role } from '@presence/shared';

/** Everything a transparency notice says, in the variant's words; rendered to JSON, HTML or PDF. */
export interface Notice {
  variant: 'plain' | 'falc';
  title: string;
  person: { name: string; facility: string };
  period: { from: string; to: string };
  intro: string[];
  features: {
    slug: string;
    name: string;
    paragraphs: string[];
    objected: boolean;
    proposals: { date: string; title: string; outcome: string }[];
  }[];
  guarantees: { heading: string; paragraphs: string[] };
  generatedAt: string;
}

export interface NoticeInput {
  variant: 'plain' | 'falc';
  person: { name: string; facility: string };
  period: { from: string; to: string };
  systems: {
    slug: string;
    name: string;
    purpose: string;
    falcSummary: string;
    dataRead: string[];
    dataNeverRead: string[];
    benefits: string;
    limits: string;
    deciderRoles: Role[];
    enabled: boolean;
  }[];
  objections: { slug: string; since: string }[];
  proposals: { slug: string; createdAt: string; title: string; status: string; decidedBy: string | null; decidedAt: string | null }[];
  now: string;
}

const ROLE_FR: Record<Role, string> = {
  director: 'la direction',
  head_of_care: 'le ou la cadre de santé',
  coordination_nurse: 'l’infirmier·e coordinateur·rice',
  nurse: 'les infirmier·es',
  care_assistant: 'les aides-soignant·es',
  activity_leader: 'l’animateur·rice',
  physician: 'le médecin coordonnateur',
  secretary: 'le secrétariat',
  user_representative: 'les représentant·es des usagers',
  relative: 'les proches',
};

const frDate = (iso: string) => {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
};

function outcome(p: NoticeInput['proposals'][number], falc: boolean): string {
  const by = p.decidedBy ? ` par ${p.decidedBy}` : '';
  switch (p.status) {
    case 'accepted':
      return p.decidedBy
        ? falc
          ? `Accepté${by}.`
          : `Acceptée${by} le ${frDate(p.decidedAt!)}`
        : falc
          ? 'Appliqué tout seul, puis signalé à l’équipe.'
          : 'Appliquée automatiquement (appliquer et notifier)';
    case 'amended':
      return falc ? `Changé puis accepté${by}.` : `Modifiée puis validée${by} le ${frDate(p.decidedAt!)}`;
    case 'rejected':
      return falc ? `Refusé${by}.` : `Refusée${by} le ${frDate(p.decidedAt!)}`;
    case 'pending':
      return falc ? 'Pas encore décidé.' : 'En attente de décision';
    case 'withdrawn':
      return falc ? 'Annulé.' : 'Retirée';
    default:
      return falc ? 'Plus valable.' : 'Expirée sans décision';
  }
}

/** Pure: the notice for a person from the register, their objections and their proposals. */
export function buildNotice(input: NoticeInput): Notice {
  const falc = input.variant === 'falc';
  const used = input.systems.filter((s) => s.enabled || input.proposals.some((p) => p.slug === s.slug));
  const features = used.map((s) => {
    const objection = input.objections.find((o) => o.slug === s.slug);
    const deciders = s.deciderRoles.map((r) => ROLE_FR[r]).join(', ');
    const paragraphs = falc
      ? [
          s.falcSummary || s.purpose,
          `L’ordinateur fait seulement une proposition.`,
          `Une personne de l’équipe décide : ${deciders}.`,
          ...(s.enabled ? [] : ['Cet outil est arrêté en ce moment.']),
          ...(objection ? [`Vous avez dit non à cet outil le ${frDate(objection.since)}.`, `L’outil ne fait plus de proposition pour vous.`] : []),
        ]
      : [
          s.purpose,
          `Données utilisées : ${s.dataRead.join(', ') || 'aucune donnée personnelle'}.${s.dataNeverRead.length ? ` Jamais utilisées : ${s.dataNeverRead.join(', ')}.` : ''}`,
          `Bénéfices attendus : ${s.benefits}`,
          `Limites connues : ${s.limits}`,
          `Qui décide : chaque proposition est examinée et décidée par ${deciders}. Rien n’est appliqué sans cette décision, sauf si la direction a choisi « appliquer et notifier » pour un outil à risque minimal ; c’est alors signalé et réversible.`,
          ...(s.enabled ? [] : ['Cette fonction est actuellement désactivée par la direction.']),
          ...(objection ? [`Opposition enregistrée le ${frDate(objection.since)} : cette fonction ne produit plus rien vous concernant.`] : []),
        ];
    const proposals = input.proposals.filter((p) => p.slug === s.slug).map((p) => ({ date: frDate(p.createdAt), title: p.title, outcome: outcome(p, falc) }));
    return { slug: s.slug, name: s.name, paragraphs, objected: Boolean(objection), proposals };
  });
  const intro = falc
    ? [
        `Ce document parle de vous : ${input.person.name}.`,
        `${input.person.facility} utilise des outils d’ordinateur.`,
        `On appelle ces outils « intelligence artificielle » ou « IA ».`,
        `Ces outils aident l’équipe à préparer son travail.`,
        `Le temps gagné est pour vous.`,
        features.length ? `Voici les outils utilisés pour vous.` : `Aucun outil d’IA n’est utilisé pour vous en ce moment.`,
      ]
    : [
        `Cette notice explique comment ${input.person.facility} utilise des outils d’intelligence artificielle (IA) dans l’accompagnement de ${input.person.name}, et ce qu’ils ont proposé entre le ${frDate(input.period.from)} et le ${frDate(input.period.to)}.`,
        `Ces outils préparent des propositions pour libérer du temps de l’équipe au profit de la relation avec vous. Ils ne décident jamais : une professionnelle ou un professionnel nommé examine chaque proposition.`,
        ...(features.length ? [] : ['Aucune fonction d’IA n’est utilisée actuellement dans votre accompagnement.']),
      ];
  const guarantees = falc
    ? {
        heading: 'Vos droits',
        paragraphs: [
          'Vous pouvez dire non à un outil.',
          'Vous pouvez changer d’avis plus tard.',
          'Votre proche ou votre représentant peut le dire pour vous.',
          'Vous pouvez demander qu’une personne regarde votre situation.',
          'Vous pouvez faire une réclamation.',
          'Pour cela, parlez à l’équipe ou utilisez le bouton « Demander un examen humain ».',
        ],
      }
    : {
        heading: 'Vos garanties',
        paragraphs: [
          'Décision humaine : chaque proposition est décidée par une personne nommée ; son nom et la date figurent à côté de tout contenu issu d’une proposition (« Proposé par l’IA · validé par … »).',
          'Opposition : vous, votre représentant légal ou votre personne de confiance pouvez vous opposer à tout moment à une fonction d’IA, sans justification ; l’opposition prend effet immédiatement et peut être levée.',
          'Examen humain : vous pouvez demander qu’un professionnel réexamine une proposition ou votre situation (bouton « Demander un examen humain » ou auprès de l’équipe) ; l’infirmier·e coordinateur·rice reçoit la demande.',
          'Réclamation : vous pouvez adresser une réclamation à la direction ou au conseil de la vie sociale (CVS). Les réclamations liées à l’IA sont examinées par un collège de garantie humaine qui comprend des représentants des usagers.',
          'Vos données : chaque consultation de votre dossier est enregistrée dans un journal infalsifiable que la direction peut contrôler.',
        ],
      };
  return {
    variant: input.variant,
    title: falc ? 'L’intelligence artificielle et vous' : 'Notice d’information : l’intelligence artificielle dans votre accompagnement',
    person: input.person,
    period: input.period,
    intro,
    features,
    guarantees,
    generatedAt: input.now,
  };
}
