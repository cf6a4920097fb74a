import type { Role } from '@presence/shared';

/**
 * What the interface offers to each role. This mirrors the server's access policy
 * (apps/server/src/http/access-policy.ts) only to hide controls; the server decides.
 */
const CARE_STAFF: readonly Role[] = ['director', 'head_of_care', 'coordination_nurse', 'nurse', 'care_assistant', 'activity_leader', 'physician', 'secretary'];
const PEOPLE_READ: readonly Role[] = [...CARE_STAFF, 'relative'];
const PEOPLE_ADMIN: readonly Role[] = ['director', 'head_of_care', 'coordination_nurse', 'secretary'];
const PROFILE_WRITE: readonly Role[] = ['director', 'head_of_care', 'coordination_nurse', 'nurse', 'care_assistant', 'activity_leader'];
const CLINICAL_WRITE: readonly Role[] = ['head_of_care', 'coordination_nurse', 'nurse', 'physician'];
const PLAN_WRITE: readonly Role[] = ['director', 'head_of_care', 'coordination_nurse', 'physician'];

export const can = {
  listPeople: (r: Role) => PEOPLE_READ.includes(r),
  createPerson: (r: Role) => PEOPLE_ADMIN.includes(r),
  editIdentity: (r: Role) => PEOPLE_ADMIN.includes(r),
  editProfile: (r: Role) => PROFILE_WRITE.includes(r),
  addCapacity: (r: Role) => CLINICAL_WRITE.includes(r),
  editContacts: (r: Role) => PEOPLE_ADMIN.includes(r),
  editPlan: (r: Role) => PLAN_WRITE.includes(r),
  seeAccessLog: (r: Role) => r === 'director',
  seeStats: (r: Role) => r === 'director' || r === 'user_representative',
  isCareStaff: (r: Role) => CARE_STAFF.includes(r),
};
