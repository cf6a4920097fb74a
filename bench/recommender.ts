// Recommender latency: one recommendation list per person, for 150 and 2,000 generated people
// over the shipped catalogue. Prints one JSON line. Run: npx tsx bench/recommender.ts
import { generatePeople } from '../apps/server/src/demo/generate.js';
import { CATALOGUE } from '../apps/server/src/activities/catalogue.js';
import { recommend, type PersonForRecommendation } from '../apps/server/src/activities/recommender.js';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = [];
for (const count of [150, 2000]) {
  const { people } = generatePeople({ count, seed: 'bench-reco', facilityKeys: [{ key: 'ehpad', kind: 'ehpad' }] });
  const inputs: PersonForRecommendation[] = people.map((p, i) => {
    const capacities: PersonForRecommendation['capacities'] = {};
    for (const c of [...p.capacities].sort((a, b) => b.assessedOn.localeCompare(a.assessedOn))) capacities[c.domain] ??= c.level;
    return {
      id: p.key,
      interests: p.profile.interests,
      dislikes: p.profile.dislikes,
      lifeStory: p.profile.lifeStory,
      capacities,
      contraindications: [],
      openGoals: (p.carePlan?.goals ?? []).filter((g) => g.status === 'open').map((g, k) => ({ id: `${i}-${k}`, title: g.title, domain: g.domain })),
      history: [],
    };
  });
  const runs: number[] = [];
  for (let r = 0; r < 5; r++) {
    const t0 = performance.now();
    for (const p of inputs) recommend(p, CATALOGUE);
    runs.push(performance.now() - t0);
  }
  results.push({
    people: count,
    activities: CATALOGUE.length,
    medianMs: Math.round(median(runs)),
    perPersonMicros: Math.round((median(runs) * 1000) / count),
    runsMs: runs.map(Math.round),
  });
}
console.log(JSON.stringify({ bench: 'recommender', results }));
