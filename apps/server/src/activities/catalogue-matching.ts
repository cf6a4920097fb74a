/**
 * Matching a person's words against the catalogue: French text folding and light stemming, and a per-catalogue index
 * that memoises, for each interest, goal title and dislike seen, its match with every activity (these words repeat
 * across people, so 2,000 people cost little more than the distinct words they use).
 * Pure and deterministic; caches only hold derived values.
 */
import type { CatalogueActivity } from './catalogue.js';
import { LIFE_STORY_HINTS } from './catalogue-lexicon.js';

const foldCache = new Map<string, string>();
/** Lowercase, no accents, ligatures expanded, every non-alphanumeric run turned into one space. */
export function fold(text: string): string {
  let out = foldCache.get(text);
  if (out === undefined) {
    out = text
      .toLowerCase()
      .replace(/œ/g, 'oe')
      .replace(/æ/g, 'ae')
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
    if (text.length > 200) return out; // life stories: folded once per call, not worth keeping
    if (foldCache.size > 50_000) foldCache.clear();
    foldCache.set(text, out);
  }
  return out;
}

// prettier-ignore
const STOPWORDS = new Set(['a', 'au', 'aux', 'avec', 'ce', 'ces', 'cet', 'cette', 'd', 'dans', 'de', 'des', 'du', 'en', 'et', 'l', 'la', 'le', 'les', 'n', 'ne', 'on', 'ou', 'par', 'pas', 'plus', 'pour', 'qu', 'que', 'qui', 's', 'sa', 'sans', 'se', 'ses', 'son', 'sur', 'trop', 'un', 'une', 'y']);
/** Words of goal titles and dislikes that say nothing about which activity is meant. */
// prettier-ignore
const GENERIC = new Set(['accompagne', 'accompagnement', 'activite', 'activites', 'adapte', 'afin', 'aide', 'animation', 'animations', 'atelier', 'ateliers', 'autour', 'centre', 'chaque', 'choix', 'collective', 'continuer', 'deux', 'dix', 'fois', 'interet', 'jour', 'jours', 'maintenir', 'mensuelles', 'minutes', 'mois', 'organiser', 'organisees', 'participer', 'personne', 'pouvoir', 'prendre', 'proposer', 'realiser', 'seance', 'seances', 'selon', 'semaine', 'trois', 'vie']);
/** Dislike words and the activity words that reveal them. */
const SYNONYMS: Record<string, string[]> = { bruyant: ['bruyant', 'bruit'], bruit: ['bruit', 'bruyant'] };

/** Light French stemming: plural -s/-x, then a final -e on longer words. */
function stem(word: string): string {
  let w = word;
  if (w.length > 4 && w.endsWith('x')) w = w.slice(0, -1);
  else if (w.length > 3 && w.endsWith('s')) w = w.slice(0, -1);
  if (w.length > 5 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}
/** Distinct stems of the meaningful words of a text. */
export function stems(text: string, drop?: ReadonlySet<string>): string[] {
  const words = fold(text)
    .split(' ')
    .filter((w) => w.length >= 3 && !STOPWORDS.has(w) && !drop?.has(w));
  return [...new Set(words.map(stem))];
}
/** Equal, or one a prefix of the other when both have at least 5 letters (« jardin » ~ « jardinage »). */
function stemMatch(a: string, b: string): boolean {
  return a === b || (a.length >= 5 && b.length >= 5 && (a.startsWith(b) || b.startsWith(a)));
}

export interface IndexedActivity {
  activity: CatalogueActivity;
  tagPhrases: Set<string>;
  tags: { tag: string; stems: string[] }[];
  tagStems: string[];
  /** Stems of everything written about the activity (name, description, tags, contraindications, materials). */
  textStems: Set<string>;
  contraindications: { label: string; folded: string }[];
}
export interface InterestRow {
  /** Per activity: 1 for an exact tag, 0.6 × the share of the interest's words found in one tag, else 0. */
  m: Float64Array;
  /** Per activity: the tag a partial match was found in. */
  tag: string[];
}
export interface CatalogueIndex {
  /** Activities in catalogue order; a repeated key keeps its first occurrence. */
  items: IndexedActivity[];
  /** Activity key → position in `items`. */
  position: Map<string, number>;
  /** Per LIFE_STORY_HINTS index, per activity: 1 when the hint shares a tag with the activity. */
  hintRows: Uint8Array[];
  interest(label: string): InterestRow;
  /** Per activity: 1 when the goal title names the activity's tags (one word of 5+ letters, or two words). */
  goalTitle(title: string): Uint8Array;
  /** Per activity: 1 when each meaningful word of the dislike (or a synonym) occurs in the activity's text. */
  dislike(label: string): Uint8Array;
}

function remember<V>(map: Map<string, V>, key: string, value: V): V {
  if (map.size > 5_000) map.clear();
  map.set(key, value);
  return value;
}

function indexActivity(a: CatalogueActivity): IndexedActivity {
  const tags = a.tags.map((tag) => ({ tag, stems: stems(tag) }));
  return {
    activity: a,
    tagPhrases: new Set(a.tags.map(fold)),
    tags,
    tagStems: [...new Set(tags.flatMap((t) => t.stems))],
    textStems: new Set(stems([a.name, a.description, ...a.tags, ...a.contraindications, ...a.materials].join(' '))),
    contraindications: a.contraindications.map((label) => ({ label, folded: fold(label) })).filter((c) => c.folded !== ''),
  };
}

function buildIndex(catalogue: readonly CatalogueActivity[]): CatalogueIndex {
  const seen = new Set<string>();
  const items = catalogue.filter((a) => !seen.has(a.key) && seen.add(a.key)).map(indexActivity);
  const n = items.length;
  const hintRows = LIFE_STORY_HINTS.map((h) => Uint8Array.from(items, (it) => (h.tags.some((t) => it.tagPhrases.has(fold(t))) ? 1 : 0)));
  const interests = new Map<string, InterestRow>();
  const titles = new Map<string, Uint8Array>();
  const dislikes = new Map<string, Uint8Array>();
  const interestRow = (label: string): InterestRow => {
    const row: InterestRow = { m: new Float64Array(n), tag: new Array<string>(n).fill('') };
    const phrase = fold(label);
    const words = stems(label);
    items.forEach((it, i) => {
      if (it.tagPhrases.has(phrase)) return void (row.m[i] = 1);
      for (const t of it.tags) {
        const hits = words.filter((w) => t.stems.some((ts) => stemMatch(w, ts))).length;
        const m = words.length ? (0.6 * hits) / words.length : 0;
        if (m > row.m[i]!) [row.m[i], row.tag[i]] = [m, t.tag];
      }
    });
    return row;
  };
  const titleRow = (title: string) => {
    const words = stems(title, GENERIC);
    return Uint8Array.from(items, (it) => {
      const hits = words.filter((w) => it.tagStems.some((t) => stemMatch(w, t)));
      return hits.length >= 2 || hits.some((h) => h.length >= 5) ? 1 : 0;
    });
  };
  const dislikeRow = (label: string) => {
    const words = stems(label, GENERIC);
    return Uint8Array.from(items, (it) => (words.length > 0 && words.every((w) => (SYNONYMS[w] ?? [w]).some((t) => it.textStems.has(t))) ? 1 : 0));
  };
  return {
    items,
    position: new Map(items.map((it, i) => [it.activity.key, i])),
    hintRows,
    interest: (label) => interests.get(label) ?? remember(interests, label, interestRow(label)),
    goalTitle: (title) => titles.get(title) ?? remember(titles, title, titleRow(title)),
    dislike: (label) => dislikes.get(label) ?? remember(dislikes, label, dislikeRow(label)),
  };
}

const indexes = new WeakMap<readonly CatalogueActivity[], CatalogueIndex>();
/** The index of a catalogue, built once per catalogue array (treat catalogue arrays as immutable: edit → new array). */
export function catalogueIndex(catalogue: readonly CatalogueActivity[]): CatalogueIndex {
  let index = indexes.get(catalogue);
  if (!index) {
    index = buildIndex(catalogue);
    indexes.set(catalogue, index);
  }
  return index;
}

/** Phrase (without its optional final space) → hints; one regular expression finds every phrase at a word start. */
const hintsOfPhrase = new Map<string, number[]>();
LIFE_STORY_HINTS.forEach((h, i) => h.phrases.forEach((ph) => hintsOfPhrase.set(ph.trimEnd(), [...(hintsOfPhrase.get(ph.trimEnd()) ?? []), i])));
const alternatives = LIFE_STORY_HINTS.flatMap((h) => h.phrases.map((ph) => (ph.endsWith(' ') ? `${ph.trimEnd()}(?= )` : ph)));
// Longest first, so that a longer phrase wins over a phrase that is its prefix.
const hintPattern = new RegExp(` (${[...new Set(alternatives)].sort((x, y) => y.length - x.length || (x < y ? -1 : 1)).join('|')})`, 'g');

/** Indices of the LIFE_STORY_HINTS found in a life story, ascending. */
export function storyHints(lifeStory: string): number[] {
  const found = new Set<number>();
  for (const m of ` ${fold(lifeStory)} `.matchAll(hintPattern)) for (const i of hintsOfPhrase.get(m[1]!) ?? []) found.add(i);
  return [...found].sort((x, y) => x - y);
}
