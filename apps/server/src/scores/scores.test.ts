import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import {
  AGGIR_GROUPS,
  AGGIR_ILLUSTRATIVE_VARIABLES,
  AGGIR_VARIABLE_KEYS,
  AGGIR_VARIABLES,
  adverbsToCode,
  combineSubVariables,
  computeAggir,
  girFromCodes,
  type AggirCode,
  type AggirVariableKey,
} from './aggir.js';
import { computeNews2, news2Band } from './news2.js';
import { computeBraden } from './braden.js';
import { computeMnaSf } from './mna-sf.js';
import { computeMiniGds } from './mini-gds.js';
import { computeGds15, GDS15_REVERSED } from './gds15.js';
import { SCORE_IDS, SCORES, ScoreInputError, computeScore, type ScoreIssue } from './index.js';

// aggir-vectors.json is a verbatim copy of /work/shared/specs/aggir-vectors.json (83 hand-derived vectors, spec scales.md §1.9).
interface Vector {
  id: string;
  kind: 'gir' | 'adverbs' | 'combine';
  variable?: AggirVariableKey;
  input: unknown;
  options?: Record<string, string>;
  expected: { gir?: number; rank?: number; code?: AggirCode };
}
const VECTORS = (JSON.parse(readFileSync(new URL('./aggir-vectors.json', import.meta.url), 'utf8')) as { vectors: Vector[] }).vectors;

/** The issues of the ScoreInputError thrown by fn (fails if none is thrown). */
function issuesOf(fn: () => unknown): ScoreIssue[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof ScoreInputError) return err.issues;
    throw err;
  }
  throw new Error('expected a ScoreInputError');
}
const fieldsOf = (fn: () => unknown) => issuesOf(fn).map((i) => i.field);

const ALL_A = Object.fromEntries(AGGIR_VARIABLE_KEYS.map((k) => [k, 'A'])) as Record<AggirVariableKey, AggirCode>;
const SUBS: Partial<Record<AggirVariableKey, string[]>> = Object.fromEntries(
  AGGIR_VARIABLES.filter((v) => v.subVariables.length).map((v) => [v.key, v.subVariables.map((s) => s.key)]),
);

describe('AGGIR: the 83 spec vectors', () => {
  it('has 83 vectors: 30 gir, 4 adverbs, 49 combine', () => {
    expect(VECTORS).toHaveLength(83);
    expect(VECTORS.filter((v) => v.kind === 'gir')).toHaveLength(30);
    expect(VECTORS.filter((v) => v.kind === 'adverbs')).toHaveLength(4);
    expect(VECTORS.filter((v) => v.kind === 'combine')).toHaveLength(49);
  });

  for (const v of VECTORS) {
    it(`${v.id} (${v.kind}${v.options ? ` ${JSON.stringify(v.options)}` : ''})`, () => {
      if (v.kind === 'gir') {
        const result = computeAggir(v.input, v.options);
        expect({ gir: result.gir, rank: result.rank }).toEqual(v.expected);
      } else if (v.kind === 'adverbs') {
        expect(adverbsToCode(v.input as Record<'S' | 'T' | 'C' | 'H', boolean>)).toBe(v.expected.code);
      } else {
        const codes = v.input as AggirCode[];
        expect(combineSubVariables(v.variable!, codes, v.options)).toBe(v.expected.code);
        // The same combination through the JSON input: sub-variables in the order of AGGIR_VARIABLES.
        const subs = SUBS[v.variable!]!;
        const input = { ...ALL_A, [v.variable!]: Object.fromEntries(subs.map((s, i) => [s, codes[i]])) };
        expect(computeAggir(input, v.options).codes[v.variable!]).toBe(v.expected.code);
      }
    });
  }
});

describe('AGGIR: every profile of the 8 active variables', () => {
  const active = AGGIR_VARIABLE_KEYS.slice(0, 8);
  const profile = (n: number, vars: readonly AggirVariableKey[]) => {
    const codes: Partial<Record<AggirVariableKey, AggirCode>> = {};
    for (const v of vars) {
      codes[v] = (['A', 'B', 'C'] as const)[n % 3]!;
      n = Math.floor(n / 3);
    }
    return codes;
  };

  it('all 3^8 = 6561 profiles give a GIR 1–6, distributed as in spec §1.9 (exhaustive)', () => {
    const count: Record<number, number> = {};
    for (let n = 0; n < 3 ** 8; n++) {
      const { gir, rank, group, sums } = computeAggir(profile(n, active));
      expect(gir).toBeGreaterThanOrEqual(1);
      expect(gir).toBeLessThanOrEqual(6);
      expect(rank).toBeGreaterThanOrEqual(1);
      expect(rank).toBeLessThanOrEqual(13);
      // sums: every group from A up to and including the deciding group, nothing after it.
      expect(Object.keys(sums)).toEqual(AGGIR_GROUPS.slice(0, AGGIR_GROUPS.indexOf(group) + 1));
      count[gir] = (count[gir] ?? 0) + 1;
    }
    expect(count).toEqual({ 1: 8, 2: 3208, 3: 2400, 4: 760, 5: 157, 6: 28 });
  });

  it('the décret 97 group-F transcription changes the GIR in 1015 of the 19 683 profiles with déplacement extérieur (spec §1.6)', () => {
    const withDe = [...active, 'deplacementExterieur' as const];
    let differ = 0;
    for (let n = 0; n < 3 ** 9; n++) {
      const codes = profile(n, withDe);
      if (girFromCodes(codes, 'casf').gir !== girFromCodes(codes, 'decret97-etalab').gir) differ++;
    }
    expect(differ).toBe(1015);
  });

  it('déplacement extérieur and communication never change the CASF GIR', () => {
    for (let n = 0; n < 3 ** 8; n += 7) {
      const base = computeAggir(profile(n, active));
      for (const de of ['B', 'C'])
        for (const com of ['A', 'C']) {
          const other = computeAggir({ ...profile(n, active), deplacementExterieur: de, communication: com });
          expect([other.gir, other.rank, other.sums]).toEqual([base.gir, base.rank, base.sums]);
        }
    }
  });

  const code = fc.constantFrom<AggirCode>('A', 'B', 'C');
  const adverbsFor = (c: AggirCode) =>
    c === 'A'
      ? fc.constant({ S: true, T: true, C: true, H: true })
      : c === 'C'
        ? fc.constant({ S: false, T: false, C: false, H: false })
        : fc
            .tuple(fc.boolean(), fc.boolean(), fc.boolean(), fc.boolean())
            .filter((b) => b.some(Boolean) && !b.every(Boolean))
            .map(([S, T, C, H]) => ({ S, T, C, H }));
  /** A code written as a letter (any case) or as adverbs, so that every form must give the same code. */
  const encoded = (c: AggirCode) => fc.oneof(fc.constant(c), fc.constant(c.toLowerCase()), adverbsFor(c));

  it('property: any profile in any encoding gives a GIR 1–6 whose rank, group and sums agree with the letter codes', () => {
    const profileArb = fc.tuple(...AGGIR_VARIABLE_KEYS.map(() => code)).chain((codes) => {
      const letters = Object.fromEntries(AGGIR_VARIABLE_KEYS.map((k, i) => [k, codes[i]!])) as Record<AggirVariableKey, AggirCode>;
      return fc.tuple(fc.constant(letters), fc.record(Object.fromEntries(AGGIR_VARIABLE_KEYS.map((k) => [k, encoded(letters[k])]))));
    });
    fc.assert(
      fc.property(profileArb, fc.constantFrom('guide', 'any-c'), fc.constantFrom('casf', 'decret97-etalab'), ([letters, input], alimentation, variant) => {
        const result = computeAggir(input, { alimentation, variant });
        expect(result.gir).toBeGreaterThanOrEqual(1);
        expect(result.gir).toBeLessThanOrEqual(6);
        expect(result.codes).toEqual(letters);
        expect(result).toEqual(girFromCodes(letters, variant));
      }),
      { numRuns: 500 },
    );
  });
});

describe('AGGIR: input forms and options', () => {
  const example = { ...ALL_A, toilette: 'B', habillage: 'B' };

  it('spec §1.8 example: GIR 4, rank 11, group H, sums of every group tested', () => {
    const r = computeAggir(example);
    expect(r).toEqual({
      gir: 4,
      rank: 11,
      group: 'H',
      sums: { A: 32, B: 32, C: 32, D: 0, E: 200, F: 200, G: 400, H: 4000 },
      codes: { ...ALL_A, toilette: 'B', habillage: 'B' },
    });
  });

  it('stops at the first group whose threshold is reached: sums then stop at that group', () => {
    const r = computeAggir(Object.fromEntries(AGGIR_VARIABLE_KEYS.map((k) => [k, 'C'])));
    expect(r).toMatchObject({ gir: 1, rank: 1, group: 'A', sums: { A: 4440 } });
    expect(Object.keys(r.sums)).toEqual(['A']);
  });

  it('matches keys loosely: accents, case, spaces, underscores and aliases', () => {
    const loose = {
      COHÉRENCE: 'A',
      Orientation: 'a',
      toilette: { Haut: 'B', BAS: 'B' },
      habillage: 'B',
      Alimentation: { se_servir: 'A', Manger: 'A' },
      élimination: { urinaire: 'A', fécale: 'A' },
      transferts: 'A',
      'deplacement intérieur': 'A',
      deplacement_exterieur: 'A',
      alerter: 'A',
    };
    expect(computeAggir(loose)).toEqual(computeAggir(example));
    expect(computeAggir({ ...ALL_A, deplacementInterieur: undefined, deplacement_interieur: 'C' }).codes.deplacementInterieur).toBe('C');
    expect(computeAggir({ ...ALL_A, communication: undefined, 'Communication à distance': 'C' }).codes.communication).toBe('C');
  });

  it('déplacement extérieur and communication may be omitted and then count as A', () => {
    const { deplacementExterieur: _de, communication: _com, ...eight } = example;
    expect(computeAggir(eight)).toEqual(computeAggir(example));
    expect(computeAggir(eight).codes).toMatchObject({ deplacementExterieur: 'A', communication: 'A' });
  });

  it('adverbs can be given with their full names; sub-variables may be adverb objects', () => {
    const adv = { spontanément: true, Totalement: false, correctement: true, HABITUELLEMENT: true };
    expect(computeAggir({ ...ALL_A, transferts: adv }).codes.transferts).toBe('B');
    expect(computeAggir({ ...ALL_A, toilette: { S: false, T: false, C: false, H: false } }).codes.toilette).toBe('C');
  });

  it('the illustrative variables are accepted and recorded, never scored', () => {
    expect(AGGIR_ILLUSTRATIVE_VARIABLES.map((v) => v.key)).toEqual(['gestion', 'cuisine', 'menage', 'transport', 'achats', 'suiviTraitement', 'tempsLibre']);
    const all = Object.fromEntries(AGGIR_ILLUSTRATIVE_VARIABLES.map((v) => [v.label, 'C']));
    expect(computeAggir({ ...example, ...all })).toEqual(computeAggir(example));
  });

  it('exports the ten variables with labels and sub-variables for the form', () => {
    expect(AGGIR_VARIABLES.map((v) => v.key)).toEqual([...AGGIR_VARIABLE_KEYS]);
    expect(AGGIR_VARIABLES.every((v) => v.label && v.description)).toBe(true);
    expect(SUBS).toEqual({
      coherence: ['communication', 'comportement'],
      orientation: ['temps', 'espace'],
      toilette: ['haut', 'bas'],
      habillage: ['haut', 'moyen', 'bas'],
      alimentation: ['seServir', 'manger'],
      elimination: ['urinaire', 'fecale'],
    });
    expect(AGGIR_VARIABLES.filter((v) => !v.required).map((v) => v.key)).toEqual(['deplacementExterieur', 'communication']);
  });

  it('the alimentation option and the variant option change the result as in S01 and G23/G24', () => {
    const s01 = { ...ALL_A, alimentation: { seServir: 'C', manger: 'A' }, elimination: 'B', transferts: 'B' };
    expect(computeAggir(s01)).toMatchObject({ gir: 4, rank: 11 });
    expect(computeAggir(s01, { alimentation: 'guide' })).toMatchObject({ gir: 4, rank: 11 });
    expect(computeAggir(s01, { alimentation: 'any-c' })).toMatchObject({ gir: 2, rank: 7 });
    const g24 = { ...ALL_A, toilette: 'C', deplacementInterieur: 'C' };
    expect(computeAggir(g24, { variant: 'casf' }).gir).not.toBe(computeAggir(g24, { variant: 'decret97-etalab' }).gir);
  });
});

describe('AGGIR: bad input', () => {
  it('reports every problem at once, by JSON path', () => {
    const issues = issuesOf(() =>
      computeAggir(
        {
          ...ALL_A,
          coherence: 'D',
          toilette: { haut: 'A' },
          alimentation: { seServir: 'X', manger: 'A', boire: 'A' },
          habillage: { S: true, T: 'yes', C: true },
          transferts: undefined,
          deplacementInterieur: 3,
          foo: 'A',
        },
        { alimentation: 'any', variant: 'x', other: 1 },
      ),
    );
    expect(issues).toEqual([
      { field: 'coherence', reason: 'expected A, B or C' },
      { field: 'toilette.bas', reason: 'required' },
      { field: 'habillage.T', reason: 'expected true or false' },
      { field: 'habillage.H', reason: 'required' },
      { field: 'alimentation.seServir', reason: 'expected A, B or C' },
      { field: 'alimentation.boire', reason: 'unknown key' },
      { field: 'deplacementInterieur', reason: 'expected A, B or C, or an adverb object {S, T, C, H}' },
      { field: 'foo', reason: 'unknown key' },
      { field: 'transferts', reason: 'required' },
      { field: 'options.alimentation', reason: 'expected guide or any-c' },
      { field: 'options.variant', reason: 'expected casf or decret97-etalab' },
      { field: 'options.other', reason: 'unknown key' },
    ]);
  });

  it('names the path as the caller wrote it, and refuses duplicates after loose matching', () => {
    expect(issuesOf(() => computeAggir({ ...ALL_A, alimentation: { se_servir: 'Z', manger: 'A' } }))).toEqual([
      { field: 'alimentation.se_servir', reason: 'expected A, B or C' },
    ]);
    expect(issuesOf(() => computeAggir({ ...ALL_A, 'Déplacement intérieur': 'B' }))).toEqual([
      { field: 'Déplacement intérieur', reason: 'duplicate of deplacementInterieur' },
    ]);
  });

  it('refuses a value that is neither a letter, nor adverbs, nor sub-variables; and a non-object input', () => {
    expect(issuesOf(() => computeAggir({ ...ALL_A, toilette: ['A', 'B'] }))).toEqual([
      { field: 'toilette', reason: 'expected A, B or C, an adverb object {S, T, C, H}, or an object of sub-variables (haut or bas)' },
    ]);
    expect(fieldsOf(() => computeAggir({ ...ALL_A, transferts: { haut: 'A' } }))).toEqual([
      'transferts.haut',
      'transferts.S',
      'transferts.T',
      'transferts.C',
      'transferts.H',
    ]);
    expect(issuesOf(() => computeAggir('GIR 4'))).toEqual([{ field: '(root)', reason: 'expected a JSON object' }]);
    expect(fieldsOf(() => computeAggir({}))).toEqual(AGGIR_VARIABLE_KEYS.slice(0, 8));
  });
});

// ---------------------------------------------------------------------------------------------------------------
// NEWS2

type News2Row = [
  id: string,
  rr: number,
  spo2: number,
  scale: 1 | 2,
  oxygen: boolean,
  sbp: number,
  hr: number,
  acvpu: string,
  t: number,
  sub: number[],
  total: number,
  band: string,
];
const news2Input = (r: News2Row) => ({
  respirationRate: r[1],
  spo2: r[2],
  scale: r[3],
  oxygen: r[4],
  systolicBP: r[5],
  pulse: r[6],
  consciousness: r[7],
  temperature: r[8],
});
const NORMAL = { respirationRate: 16, spo2: 97, oxygen: false, systolicBP: 125, pulse: 75, consciousness: 'A', temperature: 37 };

describe('NEWS2: worked examples N1–N8 (spec §2.3)', () => {
  const rows: News2Row[] = [
    ['N1', 18, 97, 1, false, 125, 80, 'A', 37.0, [0, 0, 0, 0, 0, 0, 0], 0, 'low'],
    ['N2', 22, 95, 1, false, 105, 95, 'A', 38.3, [2, 1, 0, 1, 1, 0, 1], 6, 'medium'],
    ['N3', 26, 90, 1, true, 88, 135, 'V', 34.8, [3, 3, 2, 3, 3, 3, 3], 20, 'high'],
    ['N4', 12, 96, 1, false, 130, 70, 'C', 37.5, [0, 0, 0, 0, 0, 3, 0], 3, 'low'],
    ['N5a', 20, 95, 2, true, 115, 88, 'A', 36.5, [0, 2, 2, 0, 0, 0, 0], 4, 'low'],
    ['N5b', 20, 95, 1, true, 115, 88, 'A', 36.5, [0, 1, 2, 0, 0, 0, 0], 3, 'low'],
    ['N6', 21, 94, 2, false, 111, 91, 'A', 38.1, [2, 0, 0, 0, 1, 0, 1], 4, 'low'],
    ['N7', 9, 92, 1, false, 100, 50, 'A', 36.0, [1, 2, 0, 2, 1, 0, 1], 7, 'high'],
    ['N8', 25, 86, 2, false, 220, 131, 'A', 39.1, [3, 1, 0, 3, 3, 0, 2], 12, 'high'],
  ];
  for (const row of rows)
    it(`${row[0]}: sub-scores ${row[9].join(',')}, total ${row[10]}, ${row[11]}`, () => {
      const r = computeNews2(news2Input(row));
      expect(Object.values(r.subScores)).toEqual(row[9]);
      expect(Object.keys(r.subScores)).toEqual(['respirationRate', 'spo2', 'oxygen', 'systolicBP', 'pulse', 'consciousness', 'temperature']);
      expect(r.total).toBe(row[10]);
      expect(r.band).toBe(row[11]);
      expect(r.redFlag).toBe(row[9].includes(3));
    });

  it('N1 → 12-hourly routine; N4 → low band, red flag, 1-hourly; N2 → urgent; N3 → continuous', () => {
    expect(computeNews2(news2Input(rows[0]!))).toMatchObject({ monitoring: '12-hourly', response: 'news2.response.routine', redFlag: false });
    expect(computeNews2(news2Input(rows[3]!))).toMatchObject({
      band: 'low',
      redFlag: true,
      monitoring: '1-hourly',
      response: 'news2.response.single-red-score',
    });
    expect(computeNews2(news2Input(rows[1]!))).toMatchObject({ band: 'medium', monitoring: '1-hourly', response: 'news2.response.urgent' });
    expect(computeNews2(news2Input(rows[2]!))).toMatchObject({ band: 'high', monitoring: 'continuous', response: 'news2.response.emergency' });
    expect(computeNews2(news2Input(rows[5]!))).toMatchObject({ monitoring: '4-6-hourly', response: 'news2.response.inform-nurse' });
  });
});

describe('NEWS2: every band edge (Chart 1)', () => {
  const edges: [param: string, extra: Record<string, unknown>, sub: string, pairs: [number, number][]][] = [
    [
      'respirationRate',
      {},
      'respirationRate',
      [
        [0, 3],
        [8, 3],
        [9, 1],
        [11, 1],
        [12, 0],
        [20, 0],
        [21, 2],
        [24, 2],
        [25, 3],
        [80, 3],
      ],
    ],
    [
      'spo2',
      {},
      'spo2',
      [
        [50, 3],
        [91, 3],
        [92, 2],
        [93, 2],
        [94, 1],
        [95, 1],
        [96, 0],
        [100, 0],
      ],
    ],
    [
      'spo2',
      { oxygen: true },
      'spo2',
      [
        [91, 3],
        [92, 2],
        [93, 2],
        [94, 1],
        [95, 1],
        [96, 0],
        [100, 0],
      ],
    ],
    [
      'spo2',
      { scale: 2 },
      'spo2',
      [
        [83, 3],
        [84, 2],
        [85, 2],
        [86, 1],
        [87, 1],
        [88, 0],
        [92, 0],
        [93, 0],
        [96, 0],
        [97, 0],
        [100, 0],
      ],
    ],
    [
      'spo2',
      { scale: 2, oxygen: true },
      'spo2',
      [
        [83, 3],
        [84, 2],
        [85, 2],
        [86, 1],
        [87, 1],
        [88, 0],
        [92, 0],
        [93, 1],
        [94, 1],
        [95, 2],
        [96, 2],
        [97, 3],
        [100, 3],
      ],
    ],
    [
      'systolicBP',
      {},
      'systolicBP',
      [
        [40, 3],
        [90, 3],
        [91, 2],
        [100, 2],
        [101, 1],
        [110, 1],
        [111, 0],
        [219, 0],
        [220, 3],
        [300, 3],
      ],
    ],
    [
      'pulse',
      {},
      'pulse',
      [
        [20, 3],
        [40, 3],
        [41, 1],
        [50, 1],
        [51, 0],
        [90, 0],
        [91, 1],
        [110, 1],
        [111, 2],
        [130, 2],
        [131, 3],
        [300, 3],
      ],
    ],
    [
      'temperature',
      {},
      'temperature',
      [
        [25, 3],
        [35.0, 3],
        [35.1, 1],
        [36.0, 1],
        [36.1, 0],
        [38.0, 0],
        [38.1, 1],
        [39.0, 1],
        [39.1, 2],
        [45, 2],
      ],
    ],
  ];
  for (const [param, extra, sub, pairs] of edges)
    it(`${param} ${JSON.stringify(extra)}: ${pairs.map(([v, s]) => `${v}→${s}`).join(' ')}`, () => {
      for (const [value, score] of pairs)
        expect(computeNews2({ ...NORMAL, ...extra, [param]: value }).subScores[sub as 'spo2'], `${param}=${value}`).toBe(score);
    });

  it('air scores 0 and oxygen 2; A scores 0 and C, V, P, U score 3', () => {
    expect(computeNews2(NORMAL).subScores.oxygen).toBe(0);
    expect(computeNews2({ ...NORMAL, oxygen: true }).subScores.oxygen).toBe(2);
    for (const c of ['C', 'V', 'P', 'U']) expect(computeNews2({ ...NORMAL, consciousness: c })).toMatchObject({ total: 3, redFlag: true });
  });

  it('aggregate bands: 0 and 1–4 low, 5–6 medium, 7 and more high', () => {
    expect([0, 1, 4, 5, 6, 7, 20].map(news2Band)).toEqual(['low', 'low', 'low', 'medium', 'medium', 'high', 'high']);
    // Totals built from sub-scores of 1 and 2 only, so that no red flag interferes.
    const at = (total: number) => {
      const parts = { respirationRate: 22, pulse: 115, spo2: 93, temperature: 38.5, systolicBP: 105 }; // 2 + 2 + 2 + 1 + 1
      const keys = Object.keys(parts) as (keyof typeof parts)[];
      let left = total;
      const input: Record<string, unknown> = { ...NORMAL };
      for (const k of keys) {
        const r = computeNews2({ ...NORMAL, [k]: parts[k] }).subScores[k];
        if (r <= left) {
          input[k] = parts[k];
          left -= r;
        }
      }
      if (left) throw new Error(`cannot build ${total}`);
      return computeNews2(input);
    };
    expect(at(0)).toMatchObject({ total: 0, band: 'low', monitoring: '12-hourly' });
    expect(at(1)).toMatchObject({ total: 1, band: 'low', monitoring: '4-6-hourly' });
    expect(at(4)).toMatchObject({ total: 4, band: 'low', monitoring: '4-6-hourly', redFlag: false });
    expect(at(5)).toMatchObject({ total: 5, band: 'medium', monitoring: '1-hourly', redFlag: false });
    expect(at(6)).toMatchObject({ total: 6, band: 'medium', monitoring: '1-hourly' });
    expect(at(7)).toMatchObject({ total: 7, band: 'high', monitoring: 'continuous', redFlag: false });
    expect(at(8)).toMatchObject({ total: 8, band: 'high' });
  });

  it('a red flag does not change the band; with a medium or high total the aggregate response wins', () => {
    expect(computeNews2({ ...NORMAL, respirationRate: 25, pulse: 95, temperature: 38.5 })).toMatchObject({
      total: 5,
      band: 'medium',
      redFlag: true,
      response: 'news2.response.urgent',
    });
  });

  it('rounds temperature to 0.1 °C and the other values to the nearest integer, halves up, before banding', () => {
    const t = (temperature: number) => computeNews2({ ...NORMAL, temperature });
    expect(t(35.04)).toMatchObject({ values: { temperature: 35 }, subScores: { temperature: 3 } });
    expect(t(35.05)).toMatchObject({ values: { temperature: 35.1 }, subScores: { temperature: 1 } });
    expect(t(38.04).subScores.temperature).toBe(0);
    expect(t(38.05)).toMatchObject({ values: { temperature: 38.1 }, subScores: { temperature: 1 } });
    expect(t(37.95).values.temperature).toBe(38);
    expect(computeNews2({ ...NORMAL, respirationRate: 11.5 })).toMatchObject({ values: { respirationRate: 12 }, subScores: { respirationRate: 0 } });
    expect(computeNews2({ ...NORMAL, respirationRate: 11.49 }).subScores.respirationRate).toBe(1);
    expect(computeNews2({ ...NORMAL, spo2: 95.5 }).subScores.spo2).toBe(0);
    expect(computeNews2({ ...NORMAL, systolicBP: 219.5 }).subScores.systolicBP).toBe(3);
    expect(computeNews2({ ...NORMAL, pulse: 90.4 }).subScores.pulse).toBe(0);
  });
});

describe('NEWS2: bad input', () => {
  it('refuses physiologically impossible values, wrong types, unknown and missing keys, all at once', () => {
    expect(
      issuesOf(() => computeNews2({ respirationRate: 400, spo2: 130, scale: 3, oxygen: 'no', systolicBP: '120', pulse: 10, consciousness: 'alert', extra: 1 })),
    ).toEqual([
      { field: 'respirationRate', reason: 'must be between 0 and 80' },
      { field: 'spo2', reason: 'must be between 50 and 100' },
      { field: 'scale', reason: 'expected 1 or 2' },
      { field: 'oxygen', reason: 'expected true or false' },
      { field: 'systolicBP', reason: 'expected a number' },
      { field: 'pulse', reason: 'must be between 20 and 300' },
      { field: 'consciousness', reason: 'expected A, C, V, P or U' },
      { field: 'temperature', reason: 'required' },
      { field: 'extra', reason: 'unknown key' },
    ]);
  });

  it('range limits are inclusive, on the value as given', () => {
    for (const [k, lo, hi] of [
      ['respirationRate', 0, 80],
      ['spo2', 50, 100],
      ['systolicBP', 40, 300],
      ['pulse', 20, 300],
      ['temperature', 25, 45],
    ] as const) {
      expect(() => computeNews2({ ...NORMAL, [k]: lo })).not.toThrow();
      expect(() => computeNews2({ ...NORMAL, [k]: hi })).not.toThrow();
      expect(fieldsOf(() => computeNews2({ ...NORMAL, [k]: lo - 0.1 }))).toEqual([k]);
      expect(fieldsOf(() => computeNews2({ ...NORMAL, [k]: hi + 0.1 }))).toEqual([k]);
    }
    expect(fieldsOf(() => computeNews2({ ...NORMAL, temperature: 98.6 }))).toEqual(['temperature']);
    expect(fieldsOf(() => computeNews2({ ...NORMAL, pulse: Number.NaN }))).toEqual(['pulse']);
    expect(issuesOf(() => computeNews2(NORMAL, { scale: 2 }))).toEqual([{ field: 'options.scale', reason: 'unknown key' }]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Braden, MNA-SF, Mini-GDS, GDS-15

/** Braden items adding up to `total` (6–23). */
function bradenTotal(total: number) {
  const items = { sensoryPerception: 1, moisture: 1, activity: 1, mobility: 1, nutrition: 1, frictionShear: 1 };
  const max = { sensoryPerception: 4, moisture: 4, activity: 4, mobility: 4, nutrition: 4, frictionShear: 3 };
  let left = total - 6;
  for (const k of Object.keys(items) as (keyof typeof items)[]) {
    const add = Math.min(left, max[k] - 1);
    items[k] += add;
    left -= add;
  }
  return items;
}

describe('Braden', () => {
  it('totals 6–23 fall in the default bands, with every edge', () => {
    const band = (t: number) => computeBraden(bradenTotal(t)).band;
    expect(computeBraden(bradenTotal(6)).total).toBe(6);
    expect(computeBraden(bradenTotal(23)).total).toBe(23);
    expect([6, 9, 10, 12, 13, 14, 15, 18, 19, 23].map(band)).toEqual([
      'very-high',
      'very-high',
      'high',
      'high',
      'moderate',
      'moderate',
      'mild',
      'mild',
      'none',
      'none',
    ]);
  });

  it('at risk when total ≤ 18 by default; the threshold is an option', () => {
    expect(computeBraden(bradenTotal(18))).toMatchObject({ total: 18, atRisk: true, threshold: 18 });
    expect(computeBraden(bradenTotal(19))).toMatchObject({ atRisk: false });
    expect(computeBraden(bradenTotal(16), { threshold: 16 })).toMatchObject({ atRisk: true, threshold: 16 });
    expect(computeBraden(bradenTotal(17), { threshold: 16 })).toMatchObject({ atRisk: false, band: 'mild' });
  });

  it('bad input: friction & shear is 1–3, the others 1–4, integers, all required', () => {
    expect(
      issuesOf(() => computeBraden({ sensoryPerception: 0, moisture: 5, activity: 2.5, mobility: '3', frictionShear: 4, pressure: 1 }, { threshold: 30 })),
    ).toEqual([
      { field: 'sensoryPerception', reason: 'must be an integer between 1 and 4' },
      { field: 'moisture', reason: 'must be an integer between 1 and 4' },
      { field: 'activity', reason: 'must be an integer between 1 and 4' },
      { field: 'mobility', reason: 'expected an integer between 1 and 4' },
      { field: 'nutrition', reason: 'required' },
      { field: 'frictionShear', reason: 'must be an integer between 1 and 3' },
      { field: 'pressure', reason: 'unknown key' },
      { field: 'options.threshold', reason: 'must be an integer between 6 and 23' },
    ]);
  });
});

describe('MNA-SF', () => {
  const full = { A: 2, B: 3, C: 2, D: 2, E: 2, F1: 3 };
  it('total 0–14 with the band edges 7/8 and 11/12', () => {
    expect(computeMnaSf(full)).toMatchObject({ total: 14, band: 'normal', measure: 'bmi' });
    expect(computeMnaSf({ ...full, F1: 1 })).toMatchObject({ total: 12, band: 'normal' });
    expect(computeMnaSf({ ...full, F1: 0 })).toMatchObject({ total: 11, band: 'at-risk' });
    expect(computeMnaSf({ ...full, B: 0, F1: 0 })).toMatchObject({ total: 8, band: 'at-risk' });
    expect(computeMnaSf({ ...full, B: 0, F1: 0, C: 1 })).toMatchObject({ total: 7, band: 'malnourished' });
    expect(computeMnaSf({ A: 0, B: 0, C: 0, D: 0, E: 0, F1: 0 })).toMatchObject({ total: 0, band: 'malnourished' });
  });

  it('F2 (calf circumference) replaces F1 when the BMI is not available', () => {
    const { F1: _f1, ...noBmi } = full;
    expect(computeMnaSf({ ...noBmi, F2: 3 })).toMatchObject({ total: 14, measure: 'calf', items: { F2: 3 } });
    expect(computeMnaSf({ ...noBmi, F2: 0 })).toMatchObject({ total: 11, band: 'at-risk' });
  });

  it('bad input: both F1 and F2, neither, D other than 0 or 2, out-of-range items', () => {
    expect(issuesOf(() => computeMnaSf({ ...full, F2: 3 }))).toEqual([
      { field: 'F2', reason: 'give F1 (BMI) or F2 (calf circumference), not both: F2 only when the BMI is not available' },
    ]);
    const { F1: _f1, ...noF } = full;
    expect(fieldsOf(() => computeMnaSf(noF))).toEqual(['F1']);
    expect(issuesOf(() => computeMnaSf({ ...noF, A: 3, B: -1, D: 1, F2: 2 }))).toEqual([
      { field: 'A', reason: 'must be an integer between 0 and 2' },
      { field: 'B', reason: 'must be an integer between 0 and 3' },
      { field: 'D', reason: 'expected 0 or 2' },
      { field: 'F2', reason: 'expected 0 or 3' },
    ]);
  });
});

describe('Mini-GDS', () => {
  const none = { q1: false, q2: false, q3: true, q4: false };
  it('question 3 is reversed: "non" scores 1', () => {
    expect(computeMiniGds(none)).toMatchObject({ score: 0, suspicion: false });
    expect(computeMiniGds({ ...none, q3: false })).toMatchObject({ score: 1, items: { q3: 1 }, suspicion: true });
    expect(computeMiniGds({ ...none, q1: true })).toMatchObject({ score: 1, items: { q1: 1 }, suspicion: true });
    expect(computeMiniGds({ q1: true, q2: true, q3: false, q4: true })).toMatchObject({ score: 4 });
  });

  it('suspicion at score ≥ 1 by default; the threshold is an option', () => {
    expect(computeMiniGds({ ...none, q2: true }, { threshold: 2 })).toMatchObject({ score: 1, suspicion: false, threshold: 2 });
    expect(computeMiniGds({ ...none, q2: true, q4: true }, { threshold: 2 })).toMatchObject({ score: 2, suspicion: true });
  });

  it('bad input', () => {
    expect(issuesOf(() => computeMiniGds({ q1: 'oui', q2: false, q3: 1, q5: true }, { threshold: 0 }))).toEqual([
      { field: 'q1', reason: 'expected true or false' },
      { field: 'q3', reason: 'expected true or false' },
      { field: 'q4', reason: 'required' },
      { field: 'q5', reason: 'unknown key' },
      { field: 'options.threshold', reason: 'must be an integer between 1 and 4' },
    ]);
  });
});

describe('GDS-15', () => {
  const reversed = new Set<number>(GDS15_REVERSED);
  /** Answers scoring the given questions (1-based) and no others. */
  const scoring = (...qs: number[]) => Object.fromEntries(Array.from({ length: 15 }, (_, i) => [`q${i + 1}`, reversed.has(i + 1) !== qs.includes(i + 1)]));

  it('"no" scores on questions 1, 5, 7, 11, 13, "yes" on the others', () => {
    expect(computeGds15(scoring()).score).toBe(0);
    for (let q = 1; q <= 15; q++) {
      const answers = scoring(q);
      expect(answers[`q${q}`], `q${q}`).toBe(!reversed.has(q));
      expect(computeGds15(answers)).toMatchObject({ score: 1, items: { [`q${q}`]: 1 } });
    }
    expect(computeGds15(scoring(...Array.from({ length: 15 }, (_, i) => i + 1))).score).toBe(15);
  });

  it('flags at ≥ 5 by default (configurable) and at ≥ 10', () => {
    expect(computeGds15(scoring(1, 2, 3, 4))).toMatchObject({ score: 4, depressionSuggested: false, depressionAlmostCertain: false });
    expect(computeGds15(scoring(1, 2, 3, 4, 5))).toMatchObject({ score: 5, depressionSuggested: true, threshold: 5 });
    expect(computeGds15(scoring(1, 2, 3, 4, 5), { threshold: 6 })).toMatchObject({ depressionSuggested: false, threshold: 6 });
    expect(computeGds15(scoring(1, 2, 3, 4, 5, 6, 7, 8, 9))).toMatchObject({ score: 9, depressionAlmostCertain: false });
    expect(computeGds15(scoring(1, 2, 3, 4, 5, 6, 7, 8, 9, 10))).toMatchObject({ score: 10, depressionAlmostCertain: true });
  });

  it('bad input', () => {
    const { q7: _q7, ...missing } = scoring();
    expect(issuesOf(() => computeGds15({ ...missing, q2: 'yes', q16: true }, { threshold: 16, cutoff: 5 }))).toEqual([
      { field: 'q2', reason: 'expected true or false' },
      { field: 'q7', reason: 'required' },
      { field: 'q16', reason: 'unknown key' },
      { field: 'options.threshold', reason: 'must be an integer between 1 and 15' },
      { field: 'options.cutoff', reason: 'unknown key' },
    ]);
  });
});

describe('registry', () => {
  it('holds the six scales by name, each with a version, callable by name', () => {
    expect(Object.keys(SCORES)).toEqual([...SCORE_IDS]);
    for (const id of SCORE_IDS) {
      expect(SCORES[id].id).toBe(id);
      expect(SCORES[id].version).toMatch(/^\d+\.\d+\.\d+$/);
    }
    expect(computeScore('aggir', { ...ALL_A, toilette: 'B', habillage: 'B' })).toMatchObject({ gir: 4, rank: 11, group: 'H' });
    expect(computeScore('news2', NORMAL)).toMatchObject({ total: 0 });
    expect(computeScore('braden', bradenTotal(12), { threshold: 12 })).toMatchObject({ atRisk: true });
    expect(computeScore('gds-15', scoring0())).toMatchObject({ score: 0 });
    for (const id of SCORE_IDS) expect(fieldsOf(() => SCORES[id].compute(null))).toEqual(['(root)']);
  });
});

function scoring0() {
  return Object.fromEntries(Array.from({ length: 15 }, (_, i) => [`q${i + 1}`, (GDS15_REVERSED as readonly number[]).includes(i + 1)]));
}
