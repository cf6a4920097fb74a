import type { Assessment, AssessmentDue, AssessmentScale, ScaleDefinition } from '@presence/shared';
import { api, queryString } from './client';

export type { Assessment, AssessmentDue, AssessmentScale, ScaleDefinition };

const person = (id: string) => `/api/people/${encodeURIComponent(id)}`;

export interface AssessmentDraft {
  scale: AssessmentScale;
  input: Record<string, unknown>;
  options: Record<string, unknown>;
  dueId?: string;
  comment?: string;
}

export const assessmentsEndpoints = {
  scales: () => api<ScaleDefinition[]>('/api/assessments/scales'),
  compute: (d: Pick<AssessmentDraft, 'scale' | 'input' | 'options'>) =>
    api<{ result: Record<string, unknown>; summary: string }>('/api/assessments/compute', { method: 'POST', body: d }),
  list: (personId: string, scale?: AssessmentScale) =>
    api<{ assessments: Assessment[]; due: AssessmentDue[] }>(`${person(personId)}/assessments${queryString({ scale })}`),
  record: (personId: string, d: AssessmentDraft) => api<Assessment>(`${person(personId)}/assessments`, { method: 'POST', body: d }),
  closeDue: (personId: string, dueId: string, note: string) =>
    api<AssessmentDue[]>(`${person(personId)}/assessment-dues/${encodeURIComponent(dueId)}/done`, { method: 'POST', body: { note } }),
};

export const assessmentsKeys = {
  scales: ['assessment-scales'] as const,
  list: (personId: string) => ['assessments', personId] as const,
};
