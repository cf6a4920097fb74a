import type { z } from 'zod';
import {
  SURVEY_DIMENSIONS,
  SURVEY_TEMPLATES,
  answerIssues,
  isFavourable,
  surveyTemplate,
  type SurveyAudience,
  type SurveyTemplate,
  type surveyCampaignInputSchema,
  type surveyResponseInputSchema,
} from '@presence/shared';
import type { Db, Queryable } from '../db/db.js';
import type { Actor } from '../http/actor.js';
import { appendAudit } from '../audit/audit-service.js';
import { AppError, notFound, validationError } from '../http/errors.js';
import { classify } from './survey-themes.js';
import { toLocal } from '../appointments/local-time.js';

interface Ctx {
  actor: Actor;
  requestId: string;
}

interface CampaignRow {
  id: string;
  facility_id: string;
  template_slug: string;
  template_version: string;
  audience: SurveyAudience;
  title: string;
  opens_on: string;
  closes_on: string;
  anonymous: boolean;
  reminder_days: number[];
  closed_at: Date | null;
  created_at: Date;
  responses: number;
}

const DAY = 86_400_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);
/** The facility's today (Paris): campaigns open and close on local days. */
const localToday = (now = new Date()) => toLocal(now).slice(0, 10);
const addDays = (day: string, n: number) => isoDay(new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY));
const CAMPAIGN = `SELECT c.id, c.facility_id, c.template_slug, c.template_version, c.audience, c.title, c.opens_on::text AS opens_on,
       c.closes_on::text AS closes_on, c.anonymous, c.reminder_days, c.closed_at, c.created_at,
       (SELECT count(*)::int FROM survey_response r WHERE r.campaign_id = c.id) AS responses
  FROM survey_campaign c`;

/**
 * Perception surveys: campaigns of a shipped questionnaire for residents (FALC), relatives or staff; answered on a
 * tablet, on the web or on paper then typed in; once per person and campaign unless anonymous; each response keeps the
 * AI feature versions in use, so results over time can be read against what changed; open answers grouped by theme.
 */
export class SurveyService {
  constructor(private readonly db: Db) {}

  templates(): readonly SurveyTemplate[] {
    return SURVEY_TEMPLATES;
  }

  /** Facilities whose campaigns the actor sees: a staff member's own, a relative's people's. */
  private async facilitiesOf(ctx: Ctx, q: Queryable = this.db): Promise<string[]> {
    if (ctx.actor.facilityId) return [ctx.actor.facilityId];
    if (ctx.actor.role !== 'relative' || !ctx.actor.personIds.length) return [];
    const rows = await q.query<{ facility_id: string }>('SELECT DISTINCT facility_id FROM person WHERE id = ANY($1::uuid[])', [ctx.actor.personIds]);
    return rows.map((r) => r.facility_id);
  }

  private staffFacility(ctx: Ctx): string {
    if (!ctx.actor.facilityId) throw new AppError('forbidden', 'This needs a staff account of a facility');
    return ctx.actor.facilityId;
  }

  private template(row: Pick<CampaignRow, 'template_slug' | 'template_version'>): SurveyTemplate {
    const t = surveyTemplate(row.template_slug, row.template_version);
    if (!t) throw new AppError('internal', `Survey template ${row.template_slug} v${row.template_version} is not shipped any more`);
    return t;
  }

  private isOpen(c: Pick<CampaignRow, 'opens_on' | 'closes_on' | 'closed_at'>, today = localToday()): boolean {
    return !c.closed_at && c.opens_on <= today && today <= c.closes_on;
  }

  /** Whether the actor answers this audience's campaigns themself (staff, relatives) rather than typing others' answers in. */
  private answersOwn(ctx: Ctx, audience: SurveyAudience): boolean {
    return (audience === 'staff' && ctx.actor.role !== 'relative') || (audience === 'relatives' && ctx.actor.role === 'relative');
  }

  private async myKeyAnswered(q: Queryable, ctx: Ctx, campaignIds: string[]): Promise<Set<string>> {
    if (!campaignIds.length) return new Set();
    const rows = await q.query<{ campaign_id: string }>('SELECT campaign_id FROM survey_response WHERE campaign_id = ANY($1::uuid[]) AND respondent_key = $2', [
      campaignIds,
      `user:${ctx.actor.userId}`,
    ]);
    return new Set(rows.map((r) => r.campaign_id));
  }

  private view(c: CampaignRow, answered: Set<string>, ctx: Ctx, audienceSize?: number) {
    return {
      id: c.id,
      title: c.title,
      templateSlug: c.template_slug,
      templateVersion: c.template_version,
      audience: c.audience,
      opensOn: c.opens_on,
      closesOn: c.closes_on,
      anonymous: c.anonymous,
      reminderDays: c.reminder_days,
      closedAt: c.closed_at?.toISOString() ?? null,
      open: this.isOpen(c),
      responses: ctx.actor.role === 'relative' ? null : c.responses,
      audienceSize: audienceSize ?? null,
      /** Named campaigns the actor answers themself: whether they already did. */
      answeredByMe: !c.anonymous && this.answersOwn(ctx, c.audience) ? answered.has(c.id) : null,
      /** Whether the actor may answer (their own audience) or type answers in (residents, paper). */
      canRespond: this.isOpen(c) && (this.answersOwn(ctx, c.audience) || (ctx.actor.role !== 'relative' && ctx.actor.role !== 'user_representative')),
    };
  }

  async list(ctx: Ctx) {
    const facilities = await this.facilitiesOf(ctx);
    if (!facilities.length) return [];
    let rows = await this.db.query<CampaignRow>(`${CAMPAIGN} WHERE c.facility_id = ANY($1::uuid[]) ORDER BY c.opens_on DESC, c.created_at DESC`, [facilities]);
    if (ctx.actor.role === 'relative') rows = rows.filter((r) => r.audience === 'relatives' && this.isOpen(r));
    const answered = await this.myKeyAnswered(
      this.db,
      ctx,
      rows.map((r) => r.id),
    );
    const sizes = ctx.actor.facilityId ? await this.audienceSizes(ctx.actor.facilityId) : null;
    return rows.map((r) => this.view(r, answered, ctx, sizes?.[r.audience]));
  }

  /** How many people each audience has: residents in the facility, relatives with an account, active staff. */
  async audienceSizes(facilityId: string): Promise<Record<SurveyAudience, number>> {
    const [row] = await this.db.query<{ residents: number; relatives: number; staff: number }>(
      `SELECT (SELECT count(*)::int FROM person WHERE facility_id = $1 AND status IN ('active', 'temporarily_absent')) AS residents,
              (SELECT count(DISTINCT c.user_id)::int FROM contact c JOIN person p ON p.id = c.person_id
                 JOIN app_user u ON u.id = c.user_id AND u.active WHERE p.facility_id = $1) AS relatives,
              (SELECT count(*)::int FROM app_user WHERE facility_id = $1 AND active AND role NOT IN ('relative', 'user_representative')) AS staff`,
      [facilityId],
    );
    return row!;
  }

  private async campaignInScope(q: Queryable, ctx: Ctx, id: string): Promise<CampaignRow> {
    const facilities = await this.facilitiesOf(ctx, q);
    const [c] = await q.query<CampaignRow>(`${CAMPAIGN} WHERE c.id = $1 AND c.facility_id = ANY($2::uuid[])`, [id, facilities]);
    if (!c || (ctx.actor.role === 'relative' && c.audience !== 'relatives')) throw notFound('Survey campaign');
    return c;
  }

  async get(ctx: Ctx, id: string) {
    const c = await this.campaignInScope(this.db, ctx, id);
    const answered = await this.myKeyAnswered(this.db, ctx, [c.id]);
    return { ...this.view(c, answered, ctx), template: this.template(c) };
  }

  async create(ctx: Ctx, input: z.output<typeof surveyCampaignInputSchema>) {
    const facilityId = this.staffFacility(ctx);
    const template = surveyTemplate(input.templateSlug);
    if (!template) throw validationError([{ field: 'templateSlug', reason: 'unknown_template', message: 'No such questionnaire template' }]);
    const span = (Date.parse(input.closesOn) - Date.parse(input.opensOn)) / DAY;
    for (const [k, d] of input.reminderDays.entries())
      if (d > span)
        throw validationError([{ field: `reminderDays.${k}`, reason: 'after_closing', message: 'This reminder would come after the campaign closes' }]);
    const id = await this.db.transaction(async (tx) => {
      const [row] = await tx.query<{ id: string }>(
        `INSERT INTO survey_campaign (facility_id, template_slug, template_version, audience, title, opens_on, closes_on, anonymous, reminder_days, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
        [
          facilityId,
          template.slug,
          template.version,
          template.audience,
          input.title,
          input.opensOn,
          input.closesOn,
          input.anonymous,
          [...new Set(input.reminderDays)].sort((a, b) => a - b),
          ctx.actor.userId,
        ],
      );
      await appendAudit(tx, ctx, {
        action: 'survey.campaign.create',
        outcome: 'allowed',
        targetType: 'facility',
        targetId: facilityId,
        facilityId,
        details: { campaignId: row!.id, template: template.slug, anonymous: input.anonymous },
      });
      return row!.id;
    });
    return this.get(ctx, id);
  }

  async close(ctx: Ctx, id: string) {
    const facilityId = this.staffFacility(ctx);
    await this.db.transaction(async (tx) => {
      const c = await this.campaignInScope(tx, ctx, id);
      if (c.closed_at) throw new AppError('conflict', 'This campaign is already closed');
      await tx.query('UPDATE survey_campaign SET closed_at = now() WHERE id = $1', [id]);
      await appendAudit(tx, ctx, {
        action: 'survey.campaign.close',
        outcome: 'allowed',
        targetType: 'facility',
        targetId: facilityId,
        facilityId,
        details: { campaignId: id },
      });
    });
    return this.get(ctx, id);
  }

  /** Who is answering, checked against the campaign: the key that makes a named answer once per person, or null. */
  private async respondentKey(
    q: Queryable,
    ctx: Ctx,
    c: CampaignRow,
    input: z.output<typeof surveyResponseInputSchema>,
  ): Promise<{ key: string | null; personId: string | null }> {
    const r = input.respondent;
    const own = this.answersOwn(ctx, c.audience) && input.channel !== 'paper';
    if (ctx.actor.role === 'relative' && c.audience !== 'relatives') throw new AppError('forbidden', 'Relatives answer the relatives’ questionnaires');
    if (!own && (ctx.actor.role === 'relative' || ctx.actor.role === 'user_representative'))
      throw new AppError('forbidden', 'Your role does not allow typing in other people’s answers');
    if (c.audience === 'residents' && input.channel === 'web')
      throw validationError([{ field: 'channel', reason: 'residents_by_tablet_or_paper', message: 'Residents answer on a tablet or on paper' }]);
    if (c.anonymous) {
      if (r && (r.personId || r.userId))
        throw validationError([{ field: 'respondent', reason: 'anonymous_campaign', message: 'This campaign is anonymous: who answered is not recorded' }]);
      return { key: null, personId: null };
    }
    if (own) return { key: `user:${ctx.actor.userId}`, personId: null };
    if (c.audience === 'residents') {
      if (!r?.personId) throw validationError([{ field: 'respondent.personId', reason: 'required', message: 'This campaign is named: choose the resident' }]);
      const [p] = await q.query('SELECT id FROM person WHERE id = $1 AND facility_id = $2', [r.personId, c.facility_id]);
      if (!p) throw validationError([{ field: 'respondent.personId', reason: 'not_in_facility', message: 'This person is not one of your facility’s' }]);
      return { key: `person:${r.personId}`, personId: r.personId };
    }
    if (!r?.userId) throw validationError([{ field: 'respondent.userId', reason: 'required', message: 'This campaign is named: choose who answered' }]);
    const [u] =
      c.audience === 'staff'
        ? await q.query('SELECT id FROM app_user WHERE id = $1 AND facility_id = $2 AND role <> $3', [r.userId, c.facility_id, 'relative'])
        : await q.query(
            `SELECT u.id FROM app_user u JOIN contact ct ON ct.user_id = u.id JOIN person p ON p.id = ct.person_id
              WHERE u.id = $1 AND u.role = 'relative' AND p.facility_id = $2 LIMIT 1`,
            [r.userId, c.facility_id],
          );
    if (!u)
      throw validationError([
        {
          field: 'respondent.userId',
          reason: 'not_in_audience',
          message: `This account is not one of the facility’s ${c.audience === 'staff' ? 'staff' : 'relatives'}`,
        },
      ]);
    return { key: `user:${r.userId}`, personId: null };
  }

  async respond(ctx: Ctx, id: string, input: z.output<typeof surveyResponseInputSchema>) {
    const responseId = await this.db.transaction(async (tx) => {
      const c = await this.campaignInScope(tx, ctx, id);
      if (!this.isOpen(c))
        throw new AppError('conflict', c.closed_at || c.closes_on < localToday() ? 'This campaign is closed' : 'This campaign is not open yet', [
          { field: 'campaign', reason: 'not_open', message: `Open from ${c.opens_on} to ${c.closes_on}` },
        ]);
      const template = this.template(c);
      const issues = answerIssues(template, input.answers);
      if (issues.length) throw validationError(issues);
      const { key, personId } = await this.respondentKey(tx, ctx, c, input);
      if (key) {
        const [dup] = await tx.query('SELECT id FROM survey_response WHERE campaign_id = $1 AND respondent_key = $2', [id, key]);
        if (dup)
          throw new AppError('conflict', 'This person has already answered this campaign', [
            { field: 'respondent', reason: 'already_answered', message: 'Once per person and campaign' },
          ]);
      }
      const features = await tx.query<{ slug: string; engine_version: string }>(
        'SELECT slug, engine_version FROM ai_system WHERE facility_id = $1 AND enabled ORDER BY slug',
        [c.facility_id],
      );
      const [row] = await tx.query<{ id: string }>(
        `INSERT INTO survey_response (campaign_id, respondent_key, channel, entered_by, features) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [id, key, input.channel, ctx.actor.userId, JSON.stringify(Object.fromEntries(features.map((f) => [f.slug, f.engine_version])))],
      );
      for (const [questionId, value] of Object.entries(input.answers)) {
        if (value === '') continue;
        await tx.query('INSERT INTO survey_answer (response_id, question_id, point, text) VALUES ($1, $2, $3, $4)', [
          row!.id,
          questionId,
          typeof value === 'number' ? value : null,
          typeof value === 'string' ? value : null,
        ]);
        if (typeof value === 'string') await this.placeAnswer(tx, id, row!.id, questionId, value);
      }
      await appendAudit(tx, ctx, {
        action: 'survey.respond',
        outcome: 'allowed',
        targetType: personId ? 'person' : 'facility',
        targetId: personId ?? c.facility_id,
        facilityId: c.facility_id,
        details: { campaignId: id, channel: input.channel, named: key !== null },
      });
      return row!.id;
    });
    return { id: responseId };
  }

  /** Places an open answer under its theme (created for the campaign's question on first use). */
  private async placeAnswer(q: Queryable, campaignId: string, responseId: string, questionId: string, text: string): Promise<void> {
    const found = classify(text);
    if (!found) return;
    const themeId = await this.themeFor(q, campaignId, questionId, found.key, found.label);
    await q.query(
      `INSERT INTO survey_answer_theme (response_id, question_id, theme_id, matched) VALUES ($1, $2, $3, $4)
       ON CONFLICT (response_id, question_id) DO NOTHING`,
      [responseId, questionId, themeId, found.matched],
    );
  }

  private async themeFor(q: Queryable, campaignId: string, questionId: string, key: string, label: string): Promise<string> {
    const [t] = await q.query<{ id: string }>('SELECT id FROM survey_theme WHERE campaign_id = $1 AND question_id = $2 AND lexicon_key = $3', [
      campaignId,
      questionId,
      key,
    ]);
    if (t) return t.id;
    // a theme renamed by staff keeps its lexicon key; a label already taken by a staff theme gets the key's label suffixed
    const [created] = await q.query<{ id: string }>(
      `INSERT INTO survey_theme (campaign_id, question_id, label, lexicon_key) VALUES ($1, $2, $3, $4)
       ON CONFLICT (campaign_id, question_id, label) DO UPDATE SET lexicon_key = COALESCE(survey_theme.lexicon_key, EXCLUDED.lexicon_key) RETURNING id`,
      [campaignId, questionId, label, key],
    );
    return created!.id;
  }

  /** Results: response count and rate, each Likert item's distribution, favourable shares per dimension, themes. */
  async results(ctx: Ctx, id: string) {
    const facilityId = this.staffFacility(ctx);
    const c = await this.campaignInScope(this.db, ctx, id);
    const template = this.template(c);
    const answers = await this.db.query<{ response_id: string; question_id: string; point: number | null; text: string | null }>(
      'SELECT a.response_id, a.question_id, a.point, a.text FROM survey_answer a JOIN survey_response r ON r.id = a.response_id WHERE r.campaign_id = $1',
      [id],
    );
    const responses = await this.db.query<{ channel: string; features: Record<string, string> }>(
      'SELECT channel, features FROM survey_response WHERE campaign_id = $1',
      [id],
    );
    const themes = await this.db.query<{ id: string; question_id: string; label: string; lexicon_key: string | null }>(
      'SELECT id, question_id, label, lexicon_key FROM survey_theme WHERE campaign_id = $1 ORDER BY label',
      [id],
    );
    const placed = await this.db.query<{ response_id: string; question_id: string; theme_id: string; matched: string | null; assigned_by: string | null }>(
      `SELECT t.response_id, t.question_id, t.theme_id, t.matched, t.assigned_by FROM survey_answer_theme t JOIN survey_response r ON r.id = t.response_id
        WHERE r.campaign_id = $1`,
      [id],
    );
    await appendAudit(this.db, ctx, {
      action: 'survey.results',
      outcome: 'allowed',
      targetType: 'facility',
      targetId: facilityId,
      facilityId,
      details: { campaignId: id },
    });
    const sizes = await this.audienceSizes(c.facility_id);
    const place = new Map(placed.map((p) => [`${p.response_id}/${p.question_id}`, p]));
    const questions = template.questions.map((q) => {
      const mine = answers.filter((a) => a.question_id === q.id);
      if (q.kind === 'likert') {
        const points = mine.map((a) => a.point!).filter((p) => p !== null);
        const distribution = Array.from({ length: template.scale }, (_, k) => points.filter((p) => p === k + 1).length);
        return {
          id: q.id,
          kind: q.kind,
          text: q.text,
          dimension: q.dimension ?? null,
          n: points.length,
          distribution,
          mean: points.length ? Math.round((points.reduce((s, p) => s + p, 0) / points.length) * 100) / 100 : null,
          favourable: points.length ? Math.round((points.filter((p) => isFavourable(p, template.scale)).length / points.length) * 1000) / 1000 : null,
        };
      }
      const texts = mine.filter((a) => a.text !== null);
      const groups = themes
        .filter((t) => t.question_id === q.id)
        .map((t) => ({
          id: t.id,
          label: t.label,
          proposed: t.lexicon_key !== null,
          answers: texts
            .filter((a) => place.get(`${a.response_id}/${q.id}`)?.theme_id === t.id)
            .map((a) => {
              const p = place.get(`${a.response_id}/${q.id}`)!;
              return { responseId: a.response_id, text: a.text!, matched: p.matched, movedByStaff: p.assigned_by !== null };
            }),
        }))
        .sort((a, b) => b.answers.length - a.answers.length || a.label.localeCompare(b.label, 'fr'));
      return { id: q.id, kind: q.kind, text: q.text, dimension: null, n: texts.length, themes: groups };
    });
    return {
      campaign: this.view(c, new Set(), ctx, sizes[c.audience]),
      template,
      responses: responses.length,
      responseRate: sizes[c.audience] && !c.anonymous ? Math.round((responses.length / sizes[c.audience]) * 1000) / 1000 : null,
      byChannel: countBy(responses.map((r) => r.channel)),
      dimensions: dimensionScores(template, answers),
      features: featureVersions(responses.map((r) => r.features)),
      questions,
    };
  }

  /** Results over time for one audience: each campaign's favourable shares per dimension, with the AI feature versions in use. */
  async trends(ctx: Ctx, audience: SurveyAudience) {
    const facilityId = this.staffFacility(ctx);
    return this.trendsFor(facilityId, audience);
  }

  async trendsFor(facilityId: string, audience: SurveyAudience | null, period?: { from: string; to: string }) {
    const campaigns = await this.db.query<CampaignRow>(
      `${CAMPAIGN} WHERE c.facility_id = $1 AND ($2::text IS NULL OR c.audience = $2) AND ($3::date IS NULL OR (c.closes_on >= $3 AND c.opens_on <= $4))
        ORDER BY c.opens_on, c.created_at`,
      [facilityId, audience, period?.from ?? null, period?.to ?? null],
    );
    if (!campaigns.length) return [];
    const ids = campaigns.map((c) => c.id);
    const answers = await this.db.query<{ campaign_id: string; question_id: string; point: number | null; text: string | null }>(
      `SELECT r.campaign_id, a.question_id, a.point, NULL::text AS text FROM survey_answer a JOIN survey_response r ON r.id = a.response_id
        WHERE r.campaign_id = ANY($1::uuid[]) AND a.point IS NOT NULL`,
      [ids],
    );
    const features = await this.db.query<{ campaign_id: string; features: Record<string, string> }>(
      'SELECT campaign_id, features FROM survey_response WHERE campaign_id = ANY($1::uuid[])',
      [ids],
    );
    const themes = await this.db.query<{ campaign_id: string; label: string; n: number }>(
      `SELECT th.campaign_id, th.label, count(*)::int AS n FROM survey_answer_theme t JOIN survey_theme th ON th.id = t.theme_id
        WHERE th.campaign_id = ANY($1::uuid[]) GROUP BY th.campaign_id, th.label ORDER BY n DESC, th.label`,
      [ids],
    );
    return campaigns.map((c) => {
      const template = this.template(c);
      return {
        id: c.id,
        title: c.title,
        audience: c.audience,
        opensOn: c.opens_on,
        closesOn: c.closes_on,
        anonymous: c.anonymous,
        responses: c.responses,
        dimensions: dimensionScores(
          template,
          answers.filter((a) => a.campaign_id === c.id),
        ),
        features: featureVersions(features.filter((f) => f.campaign_id === c.id).map((f) => f.features)),
        topThemes: themes
          .filter((t) => t.campaign_id === c.id)
          .slice(0, 5)
          .map((t) => ({ label: t.label, answers: t.n })),
      };
    });
  }

  // ---- themes: shown and editable ----

  private async themeInCampaign(q: Queryable, ctx: Ctx, themeId: string) {
    const facilityId = this.staffFacility(ctx);
    const [t] = await q.query<{ id: string; campaign_id: string; question_id: string }>(
      'SELECT t.id, t.campaign_id, t.question_id FROM survey_theme t JOIN survey_campaign c ON c.id = t.campaign_id WHERE t.id = $1 AND c.facility_id = $2',
      [themeId, facilityId],
    );
    if (!t) throw notFound('Theme');
    return { ...t, facilityId };
  }

  async addTheme(ctx: Ctx, campaignId: string, questionId: string, label: string) {
    const c = await this.campaignInScope(this.db, ctx, campaignId);
    const q = this.template(c).questions.find((x) => x.id === questionId);
    if (!q || q.kind !== 'open')
      throw validationError([{ field: 'questionId', reason: 'not_an_open_question', message: 'Themes group an open question’s answers' }]);
    return this.db.transaction(async (tx) => {
      const [dup] = await tx.query('SELECT id FROM survey_theme WHERE campaign_id = $1 AND question_id = $2 AND label = $3', [campaignId, questionId, label]);
      if (dup) throw validationError([{ field: 'label', reason: 'duplicate', message: 'A theme with this name already exists for this question' }]);
      const [row] = await tx.query<{ id: string }>(
        'INSERT INTO survey_theme (campaign_id, question_id, label, created_by) VALUES ($1, $2, $3, $4) RETURNING id',
        [campaignId, questionId, label, ctx.actor.userId],
      );
      await appendAudit(tx, ctx, {
        action: 'survey.theme.add',
        outcome: 'allowed',
        targetType: 'facility',
        targetId: c.facility_id,
        facilityId: c.facility_id,
        details: { campaignId, questionId, label },
      });
      return { id: row!.id, label };
    });
  }

  async renameTheme(ctx: Ctx, themeId: string, label: string) {
    return this.db.transaction(async (tx) => {
      const t = await this.themeInCampaign(tx, ctx, themeId);
      const [dup] = await tx.query('SELECT id FROM survey_theme WHERE campaign_id = $1 AND question_id = $2 AND label = $3 AND id <> $4', [
        t.campaign_id,
        t.question_id,
        label,
        themeId,
      ]);
      if (dup) throw validationError([{ field: 'label', reason: 'duplicate', message: 'A theme with this name already exists for this question' }]);
      await tx.query('UPDATE survey_theme SET label = $2 WHERE id = $1', [themeId, label]);
      await appendAudit(tx, ctx, {
        action: 'survey.theme.rename',
        outcome: 'allowed',
        targetType: 'facility',
        targetId: t.facilityId,
        facilityId: t.facilityId,
        details: { themeId, label },
      });
      return { id: themeId, label };
    });
  }

  /** Moves one open answer to another theme of the same question; the move is kept (a later regrouping leaves it). */
  async moveAnswer(ctx: Ctx, responseId: string, questionId: string, themeId: string) {
    return this.db.transaction(async (tx) => {
      const t = await this.themeInCampaign(tx, ctx, themeId);
      const [a] = await tx.query(
        `SELECT a.response_id FROM survey_answer a JOIN survey_response r ON r.id = a.response_id
          WHERE a.response_id = $1 AND a.question_id = $2 AND r.campaign_id = $3 AND a.text IS NOT NULL`,
        [responseId, questionId, t.campaign_id],
      );
      if (!a) throw notFound('Answer');
      if (t.question_id !== questionId)
        throw validationError([{ field: 'themeId', reason: 'other_question', message: 'This theme groups another question’s answers' }]);
      await tx.query(
        `INSERT INTO survey_answer_theme (response_id, question_id, theme_id, matched, assigned_by) VALUES ($1, $2, $3, NULL, $4)
         ON CONFLICT (response_id, question_id) DO UPDATE SET theme_id = EXCLUDED.theme_id, matched = NULL, assigned_by = EXCLUDED.assigned_by`,
        [responseId, questionId, themeId, ctx.actor.userId],
      );
      await appendAudit(tx, ctx, {
        action: 'survey.theme.move',
        outcome: 'allowed',
        targetType: 'facility',
        targetId: t.facilityId,
        facilityId: t.facilityId,
        details: { responseId, questionId, themeId },
      });
      return { responseId, questionId, themeId };
    });
  }

  /** The answers as CSV, one row per response: channel, date, the AI feature versions, then one column per question. No names. */
  async csv(ctx: Ctx, id: string): Promise<string> {
    const facilityId = this.staffFacility(ctx);
    const c = await this.campaignInScope(this.db, ctx, id);
    const template = this.template(c);
    const responses = await this.db.query<{ id: string; channel: string; submitted_at: Date; features: Record<string, string> }>(
      'SELECT id, channel, submitted_at, features FROM survey_response WHERE campaign_id = $1 ORDER BY submitted_at, id',
      [id],
    );
    const answers = await this.db.query<{ response_id: string; question_id: string; point: number | null; text: string | null; theme: string | null }>(
      `SELECT a.response_id, a.question_id, a.point, a.text, th.label AS theme FROM survey_answer a JOIN survey_response r ON r.id = a.response_id
         LEFT JOIN survey_answer_theme t ON t.response_id = a.response_id AND t.question_id = a.question_id LEFT JOIN survey_theme th ON th.id = t.theme_id
        WHERE r.campaign_id = $1`,
      [id],
    );
    await appendAudit(this.db, ctx, {
      action: 'survey.export',
      outcome: 'allowed',
      targetType: 'facility',
      targetId: facilityId,
      facilityId,
      details: { campaignId: id, rows: responses.length },
    });
    const by = new Map(answers.map((a) => [`${a.response_id}/${a.question_id}`, a]));
    const header = ['response', 'submitted_at', 'channel', 'ai_features'];
    for (const q of template.questions) header.push(q.id, ...(q.kind === 'open' ? [`${q.id}_theme`] : []));
    const lines = [header.map(csvCell).join(',')];
    for (const [k, r] of responses.entries()) {
      const row: (string | number)[] = [
        k + 1,
        r.submitted_at.toISOString(),
        r.channel,
        Object.entries(r.features)
          .map(([s, v]) => `${s}@${v}`)
          .join(' '),
      ];
      for (const q of template.questions) {
        const a = by.get(`${r.id}/${q.id}`);
        row.push(q.kind === 'likert' ? (a?.point ?? '') : (a?.text ?? ''));
        if (q.kind === 'open') row.push(a?.theme ?? '');
      }
      lines.push(row.map(csvCell).join(','));
    }
    return `${lines.join('\r\n')}\r\n`;
  }

  /**
   * Reminders due today (the campaign's reminder days after its opening): one message per person still expected —
   * staff or relatives who have not answered a named campaign, everyone for an anonymous one; for residents, the staff
   * who collect their answers. Written to the reminders outbox, once per campaign and day.
   */
  async remindDue(now = new Date()): Promise<number> {
    const today = localToday(now);
    const campaigns = await this.db.query<CampaignRow>(`${CAMPAIGN} WHERE c.closed_at IS NULL AND c.opens_on <= $1 AND c.closes_on >= $1`, [today]);
    let written = 0;
    for (const c of campaigns) {
      const due = c.reminder_days.map((d) => addDays(c.opens_on, d)).filter((d) => d <= today);
      if (!due.length) continue;
      written += await this.db.transaction(async (tx) => {
        const last = due[due.length - 1]!;
        const [done] = await tx.query('SELECT 1 FROM survey_reminder_run WHERE campaign_id = $1 AND due_on = $2', [c.id, last]);
        if (done) return 0;
        const recipients = await this.reminderRecipients(tx, c);
        const subject = `Questionnaire « ${c.title} »`;
        const body =
          c.audience === 'residents'
            ? `Le questionnaire « ${c.title} » destiné aux résidents est ouvert jusqu’au ${frDay(c.closes_on)}. Pensez à proposer la tablette ou la version papier aux résidents qui n’ont pas encore répondu (menu Questionnaires de Présence).`
            : `Votre avis compte : le questionnaire « ${c.title} » est ouvert jusqu’au ${frDay(c.closes_on)}. Il prend environ 5 minutes (menu Questionnaires de Présence).${c.anonymous ? ' Les réponses sont anonymes. Si vous avez déjà répondu, merci, ne tenez pas compte de ce message.' : ''}`;
        for (const r of recipients)
          await tx.query(
            `INSERT INTO reminder (facility_id, campaign_id, channel, recipient, address, send_at, subject, body) VALUES ($1, $2, 'email', $3, $4, $5, $6, $7)`,
            [c.facility_id, c.id, r.name, r.email, now, subject, body],
          );
        await tx.query('INSERT INTO survey_reminder_run (campaign_id, due_on, recipients) VALUES ($1, $2, $3)', [c.id, last, recipients.length]);
        return recipients.length;
      });
    }
    return written;
  }

  private async reminderRecipients(q: Queryable, c: CampaignRow): Promise<{ name: string; email: string }[]> {
    // $2: the campaign, for named ones (those who answered are not reminded); null for anonymous ones
    const notAnswered = `AND ($2::uuid IS NULL OR NOT EXISTS (SELECT 1 FROM survey_response r WHERE r.campaign_id = $2 AND r.respondent_key = 'user:' || u.id::text))`;
    const params = [c.facility_id, c.anonymous ? null : c.id];
    if (c.audience === 'staff')
      return q.query(
        `SELECT u.first_name || ' ' || u.last_name AS name, u.email FROM app_user u
          WHERE u.facility_id = $1 AND u.active AND u.role NOT IN ('relative', 'user_representative') ${notAnswered} ORDER BY u.email`,
        params,
      );
    if (c.audience === 'relatives')
      return q.query(
        `SELECT DISTINCT u.first_name || ' ' || u.last_name AS name, u.email FROM app_user u JOIN contact ct ON ct.user_id = u.id
           JOIN person p ON p.id = ct.person_id WHERE p.facility_id = $1 AND u.active AND u.role = 'relative' ${notAnswered} ORDER BY u.email`,
        params,
      );
    return q.query(
      `SELECT u.first_name || ' ' || u.last_name AS name, u.email FROM app_user u
        WHERE u.facility_id = $1 AND u.active AND u.role IN ('head_of_care', 'coordination_nurse') ORDER BY u.email`,
      [c.facility_id],
    );
  }
}

const frDay = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

function countBy(xs: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of xs) out[x] = (out[x] ?? 0) + 1;
  return out;
}

/** Favourable share and number of answers per dimension (Likert items only). */
export function dimensionScores(template: SurveyTemplate, answers: { question_id: string; point: number | null }[]) {
  return SURVEY_DIMENSIONS.map((dimension) => {
    const ids = new Set(template.questions.filter((q) => q.dimension === dimension).map((q) => q.id));
    const points = answers.filter((a) => ids.has(a.question_id) && a.point !== null).map((a) => a.point!);
    return {
      dimension,
      n: points.length,
      favourable: points.length ? Math.round((points.filter((p) => isFavourable(p, template.scale)).length / points.length) * 1000) / 1000 : null,
    };
  });
}

/** Which AI feature versions were in use when the answers were given: "slug@version" → number of responses. */
function featureVersions(list: Record<string, string>[]): { feature: string; version: string; responses: number }[] {
  const counts = new Map<string, number>();
  for (const f of list) for (const [slug, v] of Object.entries(f)) counts.set(`${slug}@${v}`, (counts.get(`${slug}@${v}`) ?? 0) + 1);
  return [...counts.entries()]
    .map(([k, responses]) => {
      const at = k.lastIndexOf('@');
      return { feature: k.slice(0, at), version: k.slice(at + 1), responses };
    })
    .sort((a, b) => a.feature.localeCompare(b.feature) || a.version.localeCompare(b.version));
}

export function csvCell(v: string | number | null): string {
  const s = v === null ? '' : String(v);
  // a leading =, +, - or @ would be read as a formula by spreadsheets
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\r\n;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
