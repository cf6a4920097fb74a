import { editDistance, normalize, type Normalized } from './normalize.js';
import {
  EXPERIENCER_RESET,
  HISTORICAL,
  NOT_A_SIGNAL,
  NEGATION_POST,
  NEGATION_PRE,
  OTHER_EXPERIENCER,
  SIGNALS,
  TRIGGERS,
  TYPO_STOPLIST,
  TYPO_TARGETS,
  UNCERTAIN_POST,
  UNCERTAIN_PRE,
  type Signal,
} from './lexicon.js';

export { SIGNALS, type Signal } from './lexicon.js';

export const ANALYZER_VERSION = '1.0.0';
/** Longest note analysed, in characters (a long note is cut into notes by its author, not by us). */
export const MAX_NOTE_LENGTH = 20_000;

export interface SignalOccurrence {
  signal: Signal;
  /** Span in the note as written (JavaScript string indices, end exclusive). */
  start: number;
  end: number;
  negated: boolean;
  uncertain: boolean;
  historical: boolean;
  experiencer: 'person' | 'other';
}

interface CompiledTrigger {
  signal: Signal;
  re: RegExp;
  negated: boolean;
}

const COMPILED: CompiledTrigger[] = SIGNALS.flatMap((signal) =>
  TRIGGERS[signal].map((t) => ({ signal, re: new RegExp(`(?<![a-z0-9])(?:${t.re})(?![a-z0-9])`, 'g'), negated: t.negated ?? false })),
);

const alt = (parts: string[]) => parts.map((p) => `(?:${p})`).join('|');
const LOOKALIKES = new Map(
  Object.entries(NOT_A_SIGNAL)
    .filter(([, parts]) => parts.length > 0)
    .map(([signal, parts]) => [signal as Signal, new RegExp(`(?<![a-z0-9])(?:${alt(parts)})(?![a-z0-9])`, 'g')]),
);
/** A DAR header ("Cible : Chute") names the author's target: it is not an observation. */
const HEADER_RE = /^\s*cible\s?:[^\n]*/;
const NEG_PRE_RE = new RegExp(`(?<![a-z0-9])(?:${alt(NEGATION_PRE)})(?![a-z0-9])`, 'g');
const NEG_POST_RE = new RegExp(`^(?:${alt(NEGATION_POST)})`);
const UNC_PRE_RE = new RegExp(`(?<![a-z0-9])(?:${alt(UNCERTAIN_PRE)})(?![a-z0-9])`);
const UNC_POST_RE = new RegExp(`^(?:${alt(UNCERTAIN_POST)})`);
const HIST_RE = new RegExp(`(?<![a-z0-9])(?:${alt(HISTORICAL)})(?![a-z0-9])`);
const OTHER_RE = new RegExp(`(?<![a-z0-9])(?:${alt(OTHER_EXPERIENCER)})(?![a-z0-9])`, 'g');
const RESET_RE = new RegExp(alt(EXPERIENCER_RESET));
const OTHER_POST_RE =
  /^\s*(?:(?:de|du|des|chez) (?:sa|son|ses|la|le|l') ?(?:fille|fils|mari|epoux|epouse|femme|soeur|frere|voisine?|petite?-(?:fille|fils)|famille|enfants?|proches?|conjointe?|compagne?|aidante?|collegue|co-?residente?|autre residente?)\b|de tout le monde\b|des proches\b)/;
/** "la perte de poids de sa mère": the person cared for, named by a relative. */
const PERSON_POST_RE = /^\s*(?:de|du) (?:sa|son) (?:mere|pere|maman|papa)\b/;
/** A conditional verb in the trigger itself ("mangerait moins", "serait tombée"). */
const COMPLEMENT_RE = /(?:\bde|\bdu|d'|\bpar|\bavec|\bpour|\bchez|\benvers|\bdeces de)\s*$/;
const CONDITIONAL_RE = /[a-z](?:rait|raient)\b/;
/** Where a clause ends: sentence ends, commas, and words that turn the sentence. */
const CLAUSE_END =
  /(?<!(?:^|[^a-z])(?:[a-z]|mme|mr|dr|pr|tel|ch|env|cf|cs))[.](?!\d)|[;!?\n]|,(?!\d)|\s(?:mais|par contre|cependant|toutefois|neanmoins|pourtant|alors que|puis|en revanche|sauf)\s|\s->?\s|>|\s-\s|\s\/\s|\+\+\+?|\(|\)|\b[dar]\s?:\s|cible\s?:|(?:^|\n)\s*[a-z][a-z .'-]{0,30}\s?:\s/g;
/** Sentences, for who is speaking about whom. */
const SENTENCE_END = /(?<!(?:^|[^a-z])(?:[a-z]|mme|mr|dr|pr|tel|ch|env|cf|cs))[.](?!\d)|[!?;\n]/g;
/** A clause that continues a negated list: "pas de fièvre, de toux ni de douleur". */
const LIST_CONTINUATION = /^\s*(?:ni|de|d'|du|des|ou|ou de|et de|et d'|ni de|ni d')\b/;

const TOKEN_RE = /[a-z]+/g;
const TYPO_SET = new Set(TYPO_TARGETS);
const TYPO_BY_FIRST = new Map<string, string[]>();
for (const t of TYPO_TARGETS) {
  const list = TYPO_BY_FIRST.get(t[0]!) ?? [];
  list.push(t);
  TYPO_BY_FIRST.set(t[0]!, list);
}
const typoCache = new Map<string, string | null>();

function correctToken(token: string): string | null {
  if (token.length < 5 || TYPO_SET.has(token) || TYPO_STOPLIST.has(token)) return null;
  const cached = typoCache.get(token);
  if (cached !== undefined) return cached;
  let best: string | null = null;
  const collapsed = token.replace(/([a-z])\1+/g, '$1');
  const candidates = TYPO_BY_FIRST.get(token[0]!) ?? [];
  for (const target of candidates) {
    if (target.replace(/([a-z])\1+/g, '$1') === collapsed) {
      best = target;
      break;
    }
  }
  if (!best && token.length >= 6) {
    for (const target of candidates) {
      if (target.length < 6) continue;
      const max = target.length >= 10 ? 2 : 1;
      if (editDistance(token, target, max) <= max) {
        best = target;
        break;
      }
    }
  }
  if (typoCache.size > 50_000) typoCache.clear();
  typoCache.set(token, best);
  return best;
}

/** Replace misspelt trigger words by their spelling; the map still points into the original. */
function correctTypos(n: Normalized): Normalized {
  let text = '';
  const map: number[] = [];
  let last = 0;
  let changed = false;
  for (const m of n.text.matchAll(TOKEN_RE)) {
    const fixed = correctToken(m[0]);
    if (!fixed) continue;
    changed = true;
    const s = m.index;
    const e = s + m[0].length;
    text += n.text.slice(last, s);
    for (let i = last; i < s; i++) map.push(n.map[i]!);
    const origStart = n.map[s]!;
    const origLen = n.map[e]! - origStart;
    for (let k = 0; k < fixed.length; k++) map.push(k === fixed.length - 1 ? origStart + origLen - 1 : origStart + Math.floor((k * origLen) / fixed.length));
    text += fixed;
    last = e;
  }
  if (!changed) return n;
  text += n.text.slice(last);
  for (let i = last; i <= n.text.length; i++) map.push(n.map[i]!);
  return { text, map };
}

interface Hit {
  signal: Signal;
  s: number;
  e: number;
  negated: boolean;
}

function findTriggers(text: string): Hit[] {
  const hits: Hit[] = [];
  for (const t of COMPILED) {
    t.re.lastIndex = 0;
    for (const m of text.matchAll(t.re)) {
      let s = m.index;
      let e = s + m[0].length;
      const g = m.groups?.t;
      if (g !== undefined) {
        const off = m[0].indexOf(g);
        s += off;
        e = s + g.length;
      }
      // trim spaces a pattern may have swallowed at its edges
      while (e > s && text[e - 1] === ' ') e--;
      while (s < e && text[s] === ' ') s++;
      if (e > s) hits.push({ signal: t.signal, s, e, negated: t.negated });
    }
  }
  // Look-alikes and the DAR header are not mentions.
  const excluded = new Map<Signal, [number, number][]>();
  for (const [signal, re] of LOOKALIKES) {
    re.lastIndex = 0;
    excluded.set(
      signal,
      [...text.matchAll(re)].map((m) => [m.index, m.index + m[0].length]),
    );
  }
  const header = HEADER_RE.exec(text);
  const headerEnd = header ? header[0].length : -1;
  const real = hits.filter((h) => h.s >= headerEnd && !(excluded.get(h.signal) ?? []).some(([s, e]) => h.s < e && h.e > s));
  // Per signal, overlapping hits are one mention: keep the longest.
  real.sort((a, b) => a.s - b.s || b.e - b.s - (a.e - a.s));
  const kept: Hit[] = [];
  const lastEnd = new Map<Signal, Hit>();
  for (const h of real) {
    const prev = lastEnd.get(h.signal);
    if (prev && h.s < prev.e) {
      if (h.e - h.s > prev.e - prev.s) {
        prev.s = Math.min(prev.s, h.s);
        prev.e = h.e;
        prev.negated = h.negated;
      }
      continue;
    }
    kept.push(h);
    lastEnd.set(h.signal, h);
  }
  // A word inside another signal's longer expression belongs to that expression ("nuit agitée").
  return kept.filter((h) => !kept.some((o) => o !== h && o.signal !== h.signal && o.s <= h.s && o.e >= h.e && o.e - o.s > h.e - h.s));
}

function clauseBounds(text: string): number[] {
  const bounds = [0];
  CLAUSE_END.lastIndex = 0;
  for (const m of text.matchAll(CLAUSE_END)) {
    bounds.push(m.index, m.index + m[0].length);
  }
  bounds.push(text.length);
  return bounds;
}

/** Start and end of the clause holding [s, e). */
function clauseOf(bounds: number[], s: number, e: number): [number, number] {
  let start = 0;
  let end = bounds[bounds.length - 1]!;
  for (let i = 0; i < bounds.length; i += 1) {
    const b = bounds[i]!;
    if (b <= s) start = b;
    else if (b >= e) {
      end = b;
      break;
    }
  }
  return [start, end];
}

function sentenceOf(text: string, s: number, e: number): [number, number] {
  let start = 0;
  let end = text.length;
  SENTENCE_END.lastIndex = 0;
  for (const m of text.matchAll(SENTENCE_END)) {
    if (m.index < s) start = m.index + 1;
    else if (m.index >= e) {
      end = m.index;
      break;
    }
  }
  return [start, end];
}

function lastTokens(text: string, n: number): string {
  let count = 0;
  for (let i = text.length - 1; i >= 0; i--) {
    if (text[i] === ' ' && i < text.length - 1 && text[i + 1] !== ' ') {
      count++;
      if (count >= n) return text.slice(i + 1);
    }
  }
  return text;
}

function isNegatedBefore(pre: string): boolean {
  const window = lastTokens(pre, 6);
  NEG_PRE_RE.lastIndex = 0;
  return NEG_PRE_RE.test(window);
}

/** Analyse one note. Throws on a note longer than MAX_NOTE_LENGTH. */
export function analyzeNote(original: string): SignalOccurrence[] {
  if (original.length > MAX_NOTE_LENGTH) throw new RangeError(`note longer than ${MAX_NOTE_LENGTH} characters`);
  const n = correctTypos(normalize(original));
  const text = n.text;
  const hits = findTriggers(text);
  if (hits.length === 0) return [];
  const bounds = clauseBounds(text);
  const out: SignalOccurrence[] = [];
  for (const h of hits) {
    const [cs, ce] = clauseOf(bounds, h.s, h.e);
    const pre = text.slice(cs, h.s);
    const post = text.slice(h.e, ce);
    let negated = h.negated || isNegatedBefore(pre) || NEG_POST_RE.test(post);
    if (!negated && LIST_CONTINUATION.test(pre) && cs > 0) {
      // the clause continues a list opened by a negation in the clause before
      const [ps] = clauseOf(bounds, Math.max(0, cs - 2), Math.max(0, cs - 1));
      negated = isNegatedBefore(text.slice(ps, cs));
    }
    const [ss, se] = sentenceOf(text, h.s, h.e);
    // "Chute ?" or "escarre débutante ? à vérifier": a question mark soon after the trigger
    const after = text.slice(h.e, Math.min(text.length, h.e + 40)).split(/[.!\n(]/)[0]!;
    const uncertain = UNC_PRE_RE.test(lastTokens(pre, 8)) || UNC_POST_RE.test(post) || after.includes('?') || CONDITIONAL_RE.test(text.slice(h.s, h.e));
    const historical = HIST_RE.test(text.slice(cs, ce));
    let experiencer: 'person' | 'other' = 'person';
    const before = text.slice(ss, h.s);
    OTHER_RE.lastIndex = 0;
    let lastOther = -1;
    // a relative named as a complement ("le décès de sa sœur", "abandonnée par ses enfants") is not the subject
    for (const m of before.matchAll(OTHER_RE)) if (!COMPLEMENT_RE.test(before.slice(0, m.index))) lastOther = m.index + m[0].length;
    if (lastOther >= 0 && !RESET_RE.test(before.slice(lastOther))) experiencer = 'other';
    const following = text.slice(h.e, se);
    if (h.signal !== 'isolation' && OTHER_POST_RE.test(following)) experiencer = 'other';
    if (PERSON_POST_RE.test(following)) experiencer = 'person';
    out.push({
      signal: h.signal,
      start: n.map[h.s]!,
      end: n.map[h.e - 1]! + 1,
      negated,
      uncertain,
      historical,
      experiencer,
    });
  }
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}
