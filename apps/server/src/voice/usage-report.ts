import type { Db } from '../db/db.js';
import type { GuaranteeService } from '../guarantee/guarantee-service.js';
import type { ComplaintsService } from './complaints-service.js';
import type { EquityService } from './equity.js';
import type { SurveyService } from './survey-service.js';
import type { TimeService } from './time-service.js';
import { notFound } from '../http/errors.js';
import { csvCell } from './survey-service.js';

export interface UsageReportDeps {
  db: Db;
  guarantee: GuaranteeService;
  complaints: ComplaintsService;
  equity: EquityService;
  surveys: SurveyService;
  time: TimeService;
}

/**
 * The usage report (bilan d'utilisation) of a facility over a period, for the CVS, the board and the regional agency:
 * what each AI feature proposed and what people decided, the time given back and the human contact recorded, the
 * perception surveys, complaints, the review panel's findings and actions, and equity. Aggregates only — no names.
 */
export async function buildUsageReport(deps: UsageReportDeps, facilityId: string, from: string, to: string) {
  const [facility] = await deps.db.query<{ name: string; kind: string; finess: string | null }>('SELECT name, kind, finess FROM facility WHERE id = $1', [
    facilityId,
  ]);
  if (!facility) throw notFound('Facility');
  const fromD = new Date(`${from}T00:00:00Z`);
  const toD = new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000);
  const [features, time, surveys, complaints, equity, panel, people] = await Promise.all([
    deps.guarantee.figuresForFacility(facilityId, fromD, toD),
    deps.time.summaryFor(facilityId, from, to),
    deps.surveys.trendsFor(facilityId, null, { from, to }),
    deps.complaints.statsFor(facilityId, from, to),
    deps.equity.figuresFor(facilityId, from, to),
    panelFigures(deps.db, facilityId, from, to),
    deps.db.query<{ n: number }>("SELECT count(*)::int AS n FROM person WHERE facility_id = $1 AND status IN ('active', 'temporarily_absent')", [facilityId]),
  ]);
  const equityFlags = equity.features.flatMap((f) =>
    f.dimensions.flatMap((d) =>
      d.groups
        .filter((g) => g.flags.length)
        .map((g) => ({
          feature: f.slug,
          featureName: f.name,
          dimension: d.dimension,
          group: g.group,
          flags: g.flags,
          reach: g.reach?.rate ?? null,
          acceptance: g.acceptance?.rate ?? null,
          attendance: g.attendance?.rate ?? null,
        })),
    ),
  );
  return {
    facility: { id: facilityId, name: facility.name, kind: facility.kind, finess: facility.finess, people: people[0]!.n },
    from,
    to,
    generatedAt: new Date().toISOString(),
    features: features.map((f) => ({ slug: f.slug, name: f.name, version: f.engineVersion, enabled: f.enabled, ...f.figures })),
    time,
    surveys,
    complaints,
    panel,
    equity: {
      features: equity.features.map((f) => ({
        slug: f.slug,
        name: f.name,
        reached: f.overall.reached,
        reach: f.overall.reach?.rate ?? null,
        decided: f.overall.decided,
        acceptance: f.overall.acceptance?.rate ?? null,
        followed: f.overall.followed,
        attendance: f.overall.attendance?.rate ?? null,
      })),
      flags: equityFlags,
      minGroup: equity.minGroup,
    },
  };
}

export type UsageReport = Awaited<ReturnType<typeof buildUsageReport>>;

async function panelFigures(db: Db, facilityId: string, from: string, to: string) {
  const sessions = await db.query<{ id: string; held_on: string; title: string; status: string; items: number; reviewed: number; problems: number }>(
    `SELECT s.id, s.held_on::text AS held_on, s.title, s.status,
            (SELECT count(*)::int FROM panel_item i JOIN panel_sample sa ON sa.id = i.sample_id WHERE sa.session_id = s.id) AS items,
            (SELECT count(*)::int FROM panel_item i JOIN panel_sample sa ON sa.id = i.sample_id WHERE sa.session_id = s.id AND i.finding IS NOT NULL) AS reviewed,
            (SELECT count(*)::int FROM panel_item i JOIN panel_sample sa ON sa.id = i.sample_id WHERE sa.session_id = s.id AND i.finding = 'problem') AS problems
       FROM panel_session s WHERE s.facility_id = $1 AND s.held_on BETWEEN $2 AND $3 ORDER BY s.held_on`,
    [facilityId, from, to],
  );
  const categories = await db.query<{ category: string; n: number }>(
    `SELECT i.problem_category AS category, count(*)::int AS n FROM panel_item i JOIN panel_sample sa ON sa.id = i.sample_id
       JOIN panel_session s ON s.id = sa.session_id
      WHERE s.facility_id = $1 AND s.held_on BETWEEN $2 AND $3 AND i.finding = 'problem' GROUP BY 1 ORDER BY 2 DESC, 1`,
    [facilityId, from, to],
  );
  // actions decided in the period, and those still open whenever they were decided
  const actions = await db.query<{
    kind: string;
    description: string;
    owner_name: string;
    due_on: string;
    status: string;
    feature: string | null;
    held_on: string;
  }>(
    `SELECT a.kind, a.description, a.owner_name, a.due_on::text AS due_on, a.status, sy.name AS feature, s.held_on::text AS held_on
       FROM panel_action a JOIN panel_session s ON s.id = a.session_id LEFT JOIN ai_system sy ON sy.id = a.system_id
      WHERE s.facility_id = $1 AND (s.held_on BETWEEN $2 AND $3 OR (a.status IN ('open', 'in_progress') AND s.held_on <= $3))
      ORDER BY a.due_on, a.created_at`,
    [facilityId, from, to],
  );
  return {
    sessions: sessions.map((s) => ({ heldOn: s.held_on, title: s.title, status: s.status, items: s.items, reviewed: s.reviewed, problems: s.problems })),
    problemsByCategory: Object.fromEntries(categories.map((c) => [c.category, c.n])),
    actions: actions.map((a) => ({
      kind: a.kind,
      description: a.description,
      owner: a.owner_name,
      dueOn: a.due_on,
      status: a.status,
      feature: a.feature,
      sessionHeldOn: a.held_on,
    })),
  };
}

/** The report's figures as CSV in long form — section, measure, breakdown, value — one figure per line. */
export function usageReportCsv(r: UsageReport): string {
  const rows: (string | number | null)[][] = [['section', 'measure', 'breakdown', 'value']];
  const add = (section: string, measure: string, breakdown: string, value: string | number | null) => rows.push([section, measure, breakdown, value]);
  add('report', 'facility', '', r.facility.name);
  add('report', 'period', '', `${r.from}/${r.to}`);
  add('report', 'people', '', r.facility.people);
  for (const f of r.features) {
    const b = `${f.slug}@${f.version}`;
    for (const k of ['proposals', 'decided', 'accepted', 'amended', 'rejected', 'pending', 'objections'] as const) add('ai_features', k, b, f[k]);
    add('ai_features', 'acceptance_rate', b, f.acceptanceRate);
    add('ai_features', 'median_hours_to_decision', b, f.medianHoursToDecision);
  }
  add('time', 'contact_minutes', 'total', r.time.totals.contactMinutes);
  for (const [k, v] of Object.entries(r.time.totals.byKind)) add('time', 'contact_minutes', k, v);
  add('time', 'contacts_without_duration', 'total', r.time.totals.contactsWithoutDuration);
  add('time', 'admin_minutes', 'total', r.time.totals.adminMinutes);
  add('time', 'estimated_saved_minutes', 'total', r.time.totals.estimatedSavedMinutes);
  for (const t of r.time.tasks) {
    add('time', 'median_minutes_assisted', t.task, t.assisted.medianMinutes);
    add('time', 'timings_assisted', t.task, t.assisted.n);
    add('time', 'median_minutes_unassisted', t.task, t.unassisted.medianMinutes);
    add('time', 'timings_unassisted', t.task, t.unassisted.n);
    add('time', 'saved_minutes_per_piece', t.task, t.savedPerPiece);
  }
  for (const w of r.time.weeks)
    for (const t of w.teams) {
      add('time_weekly', 'contact_minutes', `${w.week} ${t.team}`, t.contactMinutes);
      add('time_weekly', 'admin_minutes', `${w.week} ${t.team}`, t.adminMinutes);
      add('time_weekly', 'estimated_saved_minutes', `${w.week} ${t.team}`, t.estimatedSavedMinutes);
    }
  for (const c of r.surveys) {
    add('surveys', 'responses', `${c.opensOn} ${c.audience} ${c.title}`, c.responses);
    for (const d of c.dimensions) add('surveys', `favourable_${d.dimension}`, `${c.opensOn} ${c.audience} ${c.title}`, d.favourable);
    add('surveys', 'ai_features_in_use', `${c.opensOn} ${c.audience} ${c.title}`, c.features.map((f) => `${f.feature}@${f.version}`).join(' '));
  }
  for (const [part, p] of [
    ['all', r.complaints.all],
    ['ai_related', r.complaints.aiRelated],
    ['other', r.complaints.other],
  ] as const) {
    add('complaints', 'total', part, p.total);
    add('complaints', 'overdue', part, p.overdue);
    add('complaints', 'answered_late', part, p.answeredLate);
    add('complaints', 'median_days_to_answer', part, p.medianDaysToAnswer);
  }
  for (const [f, n] of Object.entries(r.complaints.aiRelated.byFeature)) add('complaints', 'ai_related', f, n);
  add('panel', 'sessions', '', r.panel.sessions.length);
  add(
    'panel',
    'items_reviewed',
    '',
    r.panel.sessions.reduce((s, x) => s + x.reviewed, 0),
  );
  add(
    'panel',
    'problems',
    '',
    r.panel.sessions.reduce((s, x) => s + x.problems, 0),
  );
  for (const [c, n] of Object.entries(r.panel.problemsByCategory)) add('panel', 'problems', c, n);
  for (const a of r.panel.actions) add('panel', 'action', `${a.kind} ${a.feature ?? ''} due ${a.dueOn}`.trim(), a.status);
  for (const f of r.equity.features) {
    add('equity', 'people_reached', f.slug, f.reached);
    add('equity', 'acceptance_rate', f.slug, f.acceptance);
    if (f.followed !== null) add('equity', 'attendance_rate', f.slug, f.attendance);
  }
  for (const x of r.equity.flags)
    for (const flag of x.flags)
      add('equity', `gap_${flag}`, `${x.feature} ${x.dimension}=${x.group}`, flag === 'reach' ? x.reach : flag === 'acceptance' ? x.acceptance : x.attendance);
  return `${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
