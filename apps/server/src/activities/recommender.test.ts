import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { GOALS } from '../demo/french-corpus-care.js';
import { DISLIKES, INTERESTS } from '../demo/french-corpus-stories.js';
import { CAPACITY_KEYS, CATALOGUE, type CatalogueActivity } from './catalogue.js';
import { RECOMMENDER_VERSION, recommend, type PersonForRecommendation, type Recommendation } from './recommender.js';

const person = (over: Partial<PersonForRecommendation> = {}): PersonForRecommendation => ({
  id: 'p1',
  interests: [],
  dislikes: [],
  lifeStory: '',
  capacities: {},
  contraindications: [],
  openGoals: [],
  history: [],
  ...over,
});
const activity = (key: string) => CATALOGUE.find((a) => a.key === key)!;
/** The whole ranking, without variety cap. */
const full = (p: PersonForRecommendation) => recommend(p, CATALOGUE, { limit: 1_000, maxPerCategory: 1_000 });
const find = (recs: Recommendation[], key: string) => recs.find((r) => r.activityKey === key);

/** Independent check of the hard rules. */
function violates(p: PersonForRecommendation, a: CatalogueActivity): boolean {
  const tooHard = CAPACITY_KEYS.some((d) => {
    const max = a.requiredCapacities[d];
    return max !== undefined && (p.capacities[d] ?? 0) > max;
  });
  const norm = (s: string) =>
    s
      .normalize('NFD')
      .replace(/\p{Diacritic}/gu, '')
      .toLowerCase()
      .trim();
  const contra = p.contraindications
    .map(norm)
    .filter(Boolean)
    .some((pc) => a.contraindications.map(norm).some((ac) => ac.includes(pc) || pc.includes(ac)));
  return tooHard || contra;
}

describe('activity recommender: hard rules', () => {
  it('never proposes a walking group to a person with severe mobility difficulties', () => {
    const p = person({ interests: ['promenade', 'montagne'], capacities: { mobility: 3 } });
    const { recommendations, excluded } = full(p);
    expect(recommendations.some((r) => activity(r.activityKey).category === 'walking')).toBe(false);
    expect(find(recommendations, 'groupe-marche-parc')).toBeUndefined();
    const reason = excluded.find((e) => e.activityKey === 'groupe-marche-parc')?.reason;
    expect(reason).toMatch(/mobilité de niveau 3 .*niveau 1/);
    // The same interests without the difficulty do bring walking groups.
    expect(find(full(person({ interests: ['promenade'] })).recommendations, 'groupe-marche-parc')).toBeDefined();
  });

  it('treats a missing capacity as no difficulty', () => {
    const { excluded } = full(person({ capacities: { vision: 2 } }));
    expect(excluded.map((e) => e.activityKey)).toContain('dictee-d-autrefois');
    expect(excluded.map((e) => e.activityKey)).not.toContain('groupe-marche-parc');
  });

  it('excludes contraindicated activities, case- and accent-insensitively, substring either way', () => {
    const p = person({ interests: ['animaux'], contraindications: ['ALLERGIE AUX POILS de chat', 'Epilepsie'] });
    const { recommendations, excluded } = full(p);
    for (const key of ['mediation-animale-chien', 'visite-du-chien-en-chambre', 'mini-ferme-itinerante', 'seance-snoezelen']) {
      expect(find(recommendations, key), key).toBeUndefined();
      expect(excluded.find((e) => e.activityKey === key)?.reason, key).toMatch(/^Contre-indication/);
    }
    expect(excluded.find((e) => e.activityKey === 'seance-snoezelen')?.reason).toContain('épilepsie photosensible');
    // Pets not excluded by these contraindications (the hens) are still proposed for a lover of animals.
    expect(find(recommendations, 'soin-des-poules')).toBeDefined();
  });

  it('proposes spiritual activities only to people who expressed it', () => {
    const none = full(person({ interests: ['chant'] }));
    expect(none.recommendations.some((r) => activity(r.activityKey).category === 'spiritual')).toBe(false);
    expect(none.excluded.find((e) => e.activityKey === 'messe-dans-l-etablissement')?.reason).toMatch(/^Vie spirituelle/);
    const faith = full(person({ lifeStory: 'La foi tient une place importante dans sa vie.' }));
    expect(find(faith.recommendations, 'temps-de-recueillement')?.reasons.map((r) => r.kind)).toContain('life_story');
    const mass = recommend(person({ interests: ['messe'] }), CATALOGUE).recommendations;
    expect(activity(mass[0]!.activityKey).category).toBe('spiritual');
    expect(find(mass, 'messe-dans-l-etablissement')?.reasons[0]?.label).toBe('Aime la messe (centre d’intérêt)');
  });
});

describe('activity recommender: ranking and explanations', () => {
  it('ranks an activity matching an interest first, and says why', () => {
    const { recommendations } = recommend(person({ interests: ['PETANQUE'] }), CATALOGUE);
    const first = recommendations[0]!;
    expect(activity(first.activityKey).tags).toContain('pétanque');
    expect(first.rank).toBe(1);
    expect(first.reasons[0]).toMatchObject({ kind: 'interest', label: 'Aime la PETANQUE (centre d’intérêt)' });
    const { recommendations: r2 } = recommend(person({ interests: ['jardinage'] }), CATALOGUE);
    expect(r2[0]!.reasons[0]!.label).toBe('Aime le jardinage (centre d’intérêt)');
    expect(recommend(person({ interests: ['mots croisés'] }), CATALOGUE).recommendations[0]!.reasons[0]!.label).toBe(
      'Aime les mots croisés (centre d’intérêt)',
    );
  });

  it('matches interests partially, word by word', () => {
    const { recommendations } = recommend(person({ interests: ['le jardin'] }), CATALOGUE);
    expect(activity(recommendations[0]!.activityKey).tags).toContain('jardinage');
    expect(recommendations[0]!.reasons[0]!.label).toMatch(/proche de « jardinage »/);
  });

  it('finds activities for every interest of the demo corpus', () => {
    for (const [label] of INTERESTS) {
      const first = recommend(person({ interests: [label] }), CATALOGUE).recommendations[0]!;
      expect(
        first.reasons.some((r) => r.kind === 'interest'),
        label,
      ).toBe(true);
    }
  });

  it('serves the goals of the personalised plan and names them', () => {
    const goal = { id: 'g1', title: "Participer à l'atelier de gym douce deux fois par semaine", domain: 'mobility' };
    const { recommendations } = recommend(person({ openGoals: [goal] }), CATALOGUE);
    const gym = find(recommendations, 'gym-douce-assise');
    expect(gym?.reasons[0]).toMatchObject({ kind: 'goal', label: `Sert l’objectif : ${goal.title}` });
  });

  it('draws on the life story', () => {
    const p = person({ lifeStory: 'Elle a été couturière dans un atelier de confection pendant trente ans.' });
    const couture = find(full(p).recommendations, 'atelier-couture-broderie')!;
    expect(couture.reasons).toContainEqual(expect.objectContaining({ kind: 'life_story', label: 'Histoire de vie : les métiers du fil et de la couture' }));
    expect(couture.score).toBeGreaterThan(find(full(person()).recommendations, 'atelier-couture-broderie')!.score);
  });

  it('penalises dislikes and says so', () => {
    const base = person({ interests: ['loto'] });
    const loto = find(full(base).recommendations, 'grand-loto')!;
    const withDislike = find(full({ ...base, dislikes: ['les animations bruyantes'] }).recommendations, 'grand-loto')!;
    expect(withDislike.score).toBeLessThan(loto.score);
    expect(withDislike.reasons).toContainEqual(expect.objectContaining({ kind: 'dislike', label: 'N’aime pas : les animations bruyantes' }));
    const dogs = find(full(person({ dislikes: ['les chiens'] })).recommendations, 'mediation-animale-chien')!;
    expect(dogs.reasons.map((r) => r.kind)).toContain('dislike');
  });

  it('respects the variety cap and the limit', () => {
    const p = person({ interests: ['chant', 'chanson française', 'accordéon', 'opérette', 'musique classique', 'loto'] });
    for (const [limit, maxPerCategory] of [
      [8, 2],
      [5, 1],
      [30, 3],
    ] as const) {
      const { recommendations } = recommend(p, CATALOGUE, { limit, maxPerCategory });
      expect(recommendations.length).toBeLessThanOrEqual(limit);
      const counts = new Map<string, number>();
      for (const r of recommendations) counts.set(activity(r.activityKey).category, (counts.get(activity(r.activityKey).category) ?? 0) + 1);
      expect(Math.max(...counts.values())).toBeLessThanOrEqual(maxPerCategory);
      expect(counts.get('music')).toBe(maxPerCategory);
    }
    const defaults = recommend(p, CATALOGUE).recommendations;
    expect(defaults).toHaveLength(8);
    expect(defaults.filter((r) => activity(r.activityKey).category === 'music')).toHaveLength(2);
    expect(recommend(p, CATALOGUE, { limit: 0 }).recommendations).toEqual([]);
  });
});

describe('activity recommender: learning from attendance (revealed preference)', () => {
  const base = person({
    interests: ['chant', 'belote'],
    openGoals: [{ id: 'g', title: 'Participer à une activité collective par semaine', domain: 'social' }],
  });
  const rankOf = (p: PersonForRecommendation, key: string) => find(full(p).recommendations, key)!;

  it('raises an activity the person engaged with, and says it is learned from attendance', () => {
    const before = rankOf(base, 'atelier-peinture');
    const after = rankOf({ ...base, history: [{ activityKey: 'atelier-peinture', attended: 4, declined: 0, meanEngagement: 2.8 }] }, 'atelier-peinture');
    expect(after.score).toBeGreaterThan(before.score);
    expect(after.rank).toBeLessThan(before.rank);
    const reason = after.reasons.find((r) => r.kind === 'engagement')!;
    expect(reason.weight).toBeGreaterThan(0);
    expect(reason.label).toBe('Engagement élevé lors des 4 séances suivies (2,8/3 en moyenne ; préférence révélée par la participation)');
    // It now appears among the default proposals.
    const shortList = recommend({ ...base, history: [{ activityKey: 'atelier-peinture', attended: 6, declined: 0, meanEngagement: 3 }] }, CATALOGUE);
    expect(shortList.recommendations.map((r) => r.activityKey)).toContain('atelier-peinture');
  });

  it('lowers an activity the person repeatedly declines, or does not engage with', () => {
    const before = rankOf(base, 'chorale');
    const declined = rankOf({ ...base, history: [{ activityKey: 'chorale', attended: 1, declined: 4, meanEngagement: null }] }, 'chorale');
    expect(declined.score).toBeLessThan(before.score);
    expect(declined.rank).toBeGreaterThan(before.rank);
    expect(declined.reasons).toContainEqual(
      expect.objectContaining({ kind: 'engagement', label: 'A décliné 4 propositions sur 5 (préférence révélée par la participation)' }),
    );
    const bored = rankOf({ ...base, history: [{ activityKey: 'chorale', attended: 5, declined: 0, meanEngagement: 0.2 }] }, 'chorale');
    expect(bored.score).toBeLessThan(before.score);
    expect(bored.reasons.find((r) => r.kind === 'engagement')!.label).toMatch(/^Engagement faible/);
  });

  it('generalises to the other activities of the category, and suggests untried categories', () => {
    const p = { ...base, history: [{ activityKey: 'chorale', attended: 8, declined: 0, meanEngagement: 3 }] };
    const loto = rankOf(p, 'loto-musical');
    expect(loto.score).toBeGreaterThan(rankOf(base, 'loto-musical').score);
    expect(loto.reasons.some((r) => r.kind === 'engagement' && r.label.includes('d’autres activités « musique et chant »'))).toBe(true);
    expect(rankOf(p, 'atelier-peinture').reasons.some((r) => r.kind === 'variety')).toBe(true);
  });

  it('ignores history about activities that are not in the catalogue', () => {
    const p = { ...base, history: [{ activityKey: 'inconnue', attended: 9, declined: 0, meanEngagement: 3 }] };
    expect(recommend(p, CATALOGUE)).toEqual(recommend(base, CATALOGUE));
  });
});

describe('activity recommender: determinism, bounds and speed', () => {
  const p = person({
    interests: ['jardinage', 'chant', 'belote'],
    dislikes: ['le bruit'],
    lifeStory: 'Agriculteur dans les Monts du Lyonnais, il a chanté dans la chorale paroissiale.',
    capacities: { mobility: 2, cognition: 1 },
    contraindications: ['allergie au pollen'],
    openGoals: [{ id: 'g', title: 'Profiter du jardin dès que le temps le permet', domain: 'wellbeing' }],
    history: [{ activityKey: 'club-belote-tarot', attended: 3, declined: 1, meanEngagement: 2 }],
  });

  it('is deterministic, whatever the catalogue order', () => {
    const a = recommend(p, CATALOGUE);
    expect(recommend(p, CATALOGUE)).toEqual(a);
    const reversed = recommend(p, [...CATALOGUE].reverse());
    expect(reversed.recommendations).toEqual(a.recommendations);
    expect(RECOMMENDER_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('breaks ties on the activity key', () => {
    const twin = { ...activity('atelier-tricot'), key: 'aaa-tricot-bis' };
    const recs = recommend(person({ interests: ['tricot'] }), [activity('atelier-tricot'), twin]).recommendations;
    expect(recs.map((r) => r.activityKey)).toEqual(['aaa-tricot-bis', 'atelier-tricot']);
  });

  it('property: never violates capacities or contraindications, keeps scores in [0, 1] and the variety cap', () => {
    const contraindicationPool = [...new Set(CATALOGUE.flatMap((a) => a.contraindications))];
    const word = fc.constantFrom(...contraindicationPool, ...contraindicationPool.map((c) => c.toUpperCase()), 'poils', 'bruit', 'diabète', 'aucune');
    const level = fc.oneof(fc.integer({ min: 0, max: 3 }), fc.double({ min: 0, max: 3, noNaN: true }));
    const arbPerson = fc.record({
      id: fc.string(),
      interests: fc.array(fc.oneof(fc.constantFrom(...INTERESTS.map(([l]) => l)), fc.string()), { maxLength: 6 }),
      dislikes: fc.array(fc.oneof(fc.constantFrom(...DISLIKES), fc.string()), { maxLength: 4 }),
      lifeStory: fc.oneof(fc.string(), fc.constant('Couturière, elle a chanté à la chorale. La foi tient une place importante.')),
      capacities: fc.record({ mobility: level, vision: level, hearing: level, cognition: level }, { requiredKeys: [] }),
      contraindications: fc.array(word, { maxLength: 3 }),
      openGoals: fc.array(
        fc.record({
          id: fc.string(),
          title: fc.constantFrom(...GOALS.map((g) => (typeof g.title === 'string' ? g.title : 'Atelier autour de la belote'))),
          domain: fc.constantFrom('autonomy', 'social', 'health', 'wellbeing', 'cognition', 'mobility', 'nutrition', 'family'),
        }),
        { maxLength: 4 },
      ),
      history: fc.array(
        fc.record({
          activityKey: fc.constantFrom(...CATALOGUE.map((a) => a.key), 'inconnue'),
          attended: fc.integer({ min: 0, max: 20 }),
          declined: fc.integer({ min: 0, max: 20 }),
          meanEngagement: fc.option(fc.double({ min: 0, max: 3, noNaN: true })),
        }),
        { maxLength: 6 },
      ),
    });
    fc.assert(
      fc.property(arbPerson, fc.integer({ min: 0, max: 30 }), fc.integer({ min: 1, max: 4 }), (p, limit, maxPerCategory) => {
        const { recommendations, excluded } = recommend(p, CATALOGUE, { limit, maxPerCategory });
        expect(recommendations.length).toBeLessThanOrEqual(limit);
        const counts = new Map<string, number>();
        recommendations.forEach((r, i) => {
          const a = activity(r.activityKey);
          expect(violates(p, a)).toBe(false);
          expect(r.rank).toBe(i + 1);
          expect(r.score).toBeGreaterThanOrEqual(0);
          expect(r.score).toBeLessThanOrEqual(1);
          for (const reason of r.reasons) expect(reason.label.length).toBeGreaterThan(0);
          counts.set(a.category, (counts.get(a.category) ?? 0) + 1);
        });
        for (const n of counts.values()) expect(n).toBeLessThanOrEqual(maxPerCategory);
        const excludedKeys = new Set(excluded.map((e) => e.activityKey));
        for (const a of CATALOGUE) if (violates(p, a)) expect(excludedKeys.has(a.key)).toBe(true);
        expect(recommendations.some((r) => excludedKeys.has(r.activityKey))).toBe(false);
        for (const e of excluded) expect(e.reason.length).toBeGreaterThan(0);
      }),
      { numRuns: 300, seed: 20261123 },
    );
  });
});
