import type { App } from '../app.js';
import { PARAMETERS, type Programme } from '../telemonitoring-core/codes.js';
import { simulate, simulatedMeasurements } from '../telemonitoring-core/simulate.js';
import { demoActor } from './demo-actor.js';
import { DEMO_EMAIL_DOMAIN } from './generate.js';

const DAY = 86_400_000;
const DAYS = 60;
/** Who is monitored, in the order of the residents picked (after those the follow-up demo uses). */
const PROGRAMMES: Programme[] = ['heart_failure', 'heart_failure', 'hypertension', 'diabetes', 'copd', 'heart_failure'];

/**
 * Telemonitoring in the demo: six residents enrolled 60 days ago with their consent, a device each, the physician's dry
 * weight for heart failure, 60 days of simulated measurements sent through the same ingestion as devices (so the rules
 * raise their alerts as they would have), one heart-failure resident gaining weight these last days (an alert waiting
 * for triage), and a few older alerts already triaged (a call, closed with an outcome).
 */
export async function seedDemoTelemonitoring(app: App): Promise<{ enrolled: number; measurements: number; alerts: number }> {
  const { db, services } = app;
  const tm = services.telemonitoring;
  const [ehpad] = await db.query<{ id: string }>("SELECT id FROM facility WHERE kind = 'ehpad' ORDER BY name LIMIT 1");
  if (!ehpad) return { enrolled: 0, measurements: 0, alerts: 0 };
  const idec = await demoActor(db, `idec@${DEMO_EMAIL_DOMAIN}`);
  const physician = await demoActor(db, `medecin@${DEMO_EMAIL_DOMAIN}`);
  const people = await db.query<{ id: string }>(
    "SELECT id FROM person WHERE facility_id = $1 AND status = 'active' ORDER BY last_name, first_name OFFSET 12 LIMIT $2",
    [ehpad.id, PROGRAMMES.length],
  );
  const today = new Date();
  today.setUTCHours(0, 0, 0, 0);
  const start = new Date(today.getTime() - DAYS * DAY).toISOString().slice(0, 10);
  const sim = simulate({ patients: people.length, days: DAYS, seed: 2026, start, programmes: PROGRAMMES, episodeRate: 3 });
  const all = [...simulatedMeasurements(sim)];
  let measurements = 0;
  let alerts = 0;
  for (const [k, person] of people.entries()) {
    const patient = sim.patients[k]!;
    const { id: enrolmentId } = await tm.enrol(idec, {
      personId: person.id,
      programme: patient.programme,
      consent: { at: new Date(today.getTime() - (DAYS + 2) * DAY).toISOString(), from: k === 4 ? 'legal_representative' : 'person', note: '' },
    });
    await db.query('UPDATE tm_enrolment SET started_at = $2 WHERE id = $1', [enrolmentId, new Date(today.getTime() - (DAYS + 1) * DAY)]);
    if (patient.baseline.body_weight !== undefined)
      await tm.setSettings(physician, person.id, enrolmentId, {
        references: { body_weight: patient.baseline.body_weight },
        overrides: [],
        disabled: [],
        reason: 'Poids sec à la sortie de la dernière hospitalisation',
      });
    const device = await tm.addDevice(idec, {
      personId: person.id,
      label: patient.programme === 'diabetes' ? 'Lecteur de glycémie' : 'Balance et tensiomètre',
    });
    let series = all.filter((m) => m.personId === patient.id && Date.parse(m.at) < Date.now());
    if (k === 0) {
      // The first heart-failure resident gains weight over the last four mornings: an alert waits for triage.
      const base = patient.baseline.body_weight ?? 70;
      series = series.filter((m) => m.parameter !== 'body_weight' || Date.parse(m.at) < today.getTime() - 4 * DAY);
      for (const [d, gain] of [
        [4, 0.2],
        [3, 0.9],
        [2, 1.6],
        [1, 2.4],
      ] as const)
        series.push({
          personId: patient.id,
          parameter: 'body_weight',
          value: Math.round((base + gain) * 10) / 10,
          at: new Date(today.getTime() - d * DAY + 7 * 3_600_000).toISOString(),
        });
    }
    const report = await tm.ingest(
      { facilityId: ehpad.id, personId: person.id, deviceId: device.id, recordedBy: null },
      series.map((m, index) => ({ parameter: m.parameter, value: m.value, unit: PARAMETERS[m.parameter].unit, at: m.at, index })),
      'json',
    );
    measurements += report.accepted;
    alerts += report.alerts;
  }
  // Raised when each measurement arrived, not at seeding time.
  await db.query("UPDATE tm_alert SET created_at = at + interval '2 minutes' WHERE facility_id = $1 AND at + interval '2 minutes' < now()", [ehpad.id]);
  // Alerts older than two days were triaged at the time: a call, then closed.
  const old = await db.query<{ id: string }>("SELECT id FROM tm_alert WHERE facility_id = $1 AND status = 'open' AND at < $2 ORDER BY at", [
    ehpad.id,
    new Date(today.getTime() - 2 * DAY),
  ]);
  for (const [k, a] of old.entries()) {
    await tm.addAction(idec, a.id, 'phone_call', k % 2 ? 'Mesure refaite au calme, valeur normale.' : 'Essoufflement signalé, médecin traitant prévenu.', 8);
    await tm.close(idec, a.id, { outcome: k % 2 ? 'false_alarm' : 'confirmed', note: '' });
  }
  return { enrolled: people.length, measurements, alerts };
}
