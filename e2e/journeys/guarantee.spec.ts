import { expect, expectAccessible, signIn, test } from '../support/fixtures.js';

test('a coordination nurse amends an AI proposal; a relative reads the FALC notice and objects; the next proposal is refused', async ({ page, browser }) => {
  // 1. The coordination nurse opens the inbox and reads the explanation of a pending proposal.
  await signIn(page, 'idec@demo.presence.fr');
  await page
    .getByRole('link', { name: /Propositions/ })
    .first()
    .click();
  await expect(page.getByRole('heading', { name: 'Propositions', level: 1 })).toBeVisible();
  await expectAccessible(page, 'proposals inbox');
  await page.getByRole('link', { name: /activités suggérées pour Henri Vial/ }).click();
  await expect(page.getByRole('heading', { name: /activités suggérées pour Henri Vial/, level: 1 })).toBeVisible();
  await expect(page.getByText(/Activités classées d’après les centres d’intérêt/)).toBeVisible();
  await expectAccessible(page, 'proposal detail');

  // 2. She amends it: keeps the first three activities, with a reason.
  await page.getByRole('button', { name: 'Modifier', exact: true }).click();
  const keep = page.getByRole('group', { name: /Activités à garder/ }).getByRole('checkbox');
  const count = await keep.count();
  expect(count).toBeGreaterThan(3);
  for (let i = 3; i < count; i++) await keep.nth(i).uncheck();
  await page.getByLabel('Motif').fill('Trois activités suffisent : M. Vial se fatigue vite.');
  await page.getByRole('button', { name: 'Valider la modification' }).click();
  await expect(page.getByText('Votre décision est enregistrée.')).toBeVisible();

  // 3. The effect appears on the person's record, labelled with her name.
  await page.getByRole('link', { name: 'Personnes accompagnées' }).first().click();
  await page.getByLabel('Rechercher').fill('Vial');
  await page.getByRole('link', { name: /VIAL Henri/ }).click();
  await page.getByRole('tab', { name: 'Activités' }).click();
  await expect(page.getByText(/Proposé par l’IA · modifié et validé par Isabelle Morel le \d\d\/\d\d\/\d{4}/)).toBeVisible();
  await expect(page.getByRole('list', { name: /Activités suggérées/ }).getByRole('listitem')).toHaveCount(3);
  await expectAccessible(page, 'person activities with AI label');

  // 4. A relative opens the FALC notice in the portal and objects to the feature.
  const relativeContext = await browser.newContext();
  const relative = await relativeContext.newPage();
  await signIn(relative, 'proche@demo.presence.fr');
  await relative.getByRole('link', { name: /Henri/ }).first().click();
  await relative.getByRole('tab', { name: 'IA et droits' }).click();
  await expect(relative.getByText('Cet outil propose des activités pour vous.').first()).toBeVisible();
  await expectAccessible(relative, 'FALC notice in the relative portal');
  await relative.getByRole('button', { name: 'Dire non à Suggestions d’activités personnalisées' }).click();
  await expect(relative.getByText(/Vous avez dit non à cet outil/).first()).toBeVisible();

  // 5. The next proposal for that person is refused, and says why.
  await page.reload();
  await page.getByRole('tab', { name: 'Activités' }).click();
  await page.getByRole('button', { name: 'Proposer des activités avec l’IA' }).click();
  await expect(page.getByText('La personne s’est opposée à cette fonction d’IA.')).toBeVisible();

  // 6. The notice says so, in plain words.
  await relative.reload();
  await expect(relative.getByText('L’outil ne fait plus de proposition pour vous.').first()).toBeVisible();
  await relativeContext.close();
});
