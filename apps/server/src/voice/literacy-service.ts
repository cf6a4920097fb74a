import type { Db } from '../db/db.js';
import type { Actor } from '../http/actor.js';
import { appendAudit } from '../audit/audit-service.js';
import { AppError, notFound, validationError } from '../http/errors.js';
import { COMMON_SECTIONS, LITERACY_VERSION, questionsFor } from './literacy-modules.js';

interface Ctx {
  actor: Actor;
  requestId: string;
}

/**
 * AI literacy: a module per AI feature with a few questions; completion recorded per staff member and module version;
 * when the facility requires it (the default), only staff who passed a feature's module may decide on its proposals.
 */
export class LiteracyService {
  constructor(private readonly db: Db) {}

  private facility(ctx: Ctx): string {
    if (!ctx.actor.facilityId) throw new AppError('forbidden', 'This needs a staff account of a facility');
    return ctx.actor.facilityId;
  }

  private async systems(facilityId: string) {
    return this.db.query<{ id: string; slug: string; name: string; purpose: string; limits: string }>(
      'SELECT id, slug, name, purpose, limits FROM ai_system WHERE facility_id = $1 ORDER BY name',
      [facilityId],
    );
  }

  private async completed(userId: string): Promise<Map<string, Date>> {
    const rows = await this.db.query<{ system_slug: string; completed_at: Date }>(
      'SELECT system_slug, completed_at FROM literacy_completion WHERE user_id = $1 AND module_version = $2',
      [userId, LITERACY_VERSION],
    );
    return new Map(rows.map((r) => [r.system_slug, r.completed_at]));
  }

  async required(facilityId: string): Promise<boolean> {
    const [f] = await this.db.query<{ ai_literacy_required: boolean }>('SELECT ai_literacy_required FROM facility WHERE id = $1', [facilityId]);
    return f?.ai_literacy_required ?? true;
  }

  /** My modules: one per feature of the register, with whether I passed the current version. */
  async list(ctx: Ctx) {
    const facilityId = this.facility(ctx);
    const done = await this.completed(ctx.actor.userId);
    return {
      required: await this.required(facilityId),
      version: LITERACY_VERSION,
      modules: (await this.systems(facilityId))
        .filter((s) => questionsFor(s.slug))
        .map((s) => ({ slug: s.slug, name: s.name, completedAt: done.get(s.slug)?.toISOString() ?? null })),
    };
  }

  async module(ctx: Ctx, slug: string) {
    const facilityId = this.facility(ctx);
    const system = (await this.systems(facilityId)).find((s) => s.slug === slug);
    const questions = questionsFor(slug);
    if (!system || !questions) throw notFound('Module');
    const done = await this.completed(ctx.actor.userId);
    return {
      slug,
      name: system.name,
      version: LITERACY_VERSION,
      sections: { whatItDoes: [system.purpose], limits: [system.limits], ...COMMON_SECTIONS },
      questions: questions.map((q) => ({ id: q.id, text: q.text, choices: q.choices })),
      completedAt: done.get(slug)?.toISOString() ?? null,
    };
  }

  /** Checks the answers; every one right records the completion. Nothing is recorded otherwise. */
  async submit(ctx: Ctx, slug: string, answers: number[]) {
    const facilityId = this.facility(ctx);
    const system = (await this.systems(facilityId)).find((s) => s.slug === slug);
    const questions = questionsFor(slug);
    if (!system || !questions) throw notFound('Module');
    if (answers.length !== questions.length)
      throw validationError([{ field: 'answers', reason: 'wrong_count', message: `Answer each of the ${questions.length} questions` }]);
    const bad = answers.findIndex((a, k) => a >= questions[k]!.choices.length);
    if (bad >= 0) throw validationError([{ field: `answers.${bad}`, reason: 'out_of_range', message: 'No such choice' }]);
    const results = questions.map((q, k) => ({ id: q.id, correct: answers[k] === q.answer, answer: q.answer, why: q.why }));
    const score = results.filter((r) => r.correct).length;
    const passed = score === questions.length;
    await this.db.transaction(async (tx) => {
      if (passed)
        await tx.query(
          `INSERT INTO literacy_completion (user_id, system_slug, module_version, score, questions) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (user_id, system_slug, module_version) DO NOTHING`,
          [ctx.actor.userId, slug, LITERACY_VERSION, score, questions.length],
        );
      await appendAudit(tx, ctx, {
        action: 'literacy.answer',
        outcome: 'allowed',
        targetType: 'facility',
        targetId: facilityId,
        facilityId,
        details: { slug, version: LITERACY_VERSION, score, passed },
      });
    });
    return { passed, score, questions: questions.length, results };
  }

  /** Who completed what (for the director and the head of care), and the facility's setting. */
  async completions(ctx: Ctx) {
    const facilityId = this.facility(ctx);
    const modules = (await this.systems(facilityId)).filter((s) => questionsFor(s.slug)).map((s) => ({ slug: s.slug, name: s.name }));
    const staff = await this.db.query<{ id: string; name: string; role: string; done: string[] | null }>(
      `SELECT u.id, u.first_name || ' ' || u.last_name AS name, u.role,
              (SELECT array_agg(c.system_slug) FROM literacy_completion c WHERE c.user_id = u.id AND c.module_version = $2) AS done
         FROM app_user u WHERE u.facility_id = $1 AND u.role <> 'relative' AND u.role <> 'user_representative' AND u.active ORDER BY u.last_name, u.first_name`,
      [facilityId, LITERACY_VERSION],
    );
    return {
      required: await this.required(facilityId),
      version: LITERACY_VERSION,
      modules,
      staff: staff.map((s) => ({ id: s.id, name: s.name, role: s.role, completed: s.done ?? [] })),
    };
  }

  async setRequired(ctx: Ctx, required: boolean) {
    const facilityId = this.facility(ctx);
    await this.db.transaction(async (tx) => {
      await tx.query('UPDATE facility SET ai_literacy_required = $2 WHERE id = $1', [facilityId, required]);
      await appendAudit(tx, ctx, {
        action: 'literacy.setting',
        outcome: 'allowed',
        targetType: 'facility',
        targetId: facilityId,
        facilityId,
        details: { required },
      });
    });
    return this.completions(ctx);
  }

  /** For the guarantee slice: refuses a decision by someone who has not passed the feature's module, when required. */
  async assertMayDecide(ctx: Ctx, systemId: string): Promise<void> {
    const [s] = await this.db.query<{ slug: string; name: string; facility_id: string }>('SELECT slug, name, facility_id FROM ai_system WHERE id = $1', [
      systemId,
    ]);
    if (!s || !questionsFor(s.slug) || !(await this.required(s.facility_id))) return;
    if ((await this.completed(ctx.actor.userId)).has(s.slug)) return;
    throw new AppError('forbidden', `Complete the AI-literacy module « ${s.name} » before deciding on its proposals`);
  }
}

/** Records every module as passed for these users (demo accounts, test fixtures). */
export async function completeAllModules(db: Db, userIds: string[], slugs: string[]): Promise<void> {
  for (const userId of userIds)
    for (const slug of slugs) {
      const q = questionsFor(slug);
      if (!q) continue;
      await db.query(
        `INSERT INTO literacy_completion (user_id, system_slug, module_version, score, questions) VALUES ($1, $2, $3, $4, $4)
         ON CONFLICT (user_id, system_slug, module_version) DO NOTHING`,
        [userId, slug, LITERACY_VERSION, q.length],
      );
    }
}
