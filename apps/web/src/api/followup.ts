import type { Appointment, AppointmentConflict, AppointmentInput, Reminder, Routine, RoutineInput, SlotRequestInput } from '@presence/shared';
import { api } from './client';

export type { Appointment, AppointmentConflict, AppointmentInput, Reminder, Routine, RoutineInput, SlotRequestInput };

const person = (id: string) => `/api/people/${encodeURIComponent(id)}`;

export interface SlotSuggestion {
  start: string;
  end: string;
  cost: number;
  reasons: string[];
}

export interface SynthesisSource {
  type: 'care_note' | 'assessment' | 'assessment_due' | 'activity_session' | 'appointment' | 'goal' | 'care_plan' | 'person_profile';
  id: string;
  at?: string;
}
export interface SynthesisSentence {
  id: string;
  text: string;
  sources: SynthesisSource[];
}
export interface Synthesis {
  id: string;
  personId: string;
  from: string;
  to: string;
  content: { personName: string; sections: { key: string; title: string; sentences: SynthesisSentence[] }[] };
  rewrite:
    | { status: 'done'; at: string; model: string; promptVersion: string; sentences: { text: string; sources: string[] }[] }
    | { status: 'failed'; at: string; reason: string; message: string; model: string }
    | null;
  createdAt: string;
  createdBy: string;
  validatedAt: string | null;
  validatedBy: string | null;
  proposal: { id: string; status: string } | null;
}

export const followupEndpoints = {
  appointments: (personId: string) => api<Appointment[]>(`${person(personId)}/appointments`),
  checkAppointment: (personId: string, input: AppointmentInput) =>
    api<{ conflicts: AppointmentConflict[] }>(`${person(personId)}/appointments/check`, { method: 'POST', body: input }),
  createAppointment: (personId: string, input: AppointmentInput) => api<Appointment>(`${person(personId)}/appointments`, { method: 'POST', body: input }),
  setAppointmentStatus: (personId: string, id: string, status: 'done' | 'cancelled') =>
    api<Appointment>(`${person(personId)}/appointments/${encodeURIComponent(id)}/status`, { method: 'POST', body: { status } }),
  suggestSlots: (personId: string, input: SlotRequestInput) =>
    api<{ proposalId: string | null; suggestions: SlotSuggestion[] }>(`${person(personId)}/appointment-slots`, { method: 'POST', body: input }),
  staff: () => api<{ id: string; name: string; role: string }[]>('/api/appointments/staff'),
  routines: (personId: string) => api<Routine[]>(`${person(personId)}/routines`),
  addRoutine: (personId: string, input: RoutineInput) => api<Routine[]>(`${person(personId)}/routines`, { method: 'POST', body: input }),
  removeRoutine: (personId: string, id: string) => api<Routine[]>(`${person(personId)}/routines/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  syntheses: (personId: string) => api<Omit<Synthesis, 'content' | 'rewrite'>[]>(`${person(personId)}/syntheses`),
  synthesis: (personId: string, id: string) => api<Synthesis>(`${person(personId)}/syntheses/${encodeURIComponent(id)}`),
  createSynthesis: (personId: string, body: { from: string; to: string; rewrite: boolean }) =>
    api<Synthesis>(`${person(personId)}/syntheses`, { method: 'POST', body }),
  synthesisOptions: () => api<{ rewrite: { model: string } | null }>('/api/syntheses/options'),
};

export const followupKeys = {
  appointments: (personId: string) => ['appointments', personId] as const,
  routines: (personId: string) => ['routines', personId] as const,
  staff: ['appointment-staff'] as const,
  syntheses: (personId: string) => ['syntheses', personId] as const,
  synthesis: (personId: string, id: string) => ['syntheses', personId, id] as const,
  synthesisOptions: ['synthesis-options'] as const,
};
