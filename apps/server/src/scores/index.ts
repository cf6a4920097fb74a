/**
 * The assessment scores, by name, for the API and the CLI: `SCORES[id].compute(input, options)` checks the input
 * (throwing ScoreInputError with every problem found) and returns the scale's result. `version` changes whenever a rule
 * changes, so that a stored result can say which rules computed it. Rules and sources: docs/assessments.md.
 */
import { AGGIR_VERSION, computeAggir, type AggirOptions, type AggirResult } from './aggir.js';
import { BRADEN_VERSION, computeBraden, type BradenOptions, type BradenResult } from './braden.js';
import { GDS15_VERSION, computeGds15, type Gds15Options, type Gds15Result } from './gds15.js';
import { MINI_GDS_VERSION, computeMiniGds, type MiniGdsOptions, type MiniGdsResult } from './mini-gds.js';
import { MNA_SF_VERSION, computeMnaSf, type MnaSfResult } from './mna-sf.js';
import { NEWS2_VERSION, computeNews2, type News2Result } from './news2.js';

export { ScoreInputError, type ScoreIssue } from './input.js';

export interface ScoreDefinition<Options, Result> {
  id: ScoreId;
  label: string;
  version: string;
  /** Names of the options the scale accepts (each documented on its Options type). */
  options: readonly (keyof Options & string)[];
  /** Untrusted input and options are checked: bad ones throw ScoreInputError. */
  compute(input: unknown, options?: Options | Record<string, unknown>): Result;
}

export const SCORE_IDS = ['aggir', 'news2', 'braden', 'mna-sf', 'mini-gds', 'gds-15'] as const;
export type ScoreId = (typeof SCORE_IDS)[number];

export interface ScoreResults {
  aggir: AggirResult;
  news2: News2Result;
  braden: BradenResult;
  'mna-sf': MnaSfResult;
  'mini-gds': MiniGdsResult;
  'gds-15': Gds15Result;
}

type NoOptions = Record<never, never>;

export const SCORES: {
  aggir: ScoreDefinition<AggirOptions, AggirResult>;
  news2: ScoreDefinition<NoOptions, News2Result>;
  braden: ScoreDefinition<BradenOptions, BradenResult>;
  'mna-sf': ScoreDefinition<NoOptions, MnaSfResult>;
  'mini-gds': ScoreDefinition<MiniGdsOptions, MiniGdsResult>;
  'gds-15': ScoreDefinition<Gds15Options, Gds15Result>;
} = {
  aggir: { id: 'aggir', label: 'Grille AGGIR (GIR)', version: AGGIR_VERSION, options: ['alimentation', 'variant'], compute: computeAggir },
  news2: { id: 'news2', label: 'NEWS2', version: NEWS2_VERSION, options: [], compute: computeNews2 },
  braden: { id: 'braden', label: 'Échelle de Braden', version: BRADEN_VERSION, options: ['threshold'], compute: computeBraden },
  'mna-sf': { id: 'mna-sf', label: 'MNA-SF (Mini Nutritional Assessment, forme courte)', version: MNA_SF_VERSION, options: [], compute: computeMnaSf },
  'mini-gds': { id: 'mini-gds', label: 'Mini-GDS', version: MINI_GDS_VERSION, options: ['threshold'], compute: computeMiniGds },
  'gds-15': { id: 'gds-15', label: 'GDS-15 (Geriatric Depression Scale, forme courte)', version: GDS15_VERSION, options: ['threshold'], compute: computeGds15 },
};

export function isScoreId(value: string): value is ScoreId {
  return (SCORE_IDS as readonly string[]).includes(value);
}

/** Compute any scale by name. */
export function computeScore<Id extends ScoreId>(id: Id, input: unknown, options?: Record<string, unknown>): ScoreResults[Id] {
  return (SCORES[id] as ScoreDefinition<Record<string, unknown>, ScoreResults[Id]>).compute(input, options);
}

export { AGGIR_VARIABLES, AGGIR_ILLUSTRATIVE_VARIABLES, AGGIR_ADVERBS } from './aggir.js';
export { NEWS2_RANGES } from './news2.js';
export { BRADEN_ITEMS } from './braden.js';
export { MNA_SF_ITEMS } from './mna-sf.js';
export { MINI_GDS_ITEMS } from './mini-gds.js';
export { GDS15_ITEMS } from './gds15.js';
