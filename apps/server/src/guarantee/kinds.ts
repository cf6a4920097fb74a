import type { z } from 'zod';
import type { Role } from '@presence/shared';
import type { Queryable } from '../db/db.js';
import type { Actor } from '../http/actor.js';

/**
 * What an AI feature declares once, in code, to appear in every facility's register.
 * The register row per facility then carries what the director may change (on/off, decision
 * mode, deciders, owner, local risk notes).
 */
export interface AiSystemDefinition {
  slug: string;
  name: string;
  /** Plain French: what it does and why. */
  purpose: string;
  intendedUsers: string[];
  dataRead: string[];
  dataNeverRead: string[];
  riskClass: 'minimal' | 'limited' | 'high';
  riskJustification: string;
  deciderRoles: Role[];
  engineVersion: string;
  limits: string;
  benefits: string;
  /** FALC: short sentences, one idea each, no jargon. */
  falcSummary: string;
}

/** A proposal as an effect handler sees it. */
export interface ProposalRecord {
  id: string;
  facilityId: string;
  systemId: string;
  systemSlug: string;
  engineVersion: string;
  kind: string;
  personId: string | null;
  subjectType: string;
  subjectId: string;
  content: unknown;
}

/** The record an applied effect created or changed; it links back to the proposal. */
export interface EffectRef {
  type: string;
  id: string;
}

/**
 * A kind of proposal and the one place its effect is applied. `apply` runs inside the decision's
 * transaction: if it throws, the decision is rolled back with it.
 */
export interface ProposalKind<C = unknown> {
  kind: string;
  systemSlug: string;
  /** Validates proposed and amended content alike. */
  contentSchema: z.ZodType<C>;
  apply(tx: Queryable, proposal: ProposalRecord, content: C, decider: Actor | null): Promise<EffectRef>;
}
