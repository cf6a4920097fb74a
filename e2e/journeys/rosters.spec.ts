import { expect, expectAccessible, signIn, test } from '../support/fixtures.js';

// The demo's "today" is Monday 23 November 2026: the four weeks from then are published; the four from 21/12 wait for
// the head of care's decision.
const NEXT = '2026-12-21';

test('the head of care checks the proposed roster, breaks a rest rule by editing and sees it named, undoes it and publishes', async ({ page }) => {
  // a long journey (editing, re-evaluation, publishing, axe on every page): more time than the default on a busy machine
  test.slow();
  await signIn(page, 'cadre@demo.presence.fr');
  await page.goto(`/rosters?start=${NEXT}`);
  await expect(page.getByRole('heading', { name: 'Planning des équipes', level: 1 })).toBeVisible();
  await expect(page.getByText('Planning proposé')).toBeVisible();
  const grid = page.getByRole('table', { name: /Planning : agents en lignes/ });
  await expect(grid).toBeVisible();
  await expect(page.getByText('Publication impossible')).toHaveCount(0);
  await expectAccessible(page, 'roster grid');

  // Soir on Monday then Matin on Tuesday for the first (day) staff member: under 11 hours of rest.
  const row = grid.locator('tbody tr').first();
  await row.locator('td.roster-cell button').nth(0).click();
  await page.getByRole('button', { name: 'Mettre Soir' }).click();
  await row.locator('td.roster-cell button').nth(1).click();
  await page.getByRole('button', { name: 'Mettre Matin' }).click();
  await expect(page.getByText('Publication impossible tant que ces règles ne sont pas respectées :')).toBeVisible();
  await expect(page.getByText(/repos entre deux postes trop court/).first()).toBeVisible();
  await expect(row.locator('td.roster-cell').nth(1)).toHaveClass(/roster-flag-violation/);
  await expect(page.getByRole('button', { name: 'Valider et publier' })).toBeDisabled();

  await page.getByRole('button', { name: 'Annuler mes modifications' }).click();
  await expect(page.getByText('Publication impossible')).toHaveCount(0);
  await page.getByRole('button', { name: 'Valider et publier' }).click();
  await expect(page.getByText(/Planning publié : chaque agent le voit/)).toBeVisible();
});

test('the head of care runs the solver and watches it finish; the roster becomes a proposal', async ({ page }) => {
  await signIn(page, 'cadre@demo.presence.fr');
  await page.goto('/rosters?start=2027-01-18');
  await expect(page.getByText('Aucune proposition pour ce cycle. Lancez le calcul.')).toBeVisible();
  await page.getByLabel('Temps de recherche').selectOption('5');
  await page.getByRole('button', { name: 'Lancer le calcul' }).click();
  await expect(page.getByRole('progressbar', { name: 'Avancement du calcul' })).toBeVisible();
  await expect(page.getByText('Proposition prête : vérifiez-la ci-dessous.')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('table', { name: /Planning : agents en lignes/ })).toBeVisible();
  await expect(page.getByRole('img', { name: /Évolution du meilleur planning/ })).toBeVisible();
});

test('a care assistant sees her published shifts, gets them as iCalendar, and makes a request (a bad one is explained)', async ({ page }) => {
  await signIn(page, 'aide-soignante@demo.presence.fr');
  await page.goto('/my-roster?from=2026-11-23');
  await expect(page.getByRole('heading', { name: 'Mon planning', level: 1 })).toBeVisible();
  await expect(page.locator('.my-shift').first()).toBeVisible();
  const ics = await page.request.get('/api/rosters/me.ics');
  expect(ics.headers()['content-type']).toContain('text/calendar');
  expect(await ics.text()).toContain('BEGIN:VEVENT');
  await expectAccessible(page, 'my roster');

  await page.getByLabel('Date').fill('2020-01-06');
  await page.getByRole('button', { name: 'Faire la demande' }).click();
  await expect(page.getByText('Choisissez une date à venir.')).toBeVisible();
  const soon = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel('Date').fill(soon);
  await page.getByLabel('Commentaire (facultatif)').fill('Mariage de ma sœur');
  await page.getByRole('button', { name: 'Faire la demande' }).click();
  await expect(page.getByText('Demande enregistrée.')).toBeVisible();
  await expect(page.getByText(/Mariage de ma sœur/)).toBeVisible();
});

test('on a tablet, the published roster reads as a grid with the names frozen and the fairness figures beside them @tablet', async ({ page }) => {
  await signIn(page, 'cadre@demo.presence.fr');
  await page.goto('/rosters?start=2026-11-23');
  await expect(page.getByText(/Planning (modifié puis )?publié/)).toBeVisible();
  const grid = page.getByRole('table', { name: /Planning : agents en lignes/ });
  await expect(grid.getByRole('columnheader', { name: 'Heures / contrat' })).toBeVisible();
  await expect(grid.locator('tbody tr').first().locator('td.roster-cell button').first()).toBeDisabled();
  await expectAccessible(page, 'published roster on a tablet');
});
