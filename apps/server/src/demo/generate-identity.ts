/**
 * Identity pieces for the demo data: names, e-mail addresses, phone numbers, INS, addresses, birth places.
 * Part of the demo generator (generate.ts).
 */
import type { Random } from '../lib/random.js';
import {
  ABROAD_PLACES,
  FIRST_NAMES,
  FRENCH_PLACES,
  LOCAL_TOWNS,
  ORIGIN_FIRST_NAME_RATE,
  ORIGIN_WEIGHTS,
  STREETS,
  SURNAMES,
  asciiFold,
  type Generation,
  type Origin,
  type Place,
  type Sex,
} from './french-corpus.js';

export const DEMO_EMAIL_DOMAIN = 'demo.presence.fr';

export function pickOrigin(r: Random, gen: Generation): Origin {
  return r.pickWeighted(ORIGIN_WEIGHTS[gen]);
}
export function pickFirstName(r: Random, gen: Generation, sex: Sex, origin: Origin): string {
  const own = FIRST_NAMES[gen][origin];
  return r.pick((own && r.chance(ORIGIN_FIRST_NAME_RATE[gen]) ? own : FIRST_NAMES[gen].fr)[sex]);
}
export function pickName(r: Random, gen: Generation, sex: Sex, origin = pickOrigin(r, gen)): { firstName: string; lastName: string; origin: Origin } {
  return { firstName: pickFirstName(r, gen, sex, origin), lastName: r.pick(SURNAMES[origin]), origin };
}

/** Hands out unique, lowercase, ASCII e-mail addresses. */
export class EmailBook {
  private readonly used = new Set<string>();
  constructor(
    private readonly domain: string,
    private readonly prefix = '',
  ) {}
  reserve(email: string): string {
    if (this.used.has(email)) throw new Error(`duplicate demo e-mail ${email}`);
    this.used.add(email);
    return email;
  }
  make(firstName: string, lastName: string): string {
    const base = `${this.prefix}${asciiFold(firstName)}.${asciiFold(lastName)}`;
    for (let n = 1; ; n++) {
      const email = `${base}${n === 1 ? '' : n}@${this.domain}`;
      if (!this.used.has(email)) return this.reserve(email);
    }
  }
}

/** Numbers in the ranges ARCEP reserves for fiction (01 99 00, 04 65 71, 06 39 98), so no real line is ever shown. */
export function phone(r: Random, landline: boolean): string {
  const block = landline ? r.pick(['04 65 71', '01 99 00']) : '06 39 98';
  return `${block} ${r.digits(2)} ${r.digits(2)}`;
}

/** INS (NIR-based): sex, year, month, birth place (department + commune, or 99 + country), order, key 97 − n mod 97. */
export function makeIns(r: Random, sex: Sex, birthDate: string, place: Place, orderRange: [number, number], used: Set<string>): string {
  for (;;) {
    const commune = place.country ?? (place.dept === '97' ? `2${String(r.int(1, 34)).padStart(2, '0')}` : String(r.int(1, 400)).padStart(3, '0'));
    const body = `${sex === 'M' ? 1 : 2}${birthDate.slice(2, 4)}${birthDate.slice(5, 7)}${place.dept}${commune}${String(r.int(...orderRange)).padStart(3, '0')}`;
    const numeric = Number(body.replace('2A', '19').replace('2B', '18'));
    const ins = body + String(97 - (numeric % 97)).padStart(2, '0');
    if (!used.has(ins)) {
      used.add(ins);
      return ins;
    }
  }
}

export function homeAddress(r: Random): string {
  const [town, postcode] = r.pick(LOCAL_TOWNS);
  return `${r.int(1, 120)}${r.chance(0.08) ? ' bis' : ''} ${r.pick(STREETS)}, ${postcode} ${town}`;
}

export function birthPlace(r: Random, origin: Origin): Place {
  const abroad = ABROAD_PLACES[origin];
  if (abroad && r.chance(0.55)) return r.pick(abroad);
  if (origin === 'antilles' && r.chance(0.7)) return FRENCH_PLACES.find((p) => p.dept === '97')!;
  return r.pickWeighted(PLACE_WEIGHTS);
}
/** Most people come from around Lyon. */
const PLACE_WEIGHTS = FRENCH_PLACES.map((p) => [p, ['69', '42', '38', '01', '71'].includes(p.dept) ? 5 : p.dept === '97' ? 0.2 : 1] as const);
