import type { CareRules, CareShift, CoverageItem, RosterAssignments, RosterContractInput, RosterRequestInput, RosterSetupInput } from '@presence/shared';
import { api, queryString } from './client';

export type { CareRules, CareShift, CoverageItem, RosterAssignments, RosterContractInput, RosterRequestInput, RosterSetupInput };

export interface RosterStaffSetup {
  id: string;
  name: string;
  role: string;
  qualification: string | null;
  contract: { weeklyHours: number; qualifications: string[]; nightStaff: boolean; active: boolean } | null;
}
export interface RosterSetup {
  shifts: CareShift[];
  coverage: CoverageItem[];
  rules: CareRules;
  staff: RosterStaffSetup[];
}
export interface RosterJob {
  id: string;
  start: string;
  weeks: number;
  status: 'running' | 'done' | 'failed' | 'cancelled';
  seconds: number;
  trace: { t: number; best: number | null }[];
  runId: string | null;
  proposalId: string | null;
  error: string | null;
}
export interface RosterViolation {
  type: string;
  staff: string;
  day?: number;
  date: string | null;
  detail: string;
  legal: boolean;
}
export interface RosterFairness {
  staff: string;
  minutes: number;
  contractMinutes: number;
  shifts: number;
  nights: number;
  weekendsWorked: number;
  requests: number;
  requestsGranted: number;
}
export interface RosterEvaluation {
  feasible: boolean;
  publishable: boolean;
  objective: number;
  penalties: { shiftOnRequests: number; shiftOffRequests: number; coverUnder: number; coverOver: number };
  violations: RosterViolation[];
  unmet: { request: string; staff: string; date: string; reason: string }[];
  shortfalls: { day: number; date: string; shift: string; qualification: string | null; required: number; assigned: number }[];
  fairness: RosterFairness[];
}
export interface RosterRun {
  id: string;
  start: string;
  weeks: number;
  createdAt: string;
  publishedAt: string | null;
  shifts: CareShift[];
  staff: { id: string; name: string; qualifications: string[]; nightStaff: boolean; weeklyMinutes: number; unavailable: string[] }[];
  requests: { id: string; staff: string; date: string; kind: 'on' | 'off'; shift: string | null; weight: number }[];
  rules: CareRules;
  result: { feasible: boolean; objective: number; seconds: number; ended: string };
  proposal: { id: string; status: string; assignments: RosterAssignments } | null;
  evaluation: RosterEvaluation;
}
export interface RosterRequest {
  id: string;
  staffId: string;
  staffName: string;
  date: string;
  kind: 'on' | 'off' | 'leave';
  shift: string | null;
  weight: number;
  note: string;
  status: 'pending' | 'approved' | 'refused';
}
export interface MyShift {
  date: string;
  code: string;
  label: string;
  startsAt: string;
  endsAt: string;
}

const run = (id: string) => `/api/rosters/runs/${encodeURIComponent(id)}`;
const job = (id: string) => `/api/rosters/jobs/${encodeURIComponent(id)}`;

export const rosteringEndpoints = {
  rosterSetup: () => api<RosterSetup>('/api/rosters/setup'),
  saveRosterSetup: (input: RosterSetupInput) => api<RosterSetup>('/api/rosters/setup', { method: 'PUT', body: input }),
  saveContract: (userId: string, input: RosterContractInput) =>
    api<RosterStaffSetup>(`/api/rosters/contracts/${encodeURIComponent(userId)}`, { method: 'PUT', body: input }),
  startRoster: (input: { start: string; weeks: number; seconds: number }) => api<RosterJob>('/api/rosters/runs', { method: 'POST', body: input }),
  rosterJob: (id: string) => api<RosterJob>(job(id)),
  cancelRosterJob: (id: string) => api<RosterJob>(job(id), { method: 'DELETE' }),
  latestRosterRun: (start: string) => api<{ id: string } | null>(`/api/rosters/runs${queryString({ start })}`),
  rosterRun: (id: string) => api<RosterRun>(run(id)),
  evaluateRoster: (id: string, assignments: RosterAssignments) => api<RosterEvaluation>(`${run(id)}/evaluate`, { method: 'POST', body: { assignments } }),
  rosterRequests: (from: string, to: string) => api<RosterRequest[]>(`/api/rosters/requests${queryString({ from, to })}`),
  myRosterRequests: () => api<RosterRequest[]>('/api/rosters/my-requests'),
  addRosterRequest: (input: RosterRequestInput) => api<RosterRequest>('/api/rosters/my-requests', { method: 'POST', body: input }),
  withdrawRosterRequest: (id: string) => api<{ ok: true }>(`/api/rosters/my-requests/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  myShifts: (from: string, to: string) => api<MyShift[]>(`/api/rosters/me${queryString({ from, to })}`),
  rosterShifts: () => api<CareShift[]>('/api/rosters/shifts'),
  decideLeave: (id: string, approve: boolean) =>
    api<RosterRequest>(`/api/rosters/requests/${encodeURIComponent(id)}/decision`, { method: 'PUT', body: { approve } }),
};

export const rosteringKeys = {
  rostersAll: ['rosters'] as const,
  rosterSetup: ['rosters', 'setup'] as const,
  latestRosterRun: (start: string) => ['rosters', 'latest', start] as const,
  rosterRun: (id: string) => ['rosters', 'run', id] as const,
  rosterJob: (id: string) => ['rosters', 'job', id] as const,
  myRosterRequests: ['rosters', 'my-requests'] as const,
  myShifts: (from: string, to: string) => ['rosters', 'me', from, to] as const,
  rosterShifts: ['rosters', 'shifts'] as const,
  rosterRequests: (from: string, to: string) => ['rosters', 'requests', from, to] as const,
};
