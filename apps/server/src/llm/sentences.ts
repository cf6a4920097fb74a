/**
 * Splits a model's rewrite into sentences and the source markers each one cites. Sentence
 * boundaries are where the rewrite ends a sentence, not where it places markers: a sentence that
 * forgot its markers must come out as a sentence without markers (to be refused), not be merged
 * with its neighbour and borrow the neighbour's sources. So the parser cuts at every sentence-ending
 * punctuation followed by something other than a lowercase word, outside quotations, and spares only
 * known abbreviations and initials ("M. Martin", "Mme D. Leroux"): a wrong cut makes the rewrite
 * refused, a missed one could hide an unsourced claim.
 */

export interface CitedSentence {
  /** The sentence with its markers removed. */
  text: string;
  /** What its markers cite, normalised ('S1'), in order, without duplicates; may include unknown ids. */
  citations: string[];
}

/**
 * A marker group: a bracket holding a digit. That covers the requested [S1], the lists some models
 * write ([S2, S5]) and malformed markers ([1], [S 3]), which then count as unknown sources. Brackets
 * without a digit, such as the elision mark in a quotation ([…]), are text.
 */
const CITATION = /\s*\[([^[\]]*\d[^[\]]*)\]/g;
const TERMINATORS = new Set(['.', '!', '?', '…']);
const OPENING_QUOTES = new Set(['«', '“']);
const CLOSING_QUOTES = new Set(['»', '”']);
/** Abbreviations ending in a period that do not end a sentence ("M. Martin"); single capitals (initials) neither. */
const ABBREVIATIONS = new Set(['M', 'MM', 'Mme', 'Mmes', 'Mlle', 'Mlles', 'Dr', 'Drs', 'Pr', 'Me', 'Mgr', 'St', 'Ste']);
/** A list item's bullet or number at the start of a line. */
const LIST_PREFIX = /^\s*(?:[-*•–—]|\d+[.)])\s+/;

/**
 * @param content the model's answer
 * @param headings section names: a line repeating one (as a Markdown title, in bold, with a colon) is dropped
 */
export function splitCitedSentences(content: string, headings: readonly string[]): CitedSentence[] {
  const headingKeys = new Set(headings.map(headingKey));
  const sentences: CitedSentence[] = [];
  for (const rawLine of content.split(/\r?\n/)) {
    const line = rawLine.replace(LIST_PREFIX, '').trim();
    if (!/[\p{L}\p{N}]/u.test(line) || headingKeys.has(headingKey(line))) continue;
    for (const raw of splitLine(line)) {
      const citations = [...new Set([...raw.matchAll(CITATION)].flatMap((m) => (m[1] ?? '').split(/[,;]/).map(normaliseId)))];
      const text = raw.replace(CITATION, '').replace(/\s+/g, ' ').trim();
      const previous = sentences.at(-1);
      if (/[\p{L}\p{N}]/u.test(text)) sentences.push({ text, citations });
      // Markers without text (alone on their line, after a line break) belong to the sentence before.
      else if (previous) previous.citations = [...new Set([...previous.citations, ...citations])];
    }
  }
  return sentences;
}

/** One line cut into sentences, markers still in place. */
function splitLine(line: string): string[] {
  // A line opening with markers puts them before each sentence ("[S1] Elle dort. [S2] Elle mange.");
  // markers after a period then open the next sentence instead of closing the current one.
  const markersLead = citationsEnd(line, 0) > 0;
  const out: string[] = [];
  let start = 0;
  let quoteDepth = 0;
  let inStraightQuote = false;
  let i = 0;
  while (i < line.length) {
    const ch = line.charAt(i);
    let punctuationEnd = -1; // set when this character may end a sentence
    let abbreviated = false; // "M." rather than the end of a sentence
    if (OPENING_QUOTES.has(ch)) {
      quoteDepth++;
    } else if (CLOSING_QUOTES.has(ch) || (ch === '"' && inStraightQuote)) {
      if (ch === '"') inStraightQuote = false;
      else quoteDepth = Math.max(0, quoteDepth - 1);
      // « J'ai mal. » ends the sentence when the quotation does.
      if (quoteDepth === 0 && !inStraightQuote && endsWithTerminator(line.slice(start, i))) punctuationEnd = i + 1;
    } else if (ch === '"') {
      inStraightQuote = true;
    } else if (TERMINATORS.has(ch) && quoteDepth === 0 && !inStraightQuote) {
      punctuationEnd = i + 1;
      while (TERMINATORS.has(line.charAt(punctuationEnd))) punctuationEnd++;
      abbreviated = ch === '.' && punctuationEnd === i + 1 && endsWithAbbreviation(line.slice(start, i));
    }
    if (punctuationEnd < 0) {
      i++;
      continue;
    }

    // Markers right after the punctuation still belong to this sentence ("Elle dort mal. [S1]").
    const end = markersLead ? punctuationEnd : citationsEnd(line, punctuationEnd);
    const [, space = '', next = ''] = /^(\s*)(\S?)/.exec(line.slice(end)) ?? [];
    const cited = end > punctuationEnd;
    const isBoundary =
      next === '' || // end of the line
      (space !== '' && !/\p{Ll}/u.test(next) && (cited || !abbreviated)); // "1.5" and "etc. puis" go on
    if (isBoundary) {
      out.push(line.slice(start, end));
      start = end;
    }
    i = end;
  }
  if (line.slice(start).trim()) out.push(line.slice(start));
  return out;
}

/** Where the markers starting at `from` end (`from` itself when there are none). */
function citationsEnd(line: string, from: number): number {
  const sticky = new RegExp(CITATION.source, 'y');
  sticky.lastIndex = from;
  while (sticky.test(line)) from = sticky.lastIndex;
  return from;
}

function endsWithTerminator(text: string): boolean {
  return TERMINATORS.has(text.trimEnd().slice(-1));
}

function endsWithAbbreviation(text: string): boolean {
  const word = /(?:^|[^\p{L}])(\p{L}+)$/u.exec(text)?.[1];
  return word !== undefined && (ABBREVIATIONS.has(word) || /^\p{Lu}$/u.test(word));
}

function normaliseId(token: string): string {
  return token.replace(/\s+/g, '').toUpperCase();
}

/** A line compared to section names whatever its Markdown decoration: "## Autonomie", "**Autonomie :**". */
function headingKey(line: string): string {
  return line
    .replace(/^#+\s*/, '')
    .replace(/[*_]/g, '')
    .replace(/\s*:\s*$/, '')
    .trim()
    .toLowerCase();
}
