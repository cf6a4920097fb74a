import { createHash, randomBytes } from 'node:crypto';
import type { z } from 'zod';
import {
  DEFAULT_ESCALATION_MINUTES,
  type alertCloseSchema,
  type alertSnoozeSchema,
  type deviceInputSchema,
  type enrolmentInputSchema,
  type manualMeasurementSchema,
  type tmPolicySchema,
  type tmSettingsInputSchema,
} from '@presence/shared';
import type { Db, Queryable } from '../db/db.js';
import type { Actor } from '../http/actor.js';
import type { GuaranteeService } from '../guarantee/guarantee-service.js';
import type { PeopleService } from '../people/people-service.js';
import { appendAudit } from '../audit/audit-service.js';
import { AppError, notFound, validationError } from '../http/errors.js';
import { PARAMETERS, PROGRAMME_PARAMETERS, type Measurement, type Parameter, type Programme } from '../telemonitoring-core/codes.js';
import { SEVERITY_FR, describeRule } from '../telemonitoring-core/rules-text.js';
import { toE164 } from '../gateways/phone.js';
import {
  DEFAULT_RULES,
  RULES_VERSION,
  effectiveRules,
  trendParams,
  evaluateBatch,
  evaluateCheck,
  historyDaysNeeded,
  validateRule,
  type Alert,
  type AlertPolicy,
  type RuleSpec,
} from '../telemonitoring-core/rules.js';
import { TM_ALERT_KIND, TM_SLUG, type TmAlertContent } from './telemonitoring-feature.js';

interface Ctx {
  actor: Actor;
  requestId: string;
}

/** Default policy: the same rule does not alert again for a person within 72 h unless the values get worse. */
export const POLICY: AlertPolicy = { repeatHours: 72 };
const SEVERITY_RANK = { critical: 4, high: 3, medium: 2, low: 1 } as const;
const FUTURE_TOLERANCE_MS = 10 * 60_000;

export interface Device {
  id: string;
  facilityId: string;
  personId: string;
}

/** One measurement as received, before checks. */
export interface Incoming {
  parameter: string;
  value: unknown;
  unit?: string;
  at: string;
  /** Index in the request (batch position, bundle entry), for the rejection report. */
  index: number;
}

export interface IngestReport {
  accepted: number;
  duplicates: number;
  rejected: { index: number; field: string; reason: string }[];
  alerts: number;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Telemonitoring: enrolment with consent, the physician's settings, devices, ingestion (stored once per device + time +
 * code; every rejection kept with its reason), the rules run on each new measurement, alerts as proposals, and triage.
 */
export class TelemonitoringService {
  /** Listeners of alert events (the SSE stream). */
  private readonly listeners = new Set<(e: { facilityId: string; type: string; alertId: string }) => void>();

  constructor(
    private readonly db: Db,
    private readonly people: PeopleService,
    private readonly guarantee: GuaranteeService,
  ) {}

  onEvent(fn: (e: { facilityId: string; type: string; alertId: string }) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }
  private emit(facilityId: string, type: string, alertId: string): void {
    for (const fn of this.listeners) fn({ facilityId, type, alertId });
  }

  private facility(ctx: Ctx): string {
    if (!ctx.actor.facilityId) throw new AppError('forbidden', 'This needs a staff account of a facility');
    return ctx.actor.facilityId;
  }

  // ---- enrolment, settings, devices ----

  async enrol(ctx: Ctx, input: z.output<typeof enrolmentInputSchema>) {
    const person = await this.people.scopeForWrite(ctx, input.personId, 'person.telemonitoring.enrol');
    if (Date.parse(input.consent.at) > Date.now() + FUTURE_TOLERANCE_MS)
      throw validationError([{ field: 'consent.at', reason: 'in_the_future', message: 'Consent is recorded once given' }]);
    return this.db.transaction(async (tx) => {
      const existing = await tx.query('SELECT id FROM tm_enrolment WHERE person_id = $1 AND programme = $2 AND status = $3', [
        input.personId,
        input.programme,
        'active',
      ]);
      if (existing.length) throw new AppError('conflict', 'This person is already enrolled in this programme');
      const [row] = await tx.query<{ id: string }>(
        `INSERT INTO tm_enrolment (facility_id, person_id, programme, consent_at, consent_from, consent_note, recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [person.facilityId, input.personId, input.programme, input.consent.at, input.consent.from, input.consent.note, ctx.actor.userId],
      );
      await tx.query('INSERT INTO tm_setting (enrolment_id, version, reason, set_by) VALUES ($1, 1, $2, $3)', [
        row!.id,
        'Réglages par défaut du programme',
        ctx.actor.userId,
      ]);
      await appendAudit(tx, ctx, {
        action: 'person.telemonitoring.enrol',
        outcome: 'allowed',
        targetType: 'person',
        targetId: input.personId,
        facilityId: person.facilityId,
        details: { enrolmentId: row!.id, programme: input.programme, consentFrom: input.consent.from },
      });
      return { id: row!.id };
    });
  }

  /** A new version of the physician's settings: references and rule overrides, checked before they apply. */
  async setSettings(ctx: Ctx, personId: string, enrolmentId: string, input: z.output<typeof tmSettingsInputSchema>) {
    const person = await this.people.scopeForWrite(ctx, personId, 'person.telemonitoring.settings');
    const issues = [];
    for (const [k, rule] of input.overrides.entries()) {
      const problems = validateRule(rule as unknown as RuleSpec);
      for (const p of problems) issues.push({ field: `overrides.${k}`, reason: 'invalid_rule', message: p });
    }
    for (const [param, value] of Object.entries(input.references)) {
      const def = PARAMETERS[param as Parameter];
      if (value < def.min || value > def.max)
        issues.push({ field: `references.${param}`, reason: 'impossible_value', message: `${param} must be between ${def.min} and ${def.max} ${def.unit}` });
    }
    if (issues.length) throw validationError(issues);
    await this.db.transaction(async (tx) => {
      const [e] = await tx.query<{ id: string }>("SELECT id FROM tm_enrolment WHERE id = $1 AND person_id = $2 AND status = 'active' FOR UPDATE", [
        enrolmentId,
        personId,
      ]);
      if (!e) throw notFound('Active enrolment');
      await tx.query(
        `INSERT INTO tm_setting (enrolment_id, version, refs, overrides, disabled, reason, set_by)
         SELECT $1, COALESCE(max(version), 0) + 1, $2, $3, $4, $5, $6 FROM tm_setting WHERE enrolment_id = $1`,
        [enrolmentId, input.references, JSON.stringify(input.overrides), input.disabled, input.reason, ctx.actor.userId],
      );
      await appendAudit(tx, ctx, {
        action: 'person.telemonitoring.settings',
        outcome: 'allowed',
        targetType: 'person',
        targetId: personId,
        facilityId: person.facilityId,
        details: { enrolmentId, references: input.references, overrides: input.overrides.length, disabled: input.disabled, reason: input.reason },
      });
    });
    return this.personView(ctx, personId);
  }

  /** A device for one person; its token is shown once (only its hash is kept). */
  async addDevice(ctx: Ctx, input: z.output<typeof deviceInputSchema>) {
    const person = await this.people.scopeForWrite(ctx, input.personId, 'person.telemonitoring.device');
    const token = `tmd_${randomBytes(24).toString('base64url')}`;
    const id = await this.db.transaction(async (tx) => {
      const [row] = await tx.query<{ id: string }>(
        'INSERT INTO tm_device (facility_id, person_id, label, token_hash, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id',
        [person.facilityId, input.personId, input.label, hashToken(token), ctx.actor.userId],
      );
      await appendAudit(tx, ctx, {
        action: 'person.telemonitoring.device',
        outcome: 'allowed',
        targetType: 'person',
        targetId: input.personId,
        facilityId: person.facilityId,
        details: { deviceId: row!.id, label: input.label },
      });
      return row!.id;
    });
    return { id, token };
  }

  /** The device a bearer token belongs to; an unknown or revoked token is refused (and the attempt kept). */
  async deviceFromToken(authorization: string | undefined, source: string): Promise<Device> {
    const token = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
    const [d] = token
      ? await this.db.query<{ id: string; facility_id: string; person_id: string }>(
          'SELECT id, facility_id, person_id FROM tm_device WHERE token_hash = $1 AND revoked_at IS NULL',
          [hashToken(token)],
        )
      : [];
    if (!d) {
      await this.db.query('INSERT INTO tm_rejection (source, reason, field) VALUES ($1, $2, $3)', [
        source,
        token ? 'unknown_device' : 'no_device_token',
        'Authorization',
      ]);
      throw new AppError('unauthenticated', 'Unknown device: send its token as Authorization: Bearer <token>');
    }
    return { id: d.id, facilityId: d.facility_id, personId: d.person_id };
  }

  // ---- ingestion ----

  /**
   * A message from the MQTT broker: the device named in the topic must exist in the facility named there, and the
   * token in the payload must be that device's. Anything else is kept as a rejection with its reason.
   */
  async ingestMqtt(m: { facilityId: string; deviceId: string; token: string | null; measurements: unknown; topic: string }): Promise<IngestReport | null> {
    const reject = async (reason: string, field: string) => {
      await this.db.query('INSERT INTO tm_rejection (source, reason, field, detail) VALUES ($1, $2, $3, $4)', ['mqtt', reason, field, { topic: m.topic }]);
      return null;
    };
    if (!m.token) return reject('no_device_token', 'token');
    const [d] = await this.db.query<{ id: string; facility_id: string; person_id: string }>(
      'SELECT id, facility_id, person_id FROM tm_device WHERE token_hash = $1 AND revoked_at IS NULL',
      [hashToken(m.token)],
    );
    if (!d) return reject('unknown_device', 'token');
    if (d.id !== m.deviceId || d.facility_id !== m.facilityId) return reject('topic_mismatch', 'topic');
    if (!Array.isArray(m.measurements)) {
      await this.db.query('INSERT INTO tm_rejection (facility_id, device_id, source, reason, field, detail) VALUES ($1, $2, $3, $4, $5, $6)', [
        d.facility_id,
        d.id,
        'mqtt',
        'not_a_batch',
        'measurements',
        { topic: m.topic },
      ]);
      return null;
    }
    const items = (m.measurements as Record<string, unknown>[]).map((x, index) => ({
      parameter: typeof x?.parameter === 'string' ? x.parameter : '',
      value: x?.value,
      unit: typeof x?.unit === 'string' ? x.unit : undefined,
      at: typeof x?.at === 'string' ? x.at : '',
      index,
    }));
    return this.ingest({ facilityId: d.facility_id, personId: d.person_id, deviceId: d.id, recordedBy: null }, items, 'mqtt');
  }

  /**
   * Checks and stores measurements of one person, then runs the rules on each new one. A measurement already stored
   * (same device, time and code) counts as a duplicate; a bad one is rejected with its field and reason, kept in
   * tm_rejection, and never stops the others.
   */
  async ingest(
    target: { facilityId: string; personId: string; deviceId: string | null; recordedBy: string | null },
    items: readonly Incoming[],
    source: 'fhir' | 'json' | 'mqtt' | 'manual',
  ): Promise<IngestReport> {
    const report: IngestReport = { accepted: 0, duplicates: 0, rejected: [], alerts: 0 };
    const enrolment = await this.activeEnrolment(target.personId);
    const rejections: { reason: string; field: string; detail: unknown }[] = [];
    const valid = new Map<string, Omit<Measurement, 'personId'>>();
    for (const item of items) {
      const problem = enrolment ? checkItem(item) : { field: 'subject', reason: 'not_enrolled' };
      if ('reason' in problem) {
        report.rejected.push({ index: item.index, ...problem });
        rejections.push({
          ...problem,
          detail: { index: item.index, personId: target.personId, item: { parameter: item.parameter, value: item.value, unit: item.unit, at: item.at } },
        });
        continue;
      }
      const m = problem.measurement;
      const key = `${target.deviceId ?? `manual:${target.recordedBy}`}|${m.at}|${PARAMETERS[m.parameter].loinc}`;
      // The same measurement twice in one batch is a duplicate too.
      if (valid.has(key)) report.duplicates++;
      else valid.set(key, m);
    }
    // One statement per 1,000 rows (not one per measurement): what is already stored is skipped by its dedupe key.
    if (rejections.length)
      await this.db.query(
        `INSERT INTO tm_rejection (facility_id, device_id, source, reason, field, detail)
         SELECT $1, $2, $3, x.reason, x.field, x.detail FROM jsonb_to_recordset($4::jsonb) AS x(reason text, field text, detail jsonb)`,
        [target.facilityId, target.deviceId, source, JSON.stringify(rejections)],
      );
    const fresh: Measurement[] = [];
    const rows = [...valid].map(([key, m]) => ({ key, parameter: m.parameter, value: m.value, at: m.at }));
    for (let k = 0; k < rows.length; k += 1000) {
      const stored = await this.db.query<{ dedupe_key: string }>(
        `INSERT INTO tm_measurement (facility_id, person_id, parameter, value, at, source, device_id, recorded_by, dedupe_key)
         SELECT $1, $2, x.parameter, x.value, x.at, $3, $4, $5, x.key FROM jsonb_to_recordset($6::jsonb) AS x(key text, parameter text, value float8, at timestamptz)
         ON CONFLICT (dedupe_key) DO NOTHING RETURNING dedupe_key`,
        [target.facilityId, target.personId, source, target.deviceId, target.recordedBy, JSON.stringify(rows.slice(k, k + 1000))],
      );
      for (const { dedupe_key } of stored) fresh.push({ ...valid.get(dedupe_key)!, personId: target.personId });
    }
    report.accepted = fresh.length;
    report.duplicates += valid.size - fresh.length;
    if (enrolment && fresh.length) report.alerts = await this.evaluate(enrolment, fresh);
    return report;
  }

  // ---- the clock: missing data and escalation ----

  /**
   * What time alone raises: missing-data alerts (no measurement of a parameter for N days) and the escalation of alerts
   * not acknowledged in time. Run every few minutes by the server (and by tests with a chosen `now`).
   */
  async tick(now = new Date()): Promise<{ missing: number; escalated: number }> {
    let missing = 0;
    const enrolments = await this.db.query<{ person_id: string }>("SELECT DISTINCT person_id FROM tm_enrolment WHERE status = 'active'");
    for (const { person_id } of enrolments) {
      const e = await this.activeEnrolment(person_id);
      if (!e) continue;
      const { settings, history, recent, policy } = await this.context(e, now);
      for (const alert of evaluateCheck(settings, history, now.toISOString(), policy, recent)) {
        recent.push(alert);
        if (await this.raise(e, alert)) missing++;
      }
    }
    const policies = new Map(
      (
        await this.db.query<{ facility_id: string; escalation_minutes: Record<string, number>; notify_email: string | null; notify_sms: string | null }>(
          'SELECT facility_id, escalation_minutes, notify_email, notify_sms FROM tm_policy',
        )
      ).map((p) => [p.facility_id, p]),
    );
    const open = await this.db.query<{ id: string; facility_id: string; person_id: string; severity: keyof typeof SEVERITY_RANK; created_at: Date }>(
      "SELECT id, facility_id, person_id, severity, created_at FROM tm_alert WHERE status = 'open' AND escalated_at IS NULL",
    );
    let escalated = 0;
    for (const a of open) {
      const policy = policies.get(a.facility_id);
      const minutes = (policy?.escalation_minutes ?? DEFAULT_ESCALATION_MINUTES)[a.severity];
      if (now.getTime() - a.created_at.getTime() < minutes * 60_000) continue;
      const done = await this.db.transaction(async (tx) => {
        const rows = await tx.query("UPDATE tm_alert SET escalated_at = $2 WHERE id = $1 AND status = 'open' AND escalated_at IS NULL RETURNING id", [
          a.id,
          now,
        ]);
        if (!rows.length) return false;
        // Told outside the app through the outbox. No name and no value: an SMS or an e-mail is not a channel for health data.
        const subject = 'Présence — alerte de télésurveillance en attente';
        const body = `Une alerte de télésurveillance de sévérité ${SEVERITY_FR[a.severity]} attend depuis ${minutes} min sans être prise en compte. Ouvrez Présence, page Télésurveillance.`;
        for (const [channel, address] of [
          ['email', policy?.notify_email],
          ['sms', policy?.notify_sms],
        ] as const) {
          if (!address) continue;
          await tx.query(
            `INSERT INTO reminder (facility_id, alert_id, channel, recipient, address, send_at, subject, body) VALUES ($1, $2, $3, 'astreinte', $4, $5, $6, $7)`,
            [a.facility_id, a.id, channel, address, now, subject, body],
          );
        }
        await appendAudit(
          tx,
          { actor: null, requestId: 'telemonitoring-clock' },
          {
            action: 'telemonitoring.alert.escalate',
            outcome: 'allowed',
            targetType: 'person',
            targetId: a.person_id,
            facilityId: a.facility_id,
            details: {
              alertId: a.id,
              severity: a.severity,
              afterMinutes: minutes,
              notified: [policy?.notify_email && 'email', policy?.notify_sms && 'sms'].filter(Boolean),
            },
          },
        );
        return true;
      });
      if (!done) continue;
      escalated++;
      this.emit(a.facility_id, 'alert.escalated', a.id);
    }
    return { missing, escalated };
  }

  async policy(ctx: Ctx) {
    const facilityId = this.facility(ctx);
    const [p] = await this.db.query<{
      escalation_minutes: Record<string, number>;
      notify_email: string | null;
      notify_sms: string | null;
      repeat_hours: number;
      delay_minutes: number;
    }>('SELECT escalation_minutes, notify_email, notify_sms, repeat_hours, delay_minutes FROM tm_policy WHERE facility_id = $1', [facilityId]);
    const notifications = await this.db.query<{
      id: string;
      channel: string;
      status: string;
      last_error: string | null;
      created_at: Date;
      sent_at: Date | null;
    }>(
      `SELECT id, channel, status, last_error, created_at, sent_at FROM reminder WHERE facility_id = $1 AND alert_id IS NOT NULL ORDER BY created_at DESC LIMIT 20`,
      [facilityId],
    );
    return {
      escalationMinutes: p?.escalation_minutes ?? DEFAULT_ESCALATION_MINUTES,
      repeatHours: p?.repeat_hours ?? POLICY.repeatHours,
      delayMinutes: p?.delay_minutes ?? 0,
      notify: { email: p?.notify_email ?? null, sms: p?.notify_sms ?? null },
      notifications: notifications.map((n) => ({
        id: n.id,
        channel: n.channel,
        status: n.status,
        lastError: n.last_error,
        createdAt: n.created_at.toISOString(),
        sentAt: n.sent_at?.toISOString() ?? null,
      })),
    };
  }

  async setPolicy(ctx: Ctx, input: z.output<typeof tmPolicySchema>) {
    const facilityId = this.facility(ctx);
    const sms = input.notify.sms === null ? null : toE164(input.notify.sms);
    if (input.notify.sms !== null && !sms)
      throw validationError([{ field: 'notify.sms', reason: 'invalid_phone', message: 'Not a phone number (e.g. 06 12 34 56 78 or +33 6 12 34 56 78)' }]);
    await this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO tm_policy (facility_id, escalation_minutes, notify_email, notify_sms, updated_by, repeat_hours, delay_minutes) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (facility_id) DO UPDATE SET escalation_minutes = $2, notify_email = $3, notify_sms = $4, updated_by = $5, repeat_hours = $6, delay_minutes = $7, updated_at = now()`,
        [facilityId, input.escalationMinutes, input.notify.email, sms, ctx.actor.userId, input.repeatHours, input.delayMinutes],
      );
      await appendAudit(tx, ctx, {
        action: 'telemonitoring.policy.update',
        outcome: 'allowed',
        targetType: 'facility',
        targetId: facilityId,
        facilityId,
        // The contact itself is not copied into the audit trail.
        details: {
          escalationMinutes: input.escalationMinutes,
          repeatHours: input.repeatHours,
          delayMinutes: input.delayMinutes,
          notifyEmail: input.notify.email !== null,
          notifySms: sms !== null,
        },
      });
    });
    return this.policy(ctx);
  }

  private async activeEnrolment(personId: string) {
    const [e] = await this.db.query<{
      id: string;
      facility_id: string;
      person_id: string;
      programme: Programme;
      refs: Record<string, number>;
      overrides: RuleSpec[];
      disabled: string[];
    }>(
      `SELECT e.id, e.facility_id, e.person_id, e.programme, s.refs, s.overrides, s.disabled FROM tm_enrolment e
         JOIN LATERAL (SELECT refs, overrides, disabled FROM tm_setting WHERE enrolment_id = e.id ORDER BY version DESC LIMIT 1) s ON true
        WHERE e.person_id = $1 AND e.status = 'active' ORDER BY e.started_at LIMIT 1`,
      [personId],
    );
    return e ?? null;
  }

  /** The rules on each new measurement, in time order, each seeing only the past; new alerts become proposals. */
  private async evaluate(e: NonNullable<Awaited<ReturnType<TelemonitoringService['activeEnrolment']>>>, fresh: Measurement[]): Promise<number> {
    const first = fresh.reduce((a, b) => (a.at <= b.at ? a : b));
    const { settings, history, recent, policy } = await this.context(e, new Date(first.at));
    // One pass over the batch (the history prepared once), as evaluateNew measurement by measurement would (tested).
    return this.raiseAll(e, evaluateBatch(settings, history, fresh, policy, recent));
  }

  /** The person's settings, the measurements the rules need before `from` (and after), and the recent alerts. */
  private async context(e: NonNullable<Awaited<ReturnType<TelemonitoringService['activeEnrolment']>>>, from: Date) {
    const settings = { personId: e.person_id, programme: e.programme, references: e.refs, overrides: e.overrides, disabled: e.disabled };
    const rules = effectiveRules(settings);
    const [p] = await this.db.query<{ repeat_hours: number; delay_minutes: number }>(
      'SELECT repeat_hours, delay_minutes FROM tm_policy WHERE facility_id = $1',
      [e.facility_id],
    );
    const snoozes = await this.db.query<{ rule_id: string; until: Date }>(
      'SELECT rule_id, max(until) AS until FROM tm_snooze WHERE person_id = $1 GROUP BY rule_id',
      [e.person_id],
    );
    const policy: AlertPolicy = {
      repeatHours: p?.repeat_hours ?? POLICY.repeatHours,
      delayMinutes: p?.delay_minutes ?? 0,
      snoozedUntil: Object.fromEntries(snoozes.map((x) => [x.rule_id, x.until.toISOString()])),
    };
    const since = new Date(from.getTime() - historyDaysNeeded(rules, policy) * 86_400_000);
    const history = (
      await this.db.query<{ parameter: Parameter; value: number; at: Date }>(
        'SELECT parameter, value, at FROM tm_measurement WHERE person_id = $1 AND at >= $2 ORDER BY at',
        [e.person_id, since],
      )
    ).map((r) => ({ personId: e.person_id, parameter: r.parameter, value: r.value, at: r.at.toISOString() }));
    const recent: Alert[] = (
      await this.db.query<{
        rule_id: string;
        kind: Alert['kind'];
        parameter: Parameter;
        severity: Alert['severity'];
        at: Date;
        explanation: Alert['explanation'];
      }>('SELECT rule_id, kind, parameter, severity, at, explanation FROM tm_alert WHERE person_id = $1 AND at >= $2', [
        e.person_id,
        new Date(since.getTime() - (policy.repeatHours * 60 + (policy.delayMinutes ?? 0)) * 60_000),
      ])
    ).map((r) => ({
      personId: e.person_id,
      ruleId: r.rule_id,
      kind: r.kind,
      parameter: r.parameter,
      severity: r.severity,
      at: r.at.toISOString(),
      explanation: r.explanation,
    }));
    return { settings, history, recent, policy };
  }

  private async raise(e: { id: string; facility_id: string; person_id: string }, a: Alert): Promise<boolean> {
    return (await this.raiseAll(e, [a])) > 0;
  }

  /** Stores a person's new alerts, each with its proposal (one name lookup and one permission check per batch); returns how many were new. */
  private async raiseAll(e: { id: string; facility_id: string; person_id: string }, alerts: readonly Alert[]): Promise<number> {
    if (!alerts.length) return 0;
    // Switched off, or the person objected: the measurements are kept, no alert is raised (the team reads them).
    if (!(await this.guarantee.mayPropose(e.facility_id, TM_SLUG, e.person_id))) return 0;
    const [person] = await this.db.query<{ name: string }>("SELECT first_name || ' ' || last_name AS name FROM person WHERE id = $1", [e.person_id]);
    const ids: string[] = [];
    // One transaction per alert: each is visible as soon as it is stored.
    for (const a of alerts) {
      const id = await this.db.transaction(async (tx) => {
        const [row] = await tx.query<{ id: string }>(
          `INSERT INTO tm_alert (facility_id, person_id, enrolment_id, rule_id, kind, parameter, severity, at, explanation, rules_version)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (person_id, rule_id, at) DO NOTHING RETURNING id`,
          [e.facility_id, e.person_id, e.id, a.ruleId, a.kind, a.parameter, a.severity, a.at, a.explanation, RULES_VERSION],
        );
        if (!row) return null;
        const content: TmAlertContent = { alertId: row.id, ruleId: a.ruleId, severity: a.severity };
        const p = await this.guarantee.propose(
          {
            facilityId: e.facility_id,
            systemSlug: TM_SLUG,
            kind: TM_ALERT_KIND,
            personId: e.person_id,
            subject: { type: 'tm_alert', id: row.id },
            title: `Alerte ${SEVERITY_FR[a.severity]} — ${person?.name ?? ''} : ${a.explanation.summary}`,
            content,
            explanation: {
              summary: a.explanation.summary,
              factors: [{ label: 'Règle', detail: a.explanation.rule }],
              dataPoints: a.explanation.points.map((pt) => ({ label: pt.at, value: String(pt.value), recordType: 'tm_measurement', recordId: e.person_id })),
              rule: a.explanation.rule,
            },
            inputs: { ruleId: a.ruleId, rulesVersion: RULES_VERSION, reference: a.explanation.reference, threshold: a.explanation.threshold },
          },
          tx,
        );
        await tx.query('UPDATE tm_alert SET proposal_id = $2 WHERE id = $1', [row.id, p.id]);
        return row.id;
      });
      if (!id) continue;
      ids.push(id);
      this.emit(e.facility_id, 'alert.raised', id);
    }
    return ids.length;
  }

  async manual(ctx: Ctx, personId: string, input: z.output<typeof manualMeasurementSchema>): Promise<IngestReport> {
    const person = await this.people.scopeForWrite(ctx, personId, 'person.telemonitoring.measure');
    const report = await this.ingest(
      { facilityId: person.facilityId, personId, deviceId: null, recordedBy: ctx.actor.userId },
      [{ ...input, index: 0 }],
      'manual',
    );
    await appendAudit(this.db, ctx, {
      action: 'person.telemonitoring.measure',
      outcome: 'allowed',
      targetType: 'person',
      targetId: personId,
      facilityId: person.facilityId,
      details: { parameter: input.parameter, accepted: report.accepted },
    });
    if (report.rejected.length) throw validationError(report.rejected.map((r) => ({ field: r.field, reason: r.reason, message: r.reason.replace(/_/g, ' ') })));
    return report;
  }

  // ---- triage ----

  /** Open and acknowledged alerts, most severe first, then oldest first. */
  async queue(ctx: Ctx, status: 'open' | 'acknowledged' | 'closed' | 'active' = 'active') {
    const facilityId = this.facility(ctx);
    const rows = await this.db.query<{
      id: string;
      person_id: string;
      person_name: string;
      rule_id: string;
      kind: string;
      parameter: string;
      severity: keyof typeof SEVERITY_RANK;
      at: Date;
      explanation: Alert['explanation'];
      status: string;
      proposal_id: string | null;
      acknowledged_by: string | null;
      acknowledged_at: Date | null;
      outcome: string | null;
      closed_at: Date | null;
      escalated_at: Date | null;
      created_at: Date;
    }>(
      `SELECT a.id, a.person_id, p.first_name || ' ' || p.last_name AS person_name, a.rule_id, a.kind, a.parameter, a.severity, a.at, a.explanation, a.status,
              a.proposal_id, CASE WHEN u.id IS NULL THEN NULL ELSE u.first_name || ' ' || u.last_name END AS acknowledged_by, a.acknowledged_at, a.outcome, a.closed_at, a.escalated_at, a.created_at
         FROM tm_alert a JOIN person p ON p.id = a.person_id LEFT JOIN app_user u ON u.id = a.acknowledged_by
        WHERE a.facility_id = $1 AND ($2 = 'active' AND a.status <> 'closed' OR a.status = $2) ORDER BY a.created_at DESC LIMIT 500`,
      [facilityId, status],
    );
    await appendAudit(this.db, ctx, {
      action: 'telemonitoring.queue.read',
      outcome: 'allowed',
      targetType: 'facility',
      targetId: facilityId,
      facilityId,
      details: { status, alerts: rows.length },
    });
    const actions = await this.actionsOf(rows.map((r) => r.id));
    const series = await this.seriesAround(rows.map((r) => r.id));
    return rows
      .map((r) => ({
        id: r.id,
        personId: r.person_id,
        personName: r.person_name,
        ruleId: r.rule_id,
        kind: r.kind,
        parameter: r.parameter,
        severity: r.severity,
        at: r.at.toISOString(),
        explanation: r.explanation,
        status: r.status,
        proposalId: r.proposal_id,
        acknowledgedBy: r.acknowledged_by,
        acknowledgedAt: r.acknowledged_at?.toISOString() ?? null,
        outcome: r.outcome,
        closedAt: r.closed_at?.toISOString() ?? null,
        escalatedAt: r.escalated_at?.toISOString() ?? null,
        createdAt: r.created_at.toISOString(),
        actions: actions.get(r.id) ?? [],
        series: series.get(r.id) ?? [],
      }))
      .sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || a.createdAt.localeCompare(b.createdAt));
  }

  /** For each alert, its parameter's measurements of the 14 days before it and the day after: the context its plot shows. */
  private async seriesAround(ids: string[]) {
    const out = new Map<string, { at: string; value: number }[]>();
    if (!ids.length) return out;
    const rows = await this.db.query<{ id: string; value: number; at: Date }>(
      `SELECT a.id, m.value, m.at FROM tm_alert a JOIN tm_measurement m ON m.person_id = a.person_id AND m.parameter = a.parameter
          AND m.at BETWEEN a.at - interval '14 days' AND a.at + interval '1 day'
        WHERE a.id = ANY($1::uuid[]) ORDER BY m.at`,
      [ids],
    );
    for (const r of rows) out.set(r.id, [...(out.get(r.id) ?? []), { at: r.at.toISOString(), value: r.value }]);
    return out;
  }

  private async actionsOf(ids: string[]) {
    const out = new Map<string, { kind: string; note: string; by: string; at: string }[]>();
    if (!ids.length) return out;
    const rows = await this.db.query<{ alert_id: string; kind: string; note: string; by: string; done_at: Date }>(
      "SELECT a.alert_id, a.kind, a.note, u.first_name || ' ' || u.last_name AS by, a.done_at FROM tm_action a JOIN app_user u ON u.id = a.done_by WHERE a.alert_id = ANY($1::uuid[]) ORDER BY a.done_at",
      [ids],
    );
    for (const r of rows) out.set(r.alert_id, [...(out.get(r.alert_id) ?? []), { kind: r.kind, note: r.note, by: r.by, at: r.done_at.toISOString() }]);
    return out;
  }

  private async alertInScope(q: Queryable, ctx: Ctx, id: string) {
    const [a] = await q.query<{ id: string; person_id: string; status: string; proposal_id: string | null; facility_id: string }>(
      'SELECT id, person_id, status, proposal_id, facility_id FROM tm_alert WHERE id = $1 AND facility_id = $2',
      [id, this.facility(ctx)],
    );
    if (!a) throw notFound('Alert');
    return a;
  }

  async acknowledge(ctx: Ctx, id: string) {
    await this.db.transaction(async (tx) => {
      const a = await this.alertInScope(tx, ctx, id);
      if (a.status !== 'open') throw new AppError('conflict', `This alert is already ${a.status}`);
      await tx.query("UPDATE tm_alert SET status = 'acknowledged', acknowledged_by = $2, acknowledged_at = now() WHERE id = $1", [id, ctx.actor.userId]);
      await appendAudit(tx, ctx, {
        action: 'telemonitoring.alert.acknowledge',
        outcome: 'allowed',
        targetType: 'person',
        targetId: a.person_id,
        facilityId: a.facility_id,
        details: { alertId: id },
      });
    });
    this.emit(this.facility(ctx), 'alert.acknowledged', id);
  }

  async addAction(ctx: Ctx, id: string, kind: string, note: string, minutes: number | null = null) {
    await this.db.transaction(async (tx) => {
      const a = await this.alertInScope(tx, ctx, id);
      if (a.status === 'closed') throw new AppError('conflict', 'This alert is closed');
      await tx.query('INSERT INTO tm_action (alert_id, kind, note, done_by, minutes) VALUES ($1, $2, $3, $4, $5)', [id, kind, note, ctx.actor.userId, minutes]);
      // Acting on an alert acknowledges it.
      await tx.query(
        "UPDATE tm_alert SET status = 'acknowledged', acknowledged_by = COALESCE(acknowledged_by, $2), acknowledged_at = COALESCE(acknowledged_at, now()) WHERE id = $1 AND status = 'open'",
        [id, ctx.actor.userId],
      );
      await appendAudit(tx, ctx, {
        action: 'telemonitoring.alert.action',
        outcome: 'allowed',
        targetType: 'person',
        targetId: a.person_id,
        facilityId: a.facility_id,
        details: { alertId: id, kind },
      });
    });
    this.emit(this.facility(ctx), 'alert.action', id);
  }

  /** Pauses the alert's rule for its person: no alert of that rule until then (measurements still stored and shown). */
  async snooze(ctx: Ctx, id: string, input: z.output<typeof alertSnoozeSchema>) {
    const until = new Date(Date.now() + input.hours * 3_600_000);
    await this.db.transaction(async (tx) => {
      const a = await this.alertInScope(tx, ctx, id);
      const [rule] = await tx.query<{ rule_id: string }>('SELECT rule_id FROM tm_alert WHERE id = $1', [id]);
      await tx.query('INSERT INTO tm_snooze (person_id, rule_id, until, reason, set_by) VALUES ($1, $2, $3, $4, $5)', [
        a.person_id,
        rule!.rule_id,
        until,
        input.reason,
        ctx.actor.userId,
      ]);
      await appendAudit(tx, ctx, {
        action: 'telemonitoring.rule.snooze',
        outcome: 'allowed',
        targetType: 'person',
        targetId: a.person_id,
        facilityId: a.facility_id,
        details: { alertId: id, ruleId: rule!.rule_id, until: until.toISOString(), reason: input.reason },
      });
    });
    this.emit(this.facility(ctx), 'alert.action', id);
    return { until: until.toISOString() };
  }

  /** Closing is the decision on the alert's proposal: confirmed = accepted; false alarm / no action needed = rejected with the reason. */
  async close(ctx: Ctx, id: string, input: z.output<typeof alertCloseSchema>) {
    const a = await this.alertInScope(this.db, ctx, id);
    if (a.status === 'closed') throw new AppError('conflict', 'This alert is already closed');
    const reason = `${{ confirmed: 'Alerte confirmée', false_alarm: 'Fausse alerte', no_action_needed: 'Pas d’action nécessaire' }[input.outcome]}${input.note ? ` : ${input.note}` : ''}`;
    if (a.proposal_id) {
      const proposal = await this.guarantee.getProposal(ctx, a.proposal_id);
      if (proposal.status === 'pending')
        await this.guarantee.decide(ctx, a.proposal_id, input.outcome === 'confirmed' ? { decision: 'accept', reason } : { decision: 'reject', reason });
    }
    await this.db.transaction(async (tx) => {
      await tx.query(
        "UPDATE tm_alert SET status = 'closed', outcome = $2, closed_by = $3, closed_at = now(), acknowledged_by = COALESCE(acknowledged_by, $3), acknowledged_at = COALESCE(acknowledged_at, now()) WHERE id = $1",
        [id, input.outcome, ctx.actor.userId],
      );
      await appendAudit(tx, ctx, {
        action: 'telemonitoring.alert.close',
        outcome: 'allowed',
        targetType: 'person',
        targetId: a.person_id,
        facilityId: a.facility_id,
        details: { alertId: id, outcome: input.outcome },
      });
    });
    this.emit(this.facility(ctx), 'alert.closed', id);
  }

  // ---- views ----

  async personView(ctx: Ctx, personId: string) {
    await this.people.auditedRead(ctx, personId, 'person.telemonitoring.read');
    const enrolments = await this.db.query<{ id: string; programme: Programme; status: string }>(
      `SELECT e.id, e.programme, e.status, e.consent_at AS "consentAt", e.consent_from AS "consentFrom", e.consent_note AS "consentNote", e.started_at AS "startedAt",
              COALESCE((SELECT json_agg(json_build_object('version', s.version, 'references', s.refs, 'overrides', s.overrides, 'disabled', s.disabled, 'reason', s.reason,
                 'setBy', u.first_name || ' ' || u.last_name, 'setAt', s.set_at) ORDER BY s.version DESC) FROM tm_setting s JOIN app_user u ON u.id = s.set_by WHERE s.enrolment_id = e.id), '[]') AS settings
         FROM tm_enrolment e WHERE e.person_id = $1 ORDER BY e.started_at DESC`,
      [personId],
    );
    const measurements = await this.db.query<{ parameter: string; value: number; at: Date; source: string }>(
      "SELECT parameter, value, at, source FROM tm_measurement WHERE person_id = $1 AND at >= now() - interval '90 days' ORDER BY at",
      [personId],
    );
    const alerts = await this.db.query(
      'SELECT id, rule_id AS "ruleId", kind, parameter, severity, at, status, outcome, explanation FROM tm_alert WHERE person_id = $1 ORDER BY at DESC LIMIT 200',
      [personId],
    );
    const devices = await this.db.query<{ id: string; label: string; created_at: Date; last_at: Date | null }>(
      `SELECT d.id, d.label, d.created_at, (SELECT max(received_at) FROM tm_measurement m WHERE m.device_id = d.id) AS last_at
         FROM tm_device d WHERE d.person_id = $1 AND d.revoked_at IS NULL ORDER BY d.created_at`,
      [personId],
    );
    // The rules in force (the programme's defaults with the physician's settings), each with its French wording: what
    // the charts draw as thresholds and what the settings form edits.
    const active = await this.activeEnrolment(personId);
    const settings = active ? { personId, programme: active.programme, references: active.refs, overrides: active.overrides, disabled: active.disabled } : null;
    const describe = (r: RuleSpec) => describeRule(r, r.kind === 'trend' ? trendParams(r) : undefined);
    return {
      enrolments,
      measurements: measurements.map((m) => ({ ...m, at: m.at.toISOString() })),
      alerts,
      devices: devices.map((d) => ({ id: d.id, label: d.label, createdAt: d.created_at.toISOString(), lastMeasurementAt: d.last_at?.toISOString() ?? null })),
      rules: settings
        ? [
            ...effectiveRules(settings).map((r) => ({ ...r, enabled: true, text: describe(r) })),
            ...DEFAULT_RULES[settings.programme].filter((r) => settings.disabled.includes(r.id)).map((r) => ({ ...r, enabled: false, text: describe(r) })),
          ]
        : [],
      references: settings?.references ?? {},
      parameters: settings ? PROGRAMME_PARAMETERS[settings.programme] : [],
    };
  }

  /** Every person monitored in the facility, with what the coordination nurse looks at first: alerts, last measurement. */
  async panel(ctx: Ctx) {
    const facilityId = this.facility(ctx);
    const rows = await this.db.query<{
      person_id: string;
      name: string;
      programme: Programme;
      started_at: Date;
      last_at: Date | null;
      active_alerts: number;
      top_severity: number | null;
      escalated: number;
    }>(
      `SELECT e.person_id, p.first_name || ' ' || p.last_name AS name, e.programme, e.started_at,
              (SELECT max(m.at) FROM tm_measurement m WHERE m.person_id = e.person_id) AS last_at,
              count(a.id)::int AS active_alerts,
              max(CASE a.severity WHEN 'critical' THEN 4 WHEN 'high' THEN 3 WHEN 'medium' THEN 2 WHEN 'low' THEN 1 END) AS top_severity,
              count(a.escalated_at)::int AS escalated
         FROM tm_enrolment e JOIN person p ON p.id = e.person_id
         LEFT JOIN tm_alert a ON a.person_id = e.person_id AND a.status <> 'closed'
        WHERE e.facility_id = $1 AND e.status = 'active'
        GROUP BY e.person_id, p.first_name, p.last_name, e.programme, e.started_at
        ORDER BY top_severity DESC NULLS LAST, last_at ASC NULLS FIRST`,
      [facilityId],
    );
    await appendAudit(this.db, ctx, {
      action: 'telemonitoring.panel.read',
      outcome: 'allowed',
      targetType: 'facility',
      targetId: facilityId,
      facilityId,
      details: { people: rows.length },
    });
    const severities = ['low', 'medium', 'high', 'critical'] as const;
    const now = Date.now();
    return rows.map((r) => {
      const daysSince = r.last_at ? (now - r.last_at.getTime()) / 86_400_000 : null;
      return {
        personId: r.person_id,
        name: r.name,
        programme: r.programme,
        startedAt: r.started_at.toISOString(),
        lastMeasurementAt: r.last_at?.toISOString() ?? null,
        activeAlerts: r.active_alerts,
        topSeverity: r.top_severity ? severities[r.top_severity - 1]! : null,
        escalated: r.escalated,
        // alert: an alert waits for triage; silent: nothing received for more than 2 days; ok otherwise.
        status: r.active_alerts > 0 ? 'alert' : daysSince === null || daysSince > 2 ? 'silent' : 'ok',
      };
    });
  }

  async rejections(ctx: Ctx) {
    const facilityId = this.facility(ctx);
    const counts = await this.db.query<{ reason: string; n: number }>(
      'SELECT reason, count(*)::int AS n FROM tm_rejection WHERE facility_id = $1 GROUP BY reason ORDER BY n DESC',
      [facilityId],
    );
    const latest = await this.db.query(
      'SELECT id, device_id AS "deviceId", source, reason, field, detail, received_at AS "receivedAt" FROM tm_rejection WHERE facility_id = $1 ORDER BY received_at DESC LIMIT 200',
      [facilityId],
    );
    return { counts, latest };
  }
}

/** Checks one incoming measurement: a known parameter, its unit, a number in the possible range, a time with a zone, not in the future. */
export function checkItem(item: Incoming): { field: string; reason: string } | { measurement: Omit<Measurement, 'personId'> } {
  const prefix = `measurements.${item.index}`;
  const def = PARAMETERS[item.parameter as Parameter] as (typeof PARAMETERS)[Parameter] | undefined;
  if (!def) return { field: `${prefix}.parameter`, reason: 'unknown_parameter' };
  if (item.unit !== undefined && item.unit !== def.unit) return { field: `${prefix}.unit`, reason: 'wrong_unit' };
  if (typeof item.value !== 'number' || !Number.isFinite(item.value)) return { field: `${prefix}.value`, reason: 'not_a_number' };
  if (item.value < def.min || item.value > def.max) return { field: `${prefix}.value`, reason: 'impossible_value' };
  if (!/(Z|[+-]\d{2}:\d{2})$/.test(item.at) || Number.isNaN(Date.parse(item.at))) return { field: `${prefix}.at`, reason: 'invalid_time' };
  if (Date.parse(item.at) > Date.now() + FUTURE_TOLERANCE_MS) return { field: `${prefix}.at`, reason: 'in_the_future' };
  return { measurement: { parameter: item.parameter as Parameter, value: item.value, at: new Date(item.at).toISOString() } };
}
