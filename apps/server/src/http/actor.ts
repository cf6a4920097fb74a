import type { Role } from '@presence/shared';

/** Who is making the request, as established by the session. */
export interface Actor {
  userId: string;
  role: Role;
  displayName: string;
  email: string;
  /** The facility a staff member works in; null for relatives. */
  facilityId: string | null;
  /** For relatives: the people they are linked to through a contact record. */
  personIds: string[];
  sessionId: string;
}

/** Row scope derived from the actor: which people records a query may touch. */
export type PersonScope = { kind: 'facility'; facilityId: string } | { kind: 'persons'; personIds: string[] } | { kind: 'none' };

export function personScope(actor: Actor): PersonScope {
  if (actor.role === 'relative') return { kind: 'persons', personIds: actor.personIds };
  if (actor.role === 'user_representative') return { kind: 'none' };
  if (actor.facilityId) return { kind: 'facility', facilityId: actor.facilityId };
  return { kind: 'none' };
}
