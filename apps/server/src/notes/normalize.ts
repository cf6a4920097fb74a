/**
 * Text normalisation for the note analyser: lower case, no accents, one apostrophe and one kind
 * of space, with a map from every normalised character back to the original text so that spans
 * are reported in the note as written (JavaScript string indices).
 */
export interface Normalized {
  text: string;
  /** map[i] = index in the original text of normalised character i; map[text.length] = original length. */
  map: number[];
}

const SPECIAL: Record<string, string> = {
  œ: 'oe',
  Œ: 'oe',
  æ: 'ae',
  Æ: 'ae',
  ß: 'ss',
  '’': "'",
  '‘': "'",
  ʼ: "'",
  '`': "'",
  '´': "'",
  '«': '"',
  '»': '"',
  '“': '"',
  '”': '"',
  '–': '-',
  '—': '-',
  '‑': '-',
  '→': '>',
  '⇒': '>',
  '\u00a0': ' ',
  '\u202f': ' ',
  '\t': ' ',
  '\r': ' ',
  º: '°',
  Ø: 'ø',
};

const cache = new Map<string, string>();

function foldChar(ch: string): string {
  const special = SPECIAL[ch];
  if (special !== undefined) return special;
  const code = ch.charCodeAt(0);
  if (code < 128) return ch.toLowerCase();
  let folded = cache.get(ch);
  if (folded === undefined) {
    folded = ch
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase();
    cache.set(ch, folded);
  }
  return folded;
}

export function normalize(original: string): Normalized {
  let text = '';
  const map: number[] = [];
  for (let i = 0; i < original.length; i++) {
    const folded = foldChar(original[i]!);
    for (let k = 0; k < folded.length; k++) map.push(i);
    text += folded;
  }
  map.push(original.length);
  return { text, map };
}

/** Damerau–Levenshtein distance with an early exit above `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    let rowMin = Infinity;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[(i - 1) * cols + j]! + 1, d[i * cols + j - 1]! + 1, d[(i - 1) * cols + j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[(i - 2) * cols + j - 2]! + 1);
      d[i * cols + j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
  }
  return d[rows * cols - 1]!;
}
