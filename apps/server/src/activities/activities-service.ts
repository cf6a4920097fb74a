import type { AiLabel, PersonDetail } from '@presence/shared';
import type { Db } from '../db/db.js';
import type { Actor } from '../http/actor.js';
import type { GuaranteeService } from '../guarantee/guarantee-service.js';
import type { PeopleService } from '../people/people-service.js';
import { appendAudit } from '../audit/audit-service.js';
import { notFound } from '../http/errors.js';
import { CATALOGUE, ACTIVITY_CATEGORY_LABELS } from './catalogue.js';
import { recommend, type PersonForRecommendation } from './recommender.js';
import * as repo from './activities-repository.js';
import { RECOMMENDER_SLUG, SUGGESTIONS_KIND, type SuggestionsContent } from './activity-recommender-feature.js';

interface Ctx {
  actor: Actor;
  requestId: string;
}

/** Latest level per capacity domain (capacities come newest first). */
function latestCapacities(p: PersonDetail): PersonForRecommendation['capacities'] {
  const out: PersonForRecommendation['capacities'] = {};
  for (const c of p.capacities) if (out[c.domain] === undefined) out[c.domain] = c.level;
  return out;
}

export class ActivitiesService {
  constructor(
    private readonly db: Db,
    private readonly people: PeopleService,
    private readonly guarantee: GuaranteeService,
  ) {}

  async ensureCatalogue(): Promise<void> {
    await repo.ensureCatalogue(this.db, CATALOGUE);
  }

  async catalogue(ctx: Ctx, includeRetired = false) {
    const facilityId = ctx.actor.facilityId ?? '';
    return includeRetired ? repo.listAllActivities(this.db, facilityId) : repo.listActivities(this.db, facilityId);
  }

  /** Activity leaders edit their facility's catalogue; the shipped catalogue is only the starting point. */
  async updateActivity(ctx: Ctx, id: string, input: repo.ActivityWrite) {
    const facilityId = ctx.actor.facilityId ?? '';
    await this.db.transaction(async (tx) => {
      if (!(await repo.updateActivity(tx, facilityId, id, input))) throw notFound('activity');
      await appendAudit(tx, ctx, {
        action: 'activity.update',
        outcome: 'allowed',
        targetType: 'activity',
        targetId: id,
        facilityId,
        details: { active: input.active },
      });
    });
    return (await repo.listAllActivities(this.db, facilityId)).find((a) => a.id === id)!;
  }

  async createActivity(ctx: Ctx, input: repo.ActivityWrite) {
    const facilityId = ctx.actor.facilityId ?? '';
    const base =
      input.name
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '')
        .slice(0, 60) || 'activite';
    let key = base;
    for (let n = 2; await repo.keyTaken(this.db, facilityId, key); n++) key = `${base}-${n}`;
    const id = await this.db.transaction(async (tx) => {
      const created = await repo.createActivity(tx, facilityId, key, input);
      await appendAudit(tx, ctx, { action: 'activity.create', outcome: 'allowed', targetType: 'activity', targetId: created, facilityId });
      return created;
    });
    return (await repo.listAllActivities(this.db, facilityId)).find((a) => a.id === id)!;
  }

  /** Runs the recommender for a person and records its output as a proposal; nothing changes until someone decides. */
  async recommendFor(ctx: Ctx, personId: string): Promise<{ proposalId: string; status: string }> {
    const person = await this.people.get(ctx, personId);
    await this.guarantee.assertEnabled(person.facilityId, RECOMMENDER_SLUG);
    return this.propose(person);
  }

  /** The proposal itself, for a person already read within scope (also used by the demo data). */
  async propose(person: PersonDetail): Promise<{ proposalId: string; status: string }> {
    const catalogue = await repo.listActivities(this.db, person.facilityId);
    const input: PersonForRecommendation = {
      id: person.id,
      interests: person.profile.interests,
      dislikes: person.profile.dislikes,
      lifeStory: person.profile.lifeStory,
      capacities: latestCapacities(person),
      contraindications: await repo.contraindicationsOf(this.db, person.id),
      openGoals: (person.carePlan?.goals ?? []).filter((g) => g.status === 'open').map((g) => ({ id: g.id, title: g.title, domain: g.domain })),
      history: await repo.attendanceHistory(this.db, person.id),
    };
    const { recommendations, excluded } = recommend(input, catalogue);
    const byKey = new Map(catalogue.map((a) => [a.key, a]));
    const content: SuggestionsContent = {
      items: recommendations.map((r) => ({
        activityKey: r.activityKey,
        rank: r.rank,
        score: Math.round(r.score * 1000) / 1000,
        reasons: r.reasons.filter((x) => x.weight > 0).map((x) => x.label),
      })),
    };
    const top = recommendations.slice(0, 3).map((r) => byKey.get(r.activityKey)?.name ?? r.activityKey);
    const { id, status } = await this.guarantee.propose({
      facilityId: person.facilityId,
      systemSlug: RECOMMENDER_SLUG,
      kind: SUGGESTIONS_KIND,
      personId: person.id,
      title: `${recommendations.length} activités suggérées pour ${person.firstName} ${person.lastName}`,
      content,
      explanation: {
        summary: recommendations.length
          ? `Activités classées d’après les centres d’intérêt, l’histoire de vie, les objectifs du projet personnalisé et les capacités. En tête : ${top.join(', ')}. ${excluded.length} activités écartées (capacités ou contre-indications).`
          : 'Aucune activité du catalogue ne convient aux capacités et contre-indications enregistrées.',
        factors: recommendations.map((r) => ({
          label: `${r.rank}. ${byKey.get(r.activityKey)?.name ?? r.activityKey} (${ACTIVITY_CATEGORY_LABELS[byKey.get(r.activityKey)?.category ?? 'games']})`,
          weight: Math.round(r.score * 100) / 100,
          detail: r.reasons.map((x) => x.label).join(' · '),
        })),
        dataPoints: [
          { label: 'Centres d’intérêt', value: input.interests.join(', ') || 'non renseignés', recordType: 'person', recordId: person.id },
          {
            label: 'Capacités (0 = aucune difficulté, 3 = sévère)',
            value:
              Object.entries(input.capacities)
                .map(([d, l]) => `${d} ${l}`)
                .join(', ') || 'non évaluées',
            recordType: 'person',
            recordId: person.id,
          },
          { label: 'Objectifs ouverts', value: input.openGoals.map((g) => g.title).join(' ; ') || 'aucun' },
          ...excluded.slice(0, 10).map((e) => ({ label: `Écartée : ${byKey.get(e.activityKey)?.name ?? e.activityKey}`, value: e.reason })),
        ],
        rule: 'Jamais d’activité qui dépasse les capacités ou touche une contre-indication ; au plus 2 activités par catégorie.',
      },
      // Minimised inputs: no name, no identity; the life story only through the hints it produced.
      inputs: {
        interests: input.interests,
        dislikes: input.dislikes,
        capacities: input.capacities,
        contraindications: input.contraindications,
        goals: input.openGoals.map((g) => ({ id: g.id, domain: g.domain })),
        historyCount: input.history.length,
        catalogueSize: catalogue.length,
      },
      expiresAt: new Date(Date.now() + 30 * 86_400_000),
    });
    return { proposalId: id, status };
  }

  async suggestionsOf(ctx: Ctx, personId: string): Promise<{ setId: string; createdAt: string; items: unknown[]; aiLabel: AiLabel | null } | null> {
    const person = await this.people.get(ctx, personId);
    const current = await repo.currentSuggestions(this.db, personId);
    await appendAudit(this.db, ctx, {
      action: 'person.activities.read',
      outcome: 'allowed',
      targetType: 'person',
      targetId: personId,
      facilityId: person.facilityId,
    });
    if (!current) return null;
    const labels = await this.guarantee.labelsFor(this.db, 'activity_suggestion_set', [current.setId]);
    return { ...current, aiLabel: labels.get(current.setId) ?? null };
  }
}
