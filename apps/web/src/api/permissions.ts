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
/** Staff who see AI proposals; whether they may decide is the register's decider roles (the proposal's canDecide). */
const PROPOSAL_READ: readonly Role[] = ['director', 'head_of_care', 'coordination_nurse', 'nurse', 'activity_leader', 'physician'];
const GOVERNANCE: readonly Role[] = ['director', 'user_representative'];
const REGISTER_READ: readonly Role[] = [...CARE_STAFF, 'user_representative'];
const AI_FIGURES: readonly Role[] = [...GOVERNANCE, 'head_of_care', 'coordination_nurse'];
const OBJECTION_WRITE: readonly Role[] = [...PEOPLE_ADMIN, 'nurse', 'physician', 'relative'];
const REVIEW_HANDLERS: readonly Role[] = ['director', 'head_of_care', 'coordination_nurse', 'physician'];

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
  seeProposals: (r: Role) => PROPOSAL_READ.includes(r),
  runRecommender: (r: Role) => (['activity_leader', 'coordination_nurse', 'head_of_care', 'director'] as Role[]).includes(r),
  seeRegister: (r: Role) => REGISTER_READ.includes(r),
  manageRegister: (r: Role) => r === 'director',
  seeRegisterHistory: (r: Role) => GOVERNANCE.includes(r),
  seeAiFigures: (r: Role) => AI_FIGURES.includes(r),
  /** Relatives too, but the server accepts only a legal representative or the personne de confiance. */
  recordObjection: (r: Role) => OBJECTION_WRITE.includes(r),
  requestReview: (r: Role) => PEOPLE_READ.includes(r),
  handleReviewRequests: (r: Role) => REVIEW_HANDLERS.includes(r),
};
