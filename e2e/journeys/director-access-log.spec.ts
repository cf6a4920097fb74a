import { expect, expectAccessible, signIn, test } from '../support/fixtures.js';

test('the director sees who opened a record, and can switch the interface to English', async ({ page, browser }) => {
  // A nurse opens Henri Vial's record first.
  const nurse = await browser.newPage();
  await signIn(nurse, 'infirmier@demo.presence.fr');
  await nurse.getByRole('link', { name: 'Personnes accompagnées' }).first().click();
  await nurse.getByLabel('Rechercher').fill('Vial');
  await nurse.getByRole('link', { name: /VIAL Henri/ }).click();
  await expect(nurse.getByRole('heading', { name: 'Henri VIAL' })).toBeVisible();
  await nurse.close();

  await signIn(page, 'directrice@demo.presence.fr');
  await page.getByRole('link', { name: 'Personnes accompagnées' }).first().click();
  await page.getByLabel('Rechercher').fill('Vial');
  await page.getByRole('link', { name: /VIAL Henri/ }).click();
  await page.getByRole('link', { name: 'Journal des accès' }).click();
  await expect(page.getByRole('heading', { name: /Journal des accès — Henri Vial/i })).toBeVisible();
  await expect(page.getByRole('cell', { name: /Infirmier/ }).first()).toBeVisible();
  await expectAccessible(page, 'access log');

  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { name: /Access log/i })).toBeVisible();
  await expectAccessible(page, 'access log in English');
});
