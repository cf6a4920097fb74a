/** Every role a user of Présence can have. Staff roles first, then people-side roles. */
export const STAFF_ROLES = [
  'director',
  'head_of_care',
  'coordination_nurse',
  'nurse',
  'care_assistant',
  'activity_leader',
  'physician',
  'secretary',
  'user_representative',
] as const;
export const ROLES = [...STAFF_ROLES, 'relative'] as const;
export type Role = (typeof ROLES)[number];
export type StaffRole = (typeof STAFF_ROLES)[number];

export const FACILITY_KINDS = ['ehpad', 'day_care', 'ssiad'] as const;
export type FacilityKind = (typeof FACILITY_KINDS)[number];

export const QUALIFICATIONS = ['IDE', 'IDEC', 'AS', 'AES', 'AMP', 'ASH', 'animateur', 'medecin', 'cadre', 'administratif', 'direction'] as const;
export type Qualification = (typeof QUALIFICATIONS)[number];
