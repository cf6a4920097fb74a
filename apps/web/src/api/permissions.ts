import { accessFor, isAllowed, type Role } from '@presence/shared';

/**
 * What the interface offers to each role, read from the server's own access-policy table (shared
 * package), only to hide controls: the server decides.
 */
const allowed = (method: string, url: string) => (r: Role) => {
  const access = accessFor(method, url);
  return access !== undefined && isAllowed(access, r);
};

export const can = {
  listPeople: allowed('GET', '/api/people'),
  createPerson: allowed('POST', '/api/people'),
  editIdentity: allowed('PATCH', '/api/people/:id'),
  editProfile: allowed('PUT', '/api/people/:id/profile'),
  addCapacity: allowed('POST', '/api/people/:id/capacities'),
  editContacts: allowed('POST', '/api/people/:id/contacts'),
  editPlan: allowed('PUT', '/api/people/:id/care-plan'),
  seeAccessLog: allowed('GET', '/api/people/:id/access-log'),
  seeStats: allowed('GET', '/api/stats/overview'),
  isCareStaff: allowed('GET', '/api/activities'),
  seeProposals: allowed('GET', '/api/proposals'),
  runRecommender: allowed('POST', '/api/people/:id/activity-recommendations'),
  seeRegister: allowed('GET', '/api/ai/systems'),
  manageRegister: allowed('PATCH', '/api/ai/systems/:id'),
  seeRegisterHistory: allowed('GET', '/api/ai/systems/:id/history'),
  seeAiFigures: allowed('GET', '/api/ai/figures'),
  /** Relatives too, but the server accepts only a legal representative or the personne de confiance. */
  recordObjection: allowed('PUT', '/api/people/:id/objections/:systemId'),
  requestReview: allowed('POST', '/api/people/:id/review-requests'),
  handleReviewRequests: allowed('GET', '/api/review-requests'),
  planWeek: allowed('POST', '/api/planning/runs'),
  editCatalogue: allowed('PUT', '/api/activities/:id'),
  seeSessions: allowed('GET', '/api/planning/sessions'),
  recordAttendance: allowed('PUT', '/api/planning/sessions/:id/attendance'),
  seeTimeWithPeople: allowed('GET', '/api/planning/time-with-people'),
  manageRosters: allowed('POST', '/api/rosters/runs'),
  seeOwnRoster: allowed('GET', '/api/rosters/me'),
  readNotes: allowed('GET', '/api/people/:id/notes'),
  writeNotes: allowed('POST', '/api/people/:id/notes'),
  readAssessments: allowed('GET', '/api/people/:id/assessments'),
  recordAssessment: allowed('POST', '/api/people/:id/assessments'),
  closeDue: allowed('POST', '/api/people/:id/assessment-dues/:dueId/done'),
  readAppointments: allowed('GET', '/api/people/:id/appointments'),
  bookAppointment: allowed('POST', '/api/people/:id/appointments'),
  editRoutines: allowed('POST', '/api/people/:id/routines'),
  seeAgenda: allowed('GET', '/api/appointments'),
  seeReminders: allowed('GET', '/api/appointments/reminders'),
  readSyntheses: allowed('GET', '/api/people/:id/syntheses'),
  seeTelemonitoring: allowed('GET', '/api/telemonitoring/alerts'),
  readTelemonitoring: allowed('GET', '/api/people/:id/telemonitoring'),
  triageAlerts: allowed('POST', '/api/telemonitoring/alerts/:id/acknowledge'),
  enrolTelemonitoring: allowed('POST', '/api/telemonitoring/enrolments'),
  setTelemonitoringSettings: allowed('PUT', '/api/people/:id/telemonitoring/enrolments/:enrolmentId/settings'),
  addTelemonitoringDevice: allowed('POST', '/api/telemonitoring/devices'),
  enterMeasurement: allowed('POST', '/api/people/:id/telemonitoring/measurements'),
  setTelemonitoringPolicy: allowed('PUT', '/api/telemonitoring/policy'),
  handleComplaints: allowed('GET', '/api/complaints'),
  manageSurveys: allowed('POST', '/api/surveys'),
  recordMissedEvent: allowed('POST', '/api/people/:id/telemonitoring/missed-events'),
  seeSurveyResults: allowed('GET', '/api/surveys/:id/results'),
  recordContactTime: allowed('POST', '/api/time/contacts'),
  seeUsageReport: allowed('GET', '/api/reports/usage'),
  seeComplaintStats: allowed('GET', '/api/complaints/stats'),
  seePanel: allowed('GET', '/api/panel/sessions'),
  seeEquity: allowed('GET', '/api/equity'),
  takeLiteracy: allowed('GET', '/api/literacy'),
  seeLiteracyCompletions: allowed('GET', '/api/literacy/completions'),
  setLiteracyRequired: allowed('PUT', '/api/literacy/setting'),
  organisePanel: allowed('POST', '/api/panel/sessions'),
  reviewPanelItems: allowed('PUT', '/api/panel/items/:id/finding'),
};
