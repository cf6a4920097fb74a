import { expect, expectAccessible, signIn, test } from '../support/fixtures.js';

test('a coordination nurse finds a resident and reads their record @tablet', async ({ page }) => {
  await signIn(page, 'idec@demo.presence.fr');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectAccessible(page, 'home (coordination nurse)');

  await page.getByRole('link', { name: 'Personnes accompagnées' }).first().click();
  await expect(page.getByRole('heading', { name: 'Personnes accompagnées', level: 1 })).toBeVisible();
  await expect(page.getByText(/^(80|81) personnes/)).toBeVisible();
  await expectAccessible(page, 'people list');

  await page.getByLabel('Rechercher').fill('Vial');
  await expect(page.getByText(/2 personnes/)).toBeVisible();
  await page.getByRole('link', { name: /VIAL Henri/ }).click();
  await expect(page.getByRole('heading', { name: 'Henri VIAL', level: 1 })).toBeVisible();
  await expect(page.getByText('Chambre 126')).toBeVisible();
  await expectAccessible(page, 'person page, identity');

  await page.getByRole('tab', { name: 'Profil' }).click();
  await expect(page.getByRole('tabpanel', { name: 'Profil' }).getByText('Histoire de vie')).toBeVisible();
  await expect(page.getByText(/Mâcon/)).toBeVisible();
  await expectAccessible(page, 'person page, profile');
  await page.getByRole('tab', { name: 'Capacités' }).click();
  await expectAccessible(page, 'person page, capacities');
  await page.getByRole('tab', { name: 'Proches' }).click();
  await expect(page.getByText('Catherine').first()).toBeVisible();
  await expectAccessible(page, 'person page, contacts');
  await page.getByRole('tab', { name: 'Projet personnalisé' }).click();
  await expectAccessible(page, 'person page, plan');

  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(page).toHaveURL(/\/login/);
});
