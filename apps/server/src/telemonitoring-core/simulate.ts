/**
 * A pure telemonitoring simulator: synthetic patients, their daily home measurements as FHIR R4 Observations, and the
 * clinical episodes planted in them, so that alert rules can be tested and benchmarked (sensitivity, lead time, false
 * alerts) without a database, a server or real patient data. Nothing here is real data; the model is a set of plain,
 * deliberately simple assumptions chosen to produce series that look like home telemonitoring, described below.
 *
 * Determinism. Every draw comes from the seeded generator of lib/random.ts. Patient k (0-based) draws from streams
 * seeded by `${seed}/telemonitoring-sim/${k}` only, so the same options give byte-identical output, and patient k's
 * series does not depend on how many patients are simulated (a cohort of 10 is a prefix of a cohort of 100). The
 * programme is assigned round-robin over `programmes` (patient k gets programmes[k % n]).
 *
 * Measurement days. Each patient measures in the morning at a habitual time drawn in 07:15–08:30 local time
 * (Europe/Paris), jittered each day by a normal draw (SD 12 min), 20 min later on Saturdays and Sundays, clamped to
 * 06:45–09:30. On a normal day the patient measures with probability `adherence` (drawn per patient, 0.75–0.98); on
 * a measuring day each device is still forgotten with probability 0.03. Runs of missed days (holidays, device off or
 * uncharged) start on any day with probability 1/120 and last 3–10 days. No measurement is sent during a hospital stay.
 * Heart failure, hypertension and COPD measure every parameter of the programme daily; in diabetes, glucose (fasting)
 * is daily and weight weekly, on a weekday drawn per patient.
 *
 * Values. value = personal baseline + slow drift + weekly pattern + episode deviation + day-to-day noise, then a
 * possible outlier, then clamped to the parameter's possible range (codes.ts) and rounded to its decimals.
 * - Slow drift: a per-parameter AR(1) process (coefficient 0.98 for weight, 0.95 otherwise) with the stationary SD
 *   given below, advanced every day whether or not the patient measures.
 * - Day-to-day noise SD (drawn per patient within the range): weight 0.3–0.5 kg; systolic 6–10 mmHg; diastolic 4–6
 *   mmHg plus 0.4 × the systolic noise (the two move together); heart rate 3–6 /min; SpO2 0.8–1.3 points; glucose
 *   multiplicative, log-SD 0.10–0.18; respiratory rate 1–2 /min; temperature 0.15–0.25 °C.
 * - Drift stationary SD: weight 0.4 kg, systolic 4, diastolic 2 (plus half the systolic drift), heart rate 2,
 *   SpO2 0.5, glucose log-SD 0.05, respiratory rate 0.5, temperature 0.05.
 * - Weekly pattern: Monday weights are 0.2 kg higher (weekend meals).
 * - Outliers (mis-measurement), each measurement with probability 0.01: weight +0.8 to +2.0 kg (clothes, shoes) or,
 *   one time in five, −1.0 to −2.0 kg (leaning on something); blood pressure +15 to +30 / +8 to +15 mmHg and heart
 *   rate +15 to +30 /min (measured right after exertion); SpO2 −4 to −10 (cold fingers, poor signal); glucose × 1.5
 *   to 2.5 (sugar on the finger); respiratory rate ±6; temperature −0.8 to −1.5 °C (thermometer badly placed).
 * - Duplicates: each observation is sent a second time with probability 0.005 (same device, time, code and value,
 *   a new resource id), as a gateway retrying after a lost acknowledgement; ingestion is expected to deduplicate.
 *   Observations are emitted in time order per patient (patient after patient); the simulator sends nothing late.
 *
 * Baselines (per patient): heart failure aged 65–92, dry weight normal (F 68 ± 12 kg, M 80 ± 13 kg), systolic
 * 105–135, diastolic 60–80, heart rate 62–80; hypertension aged 45–85, systolic 130–155, diastolic 78–92, heart rate
 * 60–80; diabetes aged 45–85, fasting glucose 110–170 mg/dL, weight F 78 ± 14 / M 88 ± 15 kg; COPD aged 55–88, SpO2
 * 90–95 %, heart rate 72–92, respiratory rate 16–21, temperature 36.4–36.9 °C. Sex F or M with probability 1/2.
 *
 * Episodes. Onsets arrive as a Poisson process of `episodeRate` per patient-year starting after a 21-day baseline
 * period (no onset before day 21); an arrival that falls during an episode, its recovery or the 7 days after it is
 * postponed to the end of that period, so episodes never overlap and the long-run rate stays `episodeRate` (as long as
 * episodes take a small share of the time, as at the default of 4 a year). An episode whose event would fall after
 * the last simulated day is not planted. `onset` is local midnight of the first day the series deviates; `event` is
 * the clinical event the monitoring should anticipate. From onset to event the deviation grows as amplitude × p^k,
 * p = (day − onset day + 1) / (event day − onset day + 1), so it is first visible on the onset day and full on the
 * event day; after the event (and any hospital stay) it decays linearly to nothing over the recovery days.
 * - hf_decompensation (heart failure): three shapes. Subtle, 35 %: +1.5 to +2.2 kg over 8–14 days, linear.
 *   Gradual, 25 %: +2.2 to +3.5 kg over 10–14 days, linear. In both the noise-free rise over any 3 days is at most
 *   about 1 kg, so a "+2 kg in 3 days" rule often misses them. Rapid, 40 %: +2.5 to +4.0 kg over 5–9 days,
 *   accelerating (k = 2). Heart rate rises by 5–20 /min in 60 % of episodes. Event: hospital admission (65 %, between
 *   10:00 and 22:00 on the event day, stay 3–10 days, discharged with 0–30 % of the gain left, which goes over 3–7
 *   days, and a new dry weight of the initial one −1.0 to +0.5 kg, not cumulative) or an urgent visit with diuretic
 *   adjustment (35 %, the gain goes over 3–7 days).
 * - hypertensive_crisis (hypertension): systolic rises linearly over 1–5 days to a peak of 185–215 mmHg (diastolic by
 *   0.35–0.55 × the systolic rise, heart rate +3 to +10 in half of them); event: emergency visit between 10:00 and
 *   22:00 on the peak day (30 % kept 1–2 days), after which half the rise is left and goes over 2–6 days.
 * - hyperglycaemia (diabetes, 60 % of its episodes): fasting glucose rises over 1–3 days to a plateau of 270–380
 *   mg/dL held 3–7 days; event: unplanned medical contact on the last plateau day, between 10:00 and 18:00; back over
 *   2–5 days.
 * - hypoglycaemia (diabetes, 40 %): glucose falls over 1–3 days (k = 2) to a reading of 42–66 mg/dL on the event day;
 *   that reading is always taken (a symptomatic patient checks) and `event` is its time: an alert raised from that
 *   reading is simultaneous with the event, not ahead of it. Back to baseline over 1–2 days.
 * - copd_exacerbation (COPD): over 2–5 days SpO2 falls by 3–6 points, respiratory rate rises by 4–8 and heart rate by
 *   8–20 /min, with fever (+1.0 to +1.8 °C) in 40 %; event: hospital admission (60 %, stay 4–10 days) or a home visit
 *   with treatment (40 %) between 10:00 and 22:00; recovery over 5–14 days (from half the deviation after a stay).
 */
import type { Observation } from '@medplum/fhirtypes';
import { createRandom, fromDay, toDay, type Random } from '../lib/random.js';
import {
  BP_PANEL_LOINC,
  PARAMETERS,
  PARAMETER_KEYS,
  PROGRAMMES,
  PROGRAMME_PARAMETERS,
  parameterOfLoinc,
  type Measurement,
  type Parameter,
  type Programme,
} from './codes.js';

export interface SimOptions {
  patients: number;
  days: number;
  seed: number;
  /** First simulated day, YYYY-MM-DD; default '2026-01-01'. */
  start?: string;
  /** Programmes assigned round-robin; default all four. */
  programmes?: readonly Programme[];
  /** Expected episodes per patient-year (Poisson arrivals, postponed while an episode runs); default 4. */
  episodeRate?: number;
}

export interface SimPatient {
  id: string;
  deviceId: string;
  programme: Programme;
  age: number;
  sex: 'F' | 'M';
  /** Personal baseline of each parameter of the programme (dry weight for heart failure). */
  baseline: Partial<Record<Parameter, number>>;
  /** Probability of measuring on an ordinary day (outside runs of missed days and hospital stays). */
  adherence: number;
}

export type EpisodeKind = 'hf_decompensation' | 'hypertensive_crisis' | 'hyperglycaemia' | 'hypoglycaemia' | 'copd_exacerbation';

export interface PlantedEpisode {
  patientId: string;
  programme: Programme;
  kind: EpisodeKind;
  /** Local midnight (Europe/Paris, with offset) of the first day the series deviates. */
  onset: string;
  /** The clinical event the monitoring should anticipate (ISO 8601 with the Paris offset). */
  event: string;
  /** The parameters that deviate. */
  parameters: Parameter[];
  description: string;
}

export type FhirObservation = Observation;

export interface SimResult {
  patients: SimPatient[];
  episodes: PlantedEpisode[];
  /** Generated lazily, patient after patient, in time order per patient; can be iterated several times. */
  observations: Iterable<FhirObservation>;
}

export const DEFAULT_START = '2026-01-01';
export const DEFAULT_EPISODE_RATE = 4;
/** Days at the start with no episode onset. */
export const BASELINE_DAYS = 21;

// --- Model constants (see the comment at the top) ---------------------------------------------------------------

const FORGET_DEVICE = 0.03;
const GAP_RUN_START = 1 / 120;
const OUTLIER_RATE = 0.01;
const DUPLICATE_RATE = 0.005;
const WASHOUT_DAYS = 7;

// --- Small numeric helpers on top of the uniform draws ------------------------------------------------------------

/** Standard normal draw (Box–Muller, one value per call). */
function gauss(r: Random): number {
  const u1 = 1 - r.next(); // (0, 1]
  const u2 = r.next();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

function normal(r: Random, mean: number, sd: number): number {
  return mean + sd * gauss(r);
}

function uniform(r: Random, min: number, max: number): number {
  return min + (max - min) * r.next();
}

function exponential(r: Random, mean: number): number {
  return -Math.log(1 - r.next()) * mean;
}

const clamp = (x: number, min: number, max: number) => (x < min ? min : x > max ? max : x);

function roundTo(x: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
}

const p2 = (n: number) => (n < 10 ? `0${n}` : String(n));

// --- Time -------------------------------------------------------------------------------------------------------

const PARIS = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Paris', timeZoneName: 'longOffset' });
const offsetCache = new Map<string, string>();

/**
 * The Europe/Paris UTC offset ('+01:00' or '+02:00') in force on a date from 03:00 local time onwards (daylight-saving
 * changes happen at 01:00 UTC, i.e. 02:00 or 03:00 local), which covers every time the simulator writes.
 */
export function parisOffset(date: string): string {
  let offset = offsetCache.get(date);
  if (offset === undefined) {
    const name = PARIS.formatToParts(new Date(`${date}T10:00:00Z`)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
    offset = name === 'GMT' ? '+00:00' : name.slice(3);
    offsetCache.set(date, offset);
  }
  return offset;
}

/**
 * Local Paris date-time with offset, e.g. 2026-01-01T07:42:00+01:00; `minute` counts from local midnight. Before
 * 02:00 the offset is still the previous day's (it matters for local midnight on the days the clocks change).
 */
function localInstant(date: string, minute: number): string {
  const offset = parisOffset(minute < 120 ? fromDay(toDay(date) - 1) : date);
  return `${date}T${p2(Math.floor(minute / 60))}:${p2(minute % 60)}:00${offset}`;
}

// --- Patients and episode plans -----------------------------------------------------------------------------------

interface Noise {
  sd: Partial<Record<Parameter, number>>;
}

interface EpisodePlan {
  kind: EpisodeKind;
  /** Heart failure: which of the three shapes. */
  shape?: 'subtle' | 'gradual' | 'rapid';
  onsetDay: number;
  eventDay: number;
  /** Minutes after local midnight of the event (unused for hypoglycaemia: the event is the reading itself). */
  eventMinute: number;
  /** Days after the event day without measurements (hospital stay). */
  stayDays: number;
  recoveryDays: number;
  /** Deviation on the event day. */
  amplitude: Partial<Record<Parameter, number>>;
  /** Shape exponent k of amplitude × p^k before the event. */
  exponent: number;
  /** Hyperglycaemia: days of rise before the plateau (0: the rise lasts until the event). */
  rampDays: number;
  /** Share of the amplitude left at the start of recovery. */
  residual: number;
  /** New offset from the initial baseline, from the end of the stay on (dry weight re-estimated; not cumulative). */
  baselineShift: Partial<Record<Parameter, number>>;
  /** Hypoglycaemia: the reading on the event day. */
  hypoValue?: number;
}

interface PatientPlan {
  /** Seed of every stream of this patient: `${seed}/telemonitoring-sim/${index}`. */
  key: string;
  index: number;
  patient: SimPatient;
  habitualMinute: number;
  weighDay: number;
  noise: Noise;
  episodes: EpisodePlan[];
  startDay: number;
  days: number;
}

function patientId(index: number): string {
  return `sim-${String(index + 1).padStart(4, '0')}`;
}

function makePatient(seed: number, index: number, programme: Programme, startDay: number, days: number, rate: number): PatientPlan {
  const key = `${seed}/telemonitoring-sim/${index}`;
  const root = createRandom(key);
  const r = root.fork('profile');
  const sex: 'F' | 'M' = r.chance(0.5) ? 'F' : 'M';
  const baseline: Partial<Record<Parameter, number>> = {};
  const sd: Partial<Record<Parameter, number>> = {};
  let age: number;
  const weight = (f: [number, number], m: [number, number], min: number, max: number) =>
    roundTo(clamp(sex === 'F' ? normal(r, f[0], f[1]) : normal(r, m[0], m[1]), min, max), 1);
  switch (programme) {
    case 'heart_failure':
      age = r.int(65, 92);
      baseline.body_weight = weight([68, 12], [80, 13], 45, 140);
      baseline.systolic = r.int(105, 135);
      baseline.diastolic = r.int(60, 80);
      baseline.heart_rate = r.int(62, 80);
      break;
    case 'hypertension':
      age = r.int(45, 85);
      baseline.systolic = r.int(130, 155);
      baseline.diastolic = r.int(78, 92);
      baseline.heart_rate = r.int(60, 80);
      break;
    case 'diabetes':
      age = r.int(45, 85);
      baseline.glucose = r.int(110, 170);
      baseline.body_weight = weight([78, 14], [88, 15], 45, 180);
      break;
    case 'copd':
      age = r.int(55, 88);
      baseline.spo2 = r.int(90, 95);
      baseline.heart_rate = r.int(72, 92);
      baseline.respiratory_rate = r.int(16, 21);
      baseline.body_temperature = roundTo(uniform(r, 36.4, 36.9), 1);
      break;
  }
  sd.body_weight = uniform(r, 0.3, 0.5);
  sd.systolic = uniform(r, 6, 10);
  sd.diastolic = uniform(r, 4, 6);
  sd.heart_rate = uniform(r, 3, 6);
  sd.spo2 = uniform(r, 0.8, 1.3);
  sd.glucose = uniform(r, 0.1, 0.18);
  sd.respiratory_rate = uniform(r, 1, 2);
  sd.body_temperature = uniform(r, 0.15, 0.25);
  const adherence = roundTo(uniform(r, 0.75, 0.98), 3);
  const habitualMinute = r.int(435, 510);
  const weighDay = r.int(0, 6);
  const id = patientId(index);
  const patient: SimPatient = { id, deviceId: `dev-${String(index + 1).padStart(4, '0')}`, programme, age, sex, baseline, adherence };
  const episodes = planEpisodes(root.fork('episodes'), patient, days, rate);
  return { key, index, patient, habitualMinute, weighDay, noise: { sd }, episodes, startDay, days };
}

function planEpisodes(r: Random, patient: SimPatient, days: number, rate: number): EpisodePlan[] {
  const out: EpisodePlan[] = [];
  if (!(rate > 0)) return out;
  const mean = 365 / rate;
  let arrival = BASELINE_DAYS + exponential(r, mean);
  let free = BASELINE_DAYS; // first day a new onset may fall on
  for (;;) {
    const onset = Math.max(Math.floor(arrival), free);
    if (onset >= days) break;
    const ep = drawEpisode(r, patient, onset);
    if (ep.eventDay >= days) break; // the event would fall after the simulation: not planted
    out.push(ep);
    free = episodeEnd(ep) + 1 + WASHOUT_DAYS;
    arrival += exponential(r, mean);
  }
  return out;
}

function emptyPlan(kind: EpisodeKind, onsetDay: number, length: number): EpisodePlan {
  return {
    kind,
    onsetDay,
    eventDay: onsetDay + length - 1,
    eventMinute: 0,
    stayDays: 0,
    recoveryDays: 0,
    amplitude: {},
    exponent: 1,
    rampDays: 0,
    residual: 1,
    baselineShift: {},
  };
}

function drawEpisode(r: Random, patient: SimPatient, onset: number): EpisodePlan {
  const b = patient.baseline;
  switch (patient.programme) {
    case 'heart_failure': {
      const shape = r.pickKey({ subtle: 35, gradual: 25, rapid: 40 });
      const [gain, length, exponent] =
        shape === 'subtle'
          ? [uniform(r, 1.5, 2.2), r.int(8, 14), 1]
          : shape === 'gradual'
            ? [uniform(r, 2.2, 3.5), r.int(10, 14), 1]
            : [uniform(r, 2.5, 4.0), r.int(5, 9), 2];
      const ep = emptyPlan('hf_decompensation', onset, length);
      ep.shape = shape;
      ep.exponent = exponent;
      ep.amplitude.body_weight = gain;
      if (r.chance(0.6)) ep.amplitude.heart_rate = uniform(r, 5, 20);
      if (r.chance(0.65)) {
        ep.stayDays = r.int(3, 10);
        ep.residual = uniform(r, 0, 0.3);
        ep.baselineShift.body_weight = uniform(r, -1.0, 0.5);
      }
      ep.recoveryDays = r.int(3, 7);
      ep.eventMinute = r.int(600, 1320);
      return ep;
    }
    case 'hypertension': {
      const ep = emptyPlan('hypertensive_crisis', onset, r.int(1, 5));
      const rise = uniform(r, 185, 215) - (b.systolic ?? 140);
      ep.amplitude.systolic = rise;
      ep.amplitude.diastolic = rise * uniform(r, 0.35, 0.55);
      if (r.chance(0.5)) ep.amplitude.heart_rate = uniform(r, 3, 10);
      if (r.chance(0.3)) ep.stayDays = r.int(1, 2);
      ep.residual = 0.5; // treated at the emergency visit
      ep.recoveryDays = r.int(2, 6);
      ep.eventMinute = r.int(600, 1320);
      return ep;
    }
    case 'diabetes': {
      if (r.chance(0.6)) {
        const ramp = r.int(1, 3);
        const ep = emptyPlan('hyperglycaemia', onset, ramp + r.int(3, 7));
        ep.rampDays = ramp;
        ep.amplitude.glucose = uniform(r, 270, 380) - (b.glucose ?? 140);
        ep.recoveryDays = r.int(2, 5);
        ep.eventMinute = r.int(600, 1080);
        return ep;
      }
      const ep = emptyPlan('hypoglycaemia', onset, r.int(1, 3));
      ep.hypoValue = r.int(42, 66);
      ep.amplitude.glucose = ep.hypoValue - (b.glucose ?? 140);
      ep.exponent = 2;
      ep.recoveryDays = r.int(1, 2);
      return ep;
    }
    case 'copd': {
      const ep = emptyPlan('copd_exacerbation', onset, r.int(2, 5));
      ep.amplitude.spo2 = -uniform(r, 3, 6);
      ep.amplitude.respiratory_rate = uniform(r, 4, 8);
      ep.amplitude.heart_rate = uniform(r, 8, 20);
      if (r.chance(0.4)) ep.amplitude.body_temperature = uniform(r, 1.0, 1.8);
      if (r.chance(0.6)) {
        ep.stayDays = r.int(4, 10);
        ep.residual = 0.5;
      }
      ep.recoveryDays = r.int(5, 14);
      ep.eventMinute = r.int(600, 1320);
      return ep;
    }
  }
}

/** Deviation of `p` on day `d` (0-based) due to the episode. */
function deviation(ep: EpisodePlan, p: Parameter, d: number): number {
  const a = ep.amplitude[p];
  if (a === undefined || d < ep.onsetDay) return 0;
  if (d <= ep.eventDay) {
    const span = ep.rampDays > 0 ? ep.rampDays : ep.eventDay - ep.onsetDay + 1;
    const progress = Math.min(1, (d - ep.onsetDay + 1) / span);
    return a * progress ** ep.exponent;
  }
  const since = d - ep.eventDay - ep.stayDays; // 1 on the first day home
  if (since <= 0 || since > ep.recoveryDays) return 0;
  return a * ep.residual * (1 - since / (ep.recoveryDays + 1));
}

const KIND_LABEL: Record<EpisodeKind, string> = {
  hf_decompensation: 'Heart-failure decompensation',
  hypertensive_crisis: 'Hypertensive crisis',
  hyperglycaemia: 'Hyperglycaemia',
  hypoglycaemia: 'Hypoglycaemia',
  copd_exacerbation: 'COPD exacerbation',
};

function describe(ep: EpisodePlan, patient: SimPatient): string {
  const a = ep.amplitude;
  const n = ep.eventDay - ep.onsetDay + 1;
  const days = `${n} day${n > 1 ? 's' : ''}`;
  const f = (x: number | undefined, d = 0) => (x === undefined ? '' : `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(d)}`);
  const parts: string[] = [];
  switch (ep.kind) {
    case 'hf_decompensation': {
      parts.push(`${ep.shape}: weight ${f(a.body_weight, 1)} kg over ${days} above ${patient.baseline.body_weight} kg dry weight`);
      if (a.heart_rate !== undefined) parts.push(`heart rate ${f(a.heart_rate)} /min`);
      parts.push(ep.stayDays > 0 ? `hospitalised ${ep.stayDays} days` : 'urgent visit, diuretics adjusted');
      break;
    }
    case 'hypertensive_crisis':
      parts.push(`systolic to about ${Math.round((patient.baseline.systolic ?? 0) + (a.systolic ?? 0))} mmHg over ${days}`);
      parts.push(`diastolic ${f(a.diastolic)} mmHg`);
      parts.push(ep.stayDays > 0 ? `emergency visit, kept ${ep.stayDays} day${ep.stayDays > 1 ? 's' : ''}` : 'emergency visit');
      break;
    case 'hyperglycaemia':
      parts.push(
        `fasting glucose to about ${Math.round((patient.baseline.glucose ?? 0) + (a.glucose ?? 0))} mg/dL for ${n - ep.rampDays} days after ${ep.rampDays} day${ep.rampDays > 1 ? 's' : ''} of rise`,
      );
      parts.push('unplanned medical contact');
      break;
    case 'hypoglycaemia':
      parts.push(`glucose falling over ${days} to ${ep.hypoValue} mg/dL`);
      break;
    case 'copd_exacerbation':
      parts.push(`SpO2 ${f(a.spo2)} points over ${days}`);
      parts.push(`respiratory rate ${f(a.respiratory_rate)} /min`);
      parts.push(`heart rate ${f(a.heart_rate)} /min`);
      if (a.body_temperature !== undefined) parts.push(`fever ${f(a.body_temperature, 1)} °C`);
      parts.push(ep.stayDays > 0 ? `hospitalised ${ep.stayDays} days` : 'treated at home');
      break;
  }
  return `${KIND_LABEL[ep.kind]} (${parts.join('; ')})`;
}

function toPlanted(plan: PatientPlan, ep: EpisodePlan): PlantedEpisode {
  const onsetDate = fromDay(plan.startDay + ep.onsetDay);
  const eventDate = fromDay(plan.startDay + ep.eventDay);
  const eventMinute = ep.kind === 'hypoglycaemia' ? hypoReadingMinute(plan, ep) : ep.eventMinute;
  return {
    patientId: plan.patient.id,
    programme: plan.patient.programme,
    kind: ep.kind,
    onset: localInstant(onsetDate, 0),
    event: localInstant(eventDate, eventMinute),
    parameters: PARAMETER_KEYS.filter((p) => ep.amplitude[p] !== undefined),
    description: describe(ep, plan.patient),
  };
}

// --- Daily series ---------------------------------------------------------------------------------------------------

/** Measurement time (minutes after local midnight) on day d: drawn from its own stream so episodes can know it. */
function measureMinute(plan: PatientPlan, d: number): number {
  const r = createRandom(`${plan.key}/time/${d}`); // its own stream: episodes planned ahead can know it
  const weekday = weekdayOf(plan.startDay + d);
  const weekend = weekday === 0 || weekday === 6;
  return Math.round(clamp(plan.habitualMinute + normal(r, 0, 12) + (weekend ? 20 : 0), 405, 570));
}

/** 0 = Sunday … 6 = Saturday, for a day number of lib/random.ts (1970-01-01 was a Thursday). */
function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

function hypoReadingMinute(plan: PatientPlan, ep: EpisodePlan): number {
  return measureMinute(plan, ep.eventDay);
}

const DRIFT: Record<Parameter, { phi: number; sd: number }> = {
  body_weight: { phi: 0.98, sd: 0.4 },
  systolic: { phi: 0.95, sd: 4 },
  diastolic: { phi: 0.95, sd: 2 },
  heart_rate: { phi: 0.95, sd: 2 },
  spo2: { phi: 0.95, sd: 0.5 },
  glucose: { phi: 0.95, sd: 0.05 },
  respiratory_rate: { phi: 0.95, sd: 0.5 },
  body_temperature: { phi: 0.95, sd: 0.05 },
};

const OBS_CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';
const UCUM = 'http://unitsofmeasure.org';
const LOINC = 'http://loinc.org';
const BP_PANEL_DISPLAY = 'Blood pressure panel with all children optional';

function quantity(p: Parameter, value: number) {
  const unit = PARAMETERS[p].unit;
  return { value, unit, system: UCUM, code: unit };
}

function coding(p: Parameter) {
  return { coding: [{ system: LOINC, code: PARAMETERS[p].loinc, display: PARAMETERS[p].display }] };
}

function category(code: 'vital-signs' | 'laboratory') {
  return [{ coding: [{ system: OBS_CATEGORY, code }] }];
}

function finish(p: Parameter, x: number): number {
  const def = PARAMETERS[p];
  return clamp(roundTo(x, def.decimals), def.min, def.max);
}

type ObservationBody = Omit<Observation, 'resourceType' | 'id'>;

const byMinute = (a: { minute: number }, b: { minute: number }) => a.minute - b.minute;

/**
 * One patient's daily series. A class rather than closures inside the day loop: the loop runs for every patient-day,
 * and the CLI runs under tsx, which wraps every closure it creates (keepNames), so per-day closures were the main cost.
 */
class Series {
  private readonly rv: Random; // drift and noise: drawn every day, so values do not depend on missingness
  private readonly rm: Random; // adherence, runs of missed days, forgotten devices
  private readonly rq: Random; // outliers, duplicates, minutes between devices
  private readonly params: readonly Parameter[];
  private readonly drift: Partial<Record<Parameter, number>> = {};
  private readonly shift: Partial<Record<Parameter, number>> = {};
  private readonly subject: string;
  private readonly device: string;
  private gapLeft = 0;
  private e = 0; // index of the current or next episode
  private n = 0; // observations sent
  // The day being generated.
  private d = 0;
  private ep: EpisodePlan | undefined;
  private date = '';
  private weekday = 0;
  private readonly z: Partial<Record<Parameter, number>> = {};
  private readonly outlierDraw: Partial<Record<Parameter, number>> = {};
  private readonly forgotten: Partial<Record<Parameter | 'bp', boolean>> = {};
  private outlierSize = 0;
  private outlierSign = 0;
  private readonly out: { minute: number; obs: ObservationBody }[] = [];

  constructor(private readonly plan: PatientPlan) {
    const base = createRandom(plan.key);
    this.rv = base.fork('values');
    this.rm = base.fork('missing');
    this.rq = base.fork('quirks');
    this.params = PROGRAMME_PARAMETERS[plan.patient.programme];
    for (const p of this.params) this.drift[p] = normal(this.rv, 0, DRIFT[p].sd);
    this.subject = `Patient/${plan.patient.id}`;
    this.device = `Device/${plan.patient.deviceId}`;
  }

  *observations(): Generator<FhirObservation> {
    const id = this.plan.patient.id;
    for (let d = 0; d < this.plan.days; d++) {
      for (const { obs } of this.day(d)) {
        yield { resourceType: 'Observation', id: `${id}-${++this.n}`, ...obs };
        // The resend: a deep copy, so that a consumer changing one observation does not change the other.
        if (this.rq.chance(DUPLICATE_RATE)) yield { resourceType: 'Observation', id: `${id}-${++this.n}`, ...structuredClone<ObservationBody>(obs) };
      }
    }
  }

  /** The observations of day d, in time order (empty when the patient does not measure). */
  private day(d: number): { minute: number; obs: ObservationBody }[] {
    const { plan, params, rv, rm, rq, drift, z } = this;
    const { episodes, patient } = plan;
    this.d = d;
    this.out.length = 0;
    for (const p of params) {
      const { phi, sd } = DRIFT[p];
      drift[p] = phi * drift[p]! + sd * Math.sqrt(1 - phi * phi) * gauss(rv);
    }
    for (const p of params) z[p] = gauss(rv);

    while (this.e < episodes.length && d > episodeEnd(episodes[this.e]!)) this.e++;
    const next = episodes[this.e];
    const ep = next !== undefined && d >= next.onsetDay ? next : undefined;
    this.ep = ep;
    // A re-estimated dry weight takes effect on the first day home.
    if (ep && d === ep.eventDay + ep.stayDays + 1) for (const p of PARAMETER_KEYS) if (ep.baselineShift[p] !== undefined) this.shift[p] = ep.baselineShift[p];

    if (this.gapLeft === 0 && rm.chance(GAP_RUN_START)) this.gapLeft = rm.int(3, 10);
    const inRun = this.gapLeft > 0;
    if (inRun) this.gapLeft--;
    const measures = rm.chance(patient.adherence);
    this.forgotten.bp = rm.chance(FORGET_DEVICE);
    for (const p of params) this.forgotten[p] = rm.chance(FORGET_DEVICE);
    for (const p of params) this.outlierDraw[p] = rq.next();
    this.outlierSize = rq.next();
    this.outlierSign = rq.next();
    const gap1 = rq.int(1, 4);
    const gap2 = rq.int(1, 3);
    const gap3 = rq.int(2, 6);

    const inStay = ep !== undefined && d > ep.eventDay && d <= ep.eventDay + ep.stayDays;
    const hypoEvent = ep !== undefined && ep.kind === 'hypoglycaemia' && d === ep.eventDay;
    if (inStay || (!hypoEvent && (inRun || !measures))) return this.out;

    this.date = fromDay(plan.startDay + d);
    this.weekday = weekdayOf(plan.startDay + d);
    const minute = measureMinute(plan, d);
    const f = this.forgotten;
    switch (patient.programme) {
      case 'heart_failure':
        if (!f.body_weight) this.single('body_weight', this.weight(), minute);
        if (!f.bp) this.bloodPressure(minute + gap1);
        if (!f.heart_rate) this.single('heart_rate', this.heartRate(), minute + gap1);
        break;
      case 'hypertension':
        if (!f.bp) this.bloodPressure(minute);
        if (!f.heart_rate) this.single('heart_rate', this.heartRate(), minute);
        break;
      case 'diabetes':
        if (hypoEvent) {
          this.single('glucose', ep.hypoValue!, minute); // a symptomatic morning: the reading is always taken
          break;
        }
        if (!f.glucose) this.single('glucose', this.glucose(), minute);
        if (this.weekday === plan.weighDay && !f.body_weight) this.single('body_weight', this.weight(), minute + gap2);
        break;
      case 'copd':
        if (!f.spo2) this.single('spo2', this.plain('spo2') - (this.isOutlier('spo2') ? 4 + 6 * this.outlierSize : 0), minute);
        if (!f.heart_rate) this.single('heart_rate', this.heartRate(), minute);
        if (!f.respiratory_rate) {
          const jolt = this.isOutlier('respiratory_rate') ? (this.outlierSign < 0.5 ? 6 : -6) : 0;
          this.single('respiratory_rate', this.plain('respiratory_rate') + jolt, minute + gap2);
        }
        if (!f.body_temperature) {
          const low = this.isOutlier('body_temperature') ? 0.8 + 0.7 * this.outlierSize : 0;
          this.single('body_temperature', this.plain('body_temperature') - low, minute + gap3);
        }
        break;
    }
    return this.out.sort(byMinute); // stable: the same minute keeps the device order
  }

  private sd(p: Parameter): number {
    return this.plan.noise.sd[p] ?? 0;
  }

  private dev(p: Parameter): number {
    return this.ep ? deviation(this.ep, p, this.d) : 0;
  }

  /** Baseline + re-estimation + drift + episode, without the day's noise. */
  private level(p: Parameter): number {
    return (this.plan.patient.baseline[p] ?? 0) + (this.shift[p] ?? 0) + (this.drift[p] ?? 0) + this.dev(p);
  }

  /** Level plus the day's noise. */
  private plain(p: Parameter): number {
    return this.level(p) + this.sd(p) * this.z[p]!;
  }

  private isOutlier(p: Parameter): boolean {
    return this.outlierDraw[p]! < OUTLIER_RATE;
  }

  private weight(): number {
    let w = this.plain('body_weight') + (this.weekday === 1 ? 0.2 : 0);
    if (this.isOutlier('body_weight')) w += this.outlierSign < 0.8 ? 0.8 + 1.2 * this.outlierSize : -(1 + this.outlierSize);
    return w;
  }

  private heartRate(): number {
    return this.plain('heart_rate') + (this.isOutlier('heart_rate') ? 15 + 15 * this.outlierSize : 0);
  }

  private glucose(): number {
    const mean = (this.plan.patient.baseline.glucose ?? 0) + this.dev('glucose');
    const g = mean * Math.exp(this.drift.glucose! + this.sd('glucose') * this.z.glucose!);
    return this.isOutlier('glucose') ? g * (1.5 + this.outlierSize) : g;
  }

  private single(p: Parameter, value: number, minute: number): void {
    this.out.push({
      minute,
      obs: {
        status: 'final',
        category: category(p === 'glucose' ? 'laboratory' : 'vital-signs'),
        code: coding(p),
        subject: { reference: this.subject },
        device: { reference: this.device },
        effectiveDateTime: localInstant(this.date, minute),
        valueQuantity: quantity(p, finish(p, value)),
      },
    });
  }

  private bloodPressure(minute: number): void {
    const noise = this.sd('systolic') * this.z.systolic!;
    let sys = this.level('systolic') + noise;
    let dia = this.level('diastolic') + 0.5 * this.drift.systolic! + 0.4 * noise + this.sd('diastolic') * this.z.diastolic!;
    if (this.isOutlier('systolic')) {
      sys += 15 + 15 * this.outlierSize;
      dia += 8 + 7 * this.outlierSize;
    }
    const s = finish('systolic', sys);
    const di = Math.max(PARAMETERS.diastolic.min, Math.min(finish('diastolic', dia), s - 15));
    this.out.push({
      minute,
      obs: {
        status: 'final',
        category: category('vital-signs'),
        code: { coding: [{ system: LOINC, code: BP_PANEL_LOINC, display: BP_PANEL_DISPLAY }] },
        subject: { reference: this.subject },
        device: { reference: this.device },
        effectiveDateTime: localInstant(this.date, minute),
        component: [
          { code: coding('systolic'), valueQuantity: quantity('systolic', s) },
          { code: coding('diastolic'), valueQuantity: quantity('diastolic', di) },
        ],
      },
    });
  }
}

function* patientSeries(plan: PatientPlan): Generator<FhirObservation> {
  yield* new Series(plan).observations();
}

function episodeEnd(ep: EpisodePlan): number {
  return ep.eventDay + ep.stayDays + ep.recoveryDays;
}

// --- Public API -----------------------------------------------------------------------------------------------------

function checkOptions(opts: SimOptions): { start: string; programmes: readonly Programme[]; rate: number } {
  if (!Number.isInteger(opts.patients) || opts.patients < 1) throw new RangeError('patients must be a positive integer');
  if (!Number.isInteger(opts.days) || opts.days < 1) throw new RangeError('days must be a positive integer');
  if (!Number.isFinite(opts.seed)) throw new RangeError('seed must be a finite number');
  const start = opts.start ?? DEFAULT_START;
  if (!isDate(start)) throw new RangeError(`start must be a date YYYY-MM-DD, got ${start}`);
  const programmes = opts.programmes ?? PROGRAMMES;
  if (programmes.length === 0 || programmes.some((p) => !PROGRAMMES.includes(p))) throw new RangeError(`programmes must be among ${PROGRAMMES.join(', ')}`);
  const rate = opts.episodeRate ?? DEFAULT_EPISODE_RATE;
  if (!Number.isFinite(rate) || rate < 0) throw new RangeError('episodeRate must be a non-negative number');
  return { start, programmes, rate };
}

/** True for a real calendar date written YYYY-MM-DD. */
export function isDate(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && fromDay(toDay(s)) === s;
}

/**
 * Simulates `patients` telemonitored patients over `days` days from `start`. Patients and planted episodes are
 * computed at once (they are small); observations are generated lazily each time `observations` is iterated.
 */
export function simulate(opts: SimOptions): SimResult {
  const { start, programmes, rate } = checkOptions(opts);
  const startDay = toDay(start);
  const plans: PatientPlan[] = [];
  for (let k = 0; k < opts.patients; k++) plans.push(makePatient(opts.seed, k, programmes[k % programmes.length]!, startDay, opts.days, rate));
  return {
    patients: plans.map((p) => p.patient),
    episodes: plans.flatMap((plan) => plan.episodes.map((ep) => toPlanted(plan, ep))),
    observations: {
      *[Symbol.iterator]() {
        for (const plan of plans) yield* patientSeries(plan);
      },
    },
  };
}

/**
 * The measurements an Observation carries, as the rules read them: one for a single value, two for the
 * blood-pressure panel. `at` is normalised to a UTC instant (2026-01-01T06:42:00.000Z) so that instants compare as
 * strings. Codes or units it does not know, and components without a value, are left out.
 */
export function toMeasurements(o: FhirObservation): Measurement[] {
  const personId = o.subject?.reference?.replace(/^Patient\//, '');
  if (!personId || !o.effectiveDateTime) return [];
  const at = new Date(o.effectiveDateTime).toISOString();
  const out: Measurement[] = [];
  const add = (code: string | undefined, q: { value?: number; code?: string } | undefined) => {
    const parameter = code === undefined ? undefined : parameterOfLoinc(code);
    if (parameter === undefined || q?.value === undefined || (q.code !== undefined && q.code !== PARAMETERS[parameter].unit)) return;
    out.push({ personId, parameter, value: q.value, at });
  };
  const loinc = (c: Observation['code'] | undefined) => c?.coding?.find((x) => x.system === LOINC)?.code;
  if (loinc(o.code) === BP_PANEL_LOINC) for (const c of o.component ?? []) add(loinc(c.code), c.valueQuantity);
  else add(loinc(o.code), o.valueQuantity);
  return out;
}

/** Every measurement of a simulated cohort, as ingestion would store it (for benchmarks and tests without a database). */
export function* simulatedMeasurements(sim: SimResult): Generator<Measurement> {
  for (const o of sim.observations) yield* toMeasurements(o);
}
