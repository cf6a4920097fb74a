import { expect, expectAccessible, signIn, test } from '../support/fixtures.js';

test('a relative sees only the people they follow @tablet', async ({ page }) => {
  await signIn(page, 'proche@demo.presence.fr');
  await expect(page.getByRole('link', { name: /Henri/ }).first()).toBeVisible();
  await expect(page.getByRole('link', { name: /Jeanne/ }).first()).toBeVisible();
  await expectAccessible(page, 'relative home');
  await page
    .getByRole('link', { name: /Jeanne/ })
    .first()
    .click();
  await expect(page.getByRole('heading', { name: 'Jeanne VIAL', level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Modifier l’identité' })).toHaveCount(0);
  await expectAccessible(page, 'relative view of a person');

  // Another resident's record is not reachable, even by its address.
  const res = await page.request.get('/api/people?limit=500');
  const body = (await res.json()) as { total: number };
  expect(body.total).toBe(2);
});
