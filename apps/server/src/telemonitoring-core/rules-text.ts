/**
 * The French wording of the rules and of the alerts they raise, for the coordination nurse. Numbers use the decimal
 * comma and the parameter's decimals; instants are shown in Europe/Paris time.
 */
import { PARAMETERS, type Parameter } from './codes.js';
import { MAD_SCALE, SD_FLOOR, Z_CLIP, ewmaLimit } from './baseline.js';
import type { RuleSpec, Severity } from './rules.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

interface Words {
  /** At the start of a sentence. */
  name: string;
  /** Inside a sentence, without article. */
  lower: string;
  /** With the partitive article: « hausse du poids ». */
  the: string;
  /** Unit with its leading space if any. */
  unit: string;
  reference: string;
}

export const WORDS: Readonly<Record<Parameter, Words>> = {
  body_weight: { name: 'Poids', lower: 'poids', the: 'du poids', unit: ' kg', reference: 'poids de référence' },
  systolic: {
    name: 'Pression systolique',
    lower: 'pression systolique',
    the: 'de la pression systolique',
    unit: ' mmHg',
    reference: 'pression systolique de référence',
  },
  diastolic: {
    name: 'Pression diastolique',
    lower: 'pression diastolique',
    the: 'de la pression diastolique',
    unit: ' mmHg',
    reference: 'pression diastolique de référence',
  },
  heart_rate: {
    name: 'Fréquence cardiaque',
    lower: 'fréquence cardiaque',
    the: 'de la fréquence cardiaque',
    unit: '/min',
    reference: 'fréquence cardiaque de référence',
  },
  spo2: { name: 'SpO2', lower: 'SpO2', the: 'de la SpO2', unit: ' %', reference: 'SpO2 de référence' },
  glucose: { name: 'Glycémie', lower: 'glycémie', the: 'de la glycémie', unit: ' mg/dL', reference: 'glycémie de référence' },
  respiratory_rate: {
    name: 'Fréquence respiratoire',
    lower: 'fréquence respiratoire',
    the: 'de la fréquence respiratoire',
    unit: '/min',
    reference: 'fréquence respiratoire de référence',
  },
  body_temperature: { name: 'Température', lower: 'température', the: 'de la température', unit: ' °C', reference: 'température de référence' },
};

export const SEVERITY_FR: Readonly<Record<Severity, string>> = { low: 'faible', medium: 'moyenne', high: 'élevée', critical: 'critique' };

/** A number with a decimal comma and a true minus sign. */
export function num(x: number, decimals: number): string {
  const text = Math.abs(x).toFixed(decimals).replace('.', ',');
  return x < 0 && /[1-9]/.test(text) ? `−${text}` : text;
}

/** A value of the parameter with its unit: « 78,0 kg », « 118/min ». */
export function val(p: Parameter, x: number): string {
  return `${num(x, PARAMETERS[p].decimals)}${WORDS[p].unit}`;
}

/** A signed difference with its unit: « +2,4 kg », « −5 % ». */
export function signed(p: Parameter, d: number): string {
  const text = num(Math.abs(d), PARAMETERS[p].decimals);
  return `${d < 0 && /[1-9]/.test(text) ? '−' : '+'}${text}${WORDS[p].unit}`;
}

/** « 30 min », « 1 h 30 », « 12 h », « 1 jour », « 3,7 jours ». */
export function duration(ms: number): string {
  if (ms < HOUR) return `${Math.round(ms / MINUTE)} min`;
  if (ms < DAY) {
    const minutes = Math.round(ms / MINUTE);
    const h = Math.floor(minutes / 60);
    const rest = minutes % 60;
    return rest === 0 ? `${h} h` : `${h} h ${String(rest).padStart(2, '0')}`;
  }
  const days = ms / DAY;
  const whole = Math.round(days);
  if (Math.abs(days - whole) < 0.05) return whole === 1 ? '1 jour' : `${whole} jours`;
  return `${num(days, 1)} jours`;
}

const PARIS = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** « 01/03/2026 09:00 », Europe/Paris. */
export function dateTime(ms: number): string {
  return PARIS.format(new Date(ms));
}

function comparison(above: boolean, inclusive: boolean): string {
  return above ? (inclusive ? '≥' : '>') : inclusive ? '≤' : '<';
}

type Threshold = Extract<RuleSpec, { kind: 'threshold' }>;
type Change = Extract<RuleSpec, { kind: 'change' }>;
type Trend = Extract<RuleSpec, { kind: 'trend' }>;

export function thresholdCondition(rule: Threshold): string {
  const inclusive = rule.inclusive ?? false;
  const parts: string[] = [];
  if (rule.above !== undefined) parts.push(`${comparison(true, inclusive)} ${val(rule.parameter, rule.above)}`);
  if (rule.below !== undefined) parts.push(`${comparison(false, inclusive)} ${val(rule.parameter, rule.below)}`);
  return parts.join(' ou ');
}

function windowWhat(against: Change['against'], windowDays: number): string {
  const period = windowDays === 1 ? 'des dernières 24 h' : `des ${num(windowDays, windowDays % 1 === 0 ? 0 : 1)} derniers jours`;
  switch (against) {
    case 'window_min':
      return `minimum ${period}`;
    case 'window_max':
      return `maximum ${period}`;
    case 'window_start':
      return `premier relevé ${period}`;
    case 'reference':
      return 'valeur de référence';
  }
}

/** The trend method's parameters, resolved against the defaults. */
export interface TrendParams {
  k: number;
  h: number;
  lambda: number;
  guardDays: number;
  minBaseline: number;
  limit: number;
}

function methodText(rule: Trend, t: TrendParams): string {
  return rule.method === 'cusum'
    ? `CUSUM unilatéral (k = ${num(t.k, 2)} σ, h = ${num(t.h, 2)} σ, remis à zéro après chaque dépassement)`
    : `EWMA (λ = ${num(t.lambda, 2)}, limite ${num(t.h, 2)} × √(λ/(2 − λ)) = ${num(ewmaLimit(t.h, t.lambda), 2)} σ)`;
}

/** The French description of a rule, as shown with every alert it raises. */
export function describeRule(rule: RuleSpec, trend?: TrendParams): string {
  const w = WORDS[rule.parameter];
  switch (rule.kind) {
    case 'threshold': {
      const n = rule.confirmations ?? 1;
      return `Seuil : ${w.lower} ${thresholdCondition(rule)}${n > 1 ? ` sur ${n} mesures consécutives` : ''}`;
    }
    case 'change': {
      const way = rule.delta > 0 ? 'hausse' : 'baisse';
      const amount = `${num(Math.abs(rule.delta), PARAMETERS[rule.parameter].decimals)}${w.unit}`;
      return rule.against === 'reference'
        ? `Écart : ${way} ${w.the} d'au moins ${amount} par rapport au ${w.reference} de la personne`
        : `Variation : ${way} ${w.the} d'au moins ${amount} en ${duration(rule.windowDays * DAY)}, par rapport au ${windowWhat(rule.against, rule.windowDays)}`;
    }
    case 'trend': {
      if (!trend) throw new Error('trend parameters needed');
      const way = rule.direction === 'up' ? 'hausse' : 'baisse';
      return (
        `Tendance : ${way} progressive ${w.the}, ${methodText(rule, trend)}, sur les valeurs standardisées par la ligne de base ` +
        `personnelle (médiane et ${num(MAD_SCALE, 4)} × MAD des ${rule.baselineDays} jours précédant les ${trend.guardDays} derniers jours, ` +
        `au moins ${trend.minBaseline} mesures, écart-type plancher ${val(rule.parameter, SD_FLOOR[rule.parameter])}, valeurs écrêtées à ±${Z_CLIP} σ)`
      );
    }
    case 'missing':
      return `Données manquantes : aucune mesure de ${w.lower} depuis plus de ${duration(rule.days * DAY)}`;
  }
}

export function thresholdSummary(rule: Threshold, limit: number, above: boolean, points: readonly { value: number }[]): string {
  const p = rule.parameter;
  const w = WORDS[p];
  const last = points[points.length - 1]!;
  const op = comparison(above, rule.inclusive ?? false);
  if (points.length === 1) return `${w.name} ${val(p, last.value)} (seuil ${op} ${val(p, limit)})`;
  const values = points.map((pt) => num(pt.value, PARAMETERS[p].decimals)).join(', ');
  return `${w.name} ${val(p, last.value)} : ${points.length} mesures consécutives ${op} ${val(p, limit)} (${values}${w.unit})`;
}

export function changeSummary(rule: Change, current: { at: number; value: number }, from: { at: number | null; value: number }): string {
  const p = rule.parameter;
  const w = WORDS[p];
  const change = current.value - from.value;
  if (rule.against === 'reference' || from.at === null) {
    return `${w.name} ${val(p, current.value)}, soit ${signed(p, change)} par rapport au ${w.reference} (${val(p, from.value)})`;
  }
  return (
    `${w.name} ${signed(p, change)} en ${duration(current.at - from.at)} par rapport au ${windowWhat(rule.against, rule.windowDays)} ` +
    `(${val(p, from.value)} le ${dateTime(from.at)})`
  );
}

export function trendSummary(rule: Trend, value: number, baseline: { mean: number; sd: number }, statistic: number, limit: number): string {
  const p = rule.parameter;
  const w = WORDS[p];
  return (
    `${w.name} en ${rule.direction === 'up' ? 'hausse' : 'baisse'} progressive : ${val(p, value)} pour une ligne de base personnelle de ` +
    `${val(p, baseline.mean)} ± ${val(p, baseline.sd)} (${rule.method.toUpperCase()} ${num(statistic, 2)} > ${num(limit, 2)})`
  );
}

export function missingSummary(parameter: Parameter, elapsedMs: number, last: { at: number; value: number } | null, since: number): string {
  const w = WORDS[parameter];
  return last
    ? `Aucune mesure de ${w.lower} depuis ${duration(elapsedMs)} (dernière le ${dateTime(last.at)} : ${val(parameter, last.value)})`
    : `Aucune mesure de ${w.lower} depuis le début du suivi le ${dateTime(since)}, soit ${duration(elapsedMs)}`;
}

export function delayedSuffix(delayMs: number): string {
  return ` ; toujours présent après ${duration(delayMs)}`;
}

export function escalationSuffix(from: Severity, to: Severity, previousAt: number): string {
  return ` ; aggravation depuis l'alerte du ${dateTime(previousAt)} : sévérité relevée de ${SEVERITY_FR[from]} à ${SEVERITY_FR[to]}`;
}
