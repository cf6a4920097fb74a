/**
 * Reading incoming FHIR R4 JSON (home-monitoring Observations, alone or in a transaction/batch Bundle) into
 * measurements, or into precise errors with the FHIRPath of the offending element. Pure: no database, no HTTP; the
 * caller resolves the subject to a person, deduplicates and stores, then answers with `operationOutcome` or
 * `responseBundle`.
 *
 * What is accepted (everything else is reported, every problem at once, never only the first):
 * - resourceType 'Observation'; status final, amended, corrected or preliminary (registered, cancelled,
 *   entered-in-error and unknown are 'not-supported'; a string that is no Observation status is 'code-invalid').
 * - code.coding with a LOINC coding (system http://loinc.org) whose code is a parameter of codes.ts, or the
 *   blood-pressure panel 85354-9. Other codings (other systems, unknown LOINC codes next to a known one) are ignored;
 *   LOINC codes for two different measurements in one code are refused.
 * - A single parameter: valueQuantity with a JSON number `value`, no `comparator`, system http://unitsofmeasure.org
 *   and `code` equal to the parameter's UCUM unit or one of UNIT_ALIASES (exact, case-sensitive; values are never
 *   converted, so '[degF]' or '[lb_av]' are refused). Another value[x] (valueString, valueInteger…) is
 *   'not-supported'.
 * - The panel: `component` with exactly one systolic (8480-6) and one diastolic (8462-4) component, each with a
 *   valueQuantity as above, diastolic below systolic. Other components with a LOINC code of codes.ts (a heart rate
 *   sent inside the panel) give measurements too; components with other codes (mean arterial pressure) are ignored.
 * - Values within the parameter's min..max (codes.ts), else 'value' "impossible value".
 * - The time: effectiveDateTime, effectiveInstant or effectivePeriod.start (exactly one effective[x];
 *   effectiveTiming is 'not-supported'), a FHIR dateTime with seconds and a time-zone offset, a real calendar date,
 *   not more than FUTURE_TOLERANCE_MS after `now`. Normalised to a UTC instant with milliseconds
 *   (2026-01-01T06:42:00.000Z), as toMeasurements does, so instants compare as strings.
 * - The subject: subject.reference to a Patient ('Patient/<id>', the same with a base URL, or a conditional
 *   reference 'Patient?identifier=…'), kept as given; or, without a reference, a logical reference
 *   subject.identifier with system and value, given as 'system|value'.
 * - device: device.reference as given, else device.identifier as 'system|value', else null. id: a FHIR id if present.
 *
 * Issue codes: 'structure' for JSON of the wrong shape or type (not an object, a string where a number is expected),
 * 'required' for a missing element, 'value' for a present but invalid value, 'code-invalid' for a code or unit that
 * is not accepted, 'not-supported' for valid FHIR this service does not take, 'invalid' for a wrong resourceType and
 * for contradictions (the same parameter twice in a panel). All issues found are errors; no warnings are produced.
 */
import type { Bundle, BundleEntry, OperationOutcome, OperationOutcomeIssue } from '@medplum/fhirtypes';
import { BP_PANEL_LOINC, PARAMETERS, PARAMETER_KEYS, parameterOfLoinc, type Parameter } from './codes.js';

/** One measurement read from a resource, before the person is resolved (the subject reference is kept as given). */
export interface IncomingMeasurement {
  /** 'Patient/sim-0001' (the reference as given) or, for a logical reference, 'system|value'. */
  subject: string;
  /** 'Device/dev-0001' (the reference as given), 'system|value' for a logical reference, or null. */
  device: string | null;
  parameter: Parameter;
  loinc: string;
  value: number;
  /** The parameter's UCUM unit (codes.ts), also when an alias was sent. */
  unit: string;
  /** ISO instant normalised to UTC, e.g. 2026-01-01T06:42:00.000Z. */
  at: string;
  /** The resource id, if any. */
  sourceId: string | null;
}

export interface FhirIssue {
  severity: 'error' | 'warning';
  code: 'structure' | 'required' | 'value' | 'code-invalid' | 'not-supported' | 'invalid';
  /** English, precise. */
  diagnostics: string;
  /** FHIRPath of the element, e.g. ['Observation.valueQuantity.code'] or ['Bundle.entry[3].resource.effectiveDateTime']. */
  expression: string[];
}

export type ParseResult = { ok: true; measurements: IncomingMeasurement[] } | { ok: false; issues: FhirIssue[] };

export type BundleParseResult = { ok: false; issues: FhirIssue[] } | { ok: true; type: 'transaction' | 'batch'; entries: ({ index: number } & ParseResult)[] };

export const LOINC_SYSTEM = 'http://loinc.org';
export const UCUM_SYSTEM = 'http://unitsofmeasure.org';
/** How far in the future an effective time may be (device clocks drift). */
export const FUTURE_TOLERANCE_MS = 10 * 60_000;
export const ACCEPTED_STATUSES = ['final', 'amended', 'corrected', 'preliminary'] as const;

/**
 * UCUM codes accepted besides the parameter's own unit (codes.ts), exact and case-sensitive, for what devices and
 * gateways commonly send: 'mmHg' (not valid UCUM, unambiguous), '1/min' (the same unit as '/min'), the annotated
 * '{beats}/min' / '{breaths}/min' (annotations carry no meaning in UCUM), 'mg/dl' (lower-case litre).
 */
export const UNIT_ALIASES: Readonly<Partial<Record<Parameter, readonly string[]>>> = {
  systolic: ['mmHg'],
  diastolic: ['mmHg'],
  heart_rate: ['1/min', '{beats}/min', '{beat}/min'],
  respiratory_rate: ['1/min', '{breaths}/min', '{breath}/min'],
  glucose: ['mg/dl'],
};

const OBSERVATION_STATUSES = ['registered', 'preliminary', 'final', 'amended', 'corrected', 'cancelled', 'entered-in-error', 'unknown'];
const BUNDLE_TYPES = ['document', 'message', 'transaction', 'transaction-response', 'batch', 'batch-response', 'history', 'searchset', 'collection'];
const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;
const PATIENT_REFERENCE = /^(?:https?:\/\/[^\s?#]+\/)?Patient\/[A-Za-z0-9\-.]{1,64}(?:\/_history\/[A-Za-z0-9\-.]{1,64})?$/;
const PATIENT_CONDITIONAL = /^Patient\?\S+$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})?$/;
const PARTIAL_DATE = /^\d{4}(?:-\d{2}(?:-\d{2})?)?$/;

// --- Small helpers ------------------------------------------------------------------------------------------------

type Json = Record<string, unknown>;

function isRecord(x: unknown): x is Json {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** What a JSON value is, for messages: 'the string "72"', 'a number (3)', 'an array', 'null'. */
function describe(x: unknown): string {
  if (x === null) return 'null';
  if (x === undefined) return 'nothing';
  if (Array.isArray(x)) return 'an array';
  if (typeof x === 'string') return `the string ${JSON.stringify(x.length > 60 ? `${x.slice(0, 57)}...` : x)}`;
  if (typeof x === 'number') return `the number ${x}`;
  if (typeof x === 'boolean') return `the boolean ${x}`;
  if (typeof x === 'object') return 'an object';
  return `a ${typeof x}`;
}

const quote = (s: string) => `'${s}'`;

const parameterLabel = (p: Parameter) => `${PARAMETERS[p].display.toLowerCase()} (LOINC ${PARAMETERS[p].loinc})`;

class Issues {
  readonly list: FhirIssue[] = [];
  add(code: FhirIssue['code'], path: string, diagnostics: string): undefined {
    this.list.push({ severity: 'error', code, diagnostics, expression: [path] });
    return undefined;
  }
  /** Reports an element of the wrong JSON type. */
  type(path: string, expected: string, got: unknown): undefined {
    return this.add('structure', path, `${lastName(path)} must be ${expected}, got ${describe(got)}`);
  }
}

/** The last name of a path, for messages: 'Observation.valueQuantity.code' → 'valueQuantity.code'. */
function lastName(path: string): string {
  const parts = path.split('.');
  return parts.length <= 2 ? (parts[parts.length - 1] ?? path) : parts.slice(-2).join('.');
}

/** A string element: undefined when absent (not reported), reported when of another type. */
function optionalString(obj: Json, key: string, path: string, issues: Issues): string | undefined {
  const v = obj[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') return issues.type(`${path}.${key}`, 'a string', v);
  return v;
}

function requiredString(obj: Json, key: string, path: string, issues: Issues, what: string): string | undefined {
  if (obj[key] === undefined || obj[key] === null) return issues.add('required', `${path}.${key}`, `${what} is required`);
  const s = optionalString(obj, key, path, issues);
  if (s === '') return issues.add('value', `${path}.${key}`, `${what} must not be empty`);
  return s;
}

// --- Codes --------------------------------------------------------------------------------------------------------

const ACCEPTED_CODES = [
  ...PARAMETER_KEYS.map((p) => `${PARAMETERS[p].loinc} (${PARAMETERS[p].display.toLowerCase()})`),
  `${BP_PANEL_LOINC} (blood-pressure panel)`,
].join(', ');

const isKnownLoinc = (code: string) => code === BP_PANEL_LOINC || parameterOfLoinc(code) !== undefined;

/**
 * The LOINC codes of a CodeableConcept (`path` is its FHIRPath), with the index of each coding. Reports a missing or
 * malformed CodeableConcept; does not judge the codes.
 */
function loincCodings(cc: unknown, path: string, issues: Issues, what: string): { code: string; path: string }[] | undefined {
  if (cc === undefined || cc === null) return issues.add('required', path, `${what} is required`);
  if (!isRecord(cc)) return issues.type(path, 'a CodeableConcept (an object)', cc);
  const coding = cc.coding;
  if (coding === undefined || (Array.isArray(coding) && coding.length === 0)) {
    const text = typeof cc.text === 'string' ? ` (text ${JSON.stringify(cc.text)} alone is not enough)` : '';
    return issues.add('required', `${path}.coding`, `${what} needs a coding with system ${LOINC_SYSTEM}${text}`);
  }
  if (!Array.isArray(coding)) return issues.type(`${path}.coding`, 'an array of Coding', coding);
  const out: { code: string; path: string }[] = [];
  const misfiled: { code: string; path: string; system: string | undefined }[] = [];
  let bad = false;
  coding.forEach((c: unknown, i) => {
    const cp = `${path}.coding[${i}]`;
    if (!isRecord(c)) {
      bad = true;
      return issues.type(cp, 'a Coding (an object)', c);
    }
    const system = optionalString(c, 'system', cp, issues);
    const code = optionalString(c, 'code', cp, issues);
    if ((c.system !== undefined && system === undefined) || (c.code !== undefined && code === undefined)) bad = true;
    if (code === undefined) return;
    if (system === LOINC_SYSTEM) out.push({ code, path: `${cp}.code` });
    else if (isKnownLoinc(code)) misfiled.push({ code, path: `${cp}.system`, system });
  });
  if (out.length === 0 && !bad) {
    if (misfiled.length > 0) {
      for (const m of misfiled) {
        const sys = m.system === undefined ? 'has no system' : `has system ${quote(m.system)}`;
        issues.add('code-invalid', m.path, `coding ${m.code} looks like a LOINC code but ${sys}: LOINC codes need system ${LOINC_SYSTEM}`);
      }
    } else {
      issues.add('code-invalid', `${path}.coding`, `${what} has no LOINC coding (system ${LOINC_SYSTEM}); accepted codes: ${ACCEPTED_CODES}`);
    }
    return undefined;
  }
  return bad ? undefined : out;
}

type Target = { kind: 'single'; parameter: Parameter; loinc: string } | { kind: 'panel' };

/** What Observation.code says is measured. */
function readTarget(obs: Json, path: string, issues: Issues): Target | undefined {
  const codes = loincCodings(obs.code, `${path}.code`, issues, 'code');
  if (codes === undefined) return undefined;
  const known = [...new Set(codes.map((c) => c.code).filter(isKnownLoinc))];
  if (known.length === 0) {
    for (const c of codes) issues.add('code-invalid', c.path, `LOINC ${c.code} is not a telemonitoring measurement; accepted codes: ${ACCEPTED_CODES}`);
    return undefined;
  }
  if (known.length > 1) {
    return issues.add(
      'code-invalid',
      `${path}.code.coding`,
      `code has LOINC codes of different measurements (${known.join(', ')}); an Observation carries one`,
    );
  }
  const loinc = known[0]!;
  const parameter = parameterOfLoinc(loinc);
  return parameter === undefined ? { kind: 'panel' } : { kind: 'single', parameter, loinc };
}

// --- Values -------------------------------------------------------------------------------------------------------

function acceptedUnits(p: Parameter): readonly string[] {
  return [PARAMETERS[p].unit, ...(UNIT_ALIASES[p] ?? [])];
}

/**
 * The value of `element` (an Observation or a component, at `path`) for parameter p: its valueQuantity, checked for
 * type, system, unit and possible range.
 */
function readValue(element: Json, path: string, p: Parameter, issues: Issues): number | undefined {
  const def = PARAMETERS[p];
  const qPath = `${path}.valueQuantity`;
  const q = element.valueQuantity;
  if (q === undefined || q === null) {
    const other = Object.keys(element).find((k) => k.startsWith('value') && k !== 'valueQuantity');
    if (other !== undefined)
      return issues.add('not-supported', `${path}.${other}`, `${other} is not supported: ${parameterLabel(p)} needs a valueQuantity in ${def.unit}`);
    const absent = element.dataAbsentReason !== undefined ? ' (a measurement without a value, with dataAbsentReason, is not accepted)' : '';
    return issues.add('required', qPath, `valueQuantity is required for ${parameterLabel(p)}${absent}`);
  }
  if (!isRecord(q)) return issues.type(qPath, 'a Quantity (an object)', q);

  let value: number | undefined;
  if (q.value === undefined || q.value === null) issues.add('required', `${qPath}.value`, `valueQuantity.value is required`);
  else if (typeof q.value !== 'number') issues.type(`${qPath}.value`, 'a JSON number', q.value);
  else if (!Number.isFinite(q.value)) issues.add('value', `${qPath}.value`, `valueQuantity.value must be a finite number`);
  else value = q.value;

  if (q.comparator !== undefined) {
    issues.add('not-supported', `${qPath}.comparator`, `a comparator (${describe(q.comparator)}) is not supported: the value must be an exact measurement`);
    value = undefined;
  }

  if (q.system === undefined || q.system === null) issues.add('required', `${qPath}.system`, `valueQuantity.system is required and must be ${UCUM_SYSTEM}`);
  else if (typeof q.system !== 'string') issues.type(`${qPath}.system`, 'a string', q.system);
  else if (q.system !== UCUM_SYSTEM)
    issues.add('code-invalid', `${qPath}.system`, `valueQuantity.system is ${quote(q.system)}; units must be UCUM (${UCUM_SYSTEM})`);

  let unitOk = false;
  const expected = `expected UCUM ${quote(def.unit)}${UNIT_ALIASES[p] ? ` (or ${UNIT_ALIASES[p].map(quote).join(', ')})` : ''}`;
  if (q.code === undefined || q.code === null) {
    const unit = typeof q.unit === 'string' ? ` (unit ${quote(q.unit)} is display text, not a code)` : '';
    issues.add('required', `${qPath}.code`, `valueQuantity.code is required for ${parameterLabel(p)}: ${expected}${unit}`);
  } else if (typeof q.code !== 'string') issues.type(`${qPath}.code`, 'a string', q.code);
  else if (!acceptedUnits(p).includes(q.code)) {
    issues.add('code-invalid', `${qPath}.code`, `unit ${quote(q.code)} is not accepted for ${parameterLabel(p)}: ${expected}; values are not converted`);
  } else unitOk = true;

  if (value === undefined || !unitOk) return undefined;
  if (value < def.min || value > def.max) {
    return issues.add(
      'value',
      `${qPath}.value`,
      `impossible value: ${def.display.toLowerCase()} ${value} ${def.unit} is outside the possible range ${def.min}–${def.max} ${def.unit}`,
    );
  }
  return value;
}

interface Reading {
  parameter: Parameter;
  loinc: string;
  value: number;
}

/** The components of a blood-pressure panel. */
function readPanel(obs: Json, path: string, issues: Issues): Reading[] | undefined {
  const cPath = `${path}.component`;
  const components = obs.component;
  if (components === undefined || components === null) {
    return issues.add(
      'required',
      cPath,
      `the blood-pressure panel (LOINC ${BP_PANEL_LOINC}) needs components for systolic (8480-6) and diastolic (8462-4) pressure`,
    );
  }
  if (!Array.isArray(components)) return issues.type(cPath, 'an array of components', components);
  const found = new Map<Parameter, { index: number; value: number | undefined }>();
  let bad = false;
  components.forEach((c: unknown, i) => {
    const p = `${cPath}[${i}]`;
    if (!isRecord(c)) {
      bad = true;
      return issues.type(p, 'a component (an object)', c);
    }
    const codes = loincCodingsQuiet(c.code, `${p}.code`, issues);
    if (codes === undefined) {
      bad = true;
      return;
    }
    const params = [...new Set(codes.map(parameterOfLoinc).filter((x) => x !== undefined))];
    if (params.length > 1) {
      bad = true;
      return issues.add(
        'code-invalid',
        `${p}.code.coding`,
        `component code has LOINC codes of different measurements (${params.map((x) => PARAMETERS[x].loinc).join(', ')})`,
      );
    }
    const parameter = params[0];
    if (parameter === undefined) return; // another component (mean arterial pressure…): ignored
    const prev = found.get(parameter);
    if (prev !== undefined) {
      bad = true;
      return issues.add('invalid', p, `${parameterLabel(parameter)} appears twice in the panel (component[${prev.index}] and component[${i}])`);
    }
    const value = readValue(c, p, parameter, issues);
    if (value === undefined) bad = true;
    found.set(parameter, { index: i, value });
  });
  for (const need of ['systolic', 'diastolic'] as const) {
    if (!found.has(need)) {
      bad = true;
      issues.add('required', cPath, `the blood-pressure panel (LOINC ${BP_PANEL_LOINC}) has no component for ${parameterLabel(need)}`);
    }
  }
  const sys = found.get('systolic');
  const dia = found.get('diastolic');
  if (sys?.value !== undefined && dia?.value !== undefined && dia.value >= sys.value) {
    return issues.add(
      'value',
      `${cPath}[${dia.index}].valueQuantity.value`,
      `impossible value: diastolic pressure ${dia.value} mm[Hg] is not below systolic pressure ${sys.value} mm[Hg]`,
    );
  }
  if (bad) return undefined;
  return [...found].map(([parameter, { value }]) => ({ parameter, loinc: PARAMETERS[parameter].loinc, value: value! }));
}

/** The LOINC codes of a component's code; a component without LOINC coding is not an error (it is ignored). */
function loincCodingsQuiet(cc: unknown, path: string, issues: Issues): string[] | undefined {
  if (cc === undefined || cc === null) return issues.add('required', path, `component.code is required`);
  if (!isRecord(cc)) return issues.type(path, 'a CodeableConcept (an object)', cc);
  if (cc.coding === undefined) return [];
  if (!Array.isArray(cc.coding)) return issues.type(`${path}.coding`, 'an array of Coding', cc.coding);
  const out: string[] = [];
  (cc.coding as unknown[]).forEach((c, i) => {
    if (isRecord(c) && c.system === LOINC_SYSTEM && typeof c.code === 'string') out.push(c.code);
    else if (!isRecord(c)) issues.type(`${path}.coding[${i}]`, 'a Coding (an object)', c);
  });
  return out;
}

// --- Time ---------------------------------------------------------------------------------------------------------

/**
 * A FHIR dateTime/instant with seconds and offset as epoch milliseconds, or the reason it is not one. Fractions of
 * a second beyond milliseconds are truncated.
 */
export function parseInstant(s: string): { ms: number } | { error: string } {
  const m = DATE_TIME.exec(s);
  if (!m) {
    if (PARTIAL_DATE.test(s))
      return {
        error: `${JSON.stringify(s)} is a date without a time of day; a measurement needs a date-time with a time zone, e.g. 2026-01-01T07:42:00+01:00`,
      };
    return { error: `${JSON.stringify(s)} is not a FHIR dateTime with seconds (YYYY-MM-DDThh:mm:ss, optional fraction, then Z or ±hh:mm)` };
  }
  const [, y, mo, d, h, mi, sec, frac, tz] = m;
  if (tz === undefined) return { error: `${JSON.stringify(s)} needs a time zone (Z or an offset such as +01:00): a local time without it is ambiguous` };
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(sec);
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  if (month < 1 || month > 12 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return { error: `${JSON.stringify(s)} is not a calendar date` };
  if (hour > 23 || minute > 59 || second > 59) return { error: `${JSON.stringify(s)} is not a valid time of day` };
  let offset = 0;
  if (tz !== 'Z') {
    const oh = Number(tz.slice(1, 3));
    const om = Number(tz.slice(4, 6));
    if (om > 59 || oh * 60 + om > 14 * 60) return { error: `${JSON.stringify(s)} has an impossible time-zone offset ${tz}` };
    offset = (tz.startsWith('-') ? -1 : 1) * (oh * 60 + om);
  }
  const ms = Number((frac ?? '').padEnd(3, '0').slice(0, 3));
  date.setUTCHours(hour, minute - offset, second, ms);
  return { ms: date.getTime() };
}

const EFFECTIVE_KEYS = ['effectiveDateTime', 'effectiveInstant', 'effectivePeriod', 'effectiveTiming'] as const;

function readEffective(obs: Json, path: string, now: Date, issues: Issues): string | undefined {
  const present = EFFECTIVE_KEYS.filter((k) => obs[k] !== undefined && obs[k] !== null);
  if (present.length === 0) {
    return issues.add(
      'required',
      `${path}.effective`,
      `the time of the measurement is required: effectiveDateTime (or effectiveInstant, or effectivePeriod.start)`,
    );
  }
  if (present.length > 1) return issues.add('structure', `${path}.effective`, `only one effective[x] is allowed, got ${present.join(' and ')}`);
  const key = present[0]!;
  if (key === 'effectiveTiming') return issues.add('not-supported', `${path}.effectiveTiming`, `effectiveTiming is not supported: give effectiveDateTime`);
  let p = `${path}.${key}`;
  let s: unknown = obs[key];
  if (key === 'effectivePeriod') {
    if (!isRecord(s)) return issues.type(p, 'a Period (an object)', s);
    if (s.start === undefined || s.start === null)
      return issues.add('required', `${p}.start`, `effectivePeriod.start is required (the time of the measurement)`);
    s = s.start;
    p = `${p}.start`;
  }
  if (typeof s !== 'string') return issues.type(p, 'a string', s);
  const t = parseInstant(s);
  if ('error' in t) return issues.add('value', p, t.error);
  const ahead = t.ms - now.getTime();
  if (ahead > FUTURE_TOLERANCE_MS) {
    return issues.add(
      'value',
      p,
      `${s} is ${Math.round(ahead / 60_000)} minutes in the future (server time ${now.toISOString()}); at most ${FUTURE_TOLERANCE_MS / 60_000} minutes ahead are tolerated`,
    );
  }
  return new Date(t.ms).toISOString();
}

// --- References ---------------------------------------------------------------------------------------------------

/** A logical reference (Reference.identifier) as 'system|value'. */
function readIdentifier(ref: Json, path: string, issues: Issues, what: string): string | undefined {
  const id = ref.identifier;
  const p = `${path}.identifier`;
  if (!isRecord(id)) return issues.type(p, 'an Identifier (an object)', id);
  const system = requiredString(id, 'system', p, issues, `${what}.identifier.system`);
  const value = requiredString(id, 'value', p, issues, `${what}.identifier.value`);
  return system === undefined || value === undefined ? undefined : `${system}|${value}`;
}

function readSubject(obs: Json, path: string, issues: Issues): string | undefined {
  const p = `${path}.subject`;
  const subject = obs.subject;
  if (subject === undefined || subject === null) return issues.add('required', p, `subject is required: a reference to the Patient ('Patient/<id>')`);
  if (!isRecord(subject)) return issues.type(p, 'a Reference (an object)', subject);
  if (subject.type !== undefined && subject.type !== 'Patient')
    return issues.add('value', `${p}.type`, `subject must be a Patient, got type ${describe(subject.type)}`);
  if (subject.reference === undefined || subject.reference === null) {
    if (subject.identifier !== undefined) return readIdentifier(subject, p, issues, 'subject');
    return issues.add('required', `${p}.reference`, `subject.reference is required ('Patient/<id>'), or subject.identifier with system and value`);
  }
  if (typeof subject.reference !== 'string') return issues.type(`${p}.reference`, 'a string', subject.reference);
  const ref = subject.reference;
  if (!PATIENT_REFERENCE.test(ref) && !PATIENT_CONDITIONAL.test(ref)) {
    return issues.add(
      'value',
      `${p}.reference`,
      `subject.reference ${JSON.stringify(ref)} is not a reference to a Patient ('Patient/<id>' or 'Patient?identifier=<system>|<value>')`,
    );
  }
  return ref;
}

function readDevice(obs: Json, path: string, issues: Issues): string | null | undefined {
  const p = `${path}.device`;
  const device = obs.device;
  if (device === undefined || device === null) return null;
  if (!isRecord(device)) return issues.type(p, 'a Reference (an object)', device);
  if (device.reference !== undefined && device.reference !== null) {
    if (typeof device.reference !== 'string') return issues.type(`${p}.reference`, 'a string', device.reference);
    if (device.reference === '') return issues.add('value', `${p}.reference`, 'device.reference must not be empty');
    return device.reference;
  }
  if (device.identifier !== undefined && device.identifier !== null) return readIdentifier(device, p, issues, 'device');
  return null;
}

// --- Observation --------------------------------------------------------------------------------------------------

function readStatus(obs: Json, path: string, issues: Issues): void {
  const p = `${path}.status`;
  const status = obs.status;
  if (status === undefined || status === null) {
    issues.add('required', p, `status is required (${ACCEPTED_STATUSES.join(', ')})`);
  } else if (typeof status !== 'string') {
    issues.type(p, 'a string', status);
  } else if (!OBSERVATION_STATUSES.includes(status)) {
    issues.add('code-invalid', p, `status ${quote(status)} is not an Observation status; accepted: ${ACCEPTED_STATUSES.join(', ')}`);
  } else if (!(ACCEPTED_STATUSES as readonly string[]).includes(status)) {
    issues.add('not-supported', p, `status ${quote(status)} is not accepted: only ${ACCEPTED_STATUSES.join(', ')} Observations are stored`);
  }
}

/**
 * An Observation: see the comment at the top of the file for what is accepted. `path` is the FHIRPath of the
 * resource ('Observation', or 'Bundle.entry[3].resource' inside a Bundle); every issue's expression starts with it.
 */
export function parseObservation(resource: unknown, path = 'Observation', now: Date = new Date()): ParseResult {
  const issues = new Issues();
  if (!isRecord(resource)) {
    issues.add('structure', path, `expected an Observation resource (a JSON object), got ${describe(resource)}`);
    return { ok: false, issues: issues.list };
  }
  if (resource.resourceType === undefined || resource.resourceType === null) {
    issues.add('required', `${path}.resourceType`, `resourceType is required and must be 'Observation'`);
    return { ok: false, issues: issues.list };
  }
  if (resource.resourceType !== 'Observation') {
    issues.add('invalid', `${path}.resourceType`, `expected resourceType 'Observation', got ${describe(resource.resourceType)}`);
    return { ok: false, issues: issues.list };
  }

  let sourceId: string | null = null;
  const id = optionalString(resource, 'id', path, issues);
  if (id !== undefined) {
    if (FHIR_ID.test(id)) sourceId = id;
    else issues.add('value', `${path}.id`, `id ${JSON.stringify(id)} is not a FHIR id (1–64 letters, digits, '-' or '.')`);
  }
  readStatus(resource, path, issues);
  const target = readTarget(resource, path, issues);
  let readings: Reading[] | undefined;
  if (target?.kind === 'single') {
    const value = readValue(resource, path, target.parameter, issues);
    if (value !== undefined) readings = [{ parameter: target.parameter, loinc: target.loinc, value }];
  } else if (target?.kind === 'panel') {
    readings = readPanel(resource, path, issues);
  }
  const at = readEffective(resource, path, now, issues);
  const subject = readSubject(resource, path, issues);
  const device = readDevice(resource, path, issues);

  if (issues.list.length > 0 || readings === undefined || at === undefined || subject === undefined || device === undefined) {
    return { ok: false, issues: issues.list };
  }
  return {
    ok: true,
    measurements: readings.map((r) => ({
      subject,
      device,
      parameter: r.parameter,
      loinc: r.loinc,
      value: r.value,
      unit: PARAMETERS[r.parameter].unit,
      at,
      sourceId,
    })),
  };
}

// --- Bundle -------------------------------------------------------------------------------------------------------

/** The request of a transaction/batch entry: POST to Observation. */
function checkRequest(entry: Json, path: string, issues: Issues): void {
  const p = `${path}.request`;
  const request = entry.request;
  if (request === undefined || request === null) {
    issues.add('required', p, `request is required in a transaction or batch entry (method POST, url 'Observation')`);
    return;
  }
  if (!isRecord(request)) {
    issues.type(p, 'a request (an object)', request);
    return;
  }
  const method = requiredString(request, 'method', p, issues, 'request.method');
  if (method !== undefined && method !== 'POST')
    issues.add('not-supported', `${p}.method`, `request.method ${quote(method)} is not supported: Observations are created with POST`);
  const url = requiredString(request, 'url', p, issues, 'request.url');
  if (url !== undefined && url !== 'Observation' && !/^https?:\/\/\S+\/Observation$/.test(url)) {
    issues.add('not-supported', `${p}.url`, `request.url ${JSON.stringify(url)} is not supported: only 'Observation' (creating Observations) is`);
  }
}

/**
 * A Bundle of type 'transaction' or 'batch' whose entries create Observations (request.method POST, request.url
 * 'Observation'; request.ifNoneExist is ignored, deduplication is the caller's). Returns, per entry, the measurements
 * or the issues (paths 'Bundle.entry[i]…'), so a transaction can be refused as a whole and a batch processed entry by
 * entry. Problems of the Bundle itself (not an object, wrong resourceType or type, entry not an array) give ok: false.
 */
export function parseBundle(resource: unknown, now: Date = new Date()): BundleParseResult {
  const issues = new Issues();
  if (!isRecord(resource)) {
    issues.add('structure', 'Bundle', `expected a Bundle resource (a JSON object), got ${describe(resource)}`);
    return { ok: false, issues: issues.list };
  }
  if (resource.resourceType !== 'Bundle') {
    if (resource.resourceType === undefined || resource.resourceType === null)
      issues.add('required', 'Bundle.resourceType', `resourceType is required and must be 'Bundle'`);
    else issues.add('invalid', 'Bundle.resourceType', `expected resourceType 'Bundle', got ${describe(resource.resourceType)}`);
    return { ok: false, issues: issues.list };
  }
  const type = resource.type;
  if (type === undefined || type === null) issues.add('required', 'Bundle.type', `Bundle.type is required ('transaction' or 'batch')`);
  else if (typeof type !== 'string') issues.type('Bundle.type', 'a string', type);
  else if (!BUNDLE_TYPES.includes(type)) issues.add('code-invalid', 'Bundle.type', `${quote(type)} is not a Bundle type; accepted: 'transaction', 'batch'`);
  else if (type !== 'transaction' && type !== 'batch')
    issues.add('not-supported', 'Bundle.type', `Bundle.type ${quote(type)} is not supported: send a 'transaction' or a 'batch'`);
  const entry = resource.entry;
  if (entry !== undefined && entry !== null && !Array.isArray(entry)) issues.type('Bundle.entry', 'an array of entries', entry);
  if (issues.list.length > 0) return { ok: false, issues: issues.list };

  const entries = ((entry ?? []) as unknown[]).map((e, index): { index: number } & ParseResult => {
    const p = `Bundle.entry[${index}]`;
    const entryIssues = new Issues();
    if (!isRecord(e)) {
      entryIssues.type(p, 'an entry (an object)', e);
      return { index, ok: false, issues: entryIssues.list };
    }
    checkRequest(e, p, entryIssues);
    if (e.resource === undefined || e.resource === null) {
      entryIssues.add('required', `${p}.resource`, `entry.resource is required (an Observation)`);
      return { index, ok: false, issues: entryIssues.list };
    }
    const parsed = parseObservation(e.resource, `${p}.resource`, now);
    const all = [...entryIssues.list, ...(parsed.ok ? [] : parsed.issues)];
    return all.length > 0 ? { index, ok: false, issues: all } : { index, ...parsed };
  });
  return { ok: true, type: type as 'transaction' | 'batch', entries };
}

// --- Answers ------------------------------------------------------------------------------------------------------

/**
 * OperationOutcome resource for issues (for the HTTP 400/422 answer). With no issue (which should not be answered
 * with an OperationOutcome) it holds one informational issue, as OperationOutcome.issue is 1..*.
 */
export function operationOutcome(issues: FhirIssue[]): OperationOutcome {
  const issue: OperationOutcomeIssue[] =
    issues.length === 0
      ? [{ severity: 'information', code: 'informational', diagnostics: 'No issues' }]
      : issues.map((i) => ({ severity: i.severity, code: i.code, diagnostics: i.diagnostics, expression: [...i.expression] }));
  return { resourceType: 'OperationOutcome', issue };
}

/**
 * A transaction-response / batch-response Bundle: one entry per input entry, in order, with response.status,
 * response.location when given (not for '400 Bad Request') and, for '400 Bad Request', response.outcome. A
 * transaction with a failing entry is refused as a whole: answer it with `operationOutcome`, not with this.
 */
export function responseBundle(
  type: 'transaction' | 'batch',
  results: { status: '201 Created' | '200 OK' | '400 Bad Request'; location?: string; issues?: FhirIssue[] }[],
): Bundle {
  const entry: BundleEntry[] = results.map((r) => {
    if (r.status === '400 Bad Request') return { response: { status: r.status, outcome: operationOutcome(r.issues ?? []) } };
    return { response: r.location === undefined ? { status: r.status } : { status: r.status, location: r.location } };
  });
  return { resourceType: 'Bundle', type: type === 'transaction' ? 'transaction-response' : 'batch-response', entry };
}
