import { z } from 'zod';
import type { GuaranteeService } from '../guarantee/guarantee-service.js';
import { notFound, validationError } from '../http/errors.js';
import { ANALYZER_VERSION } from '../notes/analyzer.js';
import { PATTERN_RULES } from '../notes/patterns.js';
import * as repo from './care-notes-repository.js';

export const NOTE_ANALYZER_SLUG = 'note-analyzer';
/** Targets (cibles) suggested on one note. */
export const NOTE_TARGETS_KIND = 'note.targets';
/** An assessment or action proposed because a signal came back in a person's notes. */
export const NEEDS_ASSESSMENT_KIND = 'needs.assessment';

export const noteTargetsContent = z
  .object({
    noteId: z.uuid(),
    targets: z
      .array(z.string().regex(/^[a-z][a-z0-9_]{1,39}$/))
      .min(1)
      .max(10),
  })
  .strict();
export type NoteTargetsContent = z.output<typeof noteTargetsContent>;

export const needsAssessmentContent = z
  .object({
    rule: z.enum(PATTERN_RULES.map((r) => r.key) as [string, ...string[]]),
    kind: z.string().min(1).max(40),
    reason: z.string().min(1).max(500),
    dueBy: z.iso.date(),
  })
  .strict();
export type NeedsAssessmentContent = z.output<typeof needsAssessmentContent>;

/** The register entry of the note analyser and its two effects. */
export function registerNoteAnalyzer(g: GuaranteeService): void {
  g.defineSystem({
    slug: NOTE_ANALYZER_SLUG,
    name: 'Pré-analyse des transmissions',
    purpose:
      'Repérer dans les transmissions écrites les signes à suivre (chute, douleur, perte d’appétit, sommeil, humeur, peau…) en tenant compte des négations (« pas de douleur »), des doutes et des antécédents, proposer les cibles d’une transmission, et signaler quand un signe revient (par exemple trois chutes en sept jours) pour proposer une évaluation.',
    intendedUsers: ['nurse', 'care_assistant', 'coordination_nurse', 'head_of_care', 'physician'],
    dataRead: ['texte des transmissions', 'date des transmissions'],
    dataNeverRead: ['diagnostics et traitements', 'identité (nom, INS)', 'données financières'],
    riskClass: 'limited',
    riskJustification:
      'Aide à la lecture des transmissions : ne pose aucun diagnostic, ne calcule aucun score et ne décide d’aucun soin ; chaque cible ou évaluation proposée est validée par un professionnel nommé. Une erreur (signe manqué) ne retire rien à la lecture des transmissions par l’équipe.',
    deciderRoles: ['nurse', 'coordination_nurse', 'head_of_care', 'physician'],
    engineVersion: `note-analyzer ${ANALYZER_VERSION}`,
    limits:
      'Lit le français des transmissions avec ses abréviations et fautes courantes, mais peut manquer une tournure inhabituelle ou se tromper sur une négation complexe. Ne comprend ni l’ironie ni le contexte non écrit. Mesures publiées (précision, rappel) dans la documentation ; ne remplace pas la lecture des transmissions.',
    benefits: 'Les signes qui reviennent ne passent plus inaperçus entre deux équipes, et les évaluations utiles sont proposées à temps.',
    falcSummary: 'Cet outil lit les notes de l’équipe sur vous. Il repère une chute ou une douleur. Une personne décide.',
  });
  g.registerKind<NoteTargetsContent>({
    kind: NOTE_TARGETS_KIND,
    systemSlug: NOTE_ANALYZER_SLUG,
    contentSchema: noteTargetsContent,
    async apply(tx, proposal, content) {
      if (content.noteId !== proposal.subjectId)
        throw validationError([{ field: 'content.noteId', reason: 'not_this_note', message: 'The targets must stay on the note they were proposed for' }]);
      const known = new Set((await repo.listTargets(tx, proposal.facilityId)).filter((t) => t.active).map((t) => t.key));
      const unknown = content.targets.findIndex((t) => !known.has(t));
      if (unknown >= 0)
        throw validationError([
          { field: `content.targets.${unknown}`, reason: 'unknown', message: `No active target ${content.targets[unknown]} in this facility` },
        ]);
      if (!(await repo.setAiTargets(tx, proposal.facilityId, content.noteId, content.targets))) throw notFound('Care note');
      return { type: 'care_note', id: content.noteId };
    },
  });
  g.registerKind<NeedsAssessmentContent>({
    kind: NEEDS_ASSESSMENT_KIND,
    systemSlug: NOTE_ANALYZER_SLUG,
    contentSchema: needsAssessmentContent,
    async apply(tx, proposal, content) {
      if (!proposal.personId) throw new Error('an assessment is proposed for a person');
      const id = await repo.insertDue(tx, {
        facilityId: proposal.facilityId,
        personId: proposal.personId,
        kind: content.kind,
        rule: content.rule,
        reason: content.reason,
        dueBy: content.dueBy,
        proposalId: proposal.id,
      });
      return { type: 'assessment_due', id };
    },
  });
}
