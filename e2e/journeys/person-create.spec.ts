import { expect, expectAccessible, signIn, test } from '../support/fixtures.js';

test('the secretary admits a new resident; a wrong date is flagged on its field and nothing is saved', async ({ page }) => {
  await signIn(page, 'secretariat@demo.presence.fr');
  await page.goto('/people/new');
  await expect(page.getByRole('heading', { name: 'Nouvelle personne accompagnée', level: 1 })).toBeVisible();
  await expectAccessible(page, 'new person form');

  await page.getByLabel('Prénom').fill('Odette');
  await page.getByLabel('Nom d’usage').fill('Lemaire');
  await page.getByLabel('Date de naissance').fill('2099-03-02');
  await page.getByLabel('Date d’admission').fill('2026-11-02');
  await page.getByLabel('Chambre').fill('246');
  await page.getByLabel('Sexe').selectOption({ label: 'Femme' });
  await page.getByRole('button', { name: 'Créer la fiche' }).click();
  await expect(page.getByText('La date de naissance ne peut pas être dans le futur.')).toBeVisible();
  await expectAccessible(page, 'new person form with errors');

  await page.getByLabel('Date de naissance').fill('1937-03-02');
  await page.getByRole('button', { name: 'Créer la fiche' }).click();
  await expect(page.getByRole('heading', { name: 'Odette LEMAIRE', level: 1 })).toBeVisible();
  await expect(page.getByText('Chambre 246')).toBeVisible();
});
