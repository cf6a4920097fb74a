/**
 * How good a set of alerts is against known clinical episodes (e.g. decompensations in a simulated or historical
 * cohort): sensitivity, false alerts per patient-month and lead time. Pure, no I/O.
 *
 * An episode's window is [onset − leadDays, event] (bounds included): an alert of the same patient in that window
 * detects it. An episode counts as detected once however many alerts fall in its window; an alert in the windows of
 * several episodes counts for each. An alert outside every window of its patient is a false alert. The lead time of a
 * detected episode is event − its earliest alert in the window.
 */
import type { Alert } from './rules.js';

export interface Episode {
  patientId: string;
  /** ISO instant the deterioration starts. */
  onset: string;
  /** ISO instant of the event to anticipate (hospitalisation, emergency visit…), not before onset. */
  event: string;
}

export interface AlertScore {
  episodes: number;
  detected: number;
  /** detected / episodes; NaN when there is no episode. */
  sensitivity: number;
  falseAlerts: number;
  /** NaN when patientMonths is 0. */
  falseAlertsPerPatientMonth: number;
  /** Median over detected episodes of (event − earliest alert in the window), in days; null if none detected. */
  medianLeadDays: number | null;
}

const DAY = 86_400_000;

function instant(text: string, what: string): number {
  const t = Date.parse(text);
  if (!Number.isFinite(t)) throw new RangeError(`${what}: not an ISO instant: ${text}`);
  return t;
}

export function scoreAlerts(episodes: readonly Episode[], alerts: readonly Alert[], patientMonths: number, opts: { leadDays?: number } = {}): AlertScore {
  const leadDays = opts.leadDays ?? 1;
  if (!(Number.isFinite(leadDays) && leadDays >= 0)) throw new RangeError('leadDays must be ≥ 0');
  if (!(Number.isFinite(patientMonths) && patientMonths >= 0)) throw new RangeError('patientMonths must be ≥ 0');

  const windows = new Map<string, { from: number; to: number; index: number }[]>();
  const events = episodes.map((e, index) => {
    const onset = instant(e.onset, 'onset');
    const event = instant(e.event, 'event');
    if (event < onset) throw new RangeError(`episode ${index}: event before onset`);
    let list = windows.get(e.patientId);
    if (!list) windows.set(e.patientId, (list = []));
    list.push({ from: onset - leadDays * DAY, to: event, index });
    return event;
  });

  const firstAlert: (number | undefined)[] = episodes.map(() => undefined);
  let falseAlerts = 0;
  for (const alert of alerts) {
    const t = instant(alert.at, 'alert');
    let inWindow = false;
    for (const w of windows.get(alert.personId) ?? []) {
      if (t < w.from || t > w.to) continue;
      inWindow = true;
      const first = firstAlert[w.index];
      if (first === undefined || t < first) firstAlert[w.index] = t;
    }
    if (!inWindow) falseAlerts++;
  }

  const leads = firstAlert.flatMap((t, i) => (t === undefined ? [] : [(events[i]! - t) / DAY])).sort((a, b) => a - b);
  const detected = leads.length;
  const mid = detected >> 1;
  return {
    episodes: episodes.length,
    detected,
    sensitivity: episodes.length === 0 ? NaN : detected / episodes.length,
    falseAlerts,
    falseAlertsPerPatientMonth: patientMonths === 0 ? NaN : falseAlerts / patientMonths,
    medianLeadDays: detected === 0 ? null : detected % 2 === 1 ? leads[mid]! : (leads[mid - 1]! + leads[mid]!) / 2,
  };
}
