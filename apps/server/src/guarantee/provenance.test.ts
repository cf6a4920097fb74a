import { describe, expect, it } from 'vitest';
import type { Proposal } from '@presence/shared';
import { toProvenance } from './provenance.js';

const decided: Proposal = {
  id: 'p1',
  systemId: 's1',
  systemSlug: 'note-analyzer',
  systemName: 'Pré-analyse des transmissions',
  engineVersion: '1.2.0',
  kind: 'goal.suggest',
  personId: 'person-1',
  personName: 'Germaine Martin',
  subjectType: 'person',
  subjectId: 'person-1',
  title: 'Ajouter un objectif',
  status: 'amended',
  content: {},
  explanation: { summary: 'Trois chutes en sept jours', factors: [] },
  inputs: {},
  inputsHash: 'abc',
  confidence: null,
  createdAt: '2026-11-01T10:00:00.000Z',
  expiresAt: null,
  decision: { decidedAt: '2026-11-01T12:00:00.000Z', decidedBy: { id: 'u1', name: 'Claire Petit' }, reason: 'précisé', content: {} },
  effect: { type: 'Goal', id: 'g1' },
  closedReason: null,
  canDecide: false,
};

describe('toProvenance', () => {
  it('names the AI system as author (Device) and the human as verifier, labelled AIAST, targeting the record', () => {
    const prov = toProvenance(decided, { baseUrl: 'http://x' });
    expect(prov.resourceType).toBe('Provenance');
    expect(prov.meta?.security).toEqual([
      { system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue', code: 'AIAST', display: 'Artificial Intelligence asserted' },
    ]);
    expect(prov.agent[0]!.type?.coding?.[0]?.code).toBe('author');
    expect(prov.agent[0]!.who.reference).toBe('Device/note-analyzer');
    expect(prov.agent[1]!.type?.coding?.[0]?.code).toBe('verifier');
    expect(prov.agent[1]!.who).toEqual({ reference: 'Practitioner/u1', display: 'Claire Petit' });
    expect(prov.target).toEqual([{ reference: 'Goal/g1', display: 'Ajouter un objectif' }]);
    expect(prov.recorded).toBe('2026-11-01T12:00:00.000Z');
  });
  it('refuses a proposal that has no applied effect', () => {
    expect(() => toProvenance({ ...decided, effect: null }, { baseUrl: '' })).toThrow();
  });
});
