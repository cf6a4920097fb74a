import type { App } from '../app.js';
import { demoActor } from './demo-actor.js';

/**
 * On first start, the demo shows every AI feature at work: the activity leader ran the recommender
 * for some residents; a few proposals are decided (accepted, amended, rejected), the rest wait.
 */
export async function seedDemoProposals(app: App): Promise<{ proposals: number }> {
  const { db, services } = app;
  const leader = await demoActor(db, 'animatrice@demo.presence.fr');
  const idec = await demoActor(db, 'idec@demo.presence.fr');
  const people = await db.query<{ id: string; last_name: string }>(
    `SELECT p.id, p.last_name FROM person p WHERE p.facility_id = $1 AND p.status = 'active' ORDER BY (p.last_name = 'Vial') DESC, p.last_name, p.first_name LIMIT 14`,
    [leader.actor.facilityId],
  );
  // The director names the activity leader owner of the feature when it is put into service.
  const director = await demoActor(db, 'directrice@demo.presence.fr');
  const recommender = (await services.guarantee.listSystems(director)).find((s) => s.slug === 'activity-recommender');
  if (recommender)
    await services.guarantee.updateSystem(director, recommender.id, {
      ownerUserId: leader.actor.userId,
      reason: 'Mise en service : l’animatrice est responsable de la fonction.',
    });
  let n = 0;
  for (const [i, p] of people.entries()) {
    const { proposalId } = await services.activities.recommendFor(leader, p.id);
    n++;
    if (i === 1 || i === 4 || i === 5 || i === 8) await services.guarantee.decide(leader, proposalId, { decision: 'accept' });
    if (i === 2 || i === 6) {
      const proposal = await services.guarantee.getProposal(leader, proposalId);
      const items = (proposal.content as { items: unknown[] }).items.slice(0, -2);
      await services.guarantee.decide(leader, proposalId, {
        decision: 'amend',
        reason: 'Deux activités retirées après échange avec la personne, qui préfère des séances courtes.',
        content: { items },
      });
    }
    if (i === 7)
      await services.guarantee.decide(idec, proposalId, {
        decision: 'reject',
        reason: 'Suggestions à revoir après la réévaluation de la mobilité prévue la semaine prochaine.',
      });
  }
  return { proposals: n };
}
