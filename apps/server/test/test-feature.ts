import { z } from 'zod';
import { GOAL_DOMAINS } from '@presence/shared';
import type { GuaranteeService } from '../src/guarantee/guarantee-service.js';
import { AppError } from '../src/http/errors.js';

/** A feature that exists only in tests: it suggests a goal for a person's personalised plan. */
export const TEST_SYSTEM = 'test-goal-suggester';
export const TEST_KIND = 'test.goal';

export const goalContent = z.object({ title: z.string().trim().min(3).max(200), domain: z.enum(GOAL_DOMAINS) }).strict();

export function registerTestFeature(g: GuaranteeService): void {
  g.defineSystem({
    slug: TEST_SYSTEM,
    name: 'Suggestion d’objectifs (test)',
    purpose: 'Suggérer un objectif pour le projet personnalisé.',
    intendedUsers: ['coordination_nurse'],
    dataRead: ['projet personnalisé'],
    dataNeverRead: ['données de santé'],
    riskClass: 'minimal',
    riskJustification: 'Test only.',
    deciderRoles: ['coordination_nurse', 'physician'],
    engineVersion: 'test-1',
    limits: 'Aucune en test.',
    benefits: 'Aucun en test.',
    falcSummary: 'Un outil de test.',
  });
  g.registerKind<z.infer<typeof goalContent>>({
    kind: TEST_KIND,
    systemSlug: TEST_SYSTEM,
    contentSchema: goalContent,
    async apply(tx, proposal, content) {
      const [plan] = await tx.query<{ id: string }>(`SELECT id FROM care_plan WHERE person_id = $1 AND status = 'active'`, [proposal.personId]);
      if (!plan) throw new AppError('conflict', 'The person has no active plan to add a goal to');
      const [goal] = await tx.query<{ id: string }>(
        `INSERT INTO goal (care_plan_id, position, title, domain) VALUES ($1, (SELECT coalesce(max(position), -1) + 1 FROM goal WHERE care_plan_id = $1), $2, $3) RETURNING id`,
        [plan.id, content.title, content.domain],
      );
      return { type: 'goal', id: goal!.id };
    },
  });
}
