import type { AttendanceRecord } from '@presence/shared';
import type { Db } from '../db/db.js';
import type { Actor } from '../http/actor.js';
import { AppError, notFound, validationError } from '../http/errors.js';
import { appendAudit } from '../audit/audit-service.js';
import type { GuaranteeService } from '../guarantee/guarantee-service.js';
import type { PeopleService } from '../people/people-service.js';
import { listActivities } from '../activities/activities-repository.js';
import { recommend } from '../activities/recommender.js';
import { RECOMMENDER_SLUG } from '../activities/activity-recommender-feature.js';
import { evaluatePlan, sessionIdOf, type Evaluation } from '../planner/evaluate.js';
import { INSTANCE_FORMAT, parseInstance, type PlanningInstance } from '../planner/instance.js';
import type { PlanResult } from '../planner/solve.js';
import { addDays } from '../lib/random.js';
import { defaultSlots, mondayOf, planningActivity } from '../planner/week-template.js';
import { PLANNER_SLUG, PLANNER_VERSION, WEEK_PLAN_KIND, type WeekPlanContent } from './activity-planner-feature.js';
import type { JobView, PlanJobs } from './plan-jobs.js';
import * as repo from './planning-repository.js';

interface Ctx {
  actor: Actor;
  requestId: string;
}

const WEEKDAY_INDEX: Record<string, number> = { mon: 0, tue: 1, wed: 2, thu: 3, fri: 4, sat: 5, sun: 6 };
const ALL_DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const frDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

export class PlanningService {
  constructor(
    private readonly db: Db,
    private readonly people: PeopleService,
    private readonly guarantee: GuaranteeService,
    private readonly jobs: PlanJobs,
  ) {}

  private facility(ctx: Ctx): string {
    if (!ctx.actor.facilityId) throw new AppError('forbidden', 'This account is not attached to a facility');
    return ctx.actor.facilityId;
  }

  async setup(ctx: Ctx) {
    const facilityId = this.facility(ctx);
    const [rooms, leaders, staff] = await Promise.all([
      repo.rooms(this.db, facilityId, true),
      repo.leaders(this.db, facilityId),
      this.db.query<{ id: string; name: string; role: string }>(
        `SELECT id, first_name || ' ' || last_name AS name, role FROM app_user
          WHERE facility_id = $1 AND active AND role IN ('activity_leader', 'care_assistant', 'nurse', 'coordination_nurse', 'head_of_care') ORDER BY last_name, first_name`,
        [facilityId],
      ),
    ]);
    return {
      rooms,
      staff,
      leaders: leaders.map((l) => ({
        id: l.user_id,
        name: `${l.first_name} ${l.last_name}`,
        skills: l.skills,
        weekdays: l.weekdays,
        start: l.day_start,
        end: l.day_end,
        maxSessions: l.max_sessions,
      })),
    };
  }

  async saveRoom(ctx: Ctx, id: string | null, input: repo.RoomInput) {
    const facilityId = this.facility(ctx);
    const roomId = await this.db.transaction(async (tx) => {
      const [same] = await tx.query('SELECT 1 FROM room WHERE facility_id = $1 AND name = $2 AND id IS DISTINCT FROM $3', [facilityId, input.name, id]);
      if (same) throw validationError([{ field: 'name', reason: 'duplicate', message: 'Another room already has this name' }]);
      const saved = await repo.saveRoom(tx, facilityId, id, input);
      if (!saved) throw notFound('room');
      await appendAudit(tx, ctx, {
        action: id ? 'planning.room.update' : 'planning.room.create',
        outcome: 'allowed',
        targetType: 'room',
        targetId: saved,
        facilityId,
      });
      return saved;
    });
    return (await repo.rooms(this.db, facilityId, true)).find((r) => r.id === roomId)!;
  }

  async saveLeader(ctx: Ctx, userId: string, input: repo.LeaderInput) {
    const facilityId = this.facility(ctx);
    await this.db.transaction(async (tx) => {
      const [user] = await tx.query<{ id: string }>("SELECT id FROM app_user WHERE id = $1 AND facility_id = $2 AND active AND role <> 'relative'", [
        userId,
        facilityId,
      ]);
      if (!user) throw notFound('staff member');
      await repo.saveLeader(tx, facilityId, userId, input);
      await appendAudit(tx, ctx, { action: 'planning.leader.update', outcome: 'allowed', targetType: 'user', targetId: userId, facilityId });
    });
    return this.setup(ctx);
  }

  async removeLeader(ctx: Ctx, userId: string) {
    const facilityId = this.facility(ctx);
    await this.db.transaction(async (tx) => {
      if (!(await repo.removeLeader(tx, facilityId, userId))) throw notFound('activity leader');
      await appendAudit(tx, ctx, { action: 'planning.leader.remove', outcome: 'allowed', targetType: 'user', targetId: userId, facilityId });
    });
    return this.setup(ctx);
  }

  /** The planning instance of a facility's week, read from the database. */
  async buildInstance(facilityId: string, weekDate: string): Promise<{ instance: PlanningInstance; objectedToPlanner: number }> {
    const week = mondayOf(weekDate);
    const weekEnd = addDays(week, 6);
    const [rooms, leaders, catalogue, people, objections, kind] = await Promise.all([
      repo.rooms(this.db, facilityId),
      repo.leaders(this.db, facilityId),
      listActivities(this.db, facilityId),
      repo.planningPeople(this.db, facilityId, week, weekEnd),
      this.db.query<{ person_id: string; system_slug: string }>(
        'SELECT o.person_id, o.system_slug FROM objection o JOIN person p ON p.id = o.person_id WHERE p.facility_id = $1 AND o.lifted_at IS NULL',
        [facilityId],
      ),
      this.db.query<{ kind: string }>('SELECT kind FROM facility WHERE id = $1', [facilityId]),
    ]);
    const objected = (slug: string) => new Set(objections.filter((o) => o.system_slug === slug).map((o) => o.person_id));
    const noPlanner = objected(PLANNER_SLUG);
    const noRecommender = objected(RECOMMENDER_SLUG);
    const accepted = await this.db.query<{ person_id: string; key: string; rank: number }>(
      `SELECT s.person_id, a.key, i.rank FROM activity_suggestion_set s JOIN activity_suggestion i ON i.set_id = s.id JOIN activity a ON a.id = i.activity_id
        JOIN person p ON p.id = s.person_id WHERE p.facility_id = $1 AND s.replaced_at IS NULL`,
      [facilityId],
    );
    const residential = kind[0]?.kind === 'ehpad';
    const instance: PlanningInstance = {
      format: INSTANCE_FORMAT,
      week,
      slots: defaultSlots(week),
      rooms: rooms.map((r) => ({ id: r.id, name: r.name, type: r.type, capacity: r.capacity, site: '' })),
      leaders: leaders.map((l) => ({
        id: l.user_id,
        name: `${l.first_name} ${l.last_name}`,
        skills: l.skills,
        available: l.weekdays.filter((d) => d in WEEKDAY_INDEX).map((d) => ({ date: addDays(week, WEEKDAY_INDEX[d]!), start: l.day_start, end: l.day_end })),
        maxSessions: l.max_sessions,
        site: '',
      })),
      activities: catalogue.map((a) => planningActivity(a)),
      people: people
        .filter((p) => !noPlanner.has(p.id))
        .map((p) => {
          // Scores: the live recommender (which learns from attendance); for a person who objected to the recommender,
          // only the suggestions a professional validated earlier, by rank.
          const scores: Record<string, number> = {};
          if (noRecommender.has(p.id)) {
            for (const s of accepted.filter((x) => x.person_id === p.id)) scores[s.key] = Math.max(0.05, 1 - (s.rank - 1) * 0.08);
          } else {
            for (const r of recommend(p, catalogue, { limit: 10, maxPerCategory: 3 }).recommendations)
              scores[r.activityKey] = Math.max(0.001, Math.round(r.score * 1000) / 1000);
          }
          const frail = Object.values(p.capacities).some((level) => (level ?? 0) >= 3);
          return {
            id: p.id,
            name: `${p.firstName} ${p.lastName}`,
            days: p.attendanceDays.length ? (p.attendanceDays as (typeof ALL_DAYS)[number][]) : residential ? [...ALL_DAYS] : [],
            appointments: p.appointments,
            maxPerDay: frail ? 1 : 2,
            goals: [...new Set(p.openGoals.map((g) => g.domain))],
            scores,
            site: '',
          };
        }),
      weights: { preference: 1, coverage: 0.5 },
    };
    return { instance: parseInstance(instance), objectedToPlanner: noPlanner.size };
  }

  async startRun(ctx: Ctx, input: { week: string; seconds: number; exact: boolean }): Promise<JobView> {
    const facilityId = this.facility(ctx);
    await this.guarantee.assertEnabled(facilityId, PLANNER_SLUG);
    const { instance, objectedToPlanner } = await this.buildInstance(facilityId, input.week);
    await appendAudit(this.db, ctx, { action: 'planning.run.start', outcome: 'allowed', targetType: 'facility', targetId: facilityId, facilityId });
    return this.jobs.start({ facilityId, week: instance.week }, instance, { seconds: input.seconds, exact: input.exact }, (result) =>
      this.recordRun(ctx, facilityId, instance, result, objectedToPlanner),
    );
  }

  /** A finished solve becomes a planner run and a proposal; nothing is published until someone decides. */
  async recordRun(
    ctx: Ctx,
    facilityId: string,
    instance: PlanningInstance,
    result: PlanResult,
    objectedToPlanner: number,
  ): Promise<{ runId: string; proposalId: string }> {
    const [run] = await this.db.query<{ id: string }>(
      'INSERT INTO plan_run (facility_id, week, instance, result, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id',
      [facilityId, instance.week, JSON.stringify(instance), JSON.stringify(result), ctx.actor.userId],
    );
    const content: WeekPlanContent = {
      runId: run!.id,
      sessions: result.sessions.map((s) => ({ activity: s.activity, slot: s.slot, room: s.room, leader: s.leader, participants: s.participants })),
    };
    const unmetPeople = result.unmet.filter((u) => u.kind === 'person');
    const { id } = await this.guarantee.propose({
      facilityId,
      systemSlug: PLANNER_SLUG,
      kind: WEEK_PLAN_KIND,
      personId: null,
      subject: { type: 'plan_run', id: run!.id },
      title: `Programme d’activités — semaine du ${frDate(instance.week)}`,
      content,
      explanation: {
        summary:
          `${result.sessions.length} séances, ${result.stats.invitations} invitations pour ${result.stats.invited} personnes sur ${result.stats.people}. ` +
          `Valeur du programme ${result.objective} (borne prouvée ${result.bound}, écart ${(result.gap * 100).toFixed(1)} %). ` +
          (unmetPeople.length
            ? `${unmetPeople.length} personne(s) sans invitation, avec la raison. `
            : 'Chaque personne présente est invitée au moins une fois. ') +
          (objectedToPlanner ? `${objectedToPlanner} personne(s) ont refusé cet outil et ne sont pas planifiées.` : ''),
        factors: [
          {
            label: 'Préférences (scores des suggestions)',
            weight: result.terms.preference,
            detail: 'Somme des scores des activités suggérées de chaque invitation.',
          },
          {
            label: 'Objectifs des projets personnalisés couverts',
            weight: result.terms.coverage,
            detail: 'Chaque objectif servi par au moins une invitation compte 0,5.',
          },
          {
            label: 'Équité (la personne la moins servie)',
            weight: result.terms.fairness,
            detail: 'Le total de la personne la moins bien servie compte, multiplié par 0,1 × le nombre de personnes.',
          },
        ],
        dataPoints: [
          { label: 'Salles', value: String(instance.rooms.length) },
          { label: 'Animateurs', value: String(instance.leaders.length) },
          { label: 'Créneaux', value: String(instance.slots.length) },
          { label: 'Mode', value: result.mode === 'exact' ? `exact (HiGHS, ${result.status})` : 'heuristique (recuit simulé)' },
          ...result.unmet.slice(0, 15).map((u) => ({
            label: u.kind === 'person' ? `Sans invitation : ${instance.people.find((p) => p.id === u.id)?.name ?? u.id}` : `Activité non programmée : ${u.id}`,
            value: u.message,
            ...(u.kind === 'person' ? { recordType: 'person', recordId: u.id } : {}),
          })),
        ],
        rule: 'Contraintes strictes : capacités des salles et des groupes, une seule activité par personne et par créneau, animateur disponible et compétent, type de salle, jours de présence, rendez-vous, limite de fatigue par jour.',
      },
      inputs: {
        week: instance.week,
        people: instance.people.length,
        rooms: instance.rooms.length,
        leaders: instance.leaders.length,
        activities: instance.activities.length,
        weights: instance.weights,
        solver: { version: PLANNER_VERSION, mode: result.mode, seconds: result.seconds },
      },
      expiresAt: new Date(Math.max(Date.parse(`${addDays(instance.week, 7)}T00:00:00Z`), Date.now() + 86_400_000)),
    });
    return { runId: run!.id, proposalId: id };
  }

  job(ctx: Ctx, id: string): JobView {
    const job = this.jobs.get(id);
    if (!job || job.facilityId !== this.facility(ctx)) throw notFound('planner job');
    return job;
  }

  cancel(ctx: Ctx, id: string): JobView {
    this.job(ctx, id);
    return this.jobs.cancel(id)!;
  }

  async getRun(ctx: Ctx, runId: string) {
    const facilityId = this.facility(ctx);
    const [run] = await this.db.query<{ id: string; week: string; instance: unknown; result: PlanResult; published_at: string | null; created_at: string }>(
      "SELECT id, to_char(week, 'YYYY-MM-DD') AS week, instance, result, published_at, created_at FROM plan_run WHERE id = $1 AND facility_id = $2",
      [runId, facilityId],
    );
    if (!run) throw notFound('planner run');
    const [proposal] = await this.db.query<{ id: string; status: string; content: WeekPlanContent; decided_content: WeekPlanContent | null }>(
      "SELECT id, status, content, decided_content FROM proposal WHERE subject_type = 'plan_run' AND subject_id = $1",
      [runId],
    );
    await appendAudit(this.db, ctx, { action: 'planning.run.read', outcome: 'allowed', targetType: 'plan_run', targetId: runId, facilityId });
    const instance = parseInstance(run.instance);
    return {
      id: run.id,
      week: run.week,
      createdAt: run.created_at,
      publishedAt: run.published_at,
      instance,
      result: run.result,
      proposal: proposal ? { id: proposal.id, status: proposal.status, sessions: (proposal.decided_content ?? proposal.content).sessions } : null,
    };
  }

  async latestRun(ctx: Ctx, week: string): Promise<{ id: string } | null> {
    const [row] = await this.db.query<{ id: string }>('SELECT id FROM plan_run WHERE facility_id = $1 AND week = $2 ORDER BY created_at DESC LIMIT 1', [
      this.facility(ctx),
      mondayOf(week),
    ]);
    return row ?? null;
  }

  async evaluate(ctx: Ctx, runId: string, sessions: WeekPlanContent['sessions']): Promise<Evaluation> {
    const [run] = await this.db.query<{ instance: unknown }>('SELECT instance FROM plan_run WHERE id = $1 AND facility_id = $2', [runId, this.facility(ctx)]);
    if (!run) throw notFound('planner run');
    return evaluatePlan(
      parseInstance(run.instance),
      sessions.map((s) => ({ ...s, id: sessionIdOf(s) })),
    );
  }

  /** Published sessions of a week (or of one person), with invitations and attendance. */
  async sessions(ctx: Ctx, week: string, personId?: string) {
    const facilityId = personId ? (await this.people.get(ctx, personId)).facilityId : this.facility(ctx);
    const monday = mondayOf(week);
    const rows = await this.db.query<{
      id: string;
      day: string;
      start_time: string;
      end_time: string;
      activity_key: string;
      activity_name: string;
      category: string;
      room: string;
      leader: string;
      leader_id: string;
      plan_run_id: string;
    }>(
      `SELECT s.id, s.plan_run_id, to_char(s.day, 'YYYY-MM-DD') AS day, s.start_time, s.end_time, a.key AS activity_key, a.name AS activity_name, a.category,
              r.name AS room, u.first_name || ' ' || u.last_name AS leader, u.id AS leader_id
         FROM activity_session s JOIN activity a ON a.id = s.activity_id JOIN room r ON r.id = s.room_id JOIN app_user u ON u.id = s.leader_id
        WHERE s.facility_id = $1 AND s.status = 'planned' AND s.day BETWEEN $2::date AND $3::date
          ${personId ? 'AND EXISTS (SELECT 1 FROM session_invitation i WHERE i.session_id = s.id AND i.person_id = $4)' : ''}
        ORDER BY s.day, s.start_time, a.name`,
      personId ? [facilityId, monday, addDays(monday, 6), personId] : [facilityId, monday, addDays(monday, 6)],
    );
    const ids = rows.map((r) => r.id);
    const invited = ids.length
      ? await this.db.query<{ session_id: string; person_id: string; first_name: string; last_name: string }>(
          `SELECT i.session_id, p.id AS person_id, p.first_name, p.last_name FROM session_invitation i JOIN person p ON p.id = i.person_id
            WHERE i.session_id = ANY($1::uuid[]) ${personId ? 'AND i.person_id = $2' : ''} ORDER BY p.last_name, p.first_name`,
          personId ? [ids, personId] : [ids],
        )
      : [];
    const attendance = ids.length
      ? await this.db.query<{
          session_id: string;
          person_id: string;
          status: string;
          engagement: number | null;
          mood_before: number | null;
          mood_after: number | null;
          note: string | null;
        }>(
          `SELECT session_id, person_id, status, engagement, mood_before, mood_after, note FROM session_attendance WHERE session_id = ANY($1::uuid[]) ${personId ? 'AND person_id = $2' : ''}`,
          personId ? [ids, personId] : [ids],
        )
      : [];
    if (personId) await appendAudit(this.db, ctx, { action: 'person.sessions.read', outcome: 'allowed', targetType: 'person', targetId: personId, facilityId });
    const labels = await this.guarantee.labelsFor(this.db, 'plan_run', [...new Set(rows.map((r) => r.plan_run_id))]);
    return rows.map((r) => ({
      id: r.id,
      day: r.day,
      start: r.start_time,
      end: r.end_time,
      activityKey: r.activity_key,
      activityName: r.activity_name,
      category: r.category,
      room: r.room,
      leader: r.leader,
      leaderId: r.leader_id,
      aiLabel: labels.get(r.plan_run_id) ?? null,
      participants: invited
        .filter((i) => i.session_id === r.id)
        .map((i) => {
          const a = attendance.find((x) => x.session_id === r.id && x.person_id === i.person_id);
          return {
            personId: i.person_id,
            name: `${i.first_name} ${i.last_name}`,
            attendance: a ? { status: a.status, engagement: a.engagement, moodBefore: a.mood_before, moodAfter: a.mood_after, note: a.note } : null,
          };
        }),
    }));
  }

  async recordAttendance(ctx: Ctx, sessionId: string, records: AttendanceRecord[]) {
    const facilityId = this.facility(ctx);
    const [session] = await this.db.query<{ id: string }>("SELECT id FROM activity_session WHERE id = $1 AND facility_id = $2 AND status = 'planned'", [
      sessionId,
      facilityId,
    ]);
    if (!session) throw notFound('session');
    const people = new Set(
      (
        await this.db.query<{ id: string }>('SELECT id FROM person WHERE facility_id = $1 AND id = ANY($2::uuid[])', [
          facilityId,
          records.map((r) => r.personId),
        ])
      ).map((r) => r.id),
    );
    const issues = records.flatMap((r, i) => {
      const out: { field: string; reason: string; message: string }[] = [];
      if (!people.has(r.personId)) out.push({ field: `records.${i}.personId`, reason: 'unknown', message: 'No such person in this facility' });
      if (r.status !== 'present' && r.engagement != null)
        out.push({ field: `records.${i}.engagement`, reason: 'not_present', message: 'Engagement is recorded only for people who were present' });
      return out;
    });
    if (issues.length) throw validationError(issues);
    await this.db.transaction(async (tx) => {
      for (const r of records) {
        await tx.query(
          `INSERT INTO session_attendance (session_id, person_id, status, engagement, mood_before, mood_after, note, recorded_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
           ON CONFLICT (session_id, person_id) DO UPDATE SET status = EXCLUDED.status, engagement = EXCLUDED.engagement, mood_before = EXCLUDED.mood_before,
             mood_after = EXCLUDED.mood_after, note = EXCLUDED.note, recorded_by = EXCLUDED.recorded_by, recorded_at = now()`,
          [sessionId, r.personId, r.status, r.engagement ?? null, r.moodBefore ?? null, r.moodAfter ?? null, r.note ?? null, ctx.actor.userId],
        );
        await appendAudit(tx, ctx, {
          action: 'person.attendance.write',
          outcome: 'allowed',
          targetType: 'person',
          targetId: r.personId,
          facilityId,
          details: { sessionId, status: r.status },
        });
      }
    });
    return { recorded: records.length };
  }

  /** Minutes of sessions led (with at least one person present) per staff member, and minutes attended per person. */
  async timeWithPeople(ctx: Ctx, from: string, to: string) {
    const facilityId = this.facility(ctx);
    const minutes =
      "(split_part(s.end_time, ':', 1)::int * 60 + split_part(s.end_time, ':', 2)::int - split_part(s.start_time, ':', 1)::int * 60 - split_part(s.start_time, ':', 2)::int)";
    const staff = await this.db.query<{ user_id: string; name: string; sessions: number; minutes: number; people_minutes: number }>(
      `SELECT u.id AS user_id, u.first_name || ' ' || u.last_name AS name, count(*)::int AS sessions, sum(${minutes})::int AS minutes,
              sum(${minutes} * (SELECT count(*) FROM session_attendance a WHERE a.session_id = s.id AND a.status = 'present'))::int AS people_minutes
         FROM activity_session s JOIN app_user u ON u.id = s.leader_id
        WHERE s.facility_id = $1 AND s.status = 'planned' AND s.day BETWEEN $2::date AND $3::date
          AND EXISTS (SELECT 1 FROM session_attendance a WHERE a.session_id = s.id AND a.status = 'present')
        GROUP BY u.id, u.first_name, u.last_name ORDER BY minutes DESC`,
      [facilityId, from, to],
    );
    const people = await this.db.query<{ person_id: string; name: string; sessions: number; minutes: number }>(
      `SELECT p.id AS person_id, p.first_name || ' ' || p.last_name AS name, count(*)::int AS sessions, sum(${minutes})::int AS minutes
         FROM session_attendance a JOIN activity_session s ON s.id = a.session_id JOIN person p ON p.id = a.person_id
        WHERE s.facility_id = $1 AND s.status = 'planned' AND a.status = 'present' AND s.day BETWEEN $2::date AND $3::date
        GROUP BY p.id, p.first_name, p.last_name ORDER BY minutes DESC, name`,
      [facilityId, from, to],
    );
    await appendAudit(this.db, ctx, { action: 'planning.time_with_people.read', outcome: 'allowed', targetType: 'facility', targetId: facilityId, facilityId });
    return {
      from,
      to,
      staff: staff.map((s) => ({ userId: s.user_id, name: s.name, sessions: s.sessions, minutes: s.minutes, personMinutes: s.people_minutes })),
      people: people.map((p) => ({ personId: p.person_id, name: p.name, sessions: p.sessions, minutes: p.minutes })),
    };
  }
}
