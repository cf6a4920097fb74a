import type { SurveyAudience, SurveyDimension, SurveyTemplate } from '@presence/shared';
import { api, queryString } from './client';

export interface SurveyCampaign {
  id: string;
  title: string;
  templateSlug: string;
  templateVersion: string;
  audience: SurveyAudience;
  opensOn: string;
  closesOn: string;
  anonymous: boolean;
  reminderDays: number[];
  closedAt: string | null;
  open: boolean;
  responses: number | null;
  audienceSize: number | null;
  answeredByMe: boolean | null;
  canRespond: boolean;
}

export interface SurveyCampaignInput {
  templateSlug: string;
  title: string;
  opensOn: string;
  closesOn: string;
  anonymous: boolean;
  reminderDays: number[];
}

export interface SurveyResponseInput {
  channel: 'tablet' | 'web' | 'paper';
  respondent: { personId?: string; userId?: string } | null;
  answers: Record<string, number | string>;
}

export interface DimensionScore {
  dimension: SurveyDimension;
  n: number;
  favourable: number | null;
}
export interface FeatureVersion {
  feature: string;
  version: string;
  responses: number;
}
export interface ThemeGroup {
  id: string;
  label: string;
  proposed: boolean;
  answers: { responseId: string; text: string; matched: string | null; movedByStaff: boolean }[];
}
export type QuestionResult =
  | {
      id: string;
      kind: 'likert';
      text: string;
      dimension: SurveyDimension | null;
      n: number;
      distribution: number[];
      mean: number | null;
      favourable: number | null;
    }
  | { id: string; kind: 'open'; text: string; dimension: null; n: number; themes: ThemeGroup[] };

export interface SurveyResults {
  campaign: SurveyCampaign;
  template: SurveyTemplate;
  responses: number;
  responseRate: number | null;
  byChannel: Record<string, number>;
  dimensions: DimensionScore[];
  features: FeatureVersion[];
  questions: QuestionResult[];
}

export interface SurveyTrend {
  id: string;
  title: string;
  audience: SurveyAudience;
  opensOn: string;
  closesOn: string;
  anonymous: boolean;
  responses: number;
  dimensions: DimensionScore[];
  features: FeatureVersion[];
  topThemes: { label: string; answers: number }[];
}

export type ContactKind = 'session_led' | 'individual_moment' | 'alert_call' | 'alert_visit' | 'family_meeting' | 'other';
export interface TimeSummary {
  from: string;
  to: string;
  minTimings: number;
  tasks: {
    task: 'activity_plan' | 'roster' | 'care_note';
    assisted: { n: number; medianMinutes: number | null };
    unassisted: { n: number; medianMinutes: number | null };
    savedPerPiece: number | null;
  }[];
  weeks: {
    week: string;
    teams: {
      team: string;
      contactMinutes: number;
      byKind: Record<ContactKind, number>;
      contacts: number;
      contactsWithoutDuration: number;
      adminMinutes: number;
      estimatedSavedMinutes: number;
    }[];
  }[];
  totals: {
    contactMinutes: number;
    contacts: number;
    contactsWithoutDuration: number;
    adminMinutes: number;
    estimatedSavedMinutes: number;
    byKind: Record<ContactKind, number>;
  };
}

export interface ContactEntry {
  id: string;
  kind: ContactKind;
  at: string;
  minutes: number;
  note: string;
  personName: string | null;
}

export interface UsageReportSummary {
  facility: { name: string; people: number };
  from: string;
  to: string;
  features: { slug: string; name: string; version: string; proposals: number; decided: number; accepted: number; amended: number; rejected: number }[];
  time: TimeSummary;
  surveys: SurveyTrend[];
  complaints: { all: { total: number }; aiRelated: { total: number } };
  panel: { sessions: { problems: number; reviewed: number }[]; actions: unknown[] };
  equity: { flags: unknown[] };
}

const s = (id: string) => `/api/surveys/${encodeURIComponent(id)}`;

export const surveyEndpoints = {
  templates: () => api<SurveyTemplate[]>('/api/surveys/templates'),
  list: () => api<SurveyCampaign[]>('/api/surveys'),
  get: (id: string) => api<SurveyCampaign & { template: SurveyTemplate }>(s(id)),
  create: (input: SurveyCampaignInput) => api<SurveyCampaign>('/api/surveys', { method: 'POST', body: input }),
  close: (id: string) => api<SurveyCampaign>(`${s(id)}/close`, { method: 'POST' }),
  respond: (id: string, input: SurveyResponseInput) => api<{ id: string }>(`${s(id)}/responses`, { method: 'POST', body: input }),
  results: (id: string) => api<SurveyResults>(`${s(id)}/results`),
  trends: (audience: SurveyAudience) => api<SurveyTrend[]>(`/api/surveys/trends${queryString({ audience })}`),
  csvUrl: (id: string) => `${s(id)}/export.csv`,
  addTheme: (id: string, questionId: string, label: string) =>
    api<{ id: string; label: string }>(`${s(id)}/themes`, { method: 'POST', body: { questionId, label } }),
  renameTheme: (themeId: string, label: string) =>
    api<{ id: string }>(`/api/surveys/themes/${encodeURIComponent(themeId)}`, { method: 'PUT', body: { label } }),
  moveAnswer: (responseId: string, questionId: string, themeId: string) =>
    api<unknown>(`/api/surveys/answers/${encodeURIComponent(responseId)}/${encodeURIComponent(questionId)}/theme`, { method: 'PUT', body: { themeId } }),
};

export const timeEndpoints = {
  myContacts: () => api<ContactEntry[]>('/api/time/contacts'),
  addContact: (input: { kind: string; personId: string | null; at: string; minutes: number; note: string }) =>
    api<{ id: string }>('/api/time/contacts', { method: 'POST', body: input }),
  addTiming: (input: { task: string; assisted: boolean; startedAt: string; activeSeconds: number; subjectId: string | null }) =>
    api<{ id: string }>('/api/time/admin', { method: 'POST', body: input }),
  summary: (from: string, to: string) => api<TimeSummary>(`/api/time/summary${queryString({ from, to })}`),
  report: (from: string, to: string) => api<UsageReportSummary>(`/api/reports/usage${queryString({ from, to })}`),
  reportPdfUrl: (from: string, to: string) => `/api/reports/usage.pdf${queryString({ from, to })}`,
  reportCsvUrl: (from: string, to: string) => `/api/reports/usage.csv${queryString({ from, to })}`,
};
