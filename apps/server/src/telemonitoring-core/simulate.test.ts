import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BP_PANEL_LOINC, PARAMETERS, PROGRAMME_PARAMETERS, parameterOfLoinc, type Measurement, type Parameter } from './codes.js';
import { simulateCommand } from './simulate-cli.js';
import { BASELINE_DAYS, parisOffset, simulate, toMeasurements, type FhirObservation, type PlantedEpisode, type SimOptions } from './simulate.js';

const DAY_MS = 86_400_000;
const lines = (opts: SimOptions) => [...simulate(opts).observations].map((o) => JSON.stringify(o));
const subjectOf = (o: FhirObservation) => o.subject?.reference?.replace('Patient/', '') ?? '';

/** Days since `start` (local calendar day of a Paris instant: the offset is part of the string). */
function dayIndex(instant: string, start: string): number {
  return Math.round((Date.parse(`${instant.slice(0, 10)}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / DAY_MS);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

/** Collects what is written; a small highWaterMark and a slow consumer exercise backpressure. */
function sink(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    highWaterMark: 1024,
    write(chunk: Buffer, _enc, cb) {
      chunks.push(chunk.toString('utf8'));
      setImmediate(cb);
    },
  });
  return { stream, text: () => chunks.join('') };
}

describe('simulate: determinism', () => {
  it('gives byte-identical output for the same options, and different output for another seed', () => {
    const opts = { patients: 8, days: 120, seed: 42 };
    const a = lines(opts);
    expect(lines(opts)).toEqual(a);
    expect(JSON.stringify(simulate(opts).episodes)).toBe(JSON.stringify(simulate(opts).episodes));
    expect(a.length).toBeGreaterThan(8 * 120);
    expect(lines({ ...opts, seed: 43 })).not.toEqual(a);
  });

  it('can iterate the observations twice with the same result', () => {
    const r = simulate({ patients: 3, days: 60, seed: 1 });
    expect([...r.observations].map((o) => JSON.stringify(o))).toEqual([...r.observations].map((o) => JSON.stringify(o)));
  });

  it('makes a small cohort a prefix of a large one', () => {
    const small = simulate({ patients: 5, days: 200, seed: 9 });
    const large = simulate({ patients: 23, days: 200, seed: 9 });
    expect(large.patients.slice(0, 5)).toEqual(small.patients);
    const ids = new Set(small.patients.map((p) => p.id));
    expect(large.episodes.filter((e) => ids.has(e.patientId))).toEqual(small.episodes);
    const smallLines = [...small.observations].map((o) => JSON.stringify(o));
    const largeLines = [...large.observations].filter((o) => ids.has(subjectOf(o))).map((o) => JSON.stringify(o));
    expect(largeLines).toEqual(smallLines);
    expect(large.patients.map((p) => p.programme).slice(0, 6)).toEqual(['heart_failure', 'hypertension', 'diabetes', 'copd', 'heart_failure', 'hypertension']);
  });
});

describe('simulate: valid FHIR vital signs', () => {
  const start = '2026-01-01';
  const sim = simulate({ patients: 24, days: 365, seed: 3, start });
  const obs = [...sim.observations];
  const programmeOf = new Map(sim.patients.map((p) => [p.id, p.programme]));

  it('writes Observations with the right LOINC code, UCUM unit, category, and values in range', () => {
    // Problems are collected and compared once: an expect per observation would be slow.
    const problems: string[] = [];
    const check = (ok: boolean, what: string, o: FhirObservation) => {
      if (!ok && problems.length < 20) problems.push(`${o.id}: ${what}`);
    };
    const ids = new Set<string>();
    const seen = new Set<Parameter>();
    for (const o of obs) {
      const patient = subjectOf(o);
      check(o.resourceType === 'Observation' && o.status === 'final', 'resourceType/status', o);
      check(!ids.has(o.id!) && o.id!.startsWith(`${patient}-`), 'id', o);
      ids.add(o.id!);
      check(o.device?.reference === `Device/${patient.replace('sim-', 'dev-')}`, 'device', o);
      check(/^\d{4}-\d{2}-\d{2}T(0[6-9]):\d{2}:00\+0[12]:00$/.test(o.effectiveDateTime ?? ''), 'effectiveDateTime', o);
      const allowed = PROGRAMME_PARAMETERS[programmeOf.get(patient)!];
      const code = o.code?.coding?.[0];
      check(code?.system === 'http://loinc.org', 'code system', o);
      const panel = code?.code === BP_PANEL_LOINC;
      const items = panel ? (o.component ?? []).map((c) => ({ coding: c.code.coding?.[0], q: c.valueQuantity })) : [{ coding: code, q: o.valueQuantity }];
      if (panel) {
        check(o.valueQuantity === undefined, 'panel without a top-level value', o);
        check(items.map((i) => i.coding?.code).join() === `${PARAMETERS.systolic.loinc},${PARAMETERS.diastolic.loinc}`, 'panel components', o);
        check(items[1]!.q!.value! < items[0]!.q!.value!, 'diastolic below systolic', o);
      }
      for (const { coding, q } of items) {
        const p = parameterOfLoinc(coding?.code ?? '');
        if (p === undefined) {
          check(false, `unknown code ${coding?.code}`, o);
          continue;
        }
        const def = PARAMETERS[p];
        seen.add(p);
        check(allowed.includes(p), `${p} outside the programme`, o);
        check(coding?.system === 'http://loinc.org' && coding.display === def.display, 'coding', o);
        check(
          JSON.stringify(q) === JSON.stringify({ value: q?.value, unit: def.unit, system: 'http://unitsofmeasure.org', code: def.unit }),
          'UCUM quantity',
          o,
        );
        const v = q?.value ?? NaN;
        check(v >= def.min && v <= def.max, `${p} ${v} out of range`, o);
        check(Math.round(v * 10 ** def.decimals) / 10 ** def.decimals === v, `${p} ${v} not rounded`, o);
        const category = o.category?.[0]?.coding?.[0];
        check(category?.system === 'http://terminology.hl7.org/CodeSystem/observation-category', 'category system', o);
        check(category?.code === (p === 'glucose' ? 'laboratory' : 'vital-signs'), 'category', o);
      }
    }
    expect(problems).toEqual([]);
    expect(obs.length).toBeGreaterThan(15_000);
    expect([...seen].sort()).toEqual(Object.keys(PARAMETERS).sort());
  });

  it('keeps each patient in time order and sends a few duplicates', () => {
    const last = new Map<string, number>();
    const keys = new Map<string, number>();
    const backwards: string[] = [];
    for (const o of obs) {
      const t = Date.parse(o.effectiveDateTime!);
      if (t < (last.get(subjectOf(o)) ?? -Infinity)) backwards.push(o.id!);
      last.set(subjectOf(o), t);
      const key = `${o.device?.reference}|${o.effectiveDateTime}|${o.code?.coding?.[0]?.code}`;
      keys.set(key, (keys.get(key) ?? 0) + 1);
    }
    expect(backwards).toEqual([]);
    const duplicates = obs.length - keys.size;
    expect(duplicates / obs.length).toBeGreaterThan(0.001);
    expect(duplicates / obs.length).toBeLessThan(0.015);
  });

  it('uses the Paris offset of the date: +01:00 in winter, +02:00 in summer, switching on the last Sundays of March and October', () => {
    expect(new Set(obs.filter((o) => o.effectiveDateTime!.startsWith('2026-01-')).map((o) => o.effectiveDateTime!.slice(-6)))).toEqual(new Set(['+01:00']));
    expect(new Set(obs.filter((o) => o.effectiveDateTime!.startsWith('2026-07-')).map((o) => o.effectiveDateTime!.slice(-6)))).toEqual(new Set(['+02:00']));
    const july = [...simulate({ patients: 2, days: 3, seed: 1, start: '2026-07-14' }).observations];
    expect(july.length).toBeGreaterThan(0);
    for (const o of july) expect(o.effectiveDateTime).toMatch(/^2026-07-1[4-6]T0\d:\d{2}:00\+02:00$/);
    expect([parisOffset('2026-03-28'), parisOffset('2026-03-29'), parisOffset('2026-10-24'), parisOffset('2026-10-25')]).toEqual([
      '+01:00',
      '+02:00',
      '+02:00',
      '+01:00',
    ]);
    // Onsets are local midnight, including on the day the clocks go forward (midnight is still +01:00).
    const hourMinute = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    const spring = simulate({ patients: 200, days: 40, seed: 2, start: '2026-03-08', episodeRate: 50 }).episodes;
    expect(spring.filter((e) => e.onset.startsWith('2026-03-29')).map((e) => e.onset)).toContain('2026-03-29T00:00:00+01:00');
    expect(spring.filter((e) => hourMinute.format(new Date(e.onset)) !== '00:00')).toEqual([]);
    const around = obs.filter((o) => /^2026-03-(28|29)/.test(o.effectiveDateTime!));
    expect(around.length).toBeGreaterThan(0);
    for (const o of around) expect(o.effectiveDateTime!.slice(-6)).toBe(o.effectiveDateTime!.startsWith('2026-03-28') ? '+01:00' : '+02:00');
  });

  it('has measurement gaps: heart-failure patients weigh themselves on 60–100 % of days, not every day', () => {
    const hf = sim.patients.filter((p) => p.programme === 'heart_failure');
    expect(hf.length).toBe(6);
    for (const p of hf) {
      expect(p.adherence).toBeGreaterThanOrEqual(0.75);
      expect(p.adherence).toBeLessThanOrEqual(0.98);
      const days = new Set(
        obs.filter((o) => subjectOf(o) === p.id && o.code?.coding?.[0]?.code === PARAMETERS.body_weight.loinc).map((o) => o.effectiveDateTime!.slice(0, 10)),
      );
      const share = days.size / 365;
      expect(share, p.id).toBeGreaterThan(0.6);
      expect(share, p.id).toBeLessThan(1);
    }
  });
});

describe('simulate: planted episodes', () => {
  const start = '2026-01-01';
  const days = 365;
  const sim = simulate({ patients: 60, days, seed: 11, start });
  const weights = new Map<string, { day: number; value: number }[]>();
  for (const o of sim.observations)
    for (const m of toMeasurements(o)) {
      if (m.parameter !== 'body_weight') continue;
      const list = weights.get(m.personId) ?? [];
      list.push({ day: dayIndex(o.effectiveDateTime!, start), value: m.value });
      weights.set(m.personId, list);
    }
  const hf = sim.episodes.filter((e) => e.kind === 'hf_decompensation');

  it('plants episodes of the patient’s programme, after the baseline period, inside the simulation, never overlapping', () => {
    const byPatient = new Map<string, PlantedEpisode[]>();
    const kinds = {
      heart_failure: ['hf_decompensation'],
      hypertension: ['hypertensive_crisis'],
      diabetes: ['hyperglycaemia', 'hypoglycaemia'],
      copd: ['copd_exacerbation'],
    };
    for (const e of sim.episodes) {
      const patient = sim.patients.find((p) => p.id === e.patientId)!;
      expect(e.programme).toBe(patient.programme);
      expect(kinds[e.programme]).toContain(e.kind);
      expect(e.parameters.length).toBeGreaterThan(0);
      for (const p of e.parameters) expect(PROGRAMME_PARAMETERS[e.programme]).toContain(p);
      expect(e.onset).toMatch(/^\d{4}-\d{2}-\d{2}T00:00:00\+0[12]:00$/);
      expect(dayIndex(e.onset, start)).toBeGreaterThanOrEqual(BASELINE_DAYS);
      expect(Date.parse(e.event)).toBeGreaterThan(Date.parse(e.onset));
      expect(dayIndex(e.event, start)).toBeLessThan(days);
      expect(e.description.length).toBeGreaterThan(10);
      byPatient.set(e.patientId, [...(byPatient.get(e.patientId) ?? []), e]);
    }
    for (const list of byPatient.values())
      for (let i = 1; i < list.length; i++) expect(Date.parse(list[i]!.onset)).toBeGreaterThan(Date.parse(list[i - 1]!.event));
    expect(new Set(sim.episodes.map((e) => e.kind)).size).toBe(5);
  });

  it('plants about episodeRate episodes per patient-year, and none at rate 0', () => {
    const rate = sim.episodes.length / ((60 * (days - BASELINE_DAYS)) / 365);
    expect(rate).toBeGreaterThan(3);
    expect(rate).toBeLessThan(5);
    expect(simulate({ patients: 20, days, seed: 11, episodeRate: 0 }).episodes).toEqual([]);
    expect(simulate({ patients: 20, days: BASELINE_DAYS, seed: 11 }).episodes).toEqual([]);
  });

  it('shows a weight rise of at least 1 kg above the pre-onset median in every heart-failure episode weighed near the event', () => {
    expect(hf.length).toBeGreaterThanOrEqual(40);
    let weighedNearEvent = 0;
    for (const e of hf) {
      const onset = dayIndex(e.onset, start);
      const event = dayIndex(e.event, start);
      const w = weights.get(e.patientId)!;
      const before = w.filter((x) => x.day >= onset - 14 && x.day < onset).map((x) => x.value);
      const during = w.filter((x) => x.day >= onset && x.day <= event);
      expect(before.length, e.description).toBeGreaterThanOrEqual(3);
      if (!during.some((x) => x.day >= event - 1)) continue; // not weighed on the event day or the day before
      weighedNearEvent++;
      const rise = Math.max(...during.map((x) => x.value)) - median(before);
      expect(rise, `${e.patientId} ${e.onset} ${e.description}`).toBeGreaterThanOrEqual(1);
    }
    expect(weighedNearEvent / hf.length).toBeGreaterThan(0.75);
  });

  it('has subtle heart-failure episodes: at least 30 % without a 2 kg rise within 3 days, but not all', () => {
    let without = 0;
    for (const e of hf) {
      const onset = dayIndex(e.onset, start);
      const event = dayIndex(e.event, start);
      const w = weights.get(e.patientId)!.filter((x) => x.day >= onset - 3 && x.day <= event);
      const jump = w.some((b) => w.some((a) => a.day < b.day && b.day - a.day <= 3 && b.value - a.value >= 2));
      if (!jump) without++;
    }
    expect(without / hf.length).toBeGreaterThanOrEqual(0.3);
    expect(without / hf.length).toBeLessThan(0.9);
  });

  it('returns heart-failure weight to the dry weight after the event', () => {
    for (const e of hf) {
      const after = weights.get(e.patientId)!.filter((x) => x.day > dayIndex(e.event, start) + 20 && x.day <= dayIndex(e.event, start) + 27);
      const next = hf.find((n) => n.patientId === e.patientId && n.onset > e.event);
      if (after.length < 3 || (next && dayIndex(next.onset, start) <= dayIndex(e.event, start) + 27)) continue;
      const dry = sim.patients.find((p) => p.id === e.patientId)!.baseline.body_weight!;
      expect(Math.abs(median(after.map((x) => x.value)) - dry), e.description).toBeLessThan(2);
    }
  });

  it('shows the other episode kinds in the series', () => {
    const series = new Map<string, { parameter: Parameter; day: number; value: number }[]>();
    for (const o of sim.observations)
      for (const m of toMeasurements(o)) {
        const list = series.get(m.personId) ?? [];
        list.push({ parameter: m.parameter, day: dayIndex(o.effectiveDateTime!, start), value: m.value });
        series.set(m.personId, list);
      }
    const window = (e: PlantedEpisode, p: Parameter) =>
      series.get(e.patientId)!.filter((x) => x.parameter === p && x.day >= dayIndex(e.onset, start) && x.day <= dayIndex(e.event, start));
    const baseline = (e: PlantedEpisode, p: Parameter) =>
      median(
        series
          .get(e.patientId)!
          .filter((x) => x.parameter === p && x.day < dayIndex(e.onset, start) && x.day >= dayIndex(e.onset, start) - 14)
          .map((x) => x.value),
      );
    const share = (list: PlantedEpisode[], ok: (e: PlantedEpisode) => boolean) => list.filter(ok).length / list.length;
    const of = (kind: PlantedEpisode['kind']) => sim.episodes.filter((e) => e.kind === kind);

    // Every hypoglycaemia has its reading below 70 mg/dL at the event instant.
    expect(of('hypoglycaemia').length).toBeGreaterThan(3);
    for (const e of of('hypoglycaemia')) {
      const reading = series.get(e.patientId)!.find((x) => x.parameter === 'glucose' && x.day === dayIndex(e.event, start));
      expect(reading?.value, e.description).toBeLessThan(70);
    }
    const hyper = of('hyperglycaemia');
    expect(hyper.length).toBeGreaterThan(3);
    expect(share(hyper, (e) => window(e, 'glucose').filter((x) => x.value > 250).length >= 2)).toBeGreaterThan(0.8);
    const crises = of('hypertensive_crisis');
    expect(crises.length).toBeGreaterThan(5);
    expect(share(crises, (e) => window(e, 'systolic').some((x) => x.value > 180))).toBeGreaterThan(0.6);
    const copd = of('copd_exacerbation');
    expect(copd.length).toBeGreaterThan(5);
    expect(share(copd, (e) => window(e, 'spo2').some((x) => x.value <= baseline(e, 'spo2') - 3))).toBeGreaterThan(0.6);
    expect(share(copd, (e) => window(e, 'respiratory_rate').some((x) => x.value >= baseline(e, 'respiratory_rate') + 3))).toBeGreaterThan(0.6);
  });
});

describe('toMeasurements', () => {
  it('turns a blood-pressure panel into two measurements and a weight into one, with UTC instants', () => {
    const obs = [...simulate({ patients: 1, days: 5, seed: 5, programmes: ['heart_failure'] }).observations];
    const panel = obs.find((o) => o.code?.coding?.[0]?.code === BP_PANEL_LOINC)!;
    const ms = toMeasurements(panel);
    expect(ms.map((m) => m.parameter)).toEqual(['systolic', 'diastolic']);
    expect(ms.map((m) => m.value)).toEqual(panel.component!.map((c) => c.valueQuantity!.value));
    const weight = obs.find((o) => o.code?.coding?.[0]?.code === PARAMETERS.body_weight.loinc)!;
    const [m] = toMeasurements(weight);
    expect(m).toEqual<Measurement>({
      personId: 'sim-0001',
      parameter: 'body_weight',
      value: weight.valueQuantity!.value!,
      at: new Date(weight.effectiveDateTime!).toISOString(),
    });
    expect(m!.at).toMatch(/^2026-01-0[1-5]T0[5-8]:\d{2}:00\.000Z$/);
    expect(toMeasurements({ ...weight, code: { coding: [{ system: 'http://loinc.org', code: '0000-0' }] } })).toEqual([]);
    expect(toMeasurements({ ...weight, valueQuantity: { value: 80, unit: 'lb', system: 'http://unitsofmeasure.org', code: '[lb_av]' } })).toEqual([]);
  });
});

describe('simulateCommand', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'presence-sim-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes one Observation per line and the planted episodes file', async () => {
    const out = sink();
    const err = sink();
    const file = join(dir, 'episodes.jsonl');
    const code = await simulateCommand(['--patients', '6', '--days', '200', '--seed', '4', '--episodes', file], out.stream, err.stream);
    expect(err.text()).toBe('');
    expect(code).toBe(0);
    const expected = simulate({ patients: 6, days: 200, seed: 4 });
    const written = out.text().split('\n');
    expect(written.pop()).toBe('');
    expect(written).toEqual([...expected.observations].map((o) => JSON.stringify(o)));
    expect(written.length).toBeGreaterThan(1000);
    const episodes = (await readFile(file, 'utf8')).trimEnd().split('\n');
    expect(episodes.length).toBe(expected.episodes.length);
    expect(episodes.map((l) => JSON.parse(l))).toEqual(expected.episodes);
  });

  it('honours --start and --programmes', async () => {
    const out = sink();
    const code = await simulateCommand(['--patients=2', '--days=3', '--seed=1', '--start=2026-07-01', '--programmes=copd,diabetes'], out.stream, sink().stream);
    expect(code).toBe(0);
    const obs = out
      .text()
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as FhirObservation);
    expect(obs.every((o) => o.effectiveDateTime!.startsWith('2026-07-0') && o.effectiveDateTime!.endsWith('+02:00'))).toBe(true);
    const codes = new Set(obs.map((o) => o.code.coding![0]!.code));
    expect(codes.has(PARAMETERS.spo2.loinc)).toBe(true);
    expect(codes.has(PARAMETERS.glucose.loinc)).toBe(true);
    expect(codes.has(BP_PANEL_LOINC)).toBe(false);
  });

  it.each([
    [['--patients', '0', '--days', '10', '--seed', '1'], '--patients must be an integer between 1 and 100000'],
    [['--days', '10', '--seed', '1'], '--patients must be an integer between 1 and 100000'],
    [['--patients', '2.5', '--days', '10', '--seed', '1'], '--patients'],
    [['--patients', '2', '--days', '0', '--seed', '1'], '--days must be an integer'],
    [['--patients', '2', '--days', '10'], '--seed must be an integer'],
    [['--patients', '2', '--days', '10', '--seed', '1', '--start', '2026-02-30'], '--start must be a date'],
    [
      ['--patients', '2', '--days', '10', '--seed', '1', '--programmes', 'copd,asthma'],
      "--programmes must be a comma-separated list of heart_failure, hypertension, diabetes, copd (got 'asthma')",
    ],
    [['--patients', '2', '--days', '10', '--seed', '1', '--episode-rate', '-1'], '--episode-rate'],
    [['--patients', '2', '--days', '10', '--seed', '1', '--verbose'], '--verbose'],
  ])('refuses %j with exit 2', async (args, message) => {
    const out = sink();
    const err = sink();
    expect(await simulateCommand(args, out.stream, err.stream)).toBe(2);
    expect(err.text()).toContain(message);
    expect(out.text()).toBe('');
  });

  it('exits 1 when the episodes file cannot be written', async () => {
    const err = sink();
    const code = await simulateCommand(
      ['--patients', '1', '--days', '30', '--seed', '1', '--episodes', join(dir, 'missing', 'e.jsonl')],
      sink().stream,
      err.stream,
    );
    expect(code).toBe(1);
    expect(err.text()).toContain('--episodes');
  });
});
