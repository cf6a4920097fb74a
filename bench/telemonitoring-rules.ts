// Telemonitoring rules on simulated cohorts: sensitivity on the planted episodes and false alerts per
// patient-month, for the default rules of each programme and, for heart failure, the plain "+2 kg in 3 days"
// rule alone, side by side in the same run. Missing-data alerts are counted apart (they ask for a call, not
// for a clinical action). Prints one JSON line; figures are medians over the seeds (min and max given).
// Usage: npx tsx bench/telemonitoring-rules.ts [--patients 400] [--days 365] [--seeds 1,2,3]
import { parseArgs } from 'node:util';
import { PROGRAMMES, type Measurement, type Programme } from '../apps/server/src/telemonitoring-core/codes.js';
import { DEFAULT_RULES, evaluateSeries, type Alert, type AlertPolicy, type PersonSettings } from '../apps/server/src/telemonitoring-core/rules.js';
import { scoreAlerts } from '../apps/server/src/telemonitoring-core/quality.js';
import { simulate, simulatedMeasurements } from '../apps/server/src/telemonitoring-core/simulate.js';

const { values } = parseArgs({
  options: { patients: { type: 'string', default: '400' }, days: { type: 'string', default: '365' }, seeds: { type: 'string', default: '1,2,3' } },
});
const patients = Number(values.patients);
const days = Number(values.days);
const seeds = values.seeds.split(',').map(Number);
/** Triage policy of the product's default: the same rule does not alert again for the same person within 72 h unless it gets worse. */
const POLICY: AlertPolicy = { repeatHours: 72 };
const PLAIN = 'hf-weight-2kg-3d';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const r3 = (x: number) => Math.round(x * 1000) / 1000;
const spread = (xs: number[]) => ({ median: r3(median(xs)), min: r3(Math.min(...xs)), max: r3(Math.max(...xs)) });

type Scores = { sensitivity: number[]; falsePerPatientMonth: number[]; leadDays: number[]; episodes: number[] };
const empty = (): Scores => ({ sensitivity: [], falsePerPatientMonth: [], leadDays: [], episodes: [] });
const results: Record<string, Scores> = { hf_plain_2kg_3d: empty(), ...Object.fromEntries(PROGRAMMES.map((p) => [`${p}_default_rules`, empty()])) };
const missingPerPatientMonth: number[] = [];
const started = performance.now();
let evaluated = 0;

for (const seed of seeds) {
  const sim = simulate({ patients, days, seed });
  const byPatient = new Map<string, Measurement[]>();
  const measurements: Iterable<Measurement> = simulatedMeasurements(sim);
  // The simulator's module imports FHIR types that only the server project resolves; here its values are typed by hand.
  // eslint-disable-next-line @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-member-access
  for (const m of measurements) byPatient.set(m.personId, [...(byPatient.get(m.personId) ?? []), m]);
  const until = new Date(Date.parse('2026-01-01T00:00:00Z') + days * 86_400_000).toISOString();
  const alerts: Record<string, Alert[]> = { plain: [], ...Object.fromEntries(PROGRAMMES.map((p) => [p, []])) };
  let missing = 0;
  for (const p of sim.patients) {
    const series = byPatient.get(p.id) ?? [];
    evaluated += series.length;
    const settings: PersonSettings = {
      personId: p.id,
      programme: p.programme,
      references: p.baseline.body_weight ? { body_weight: p.baseline.body_weight } : {},
    };
    const all = evaluateSeries(settings, series, POLICY, { until });
    missing += all.filter((a) => a.kind === 'missing').length;
    alerts[p.programme].push(...all.filter((a) => a.kind !== 'missing'));
    if (p.programme === 'heart_failure') {
      const plainOnly: PersonSettings = { ...settings, disabled: DEFAULT_RULES.heart_failure.map((r) => r.id).filter((id) => id !== PLAIN) };
      alerts.plain.push(...evaluateSeries(plainOnly, series, POLICY, { until }));
    }
  }
  const months = (programme: Programme) => (sim.patients.filter((p) => p.programme === programme).length * days) / 30.4375;
  const episodesOf = (programme: Programme) => sim.episodes.filter((e) => e.programme === programme);
  const record = (key: string, programme: Programme, list: Alert[]) => {
    const s = scoreAlerts(episodesOf(programme), list, months(programme));
    results[key].sensitivity.push(s.sensitivity);
    results[key].falsePerPatientMonth.push(s.falseAlertsPerPatientMonth);
    if (s.medianLeadDays !== null) results[key].leadDays.push(s.medianLeadDays);
    results[key].episodes.push(s.episodes);
  };
  record('hf_plain_2kg_3d', 'heart_failure', alerts.plain);
  for (const p of PROGRAMMES) record(`${p}_default_rules`, p, alerts[p]);
  missingPerPatientMonth.push(missing / ((patients * days) / 30.4375));
}

const seconds = (performance.now() - started) / 1000;
console.log(
  JSON.stringify({
    bench: 'telemonitoring-rules',
    cohort: { patients, days, seeds, programmes: PROGRAMMES, policy: POLICY },
    results: Object.fromEntries(
      Object.entries(results).map(([k, v]) => [
        k,
        {
          episodes: v.episodes,
          sensitivity: spread(v.sensitivity),
          falseAlertsPerPatientMonth: spread(v.falsePerPatientMonth),
          medianLeadDays: v.leadDays.length ? spread(v.leadDays) : null,
        },
      ]),
    ),
    missingDataAlertsPerPatientMonth: spread(missingPerPatientMonth),
    measurementsPerSecond: Math.round(evaluated / seconds),
    seconds: Math.round(seconds * 10) / 10,
  }),
);
