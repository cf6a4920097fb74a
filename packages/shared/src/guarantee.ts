import { z } from 'zod';
import { ROLES, type Role } from './roles.js';

export const RISK_CLASSES = ['minimal', 'limited', 'high'] as const;
export const DECISION_MODES = ['human-decision', 'apply-and-notify'] as const;
export const PROPOSAL_STATUSES = ['pending', 'accepted', 'amended', 'rejected', 'expired', 'withdrawn'] as const;
export const DECISIONS = ['accept', 'amend', 'reject'] as const;
export const OBJECTION_SOURCES = ['person', 'relative', 'legal_representative', 'staff_on_request'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

export interface AiSystem {
  id: string;
  facilityId: string;
  slug: string;
  name: string;
  purpose: string;
  intendedUsers: string[];
  dataRead: string[];
  dataNeverRead: string[];
  riskClass: (typeof RISK_CLASSES)[number];
  riskJustification: string;
  facilityRiskNotes: string;
  decisionMode: (typeof DECISION_MODES)[number];
  deciderRoles: Role[];
  owner: { id: string; name: string } | null;
  engineVersion: string;
  limits: string;
  benefits: string;
  falcSummary: string;
  enabled: boolean;
  statusReason: string | null;
  changedBy: { id: string; name: string } | null;
  changedAt: string;
  evaluation: ProposalFigures;
}

export const aiSystemPatchSchema = z
  .object({
    enabled: z.boolean(),
    decisionMode: z.enum(DECISION_MODES),
    deciderRoles: z.array(z.enum(ROLES)).min(1).max(ROLES.length),
    ownerUserId: z.uuid().nullable(),
    facilityRiskNotes: z.string().trim().max(2000),
    /** Why the change was made (shown when the feature is disabled). */
    reason: z.string().trim().min(1).max(500),
  })
  .partial()
  .strict()
  .refine((p) => Object.keys(p).some((k) => k !== 'reason'), { message: 'Nothing to change' })
  .refine((p) => p.enabled !== false || (p.reason !== undefined && p.reason.length > 0), {
    path: ['reason'],
    message: 'A reason is required to disable a feature',
  });

export interface ExplanationFactor {
  label: string;
  weight?: number;
  detail?: string;
}
export interface SourceSpan {
  recordType: string;
  recordId: string;
  start: number;
  end: number;
  text: string;
}
export interface Explanation {
  summary: string;
  factors: ExplanationFactor[];
  dataPoints?: { label: string; value: string; recordType?: string; recordId?: string }[];
  spans?: SourceSpan[];
  rule?: string;
}

export interface Proposal {
  id: string;
  systemId: string;
  systemSlug: string;
  systemName: string;
  engineVersion: string;
  kind: string;
  personId: string | null;
  personName: string | null;
  subjectType: string;
  subjectId: string;
  title: string;
  status: ProposalStatus;
  content: unknown;
  explanation: Explanation;
  inputs: unknown;
  inputsHash: string;
  confidence: number | null;
  createdAt: string;
  expiresAt: string | null;
  decision: null | {
    decidedAt: string;
    decidedBy: { id: string; name: string } | null;
    reason: string | null;
    content: unknown;
  };
  effect: { type: string; id: string } | null;
  closedReason: string | null;
  /** Whether the current user's role may decide on it. */
  canDecide: boolean;
}

export const proposalQuerySchema = z
  .object({
    status: z.enum(PROPOSAL_STATUSES).optional(),
    personId: z.uuid().optional(),
    systemId: z.uuid().optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

export const decisionInputSchema = z
  .object({
    decision: z.enum(DECISIONS),
    reason: z.string().trim().max(2000).optional(),
    content: z.unknown().optional(),
  })
  .strict()
  .superRefine((d, ctx) => {
    if ((d.decision === 'amend' || d.decision === 'reject') && !d.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'A reason is required to amend or reject', params: { reason: 'required' } });
    if (d.decision === 'amend' && d.content === undefined)
      ctx.addIssue({ code: 'custom', path: ['content'], message: 'Amended content is required', params: { reason: 'required' } });
    if (d.decision !== 'amend' && d.content !== undefined)
      ctx.addIssue({ code: 'custom', path: ['content'], message: 'Content is only sent with an amendment', params: { reason: 'unexpected' } });
  });
export type DecisionInput = z.input<typeof decisionInputSchema>;

export const objectionInputSchema = z
  .object({
    expressedBy: z.enum(OBJECTION_SOURCES),
    note: z.string().trim().max(1000).optional(),
  })
  .strict();

export interface Objection {
  id: string;
  personId: string;
  systemSlug: string;
  expressedBy: (typeof OBJECTION_SOURCES)[number];
  note: string | null;
  recordedBy: { id: string; name: string };
  createdAt: string;
}

export const reviewRequestInputSchema = z
  .object({
    message: z.string().trim().min(1).max(2000),
    proposalId: z.uuid().optional(),
  })
  .strict();

export interface ProposalFigures {
  proposals: number;
  decided: number;
  pending: number;
  accepted: number;
  amended: number;
  rejected: number;
  expired: number;
  withdrawn: number;
  acceptanceRate: number | null;
  amendmentRate: number | null;
  rejectionRate: number | null;
  /** Share of decisions accepted without any edit: a high value over time may signal automation bias. */
  uneditedAcceptanceRate: number | null;
  medianHoursToDecision: number | null;
  objections: number;
}

/** The label shown wherever content that came from a proposal appears. */
export interface AiLabel {
  proposalId: string;
  systemName: string;
  decidedBy: string | null;
  decidedAt: string;
  amended: boolean;
  automatic: boolean;
}
