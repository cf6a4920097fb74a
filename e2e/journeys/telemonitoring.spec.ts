import { expect, expectAccessible, signIn, test } from '../support/fixtures.js';

/** Screenshots a reviewer looks at (gitignored). */
const shot = (name: string) => ({ path: `screenshots/telemonitoring-${name}.png`, fullPage: true });

interface PanelRow {
  personId: string;
  name: string;
  programme: string;
  status: string;
}

test('telemonitoring: a weight-gain alert explained with its plot, a new alert arriving live, triage (acknowledge, call, close), charts and manual entry', async ({
  page,
}) => {
  test.slow();
  await signIn(page, 'idec@demo.presence.fr');
  const panel = (await (await page.request.get('/api/telemonitoring/panel')).json()) as PanelRow[];
  const gaining = panel.find((r) => r.status === 'alert' && r.programme === 'heart_failure')!;
  const copd = panel.find((r) => r.programme === 'copd')!;
  expect(gaining).toBeDefined();

  // 1. The queue: the demo's weight-gain alert, explained (rule, points, reference) with its plot; live updates on.
  await page.goto('/telemonitoring');
  await expect(page.getByText(/^● Mise à jour en direct$/)).toBeVisible();
  const card = page.getByRole('article').filter({ hasText: gaining.name }).filter({ hasText: 'Poids · Variation' });
  await expect(card.getByRole('paragraph').filter({ hasText: /^Poids \+\d,\d kg en 3 jours/ })).toBeVisible();
  await expect(card.getByText(/Variation : hausse du poids d'au moins 2,0 kg en 3 jours/)).toBeVisible();
  await expect(card.getByRole('img', { name: new RegExp(`Poids — ${gaining.name}`) })).toBeVisible();
  await expect(card.getByText('Nouvelle', { exact: true })).toBeVisible();
  await page.screenshot(shot('queue'));
  await expectAccessible(page, 'triage queue');

  // 2. A measurement arrives while the nurse looks at the queue: the alert appears without reloading (server-sent events).
  const at = new Date(Date.now() - 5 * 60_000).toISOString();
  const sent = await page.request.post(`/api/people/${copd.personId}/telemonitoring/measurements`, { data: { parameter: 'spo2', value: 84, at } });
  expect(sent.status()).toBe(201);
  const live = page.getByRole('article').filter({ hasText: copd.name }).filter({ hasText: 'Saturation en oxygène (SpO2) · Seuil' });
  await expect(live).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Nouvelle alerte dans la file de tri.' })).toBeAttached();

  // 3. Triage of the weight alert: acknowledge, record the call, close as confirmed (the proposal's decision).
  await card.getByRole('button', { name: 'Prendre en compte' }).click();
  await expect(card.getByText('Prise en compte', { exact: true })).toBeVisible();
  await expect(card.getByText(/Prise en compte par Isabelle Morel/)).toBeVisible();
  await card.getByRole('button', { name: 'Noter une action' }).click();
  await card.getByRole('combobox', { name: 'Action' }).click();
  await page.getByRole('option', { name: 'Appel téléphonique' }).click();
  await card.getByLabel('Ce qui a été dit ou fait (facultatif)').fill('Chevilles gonflées, essoufflée à l’effort. Médecin prévenu.');
  await card.getByRole('button', { name: 'Enregistrer l’action' }).click();
  await expect(card.getByText(/Appel téléphonique \(Isabelle Morel\) : Chevilles gonflées/)).toBeVisible();
  await card.getByRole('button', { name: 'Clore l’alerte' }).click();
  await card.getByRole('radio', { name: 'Alerte confirmée' }).check();
  await card.getByRole('button', { name: 'Clore avec cette issue' }).click();
  await expect(card).toHaveCount(0);
  await page.getByRole('tab', { name: 'Alertes closes' }).click();
  const closed = page.getByRole('article').filter({ hasText: gaining.name }).filter({ hasText: 'Poids · Variation' }).first();
  await expect(closed.getByText(/Close le .* : Alerte confirmée/)).toBeVisible();

  // 4. The panel of monitored people.
  await page.getByRole('tab', { name: 'Personnes suivies' }).click();
  const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: copd.name }) });
  await expect(row.getByText('Alerte à trier')).toBeVisible();
  await page.screenshot(shot('panel'));
  await expectAccessible(page, 'monitored people');

  // 5. The person's charts (thresholds, reference, alerts), and a weight entered by hand during a visit.
  await page.getByRole('link', { name: gaining.name }).click();
  await expect(page.getByRole('tab', { name: 'Télésurveillance', selected: true })).toBeVisible();
  await expect(page.getByRole('img', { name: /^Poids \(kg\)/ })).toBeVisible();
  await expect(page.getByText(/Référence \d+,\d/).first()).toBeAttached();
  await expect(page.getByRole('heading', { name: 'Règles en vigueur' })).toBeVisible();
  await page.getByText('Voir les valeurs : Poids').click();
  await expect(page.getByRole('table', { name: 'Poids' })).toBeVisible();
  await page.getByRole('textbox', { name: /^Valeur/ }).fill('88,4');
  await page.getByRole('button', { name: 'Enregistrer la mesure' }).click();
  await expect(page.getByRole('status').getByText(/Mesure enregistrée\./)).toBeVisible();
  await page.screenshot(shot('person'));
  await expectAccessible(page, 'person telemonitoring');
});

test('telemonitoring queue and a person’s charts on a tablet @tablet', async ({ page }) => {
  await signIn(page, 'idec@demo.presence.fr');
  await page.goto('/telemonitoring');
  await expect(page.getByRole('heading', { name: 'Télésurveillance', level: 1 })).toBeVisible();
  await expect(page.getByRole('article').first()).toBeVisible();
  await page.screenshot(shot('queue-tablet'));
  await expectAccessible(page, 'triage queue on a tablet');
  await page.getByRole('tab', { name: 'Personnes suivies' }).click();
  await page.getByRole('table').getByRole('link').first().click();
  await expect(page.getByRole('img', { name: /\(kg\)|\(mmHg\)|\(%\)|\(mg\/dL\)/ }).first()).toBeVisible();
  await page.screenshot(shot('person-tablet'));
  await expectAccessible(page, 'person charts on a tablet');
});
