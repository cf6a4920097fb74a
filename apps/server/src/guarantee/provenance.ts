import type { Provenance } from '@medplum/fhirtypes';
import type { Proposal } from '@presence/shared';

export const AIAST = {
  system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue',
  code: 'AIAST',
  display: 'Artificial Intelligence asserted',
} as const;
const PARTICIPATION = 'http://terminology.hl7.org/CodeSystem/provenance-participant-type';

/** FHIR R4 Provenance of an applied proposal: the AI system authored it, a named human verified it. */
export function toProvenance(p: Proposal, opts: { baseUrl: string }): Provenance {
  if (!p.decision || !p.effect) throw new Error('Provenance exists only for proposals whose effect was applied');
  const verifier = p.decision.decidedBy;
  return {
    resourceType: 'Provenance',
    id: p.id,
    meta: { security: [{ ...AIAST }] },
    target: [{ reference: `${p.effect.type}/${p.effect.id}`, display: p.title }],
    recorded: p.decision.decidedAt,
    occurredDateTime: p.createdAt,
    activity: {
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-DataOperation', code: p.status === 'amended' ? 'UPDATE' : 'CREATE' }],
      text: p.status === 'amended' ? 'Proposé par l’IA, modifié puis validé' : 'Proposé par l’IA, validé',
    },
    reason: [{ text: p.explanation.summary }],
    agent: [
      {
        type: { coding: [{ system: PARTICIPATION, code: 'author', display: 'Author' }] },
        who: { reference: `Device/${p.systemSlug}`, display: `${p.systemName} (version ${p.engineVersion})` },
      },
      verifier
        ? {
            type: { coding: [{ system: PARTICIPATION, code: 'verifier', display: 'Verifier' }] },
            who: { reference: `Practitioner/${verifier.id}`, display: verifier.name },
          }
        : {
            type: { coding: [{ system: PARTICIPATION, code: 'verifier', display: 'Verifier' }] },
            who: { display: 'Aucun : appliqué automatiquement (appliquer et notifier)' },
          },
    ],
    entity: [{ role: 'source', what: { reference: `${opts.baseUrl}/api/proposals/${p.id}`, display: `Proposition ${p.id} (entrées sha256 ${p.inputsHash})` } }],
  };
}
