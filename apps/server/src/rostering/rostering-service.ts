import {
  careRulesSchema,
  type CareRules,
  type CareShift,
  type CoverageItem,
  type RosterAssignments,
  type RosterContractInput,
  type RosterRequestInput,
  type RosterSetupInput,
  rosterSetupSchema,
} from '@presence/shared';
import { appendAudit } from '../audit/audit-service.js';
import type { Db } from '../db/db.js';
import type { GuaranteeService } from '../guarantee/guarantee-service.js';
import type { Actor } from '../http/actor.js';
import { AppError, notFound, validationError } from '../http/errors.js';
import { addDays } from '../lib/random.js';
import {
  boundaryViolations,
  careTeamModel,
  CareTeamError,
  evaluateCareTeam,
  fromAssignments,
  toAssignments,
  type CareTeamSetting,
} from '../roster/care-team.js';
import { defaultCoverage, FRENCH_SHIFTS } from '../roster/care-team-example.js';
import type { RosterRunResult } from '../roster/run.js';
import { LEGAL_RULES, previousShifts, ROSTER_KIND, ROSTER_SLUG, ROSTER_VERSION, type RosterContent } from './roster-feature.js';
import type { RosterJobs, RosterJobView } from './roster-jobs.js';

interface Ctx {
  actor: Actor;
  requestId: string;
}

/** Roles whose members are rostered when they have a contract. */
const ROSTERED_ROLES = ['nurse', 'care_assistant', 'coordination_nurse'];
const frDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const isMonday = (iso: string) => new Date(`${iso}T00:00:00Z`).getUTCDay() === 1;

function careTeamIssue(err: unknown): never {
  if (err instanceof CareTeamError) throw validationError([{ field: err.field, reason: err.reason, message: err.message }]);
  throw err;
}

export class RosteringService {
  constructor(
    private readonly db: Db,
    private readonly guarantee: GuaranteeService,
    private readonly jobs: RosterJobs,
  ) {}

  private facility(ctx: Ctx): string {
    if (!ctx.actor.facilityId) throw new AppError('forbidden', 'This account is not attached to a facility');
    return ctx.actor.facilityId;
  }

  private async settingRow(facilityId: string): Promise<{ shifts: CareShift[]; coverage: CoverageItem[]; rules: CareRules }> {
    const [row] = await this.db.query<{ shifts: CareShift[]; coverage: CoverageItem[]; rules: CareRules }>(
      'SELECT shifts, coverage, rules FROM roster_setting WHERE facility_id = $1',
      [facilityId],
    );
    return row ?? { shifts: FRENCH_SHIFTS, coverage: defaultCoverage(), rules: careRulesSchema.parse({}) };
  }

  async setup(ctx: Ctx) {
    const facilityId = this.facility(ctx);
    const [setting, staff] = await Promise.all([
      this.settingRow(facilityId),
      this.db.query<{
        id: string;
        name: string;
        role: string;
        qualification: string | null;
        weekly_minutes: number | null;
        qualifications: string[] | null;
        night_staff: boolean | null;
        active: boolean | null;
      }>(
        `SELECT u.id, u.first_name || ' ' || u.last_name AS name, u.role, u.qualification,
                c.weekly_minutes, c.qualifications, c.night_staff, c.active
           FROM app_user u LEFT JOIN roster_contract c ON c.user_id = u.id
          WHERE u.facility_id = $1 AND u.active AND (u.role = ANY($2::text[]) OR c.user_id IS NOT NULL)
          ORDER BY u.last_name, u.first_name`,
        [facilityId, [...ROSTERED_ROLES, 'head_of_care']],
      ),
    ]);
    return {
      ...setting,
      staff: staff.map((s) => ({
        id: s.id,
        name: s.name,
        role: s.role,
        qualification: s.qualification,
        contract:
          s.weekly_minutes === null
            ? null
            : { weeklyHours: s.weekly_minutes / 60, qualifications: s.qualifications ?? [], nightStaff: s.night_staff ?? false, active: s.active ?? true },
      })),
    };
  }

  async saveSetup(ctx: Ctx, input: RosterSetupInput) {
    const facilityId = this.facility(ctx);
    const setup = rosterSetupSchema.parse(input);
    // Compile a one-week roster with nobody in it: the model's own checks name the field that makes no sense.
    try {
      careTeamModel({
        start: '2026-01-05',
        weeks: 1,
        ...setup,
        staff: [{ id: 'x', name: 'x', weeklyMinutes: 0, qualifications: [], nightStaff: false, unavailable: [] }],
        requests: [],
      });
    } catch (err) {
      careTeamIssue(err);
    }
    await this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO roster_setting (facility_id, shifts, coverage, rules, updated_by) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (facility_id) DO UPDATE SET shifts = $2, coverage = $3, rules = $4, updated_by = $5, updated_at = now()`,
        [facilityId, JSON.stringify(setup.shifts), JSON.stringify(setup.coverage), JSON.stringify(setup.rules), ctx.actor.userId],
      );
      await appendAudit(tx, ctx, { action: 'roster.setup.update', outcome: 'allowed', targetType: 'facility', targetId: facilityId, facilityId });
    });
    return this.setup(ctx);
  }

  async saveContract(ctx: Ctx, userId: string, input: RosterContractInput) {
    const facilityId = this.facility(ctx);
    const [user] = await this.db.query<{ role: string }>('SELECT role FROM app_user WHERE id = $1 AND facility_id = $2 AND role <> $3', [
      userId,
      facilityId,
      'relative',
    ]);
    if (!user) throw notFound('staff member');
    await this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO roster_contract (user_id, facility_id, weekly_minutes, qualifications, night_staff, active) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (user_id) DO UPDATE SET weekly_minutes = $3, qualifications = $4, night_staff = $5, active = $6, updated_at = now()`,
        [userId, facilityId, Math.round(input.weeklyHours * 60), input.qualifications, input.nightStaff, input.active],
      );
      await appendAudit(tx, ctx, { action: 'roster.contract.update', outcome: 'allowed', targetType: 'app_user', targetId: userId, facilityId });
    });
    return (await this.setup(ctx)).staff.find((s) => s.id === userId)!;
  }

  // ---- requests ----

  private async requestRows(facilityId: string, opts: { userId?: string; from: string; to: string }) {
    return this.db.query<{
      id: string;
      user_id: string;
      name: string;
      date: string;
      kind: 'on' | 'off' | 'leave';
      shift: string | null;
      weight: number;
      note: string;
      status: 'pending' | 'approved' | 'refused';
      created_at: string;
    }>(
      `SELECT r.id, r.user_id, u.first_name || ' ' || u.last_name AS name, to_char(r.day, 'YYYY-MM-DD') AS date, r.kind, r.shift, r.weight, r.note, r.status, r.created_at
         FROM roster_request r JOIN app_user u ON u.id = r.user_id
        WHERE r.facility_id = $1 AND r.withdrawn_at IS NULL AND r.day BETWEEN $2::date AND $3::date AND ($4::uuid IS NULL OR r.user_id = $4)
        ORDER BY r.day, u.last_name`,
      [facilityId, opts.from, opts.to, opts.userId ?? null],
    );
  }
  private static requestView(r: Awaited<ReturnType<RosteringService['requestRows']>>[number]) {
    return {
      id: r.id,
      staffId: r.user_id,
      staffName: r.name,
      date: r.date,
      kind: r.kind,
      shift: r.shift,
      weight: r.weight,
      note: r.note,
      status: r.status,
      createdAt: r.created_at,
    };
  }

  async requests(ctx: Ctx, from: string, to: string) {
    return (await this.requestRows(this.facility(ctx), { from, to })).map((r) => RosteringService.requestView(r));
  }

  async myRequests(ctx: Ctx) {
    const today = new Date().toISOString().slice(0, 10);
    return (await this.requestRows(this.facility(ctx), { userId: ctx.actor.userId, from: addDays(today, -31), to: addDays(today, 400) })).map((r) =>
      RosteringService.requestView(r),
    );
  }

  async addRequest(ctx: Ctx, input: RosterRequestInput) {
    const facilityId = this.facility(ctx);
    const today = new Date().toISOString().slice(0, 10);
    if (input.date < today) throw validationError([{ field: 'date', reason: 'in_the_past', message: 'A request is for a day to come' }]);
    const { shifts } = await this.settingRow(facilityId);
    const shift = input.kind === 'leave' ? null : input.shift;
    if (shift !== null && !shifts.some((s) => s.code === shift))
      throw validationError([{ field: 'shift', reason: 'unknown', message: 'No shift pattern with this code' }]);
    const [dup] = await this.db.query('SELECT 1 FROM roster_request WHERE user_id = $1 AND day = $2 AND withdrawn_at IS NULL', [ctx.actor.userId, input.date]);
    if (dup) throw validationError([{ field: 'date', reason: 'duplicate', message: 'You already have a request for this day' }]);
    const id = await this.db.transaction(async (tx) => {
      const [row] = await tx.query<{ id: string }>(
        'INSERT INTO roster_request (facility_id, user_id, day, kind, shift, weight, note) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id',
        [facilityId, ctx.actor.userId, input.date, input.kind, shift, input.weight, input.note ?? ''],
      );
      await appendAudit(tx, ctx, { action: 'roster.request.create', outcome: 'allowed', targetType: 'roster_request', targetId: row!.id, facilityId });
      return row!.id;
    });
    return (await this.myRequests(ctx)).find((r) => r.id === id)!;
  }

  /** The head of care approves or refuses a leave request: approved leave is a hard day off for the solver. */
  async decideLeave(ctx: Ctx, id: string, approve: boolean) {
    const facilityId = this.facility(ctx);
    await this.db.transaction(async (tx) => {
      const rows = await tx.query(
        "UPDATE roster_request SET status = $3, decided_by = $4 WHERE id = $1 AND facility_id = $2 AND kind = 'leave' AND withdrawn_at IS NULL RETURNING id",
        [id, facilityId, approve ? 'approved' : 'refused', ctx.actor.userId],
      );
      if (!rows.length) throw notFound('leave request');
      await appendAudit(tx, ctx, {
        action: approve ? 'roster.leave.approve' : 'roster.leave.refuse',
        outcome: 'allowed',
        targetType: 'roster_request',
        targetId: id,
        facilityId,
      });
    });
    const [row] = await this.db.query<{ date: string }>("SELECT to_char(day, 'YYYY-MM-DD') AS date FROM roster_request WHERE id = $1", [id]);
    return (await this.requests(ctx, row!.date, row!.date)).find((r) => r.id === id)!;
  }

  /** The facility's shift patterns, for staff making requests. */
  async shiftPatterns(ctx: Ctx) {
    return (await this.settingRow(this.facility(ctx))).shifts;
  }

  async withdrawRequest(ctx: Ctx, id: string): Promise<{ ok: true }> {
    const facilityId = this.facility(ctx);
    await this.db.transaction(async (tx) => {
      const rows = await tx.query('UPDATE roster_request SET withdrawn_at = now() WHERE id = $1 AND user_id = $2 AND withdrawn_at IS NULL RETURNING id', [
        id,
        ctx.actor.userId,
      ]);
      if (!rows.length) throw notFound('request');
      await appendAudit(tx, ctx, { action: 'roster.request.withdraw', outcome: 'allowed', targetType: 'roster_request', targetId: id, facilityId });
    });
    return { ok: true };
  }

  // ---- runs ----

  /** The care-team setting of a period, from the facility's setup, contracts, leave and requests. */
  async buildSetting(facilityId: string, start: string, weeks: number): Promise<CareTeamSetting> {
    const end = addDays(start, weeks * 7 - 1);
    const [setup, contracts, requests] = await Promise.all([
      this.settingRow(facilityId),
      this.db.query<{ id: string; name: string; weekly_minutes: number; qualifications: string[]; night_staff: boolean }>(
        `SELECT u.id, u.first_name || ' ' || u.last_name AS name, c.weekly_minutes, c.qualifications, c.night_staff
           FROM roster_contract c JOIN app_user u ON u.id = c.user_id
          WHERE c.facility_id = $1 AND c.active AND u.active ORDER BY c.night_staff, u.last_name, u.first_name`,
        [facilityId],
      ),
      this.requestRows(facilityId, { from: start, to: end }),
    ]);
    if (!contracts.length)
      throw validationError([{ field: 'start', reason: 'no_staff', message: 'No staff member has a roster contract in this facility yet' }]);
    const staffIds = new Set(contracts.map((c) => c.id));
    const codes = new Set(setup.shifts.map((s) => s.code));
    // What each person worked just before the period, so rest and days in a row hold where the periods meet.
    const previous = await previousShifts(this.db, facilityId, { start, rules: setup.rules });
    const historyOf = (id: string) => {
      const line = previous[id];
      if (!line) return undefined;
      let run = 0;
      for (let i = line.length - 1; i >= 0 && line[i]; i--) run++;
      return { lastShift: line.at(-1) ?? null, run };
    };
    // Requests naming a shift pattern that no longer exists are left out (their owner sees them; they cannot block a run).
    const mine = requests.filter((r) => staffIds.has(r.user_id) && (r.shift === null || codes.has(r.shift)) && r.status !== 'refused');
    return {
      start,
      weeks,
      shifts: setup.shifts,
      coverage: setup.coverage,
      rules: setup.rules,
      staff: contracts.map((c) => ({
        id: c.id,
        name: c.name,
        weeklyMinutes: c.weekly_minutes,
        qualifications: c.qualifications,
        nightStaff: c.night_staff,
        unavailable: mine.filter((r) => r.user_id === c.id && r.kind === 'leave' && r.status === 'approved').map((r) => r.date),
        ...(historyOf(c.id) ? { history: historyOf(c.id) } : {}),
      })),
      // Leave not yet approved is planned as the strongest wish for the day off.
      requests: mine
        .filter((r) => r.kind !== 'leave' || r.status === 'pending')
        .map((r) =>
          r.kind === 'leave'
            ? { id: r.id, staff: r.user_id, date: r.date, kind: 'off' as const, shift: null, weight: 3 }
            : { id: r.id, staff: r.user_id, date: r.date, kind: r.kind, shift: r.shift, weight: r.weight },
        ),
    };
  }

  async startRun(ctx: Ctx, input: { start: string; weeks: number; seconds: number }): Promise<RosterJobView> {
    const facilityId = this.facility(ctx);
    if (!isMonday(input.start)) throw validationError([{ field: 'start', reason: 'not_monday', message: 'A roster starts on a Monday' }]);
    await this.guarantee.assertEnabled(facilityId, ROSTER_SLUG);
    const running = this.jobs.runningFor(facilityId);
    if (running) throw new AppError('conflict', `A roster solve is already running for this facility (job ${running.id}); stop it or wait for it`);
    const setting = await this.buildSetting(facilityId, input.start, input.weeks);
    let model;
    try {
      model = careTeamModel(setting);
    } catch (err) {
      careTeamIssue(err);
    }
    await appendAudit(this.db, ctx, { action: 'roster.run.start', outcome: 'allowed', targetType: 'facility', targetId: facilityId, facilityId });
    return this.jobs.start({ facilityId, start: input.start, weeks: input.weeks }, model, { seconds: input.seconds }, (result) =>
      this.recordRun(ctx, facilityId, setting, result),
    );
  }

  /** A finished solve becomes a roster run and a proposal; nothing is published until the head of care decides. */
  async recordRun(ctx: Ctx, facilityId: string, setting: CareTeamSetting, result: RosterRunResult): Promise<{ runId: string; proposalId: string }> {
    const model = careTeamModel(setting);
    if (!result.roster) throw new Error('the roster solver returned no roster');
    const ev = evaluateCareTeam(setting, model, result.roster);
    const summary = {
      feasible: ev.feasible,
      objective: ev.objective,
      penalties: ev.penalties,
      seconds: result.seconds,
      ended: result.ended,
      secondsToBest: result.secondsToBest,
    };
    const [run] = await this.db.query<{ id: string }>(
      'INSERT INTO roster_run (facility_id, start_day, weeks, setting, result, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
      [facilityId, setting.start, setting.weeks, JSON.stringify(setting), JSON.stringify(summary), ctx.actor.userId],
    );
    const content: RosterContent = { runId: run!.id, assignments: toAssignments(model, result.roster) };
    const names = new Map(setting.staff.map((s) => [s.id, s.name]));
    const requests = ev.fairness.reduce((s, f) => s + f.requests, 0);
    const granted = ev.fairness.reduce((s, f) => s + f.requestsGranted, 0);
    const nights = ev.fairness.filter((f) => setting.staff.find((s) => s.id === f.staff)!.nightStaff).map((f) => f.nights);
    const { id } = await this.guarantee.propose({
      facilityId,
      systemSlug: ROSTER_SLUG,
      kind: ROSTER_KIND,
      personId: null,
      subject: { type: 'roster_run', id: run!.id },
      title: `Planning des équipes — ${setting.weeks} semaine(s) à partir du ${frDate(setting.start)}`,
      content,
      explanation: {
        summary:
          (ev.feasible
            ? 'Toutes les règles du temps de travail sont respectées. '
            : `${ev.violations.length} règle(s) non respectée(s) : aucun planning ne les respecte toutes avec ces contrats et ces congés ; le plus proche est proposé, chaque écart nommé. `) +
          `${ev.shortfalls.length} poste(s) en sous-effectif. Demandes accordées : ${granted} sur ${requests}.`,
        factors: [
          {
            label: 'Sous-effectif (100 points par agent manquant)',
            weight: ev.penalties.coverUnder,
            detail: 'Effectifs souhaités par jour, poste et qualification.',
          },
          { label: 'Sureffectif (1 point par agent en plus)', weight: ev.penalties.coverOver },
          { label: 'Demandes de repos non accordées', weight: ev.penalties.shiftOffRequests, detail: '10 points × priorité (1 à 3).' },
          { label: 'Demandes de poste non accordées', weight: ev.penalties.shiftOnRequests, detail: '10 points × priorité (1 à 3).' },
        ],
        dataPoints: [
          { label: 'Agents', value: String(setting.staff.length) },
          { label: 'Durée du calcul', value: `${result.seconds} s (${result.ended === 'cancelled' ? 'arrêté' : 'terminé'})` },
          ...(nights.length ? [{ label: 'Nuits par agent de nuit', value: `${Math.min(...nights)} à ${Math.max(...nights)}` }] : []),
          ...ev.unmet.slice(0, 10).map((u) => ({ label: `Demande non accordée : ${names.get(u.staff) ?? u.staff}, ${frDate(u.date)}`, value: u.reason })),
          ...ev.violations.slice(0, 10).map((v) => ({ label: `Écart : ${names.get(v.staff) ?? v.staff}`, value: `${v.type} — ${v.detail}` })),
        ],
        rule:
          `Règles strictes : ${setting.rules.minRestHours} h de repos entre deux postes, ${setting.rules.maxDayHours} h par jour, ${setting.rules.maxWeekHours} h par semaine, ` +
          `${setting.rules.maxConsecutiveDays} jours de suite au plus, repos d’au moins ${setting.rules.minConsecutiveDaysOff} jours, ${setting.rules.weekendsOffPer4Weeks} week-ends libres sur 4, ` +
          `heures du contrat à ± ${setting.rules.hoursTolerance} h sur le cycle, congés respectés, nuits pour les agents de nuit seulement.`,
      },
      inputs: {
        start: setting.start,
        weeks: setting.weeks,
        staff: setting.staff.length,
        requests: setting.requests.length,
        coverage: setting.coverage.length,
        rules: setting.rules,
        solver: { version: ROSTER_VERSION, seconds: result.seconds },
      },
      expiresAt: new Date(Math.max(Date.parse(`${setting.start}T00:00:00Z`), Date.now() + 86_400_000)),
    });
    return { runId: run!.id, proposalId: id };
  }

  job(ctx: Ctx, id: string): RosterJobView {
    const job = this.jobs.get(id);
    if (!job || job.facilityId !== this.facility(ctx)) throw notFound('roster job');
    return job;
  }

  cancel(ctx: Ctx, id: string): RosterJobView {
    this.job(ctx, id);
    return this.jobs.cancel(id)!;
  }

  async latestRun(ctx: Ctx, start: string): Promise<{ id: string } | null> {
    const [row] = await this.db.query<{ id: string }>('SELECT id FROM roster_run WHERE facility_id = $1 AND start_day = $2 ORDER BY created_at DESC LIMIT 1', [
      this.facility(ctx),
      start,
    ]);
    return row ?? null;
  }

  private async runRow(facilityId: string, runId: string) {
    const [run] = await this.db.query<{
      id: string;
      start: string;
      weeks: number;
      setting: CareTeamSetting;
      result: unknown;
      published_at: string | null;
      created_at: string;
    }>(
      "SELECT id, to_char(start_day, 'YYYY-MM-DD') AS start, weeks, setting, result, published_at, created_at FROM roster_run WHERE id = $1 AND facility_id = $2",
      [runId, facilityId],
    );
    if (!run) throw notFound('roster run');
    return run;
  }

  async getRun(ctx: Ctx, runId: string) {
    const facilityId = this.facility(ctx);
    const run = await this.runRow(facilityId, runId);
    const [proposal] = await this.db.query<{ id: string; status: string; content: RosterContent; decided_content: RosterContent | null }>(
      "SELECT id, status, content, decided_content FROM proposal WHERE subject_type = 'roster_run' AND subject_id = $1",
      [runId],
    );
    await appendAudit(this.db, ctx, { action: 'roster.run.read', outcome: 'allowed', targetType: 'roster_run', targetId: runId, facilityId });
    const assignments = proposal ? (proposal.decided_content ?? proposal.content).assignments : {};
    return {
      id: run.id,
      start: run.start,
      weeks: run.weeks,
      createdAt: run.created_at,
      publishedAt: run.published_at,
      shifts: run.setting.shifts,
      staff: run.setting.staff.map((s) => ({
        id: s.id,
        name: s.name,
        qualifications: s.qualifications,
        nightStaff: s.nightStaff,
        weeklyMinutes: s.weeklyMinutes,
        unavailable: s.unavailable,
      })),
      requests: run.setting.requests,
      rules: run.setting.rules,
      result: run.result,
      proposal: proposal ? { id: proposal.id, status: proposal.status, assignments } : null,
      evaluation: await this.describe(facilityId, run.setting, assignments),
    };
  }

  async evaluate(ctx: Ctx, runId: string, assignments: RosterAssignments) {
    const facilityId = this.facility(ctx);
    const run = await this.runRow(facilityId, runId);
    return this.describe(facilityId, run.setting, assignments);
  }

  /** The evaluator's verdict, with dates and whether each broken rule blocks publication. */
  private async describe(facilityId: string, setting: CareTeamSetting, assignments: RosterAssignments) {
    const model = careTeamModel(setting);
    let roster;
    try {
      roster = fromAssignments(model, assignments);
    } catch (err) {
      if (err instanceof CareTeamError) throw validationError([{ field: err.field, reason: err.reason, message: err.message }]);
      throw err;
    }
    const ev = evaluateCareTeam(setting, model, roster);
    const boundary = boundaryViolations(setting, toAssignments(model, roster), await previousShifts(this.db, facilityId, setting));
    const violations = [...boundary, ...ev.violations];
    return {
      ...ev,
      feasible: ev.feasible && boundary.length === 0,
      violations: violations.map((v) => ({ ...v, legal: LEGAL_RULES.has(v.type), date: v.day === undefined ? null : addDays(setting.start, v.day) })),
      publishable: !violations.some((v) => LEGAL_RULES.has(v.type)),
    };
  }

  // ---- published rosters, for each staff member ----

  async mine(ctx: Ctx, from: string, to: string) {
    const facilityId = this.facility(ctx);
    const rows = await this.db.query<{ date: string; code: string; label: string; starts_at: string; ends_at: string }>(
      `SELECT to_char(day, 'YYYY-MM-DD') AS date, code, label, to_char(starts_at, 'YYYY-MM-DD"T"HH24:MI') AS starts_at, to_char(ends_at, 'YYYY-MM-DD"T"HH24:MI') AS ends_at
         FROM roster_shift WHERE facility_id = $1 AND user_id = $2 AND day BETWEEN $3::date AND $4::date ORDER BY day`,
      [facilityId, ctx.actor.userId, from, to],
    );
    return rows.map((r) => ({ date: r.date, code: r.code, label: r.label, startsAt: r.starts_at, endsAt: r.ends_at }));
  }

  /** The actor's published shifts as an iCalendar file (RFC 5545), local times in Europe/Paris. */
  async ical(ctx: Ctx): Promise<string> {
    const today = new Date().toISOString().slice(0, 10);
    const shifts = await this.mine(ctx, addDays(today, -31), addDays(today, 366));
    const stamp = new Date()
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d+Z$/, 'Z');
    const local = (iso: string) => `${iso.replace(/[-:]/g, '')}00`;
    const lines = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Présence//Planning//FR',
      'CALSCALE:GREGORIAN',
      'X-WR-CALNAME:Mon planning',
      ...shifts.flatMap((s) => [
        'BEGIN:VEVENT',
        `UID:${ctx.actor.userId}-${s.date}@presence`,
        `DTSTAMP:${stamp}`,
        `DTSTART;TZID=Europe/Paris:${local(s.startsAt)}`,
        `DTEND;TZID=Europe/Paris:${local(s.endsAt)}`,
        `SUMMARY:${s.label} (${s.code})`,
        'END:VEVENT',
      ]),
      'END:VCALENDAR',
    ];
    return lines.join('\r\n') + '\r\n';
  }
}
