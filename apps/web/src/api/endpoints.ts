import type {
  CapacityInput,
  CarePlanInput,
  ContactInput,
  FacilityKind,
  Me,
  Page,
  PeopleQuery,
  PersonDetail,
  PersonInput,
  PersonPatch,
  PersonSummary,
  ProfileInput,
  Role,
} from '@presence/shared';
import { ApiError, api, queryString } from './client';
import { guaranteeEndpoints, guaranteeKeys } from './guarantee';
import { planningEndpoints, planningKeys } from './planning';
import { rosteringEndpoints, rosteringKeys } from './rostering';

export interface Facility {
  id: string;
  name: string;
  kind: FacilityKind;
  finess: string;
}

export interface AccessLogEntry {
  seq: number;
  at: string;
  actorName: string | null;
  actorRole: Role | null;
  action: string;
  outcome: string;
}

/** A count, or a masked small cell such as "<5". */
export type MaskedCount = number | string;

export interface FacilityStats {
  facilityId: string;
  name: string;
  kind: FacilityKind;
  people: number;
  byStatus: Record<string, MaskedCount>;
  bySex: Record<string, MaskedCount>;
  byAgeBand: Record<string, MaskedCount>;
}

export interface StatsOverview {
  facilities: FacilityStats[];
}

/** The list query as the web app sends it (the shared schema's input type leaves limit/offset loosely typed for coercion). */
export type PeopleParams = Omit<PeopleQuery, 'limit' | 'offset'> & { limit?: number; offset?: number };

const person = (id: string) => `/api/people/${encodeURIComponent(id)}`;

export const endpoints = {
  login: (email: string, password: string) => api<Me>('/api/auth/login', { method: 'POST', body: { email, password }, quiet401: true }),
  logout: () => api<void>('/api/auth/logout', { method: 'POST', quiet401: true }),
  /** The signed-in user, or null when there is no valid session. */
  me: async (): Promise<Me | null> => {
    try {
      return await api<Me>('/api/auth/me', { quiet401: true });
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return null;
      throw err;
    }
  },
  changePassword: (currentPassword: string, newPassword: string) => api<void>('/api/auth/password', { method: 'POST', body: { currentPassword, newPassword } }),
  facilities: () => api<Facility[]>('/api/facilities'),
  people: (q: PeopleParams) => api<Page<PersonSummary>>(`/api/people${queryString({ ...q })}`),
  person: (id: string) => api<PersonDetail>(person(id)),
  createPerson: (input: PersonInput) => api<PersonDetail>('/api/people', { method: 'POST', body: input }),
  updatePerson: (id: string, patch: PersonPatch) => api<PersonDetail>(person(id), { method: 'PATCH', body: patch }),
  updateProfile: (id: string, input: ProfileInput) => api<PersonDetail>(`${person(id)}/profile`, { method: 'PUT', body: input }),
  addCapacity: (id: string, input: CapacityInput) => api<PersonDetail>(`${person(id)}/capacities`, { method: 'POST', body: input }),
  addContact: (id: string, input: ContactInput) => api<PersonDetail>(`${person(id)}/contacts`, { method: 'POST', body: input }),
  updateContact: (id: string, contactId: string, input: ContactInput) =>
    api<PersonDetail>(`${person(id)}/contacts/${encodeURIComponent(contactId)}`, { method: 'PUT', body: input }),
  deleteContact: (id: string, contactId: string) => api<PersonDetail>(`${person(id)}/contacts/${encodeURIComponent(contactId)}`, { method: 'DELETE' }),
  replaceCarePlan: (id: string, input: CarePlanInput) => api<PersonDetail>(`${person(id)}/care-plan`, { method: 'PUT', body: input }),
  accessLog: (id: string) => api<AccessLogEntry[]>(`${person(id)}/access-log`),
  statsOverview: () => api<StatsOverview>('/api/stats/overview'),
  ...guaranteeEndpoints,
  ...planningEndpoints,
  ...rosteringEndpoints,
};

/** Query keys, in one place so writes can refresh the right caches. */
export const keys = {
  me: ['me'] as const,
  facilities: ['facilities'] as const,
  peopleAll: ['people'] as const,
  people: (q: PeopleParams) => ['people', q] as const,
  person: (id: string) => ['person', id] as const,
  accessLog: (id: string) => ['person', id, 'access-log'] as const,
  stats: ['stats', 'overview'] as const,
  ...guaranteeKeys,
  ...planningKeys,
  ...rosteringKeys,
};
