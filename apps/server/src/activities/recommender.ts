/**
 * Activity recommender (register entry `activity-recommender`): pure, deterministic, no I/O.
 * For one person, ranks catalogue activities and explains each rank in plain French. Its output is a proposal under
 * the human guarantee: a named professional decides; nothing here changes a record.
 *
 * Never proposed (listed in `excluded` with a French reason):
 * - capacities: the person's level in a domain (0 none … 3 severe; missing = 0) exceeds the activity's maximum;
 * - contraindications: one of the person's and one of the activity's match (case- and accent-insensitive substring,
 *   either way);
 * - spiritual activities, unless the person expressed it (interest, life story, a goal naming it, or attendance).
 *
 * Score = sum of the terms below (each one is also a reason), clamped to [0, 1]; ranking uses the unclamped sum.
 * | term (reason kind)     | weight | how                                                                                  |
 * |------------------------|--------|--------------------------------------------------------------------------------------|
 * | interest               | 0.40   | interests vs tags, accent-insensitive: exact tag m = 1, partial word match            |
 * |                        |        | m = 0.6 × share of the interest's words; combined as 1 − Π(1 − 0.75·m)                |
 * | life_story             | 0.12   | life-story lexicon hints (catalogue-lexicon.ts) sharing a tag: 1 − 0.4^n             |
 * | goal                   | 0.25   | open goals whose domain the activity serves: 0.8 if the title names it (its tags),    |
 * |                        |        | else 0.4; combined as 1 − Π(1 − m)                                                   |
 * | engagement (own)       | ±0.20  | (mean engagement − 1.5) / 1.5 × min(1, sessions attended / 4)                        |
 * | engagement (declines)  | −0.25  | declined / (attended + declined) × min(1, declined / 3)                              |
 * | engagement (category)  | ±0.08  | the same two signals over its category's other activities (attended / 6, declines / 4) |
 * | capacity               | 0.06   | cognitive demand fit 1 − |activity max − person level| / 3, shown when ≥ 2/3          |
 * | variety                | 0.03   | a category the person has never been offered (once some history exists)             |
 * | dislike                | −0.30  | per dislike whose meaningful words all occur in the activity's text (total cap −0.60) |
 * Engagement terms are learned from attendance; their labels say so (« préférence révélée par la participation »).
 * Selection is greedy on the ranking with at most `maxPerCategory` per category; ties break on the activity key.
 */
import { ACTIVITY_CATEGORY_LABELS, CAPACITY_KEYS, type CapacityKey, type CatalogueActivity } from './catalogue.js';
import { LIFE_STORY_HINTS } from './catalogue-lexicon.js';
import { catalogueIndex, fold, storyHints, type CatalogueIndex, type IndexedActivity } from './catalogue-matching.js';

export const RECOMMENDER_VERSION = '1.0.0';

export const RECOMMENDER_WEIGHTS = Object.freeze({
  interest: 0.4,
  interestGain: 0.75,
  lifeStory: 0.12,
  goal: 0.25,
  goalNamed: 0.8,
  goalDomain: 0.4,
  engagement: 0.2,
  declines: 0.25,
  categoryEngagement: 0.08,
  capacityFit: 0.06,
  novelty: 0.03,
  dislike: 0.3,
  dislikeCap: 0.6,
});
const W = RECOMMENDER_WEIGHTS;

export interface PersonForRecommendation {
  id: string;
  interests: string[];
  dislikes: string[];
  lifeStory: string;
  /** Latest level per domain (0 none … 3 severe); a missing domain counts as 0. */
  capacities: Partial<Record<CapacityKey, number>>;
  contraindications: string[];
  openGoals: { id: string; title: string; domain: string }[];
  /** Past attendance: per activity key, sessions attended, declined, and mean engagement 0–3. */
  history: { activityKey: string; attended: number; declined: number; meanEngagement: number | null }[];
}
export type ReasonKind = 'interest' | 'life_story' | 'goal' | 'capacity' | 'engagement' | 'variety' | 'dislike';
export interface Reason {
  kind: ReasonKind;
  /** Plain French. */
  label: string;
  /** Signed contribution to the score. */
  weight: number;
}
export interface Recommendation {
  activityKey: string;
  rank: number;
  /** In [0, 1]. */
  score: number;
  reasons: Reason[];
}
export interface RecommenderOptions {
  /** Default 8. */
  limit?: number;
  /** Default 2. */
  maxPerCategory?: number;
}
export interface RecommendationResult {
  recommendations: Recommendation[];
  excluded: { activityKey: string; reason: string }[];
}

// ── labels ────────────────────────────────────────────────────────────────────────────────────────────────────────────

const DOMAIN_LABELS: Record<CapacityKey, string> = { mobility: 'mobilité', vision: 'vue', hearing: 'audition', cognition: 'cognition' };
const LEVEL_LABELS = ['aucune difficulté', 'difficultés légères', 'difficultés modérées', 'difficultés sévères'] as const;
// prettier-ignore
const GOAL_DOMAIN_LABELS: Record<string, string> = { autonomy: 'autonomie', social: 'vie sociale', health: 'santé', wellbeing: 'bien-être', cognition: 'cognition', mobility: 'mobilité', nutrition: 'nutrition', family: 'liens familiaux' };
// prettier-ignore
const FEMININE = new Set(['belote', 'broderie', 'chanson', 'chorale', 'couture', 'cuisine', 'danse', 'dictee', 'genealogie', 'gym', 'gymnastique', 'lecture', 'marche', 'messe', 'montagne', 'musique', 'natation', 'nature', 'patisserie', 'peche', 'peinture', 'petanque', 'photographie', 'poesie', 'promenade', 'radio', 'randonnee']);

const articles = new Map<string, string>();
/** « le jardinage », « la belote », « l’accordéon », « les mots croisés ». */
function withArticle(interest: string): string {
  let text = articles.get(interest);
  if (text === undefined) {
    text = article(interest);
    if (articles.size < 5_000) articles.set(interest, text);
  }
  return text;
}
function article(interest: string): string {
  const first = fold(interest).split(' ')[0] ?? '';
  if (/[sx]$/.test(first) && first.length > 3) return `les ${interest}`;
  if (/^[aeiouyh]/.test(first)) return `l’${interest}`;
  if (FEMININE.has(first) || (first.endsWith('e') && !/(age|isme|ble|tre|ome|ege)$/.test(first))) return `la ${interest}`;
  return `le ${interest}`;
}
const num = (n: number) => (Math.round(n * 10) / 10).toString().replace('.', ',');
const levelLabel = (lv: number) => LEVEL_LABELS[Math.min(3, Math.max(0, Math.round(lv)))];
const REVEALED = 'préférence révélée par la participation';
const SPIRITUAL_REASON =
  'Vie spirituelle : proposée seulement si la personne l’a exprimé (centre d’intérêt, histoire de vie, objectif du projet personnalisé ou participation)';

// ── person ────────────────────────────────────────────────────────────────────────────────────────────────────────────

interface Aggregate {
  attended: number;
  declined: number;
  engagementSum: number;
  engagementWeight: number;
}
const emptyAggregate = (): Aggregate => ({ attended: 0, declined: 0, engagementSum: 0, engagementWeight: 0 });

function level(person: PersonForRecommendation, domain: CapacityKey): number {
  const v = person.capacities?.[domain];
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

function preparePerson(person: PersonForRecommendation, index: CatalogueIndex) {
  const interests = [...new Set(person.interests)].filter((label) => fold(label) !== '');
  const own = new Map<string, Aggregate>();
  const byCategory = new Map<string, Aggregate>();
  const add = (map: Map<string, Aggregate>, key: string, attended: number, declined: number, engagement: number | null) => {
    let agg = map.get(key);
    if (!agg) map.set(key, (agg = emptyAggregate()));
    agg.attended += attended;
    agg.declined += declined;
    if (engagement !== null && attended > 0) {
      agg.engagementSum += engagement * attended;
      agg.engagementWeight += attended;
    }
  };
  for (const h of person.history) {
    const category = index.items[index.position.get(h.activityKey) ?? -1]?.activity.category;
    if (!category) continue;
    const attended = Math.max(0, h.attended || 0);
    const declined = Math.max(0, h.declined || 0);
    const engagement = h.meanEngagement !== null && Number.isFinite(h.meanEngagement) ? Math.min(3, Math.max(0, h.meanEngagement)) : null;
    add(own, h.activityKey, attended, declined, engagement);
    add(byCategory, category, attended, declined, engagement);
  }
  const cognition = level(person, 'cognition');
  return {
    levels: CAPACITY_KEYS.map((d) => [d, level(person, d)] as const).filter(([, lv]) => lv > 0),
    interests: interests.map((label) => ({ label, row: index.interest(label) })),
    dislikes: [...new Set(person.dislikes)].map((label) => ({ label, row: index.dislike(label) })),
    goals: person.openGoals.map((g) => ({ goal: g, named: index.goalTitle(g.title) })),
    hints: storyHints(person.lifeStory ?? ''),
    contraindications: person.contraindications.map((label) => ({ label, folded: fold(label) })).filter((c) => c.folded !== ''),
    cognition,
    capacityLabel:
      cognition >= 1
        ? `Demande cognitive adaptée à ses capacités actuelles (${levelLabel(cognition)} de mémoire ou d’orientation)`
        : 'Demande cognitive adaptée à des capacités préservées',
    own,
    byCategory,
  };
}
type Person = ReturnType<typeof preparePerson>;

// ── rules and scoring ─────────────────────────────────────────────────────────────────────────────────────────────────

const capacityProblems = new Map<string, string>();
function capacityProblem(d: CapacityKey, lv: number, max: number): string {
  const key = `${d}${lv}${max}`;
  let text = capacityProblems.get(key);
  if (text === undefined) {
    text = `Capacités : ${DOMAIN_LABELS[d]} de niveau ${num(lv)} (${levelLabel(lv)}), au-delà du niveau ${max} accepté pour cette activité`;
    if (capacityProblems.size < 1_000) capacityProblems.set(key, text);
  }
  return text;
}

/** Why this activity must not be proposed to this person (capacities, contraindications), or null. */
function exclusion(p: Person, it: IndexedActivity): string | null {
  let problems: string[] | null = null;
  for (const [d, lv] of p.levels) {
    const max = it.activity.requiredCapacities[d];
    if (max !== undefined && lv > max) (problems ??= []).push(capacityProblem(d, lv, max));
  }
  for (const pc of p.contraindications) {
    const hit = it.contraindications.find((ac) => ac.folded.includes(pc.folded) || pc.folded.includes(ac.folded));
    if (hit) (problems ??= []).push(`Contre-indication : ${pc.label} (activité : ${hit.label})`);
  }
  return problems ? problems.join(' ; ') : null;
}

/** Signed preference from an aggregate: engagement against the mid-scale, and the decline rate. */
function signals(h: Aggregate, attendedForFull: number, declinesForFull: number) {
  const mean = h.engagementWeight > 0 ? h.engagementSum / h.engagementWeight : null;
  const pref = mean === null ? 0 : ((mean - 1.5) / 1.5) * Math.min(1, h.engagementWeight / attendedForFull);
  const offered = h.attended + h.declined;
  const declines = offered > 0 ? (h.declined / offered) * Math.min(1, h.declined / declinesForFull) : 0;
  return { mean, pref, declines };
}

/**
 * The score of activity `i` and whether a spiritual activity is wanted; with `out`, also its reasons. Allocation-free
 * without `out`: labels are only built for the activities finally proposed.
 */
function score(p: Person, index: CatalogueIndex, i: number, out: Reason[] | null): { raw: number; expressed: boolean } {
  const a = index.items[i]!.activity;
  let raw = 0;

  // Interests: 1 − Π(1 − gain·m), shared between the matching interests in proportion to m.
  let keep = 1;
  let sum = 0;
  for (const x of p.interests) {
    keep *= 1 - W.interestGain * x.row.m[i]!;
    sum += x.row.m[i]!;
  }
  const interest = W.interest * (1 - keep);
  raw += interest;
  if (out && sum > 0)
    for (const x of p.interests) {
      const m = x.row.m[i]!;
      const label =
        m === 1 ? `Aime ${withArticle(x.label)} (centre d’intérêt)` : `Aime ${withArticle(x.label)}, proche de « ${x.row.tag[i]} » (centre d’intérêt)`;
      if (m > 0) out.push({ kind: 'interest', label, weight: (interest * m) / sum });
    }

  // Life story.
  let hints = 0;
  for (const h of p.hints) hints += index.hintRows[h]![i]!;
  const story = W.lifeStory * (1 - 0.4 ** hints);
  raw += story;
  if (out)
    for (const h of p.hints)
      if (index.hintRows[h]![i]) out.push({ kind: 'life_story', label: `Histoire de vie : ${LIFE_STORY_HINTS[h]!.label}`, weight: story / hints });

  // Goals of the personalised plan, when the activity serves their domain.
  let goalKeep = 1;
  let goalSum = 0;
  let named = false;
  for (const g of p.goals) {
    if (!a.goalDomains.includes(g.goal.domain)) continue;
    const m = g.named[i] ? W.goalNamed : W.goalDomain;
    named ||= g.named[i] === 1;
    goalKeep *= 1 - m;
    goalSum += m;
  }
  const goal = W.goal * (1 - goalKeep);
  raw += goal;
  if (out)
    for (const g of p.goals) {
      if (!a.goalDomains.includes(g.goal.domain)) continue;
      const domain = GOAL_DOMAIN_LABELS[g.goal.domain] ?? g.goal.domain;
      const [m, label] = g.named[i]
        ? [W.goalNamed, `Sert l’objectif : ${g.goal.title}`]
        : [W.goalDomain, `Contribue à l’objectif : ${g.goal.title} (${domain})`];
      out.push({ kind: 'goal', label, weight: (goal * m) / goalSum });
    }

  // Revealed preference, learned from attendance: this activity, then the other activities of its category.
  const own = p.own.get(a.key);
  if (own) {
    const s = signals(own, 4, 3);
    if (s.mean !== null && s.pref !== 0) {
      raw += W.engagement * s.pref;
      if (out) {
        const how = s.mean >= 2 ? 'élevé' : s.mean < 1 ? 'faible' : 'moyen';
        const sessions = own.engagementWeight === 1 ? 'de la séance suivie' : `des ${own.engagementWeight} séances suivies`;
        out.push({
          kind: 'engagement',
          label: `Engagement ${how} lors ${sessions} (${num(s.mean)}/3 en moyenne ; ${REVEALED})`,
          weight: W.engagement * s.pref,
        });
      }
    }
    if (s.declines > 0) {
      raw -= W.declines * s.declines;
      const what = own.declined === 1 ? 'proposition' : 'propositions';
      const label = `A décliné ${own.declined} ${what} sur ${own.attended + own.declined} (${REVEALED})`;
      out?.push({ kind: 'engagement', label, weight: -W.declines * s.declines });
    }
  }
  const cat = p.byCategory.get(a.category);
  if (cat) {
    const others = own
      ? {
          attended: cat.attended - own.attended,
          declined: cat.declined - own.declined,
          engagementSum: cat.engagementSum - own.engagementSum,
          engagementWeight: cat.engagementWeight - own.engagementWeight,
        }
      : cat;
    const s = signals(others, 6, 4);
    const w = W.categoryEngagement * (s.pref - s.declines);
    if (Math.abs(w) >= 0.005) {
      raw += w;
      const c = ACTIVITY_CATEGORY_LABELS[a.category];
      const label = w > 0 ? `Bon engagement dans d’autres activités « ${c} » (${REVEALED})` : `Peu d’adhésion aux autres activités « ${c} » (${REVEALED})`;
      out?.push({ kind: 'engagement', label, weight: w });
    }
  } else if (p.own.size > 0) {
    raw += W.novelty;
    out?.push({ kind: 'variety', label: `Type d’activité encore jamais proposé : ${ACTIVITY_CATEGORY_LABELS[a.category]} (diversité)`, weight: W.novelty });
  }

  // Cognitive demand close to the person's level: stimulating without putting them in difficulty.
  const fit = 1 - Math.abs((a.requiredCapacities.cognition ?? 3) - p.cognition) / 3;
  if (fit >= 2 / 3 - 1e-9) {
    raw += W.capacityFit * fit;
    out?.push({ kind: 'capacity', label: p.capacityLabel, weight: W.capacityFit * fit });
  }

  // Dislikes.
  let disliked = 0;
  for (const d of p.dislikes) disliked += d.row[i]!;
  const each = disliked ? Math.min(W.dislike, W.dislikeCap / disliked) : 0;
  raw -= each * disliked;
  if (out) for (const d of p.dislikes) if (d.row[i]) out.push({ kind: 'dislike', label: `N’aime pas : ${d.label}`, weight: -each });

  return { raw, expressed: interest > 0 || hints > 0 || named || (cat?.attended ?? 0) > 0 };
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
const byKey = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

// ── entry point ───────────────────────────────────────────────────────────────────────────────────────────────────────

/** Ranked, explained activity proposals for one person; never an activity their capacities or contraindications exclude. */
export function recommend(person: PersonForRecommendation, catalogue: readonly CatalogueActivity[], opts: RecommenderOptions = {}): RecommendationResult {
  const limit = Math.max(0, Math.floor(opts.limit ?? 8));
  const maxPerCategory = Math.max(1, Math.floor(opts.maxPerCategory ?? 2));
  const index = catalogueIndex(catalogue);
  const p = preparePerson(person, index);
  const excluded: RecommendationResult['excluded'] = [];
  const candidates: { i: number; key: string; raw: number }[] = [];

  index.items.forEach((it, i) => {
    const why = exclusion(p, it);
    if (why) return void excluded.push({ activityKey: it.activity.key, reason: why });
    const { raw, expressed } = score(p, index, i, null);
    if (it.activity.category === 'spiritual' && !expressed) return void excluded.push({ activityKey: it.activity.key, reason: SPIRITUAL_REASON });
    candidates.push({ i, key: it.activity.key, raw });
  });

  candidates.sort((x, y) => y.raw - x.raw || byKey(x.key, y.key));
  const perCategory = new Map<string, number>();
  const recommendations: Recommendation[] = [];
  for (const c of candidates) {
    if (recommendations.length >= limit) break;
    const category = index.items[c.i]!.activity.category;
    const n = perCategory.get(category) ?? 0;
    if (n >= maxPerCategory) continue;
    perCategory.set(category, n + 1);
    const reasons: Reason[] = [];
    score(p, index, c.i, reasons);
    recommendations.push({
      activityKey: c.key,
      rank: recommendations.length + 1,
      score: round(Math.min(1, Math.max(0, c.raw)), 4),
      reasons: reasons
        .filter((r) => Math.abs(r.weight) >= 0.0005)
        .map((r) => ({ ...r, weight: round(r.weight, 3) }))
        .sort((x, y) => Math.abs(y.weight) - Math.abs(x.weight) || byKey(x.label, y.label)),
    });
  }
  return { recommendations, excluded };
}
