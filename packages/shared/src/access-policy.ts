import { ROLES, type Role } from './roles.js';

/**
 * The access policy of every route, in one table: "METHOD /url" → 'public' or the roles allowed.
 * A route missing here is refused at run time (fail closed) and fails the policy test. It lives in
 * the shared package so that the web app hides exactly what the server refuses.
 * Row scope (facility, a relative's own people, pseudonymised aggregates only for user
 * representatives) is applied by the services on top of this table; see http/actor.ts.
 * An entry ending in '*' covers every route under that prefix (documentation and static files).
 */
export type Access = 'public' | readonly Role[];

const ALL: readonly Role[] = ROLES;
const CARE_STAFF: readonly Role[] = ['director', 'head_of_care', 'coordination_nurse', 'nurse', 'care_assistant', 'activity_leader', 'physician', 'secretary'];
const PEOPLE_READ: readonly Role[] = [...CARE_STAFF, 'relative'];
const PEOPLE_ADMIN: readonly Role[] = ['director', 'head_of_care', 'coordination_nurse', 'secretary'];
const PROFILE_WRITE: readonly Role[] = ['director', 'head_of_care', 'coordination_nurse', 'nurse', 'care_assistant', 'activity_leader'];
const CLINICAL_WRITE: readonly Role[] = ['head_of_care', 'coordination_nurse', 'nurse', 'physician'];
const PLAN_WRITE: readonly Role[] = ['director', 'head_of_care', 'coordination_nurse', 'physician'];
/** Staff who may see proposals; whether they may decide is the register's decider roles. */
const PROPOSAL_READ: readonly Role[] = ['director', 'head_of_care', 'coordination_nurse', 'nurse', 'activity_leader', 'physician'];
/** Weekly activity planning: the activity leaders, their head of care and the director. */
const PLANNING: readonly Role[] = ['director', 'head_of_care', 'activity_leader'];
const ATTENDANCE_WRITE: readonly Role[] = ['head_of_care', 'coordination_nurse', 'nurse', 'care_assistant', 'activity_leader'];
/** The activity catalogue is the activity leaders' own, with their head of care and the director. */
const CATALOGUE_EDIT: readonly Role[] = ['director', 'head_of_care', 'activity_leader'];
const GOVERNANCE: readonly Role[] = ['director', 'user_representative'];
/** Staff rosters are built by the head of care (and the director); every staff member sees their own and makes requests. */
const ROSTER_MANAGE: readonly Role[] = ['director', 'head_of_care'];
const ROSTER_OWN: readonly Role[] = CARE_STAFF;
/** Care notes: the care team reads and writes them; the secretary does not read care records. */
const NOTES_READ: readonly Role[] = ['director', 'head_of_care', 'coordination_nurse', 'nurse', 'care_assistant', 'activity_leader', 'physician'];
const NOTES_WRITE: readonly Role[] = ['head_of_care', 'coordination_nurse', 'nurse', 'care_assistant', 'activity_leader', 'physician'];
const NOTES_SETUP: readonly Role[] = ['director', 'head_of_care', 'coordination_nurse'];
/** Appointments: the secretary books them with the care team; relatives see their person's. */
const APPOINTMENT_WRITE: readonly Role[] = ['director', 'head_of_care', 'coordination_nurse', 'nurse', 'physician', 'secretary'];
/** Telemonitoring: the coordination nurse triages with nurses and physicians; the physician sets each person's rules. */
const TM_STAFF: readonly Role[] = ['director', 'head_of_care', 'coordination_nurse', 'nurse', 'physician'];
const TM_TRIAGE: readonly Role[] = ['coordination_nurse', 'nurse', 'physician'];
/** Needs syntheses gather the whole record: the clinical team that prepares meetings and plan reviews. */
const SYNTHESIS: readonly Role[] = ['director', 'head_of_care', 'coordination_nurse', 'nurse', 'physician'];

/** Complaints: recorded and handled by management and the secretary; their statistics go to the CVS (user representatives). */
const COMPLAINTS: readonly Role[] = ['director', 'head_of_care', 'coordination_nurse', 'secretary'];
/** The review panel: management, clinicians and user representatives review; management organises. */
const PANEL: readonly Role[] = ['director', 'head_of_care', 'coordination_nurse', 'physician', 'user_representative'];
const PANEL_ORGANISE: readonly Role[] = ['director', 'head_of_care'];
/** AI literacy: every staff member who may meet an AI proposal (user representatives read the modules too). */
const STAFF_ONLY: readonly Role[] = [...CARE_STAFF, 'user_representative'];

/** Surveys: management runs campaigns and reads results with the user representatives; everyone answers their own. */
const SURVEY_MANAGE: readonly Role[] = ['director', 'head_of_care', 'coordination_nurse'];
const SURVEY_RESULTS: readonly Role[] = [...SURVEY_MANAGE, 'user_representative'];
/** The usage report goes to the CVS, the board and the regional agency: management prepares it with the user representatives. */
const REPORT: readonly Role[] = ['director', 'head_of_care', 'coordination_nurse', 'user_representative'];

export const ACCESS_POLICY: Readonly<Record<string, Access>> = {
  'GET /api/health': 'public',
  'GET /api/docs*': 'public',
  'GET /*': 'public', // the web app's static files
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': ALL,
  'GET /api/auth/me': ALL,
  'POST /api/auth/password': ALL,
  'GET /api/facilities': ALL,
  'GET /api/people': PEOPLE_READ,
  'POST /api/people': PEOPLE_ADMIN,
  'GET /api/people/:id': PEOPLE_READ,
  'PATCH /api/people/:id': PEOPLE_ADMIN,
  'PUT /api/people/:id/profile': PROFILE_WRITE,
  'POST /api/people/:id/capacities': CLINICAL_WRITE,
  'POST /api/people/:id/contacts': PEOPLE_ADMIN,
  'PUT /api/people/:id/contacts/:contactId': PEOPLE_ADMIN,
  'DELETE /api/people/:id/contacts/:contactId': PEOPLE_ADMIN,
  'PUT /api/people/:id/care-plan': PLAN_WRITE,
  'GET /api/people/:id/access-log': ['director'],
  'GET /api/stats/overview': GOVERNANCE,
  'GET /api/ai/systems': [...CARE_STAFF, 'user_representative'],
  'PATCH /api/ai/systems/:id': ['director'],
  'GET /api/ai/systems/:id/history': GOVERNANCE,
  'GET /api/ai/figures': [...GOVERNANCE, 'head_of_care', 'coordination_nurse'],
  'GET /api/proposals': PROPOSAL_READ,
  'GET /api/proposals/:id': PROPOSAL_READ,
  'POST /api/proposals/:id/decision': PROPOSAL_READ,
  'GET /api/proposals/:id/provenance': PROPOSAL_READ,
  'GET /api/people/:id/objections': PEOPLE_READ,
  'PUT /api/people/:id/objections/:systemId': [...PEOPLE_ADMIN, 'nurse', 'physician', 'relative'],
  'DELETE /api/people/:id/objections/:systemId': [...PEOPLE_ADMIN, 'nurse', 'physician', 'relative'],
  'GET /api/people/:id/transparency': PEOPLE_READ,
  'GET /api/activities': CARE_STAFF,
  'POST /api/activities': CATALOGUE_EDIT,
  'PUT /api/activities/:id': CATALOGUE_EDIT,
  'POST /api/people/:id/activity-recommendations': ['activity_leader', 'coordination_nurse', 'head_of_care', 'director'],
  'GET /api/people/:id/activities': PEOPLE_READ,
  'GET /api/planning/setup': PLANNING,
  'POST /api/planning/rooms': PLANNING,
  'PUT /api/planning/rooms/:id': PLANNING,
  'PUT /api/planning/leaders/:id': PLANNING,
  'DELETE /api/planning/leaders/:id': PLANNING,
  'POST /api/planning/runs': PLANNING,
  'GET /api/planning/runs': PLANNING,
  'GET /api/planning/jobs/:id': PLANNING,
  'DELETE /api/planning/jobs/:id': PLANNING,
  'GET /api/planning/runs/:id': PLANNING,
  'POST /api/planning/runs/:id/evaluate': PLANNING,
  'GET /api/planning/sessions': CARE_STAFF,
  'PUT /api/planning/sessions/:id/attendance': ATTENDANCE_WRITE,
  'GET /api/planning/time-with-people': ['director', 'head_of_care', 'activity_leader'],
  'GET /api/people/:id/sessions': PEOPLE_READ,
  'GET /api/rosters/setup': ROSTER_MANAGE,
  'PUT /api/rosters/setup': ROSTER_MANAGE,
  'PUT /api/rosters/contracts/:id': ROSTER_MANAGE,
  'GET /api/rosters/requests': ROSTER_MANAGE,
  'PUT /api/rosters/requests/:id/decision': ROSTER_MANAGE,
  'GET /api/rosters/shifts': ROSTER_OWN,
  'GET /api/rosters/my-requests': ROSTER_OWN,
  'POST /api/rosters/my-requests': ROSTER_OWN,
  'DELETE /api/rosters/my-requests/:id': ROSTER_OWN,
  'POST /api/rosters/runs': ROSTER_MANAGE,
  'GET /api/rosters/jobs/:id': ROSTER_MANAGE,
  'DELETE /api/rosters/jobs/:id': ROSTER_MANAGE,
  'GET /api/rosters/runs': ROSTER_MANAGE,
  'GET /api/rosters/runs/:id': ROSTER_MANAGE,
  'POST /api/rosters/runs/:id/evaluate': ROSTER_MANAGE,
  'GET /api/rosters/me': ROSTER_OWN,
  'GET /api/rosters/me.ics': ROSTER_OWN,
  'GET /api/notes/targets': NOTES_READ,
  'PUT /api/notes/targets': NOTES_SETUP,
  'GET /api/people/:id/notes': NOTES_READ,
  'POST /api/people/:id/notes': NOTES_WRITE,
  'PUT /api/people/:id/notes/:noteId': NOTES_WRITE,
  'GET /api/people/:id/notes/:noteId/history': NOTES_READ,
  'GET /api/assessments/scales': NOTES_READ,
  'POST /api/assessments/compute': NOTES_READ,
  'GET /api/people/:id/assessments': NOTES_READ,
  'POST /api/people/:id/assessments': CLINICAL_WRITE,
  'POST /api/people/:id/assessment-dues/:dueId/done': NOTES_WRITE,
  'GET /api/appointments': CARE_STAFF,
  'GET /api/appointments/reminders': APPOINTMENT_WRITE,
  'GET /api/appointments/me.ics': CARE_STAFF,
  'GET /api/appointments/staff': APPOINTMENT_WRITE,
  'GET /api/people/:id/appointments': PEOPLE_READ,
  'GET /api/people/:id/appointments.ics': PEOPLE_READ,
  'POST /api/people/:id/appointments/check': APPOINTMENT_WRITE,
  'POST /api/people/:id/appointments': APPOINTMENT_WRITE,
  'PUT /api/people/:id/appointments/:appointmentId': APPOINTMENT_WRITE,
  'POST /api/people/:id/appointments/:appointmentId/status': APPOINTMENT_WRITE,
  'POST /api/people/:id/appointment-slots': APPOINTMENT_WRITE,
  'GET /api/people/:id/routines': PEOPLE_READ,
  'POST /api/people/:id/routines': PROFILE_WRITE,
  'DELETE /api/people/:id/routines/:routineId': PROFILE_WRITE,
  'POST /api/telemonitoring/enrolments': ['head_of_care', 'coordination_nurse', 'physician'],
  'PUT /api/people/:id/telemonitoring/enrolments/:enrolmentId/settings': ['physician'],
  'POST /api/telemonitoring/devices': ['head_of_care', 'coordination_nurse', 'nurse'],
  'GET /api/people/:id/telemonitoring': TM_STAFF,
  'GET /api/people/:id/telemonitoring/missed-events': TM_STAFF,
  'POST /api/people/:id/telemonitoring/missed-events': [...TM_TRIAGE, 'head_of_care'],
  'POST /api/people/:id/telemonitoring/measurements': TM_TRIAGE,
  'GET /api/telemonitoring/alerts': TM_STAFF,
  'GET /api/telemonitoring/panel': TM_STAFF,
  'GET /api/complaints': COMPLAINTS,
  'POST /api/complaints': COMPLAINTS,
  'GET /api/complaints/stats': [...COMPLAINTS, 'user_representative'],
  'GET /api/complaints/:id': COMPLAINTS,
  'PUT /api/complaints/:id/qualification': COMPLAINTS,
  'POST /api/complaints/:id/transitions': COMPLAINTS,
  'GET /api/equity': PANEL,
  'GET /api/literacy': STAFF_ONLY,
  'GET /api/literacy/completions': PANEL_ORGANISE,
  'PUT /api/literacy/setting': ['director'],
  'GET /api/literacy/:slug': STAFF_ONLY,
  'POST /api/literacy/:slug/answers': STAFF_ONLY,
  'GET /api/panel/members': PANEL,
  'POST /api/panel/members': PANEL_ORGANISE,
  'GET /api/panel/sessions': PANEL,
  'POST /api/panel/sessions': PANEL_ORGANISE,
  'GET /api/panel/sessions/:id': PANEL,
  'PUT /api/panel/sessions/:id': PANEL_ORGANISE,
  'POST /api/panel/sessions/:id/close': PANEL_ORGANISE,
  'POST /api/panel/sessions/:id/samples': PANEL_ORGANISE,
  'GET /api/panel/samples/:id/verify': PANEL,
  'PUT /api/panel/items/:id/finding': PANEL,
  'POST /api/panel/sessions/:id/actions': PANEL_ORGANISE,
  'PUT /api/panel/actions/:id': PANEL_ORGANISE,
  'GET /api/panel/actions': PANEL,
  'GET /api/panel/sessions/:id/minutes.pdf': PANEL,
  'GET /api/surveys/templates': ALL,
  'GET /api/surveys': ALL,
  'POST /api/surveys': SURVEY_MANAGE,
  'GET /api/surveys/trends': SURVEY_RESULTS,
  'GET /api/surveys/:id': ALL,
  'POST /api/surveys/:id/close': SURVEY_MANAGE,
  'POST /api/surveys/:id/responses': ALL,
  'GET /api/surveys/:id/results': SURVEY_RESULTS,
  'GET /api/surveys/:id/export.csv': SURVEY_RESULTS,
  'POST /api/surveys/:id/themes': SURVEY_MANAGE,
  'PUT /api/surveys/themes/:id': SURVEY_MANAGE,
  'PUT /api/surveys/answers/:responseId/:questionId/theme': SURVEY_MANAGE,
  'GET /api/time/contacts': CARE_STAFF,
  'POST /api/time/contacts': CARE_STAFF,
  'POST /api/time/admin': CARE_STAFF,
  'GET /api/time/summary': REPORT,
  'GET /api/reports/usage': REPORT,
  'GET /api/reports/usage.pdf': REPORT,
  'GET /api/reports/usage.csv': REPORT,
  'POST /api/telemonitoring/alerts/:id/acknowledge': TM_TRIAGE,
  'POST /api/telemonitoring/alerts/:id/actions': TM_TRIAGE,
  'POST /api/telemonitoring/alerts/:id/close': TM_TRIAGE,
  'POST /api/telemonitoring/alerts/:id/snooze': TM_TRIAGE,
  'GET /api/telemonitoring/rejections': TM_STAFF,
  'GET /api/telemonitoring/policy': TM_STAFF,
  'PUT /api/telemonitoring/policy': ['head_of_care', 'physician'],
  'GET /api/telemonitoring/events': TM_STAFF,
  // Devices authenticate with their own token (checked by the route), not a session.
  'POST /api/telemonitoring/measurements': 'public',
  'POST /fhir/R4/Observation': 'public',
  'POST /fhir/R4': 'public',
  'GET /api/syntheses/options': SYNTHESIS,
  'GET /api/people/:id/syntheses': SYNTHESIS,
  'POST /api/people/:id/syntheses': SYNTHESIS,
  'GET /api/people/:id/syntheses/:synthesisId': SYNTHESIS,
  'POST /api/people/:id/review-requests': PEOPLE_READ,
  'GET /api/review-requests': ['director', 'head_of_care', 'coordination_nurse', 'physician'],
  'POST /api/review-requests/:id/close': ['director', 'head_of_care', 'coordination_nurse', 'physician'],
};

/** The policy entry for a route, or undefined when none covers it. HEAD follows GET. */
export function accessFor(method: string, url: string): Access | undefined {
  const m = method === 'HEAD' ? 'GET' : method;
  const key = `${m} ${url}`;
  const exact = ACCESS_POLICY[key];
  if (exact) return exact;
  for (const [pattern, access] of Object.entries(ACCESS_POLICY)) {
    if (pattern.endsWith('*') && key.startsWith(pattern.slice(0, -1))) return access;
  }
  return undefined;
}

export function isAllowed(access: Access, role: Role | null): boolean {
  if (access === 'public') return true;
  return role !== null && access.includes(role);
}
