import { expect, expectAccessible, signIn, test } from '../support/fixtures.js';

test('the director reads the AI register and the guarantee figures', async ({ page }) => {
  await signIn(page, 'directrice@demo.presence.fr');
  await page.getByRole('link', { name: 'Registre de l’IA' }).first().click();
  await expect(page.getByRole('heading', { name: 'Registre de l’IA', level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Suggestions d’activités personnalisées', level: 2 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Planification hebdomadaire des activités', level: 2 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Planning du personnel soignant', level: 2 })).toBeVisible();
  // one switch per feature, each on
  await expect(page.getByRole('switch', { name: 'Fonction activée' })).toHaveCount(7);
  for (const s of await page.getByRole('switch', { name: 'Fonction activée' }).all()) await expect(s).toBeChecked();
  await expectAccessible(page, 'AI register (director)');

  await page.goto('/ai/figures');
  await expect(page.getByRole('heading', { name: 'Chiffres de la garantie humaine', level: 1 })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: /Suggestions d’activités personnalisées/ })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: /Planification hebdomadaire des activités/ })).toBeVisible();
  await expectAccessible(page, 'AI figures');
});

test('the user representative sees aggregates and the register, never a record', async ({ page }) => {
  await signIn(page, 'representant@demo.presence.fr');
  await expectAccessible(page, 'home (user representative)');
  await page.goto('/ai');
  await expect(page.getByRole('heading', { name: 'Registre de l’IA', level: 1 })).toBeVisible();
  await expect(page.getByRole('switch', { name: 'Fonction activée' })).toHaveCount(0);
  await expectAccessible(page, 'AI register (user representative)');
  const res = await page.request.get('/api/people');
  expect(res.status()).toBe(403);
});
