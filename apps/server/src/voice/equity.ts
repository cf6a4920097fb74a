import type { Db } from '../db/db.js';
import type { Actor } from '../http/actor.js';
import { appendAudit } from '../audit/audit-service.js';
import { AppError } from '../http/errors.js';
import { ageOn } from '../lib/random.js';

interface Ctx {
  actor: Actor;
  requestId: string;
}

/** Groups under this size are not shown (neither count nor rate): they could identify people. */
export const MIN_GROUP = 5;
export const DIMENSIONS = ['sex', 'ageBand', 'gir', 'cognition', 'language'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** Wilson score interval at 95 %: well-behaved for small groups and rates near 0 or 1. */
export function wilson(successes: number, n: number, z = 1.959964): { rate: number; low: number; high: number } | null {
  if (n === 0) return null;
  const p = successes / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return { rate: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

export function ageBand(birthDate: string, on: string): string {
  const age = ageOn(birthDate, on);
  return age < 75 ? 'under_75' : age < 85 ? '75_84' : age < 95 ? '85_94' : '95_plus';
}

interface PersonAttrs {
  id: string;
  groups: Record<Dimension, string>;
}

interface Outcome {
  /** People reached: at least one proposal (or alert) in the period. */
  reached: Set<string>;
  /** Per person, the decided proposals and how many were accepted (or amended) — or closed alerts and confirmed ones. */
  decided: Map<string, { n: number; yes: number }>;
  /** Activity suggestions only: per person, the accepted suggestions and how many were followed by attending one of the activities within 30 days. */
  followed: Map<string, { n: number; yes: number }>;
}

export interface Cell {
  group: string;
  people: number | null;
  reached: number | null;
  reach: ReturnType<typeof wilson>;
  decided: number | null;
  accepted: number | null;
  acceptance: ReturnType<typeof wilson>;
  /** Activity suggestions: accepted ones, those followed by attendance, the rate (null for other features or small counts). */
  followed: number | null;
  attended: number | null;
  attendance: ReturnType<typeof wilson>;
  /** What differs from the rest of the facility by more than the threshold, with intervals that do not meet. */
  flags: ('reach' | 'acceptance' | 'attendance')[];
  masked: boolean;
}

/**
 * Outcome rates of each AI feature by group — sex, age band, GIR, cognitive impairment, language — with counts,
 * 95 % intervals, small groups masked, and the disparities the review panel should look at highlighted.
 */
export class EquityService {
  constructor(private readonly db: Db) {}

  async figures(ctx: Ctx, from: string, to: string, threshold = 0.1) {
    const facilityId = ctx.actor.facilityId;
    if (!facilityId) throw new AppError('forbidden', 'This needs a staff account of a facility');
    await appendAudit(this.db, ctx, {
      action: 'equity.read',
      outcome: 'allowed',
      targetType: 'facility',
      targetId: facilityId,
      facilityId,
      details: { from, to },
    });
    return this.figuresFor(facilityId, from, to, threshold);
  }

  /** The figures of a facility (the caller audits the read). */
  async figuresFor(facilityId: string, from: string, to: string, threshold = 0.1) {
    const people = await this.people(facilityId, to);
    const systems = await this.db.query<{ id: string; slug: string; name: string }>(
      'SELECT id, slug, name FROM ai_system WHERE facility_id = $1 ORDER BY name',
      [facilityId],
    );
    const proposals = await this.db.query<{ system_id: string; slug: string; person_id: string; status: string; outcome: string | null }>(
      `SELECT pr.system_id, s.slug, pr.person_id, pr.status, a.outcome
         FROM proposal pr JOIN ai_system s ON s.id = pr.system_id LEFT JOIN tm_alert a ON a.proposal_id = pr.id
        WHERE pr.facility_id = $1 AND pr.person_id IS NOT NULL AND pr.created_at >= $2::date AND pr.created_at < $3::date + 1`,
      [facilityId, from, to],
    );
    // Activities recommended and attended: an accepted suggestion set is followed when the person attended one of its
    // activities within 30 days of the decision.
    const attended = await this.db.query<{ person_id: string; attended: boolean }>(
      `SELECT pr.person_id, EXISTS (
                SELECT 1 FROM activity_suggestion_set ss JOIN activity_suggestion sg ON sg.set_id = ss.id
                  JOIN activity_session se ON se.activity_id = sg.activity_id AND se.status = 'planned'
                   AND se.day >= pr.decided_at::date AND se.day < pr.decided_at::date + 30
                  JOIN session_attendance at ON at.session_id = se.id AND at.person_id = pr.person_id AND at.status = 'present'
                 WHERE ss.proposal_id = pr.id) AS attended
         FROM proposal pr JOIN ai_system s ON s.id = pr.system_id
        WHERE pr.facility_id = $1 AND s.slug = 'activity-recommender' AND pr.status IN ('accepted', 'amended') AND pr.person_id IS NOT NULL
          AND pr.created_at >= $2::date AND pr.created_at < $3::date + 1`,
      [facilityId, from, to],
    );
    const features = systems.map((s) => {
      const outcome: Outcome = { reached: new Set(), decided: new Map(), followed: new Map() };
      if (s.slug === 'activity-recommender')
        for (const a of attended) {
          const f = outcome.followed.get(a.person_id) ?? { n: 0, yes: 0 };
          outcome.followed.set(a.person_id, { n: f.n + 1, yes: f.yes + (a.attended ? 1 : 0) });
        }
      const alerts = s.slug === 'telemonitoring-rules';
      for (const p of proposals) {
        if (p.system_id !== s.id) continue;
        outcome.reached.add(p.person_id);
        // Telemonitoring: an alert is "accepted" when confirmed at triage; other features: accepted or amended.
        const done = alerts ? p.outcome !== null : ['accepted', 'amended', 'rejected'].includes(p.status);
        if (!done) continue;
        const yes = alerts ? p.outcome === 'confirmed' : p.status !== 'rejected';
        const d = outcome.decided.get(p.person_id) ?? { n: 0, yes: 0 };
        outcome.decided.set(p.person_id, { n: d.n + 1, yes: d.yes + (yes ? 1 : 0) });
      }
      return {
        slug: s.slug,
        name: s.name,
        measures: alerts
          ? { reach: 'people_with_alert', acceptance: 'alerts_confirmed', followUp: null }
          : { reach: 'people_with_proposal', acceptance: 'proposals_accepted', followUp: s.slug === 'activity-recommender' ? 'activities_attended' : null },
        overall: this.cell('all', people, outcome, null, threshold),
        dimensions: DIMENSIONS.map((dimension) => {
          const groups = [...new Set(people.map((p) => p.groups[dimension]))].sort();
          return {
            dimension,
            groups: groups.map((g) =>
              this.cell(
                g,
                people.filter((p) => p.groups[dimension] === g),
                outcome,
                people.filter((p) => p.groups[dimension] !== g),
                threshold,
              ),
            ),
          };
        }),
      };
    });
    return { from, to, minGroup: MIN_GROUP, threshold, people: people.length, features };
  }

  private cell(group: string, members: PersonAttrs[], o: Outcome, rest: PersonAttrs[] | null, threshold: number): Cell {
    const count = (ps: PersonAttrs[]) => {
      let reached = 0;
      let decided = 0;
      let accepted = 0;
      let followed = 0;
      let attended = 0;
      for (const p of ps) {
        if (o.reached.has(p.id)) reached++;
        const d = o.decided.get(p.id);
        if (d) {
          decided += d.n;
          accepted += d.yes;
        }
        const f = o.followed.get(p.id);
        if (f) {
          followed += f.n;
          attended += f.yes;
        }
      }
      return { people: ps.length, reached, decided, accepted, followed, attended };
    };
    const c = count(members);
    const reach = wilson(c.reached, c.people);
    const acceptance = wilson(c.accepted, c.decided);
    const attendance = wilson(c.attended, c.followed);
    const masked = c.people < MIN_GROUP;
    const flags: Cell['flags'] = [];
    if (rest && !masked && rest.length >= MIN_GROUP) {
      const r = count(rest);
      const differs = (a: ReturnType<typeof wilson>, b: ReturnType<typeof wilson>) =>
        a !== null && b !== null && Math.abs(a.rate - b.rate) >= threshold && (a.high < b.low || b.high < a.low);
      if (differs(reach, wilson(r.reached, r.people))) flags.push('reach');
      if (c.decided >= MIN_GROUP && r.decided >= MIN_GROUP && differs(acceptance, wilson(r.accepted, r.decided))) flags.push('acceptance');
      if (c.followed >= MIN_GROUP && r.followed >= MIN_GROUP && differs(attendance, wilson(r.attended, r.followed))) flags.push('attendance');
    }
    // A small group shows neither its counts nor its rates (nor a decided count under the threshold).
    return masked
      ? {
          group,
          people: null,
          reached: null,
          reach: null,
          decided: null,
          accepted: null,
          acceptance: null,
          followed: null,
          attended: null,
          attendance: null,
          flags: [],
          masked: true,
        }
      : {
          group,
          people: c.people,
          reached: c.reached,
          reach,
          decided: c.decided >= MIN_GROUP ? c.decided : null,
          accepted: c.decided >= MIN_GROUP ? c.accepted : null,
          acceptance: c.decided >= MIN_GROUP ? acceptance : null,
          followed: c.followed >= MIN_GROUP ? c.followed : null,
          attended: c.followed >= MIN_GROUP ? c.attended : null,
          attendance: c.followed >= MIN_GROUP ? attendance : null,
          flags,
          masked: false,
        };
  }

  /** The facility's people with their groups: sex, age band at the period's end, latest GIR, cognition, language. */
  private async people(facilityId: string, on: string): Promise<PersonAttrs[]> {
    const rows = await this.db.query<{ id: string; sex: string; birth: string; gir: number | null; cognition: number | null; languages: string[] | null }>(
      `SELECT p.id, p.sex, to_char(p.birth_date, 'YYYY-MM-DD') AS birth,
              (SELECT (a.result->>'gir')::int FROM assessment a WHERE a.person_id = p.id AND a.scale = 'aggir' ORDER BY a.assessed_at DESC LIMIT 1) AS gir,
              (SELECT c.level FROM capacity_assessment c WHERE c.person_id = p.id AND c.domain = 'cognition' ORDER BY c.assessed_on DESC LIMIT 1) AS cognition,
              pp.languages
         FROM person p LEFT JOIN person_profile pp ON pp.person_id = p.id
        WHERE p.facility_id = $1 AND p.status <> 'deceased'`,
      [facilityId],
    );
    return rows.map((r) => ({
      id: r.id,
      groups: {
        sex: r.sex,
        ageBand: ageBand(r.birth, on),
        gir: r.gir === null ? 'unknown' : r.gir <= 2 ? 'gir_1_2' : r.gir <= 4 ? 'gir_3_4' : 'gir_5_6',
        cognition: r.cognition === null ? 'unknown' : r.cognition >= 2 ? 'impaired' : 'not_impaired',
        language: (r.languages ?? ['français']).some((l) => l.toLowerCase() === 'français') ? 'french' : 'other',
      },
    }));
  }
}
