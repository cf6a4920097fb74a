import { describe, expect, it } from 'vitest';
import { PARAMETER_KEYS, type Parameter } from './codes.js';
import {
  FUTURE_TOLERANCE_MS,
  operationOutcome,
  parseBundle,
  parseInstant,
  parseObservation,
  responseBundle,
  type FhirIssue,
  type ParseResult,
} from './fhir.js';
import { simulate, toMeasurements } from './simulate.js';

const LOINC = 'http://loinc.org';
const UCUM = 'http://unitsofmeasure.org';
const NOW = new Date('2026-03-01T12:00:00Z');

/** A valid weight Observation; `over` replaces top-level elements (undefined removes them). */
function weight(over: Record<string, unknown> = {}): Record<string, unknown> {
  const o: Record<string, unknown> = {
    resourceType: 'Observation',
    id: 'w-1',
    status: 'final',
    code: { coding: [{ system: LOINC, code: '29463-7', display: 'Body weight' }] },
    subject: { reference: 'Patient/p-1' },
    device: { reference: 'Device/d-1' },
    effectiveDateTime: '2026-03-01T08:30:00+01:00',
    valueQuantity: { value: 72.4, unit: 'kg', system: UCUM, code: 'kg' },
    ...over,
  };
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}

const q = (value: unknown, code: unknown) => ({ value, unit: code, system: UCUM, code });
const comp = (loinc: string, quantity: unknown) => ({ code: { coding: [{ system: LOINC, code: loinc }] }, valueQuantity: quantity });

function bp(sys: unknown = 142, dia: unknown = 88, unit = 'mm[Hg]', over: Record<string, unknown> = {}): Record<string, unknown> {
  return weight({
    id: 'bp-1',
    code: { coding: [{ system: LOINC, code: '85354-9' }] },
    valueQuantity: undefined,
    component: [comp('8480-6', q(sys, unit)), comp('8462-4', q(dia, unit))],
    ...over,
  });
}

function issuesOf(r: ParseResult): FhirIssue[] {
  if (r.ok) throw new Error(`expected issues, got measurements ${JSON.stringify(r.measurements)}`);
  return r.issues;
}

/** The (code, expression) pairs of a failed result, for exact comparison. */
const summary = (r: ParseResult) => issuesOf(r).map((i) => [i.code, i.expression.join(' ')]);

describe('parseObservation: what the simulator writes', () => {
  it('accepts every Observation of simulate({patients: 8, days: 40, seed: 5}), with the values of toMeasurements', () => {
    const sim = simulate({ patients: 8, days: 40, seed: 5 });
    const failures: unknown[] = [];
    const seen = new Set<Parameter>();
    let count = 0;
    let panels = 0;
    for (const o of sim.observations) {
      count++;
      const r = parseObservation(JSON.parse(JSON.stringify(o)), undefined, new Date('2026-02-10T00:00:00Z'));
      if (!r.ok) {
        failures.push({ id: o.id, issues: r.issues });
        continue;
      }
      const expected = toMeasurements(o);
      if (o.component) panels++;
      expect(expected.length).toBeGreaterThan(0);
      expect(r.measurements.map((m) => ({ personId: m.subject.replace(/^Patient\//, ''), parameter: m.parameter, value: m.value, at: m.at }))).toEqual(
        expected,
      );
      for (const m of r.measurements) {
        seen.add(m.parameter);
        expect(m.subject).toBe(o.subject?.reference);
        expect(m.device).toBe(o.device?.reference);
        expect(m.sourceId).toBe(o.id);
        expect(m.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\.000Z$/);
      }
    }
    expect(failures).toEqual([]);
    expect(count).toBeGreaterThan(8 * 40);
    expect(panels).toBeGreaterThan(0);
    expect([...seen].sort()).toEqual([...PARAMETER_KEYS].sort());
  });
});

describe('parseObservation: accepted forms', () => {
  it('reads a weight with all fields, time normalised to UTC', () => {
    expect(parseObservation(weight(), undefined, NOW)).toEqual({
      ok: true,
      measurements: [
        {
          subject: 'Patient/p-1',
          device: 'Device/d-1',
          parameter: 'body_weight',
          loinc: '29463-7',
          value: 72.4,
          unit: 'kg',
          at: '2026-03-01T07:30:00.000Z',
          sourceId: 'w-1',
        },
      ],
    });
  });

  it('gives two measurements for a blood-pressure panel, and accepts the alias mmHg', () => {
    const r = parseObservation(bp(142, 88, 'mmHg'), undefined, NOW);
    expect(r.ok && r.measurements.map((m) => [m.parameter, m.loinc, m.value, m.unit, m.sourceId])).toEqual([
      ['systolic', '8480-6', 142, 'mm[Hg]', 'bp-1'],
      ['diastolic', '8462-4', 88, 'mm[Hg]', 'bp-1'],
    ]);
  });

  it('ignores unknown panel components (mean pressure) and reads a heart rate sent inside the panel', () => {
    const o = bp();
    (o.component as unknown[]).push(comp('8478-0', q(106, 'mm[Hg]')), comp('8867-4', q(64, '{beats}/min')));
    const r = parseObservation(o, undefined, NOW);
    expect(r.ok && r.measurements.map((m) => [m.parameter, m.value, m.unit])).toEqual([
      ['systolic', 142, 'mm[Hg]'],
      ['diastolic', 88, 'mm[Hg]'],
      ['heart_rate', 64, '/min'],
    ]);
  });

  it('accepts the documented unit aliases and gives the canonical UCUM unit', () => {
    const hr = (code: string) => weight({ code: { coding: [{ system: LOINC, code: '8867-4' }] }, valueQuantity: q(70, code) });
    for (const code of ['/min', '1/min', '{beats}/min', '{beat}/min']) {
      const r = parseObservation(hr(code), undefined, NOW);
      expect(r.ok && r.measurements[0]!.unit).toBe('/min');
    }
    const glucose = weight({ code: { coding: [{ system: LOINC, code: '2339-0' }] }, valueQuantity: q(112, 'mg/dl') });
    const r = parseObservation(glucose, undefined, NOW);
    expect(r.ok && r.measurements[0]!.unit).toBe('mg/dL');
    // An alias of one parameter is not one of another.
    expect(summary(parseObservation(weight({ valueQuantity: q(70, 'mmHg') }), undefined, NOW))).toEqual([['code-invalid', 'Observation.valueQuantity.code']]);
    const rr = weight({ code: { coding: [{ system: LOINC, code: '9279-1' }] }, valueQuantity: q(18, '{beats}/min') });
    expect(summary(parseObservation(rr, undefined, NOW))).toEqual([['code-invalid', 'Observation.valueQuantity.code']]);
  });

  it('accepts amended, corrected and preliminary statuses', () => {
    for (const status of ['amended', 'corrected', 'preliminary']) expect(parseObservation(weight({ status }), undefined, NOW).ok).toBe(true);
  });

  it('takes effectiveInstant and effectivePeriod.start, with fractions and negative offsets', () => {
    const at = (o: Record<string, unknown>) => {
      const r = parseObservation(weight({ effectiveDateTime: undefined, ...o }), undefined, NOW);
      return r.ok ? r.measurements[0]!.at : r.issues;
    };
    expect(at({ effectiveInstant: '2026-02-28T22:15:30.123456-05:00' })).toBe('2026-03-01T03:15:30.123Z');
    expect(at({ effectivePeriod: { start: '2026-03-01T07:00:00Z', end: '2026-03-01T07:01:00Z' } })).toBe('2026-03-01T07:00:00.000Z');
    expect(at({ effectiveDateTime: '2026-03-01T00:30:00.5+14:00' })).toBe('2026-02-28T10:30:00.500Z');
  });

  it('tolerates up to 10 minutes in the future (device clocks), not more', () => {
    const ahead = (ms: number) => new Date(NOW.getTime() + ms).toISOString();
    expect(parseObservation(weight({ effectiveDateTime: ahead(FUTURE_TOLERANCE_MS) }), undefined, NOW).ok).toBe(true);
    expect(summary(parseObservation(weight({ effectiveDateTime: ahead(FUTURE_TOLERANCE_MS + 1000) }), undefined, NOW))).toEqual([
      ['value', 'Observation.effectiveDateTime'],
    ]);
  });

  it('uses the current time when `now` is not given', () => {
    const inAnHour = new Date(Date.now() + 3_600_000).toISOString();
    const issues = issuesOf(parseObservation(weight({ effectiveDateTime: inAnHour })));
    expect(issues.map((i) => i.expression)).toEqual([['Observation.effectiveDateTime']]);
    expect(issues[0]!.diagnostics).toMatch(/60 minutes in the future/);
  });

  it('accepts a logical subject (identifier) as system|value, conditional references, and no device', () => {
    const logical = weight({ subject: { identifier: { system: 'urn:oid:1.2.250.1.213.1.4.8', value: '1234567890123' } }, device: undefined, id: undefined });
    const r = parseObservation(logical, undefined, NOW);
    expect(r.ok && [r.measurements[0]!.subject, r.measurements[0]!.device, r.measurements[0]!.sourceId]).toEqual([
      'urn:oid:1.2.250.1.213.1.4.8|1234567890123',
      null,
      null,
    ]);
    const conditional = parseObservation(weight({ subject: { reference: 'Patient?identifier=urn:oid:1.2.250.1.213.1.4.8|123' } }), undefined, NOW);
    expect(conditional.ok && conditional.measurements[0]!.subject).toBe('Patient?identifier=urn:oid:1.2.250.1.213.1.4.8|123');
    const absolute = parseObservation(weight({ subject: { reference: 'https://fhir.example.org/r4/Patient/p-1' } }), undefined, NOW);
    expect(absolute.ok).toBe(true);
  });

  it('ignores other codings next to the LOINC one', () => {
    const o = weight({
      code: {
        coding: [
          { system: 'http://snomed.info/sct', code: '27113001' },
          { system: LOINC, code: '29463-7' },
        ],
      },
    });
    expect(parseObservation(o, undefined, NOW).ok).toBe(true);
  });
});

describe('parseObservation: errors, each with its code and FHIRPath', () => {
  const cases: [string, unknown, [string, string][]][] = [
    ['missing code', weight({ code: undefined }), [['required', 'Observation.code']]],
    ['code without coding', weight({ code: { text: 'Weight' } }), [['required', 'Observation.code.coding']]],
    ['unknown LOINC', weight({ code: { coding: [{ system: LOINC, code: '12345-6' }] } }), [['code-invalid', 'Observation.code.coding[0].code']]],
    ['no LOINC coding', weight({ code: { coding: [{ system: 'http://snomed.info/sct', code: '27113001' }] } }), [['code-invalid', 'Observation.code.coding']]],
    ['LOINC code without its system', weight({ code: { coding: [{ code: '29463-7' }] } }), [['code-invalid', 'Observation.code.coding[0].system']]],
    [
      'two different measurements in one code',
      weight({
        code: {
          coding: [
            { system: LOINC, code: '29463-7' },
            { system: LOINC, code: '8867-4' },
          ],
        },
      }),
      [['code-invalid', 'Observation.code.coding']],
    ],
    ['wrong unit', weight({ valueQuantity: q(160, '[lb_av]') }), [['code-invalid', 'Observation.valueQuantity.code']]],
    [
      'temperature in [degF]',
      weight({ code: { coding: [{ system: LOINC, code: '8310-5' }] }, valueQuantity: q(98.6, '[degF]') }),
      [['code-invalid', 'Observation.valueQuantity.code']],
    ],
    ['unit without code', weight({ valueQuantity: { value: 72, unit: 'kg', system: UCUM } }), [['required', 'Observation.valueQuantity.code']]],
    [
      'unit not UCUM',
      weight({ valueQuantity: { value: 72, system: 'http://example.org/units', code: 'kg' } }),
      [['code-invalid', 'Observation.valueQuantity.system']],
    ],
    ['weight 900 kg', weight({ valueQuantity: q(900, 'kg') }), [['value', 'Observation.valueQuantity.value']]],
    ['weight 19.9 kg', weight({ valueQuantity: q(19.9, 'kg') }), [['value', 'Observation.valueQuantity.value']]],
    ['value as a string', weight({ valueQuantity: q('72.4', 'kg') }), [['structure', 'Observation.valueQuantity.value']]],
    ['no value', weight({ valueQuantity: undefined }), [['required', 'Observation.valueQuantity']]],
    ['valueString', weight({ valueQuantity: undefined, valueString: '72.4 kg' }), [['not-supported', 'Observation.valueString']]],
    ['comparator', weight({ valueQuantity: { ...q(72, 'kg'), comparator: '<' } }), [['not-supported', 'Observation.valueQuantity.comparator']]],
    ['no time zone', weight({ effectiveDateTime: '2026-03-01T08:30:00' }), [['value', 'Observation.effectiveDateTime']]],
    ['date only', weight({ effectiveDateTime: '2026-03-01' }), [['value', 'Observation.effectiveDateTime']]],
    ['no seconds', weight({ effectiveDateTime: '2026-03-01T08:30+01:00' }), [['value', 'Observation.effectiveDateTime']]],
    ['not a calendar date', weight({ effectiveDateTime: '2026-02-29T08:30:00Z' }), [['value', 'Observation.effectiveDateTime']]],
    ['future time', weight({ effectiveDateTime: '2026-03-01T13:30:00+01:00' }), [['value', 'Observation.effectiveDateTime']]],
    [
      'future period start',
      weight({ effectiveDateTime: undefined, effectivePeriod: { start: '2026-03-02T08:00:00Z' } }),
      [['value', 'Observation.effectivePeriod.start']],
    ],
    ['no time', weight({ effectiveDateTime: undefined }), [['required', 'Observation.effective']]],
    ['two times', weight({ effectiveInstant: '2026-03-01T07:30:00Z' }), [['structure', 'Observation.effective']]],
    [
      'effectiveTiming',
      weight({ effectiveDateTime: undefined, effectiveTiming: { event: ['2026-03-01T07:30:00Z'] } }),
      [['not-supported', 'Observation.effectiveTiming']],
    ],
    ['status entered-in-error', weight({ status: 'entered-in-error' }), [['not-supported', 'Observation.status']]],
    ['status that does not exist', weight({ status: 'done' }), [['code-invalid', 'Observation.status']]],
    ['missing status', weight({ status: undefined }), [['required', 'Observation.status']]],
    ['missing subject', weight({ subject: undefined }), [['required', 'Observation.subject']]],
    ['subject without reference', weight({ subject: { display: 'Jeanne' } }), [['required', 'Observation.subject.reference']]],
    ['subject not a Patient', weight({ subject: { reference: 'Group/g-1' } }), [['value', 'Observation.subject.reference']]],
    ['subject reference not a string', weight({ subject: { reference: 12 } }), [['structure', 'Observation.subject.reference']]],
    ['bad id', weight({ id: 'a b' }), [['value', 'Observation.id']]],
    ['panel without diastolic', bp(142, 88, 'mm[Hg]', { component: [comp('8480-6', q(142, 'mm[Hg]'))] }), [['required', 'Observation.component']]],
    ['panel without components', bp(142, 88, 'mm[Hg]', { component: undefined }), [['required', 'Observation.component']]],
    [
      'panel with a wrong unit',
      bp(142, 88, 'kPa'),
      [
        ['code-invalid', 'Observation.component[0].valueQuantity.code'],
        ['code-invalid', 'Observation.component[1].valueQuantity.code'],
      ],
    ],
    ['panel with diastolic 500', bp(142, 500), [['value', 'Observation.component[1].valueQuantity.value']]],
    ['panel with diastolic above systolic', bp(90, 110), [['value', 'Observation.component[1].valueQuantity.value']]],
    [
      'panel with systolic twice',
      bp(142, 88, 'mm[Hg]', { component: [comp('8480-6', q(142, 'mm[Hg]')), comp('8480-6', q(140, 'mm[Hg]')), comp('8462-4', q(88, 'mm[Hg]'))] }),
      [['invalid', 'Observation.component[1]']],
    ],
    ['non-object input (string)', 'Observation', [['structure', 'Observation']]],
    ['non-object input (null)', null, [['structure', 'Observation']]],
    ['non-object input (array)', [weight()], [['structure', 'Observation']]],
    ['wrong resourceType', { ...weight(), resourceType: 'Patient' }, [['invalid', 'Observation.resourceType']]],
    ['no resourceType', weight({ resourceType: undefined }), [['required', 'Observation.resourceType']]],
  ];
  it.each(cases)('%s', (_name, resource, expected) => {
    const r = parseObservation(resource, undefined, NOW);
    expect(summary(r)).toEqual(expected);
    for (const i of issuesOf(r)) {
      expect(i.severity).toBe('error');
      expect(i.diagnostics.length).toBeGreaterThan(15);
    }
  });

  it('says what is wrong in plain English', () => {
    const text = (o: unknown) => issuesOf(parseObservation(o, undefined, NOW))[0]!.diagnostics;
    expect(text(weight({ valueQuantity: q(900, 'kg') }))).toBe('impossible value: body weight 900 kg is outside the possible range 20–300 kg');
    expect(text(weight({ effectiveDateTime: '2026-03-01T08:30:00' }))).toMatch(/needs a time zone/);
    expect(text(weight({ valueQuantity: q('72.4', 'kg') }))).toBe('valueQuantity.value must be a JSON number, got the string "72.4"');
    expect(text(weight({ code: { coding: [{ system: LOINC, code: '12345-6' }] } }))).toMatch(
      /^LOINC 12345-6 is not a telemonitoring measurement; accepted codes: 29463-7 \(body weight\)/,
    );
    expect(text(weight({ valueQuantity: q(98.6, '[degF]'), code: { coding: [{ system: LOINC, code: '8310-5' }] } }))).toBe(
      "unit '[degF]' is not accepted for body temperature (LOINC 8310-5): expected UCUM 'Cel'; values are not converted",
    );
    expect(text(weight({ status: 'entered-in-error' }))).toMatch(/'entered-in-error' is not accepted/);
  });

  it('reports every problem, not only the first', () => {
    const o = weight({
      id: 7,
      status: 'entered-in-error',
      valueQuantity: { value: '72', system: 'http://example.org', code: 'lb' },
      effectiveDateTime: '2026-03-01T08:30:00',
      subject: undefined,
      device: { reference: false },
    });
    expect(summary(parseObservation(o, undefined, NOW))).toEqual([
      ['structure', 'Observation.id'],
      ['not-supported', 'Observation.status'],
      ['structure', 'Observation.valueQuantity.value'],
      ['code-invalid', 'Observation.valueQuantity.system'],
      ['code-invalid', 'Observation.valueQuantity.code'],
      ['value', 'Observation.effectiveDateTime'],
      ['required', 'Observation.subject'],
      ['structure', 'Observation.device.reference'],
    ]);
  });

  it('prefixes every expression with the given path', () => {
    const r = parseObservation(weight({ valueQuantity: q(900, 'kg'), subject: undefined }), 'Bundle.entry[3].resource', NOW);
    expect(issuesOf(r).map((i) => i.expression)).toEqual([['Bundle.entry[3].resource.valueQuantity.value'], ['Bundle.entry[3].resource.subject']]);
  });
});

describe('parseInstant', () => {
  it('converts offsets exactly and rejects impossible dates, times and offsets', () => {
    expect(parseInstant('2026-03-29T03:30:00+02:00')).toEqual({ ms: Date.parse('2026-03-29T01:30:00Z') });
    expect(parseInstant('0050-01-01T00:00:00Z')).toEqual({ ms: Date.parse('0050-01-01T00:00:00.000Z') });
    for (const bad of [
      '2026-13-01T00:00:00Z',
      '2026-04-31T00:00:00Z',
      '2026-03-01T24:00:00Z',
      '2026-03-01T12:60:00Z',
      '2026-03-01T12:00:00+15:00',
      '2026-03-01 12:00:00Z',
      '',
    ]) {
      expect(parseInstant(bad)).toHaveProperty('error');
    }
  });
});

describe('parseBundle', () => {
  const entry = (resource: unknown, request: unknown = { method: 'POST', url: 'Observation' }) => ({ fullUrl: 'urn:uuid:0b1c', resource, request });
  const bundle = (type: string, entries: unknown[]) => ({ resourceType: 'Bundle', type, entry: entries });

  it('reads a transaction entry by entry', () => {
    const r = parseBundle(bundle('transaction', [entry(weight()), entry(bp())]), NOW);
    expect(r.ok && r.type).toBe('transaction');
    expect(r.ok && r.entries.map((e) => [e.index, e.ok, e.ok && e.measurements.map((m) => m.parameter)])).toEqual([
      [0, true, ['body_weight']],
      [1, true, ['systolic', 'diastolic']],
    ]);
  });

  it('reports a bad entry with its index path, keeping the good ones (batch)', () => {
    const r = parseBundle(bundle('batch', [entry(weight()), entry(weight({ valueQuantity: q(72, 'g') })), entry(weight({ id: 'w-3' }))]), NOW);
    if (!r.ok) throw new Error('bundle refused');
    expect(r.type).toBe('batch');
    expect(r.entries.map((e) => e.ok)).toEqual([true, false, true]);
    const bad = r.entries[1]!;
    expect(bad.index).toBe(1);
    expect(!bad.ok && bad.issues.map((i) => [i.code, i.expression])).toEqual([['code-invalid', ['Bundle.entry[1].resource.valueQuantity.code']]]);
  });

  it('checks the request and the presence of the resource', () => {
    const r = parseBundle(
      bundle('transaction', [
        entry(weight(), { method: 'PUT', url: 'Observation/w-1' }),
        { resource: weight() },
        { request: { method: 'POST', url: 'Observation' } },
        'entry',
        entry(weight(), { method: 'POST', url: 'https://fhir.example.org/r4/Observation' }),
        entry({ resourceType: 'Patient' }),
      ]),
      NOW,
    );
    if (!r.ok) throw new Error('bundle refused');
    expect(r.entries.map((e) => (e.ok ? 'ok' : e.issues.map((i) => `${i.code} ${i.expression.join()}`)))).toEqual([
      ['not-supported Bundle.entry[0].request.method', 'not-supported Bundle.entry[0].request.url'],
      ['required Bundle.entry[1].request'],
      ['required Bundle.entry[2].resource'],
      ['structure Bundle.entry[3]'],
      'ok',
      ['invalid Bundle.entry[5].resource.resourceType'],
    ]);
  });

  it('accepts a transaction without entries', () => {
    expect(parseBundle({ resourceType: 'Bundle', type: 'transaction' }, NOW)).toEqual({ ok: true, type: 'transaction', entries: [] });
  });

  it('refuses a collection, other types and malformed bundles as a whole', () => {
    const refused = (b: unknown) => {
      const r = parseBundle(b, NOW);
      if (r.ok) throw new Error('bundle accepted');
      return r.issues.map((i) => [i.code, i.expression.join()]);
    };
    expect(refused(bundle('collection', [entry(weight())]))).toEqual([['not-supported', 'Bundle.type']]);
    expect(refused(bundle('searchset', []))).toEqual([['not-supported', 'Bundle.type']]);
    expect(refused(bundle('bag', []))).toEqual([['code-invalid', 'Bundle.type']]);
    expect(refused({ resourceType: 'Bundle', entry: [] })).toEqual([['required', 'Bundle.type']]);
    expect(refused({ resourceType: 'Bundle', type: 'batch', entry: {} })).toEqual([['structure', 'Bundle.entry']]);
    expect(refused(weight())).toEqual([['invalid', 'Bundle.resourceType']]);
    expect(refused(42)).toEqual([['structure', 'Bundle']]);
    const text = parseBundle(bundle('collection', []), NOW);
    expect(!text.ok && text.issues[0]!.diagnostics).toBe("Bundle.type 'collection' is not supported: send a 'transaction' or a 'batch'");
  });
});

describe('operationOutcome and responseBundle', () => {
  const issue: FhirIssue = { severity: 'error', code: 'value', diagnostics: 'impossible value', expression: ['Bundle.entry[1].resource.valueQuantity.value'] };

  it('makes an OperationOutcome of the issues', () => {
    expect(operationOutcome([issue])).toEqual({
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'error', code: 'value', diagnostics: 'impossible value', expression: ['Bundle.entry[1].resource.valueQuantity.value'] }],
    });
    expect(operationOutcome([]).issue).toEqual([{ severity: 'information', code: 'informational', diagnostics: 'No issues' }]);
  });

  it('makes an OperationOutcome straight from a failed parse', () => {
    const r = parseObservation(weight({ status: 'cancelled' }), undefined, NOW);
    const oo = operationOutcome(issuesOf(r));
    expect(oo.issue.map((i) => [i.severity, i.code, i.expression])).toEqual([['error', 'not-supported', ['Observation.status']]]);
  });

  it('answers a batch entry by entry, and a transaction with locations', () => {
    expect(
      responseBundle('batch', [
        { status: '201 Created', location: 'Observation/1/_history/1' },
        { status: '200 OK', location: 'Observation/0' },
        { status: '400 Bad Request', issues: [issue] },
      ]),
    ).toEqual({
      resourceType: 'Bundle',
      type: 'batch-response',
      entry: [
        { response: { status: '201 Created', location: 'Observation/1/_history/1' } },
        { response: { status: '200 OK', location: 'Observation/0' } },
        { response: { status: '400 Bad Request', outcome: { resourceType: 'OperationOutcome', issue: [issue] } } },
      ],
    });
    expect(responseBundle('transaction', [{ status: '201 Created' }])).toEqual({
      resourceType: 'Bundle',
      type: 'transaction-response',
      entry: [{ response: { status: '201 Created' } }],
    });
  });
});
