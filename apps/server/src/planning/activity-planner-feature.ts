import { z } from 'zod';
import type { GuaranteeService } from '../guarantee/guarantee-service.js';
import type { Queryable } from '../db/db.js';
import { validationError } from '../http/errors.js';
import { evaluatePlan, sessionIdOf } from '../planner/evaluate.js';
import { parseInstance } from '../planner/instance.js';

export const PLANNER_SLUG = 'activity-planner';
export const WEEK_PLAN_KIND = 'activity.week_plan';
export const PLANNER_VERSION = '1.0.0';

/** A weekly plan as proposed and as amended by the activity leader: the sessions, in the planning instance's ids. */
export const weekPlanContent = z
  .object({
    runId: z.uuid(),
    sessions: z
      .array(
        z
          .object({
            activity: z.string().min(1).max(120),
            slot: z.string().min(1).max(120),
            room: z.string().min(1).max(120),
            leader: z.string().min(1).max(120),
            participants: z.array(z.string().min(1).max(120)).max(500),
          })
          .strict(),
      )
      .max(2000),
  })
  .strict();
export type WeekPlanContent = z.output<typeof weekPlanContent>;

/** Publishing a plan: checks it against its instance (hard constraints), then replaces the week's planned sessions. */
async function publish(tx: Queryable, facilityId: string, content: WeekPlanContent): Promise<{ type: string; id: string }> {
  const [run] = await tx.query<{ id: string; instance: unknown; week: string }>(
    "SELECT id, instance, to_char(week, 'YYYY-MM-DD') AS week FROM plan_run WHERE id = $1 AND facility_id = $2",
    [content.runId, facilityId],
  );
  if (!run) throw validationError([{ field: 'content.runId', reason: 'unknown', message: 'No planner run with this id in this facility' }]);
  const instance = parseInstance(run.instance);
  const sessions = content.sessions.map((s) => ({ ...s, id: sessionIdOf(s) }));
  const evaluation = evaluatePlan(instance, sessions);
  if (!evaluation.feasible) {
    const v = evaluation.violations[0]!;
    const index = sessions.findIndex((s) => s.id === v.subject || s.participants.includes(v.subject));
    throw validationError(
      evaluation.violations.slice(0, 20).map((x) => ({
        field: index >= 0 ? `content.sessions.${index}` : 'content.sessions',
        reason: x.code,
        message: x.message,
      })),
    );
  }
  const slots = new Map(instance.slots.map((s) => [s.id, s]));
  const keys = [...new Set(sessions.map((s) => s.activity))];
  const ids = new Map(
    (await tx.query<{ id: string; key: string }>('SELECT id, key FROM activity WHERE facility_id = $1 AND key = ANY($2::text[])', [facilityId, keys])).map(
      (r) => [r.key, r.id],
    ),
  );
  // Republishing a week replaces its sessions that have no attendance recorded yet.
  const weekEnd =
    instance.slots
      .map((s) => s.date)
      .sort()
      .at(-1) ?? run.week;
  await tx.query(
    `UPDATE activity_session SET status = 'cancelled'
      WHERE facility_id = $1 AND day BETWEEN $2::date AND $3::date AND status = 'planned'
        AND NOT EXISTS (SELECT 1 FROM session_attendance a WHERE a.session_id = activity_session.id)`,
    [facilityId, run.week, weekEnd],
  );
  for (const s of sessions) {
    const slot = slots.get(s.slot)!;
    const activity = instance.activities.find((a) => a.id === s.activity)!;
    const startMin = Number(slot.start.slice(0, 2)) * 60 + Number(slot.start.slice(3));
    const end = startMin + activity.minutes;
    const endTime = `${String(Math.floor(end / 60)).padStart(2, '0')}:${String(end % 60).padStart(2, '0')}`;
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO activity_session (facility_id, plan_run_id, activity_id, day, start_time, end_time, room_id, leader_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [facilityId, run.id, ids.get(s.activity), slot.date, slot.start, endTime, s.room, s.leader],
    );
    for (const p of s.participants) await tx.query('INSERT INTO session_invitation (session_id, person_id) VALUES ($1, $2)', [row!.id, p]);
  }
  await tx.query('UPDATE plan_run SET published_at = now() WHERE id = $1', [run.id]);
  return { type: 'plan_run', id: run.id };
}

export function registerActivityPlanner(g: GuaranteeService): void {
  g.defineSystem({
    slug: PLANNER_SLUG,
    name: 'Planification hebdomadaire des activités',
    purpose:
      'Proposer le programme d’activités de la semaine : quelles séances, quand, dans quelle salle, avec quel animateur, et qui inviter — d’après les suggestions de chacun, les objectifs des projets personnalisés et l’équité entre les personnes.',
    intendedUsers: ['activity_leader', 'head_of_care'],
    dataRead: [
      'jours de présence et rendez-vous',
      'limite de fatigue par jour',
      'scores des activités suggérées',
      'domaines des objectifs du projet personnalisé',
      'salles, animateurs, compétences et horaires',
    ],
    dataNeverRead: ['diagnostics et traitements', 'transmissions de soins', 'histoire de vie (texte)', 'identité (INS)'],
    riskClass: 'minimal',
    riskJustification: 'Organisation des animations, sans effet sur les soins ni sur les droits ; chaque personne reste libre de venir ou non.',
    deciderRoles: ['activity_leader', 'head_of_care'],
    engineVersion: `planner ${PLANNER_VERSION} (recuit simulé ; HiGHS en mode exact)`,
    limits:
      'Ne connaît que les disponibilités saisies : une sortie de la famille ou un rendez-vous non enregistré n’est pas vu. L’optimum porte sur les scores des suggestions, pas sur l’envie du jour : l’animateur ajuste.',
    benefits: 'Le planning de la semaine en quelques minutes au lieu de plusieurs heures, chacun invité à ce qui lui plaît, personne oublié.',
    falcSummary: 'Cet outil prépare le programme des activités de la semaine. Un animateur le vérifie. Vous choisissez de venir ou non.',
  });
  g.registerKind<WeekPlanContent>({
    kind: WEEK_PLAN_KIND,
    systemSlug: PLANNER_SLUG,
    contentSchema: weekPlanContent,
    apply: (tx, proposal, content) => publish(tx, proposal.facilityId, content),
  });
}
