/**
 * AGGIR grid → GIR (groupe iso-ressources), as specified in /work/shared/specs/scales.md §1 (docs/assessments.md).
 *
 * - §1.2 the ten discriminant variables and their sub-variables (CASF annexe 2-1, guide de remplissage 2008);
 * - §1.3 adverbs S/T/C/H → A/B/C;
 * - §1.4 sub-variables → variable code (option `alimentation`: `guide` by default, or `any-c`);
 * - §1.5 group weights, rank thresholds and rank → GIR (CASF annexe 2-2, the normative algorithm);
 * - §1.6 the décret 97-427 transcription of group F, available as `variant: 'decret97-etalab'` only to measure its effect.
 *
 * Pure: no platform, no database. Bad input throws ScoreInputError listing every problem found.
 */
import { z } from 'zod';
import { ROOT, isPlainObject, joinPath, orList, throwIfAny, tryParseOptions, type ScoreIssue } from './input.js';

export const AGGIR_VERSION = '1.0.0';

export type AggirCode = 'A' | 'B' | 'C';
export const AGGIR_CODES: readonly AggirCode[] = ['A', 'B', 'C'];

export const AGGIR_GROUPS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'] as const;
export type AggirGroup = (typeof AGGIR_GROUPS)[number];

export const AGGIR_VARIABLE_KEYS = [
  'coherence',
  'orientation',
  'toilette',
  'habillage',
  'alimentation',
  'elimination',
  'transferts',
  'deplacementInterieur',
  'deplacementExterieur',
  'communication',
] as const;
export type AggirVariableKey = (typeof AGGIR_VARIABLE_KEYS)[number];

/** How the codes of a variable's sub-variables give the variable's code (spec §1.4). */
export type CombinationRule =
  /** all A → A; any C → C; otherwise B (cohérence, orientation, élimination; alimentation with `any-c`). */
  | 'any-c'
  /** all A → A; all C → C; otherwise B (toilette, habillage). */
  | 'all-same'
  /** all A → A; both C, or B with C → C; otherwise (including A with C) B — the guide's "autres = B" (default). */
  | 'guide';

export interface AggirSubVariable {
  key: string;
  label: string;
  description?: string;
}

export interface AggirVariable {
  key: AggirVariableKey;
  /** Official label (CASF annexe 2-1). */
  label: string;
  description: string;
  /** Empty when the variable is coded directly. */
  subVariables: readonly AggirSubVariable[];
  /** False for déplacement extérieur and communication: they may be omitted (they then count as A; they weigh 0). */
  required: boolean;
  /** False when the variable weighs 0 in every group of the CASF table (déplacement extérieur, communication). */
  weighs: boolean;
}

/** The ten discriminant variables, in the order of every table (spec §1.2). The UI renders its form from this list. */
export const AGGIR_VARIABLES: readonly AggirVariable[] = [
  {
    key: 'coherence',
    label: 'Cohérence',
    description: 'Converser et/ou se comporter de façon sensée',
    subVariables: [
      { key: 'communication', label: 'Communication' },
      { key: 'comportement', label: 'Comportement' },
    ],
    required: true,
    weighs: true,
  },
  {
    key: 'orientation',
    label: 'Orientation',
    description: 'Se repérer dans le temps, les moments de la journée et dans les lieux',
    subVariables: [
      { key: 'temps', label: 'Dans le temps' },
      { key: 'espace', label: "Dans l'espace" },
    ],
    required: true,
    weighs: true,
  },
  {
    key: 'toilette',
    label: 'Toilette',
    description: "Concerne l'hygiène corporelle",
    subVariables: [
      { key: 'haut', label: 'Toilette du haut', description: 'Visage, tronc, membres supérieurs et mains' },
      { key: 'bas', label: 'Toilette du bas', description: 'Régions intimes, membres inférieurs et pieds' },
    ],
    required: true,
    weighs: true,
  },
  {
    key: 'habillage',
    label: 'Habillage',
    description: "S'habiller, se déshabiller, se présenter",
    subVariables: [
      { key: 'haut', label: 'Habillage du haut', description: 'Vêtements passés par la tête ou les bras' },
      { key: 'moyen', label: 'Habillage moyen', description: 'Fermer les vêtements : boutons, fermeture, ceinture, bretelles, soutien-gorge' },
      { key: 'bas', label: 'Habillage du bas', description: 'Vêtements du bas du corps, y compris chaussettes et chaussures' },
    ],
    required: true,
    weighs: true,
  },
  {
    key: 'alimentation',
    label: 'Alimentation',
    description: 'Manger les aliments préparés',
    subVariables: [
      { key: 'seServir', label: 'Se servir', description: 'Couper la viande, ouvrir un pot de yaourt, peler un fruit, remplir son verre' },
      { key: 'manger', label: 'Manger', description: 'Porter les aliments et les boissons à la bouche et avaler' },
    ],
    required: true,
    weighs: true,
  },
  {
    key: 'elimination',
    label: 'Élimination',
    description: "Assumer l'hygiène de l'élimination urinaire et fécale",
    subVariables: [
      { key: 'urinaire', label: 'Élimination urinaire' },
      { key: 'fecale', label: 'Élimination fécale' },
    ],
    required: true,
    weighs: true,
  },
  { key: 'transferts', label: 'Transferts', description: "Se lever, se coucher, s'asseoir", subVariables: [], required: true, weighs: true },
  {
    key: 'deplacementInterieur',
    label: "Déplacement à l'intérieur",
    description: 'Avec ou sans canne, déambulateur, fauteuil roulant…',
    subVariables: [],
    required: true,
    weighs: true,
  },
  {
    key: 'deplacementExterieur',
    label: "Déplacement à l'extérieur",
    description: "À partir de la porte d'entrée sans moyen de transport",
    subVariables: [],
    required: false,
    weighs: false,
  },
  {
    key: 'communication',
    label: 'Communication à distance',
    description: 'Alerter : utiliser les moyens de communication, téléphone, sonnette, alarme…',
    subVariables: [],
    required: false,
    weighs: false,
  },
];

/** The seven illustrative variables (CASF annexe 2-1): recorded, accepted in the input, never scored. */
export const AGGIR_ILLUSTRATIVE_VARIABLES = [
  { key: 'gestion', label: 'Gestion', description: 'Gérer ses propres affaires, son budget, ses biens' },
  { key: 'cuisine', label: 'Cuisine', description: 'Préparer ses repas et les conditionner pour être servis' },
  { key: 'menage', label: 'Ménage', description: "Effectuer l'ensemble des travaux ménagers" },
  { key: 'transport', label: 'Transport', description: 'Prendre et/ou commander un moyen de transport' },
  { key: 'achats', label: 'Achats', description: 'Acquisition directe ou par correspondance' },
  { key: 'suiviTraitement', label: 'Suivi du traitement', description: "Se conformer à l'ordonnance du médecin" },
  { key: 'tempsLibre', label: 'Activités de temps libre', description: 'Activités sportives, culturelles, sociales, de loisir ou de passe-temps' },
] as const;
export type AggirIllustrativeKey = (typeof AGGIR_ILLUSTRATIVE_VARIABLES)[number]['key'];

/** The four adverbs (spec §1.3): what the person does alone, Spontanément, Totalement, Correctement, Habituellement. */
export const AGGIR_ADVERBS = [
  { key: 'S', label: 'Spontanément' },
  { key: 'T', label: 'Totalement' },
  { key: 'C', label: 'Correctement' },
  { key: 'H', label: 'Habituellement' },
] as const;
export type AggirAdverb = (typeof AGGIR_ADVERBS)[number]['key'];
export type AdverbAnswers = Record<AggirAdverb, boolean>;

export type AlimentationRule = 'guide' | 'any-c';
export type AggirVariant = 'casf' | 'decret97-etalab';

export interface AggirOptions {
  /** Sub-variable rule for alimentation (spec §1.4). Default `guide`: A with C gives B. `any-c`: any C gives C. */
  alimentation?: AlimentationRule;
  /** Weight table (spec §1.6). Default `casf` (annexe 2-2); `decret97-etalab` uses the 1997 transcription of group F. */
  variant?: AggirVariant;
}

export interface AggirResult {
  gir: 1 | 2 | 3 | 4 | 5 | 6;
  /** Rang 1–13 of annexe 2-2. */
  rank: number;
  /** The group whose threshold gave the rank. */
  group: AggirGroup;
  /**
   * The group sums S_g actually computed: every group from A up to and including `group`, in order. Groups after
   * `group` are not computed (annexe 2-2 stops at the first threshold reached) and are absent.
   */
  sums: Partial<Record<AggirGroup, number>>;
  /** The A/B/C code of each of the ten discriminant variables, in table order (omitted variables count as A). */
  codes: Record<AggirVariableKey, AggirCode>;
}

// ---------------------------------------------------------------------------------------------------------------
// §1.3 and §1.4: adverbs and sub-variables

/** All four adverbs "yes" → A; all four "no" → C; any mix → B. `true` means the person does it that way. */
export function adverbsToCode(answers: AdverbAnswers): AggirCode {
  const yes = AGGIR_ADVERBS.filter((a) => answers[a.key]).length;
  return yes === 4 ? 'A' : yes === 0 ? 'C' : 'B';
}

const RULES: Record<AggirVariableKey, CombinationRule | null> = {
  coherence: 'any-c',
  orientation: 'any-c',
  toilette: 'all-same',
  habillage: 'all-same',
  alimentation: 'guide',
  elimination: 'any-c',
  transferts: null,
  deplacementInterieur: null,
  deplacementExterieur: null,
  communication: null,
};

export function combineByRule(rule: CombinationRule, codes: readonly AggirCode[]): AggirCode {
  if (codes.every((c) => c === 'A')) return 'A';
  switch (rule) {
    case 'any-c':
      return codes.includes('C') ? 'C' : 'B';
    case 'all-same':
      return codes.every((c) => c === 'C') ? 'C' : 'B';
    case 'guide':
      // "Alimentation SM AA=A CC=C BC=C CB=C Autres=B": C only when no sub-variable is A.
      return codes.includes('C') && !codes.includes('A') ? 'C' : 'B';
  }
}

/**
 * The code of a variable from its sub-variables' codes, given in the order of AGGIR_VARIABLES (e.g. toilette: haut, bas).
 */
export function combineSubVariables(variable: AggirVariableKey, codes: readonly AggirCode[], options: Pick<AggirOptions, 'alimentation'> = {}): AggirCode {
  const rule = variable === 'alimentation' && options.alimentation === 'any-c' ? 'any-c' : RULES[variable];
  const def = AGGIR_VARIABLES.find((v) => v.key === variable)!;
  if (!rule || codes.length !== def.subVariables.length)
    throw new Error(`${variable} takes ${def.subVariables.length} sub-variable codes, got ${codes.length}`);
  return combineByRule(rule, codes);
}

// ---------------------------------------------------------------------------------------------------------------
// §1.5 and §1.6: weights, thresholds, ranks

type Cell = readonly [c: number, b: number];
type Column = Record<AggirVariableKey, Cell>;

/** Weights per variable, per group A…H, as [C, B] (code A weighs 0 everywhere). CASF annexe 2-2 = spec §1.5 table. */
// prettier-ignore
const CASF_ROWS: Record<AggirVariableKey, readonly Cell[]> = {
  //                       A            B            C            D            E            F            G            H
  coherence:            [[2000,   0], [1500, 320], [   0,   0], [   0,   0], [ 400,   0], [ 200, 100], [ 150,   0], [   0,    0]],
  orientation:          [[1200,   0], [1200, 120], [   0,   0], [   0,   0], [ 400,   0], [ 200, 100], [ 150,   0], [   0,    0]],
  toilette:             [[  40,  16], [  40,  16], [  40,  16], [   0,   0], [ 400, 100], [ 500, 100], [ 300, 200], [3000, 2000]],
  habillage:            [[  40,  16], [  40,  16], [  40,  16], [   0,   0], [ 400, 100], [ 500, 100], [ 300, 200], [3000, 2000]],
  alimentation:         [[  60,  20], [  60,   0], [  60,  20], [2000, 200], [ 400, 100], [ 500, 100], [ 500, 200], [3000, 2000]],
  elimination:          [[ 100,  16], [ 100,  16], [ 160,  20], [ 400, 200], [ 800, 100], [ 500, 100], [ 500, 200], [3000, 2000]],
  transferts:           [[ 800, 120], [ 800, 120], [1000, 200], [2000, 200], [ 800, 100], [ 500, 100], [ 400, 200], [1000, 2000]],
  deplacementInterieur: [[ 200,  32], [ -80, -40], [ 400,  40], [ 200,   0], [ 200,   0], [ 200,   0], [ 200, 100], [1000, 1000]],
  deplacementExterieur: [[   0,   0], [   0,   0], [   0,   0], [   0,   0], [   0,   0], [   0,   0], [   0,   0], [   0,    0]],
  communication:        [[   0,   0], [   0,   0], [   0,   0], [   0,   0], [   0,   0], [   0,   0], [   0,   0], [   0,    0]],
};

function columns(rows: Record<AggirVariableKey, readonly Cell[]>): Record<AggirGroup, Column> {
  return Object.fromEntries(AGGIR_GROUPS.map((g, i) => [g, Object.fromEntries(AGGIR_VARIABLE_KEYS.map((v) => [v, rows[v][i]!])) as Column])) as Record<
    AggirGroup,
    Column
  >;
}

const CASF_WEIGHTS = columns(CASF_ROWS);

/** Décret 97-427 annexe II as transcribed by etalab: identical except group F (spec §1.6). */
const DECRET97_WEIGHTS: Record<AggirGroup, Column> = {
  ...CASF_WEIGHTS,
  F: {
    coherence: [200, 0],
    orientation: [200, 100],
    toilette: [500, 100],
    habillage: [500, 100],
    alimentation: [500, 100],
    elimination: [500, 100],
    transferts: [500, 100],
    deplacementInterieur: [500, 0],
    deplacementExterieur: [200, 0],
    communication: [0, 0],
  },
};

/** Per group, the thresholds in the order tested: the first reached (S ≥ min) gives the rank (annexe 2-2). */
const THRESHOLDS: Record<AggirGroup, readonly { min: number; rank: number }[]> = {
  A: [
    { min: 4380, rank: 1 },
    { min: 4140, rank: 2 },
    { min: 3390, rank: 3 },
  ],
  B: [{ min: 2016, rank: 4 }],
  C: [
    { min: 1700, rank: 5 },
    { min: 1432, rank: 6 },
  ],
  D: [{ min: 2400, rank: 7 }],
  E: [{ min: 1200, rank: 8 }],
  F: [{ min: 800, rank: 9 }],
  G: [{ min: 650, rank: 10 }],
  H: [
    { min: 4000, rank: 11 },
    { min: 2000, rank: 12 },
    { min: -Infinity, rank: 13 },
  ],
};

/** Annexe 2-2 §2 "Passage des rangs aux groupes": rank 1 → GIR 1; 2–7 → 2; 8–9 → 3; 10–11 → 4; 12 → 5; 13 → 6. */
const RANK_TO_GIR: Record<number, AggirResult['gir']> = { 1: 1, 2: 2, 3: 2, 4: 2, 5: 2, 6: 2, 7: 2, 8: 3, 9: 3, 10: 4, 11: 4, 12: 5, 13: 6 };

/** The GIR of ten variable codes (omitted déplacement extérieur / communication count as A). */
export function girFromCodes(codes: Partial<Record<AggirVariableKey, AggirCode>>, variant: AggirVariant = 'casf'): AggirResult {
  const weights = variant === 'decret97-etalab' ? DECRET97_WEIGHTS : CASF_WEIGHTS;
  const full = Object.fromEntries(AGGIR_VARIABLE_KEYS.map((v) => [v, codes[v] ?? 'A'])) as Record<AggirVariableKey, AggirCode>;
  const sums: Partial<Record<AggirGroup, number>> = {};
  for (const group of AGGIR_GROUPS) {
    let sum = 0;
    for (const v of AGGIR_VARIABLE_KEYS) {
      const code = full[v];
      if (code !== 'A') sum += weights[group][v][code === 'C' ? 0 : 1];
    }
    sums[group] = sum;
    const hit = THRESHOLDS[group].find((t) => sum >= t.min);
    if (hit) return { gir: RANK_TO_GIR[hit.rank]!, rank: hit.rank, group, sums, codes: full };
  }
  throw new Error('unreachable: group H always yields a rank');
}

// ---------------------------------------------------------------------------------------------------------------
// Input: loose keys, letters, adverb objects, sub-variable objects

/** Accents, case, spaces, underscores, hyphens, apostrophes and dots are ignored when matching keys. */
export function looseKey(key: string): string {
  return key
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s_\-'’.]/g, '');
}

function aliasMap<K extends string>(table: Record<K, readonly string[]>): Map<string, K> {
  const map = new Map<string, K>();
  for (const [key, aliases] of Object.entries(table) as [K, readonly string[]][]) for (const a of [key, ...aliases]) map.set(looseKey(a), key);
  return map;
}

const VARIABLE_ALIASES = aliasMap<AggirVariableKey>({
  coherence: [],
  orientation: [],
  toilette: [],
  habillage: [],
  alimentation: [],
  elimination: [],
  transferts: ['transfert'],
  deplacementInterieur: ["déplacement à l'intérieur", 'deplacements interieurs', 'deplacement interne'],
  deplacementExterieur: ["déplacement à l'extérieur", 'deplacements exterieurs', 'deplacement externe'],
  communication: ['communication à distance', 'alerter'],
});

const ILLUSTRATIVE_ALIASES = aliasMap<AggirIllustrativeKey>({
  gestion: [],
  cuisine: [],
  menage: [],
  transport: ['transports'],
  achats: [],
  suiviTraitement: ['suivi du traitement'],
  tempsLibre: ['activités de temps libre', 'activites temps libre'],
});

const SUB_ALIASES: Partial<Record<AggirVariableKey, Map<string, string>>> = {
  coherence: aliasMap({ communication: [], comportement: [] }),
  orientation: aliasMap({ temps: ['dans le temps'], espace: ["dans l'espace"] }),
  toilette: aliasMap({ haut: ['toilette du haut'], bas: ['toilette du bas'] }),
  habillage: aliasMap({ haut: ['habillage du haut'], moyen: ['habillage moyen'], bas: ['habillage du bas'] }),
  alimentation: aliasMap({ seServir: ['servir'], manger: [] }),
  elimination: aliasMap({ urinaire: ['élimination urinaire'], fecale: ['élimination fécale', 'anale'] }),
};

const ADVERB_ALIASES = aliasMap<AggirAdverb>({
  S: ['spontanement', 'spontanément'],
  T: ['totalement'],
  C: ['correctement'],
  H: ['habituellement'],
});

const LETTER_REASON = 'expected A, B or C';
const ADVERB_SHAPE = 'an adverb object {S, T, C, H}';

function parseLetter(value: string, path: readonly string[], issues: ScoreIssue[]): AggirCode | undefined {
  const letter = value.trim().toUpperCase();
  if (letter === 'A' || letter === 'B' || letter === 'C') return letter;
  issues.push({ field: joinPath(path), reason: LETTER_REASON });
  return undefined;
}

/** An object's entries, without those whose value is undefined (absent, as in JSON). */
function entries(value: Record<string, unknown>): [string, unknown][] {
  return Object.entries(value).filter(([, v]) => v !== undefined);
}

function parseAdverbs(value: Record<string, unknown>, path: readonly string[], issues: ScoreIssue[]): AggirCode | undefined {
  const answers: Partial<AdverbAnswers> = {};
  const rawKey: Partial<Record<AggirAdverb, string>> = {};
  let ok = true;
  for (const [key, answer] of entries(value)) {
    const adverb = ADVERB_ALIASES.get(looseKey(key));
    if (!adverb) {
      issues.push({ field: joinPath([...path, key]), reason: 'unknown key' });
      ok = false;
    } else if (rawKey[adverb] !== undefined) {
      issues.push({ field: joinPath([...path, key]), reason: `duplicate of ${rawKey[adverb]}` });
      ok = false;
    } else {
      rawKey[adverb] = key;
      if (typeof answer === 'boolean') answers[adverb] = answer;
      else {
        issues.push({ field: joinPath([...path, key]), reason: 'expected true or false' });
        ok = false;
      }
    }
  }
  for (const { key } of AGGIR_ADVERBS)
    if (rawKey[key] === undefined) {
      issues.push({ field: joinPath([...path, key]), reason: 'required' });
      ok = false;
    }
  return ok ? adverbsToCode(answers as AdverbAnswers) : undefined;
}

/** A letter or an adverb object (the value of a sub-variable, or of a variable without sub-variables). */
function parseLeaf(value: unknown, path: readonly string[], issues: ScoreIssue[]): AggirCode | undefined {
  if (typeof value === 'string') return parseLetter(value, path, issues);
  if (isPlainObject(value)) return parseAdverbs(value, path, issues);
  issues.push({ field: joinPath(path), reason: `${LETTER_REASON}, or ${ADVERB_SHAPE}` });
  return undefined;
}

function parseVariable(variable: AggirVariable, value: unknown, path: readonly string[], options: AggirOptions, issues: ScoreIssue[]): AggirCode | undefined {
  const subs = SUB_ALIASES[variable.key];
  if (!subs || typeof value === 'string') return parseLeaf(value, path, issues);
  if (!isPlainObject(value)) {
    const names = orList(variable.subVariables.map((s) => s.key));
    issues.push({ field: joinPath(path), reason: `${LETTER_REASON}, ${ADVERB_SHAPE}, or an object of sub-variables (${names})` });
    return undefined;
  }
  const keys = entries(value).map(([k]) => looseKey(k));
  const isSubObject = keys.some((k) => subs.has(k)) || !keys.some((k) => ADVERB_ALIASES.has(k));
  if (!isSubObject) return parseAdverbs(value, path, issues);
  const codes = new Map<string, AggirCode | undefined>();
  const rawKey = new Map<string, string>();
  for (const [key, sub] of entries(value)) {
    const canonical = subs.get(looseKey(key));
    if (!canonical) issues.push({ field: joinPath([...path, key]), reason: 'unknown key' });
    else if (rawKey.has(canonical)) issues.push({ field: joinPath([...path, key]), reason: `duplicate of ${rawKey.get(canonical)}` });
    else {
      rawKey.set(canonical, key);
      codes.set(canonical, parseLeaf(sub, [...path, key], issues));
    }
  }
  for (const sub of variable.subVariables) if (!rawKey.has(sub.key)) issues.push({ field: joinPath([...path, sub.key]), reason: 'required' });
  const ordered = variable.subVariables.map((s) => codes.get(s.key));
  if (ordered.some((c) => c === undefined)) return undefined;
  return combineSubVariables(variable.key, ordered as AggirCode[], options);
}

const optionsSchema = z.strictObject({
  alimentation: z.enum(['guide', 'any-c'], { error: 'expected guide or any-c' }).default('guide'),
  variant: z.enum(['casf', 'decret97-etalab'], { error: 'expected casf or decret97-etalab' }).default('casf'),
});

export interface ParsedAggirInput {
  codes: Record<AggirVariableKey, AggirCode>;
  /** Illustrative variables given in the input, coded A/B/C: recorded, never scored. */
  illustrative: Partial<Record<AggirIllustrativeKey, AggirCode>>;
}

/** Check and normalise an AGGIR input (throws ScoreInputError with every problem found). */
export function parseAggirInput(input: unknown, options: AggirOptions = {}): ParsedAggirInput {
  const issues: ScoreIssue[] = [];
  const parsed = parseAggir(input, options, issues);
  throwIfAny(issues);
  return parsed!;
}

function parseAggir(input: unknown, options: AggirOptions, issues: ScoreIssue[]): ParsedAggirInput | undefined {
  if (!isPlainObject(input)) {
    issues.push({ field: ROOT, reason: 'expected a JSON object' });
    return undefined;
  }
  const codes: Partial<Record<AggirVariableKey, AggirCode>> = {};
  const illustrative: Partial<Record<AggirIllustrativeKey, AggirCode>> = {};
  const seen = new Map<string, string>();
  let ok = true;
  for (const [key, value] of entries(input)) {
    const loose = looseKey(key);
    const variable = VARIABLE_ALIASES.get(loose);
    const extra = variable ? undefined : ILLUSTRATIVE_ALIASES.get(loose);
    const canonical = variable ?? extra;
    if (!canonical) {
      issues.push({ field: key, reason: 'unknown key' });
      ok = false;
      continue;
    }
    if (seen.has(canonical)) {
      issues.push({ field: key, reason: `duplicate of ${seen.get(canonical)}` });
      ok = false;
      continue;
    }
    seen.set(canonical, key);
    const code = variable
      ? parseVariable(
          AGGIR_VARIABLES.find((v) => v.key === variable)!,
          value,
          [key],
          options,
          issues,
        )
      : parseLeaf(value, [key], issues);
    if (code === undefined) ok = false;
    else if (variable) codes[variable] = code;
    else illustrative[extra!] = code;
  }
  for (const v of AGGIR_VARIABLES) {
    if (seen.has(v.key)) continue;
    if (v.required) {
      issues.push({ field: v.key, reason: 'required' });
      ok = false;
    } else codes[v.key] = 'A';
  }
  if (!ok) return undefined;
  return { codes: Object.fromEntries(AGGIR_VARIABLE_KEYS.map((k) => [k, codes[k]!])) as Record<AggirVariableKey, AggirCode>, illustrative };
}

/** AGGIR input → `{gir, rank, group, sums, codes}`. Options: `alimentation` (guide | any-c), `variant` (casf | decret97-etalab). */
export function computeAggir(input: unknown, options?: unknown): AggirResult {
  const issues: ScoreIssue[] = [];
  const optionIssues: ScoreIssue[] = [];
  const opts = tryParseOptions(optionsSchema, options, optionIssues);
  const parsed = parseAggir(input, opts ?? {}, issues);
  throwIfAny([...issues, ...optionIssues]);
  return girFromCodes(parsed!.codes, opts!.variant);
}
