import type { AiLabel, AiSystem, DecisionInput, Objection, Page, Proposal, ProposalFigures, ProposalStatus, Role } from '@presence/shared';
import { api, queryString } from './client';

/** The request body of PATCH /api/ai/systems/:id (every field optional; reason required to disable). */
export interface AiSystemPatch {
  enabled?: boolean;
  decisionMode?: AiSystem['decisionMode'];
  deciderRoles?: Role[];
  ownerUserId?: string | null;
  facilityRiskNotes?: string;
  reason?: string;
}

export interface AiSystemHistoryEntry {
  id: string;
  changedAt: string;
  changedBy: string | null;
  reason: string | null;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

export interface FeatureFigures {
  systemId: string;
  slug: string;
  name: string;
  engineVersion: string;
  figures: ProposalFigures;
}

export interface ProposalParams {
  status?: ProposalStatus;
  personId?: string;
  systemId?: string;
  limit?: number;
  offset?: number;
}

export type ObjectionSource = Objection['expressedBy'];

export interface TransparencyNotice {
  variant: 'plain' | 'falc';
  title: string;
  person: { name: string; facility: string };
  period: { from: string; to: string };
  intro: string[];
  features: { slug: string; name: string; paragraphs: string[]; objected: boolean; proposals: { date: string; title: string; outcome: string }[] }[];
  guarantees: { heading: string; paragraphs: string[] };
  generatedAt: string;
}

export interface ReviewRequest {
  id: string;
  personId: string;
  personName: string;
  proposalId: string | null;
  message: string;
  requestedBy: string;
  requestedByRole: string;
  createdAt: string;
}

/** A person's current suggested activities (created only by a decided proposal). */
export interface PersonActivities {
  setId: string;
  createdAt: string;
  aiLabel: AiLabel | null;
  items: { rank: number; reasons: string[]; activity: { key: string; name: string; description: string; category: string; durationMinutes: number } }[];
}

const person = (id: string) => `/api/people/${encodeURIComponent(id)}`;
const proposal = (id: string) => `/api/proposals/${encodeURIComponent(id)}`;

/** Where the printable transparency notice of a person is (opened in a new tab or downloaded, not fetched). */
export function noticeUrl(personId: string, variant: 'plain' | 'falc', format: 'html' | 'pdf'): string {
  return `${person(personId)}/transparency${queryString({ variant, format })}`;
}

export const provenanceUrl = (proposalId: string) => `${proposal(proposalId)}/provenance`;

export const guaranteeEndpoints = {
  aiSystems: () => api<AiSystem[]>('/api/ai/systems'),
  updateAiSystem: (id: string, patch: AiSystemPatch) => api<AiSystem>(`/api/ai/systems/${encodeURIComponent(id)}`, { method: 'PATCH', body: patch }),
  aiSystemHistory: (id: string) => api<AiSystemHistoryEntry[]>(`/api/ai/systems/${encodeURIComponent(id)}/history`),
  aiFigures: (q: { from?: string; to?: string; systemId?: string }) => api<FeatureFigures[]>(`/api/ai/figures${queryString({ ...q })}`),
  proposals: (q: ProposalParams) => api<Page<Proposal>>(`/api/proposals${queryString({ ...q })}`),
  proposal: (id: string) => api<Proposal>(proposal(id)),
  decide: (id: string, input: DecisionInput) => api<Proposal>(`${proposal(id)}/decision`, { method: 'POST', body: input }),
  objections: (personId: string) => api<Objection[]>(`${person(personId)}/objections`),
  object: (personId: string, slug: string, input: { expressedBy: ObjectionSource; note?: string }) =>
    api<Objection[]>(`${person(personId)}/objections/${encodeURIComponent(slug)}`, { method: 'PUT', body: input }),
  liftObjection: (personId: string, slug: string) => api<Objection[]>(`${person(personId)}/objections/${encodeURIComponent(slug)}`, { method: 'DELETE' }),
  transparency: (personId: string, variant: 'plain' | 'falc') => api<TransparencyNotice>(`${person(personId)}/transparency${queryString({ variant })}`),
  requestReview: (personId: string, input: { message: string; proposalId?: string }) =>
    api<{ id: string }>(`${person(personId)}/review-requests`, { method: 'POST', body: input }),
  reviewRequests: () => api<ReviewRequest[]>('/api/review-requests'),
  catalogue: () => api<{ key: string; name: string; category: string; durationMinutes: number }[]>('/api/activities'),
  activities: (personId: string) => api<PersonActivities | null>(`${person(personId)}/activities`),
  recommendActivities: (personId: string) => api<{ proposalId: string; status: string }>(`${person(personId)}/activity-recommendations`, { method: 'POST' }),
  closeReviewRequest: (id: string) => api<void>(`/api/review-requests/${encodeURIComponent(id)}/close`, { method: 'POST' }),
};

export const guaranteeKeys = {
  aiSystems: ['ai', 'systems'] as const,
  aiSystemHistory: (id: string) => ['ai', 'systems', id, 'history'] as const,
  aiFigures: (q: { from?: string; to?: string }) => ['ai', 'figures', q] as const,
  proposalsAll: ['proposals'] as const,
  proposals: (q: ProposalParams) => ['proposals', 'list', q] as const,
  pendingCount: ['proposals', 'pending-count'] as const,
  proposal: (id: string) => ['proposals', 'detail', id] as const,
  objections: (personId: string) => ['person', personId, 'objections'] as const,
  transparency: (personId: string, variant: 'plain' | 'falc') => ['person', personId, 'transparency', variant] as const,
  reviewRequests: ['review-requests'] as const,
  activities: (personId: string) => ['person', personId, 'activities'] as const,
  catalogue: ['activities', 'catalogue'] as const,
};
