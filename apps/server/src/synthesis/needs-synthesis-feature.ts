import { z } from 'zod';
import type { GuaranteeService } from '../guarantee/guarantee-service.js';
import { notFound, validationError } from '../http/errors.js';
import { SYNTHESIS_VERSION, type SynthesisContent } from './build.js';

export const NEEDS_SYNTHESIS_SLUG = 'needs-synthesis';
export const NEEDS_SYNTHESIS_KIND = 'needs.synthesis';

/** What the decider sees and may amend: the sentences' texts (their links to the records stay as built). */
export const needsSynthesisContent = z
  .object({
    synthesisId: z.uuid(),
    sentences: z
      .array(z.object({ id: z.string().regex(/^S\d{1,4}$/), text: z.string().trim().min(1).max(2000) }).strict())
      .min(1)
      .max(500),
  })
  .strict();
export type NeedsSynthesisContent = z.output<typeof needsSynthesisContent>;

export function registerNeedsSynthesis(g: GuaranteeService): void {
  g.defineSystem({
    slug: NEEDS_SYNTHESIS_SLUG,
    name: 'Synthèse des besoins',
    purpose:
      'Préparer, pour une personne et une période, une synthèse pour la réunion d’équipe ou la révision du projet personnalisé : signes relevés dans les transmissions et leur évolution, évaluations, activités et participation, rendez-vous, objectifs ouverts, ce que la personne a dit souhaiter et les moments de sa vie notés par l’équipe. Chaque phrase renvoie aux écrits dont elle vient.',
    intendedUsers: ['coordination_nurse', 'head_of_care', 'nurse', 'physician'],
    dataRead: ['transmissions et leur pré-analyse', 'évaluations', 'participation aux activités', 'rendez-vous', 'projet personnalisé', 'goûts et habitudes'],
    dataNeverRead: ['diagnostics et traitements', 'données financières', 'identité (INS)'],
    riskClass: 'limited',
    riskJustification:
      'Résumé extractif : chaque phrase reprend des données de la fiche et en cite la source ; aucune décision de soin. La synthèse n’est utilisée qu’après relecture et validation par un professionnel nommé. Une reformulation par un modèle de langage, si l’établissement l’active, est étiquetée comme générée et garde les liens.',
    deciderRoles: ['nurse', 'coordination_nurse', 'head_of_care', 'physician'],
    engineVersion: `needs-synthesis ${SYNTHESIS_VERSION}`,
    limits:
      'Ne voit que ce qui est écrit dans Présence : ce que l’équipe n’a pas noté n’y figure pas. Les souhaits sont repérés par des tournures (« souhaite », « aimerait »…) et peuvent en manquer. La reformulation par un modèle de langage, désactivée par défaut, peut mal résumer : le texte extractif reste affiché à côté.',
    benefits: 'La réunion d’équipe part d’un résumé sourcé plutôt que de la mémoire de chacun ; plus de temps pour parler de la personne.',
    falcSummary: 'Cet outil résume votre dossier pour la réunion. Il cite vos souhaits. Une personne relit et valide.',
  });
  g.registerKind<NeedsSynthesisContent>({
    kind: NEEDS_SYNTHESIS_KIND,
    systemSlug: NEEDS_SYNTHESIS_SLUG,
    contentSchema: needsSynthesisContent,
    async apply(tx, proposal, content, decider) {
      if (content.synthesisId !== proposal.subjectId)
        throw validationError([{ field: 'content.synthesisId', reason: 'not_this_synthesis', message: 'The synthesis decided must be the one proposed' }]);
      const [row] = await tx.query<{ content: SynthesisContent }>('SELECT content FROM needs_synthesis WHERE id = $1 AND facility_id = $2 FOR UPDATE', [
        content.synthesisId,
        proposal.facilityId,
      ]);
      if (!row) throw notFound('Synthesis');
      const texts = new Map(content.sentences.map((s) => [s.id, s.text]));
      const known = new Set(row.content.sections.flatMap((s) => s.sentences.map((x) => x.id)));
      const unknown = content.sentences.findIndex((s) => !known.has(s.id));
      if (unknown >= 0)
        throw validationError([
          { field: `content.sentences.${unknown}.id`, reason: 'unknown', message: 'Sentences may be edited, not added: each keeps its sources' },
        ]);
      // Amended texts replace the built ones; a sentence left out of the decision is dropped.
      const decided: SynthesisContent = {
        ...row.content,
        sections: row.content.sections.map((s) => ({
          ...s,
          sentences: s.sentences.filter((x) => texts.has(x.id)).map((x) => ({ ...x, text: texts.get(x.id)! })),
        })),
      };
      await tx.query('UPDATE needs_synthesis SET content = $2, validated_at = now(), validated_by = $3 WHERE id = $1', [
        content.synthesisId,
        decided,
        decider?.userId ?? null,
      ]);
      return { type: 'needs_synthesis', id: content.synthesisId };
    },
  });
}
