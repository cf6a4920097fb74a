import type { CareNote, CareNoteInput, CareNoteVersion, NoteSignal, NoteTarget } from '@presence/shared';
import { api, queryString } from './client';

export type { CareNote, CareNoteInput, CareNoteVersion, NoteSignal, NoteTarget };
export type NoteDraft = Omit<CareNoteInput, 'observedAt'> & { observedAt?: string };

export interface NoteFilters {
  target?: string;
  signal?: NoteSignal;
  from?: string;
  to?: string;
  q?: string;
}

const person = (id: string) => `/api/people/${encodeURIComponent(id)}`;

export const notesEndpoints = {
  targets: () => api<NoteTarget[]>('/api/notes/targets'),
  list: (personId: string, f: NoteFilters) => api<CareNote[]>(`${person(personId)}/notes${queryString({ ...f })}`),
  create: (personId: string, input: NoteDraft) => api<CareNote>(`${person(personId)}/notes`, { method: 'POST', body: input }),
  correct: (personId: string, noteId: string, note: NoteDraft, reason: string) =>
    api<CareNote>(`${person(personId)}/notes/${encodeURIComponent(noteId)}`, { method: 'PUT', body: { note, reason } }),
  history: (personId: string, noteId: string) =>
    api<{ current: CareNote; versions: CareNoteVersion[] }>(`${person(personId)}/notes/${encodeURIComponent(noteId)}/history`),
};

export const notesKeys = {
  targets: ['note-targets'] as const,
  all: (personId: string) => ['notes', personId] as const,
  list: (personId: string, f: NoteFilters) => ['notes', personId, f] as const,
  history: (personId: string, noteId: string) => ['notes', personId, 'history', noteId] as const,
};
