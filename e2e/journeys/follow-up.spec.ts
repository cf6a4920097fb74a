import { expect, expectAccessible, signIn, test } from '../support/fixtures.js';

/** Screenshots a reviewer looks at (gitignored). */
const shot = (name: string) => ({ path: `screenshots/follow-up-${name}.png`, fullPage: true });

test('following a resident’s needs: notes timeline, an assessment, an appointment slot chosen among proposals, the synthesis with its sources', async ({
  page,
}) => {
  test.slow();
  await signIn(page, 'idec@demo.presence.fr');
  // The resident the demo wrote notes about: first by last name in the EHPAD.
  const people = await (await page.request.get('/api/people?sort=lastName&limit=1&status=active')).json();
  const person = people.items[0] as { id: string; firstName: string; lastName: string };
  await page.goto(`/people/${person.id}?tab=notes`);

  // 1. The timeline: notes with the analyser's signals, a fall pattern proposed.
  await expect(page.getByRole('heading', { name: 'Transmissions', level: 2 })).toBeVisible();
  await expect(page.getByText(/devant l’ascenseur, dit avoir glissé/)).toBeVisible();
  await expect(page.getByRole('group', { name: 'Cibles proposées par l’IA' }).first()).toBeVisible();
  await page.screenshot(shot('timeline'));
  await expectAccessible(page, 'notes timeline');

  // 2. Assessments: the AGGIR history, and a Mini-GDS recorded (the score is the rules').
  await page.getByRole('tab', { name: 'Évaluations' }).click();
  await expect(page.getByRole('heading', { name: 'Historique des évaluations' })).toBeVisible();
  await expect(page.getByText(/^GIR \d \(rang \d+\)$/).first()).toBeVisible();
  await page.getByRole('combobox', { name: 'Échelle' }).click();
  await page.getByRole('option', { name: 'Mini-GDS' }).click();
  for (const [k, answer] of [
    [0, 'Non'],
    [1, 'Non'],
    [2, 'Oui'],
    [3, 'Non'],
  ] as const)
    await page
      .locator(`[aria-labelledby="q-mini-gds-q${k + 1}"]`)
      .getByText(answer, { exact: true })
      .click();
  await page.getByRole('button', { name: 'Enregistrer l’évaluation' }).click();
  await expect(page.getByRole('status').getByText('Mini-GDS 0/4 — pas de suspicion de dépression')).toBeVisible();
  await page.screenshot(shot('assessments'));
  await expectAccessible(page, 'assessments');

  // 3. Appointments: the X-ray with its transport, conflicts and stored reminders; slots proposed for a new one.
  await page.getByRole('tab', { name: 'Rendez-vous' }).click();
  await expect(page.getByText(/Radiographie de la hanche/)).toBeVisible();
  await expect(page.getByText(/Ambulance · trajet 25 min/)).toBeVisible();
  await page.getByRole('heading', { name: 'Chercher un créneau' }).scrollIntoViewIfNeeded();
  const finder = page.locator('.mantine-Card-root').filter({ has: page.getByRole('heading', { name: 'Chercher un créneau' }) });
  await finder.getByLabel('Intitulé').fill('Ophtalmologue — Dr Lemoine');
  await finder.getByText('Matin', { exact: true }).click();
  await finder.getByRole('button', { name: 'Proposer des créneaux' }).click();
  await expect(finder.getByText('Proposé par l’IA — à choisir par un professionnel')).toBeVisible();
  await page.screenshot(shot('slots'));
  await expectAccessible(page, 'slot suggestions');
  await finder.getByRole('button', { name: 'Choisir ce créneau' }).nth(1).click();
  await expect(page.getByText('Ophtalmologue — Dr Lemoine').first()).toBeVisible();
  await expect(page.getByText(/Proposé par l’IA · (modifié et )?validé par Isabelle Morel/).first()).toBeVisible();
  await page.screenshot(shot('appointments'));
  await expectAccessible(page, 'appointments');

  // 4. The synthesis prepared for the team meeting: sections, sources, the proposal to validate.
  await page.getByRole('tab', { name: 'Synthèse' }).click();
  await expect(page.getByRole('heading', { name: /Synthèse du/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Signes relevés dans les transmissions' })).toBeVisible();
  await expect(page.getByText(/Chute : \d transmissions sur la période/)).toBeVisible();
  await expect(page.getByText(/« Mme souhaite retourner au jardin quand il fera beau »/)).toBeVisible();
  await expect(page.getByRole('link', { name: /Source : transmission/ }).first()).toBeVisible();
  await page.screenshot(shot('synthesis'));
  await expectAccessible(page, 'synthesis');
  // A source link opens the very note the sentence comes from.
  await page
    .getByRole('listitem')
    .filter({ hasText: /^Chute : / })
    .getByRole('link')
    .first()
    .click();
  await expect(page.getByRole('tab', { name: 'Transmissions', selected: true })).toBeVisible();
  await expect(page.locator('.note-card:focus')).toContainText(/dans la salle de bain ce matin/);
  await page.getByRole('tab', { name: 'Synthèse' }).click();
  await page.getByRole('link', { name: /Ouvrir la proposition/ }).click();
  await page.getByRole('button', { name: 'Accepter', exact: true }).click();
  await page.getByRole('button', { name: 'Confirmer l’acceptation' }).click();
  await expect(page.getByText('Votre décision est enregistrée.')).toBeVisible();
  await page.goto(`/people/${person.id}?tab=synthesis`);
  await expect(page.getByText(/Validée par Isabelle Morel/)).toBeVisible();
});
