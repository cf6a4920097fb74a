import { expect, expectAccessible, signIn, test } from '../support/fixtures.js';

const shot = (name: string) => ({ path: `screenshots/voice-${name}.png`, fullPage: true });

test('a complaint about AI recorded by the secretary, answered by the director; a review-panel session drawn, reviewed, pseudonymised for the user representative', async ({
  page,
}) => {
  test.slow();
  // 1. The secretary records a complaint about the telemonitoring alerts, for a monitored resident.
  await signIn(page, 'secretariat@demo.presence.fr');
  const people = await (await page.request.get('/api/people?sort=lastName&limit=1&status=active')).json();
  const person = people.items[0] as { firstName: string; lastName: string };
  await page.goto('/complaints');
  await expect(page.getByRole('heading', { name: 'Chiffres pour le CVS' })).toBeVisible();
  await page.getByRole('button', { name: 'Enregistrer une plainte' }).click();
  await page.getByLabel('Nom de l’auteur').fill('Mme Leroy (fille)');
  await page.getByRole('combobox', { name: 'Personne concernée (facultatif)' }).click();
  await page.getByRole('option', { name: `${person.lastName.toUpperCase()} ${person.firstName}` }).click();
  await page.getByLabel('Objet').fill('Des activités proposées par l’ordinateur');
  await page.getByLabel('Ce qui est reproché').fill('Ma mère ne veut pas que ce soit un logiciel qui choisisse ses activités.');
  await page.getByRole('checkbox', { name: 'L’IA est en cause' }).check();
  await page.getByRole('checkbox', { name: 'Suggestions d’activités personnalisées' }).check();
  await page.getByRole('button', { name: 'Enregistrer la plainte' }).click();
  const row = page.getByRole('article', { name: 'Des activités proposées par l’ordinateur' });
  await expect(row.getByText('Reçue', { exact: true })).toBeVisible();
  await expect(row.getByText('IA', { exact: true })).toBeVisible();
  await page.screenshot(shot('complaints'));
  await expectAccessible(page, 'complaints');

  // 2. The director acknowledges and answers it.
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await signIn(page, 'directrice@demo.presence.fr');
  await page.goto('/complaints');
  const mine = page.getByRole('article', { name: 'Des activités proposées par l’ordinateur' });
  await mine.getByRole('button', { name: 'Ouvrir' }).click();
  await mine.getByRole('button', { name: 'Accuser réception' }).click();
  await expect(mine.getByText('Accusé de réception envoyé', { exact: true }).first()).toBeVisible();
  await mine.getByRole('button', { name: 'Répondre' }).click();
  await expect(mine.getByText(/réponse envoyée à l’auteur/i).first()).toBeVisible();
  await mine.getByLabel('Réponse envoyée à l’auteur').fill('Les activités proposées sont validées par l’animatrice ; vous pouvez vous y opposer.');
  await mine.getByRole('button', { name: 'Répondre' }).click();
  await expect(mine.getByText('Réponse envoyée', { exact: true }).first()).toBeVisible();

  // 3. A panel session: draw a sample of the telemonitoring alerts, check it draws again identically, a finding, an action.
  await page.goto('/panel');
  await expect(page.getByRole('link', { name: /Collège de garantie humaine — alertes de télésurveillance/ })).toBeVisible();
  await page.getByLabel('Intitulé').fill('Collège de décembre');
  await page.getByRole('checkbox', { name: /Monique Girard/ }).check();
  await page.getByRole('button', { name: 'Créer la séance' }).click();
  await page
    .getByRole('status')
    .getByRole('link', { name: /Collège de décembre/ })
    .click();
  await page.getByRole('combobox', { name: 'Fonction d’IA' }).click();
  await page.getByRole('option', { name: 'Alertes de télésurveillance' }).click();
  await page.getByRole('button', { name: 'Tirer', exact: true }).click();
  await expect(page.getByText(/propositions décidées · \d+ dans l’échantillon · tirage strat-v1/)).toBeVisible();
  await page.getByRole('button', { name: 'Refaire le tirage pour vérifier' }).click();
  await expect(page.getByText('Le même tirage donne les mêmes propositions.')).toBeVisible();
  const item = page.getByRole('article').first();
  await item.getByRole('radio', { name: 'Problème' }).check();
  await item.getByRole('combobox', { name: 'Nature du problème' }).click();
  await page.getByRole('option', { name: 'Explication peu claire' }).click();
  await item.getByRole('button', { name: 'Enregistrer le constat' }).click();
  await expect(item.getByText(/Constat de Hélène Marchand .* : Problème — Explication peu claire/)).toBeVisible();
  await page.getByLabel('Description').fill('Expliquer la ligne de base personnelle dans chaque alerte de tendance.');
  await page.getByLabel('Responsable').fill('Équipe produit');
  await page.getByRole('button', { name: 'Ajouter l’action' }).click();
  await expect(page.getByText(/Ajuster — Expliquer la ligne de base personnelle/)).toBeVisible();
  await expect(page.getByRole('link', { name: 'Procès-verbal (PDF)' })).toHaveAttribute('href', /\/minutes\.pdf$/);
  await page.screenshot(shot('session'));
  await expectAccessible(page, 'panel session');
  const url = page.url();
  const session = await (await page.request.get(`/api${new URL(url).pathname.replace('/panel/', '/panel/sessions/')}`)).json();
  const named = session.samples[0].items[0].person as string;
  expect(named).not.toMatch(/^Personne /);

  // 4. The user representative reviews the same session under pseudonyms.
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await signIn(page, 'representant@demo.presence.fr');
  await page.goto(url);
  await expect(page.getByText('Vous voyez les personnes sous un code : votre rôle ne donne pas accès aux noms.')).toBeVisible();
  await expect(page.getByText(/Personne [0-9A-F]{4}/).first()).toBeVisible();
  await expect(page.getByText(named)).toHaveCount(0);
  await page.screenshot(shot('session-representative'));
  await expectAccessible(page, 'panel session, pseudonymised');
});
