import type { TM_ACTIONS, TM_OUTCOMES, TM_PARAMETERS, TM_PROGRAMMES } from '@presence/shared';
import { api } from './client';

export type TmProgramme = (typeof TM_PROGRAMMES)[number];
export type TmParameter = (typeof TM_PARAMETERS)[number];
export type TmAction = (typeof TM_ACTIONS)[number];
export type TmOutcome = (typeof TM_OUTCOMES)[number];
export type Severity = 'low' | 'medium' | 'high' | 'critical';

export interface AlertPoint {
  at: string;
  value: number;
}

/** Why an alert was raised, in French, with the data behind it (see telemonitoring-core/rules.ts). */
export interface AlertExplanation {
  summary: string;
  rule: string;
  reference: number | null;
  threshold: number | null;
  points: AlertPoint[];
  baseline?: { mean: number; sd: number; from: string; to: string };
  statistic?: { name: 'ewma' | 'cusum'; values: AlertPoint[]; limit: number };
  escalation?: { from: Severity; previousAt: string };
}

export interface QueuedAlert {
  id: string;
  personId: string;
  personName: string;
  ruleId: string;
  kind: 'threshold' | 'change' | 'trend' | 'missing';
  parameter: TmParameter;
  severity: Severity;
  at: string;
  explanation: AlertExplanation;
  status: 'open' | 'acknowledged' | 'closed';
  proposalId: string | null;
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
  outcome: TmOutcome | null;
  closedAt: string | null;
  escalatedAt: string | null;
  createdAt: string;
  actions: { kind: TmAction; note: string; by: string; at: string }[];
  /** The parameter's measurements of the 14 days before the alert and the day after. */
  series: AlertPoint[];
}

export interface PanelRow {
  personId: string;
  name: string;
  programme: TmProgramme;
  startedAt: string;
  lastMeasurementAt: string | null;
  activeAlerts: number;
  topSeverity: Severity | null;
  escalated: number;
  status: 'alert' | 'silent' | 'ok';
}

export interface TmRule {
  id: string;
  kind: 'threshold' | 'change' | 'trend' | 'missing';
  parameter: TmParameter;
  severity: Severity;
  above?: number;
  below?: number;
  delta?: number;
  against?: string;
  windowDays?: number;
  days?: number;
  enabled: boolean;
  text: string;
}

export interface TmSettingVersion {
  version: number;
  references: Partial<Record<TmParameter, number>>;
  overrides: Record<string, unknown>[];
  disabled: string[];
  reason: string;
  setBy: string;
  setAt: string;
}

export interface TmEnrolment {
  id: string;
  programme: TmProgramme;
  status: 'active' | 'ended';
  consentAt: string;
  consentFrom: 'person' | 'legal_representative';
  consentNote: string;
  startedAt: string;
  settings: TmSettingVersion[];
}

export interface PersonTelemonitoring {
  enrolments: TmEnrolment[];
  measurements: { parameter: TmParameter; value: number; at: string; source: string }[];
  alerts: {
    id: string;
    ruleId: string;
    kind: QueuedAlert['kind'];
    parameter: TmParameter;
    severity: Severity;
    at: string;
    status: QueuedAlert['status'];
    outcome: TmOutcome | null;
    explanation: AlertExplanation;
  }[];
  devices: { id: string; label: string; createdAt: string; lastMeasurementAt: string | null }[];
  rules: TmRule[];
  references: Partial<Record<TmParameter, number>>;
  parameters: TmParameter[];
}

export interface TmPolicy {
  escalationMinutes: Record<Severity, number>;
  repeatHours: number;
  delayMinutes: number;
  notify: { email: string | null; sms: string | null };
  notifications: { id: string; channel: 'email' | 'sms'; status: string; lastError: string | null; createdAt: string; sentAt: string | null }[];
}

export interface TmRejections {
  counts: { reason: string; n: number }[];
  latest: { id: string; deviceId: string | null; source: string; reason: string; field: string; detail: unknown; receivedAt: string }[];
}

const person = (id: string) => `/api/people/${encodeURIComponent(id)}/telemonitoring`;
const alert = (id: string) => `/api/telemonitoring/alerts/${encodeURIComponent(id)}`;

export interface TmMissedEvent {
  id: string;
  occurredAt: string;
  kind: 'hospitalisation' | 'emergency' | 'decompensation' | 'other';
  parameter: TmParameter | null;
  description: string;
  recordedBy: string;
  alertsBefore: number;
}

export const tmEndpoints = {
  missedEvents: (personId: string) => api<TmMissedEvent[]>(`/api/people/${encodeURIComponent(personId)}/telemonitoring/missed-events`),
  recordMissedEvent: (personId: string, input: { occurredAt: string; kind: string; parameter: string | null; description: string }) =>
    api<{ id: string }>(`/api/people/${encodeURIComponent(personId)}/telemonitoring/missed-events`, { method: 'POST', body: input }),
  queue: (status: 'active' | 'closed' = 'active') => api<QueuedAlert[]>(`/api/telemonitoring/alerts?status=${status}`),
  panel: () => api<PanelRow[]>('/api/telemonitoring/panel'),
  acknowledge: (id: string) => api<void>(`${alert(id)}/acknowledge`, { method: 'POST' }),
  addAction: (id: string, body: { kind: TmAction; note: string }) => api<void>(`${alert(id)}/actions`, { method: 'POST', body }),
  close: (id: string, body: { outcome: TmOutcome; note: string }) => api<void>(`${alert(id)}/close`, { method: 'POST', body }),
  snooze: (id: string, body: { hours: number; reason: string }) => api<{ until: string }>(`${alert(id)}/snooze`, { method: 'POST', body }),
  person: (personId: string) => api<PersonTelemonitoring>(person(personId)),
  enrol: (body: { personId: string; programme: TmProgramme; consent: { at: string; from: 'person' | 'legal_representative'; note: string } }) =>
    api<unknown>('/api/telemonitoring/enrolments', { method: 'POST', body }),
  setSettings: (
    personId: string,
    enrolmentId: string,
    body: { references: Partial<Record<TmParameter, number>>; overrides: Record<string, unknown>[]; disabled: string[]; reason: string },
  ) => api<unknown>(`${person(personId)}/enrolments/${encodeURIComponent(enrolmentId)}/settings`, { method: 'PUT', body }),
  addDevice: (body: { personId: string; label: string }) => api<{ id: string; token: string }>('/api/telemonitoring/devices', { method: 'POST', body }),
  manual: (personId: string, body: { parameter: TmParameter; value: number; at: string }) =>
    api<{ accepted: number; duplicates: number; alerts: number }>(`${person(personId)}/measurements`, { method: 'POST', body }),
  policy: () => api<TmPolicy>('/api/telemonitoring/policy'),
  setPolicy: (body: {
    escalationMinutes: Record<Severity, number>;
    repeatHours: number;
    delayMinutes: number;
    notify: { email: string | null; sms: string | null };
  }) => api<TmPolicy>('/api/telemonitoring/policy', { method: 'PUT', body }),
  rejections: () => api<TmRejections>('/api/telemonitoring/rejections'),
};

export const tmKeys = {
  all: ['telemonitoring'] as const,
  queue: (status: string) => ['telemonitoring', 'queue', status] as const,
  panel: ['telemonitoring', 'panel'] as const,
  person: (personId: string) => ['telemonitoring', 'person', personId] as const,
  policy: ['telemonitoring', 'policy'] as const,
  rejections: ['telemonitoring', 'rejections'] as const,
};
