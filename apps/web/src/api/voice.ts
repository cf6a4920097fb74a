import type {
  COMPLAINANT_KINDS,
  COMPLAINT_CATEGORIES,
  COMPLAINT_CHANNELS,
  COMPLAINT_STATUSES,
  PANEL_ACTION_KINDS,
  PANEL_ACTION_STATUSES,
  PANEL_MEMBER_KINDS,
  PANEL_PROBLEM_CATEGORIES,
} from '@presence/shared';
import { api, queryString } from './client';

export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number];
export type ComplainantKind = (typeof COMPLAINANT_KINDS)[number];
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];
export type PanelMemberKind = (typeof PANEL_MEMBER_KINDS)[number];
export type ProblemCategory = (typeof PANEL_PROBLEM_CATEGORIES)[number];
export type PanelActionKind = (typeof PANEL_ACTION_KINDS)[number];
export type PanelActionStatus = (typeof PANEL_ACTION_STATUSES)[number];

export interface ComplaintSummary {
  id: string;
  personId: string | null;
  personName: string | null;
  receivedAt: string;
  channel: ComplaintChannel;
  complainantKind: ComplainantKind;
  complainantName: string;
  subject: string;
  category: ComplaintCategory | null;
  aiInvolved: boolean;
  status: ComplaintStatus;
  acknowledgeBy: string;
  answerBy: string;
  acknowledgedAt: string | null;
  answeredAt: string | null;
  closedAt: string | null;
  linkedProposals: number;
  overdue: boolean;
}

export interface Complaint extends ComplaintSummary {
  description: string;
  answer: string | null;
  proposals: { id: string; title: string; status: string; systemSlug: string; systemName: string }[];
  features: { slug: string; name: string }[];
  events: { at: string; by: string; from: ComplaintStatus | null; to: ComplaintStatus; note: string }[];
}

export interface ComplaintInput {
  personId: string | null;
  receivedAt: string;
  channel: ComplaintChannel;
  complainantKind: ComplainantKind;
  complainantName: string;
  subject: string;
  description: string;
  category: ComplaintCategory | null;
  aiInvolved: boolean;
  links: { proposalIds: string[]; systemSlugs: string[] };
}

interface StatsPart {
  total: number;
  byCategory: Record<string, number>;
  byChannel: Record<string, number>;
  byStatus: Record<string, number>;
  medianDaysToAcknowledge: number | null;
  medianDaysToAnswer: number | null;
  answeredLate: number;
  overdue: number;
}
export interface ComplaintStats {
  from: string;
  to: string;
  all: StatsPart;
  aiRelated: StatsPart & { byFeature: Record<string, number> };
  other: StatsPart;
}

export interface PanelMember {
  id: string;
  name: string;
  kind: PanelMemberKind;
  userId: string | null;
  active: boolean;
}
export interface PanelSessionSummary {
  id: string;
  heldOn: string;
  title: string;
  status: 'open' | 'closed';
  samples: number;
  items: number;
  reviewed: number;
  actions: number;
}
export interface PanelItem {
  id: string;
  sampleId: string;
  proposalId: string;
  stratum: string | null;
  flags: string[];
  finding: 'appropriate' | 'problem' | null;
  problemCategory: ProblemCategory | null;
  comment: string;
  reviewedBy: string | null;
  reviewedAt: string | null;
  person: string | null;
  title: string;
  kind: string;
  decision: 'accepted' | 'amended' | 'rejected';
  summary: string | null;
  decisionReason: string | null;
  deciderRole: string | null;
  proposedAt: string;
  decidedAt: string | null;
}
export interface PanelSession {
  id: string;
  heldOn: string;
  title: string;
  notes: string;
  status: 'open' | 'closed';
  pseudonymised: boolean;
  members: { id: string; name: string; kind: PanelMemberKind }[];
  samples: {
    id: string;
    systemSlug: string;
    systemName: string;
    from: string;
    to: string;
    perStratum: number;
    seed: number;
    algorithm: string;
    population: number;
    drawnAt: string;
    drawnBy: string;
    items: PanelItem[];
    /** Telemonitoring samples: deteriorations recorded in the period and what came before each. */
    missedEvents: {
      person: string;
      occurredAt: string;
      kind: string;
      parameter: string | null;
      description: string;
      before: 'no_alert' | 'dismissed' | 'confirmed';
    }[];
  }[];
  actions: { id: string; systemSlug: string | null; kind: PanelActionKind; description: string; ownerName: string; dueOn: string; status: PanelActionStatus }[];
}

const c = (id: string) => `/api/complaints/${encodeURIComponent(id)}`;
const s = (id: string) => `/api/panel/sessions/${encodeURIComponent(id)}`;

export const voiceEndpoints = {
  complaints: (filter: { ai?: boolean; status?: ComplaintStatus } = {}) =>
    api<ComplaintSummary[]>(`/api/complaints${queryString({ ai: filter.ai === undefined ? undefined : String(filter.ai), status: filter.status })}`),
  complaint: (id: string) => api<Complaint>(c(id)),
  createComplaint: (body: ComplaintInput) => api<Complaint>('/api/complaints', { method: 'POST', body }),
  qualify: (id: string, body: { category: ComplaintCategory; aiInvolved: boolean; links: { proposalIds: string[]; systemSlugs: string[] } }) =>
    api<Complaint>(`${c(id)}/qualification`, { method: 'PUT', body }),
  transition: (id: string, body: { to: ComplaintStatus; note: string; answer?: string }) => api<Complaint>(`${c(id)}/transitions`, { method: 'POST', body }),
  stats: (from: string, to: string) => api<ComplaintStats>(`/api/complaints/stats${queryString({ from, to })}`),
  members: () => api<PanelMember[]>('/api/panel/members'),
  addMember: (body: { name: string; kind: PanelMemberKind; userId: string | null }) => api<PanelMember[]>('/api/panel/members', { method: 'POST', body }),
  sessions: () => api<PanelSessionSummary[]>('/api/panel/sessions'),
  session: (id: string) => api<PanelSession>(s(id)),
  createSession: (body: { heldOn: string; title: string; memberIds: string[]; notes: string }) =>
    api<PanelSession>('/api/panel/sessions', { method: 'POST', body }),
  closeSession: (id: string) => api<PanelSession>(`${s(id)}/close`, { method: 'POST' }),
  drawSample: (id: string, body: { systemSlug: string; from: string; to: string; perStratum: number; seed?: number }) =>
    api<PanelSession>(`${s(id)}/samples`, { method: 'POST', body }),
  verifySample: (id: string) =>
    api<{ reproducible: boolean; seed: number; algorithm: string; missing: string[]; extra: string[] }>(`/api/panel/samples/${encodeURIComponent(id)}/verify`),
  setFinding: (itemId: string, body: { finding: 'appropriate' | 'problem'; problemCategory: ProblemCategory | null; comment: string }) =>
    api<PanelSession>(`/api/panel/items/${encodeURIComponent(itemId)}/finding`, { method: 'PUT', body }),
  addAction: (id: string, body: { systemSlug: string | null; kind: PanelActionKind; description: string; ownerName: string; dueOn: string }) =>
    api<PanelSession>(`${s(id)}/actions`, { method: 'POST', body }),
  updateAction: (actionId: string, status: PanelActionStatus) =>
    api<PanelSession>(`/api/panel/actions/${encodeURIComponent(actionId)}`, { method: 'PUT', body: { status } }),
  minutesUrl: (id: string) => `${s(id)}/minutes.pdf`,
};

export const voiceKeys = {
  complaints: (filter: string) => ['complaints', filter] as const,
  complaint: (id: string) => ['complaints', 'one', id] as const,
  stats: (from: string, to: string) => ['complaints', 'stats', from, to] as const,
  members: ['panel', 'members'] as const,
  sessions: ['panel', 'sessions'] as const,
  session: (id: string) => ['panel', 'session', id] as const,
};

export interface EquityRate {
  rate: number;
  low: number;
  high: number;
}
export interface EquityCell {
  group: string;
  people: number | null;
  reached: number | null;
  reach: EquityRate | null;
  decided: number | null;
  accepted: number | null;
  acceptance: EquityRate | null;
  followed: number | null;
  attended: number | null;
  attendance: EquityRate | null;
  flags: ('reach' | 'acceptance' | 'attendance')[];
  masked: boolean;
}
export interface EquityFigures {
  from: string;
  to: string;
  minGroup: number;
  threshold: number;
  people: number;
  features: {
    slug: string;
    name: string;
    measures: {
      reach: 'people_with_alert' | 'people_with_proposal';
      acceptance: 'alerts_confirmed' | 'proposals_accepted';
      followUp: 'activities_attended' | null;
    };
    overall: EquityCell;
    dimensions: { dimension: 'sex' | 'ageBand' | 'gir' | 'cognition' | 'language'; groups: EquityCell[] }[];
  }[];
}
export const equityEndpoints = {
  figures: (from: string, to: string, threshold: number) => api<EquityFigures>(`/api/equity${queryString({ from, to, threshold })}`),
};

export interface LiteracyModuleSummary {
  slug: string;
  name: string;
  completedAt: string | null;
}
export interface LiteracyModule {
  slug: string;
  name: string;
  version: string;
  sections: Record<'whatItDoes' | 'limits' | 'automationBias' | 'override' | 'report', string[]>;
  questions: { id: string; text: string; choices: string[] }[];
  completedAt: string | null;
}
export interface LiteracyResult {
  passed: boolean;
  score: number;
  questions: number;
  results: { id: string; correct: boolean; answer: number; why: string }[];
}
export interface LiteracyCompletions {
  required: boolean;
  version: string;
  modules: { slug: string; name: string }[];
  staff: { id: string; name: string; role: string; completed: string[] }[];
}
export const literacyEndpoints = {
  list: () => api<{ required: boolean; version: string; modules: LiteracyModuleSummary[] }>('/api/literacy'),
  module: (slug: string) => api<LiteracyModule>(`/api/literacy/${encodeURIComponent(slug)}`),
  answer: (slug: string, answers: number[]) => api<LiteracyResult>(`/api/literacy/${encodeURIComponent(slug)}/answers`, { method: 'POST', body: { answers } }),
  completions: () => api<LiteracyCompletions>('/api/literacy/completions'),
  setRequired: (required: boolean) => api<LiteracyCompletions>('/api/literacy/setting', { method: 'PUT', body: { required } }),
};
