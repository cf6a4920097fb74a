/**
 * Seeded pseudo-random numbers for the demo data. Pure integer arithmetic (Math.imul, >>> 0), so the
 * same seed gives the same sequence on every machine and Node version. Not for anything secret.
 */

/** cyrb128: hashes a string into four 32-bit words, used to seed sfc32. */
function cyrb128(input: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < input.length; i++) {
    const k = input.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** A short, stable hexadecimal digest of a string (not cryptographic). */
export function hashString(input: string, length = 8): string {
  return cyrb128(input)
    .map((w) => w.toString(16).padStart(8, '0'))
    .join('')
    .slice(0, length);
}

const p2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** 'YYYY-MM-DD' → days since 1970-01-01. Pure arithmetic (proleptic Gregorian calendar), no Date, no time zone. */
export function toDay(iso: string): number {
  const m = Number(iso.slice(5, 7));
  const d = Number(iso.slice(8, 10));
  const y = Number(iso.slice(0, 4)) - (m <= 2 ? 1 : 0);
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Days since 1970-01-01 → 'YYYY-MM-DD' (inverse of toDay). */
export function fromDay(day: number): string {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${p2(m)}-${p2(d)}`;
}

export function addDays(iso: string, days: number): string {
  return fromDay(toDay(iso) + days);
}

/** Same day of the year, `years` later or earlier (29 February falls back to 28). */
export function addYears(iso: string, years: number): string {
  const y = Number(iso.slice(0, 4)) + years;
  const md = iso.slice(4);
  return `${String(y).padStart(4, '0')}${md === '-02-29' ? '-02-28' : md}`;
}

/** Age in whole years on `today`. */
export function ageOn(birthDate: string, today: string): number {
  return Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4)) - (today.slice(5) < birthDate.slice(5) ? 1 : 0);
}

export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(readonly seed: string | number) {
    [this.a, this.b, this.c, this.d] = cyrb128(String(seed));
    for (let i = 0; i < 12; i++) this.next(); // warm up
  }

  /** An independent stream derived from this seed and a label: adding draws in one part does not shift another. */
  fork(label: string): Random {
    return new Random(`${String(this.seed)}/${label}`);
  }

  /** sfc32: a uniform float in [0, 1). */
  next(): number {
    this.a >>>= 0;
    this.b >>>= 0;
    this.c >>>= 0;
    this.d >>>= 0;
    let t = (this.a + this.b) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.d = (this.d + 1) | 0;
    t = (t + this.d) | 0;
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    if (max < min) throw new RangeError(`int(${min}, ${max}): empty range`);
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Picks an item with probability proportional to its weight. */
  pickWeighted<T>(entries: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of entries) total += w;
    if (!(total > 0)) throw new RangeError('pickWeighted needs a positive total weight');
    let r = this.next() * total;
    for (const [item, w] of entries) {
      r -= w;
      if (r < 0) return item;
    }
    return entries[entries.length - 1]![0];
  }

  /** An index of `weights`, with probability proportional to its weight: weightedIndex([0, 30, 45, 25]) is 1, 2 or 3. */
  weightedIndex(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    if (!(total > 0)) throw new RangeError('weightedIndex needs a positive total weight');
    let r = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i]!;
      if (r < 0) return i;
    }
    return weights.length - 1;
  }

  /** A key of `weights`, with probability proportional to its value: pickKey({ open: 8, achieved: 2 }). */
  pickKey<K extends string>(weights: Readonly<Record<K, number>>): K {
    const keys = Object.keys(weights) as K[];
    return keys[this.weightedIndex(keys.map((k) => weights[k]))]!;
  }

  /** A new array, Fisher–Yates shuffled. */
  shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }

  /** k distinct items (by position), in random order; k is capped at the list length. */
  sample<T>(items: readonly T[], k: number): T[] {
    const n = Math.min(Math.max(0, k), items.length);
    if (n * 4 < items.length) {
      // Few items out of many: draw positions without shuffling the whole list.
      const taken = new Set<number>();
      const out: T[] = [];
      while (out.length < n) {
        const i = Math.floor(this.next() * items.length);
        if (!taken.has(i)) {
          taken.add(i);
          out.push(items[i]!);
        }
      }
      return out;
    }
    return this.shuffle(items).slice(0, n);
  }

  /** A date in [from, to], both 'YYYY-MM-DD' and included. */
  dateBetween(from: string, to: string): string {
    return fromDay(this.int(toDay(from), toDay(to)));
  }

  /** A string of `length` decimal digits. */
  digits(length: number): string {
    let s = '';
    for (let i = 0; i < length; i++) s += String(Math.floor(this.next() * 10));
    return s;
  }
}

export function createRandom(seed: string | number): Random {
  return new Random(seed);
}
