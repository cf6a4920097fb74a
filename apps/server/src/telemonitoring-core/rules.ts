/**
 * The telemonitoring rules engine: pure functions from a person's settings and measurements to alerts. No database,
 * no clock, no I/O: the same inputs always give the same alerts, so that what the nurse saw can be replayed.
 *
 * Every alert is a proposal to intervene that a coordination nurse triages. It explains itself: the rule (in French),
 * the data points that raised it, the reference it was compared with, and for trends the person's baseline and the
 * control-chart statistic with its limit — enough to draw the plot next to the alert.
 *
 * ## Evaluation model
 *
 * Rules are evaluated online: at each measurement, only the data up to that instant is used (a later measurement
 * never changes an earlier decision). `evaluateSeries` replays a whole series that way; `evaluateNew` (one incoming
 * measurement) and `evaluateCheck` (a clock tick, for missing data and delayed alerts) are the same computation for a
 * live system, and give the same alerts when fed the same events in order (tested).
 *
 * - threshold, change and trend rules are evaluated at each measurement of their parameter;
 * - missing-data rules are evaluated at check times (by default every 00:00 UTC).
 *
 * ## Policy, applied in this order
 *
 * 1. delay (`delayMinutes`): a condition that becomes true at t0 raises an alert at t0 + delay only if every measurement
 *    of the parameter in [t0, t0 + delay) kept it true — e.g. a high blood pressure re-measured normal five minutes
 *    later raises nothing. The alert's `at` is t0 + delay (the instant it was confirmed), its points are the data up to
 *    then. Later measurements of the same run raise alerts as usual (then subject to repeat suppression). For missing
 *    data, the delay simply lengthens the allowed gap.
 * 2. snooze (`snoozedUntil[ruleId]`): alerts of that rule before that instant are dropped.
 * 3. repeat suppression (`repeatHours`): no new alert of a rule for the person within repeatHours of its previous alert,
 *    unless the severity rises.
 *
 * ## Severity escalation (kept simple)
 *
 * A threshold, change or trend rule that fires again within the repeat window with values worse by at least one
 * escalation step than at its previous alert (ESCALATION_STEP, in the parameter's unit, beyond the rule's limit; for
 * trends half the statistic's limit) is raised one level above that previous alert (capped at critical) and therefore
 * goes through repeat suppression. Outside the repeat window an alert starts again at the rule's own severity. Missing
 * data never escalates. Each rule is independent: a glucose of 50 mg/dL raises both the < 70 and the < 54 rules.
 *
 * All numeric defaults below are engineering defaults to be set by the prescribing physician for each person (through
 * `overrides` and `disabled`), not clinical guidance.
 */
import { PARAMETERS, PROGRAMMES, type Measurement, type Parameter, type Programme } from './codes.js';
import { SD_FLOOR, cusumStep, ewmaLimit, ewmaStep, robustBaseline, standardise } from './baseline.js';
import {
  changeSummary,
  delayedSuffix,
  describeRule,
  escalationSuffix,
  missingSummary,
  thresholdSummary,
  trendSummary,
  type TrendParams,
} from './rules-text.js';

export const RULES_VERSION = '1.0.0';

export type Severity = 'low' | 'medium' | 'high' | 'critical';
export const SEVERITIES: readonly Severity[] = ['low', 'medium', 'high', 'critical'];

export type RuleSpec =
  | {
      id: string;
      kind: 'threshold';
      parameter: Parameter;
      /** Fires on a value above this (strictly, unless `inclusive`). */
      above?: number;
      /** Fires on a value below this (strictly, unless `inclusive`). */
      below?: number;
      /** ≥ / ≤ instead of > / < (e.g. « PAS ≥ 180 mmHg »). Default false. */
      inclusive?: boolean;
      severity: Severity;
      /** Consecutive measurements beyond the limit (same side), default 1. */
      confirmations?: number;
    }
  | {
      id: string;
      kind: 'change';
      parameter: Parameter;
      /** Signed: +2 fires on a rise of at least 2 (kg), −4 on a fall of at least 4 (SpO2 points). */
      delta: number;
      /** The window (t − windowDays, t) before the measurement; ignored when against = 'reference'. */
      windowDays: number;
      /**
       * What the measurement is compared with: the person's reference value (`PersonSettings.references`, e.g. dry
       * weight; no reference, no alert), or the minimum, maximum or first measurement of the window.
       */
      against: 'reference' | 'window_min' | 'window_max' | 'window_start';
      severity: Severity;
    }
  | {
      id: string;
      kind: 'trend';
      parameter: Parameter;
      method: 'ewma' | 'cusum';
      direction: 'up' | 'down';
      /** The person's own baseline: the measurements of the baselineDays before the guard gap. */
      baselineDays: number;
      /** The last days left out of the baseline, so that a developing drift does not hide itself. Default 3. */
      guardDays?: number;
      /** CUSUM allowance, in baseline sd. Default 0.5. */
      k?: number;
      /** Decision limit: CUSUM h in baseline sd (default 5), EWMA L multiplier (default 3). */
      h?: number;
      /** EWMA smoothing. Default 0.3. */
      lambda?: number;
      /** Baseline measurements needed, else the statistic does not run. Default ⌈baselineDays / 2⌉. */
      minBaseline?: number;
      severity: Severity;
    }
  | { id: string; kind: 'missing'; parameter: Parameter; days: number; severity: Severity };

export interface PersonSettings {
  personId: string;
  programme: Programme;
  /** E.g. dry weight. */
  references: Partial<Record<Parameter, number>>;
  /** Same id replaces a default (in place), new id adds (at the end). */
  overrides?: RuleSpec[];
  disabled?: string[];
}

export interface AlertPolicy {
  /** Alert only if the condition still holds after this (see the module comment). Default 0. */
  delayMinutes?: number;
  /** No new alert of the same rule for the same person within this, unless severity rises. */
  repeatHours: number;
  /** ruleId → ISO instant. */
  snoozedUntil?: Record<string, string>;
}

export interface AlertPoint {
  at: string;
  value: number;
}

export interface Alert {
  personId: string;
  ruleId: string;
  kind: RuleSpec['kind'];
  parameter: Parameter;
  severity: Severity;
  /** The measurement that raised it; for missing data the check time; for a delayed alert the end of the delay. */
  at: string;
  explanation: {
    /** French, e.g. « Poids +2,4 kg en 3 jours par rapport au minimum des 3 derniers jours (78,0 kg le 01/03/2026 09:00) ». */
    summary: string;
    /** French description of the rule. */
    rule: string;
    /**
     * What the data was compared with: threshold and missing rules the person's reference for the parameter (or null),
     * change rules the value the change is measured from, trend rules the baseline centre.
     */
    reference: number | null;
    /**
     * The limit crossed, in the parameter's unit: the threshold; for change rules reference + delta; for missing data
     * the allowed gap in days; null for trends (see statistic.limit).
     */
    threshold: number | null;
    /** The data points that triggered it, in time order. */
    points: AlertPoint[];
    /** Trend rules: the baseline at the alert (mean = robust centre, sd = floored 1.4826·MAD) and its period. */
    baseline?: { mean: number; sd: number; from: string; to: string };
    /** Trend rules: the statistic (in baseline sd, positive towards the alert) over the last baselineDays, and its limit. */
    statistic?: { name: 'ewma' | 'cusum'; values: AlertPoint[]; limit: number };
    /** Set when the severity was raised above the rule's because the values worsened since the previous alert. */
    escalation?: { from: Severity; previousAt: string };
  };
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const EPS = 1e-9;

export const TREND_DEFAULTS = { guardDays: 3, k: 0.5, cusumH: 5, ewmaL: 3, lambda: 0.3 } as const;

/** How much worse (beyond the rule's limit, in the parameter's unit) a value must be to escalate a repeated alert. */
export const ESCALATION_STEP: Readonly<Record<Parameter, number>> = {
  body_weight: 1, // kg
  systolic: 10, // mmHg
  diastolic: 10, // mmHg
  heart_rate: 10, // /min
  spo2: 2, // %
  glucose: 50, // mg/dL
  respiratory_rate: 4, // /min
  body_temperature: 0.5, // °C
};

/**
 * Default rules per programme. DEFAULTS TO BE SET BY THE PRESCRIBING PHYSICIAN, NOT CLINICAL GUIDANCE: they are
 * plausible starting values from common telemonitoring practice, meant to be reviewed person by person.
 */
export const DEFAULT_RULES: Record<Programme, RuleSpec[]> = {
  heart_failure: [
    // Rapid congestion: +2 kg within 3 days over the lowest weight of those days.
    { id: 'hf-weight-2kg-3d', kind: 'change', parameter: 'body_weight', delta: 2, windowDays: 3, against: 'window_min', severity: 'high' },
    // Weight 3 kg or more above the dry weight set in references.body_weight (no reference, no alert).
    { id: 'hf-weight-ref', kind: 'change', parameter: 'body_weight', delta: 3, windowDays: 0, against: 'reference', severity: 'medium' },
    // Slow gain on the person's own 28-day baseline: an early, low-severity signal.
    {
      id: 'hf-weight-trend',
      kind: 'trend',
      parameter: 'body_weight',
      method: 'cusum',
      direction: 'up',
      baselineDays: 28,
      guardDays: 3,
      k: 0.5,
      h: 5,
      minBaseline: 14,
      severity: 'low',
    },
    { id: 'hf-hr-high', kind: 'threshold', parameter: 'heart_rate', above: 110, severity: 'medium' },
    { id: 'hf-hr-low', kind: 'threshold', parameter: 'heart_rate', below: 45, severity: 'medium' },
    { id: 'hf-sbp-low', kind: 'threshold', parameter: 'systolic', below: 90, severity: 'high' },
    { id: 'hf-weight-missing', kind: 'missing', parameter: 'body_weight', days: 3, severity: 'low' },
  ],
  hypertension: [
    { id: 'hta-sbp-180', kind: 'threshold', parameter: 'systolic', above: 180, inclusive: true, severity: 'high' },
    { id: 'hta-sbp-160x2', kind: 'threshold', parameter: 'systolic', above: 160, inclusive: true, confirmations: 2, severity: 'medium' },
    { id: 'hta-dbp-110', kind: 'threshold', parameter: 'diastolic', above: 110, inclusive: true, severity: 'high' },
    {
      id: 'hta-sbp-trend',
      kind: 'trend',
      parameter: 'systolic',
      method: 'ewma',
      direction: 'up',
      baselineDays: 28,
      guardDays: 3,
      lambda: 0.3,
      h: 3,
      minBaseline: 14,
      severity: 'low',
    },
    { id: 'hta-missing', kind: 'missing', parameter: 'systolic', days: 4, severity: 'low' },
  ],
  diabetes: [
    { id: 'dia-glucose-300', kind: 'threshold', parameter: 'glucose', above: 300, severity: 'high' },
    { id: 'dia-glucose-250x3', kind: 'threshold', parameter: 'glucose', above: 250, confirmations: 3, severity: 'medium' },
    { id: 'dia-glucose-70', kind: 'threshold', parameter: 'glucose', below: 70, severity: 'high' },
    { id: 'dia-glucose-54', kind: 'threshold', parameter: 'glucose', below: 54, severity: 'critical' },
    { id: 'dia-glucose-missing', kind: 'missing', parameter: 'glucose', days: 3, severity: 'low' },
  ],
  copd: [
    { id: 'copd-spo2-88', kind: 'threshold', parameter: 'spo2', below: 88, severity: 'high' },
    // A fall of 4 points or more from the best SpO2 of the last 3 days.
    { id: 'copd-spo2-drop', kind: 'change', parameter: 'spo2', delta: -4, windowDays: 3, against: 'window_max', severity: 'medium' },
    {
      id: 'copd-spo2-trend',
      kind: 'trend',
      parameter: 'spo2',
      method: 'cusum',
      direction: 'down',
      baselineDays: 28,
      guardDays: 3,
      k: 0.5,
      h: 5,
      minBaseline: 14,
      severity: 'low',
    },
    { id: 'copd-rr-25', kind: 'threshold', parameter: 'respiratory_rate', above: 25, severity: 'medium' },
    { id: 'copd-temp-38', kind: 'threshold', parameter: 'body_temperature', above: 38, severity: 'medium' },
    { id: 'copd-spo2-missing', kind: 'missing', parameter: 'spo2', days: 2, severity: 'low' },
  ],
};

// ---------------------------------------------------------------------------------------------------------------------
// Rules

export class RuleConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid telemonitoring rules: ${problems.join('; ')}`);
    this.name = 'RuleConfigError';
  }
}

const isPositive = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x > 0;
const isInteger = (x: unknown, min: number): boolean => typeof x === 'number' && Number.isInteger(x) && x >= min;

/** What is wrong with a rule (empty if nothing). */
export function validateRule(rule: RuleSpec): string[] {
  const problems: string[] = [];
  if (typeof rule.id !== 'string' || rule.id.trim() === '') problems.push('id is empty');
  if (!Object.hasOwn(PARAMETERS, rule.parameter)) problems.push(`unknown parameter ${String(rule.parameter)}`);
  if (!SEVERITIES.includes(rule.severity)) problems.push(`unknown severity ${String(rule.severity)}`);
  switch (rule.kind) {
    case 'threshold':
      if (rule.above === undefined && rule.below === undefined) problems.push('threshold without above nor below');
      if (rule.above !== undefined && !Number.isFinite(rule.above)) problems.push('above is not a number');
      if (rule.below !== undefined && !Number.isFinite(rule.below)) problems.push('below is not a number');
      if (rule.above !== undefined && rule.below !== undefined && rule.below >= rule.above) problems.push('below must be under above');
      if (rule.confirmations !== undefined && !isInteger(rule.confirmations, 1)) problems.push('confirmations must be an integer ≥ 1');
      break;
    case 'change':
      if (typeof rule.delta !== 'number' || !Number.isFinite(rule.delta) || rule.delta === 0) problems.push('delta must be a non-zero number');
      if (!['reference', 'window_min', 'window_max', 'window_start'].includes(rule.against)) problems.push(`unknown against ${String(rule.against)}`);
      else if (rule.against !== 'reference' && !isPositive(rule.windowDays)) problems.push('windowDays must be > 0');
      break;
    case 'trend':
      if (rule.method !== 'cusum' && rule.method !== 'ewma') problems.push(`unknown method ${String(rule.method)}`);
      if (rule.direction !== 'up' && rule.direction !== 'down') problems.push(`unknown direction ${String(rule.direction)}`);
      if (!isPositive(rule.baselineDays)) problems.push('baselineDays must be > 0');
      if (rule.guardDays !== undefined && !(Number.isFinite(rule.guardDays) && rule.guardDays >= 0)) problems.push('guardDays must be ≥ 0');
      if (rule.k !== undefined && !(Number.isFinite(rule.k) && rule.k >= 0)) problems.push('k must be ≥ 0');
      if (rule.h !== undefined && !isPositive(rule.h)) problems.push('h must be > 0');
      if (rule.lambda !== undefined && !(isPositive(rule.lambda) && rule.lambda <= 1)) problems.push('lambda must be in (0, 1]');
      if (rule.minBaseline !== undefined && !isInteger(rule.minBaseline, 1)) problems.push('minBaseline must be an integer ≥ 1');
      break;
    case 'missing':
      if (!isPositive(rule.days)) problems.push('days must be > 0');
      break;
    default:
      problems.push(`unknown kind ${String((rule as { kind: unknown }).kind)}`);
  }
  return problems;
}

/**
 * The programme's default rules with the person's overrides (same id replaces in place, new id appended) minus the
 * disabled ids. Throws RuleConfigError on an invalid rule: better to refuse a configuration than to monitor silently
 * with a broken one.
 */
export function effectiveRules(s: PersonSettings): RuleSpec[] {
  if (!PROGRAMMES.includes(s.programme)) throw new RuleConfigError([`unknown programme ${String(s.programme)}`]);
  const rules: RuleSpec[] = DEFAULT_RULES[s.programme].map((r) => ({ ...r }));
  for (const override of s.overrides ?? []) {
    const i = rules.findIndex((r) => r.id === override.id);
    if (i >= 0) rules[i] = { ...override };
    else rules.push({ ...override });
  }
  const disabled = new Set(s.disabled ?? []);
  const effective = rules.filter((r) => !disabled.has(r.id));
  const problems = effective.flatMap((r) => validateRule(r).map((p) => `${r.id || '(no id)'}: ${p}`));
  if (problems.length > 0) throw new RuleConfigError(problems);
  return effective;
}

type TrendRule = Extract<RuleSpec, { kind: 'trend' }>;

export function trendParams(rule: TrendRule): TrendParams {
  const lambda = rule.lambda ?? TREND_DEFAULTS.lambda;
  const h = rule.h ?? (rule.method === 'cusum' ? TREND_DEFAULTS.cusumH : TREND_DEFAULTS.ewmaL);
  return {
    k: rule.k ?? TREND_DEFAULTS.k,
    h,
    lambda,
    guardDays: rule.guardDays ?? TREND_DEFAULTS.guardDays,
    minBaseline: rule.minBaseline ?? Math.ceil(rule.baselineDays / 2),
    limit: rule.method === 'cusum' ? h : ewmaLimit(h, lambda),
  };
}

/**
 * How many days of history `evaluateNew` / `evaluateCheck` need to decide exactly as `evaluateSeries` would, besides the
 * last `confirmations` measurements of each threshold rule's parameter: a caller may bound its query with this.
 */
export function historyDaysNeeded(rules: readonly RuleSpec[], policy: AlertPolicy): number {
  const delayDays = (policy.delayMinutes ?? 0) / (24 * 60);
  let days = 0;
  for (const rule of rules) {
    if (rule.kind === 'change' && rule.against !== 'reference') days = Math.max(days, rule.windowDays);
    if (rule.kind === 'trend') days = Math.max(days, 2 * rule.baselineDays + trendParams(rule).guardDays);
    if (rule.kind === 'missing') days = Math.max(days, rule.days);
  }
  return Math.ceil(days + 2 * delayDays);
}

// ---------------------------------------------------------------------------------------------------------------------
// Data

interface Series {
  t: number[];
  v: number[];
}

interface Data {
  series: Map<Parameter, Series>;
  /** Sorted distinct instants of all measurements. */
  times: number[];
}

const EMPTY: Series = { t: [], v: [] };

/**
 * The person's valid measurements up to `upTo`, per parameter, sorted, one per parameter and instant (the last one
 * given wins). Measurements of another person, of an unknown parameter, with an unparsable instant or outside the
 * physically measurable range are ignored (ingestion rejects those).
 */
function prepare(personId: string, measurements: readonly Measurement[], upTo: number): Data {
  const kept = new Map<string, { parameter: Parameter; t: number; value: number }>();
  for (const m of measurements) {
    if (m.personId !== personId || !Object.hasOwn(PARAMETERS, m.parameter)) continue;
    const range = PARAMETERS[m.parameter];
    if (typeof m.value !== 'number' || !Number.isFinite(m.value) || m.value < range.min || m.value > range.max) continue;
    const t = Date.parse(m.at);
    if (!Number.isFinite(t) || t > upTo) continue;
    const key = `${m.parameter}@${t}`;
    kept.delete(key); // the last given wins
    kept.set(key, { parameter: m.parameter, t, value: m.value });
  }
  const sorted = [...kept.values()].sort((a, b) => a.t - b.t);
  const series = new Map<Parameter, Series>();
  const times: number[] = [];
  for (const m of sorted) {
    let s = series.get(m.parameter);
    if (!s) series.set(m.parameter, (s = { t: [], v: [] }));
    s.t.push(m.t);
    s.v.push(m.value);
    if (times[times.length - 1] !== m.t) times.push(m.t);
  }
  return { series, times };
}

/** First index whose value is > x (values sorted ascending). */
function upperBound(values: readonly number[], x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index whose value is ≥ x. */
function lowerBound(values: readonly number[], x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const iso = (t: number) => new Date(t).toISOString();
const parseInstant = (text: string, what: string): number => {
  const t = Date.parse(text);
  if (!Number.isFinite(t)) throw new RangeError(`${what}: not an ISO instant: ${text}`);
  return t;
};

// ---------------------------------------------------------------------------------------------------------------------
// Rule evaluation: is the condition true at measurement i, using the data up to it?

type Explanation = Alert['explanation'];

interface Firing {
  severity: Severity;
  /** How far beyond the limit, for escalation (see excessOf). */
  excess: number;
  explanation: Explanation;
}

type DataRule = Exclude<RuleSpec, { kind: 'missing' }>;
type Evaluator = (i: number) => Firing | null;

function memoise(f: Evaluator): Evaluator {
  const memo = new Map<number, Firing | null>();
  return (i) => {
    let r = memo.get(i);
    if (r === undefined) memo.set(i, (r = f(i)));
    return r;
  };
}

function thresholdEvaluator(rule: Extract<RuleSpec, { kind: 'threshold' }>, s: Series, settings: PersonSettings): Evaluator {
  const inclusive = rule.inclusive ?? false;
  const n = rule.confirmations ?? 1;
  const side = (v: number): 'above' | 'below' | null => {
    if (rule.above !== undefined && (inclusive ? v >= rule.above : v > rule.above)) return 'above';
    if (rule.below !== undefined && (inclusive ? v <= rule.below : v < rule.below)) return 'below';
    return null;
  };
  const text = describeRule(rule);
  return (i) => {
    const beyond = side(s.v[i]!);
    if (!beyond || i + 1 < n) return null;
    for (let j = i - n + 1; j < i; j++) if (side(s.v[j]!) !== beyond) return null;
    const limit = beyond === 'above' ? rule.above! : rule.below!;
    const points: AlertPoint[] = [];
    for (let j = i - n + 1; j <= i; j++) points.push({ at: iso(s.t[j]!), value: s.v[j]! });
    return {
      severity: rule.severity,
      excess: Math.abs(s.v[i]! - limit),
      explanation: {
        summary: thresholdSummary(rule, limit, beyond === 'above', points),
        rule: text,
        reference: settings.references[rule.parameter] ?? null,
        threshold: limit,
        points,
      },
    };
  };
}

function changeEvaluator(rule: Extract<RuleSpec, { kind: 'change' }>, s: Series, settings: PersonSettings): Evaluator {
  const text = describeRule(rule);
  return (i) => {
    const t = s.t[i]!;
    const v = s.v[i]!;
    let from: { at: number | null; value: number };
    if (rule.against === 'reference') {
      const ref = settings.references[rule.parameter];
      if (ref === undefined || !Number.isFinite(ref)) return null;
      from = { at: null, value: ref };
    } else {
      const lo = lowerBound(s.t, t - rule.windowDays * DAY);
      if (lo >= i) return null;
      let k = lo;
      if (rule.against === 'window_min') for (let j = lo + 1; j < i; j++) k = s.v[j]! < s.v[k]! ? j : k;
      if (rule.against === 'window_max') for (let j = lo + 1; j < i; j++) k = s.v[j]! > s.v[k]! ? j : k;
      from = { at: s.t[k]!, value: s.v[k]! };
    }
    const change = v - from.value;
    const fires = rule.delta > 0 ? change >= rule.delta - 1e-6 : change <= rule.delta + 1e-6;
    if (!fires) return null;
    const limit = from.value + rule.delta;
    const points: AlertPoint[] = from.at === null ? [] : [{ at: iso(from.at), value: from.value }];
    points.push({ at: iso(t), value: v });
    return {
      severity: rule.severity,
      excess: Math.abs(v - limit),
      explanation: {
        summary: changeSummary(rule, { at: t, value: v }, from),
        rule: text,
        reference: from.value,
        threshold: limit,
        points,
      },
    };
  };
}

/**
 * Trend rules. Each measurement j is standardised against the baseline in force at its own time — the measurements of
 * [t_j − guard − baselineDays, t_j − guard), robust centre and sd — and clipped (see baseline.ts). At measurement i the
 * statistic runs from 0 over the measurements of (t_i − baselineDays, t_i]; a measurement without a baseline (fewer
 * than minBaseline) restarts it. CUSUM: S ← max(0, S + z − k), alarm when S > h, then reset to 0. EWMA:
 * E ← λz + (1 − λ)E, alarm when E > L·√(λ/(2 − λ)) (asymptotic limit). z is negated for direction 'down'.
 */
function trendEvaluator(rule: TrendRule, s: Series): Evaluator {
  const p = trendParams(rule);
  const text = describeRule(rule, p);
  const span = rule.baselineDays * DAY;
  const guard = p.guardDays * DAY;
  const sign = rule.direction === 'up' ? 1 : -1;
  const zMemo = new Map<number, { z: number; mean: number; sd: number; from: number; to: number } | null>();
  const zAt = (j: number) => {
    let r = zMemo.get(j);
    if (r !== undefined) return r;
    const to = s.t[j]! - guard;
    const from = to - span;
    const lo = lowerBound(s.t, from);
    const hi = lowerBound(s.t, to);
    if (hi - lo < p.minBaseline) r = null;
    else {
      const b = robustBaseline(s.v.slice(lo, hi), SD_FLOOR[rule.parameter]);
      r = { z: sign * standardise(s.v[j]!, b), mean: b.mean, sd: b.sd, from, to };
    }
    zMemo.set(j, r);
    return r;
  };
  return (i) => {
    const zi = zAt(i);
    if (!zi) return null;
    const start = upperBound(s.t, s.t[i]! - span);
    const values: AlertPoint[] = [];
    let stat = 0;
    let excursion = start; // first measurement of the current excursion away from 0
    let fired = false;
    for (let j = start; j <= i; j++) {
      const zj = zAt(j);
      if (!zj) {
        stat = 0;
        excursion = j + 1;
        continue;
      }
      stat = rule.method === 'cusum' ? cusumStep(stat, zj.z, p.k) : ewmaStep(stat, zj.z, p.lambda);
      values.push({ at: iso(s.t[j]!), value: stat });
      if (stat > p.limit) {
        if (j === i) fired = true;
        else if (rule.method === 'cusum') {
          stat = 0; // reset after an alarm
          excursion = j + 1;
        }
      } else if (stat <= 0) excursion = j + 1;
    }
    if (!fired) return null;
    const points: AlertPoint[] = [];
    for (let j = excursion; j <= i; j++) if (zAt(j)) points.push({ at: iso(s.t[j]!), value: s.v[j]! });
    return {
      severity: rule.severity,
      excess: stat - p.limit,
      explanation: {
        summary: trendSummary(rule, s.v[i]!, zi, stat, p.limit),
        rule: text,
        reference: zi.mean,
        threshold: null,
        points,
        baseline: { mean: zi.mean, sd: zi.sd, from: iso(zi.from), to: iso(zi.to) },
        statistic: { name: rule.method, values, limit: p.limit },
      },
    };
  };
}

function evaluator(rule: DataRule, s: Series, settings: PersonSettings): Evaluator {
  switch (rule.kind) {
    case 'threshold':
      return memoise(thresholdEvaluator(rule, s, settings));
    case 'change':
      return memoise(changeEvaluator(rule, s, settings));
    case 'trend':
      return memoise(trendEvaluator(rule, s));
  }
}

/** Missing data at check time c: the last measurement of the parameter (or the start of monitoring) too old. */
function missingAt(rule: Extract<RuleSpec, { kind: 'missing' }>, data: Data, c: number, delayMs: number, settings: PersonSettings): Firing | null {
  const s = data.series.get(rule.parameter) ?? EMPTY;
  const i = upperBound(s.t, c) - 1;
  const last = i >= 0 ? { at: s.t[i]!, value: s.v[i]! } : null;
  const since = last ? last.at : data.times[0];
  if (since === undefined || since > c) return null;
  const elapsed = c - since;
  if (elapsed <= rule.days * DAY + delayMs) return null;
  return {
    severity: rule.severity,
    excess: 0,
    explanation: {
      summary: missingSummary(rule.parameter, elapsed, last, since),
      rule: describeRule(rule),
      reference: settings.references[rule.parameter] ?? null,
      threshold: rule.days,
      points: last ? [{ at: iso(last.at), value: last.value }] : [],
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------------
// Candidates: raw firings after the delay, in a time range

interface Candidate {
  ruleIndex: number;
  rule: RuleSpec;
  at: number;
  firing: Firing;
  delayed: boolean;
}

/**
 * The alerts a data rule raises at instants in (from, to], before snooze and repeat suppression: with no delay each
 * measurement where the condition holds; with a delay, the end of the delay of each run of consecutive true
 * measurements that held that long, then its measurements after it.
 */
function dataRuleCandidates(s: Series, ev: Evaluator, delayMs: number, from: number, to: number): { at: number; firing: Firing; delayed: boolean }[] {
  const out: { at: number; firing: Firing; delayed: boolean }[] = [];
  const t = s.t;
  const i0 = upperBound(t, from);
  const i1 = upperBound(t, to);
  for (let i = i0; i < i1; i++) {
    const firing = ev(i);
    if (!firing) continue;
    if (delayMs === 0) {
      out.push({ at: t[i]!, firing, delayed: false });
      continue;
    }
    // Held since before t_i − delay?
    for (let j = i; ; j--) {
      if (t[j]! < t[i]! - delayMs) {
        out.push({ at: t[i]!, firing, delayed: false });
        break;
      }
      if (j === 0 || !ev(j - 1)) break;
    }
  }
  if (delayMs > 0) {
    // Runs starting in (from − delay, to − delay], i.e. due in (from, to].
    const s1 = upperBound(t, to - delayMs);
    for (let start = upperBound(t, from - delayMs); start < s1; start++) {
      if (!ev(start) || (start > 0 && ev(start - 1))) continue;
      const due = t[start]! + delayMs;
      let j = start;
      let held = true;
      while (j + 1 < t.length && t[j + 1]! < due) {
        j++;
        if (!ev(j)) {
          held = false;
          break;
        }
      }
      if (held) out.push({ at: due, firing: ev(j)!, delayed: true });
    }
  }
  return out;
}

function candidates(
  rules: readonly RuleSpec[],
  data: Data,
  settings: PersonSettings,
  delayMs: number,
  from: number,
  to: number,
  checks: readonly number[],
): Candidate[] {
  const out: Candidate[] = [];
  rules.forEach((rule, ruleIndex) => {
    if (rule.kind === 'missing') {
      for (const c of checks) {
        const firing = missingAt(rule, data, c, delayMs, settings);
        if (firing) out.push({ ruleIndex, rule, at: c, firing, delayed: false });
      }
      return;
    }
    const s = data.series.get(rule.parameter) ?? EMPTY;
    if (s.t.length === 0) return;
    for (const c of dataRuleCandidates(s, evaluator(rule, s, settings), delayMs, from, to)) out.push({ ruleIndex, rule, ...c });
  });
  return out.sort((a, b) => a.at - b.at || a.ruleIndex - b.ruleIndex);
}

// ---------------------------------------------------------------------------------------------------------------------
// Policy

const rank = (s: Severity) => SEVERITIES.indexOf(s);
const raise = (s: Severity): Severity => SEVERITIES[Math.min(rank(s) + 1, SEVERITIES.length - 1)]!;

/** How far beyond its limit an alert was (as its explanation shows), for escalation; null if not applicable. */
function excessOf(alert: Alert): number | null {
  const e = alert.explanation;
  if (alert.kind === 'trend') {
    const last = e.statistic?.values[e.statistic.values.length - 1];
    return last && e.statistic ? last.value - e.statistic.limit : null;
  }
  if (alert.kind === 'missing') return null;
  const last = e.points[e.points.length - 1];
  return last && e.threshold !== null ? Math.abs(last.value - e.threshold) : null;
}

function escalationStep(c: Candidate): number {
  if (c.rule.kind === 'trend') return (c.firing.explanation.statistic?.limit ?? 0) / 2;
  return ESCALATION_STEP[c.rule.parameter];
}

function applyPolicy(personId: string, cands: readonly Candidate[], policy: AlertPolicy, prior: readonly Alert[]): Alert[] {
  const delayMs = (policy.delayMinutes ?? 0) * MINUTE;
  const known = prior.filter((a) => a.personId === personId).map((alert) => ({ alert, t: Date.parse(alert.at) }));
  const out: Alert[] = [];
  for (const c of cands) {
    const id = c.rule.id;
    if (known.some((k) => k.alert.ruleId === id && k.t === c.at)) continue; // already raised (repeated call)
    const snooze = policy.snoozedUntil?.[id];
    if (snooze !== undefined && c.at < Date.parse(snooze)) continue;
    let last: { alert: Alert; t: number } | null = null;
    for (const k of known) if (k.alert.ruleId === id && k.t < c.at && (!last || k.t > last.t)) last = k;
    let severity = c.firing.severity;
    let escalation: Explanation['escalation'];
    if (last && c.at - last.t < policy.repeatHours * HOUR) {
      const previous = last.alert;
      const before = previous.kind === c.rule.kind ? excessOf(previous) : null;
      if (c.rule.kind !== 'missing' && before !== null && c.firing.excess - before >= escalationStep(c) - EPS) {
        const up = raise(previous.severity);
        if (rank(up) > rank(severity)) {
          severity = up;
          escalation = { from: previous.severity, previousAt: previous.at };
        }
      }
      if (rank(severity) <= rank(previous.severity)) continue;
    }
    let summary = c.firing.explanation.summary;
    if (c.delayed) summary += delayedSuffix(delayMs);
    if (escalation) summary += escalationSuffix(escalation.from, severity, Date.parse(escalation.previousAt));
    const alert: Alert = {
      personId,
      ruleId: id,
      kind: c.rule.kind,
      parameter: c.rule.parameter,
      severity,
      at: iso(c.at),
      explanation: { ...c.firing.explanation, summary, ...(escalation ? { escalation } : {}) },
    };
    out.push(alert);
    known.push({ alert, t: c.at });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------------
// Entry points

/** Every 00:00 UTC in (from, until]: the default check times for missing data. */
export function dailyCheckTimes(from: string, until: string): string[] {
  const start = parseInstant(from, 'from');
  const end = parseInstant(until, 'until');
  const out: string[] = [];
  for (let t = Math.floor(start / DAY) * DAY + DAY; t <= end; t += DAY) out.push(iso(t));
  return out;
}

function delayOf(policy: AlertPolicy): number {
  const minutes = policy.delayMinutes ?? 0;
  if (!(Number.isFinite(minutes) && minutes >= 0)) throw new RangeError('delayMinutes must be ≥ 0');
  return minutes * MINUTE;
}

/**
 * Evaluate a person's whole series (sorted or not, duplicates possible: one measurement per parameter and instant is
 * kept, the last given) as it would have been evaluated online: at each measurement, only the data up to that time is
 * used. Returns alerts in time order (then rule order), after applying the policy (delay, snooze, repeat suppression).
 * Missing data is checked at `checkTimes`, by default every 00:00 UTC after the first measurement up to `until`.
 * `until` (default: the last measurement, or the last check time if later) ends the evaluation: later measurements
 * are ignored, delayed alerts due after it are not raised.
 */
export function evaluateSeries(
  settings: PersonSettings,
  measurements: readonly Measurement[],
  policy: AlertPolicy,
  opts: { until?: string; checkTimes?: readonly string[] } = {},
): Alert[] {
  const rules = effectiveRules(settings);
  const delayMs = delayOf(policy);
  const explicit = opts.checkTimes?.map((c) => parseInstant(c, 'checkTimes'));
  let until: number;
  if (opts.until !== undefined) until = parseInstant(opts.until, 'until');
  else {
    const all = prepare(settings.personId, measurements, Infinity);
    until = Math.max(all.times[all.times.length - 1] ?? -Infinity, ...(explicit ?? []));
  }
  if (!Number.isFinite(until)) return [];
  const data = prepare(settings.personId, measurements, until);
  const first = data.times[0];
  const checks = explicit
    ? [...new Set(explicit)].filter((c) => c <= until).sort((a, b) => a - b)
    : first === undefined
      ? []
      : dailyCheckTimes(iso(first), iso(until)).map(Date.parse);
  return applyPolicy(settings.personId, candidates(rules, data, settings, delayMs, -Infinity, until, checks), policy, []);
}

/**
 * The same online, for one new measurement: the caller gives the history (the person's earlier measurements; it may
 * include the incoming one) and `recent`, the alerts already raised for the person (at least those of the last
 * repeatHours + delay). Returns the alerts raised at the incoming measurement, and any delayed alert that fell due
 * since the previous measurement (with its own `at`). Missing-data alerts are raised by `evaluateCheck`. An incoming
 * measurement that is invalid or of another person raises nothing.
 */
export function evaluateNew(
  settings: PersonSettings,
  history: readonly Measurement[],
  incoming: Measurement,
  policy: AlertPolicy,
  recent: readonly Alert[],
): Alert[] {
  const rules = effectiveRules(settings);
  const delayMs = delayOf(policy);
  const t = Date.parse(incoming.at);
  if (!Number.isFinite(t)) return [];
  const data = prepare(settings.personId, [...history, incoming], t);
  const own = data.series.get(incoming.parameter);
  if (!own || own.t[own.t.length - 1] !== t) return []; // the incoming measurement was not valid
  const i = lowerBound(data.times, t);
  const previous = i > 0 ? data.times[i - 1]! : -Infinity;
  return applyPolicy(settings.personId, candidates(rules, data, settings, delayMs, previous, t, []), policy, recent);
}

/**
 * evaluateNew for several new measurements of one person at once (a device's batch): the alerts calling evaluateNew on
 * each of them in time order would raise, `recent` growing with them — with the history prepared once and each rule's
 * evaluator (with its memoised baselines) built once, instead of once per measurement. `history` may contain the
 * incoming measurements and later ones: each instant is evaluated on the data up to it only.
 */
export function evaluateBatch(
  settings: PersonSettings,
  history: readonly Measurement[],
  incoming: readonly Measurement[],
  policy: AlertPolicy,
  recent: readonly Alert[],
): Alert[] {
  const rules = effectiveRules(settings);
  const delayMs = delayOf(policy);
  const instants = [...new Set(incoming.map((x) => Date.parse(x.at)).filter((t) => Number.isFinite(t)))].sort((a, b) => a - b);
  if (!instants.length) return [];
  const data = prepare(settings.personId, [...history, ...incoming], instants[instants.length - 1]!);
  const evaluators = new Map<RuleSpec, Evaluator>();
  for (const rule of rules) if (rule.kind !== 'missing') evaluators.set(rule, evaluator(rule, data.series.get(rule.parameter) ?? EMPTY, settings));
  const known = [...recent];
  const out: Alert[] = [];
  for (const t of instants) {
    // As evaluateNew: only instants where an incoming measurement is valid (kept in its series) raise anything.
    const valid = incoming.some((x) => {
      const s = data.series.get(x.parameter);
      return s !== undefined && Date.parse(x.at) === t && s.t[lowerBound(s.t, t)] === t;
    });
    if (!valid) continue;
    const i = lowerBound(data.times, t);
    const previous = i > 0 ? data.times[i - 1]! : -Infinity;
    const cands: Candidate[] = [];
    rules.forEach((rule, ruleIndex) => {
      if (rule.kind === 'missing') return;
      const s = data.series.get(rule.parameter) ?? EMPTY;
      if (s.t.length === 0) return;
      for (const c of dataRuleCandidates(s, evaluators.get(rule)!, delayMs, previous, t)) cands.push({ ruleIndex, rule, ...c });
    });
    cands.sort((a, b) => a.at - b.at || a.ruleIndex - b.ruleIndex);
    const raised = applyPolicy(settings.personId, cands, policy, known);
    known.push(...raised);
    out.push(...raised);
  }
  return out;
}

/**
 * The same online, for a clock tick at `at` (e.g. every 00:00 UTC, to match evaluateSeries' default): missing-data
 * alerts, and delayed alerts that fell due since the last measurement.
 */
export function evaluateCheck(settings: PersonSettings, history: readonly Measurement[], at: string, policy: AlertPolicy, recent: readonly Alert[]): Alert[] {
  const rules = effectiveRules(settings);
  const delayMs = delayOf(policy);
  const c = parseInstant(at, 'at');
  const data = prepare(settings.personId, history, c);
  const previous = data.times[data.times.length - 1] ?? -Infinity;
  return applyPolicy(settings.personId, candidates(rules, data, settings, delayMs, previous, c, [c]), policy, recent);
}
