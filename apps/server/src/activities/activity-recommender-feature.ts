import { z } from 'zod';
import type { GuaranteeService } from '../guarantee/guarantee-service.js';
import { validationError } from '../http/errors.js';
import { RECOMMENDER_VERSION } from './recommender.js';
import * as repo from './activities-repository.js';

export const RECOMMENDER_SLUG = 'activity-recommender';
export const SUGGESTIONS_KIND = 'activity.suggestions';

export const suggestionsContent = z
  .object({
    items: z
      .array(
        z
          .object({
            activityKey: z.string().min(1).max(80),
            rank: z.number().int().min(1).max(50),
            score: z.number().min(0).max(1).optional(),
            reasons: z.array(z.string().max(300)).max(12).default([]),
          })
          .strict(),
      )
      .min(1)
      .max(20),
  })
  .strict()
  .refine((c) => new Set(c.items.map((i) => i.activityKey)).size === c.items.length, { path: ['items'], message: 'An activity appears twice' });
export type SuggestionsContent = z.output<typeof suggestionsContent>;

/** The register entry and the one effect of the activity recommender: a person's suggested activities. */
export function registerActivityRecommender(g: GuaranteeService): void {
  g.defineSystem({
    slug: RECOMMENDER_SLUG,
    name: 'Suggestions d’activités personnalisées',
    purpose:
      'Proposer à chaque personne des activités qui lui ressemblent : d’après ses centres d’intérêt, son histoire de vie, les objectifs de son projet personnalisé et ses capacités, puis d’après sa participation réelle.',
    intendedUsers: ['activity_leader', 'coordination_nurse', 'head_of_care'],
    dataRead: [
      'centres d’intérêt',
      'goûts et refus',
      'histoire de vie (mots-clés)',
      'capacités (mobilité, vue, audition, cognition)',
      'contre-indications aux activités',
      'objectifs du projet personnalisé',
      'participation aux activités',
    ],
    dataNeverRead: ['diagnostics et traitements', 'transmissions de soins', 'données financières', 'identité (nom, INS)'],
    riskClass: 'minimal',
    riskJustification:
      'Suggestions de loisirs sans effet sur les soins ni sur les droits ; hors des usages à haut risque de l’annexe III du règlement européen sur l’IA.',
    deciderRoles: ['activity_leader', 'coordination_nurse', 'head_of_care'],
    engineVersion: `recommender ${RECOMMENDER_VERSION}`,
    limits:
      'Ne connaît que ce qui est écrit dans le dossier : des goûts non notés ne sont pas pris en compte. Les personnes qui parlent peu ou dont le profil est vide reçoivent des suggestions plus générales. Ne remplace pas le dialogue avec la personne.',
    benefits: 'Moins de temps passé à chercher des idées, des activités qui ont du sens pour chacun, et plus de temps d’animation avec les personnes.',
    falcSummary: 'Cet outil propose des activités pour vous. Il regarde ce que vous aimez. Il regarde ce que vous pouvez faire.',
  });
  g.registerKind<SuggestionsContent>({
    kind: SUGGESTIONS_KIND,
    systemSlug: RECOMMENDER_SLUG,
    contentSchema: suggestionsContent,
    async apply(tx, proposal, content) {
      if (!proposal.personId) throw new Error('activity suggestions need a person');
      const ids = await repo.activityIdsByKey(
        tx,
        proposal.facilityId,
        content.items.map((i) => i.activityKey),
      );
      const unknown = content.items.findIndex((i) => !ids.has(i.activityKey));
      if (unknown >= 0)
        throw validationError([
          {
            field: `content.items.${unknown}.activityKey`,
            reason: 'unknown',
            message: `No active activity ${content.items[unknown]!.activityKey} in this facility's catalogue`,
          },
        ]);
      const items = [...content.items]
        .sort((a, b) => a.rank - b.rank)
        .map((i, n) => ({ activityId: ids.get(i.activityKey)!, rank: n + 1, reasons: i.reasons }));
      return { type: 'activity_suggestion_set', id: await repo.replaceSuggestions(tx, proposal.personId, proposal.id, items) };
    },
  });
}
