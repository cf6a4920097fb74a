import { rosterAssignmentsSchema } from '@presence/shared';
import { z } from 'zod';
import type { Queryable } from '../db/db.js';
import type { GuaranteeService } from '../guarantee/guarantee-service.js';
import { validationError } from '../http/errors.js';
import { addDays, toDay } from '../lib/random.js';
import {
  boundaryViolations,
  careTeamModel,
  CareTeamError,
  evaluateCareTeam,
  fromAssignments,
  shiftMinutes,
  toAssignments,
  type CareTeamSetting,
} from '../roster/care-team.js';

export const ROSTER_SLUG = 'roster-solver';
export const ROSTER_KIND = 'roster.period';
export const ROSTER_VERSION = '1.0.0';

/**
 * Rules a published roster may never break: they protect health and the law (rest between shifts, hours a week, days
 * in a row, leave, night work only for night staff). The others — contract hours over the cycle, weekends, short rest
 * periods — are shown as warnings and the head of care may publish with them, with a reason.
 */
export const LEGAL_RULES = new Set(['ForbiddenSuccession', 'MaxWeeklyMinutes', 'MaxConsecutiveShifts', 'DayOff', 'MaxShifts']);

export const rosterContent = z.object({ runId: z.uuid(), assignments: rosterAssignmentsSchema }).strict();
export type RosterContent = z.output<typeof rosterContent>;

const HHMM = (m: number) => `${String(Math.floor(m / 60) % 24).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** Shifts published for the days just before a period (as many as the longest run allowed), per staff member. */
export async function previousShifts(
  q: Queryable,
  facilityId: string,
  setting: Pick<CareTeamSetting, 'start' | 'rules'>,
): Promise<Record<string, (string | null)[]>> {
  const days = setting.rules.maxConsecutiveDays;
  const from = addDays(setting.start, -days);
  const rows = await q.query<{ user_id: string; day: string; code: string }>(
    "SELECT user_id, to_char(day, 'YYYY-MM-DD') AS day, code FROM roster_shift WHERE facility_id = $1 AND day BETWEEN $2::date AND $3::date",
    [facilityId, from, addDays(setting.start, -1)],
  );
  const out: Record<string, (string | null)[]> = {};
  for (const r of rows) {
    const line = (out[r.user_id] ??= Array<string | null>(days).fill(null));
    line[days - (toDay(setting.start) - toDay(r.day))] = r.code;
  }
  return out;
}

/**
 * Publishing a roster: it must be the proposal's own run and name only that run's staff; it is re-evaluated against the
 * setting it was solved for and against the shifts published just before it; legal rules must hold; then its shifts
 * replace every shift of the period in the facility.
 */
async function publish(tx: Queryable, proposal: { facilityId: string; subjectId: string }, content: RosterContent): Promise<{ type: string; id: string }> {
  const { facilityId } = proposal;
  if (content.runId !== proposal.subjectId)
    throw validationError([{ field: 'content.runId', reason: 'not_this_run', message: 'A roster proposal publishes its own run only' }]);
  const [run] = await tx.query<{ id: string; setting: CareTeamSetting }>('SELECT id, setting FROM roster_run WHERE id = $1 AND facility_id = $2', [
    content.runId,
    facilityId,
  ]);
  if (!run) throw validationError([{ field: 'content.runId', reason: 'unknown', message: 'No roster run with this id in this facility' }]);
  const setting = run.setting;
  const staffIds = new Set(setting.staff.map((s) => s.id));
  const strangers = Object.keys(content.assignments).filter((k) => !staffIds.has(k));
  if (strangers.length)
    throw validationError(
      strangers.slice(0, 20).map((k) => ({ field: `content.assignments.${k}`, reason: 'unknown_staff', message: 'Not a staff member of this roster' })),
    );
  const model = careTeamModel(setting);
  let roster;
  try {
    roster = fromAssignments(model, content.assignments);
  } catch (err) {
    if (err instanceof CareTeamError) throw validationError([{ field: `content.${err.field}`, reason: err.reason, message: err.message }]);
    throw err;
  }
  const evaluation = evaluateCareTeam(setting, model, roster);
  const assignments = toAssignments(model, roster);
  const legal = [...evaluation.violations, ...boundaryViolations(setting, assignments, await previousShifts(tx, facilityId, setting))].filter((v) =>
    LEGAL_RULES.has(v.type),
  );
  if (legal.length)
    throw validationError(
      legal.slice(0, 20).map((v) => ({
        field: `content.assignments.${v.staff}${v.day !== undefined ? `.${v.day}` : ''}`,
        reason: v.type,
        message: v.detail,
      })),
    );
  const end = addDays(setting.start, setting.weeks * 7 - 1);
  // The period's published roster is replaced as a whole, including shifts of people no longer in it.
  await tx.query('DELETE FROM roster_shift WHERE facility_id = $1 AND day BETWEEN $2::date AND $3::date', [facilityId, setting.start, end]);
  const shifts = new Map(setting.shifts.map((s) => [s.code, s]));
  for (const [staff, line] of Object.entries(assignments)) {
    for (let d = 0; d < line.length; d++) {
      const code = line[d];
      if (!code) continue;
      const s = shifts.get(code)!;
      const day = addDays(setting.start, d);
      const startMin = Number(s.start.slice(0, 2)) * 60 + Number(s.start.slice(3));
      const endMin = startMin + shiftMinutes(s);
      const endDay = endMin >= 1440 ? addDays(day, 1) : day;
      await tx.query(
        `INSERT INTO roster_shift (facility_id, run_id, user_id, day, code, label, starts_at, ends_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7::timestamp, $8::timestamp)`,
        [facilityId, run.id, staff, day, code, s.label, `${day}T${s.start}:00`, `${endDay}T${HHMM(endMin)}:00`],
      );
    }
  }
  await tx.query('UPDATE roster_run SET published_at = now() WHERE id = $1', [run.id]);
  return { type: 'roster_run', id: run.id };
}

export function registerRosterSolver(g: GuaranteeService): void {
  g.defineSystem({
    slug: ROSTER_SLUG,
    name: 'Planning du personnel soignant',
    purpose:
      'Proposer le planning des équipes (matin, soir, journée, nuit) sur un cycle de plusieurs semaines : effectifs par qualification, contrats, repos et règles du temps de travail, demandes des agents, équité entre agents.',
    intendedUsers: ['head_of_care', 'director'],
    dataRead: [
      'contrats (heures par semaine, qualification, agent de nuit)',
      'congés et demandes des agents',
      'effectifs souhaités par jour, poste et qualification',
      'règles du temps de travail de l’établissement',
    ],
    dataNeverRead: ['dossiers des résidents', 'évaluations professionnelles', 'arrêts maladie (motif)', 'données de santé des agents'],
    riskClass: 'limited',
    riskJustification:
      'Touche aux conditions de travail des agents (horaires, week-ends, nuits) ; ne décide de rien seul : la cadre de santé vérifie, corrige et publie, et les règles légales sont vérifiées à la publication.',
    deciderRoles: ['head_of_care', 'director'],
    engineVersion: `roster ${ROSTER_VERSION} (programmation dynamique par agent + recuit simulé)`,
    limits:
      'Ne connaît que ce qui est saisi : un échange entre collègues ou une absence non déclarée n’est pas vu. L’équité est tenue par des plafonds égaux pour tous (week-ends, heures du contrat) et montrée agent par agent, pas optimisée directement.',
    benefits:
      'Un planning conforme en quelques secondes au lieu de plusieurs heures, les demandes des agents prises en compte et expliquées quand elles ne peuvent pas l’être.',
    falcSummary: 'Cet outil prépare le planning des soignants. La cadre de santé le vérifie. Il ne lit pas votre dossier.',
  });
  g.registerKind<RosterContent>({
    kind: ROSTER_KIND,
    systemSlug: ROSTER_SLUG,
    contentSchema: rosterContent,
    apply: (tx, proposal, content) => publish(tx, proposal, content),
  });
}
