import type { ActivityWrite, AiLabel, AttendanceRecord, LeaderInput, RoomInput } from '@presence/shared';

export type { LeaderInput, RoomInput };
export { mondayOf } from '@presence/shared';
export type CatalogueWrite = ActivityWrite;
export type AttendanceInput = AttendanceRecord;
import { api, queryString } from './client';

export interface PlanSessionDraft {
  activity: string;
  slot: string;
  room: string;
  leader: string;
  participants: string[];
}
export interface PlanInstance {
  week: string;
  slots: { id: string; date: string; start: string; end: string }[];
  rooms: { id: string; name: string; type: string; capacity: number }[];
  leaders: { id: string; name: string; skills: string[] }[];
  activities: { id: string; name: string; category: string; minutes: number; groupMin: number; groupMax: number; roomTypes: string[]; skill: string }[];
  people: { id: string; name: string; scores: Record<string, number>; maxPerDay: number }[];
}
export interface Violation {
  code: string;
  subject: string;
  message: string;
}
export interface PlanEvaluation {
  feasible: boolean;
  objective: number;
  terms: { preference: number; coverage: number; fairness: number };
  leastServed: number;
  violations: Violation[];
}
export interface Unmet {
  kind: 'person' | 'activity';
  id: string;
  reason: string;
  message: string;
}
export interface PlanRun {
  id: string;
  week: string;
  createdAt: string;
  publishedAt: string | null;
  instance: PlanInstance;
  result: {
    objective: number;
    bound: number;
    gap: number;
    seconds: number;
    mode: string;
    status: string;
    unmet: Unmet[];
    stats: { people: number; invited: number; invitations: number };
  };
  proposal: { id: string; status: string; sessions: PlanSessionDraft[] } | null;
}
export interface PlanJob {
  id: string;
  week: string;
  status: 'running' | 'done' | 'failed' | 'cancelled';
  seconds: number;
  progress: { phase: string; elapsedSeconds: number; best: number | null; bound: number | null } | null;
  runId: string | null;
  proposalId: string | null;
  error: string | null;
}
export interface PublishedSession {
  id: string;
  day: string;
  start: string;
  end: string;
  activityKey: string;
  activityName: string;
  category: string;
  room: string;
  leader: string;
  leaderId: string;
  aiLabel: AiLabel | null;
  participants: { personId: string; name: string; attendance: (Omit<AttendanceInput, 'personId'> & { status: string }) | null }[];
}
export interface TimeWithPeople {
  from: string;
  to: string;
  staff: { userId: string; name: string; sessions: number; minutes: number; personMinutes: number }[];
  people: { personId: string; name: string; sessions: number; minutes: number }[];
}

export type SetupRoom = RoomInput & { id: string };
export type SetupLeader = LeaderInput & { id: string; name: string };
export interface PlanningSetup {
  rooms: SetupRoom[];
  leaders: SetupLeader[];
  staff: { id: string; name: string; role: string }[];
}

export type CatalogueEntry = CatalogueWrite & { id: string; key: string };

const run = (id: string) => `/api/planning/runs/${encodeURIComponent(id)}`;
const job = (id: string) => `/api/planning/jobs/${encodeURIComponent(id)}`;

export const planningEndpoints = {
  planningSetup: () => api<PlanningSetup>('/api/planning/setup'),
  createRoom: (input: RoomInput) => api<SetupRoom>('/api/planning/rooms', { method: 'POST', body: input }),
  updateRoom: (id: string, input: RoomInput) => api<SetupRoom>(`/api/planning/rooms/${encodeURIComponent(id)}`, { method: 'PUT', body: input }),
  saveLeader: (userId: string, input: LeaderInput) => api<PlanningSetup>(`/api/planning/leaders/${encodeURIComponent(userId)}`, { method: 'PUT', body: input }),
  removeLeader: (userId: string) => api<PlanningSetup>(`/api/planning/leaders/${encodeURIComponent(userId)}`, { method: 'DELETE' }),
  catalogueAll: () => api<CatalogueEntry[]>('/api/activities?includeRetired=true'),
  updateActivity: (id: string, input: CatalogueWrite) => api<CatalogueEntry>(`/api/activities/${encodeURIComponent(id)}`, { method: 'PUT', body: input }),
  createActivity: (input: CatalogueWrite) => api<CatalogueEntry>('/api/activities', { method: 'POST', body: input }),
  startPlan: (input: { week: string; seconds: number; exact: boolean }) => api<PlanJob>('/api/planning/runs', { method: 'POST', body: input }),
  planJob: (id: string) => api<PlanJob>(job(id)),
  cancelPlanJob: (id: string) => api<PlanJob>(job(id), { method: 'DELETE' }),
  latestPlanRun: (week: string) => api<{ id: string } | null>(`/api/planning/runs${queryString({ week })}`),
  planRun: (id: string) => api<PlanRun>(run(id)),
  evaluatePlan: (id: string, sessions: PlanSessionDraft[]) => api<PlanEvaluation>(`${run(id)}/evaluate`, { method: 'POST', body: { sessions } }),
  sessions: (week: string) => api<PublishedSession[]>(`/api/planning/sessions${queryString({ week })}`),
  recordAttendance: (sessionId: string, records: AttendanceInput[]) =>
    api<{ recorded: number }>(`/api/planning/sessions/${encodeURIComponent(sessionId)}/attendance`, { method: 'PUT', body: { records } }),
  timeWithPeople: (from: string, to: string) => api<TimeWithPeople>(`/api/planning/time-with-people${queryString({ from, to })}`),
  personSessions: (personId: string, week: string) => api<PublishedSession[]>(`/api/people/${encodeURIComponent(personId)}/sessions${queryString({ week })}`),
};

export const planningKeys = {
  planningSetup: ['planning', 'setup'] as const,
  catalogueAll: ['catalogue', 'all'] as const,
  planningAll: ['planning'] as const,
  latestPlanRun: (week: string) => ['planning', 'latest', week] as const,
  planRun: (id: string) => ['planning', 'run', id] as const,
  planJob: (id: string) => ['planning', 'job', id] as const,
  sessions: (week: string) => ['planning', 'sessions', week] as const,
  timeWithPeople: (from: string, to: string) => ['planning', 'time', from, to] as const,
  personSessions: (personId: string, week: string) => ['person', personId, 'sessions', week] as const,
};
