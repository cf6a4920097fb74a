import { expect, expectAccessible, signIn, test } from '../support/fixtures.js';

const shot = (name: string, project: string) => ({ path: `screenshots/surveys-${name}-${project}.png`, fullPage: true });

test('a resident answers the FALC questionnaire on the tablet; the director reads the results, regroups an open answer, and downloads the usage report @tablet', async ({
  page,
}, testInfo) => {
  test.slow();
  const project = testInfo.project.name;
  // 1. A care assistant hands the tablet to a resident who has not answered yet (each project its own resident).
  await signIn(page, 'aide-soignante@demo.presence.fr');
  const people = await (await page.request.get('/api/people?sort=lastName&limit=500&status=active')).json();
  const items = people.items as { firstName: string; lastName: string }[];
  const resident = items[items.length - 1 - (project === 'tablet' ? 1 : 0)]!;
  await page.goto('/surveys');
  const campaign = page.getByRole('region', { name: 'Votre avis sur votre accompagnement — automne' });
  await campaign.getByRole('link', { name: 'Faire répondre sur la tablette' }).click();
  await expect(page.getByRole('heading', { name: 'Votre avis sur votre accompagnement', level: 1 })).toBeVisible();
  await expect(page.getByText('Je lis chaque phrase.')).toBeVisible();
  await page.getByRole('combobox', { name: 'Résident qui répond' }).click();
  await page.getByRole('option', { name: `${resident.lastName.toUpperCase()} ${resident.firstName}` }).click();
  const q1 = page.getByRole('group', { name: /Les professionnels m’écoutent/ });
  await q1.getByRole('radio', { name: 'Oui' }).click();
  await expect(q1.getByRole('radio', { name: 'Oui' })).toBeChecked();
  await page
    .getByRole('group', { name: /ont du temps pour moi/ })
    .getByRole('radio', { name: 'Un peu' })
    .click();
  await page
    .getByRole('group', { name: /dire non/ })
    .getByRole('radio', { name: 'Oui' })
    .click();
  const wish = `J’aimerais plus de temps pour parler le soir (${project})`;
  await page.getByRole('textbox', { name: 'Qu’est-ce qui me ferait plaisir ?' }).fill(wish);
  await page.screenshot(shot('tablet', project));
  await expectAccessible(page, 'survey answer');
  await page.getByRole('button', { name: 'Envoyer mes réponses' }).click();
  await expect(page.getByRole('status').getByText('Réponse enregistrée. Merci !')).toBeVisible();
  await expect(page.getByText(/passer la tablette à la personne suivante/)).toBeVisible();

  // The same resident cannot answer twice: the server refuses, naming who.
  const again = await page.request.get('/api/surveys');
  const autumn = ((await again.json()) as { id: string; title: string }[]).find((c) => c.title === 'Votre avis sur votre accompagnement — automne')!;
  const all = await (await page.request.get('/api/people?sort=lastName&limit=500&status=active')).json();
  const id = (all.items as { id: string; lastName: string; firstName: string }[]).find(
    (p) => p.lastName === resident.lastName && p.firstName === resident.firstName,
  )!.id;
  const dup = await page.request.post(`/api/surveys/${autumn.id}/responses`, {
    data: { channel: 'tablet', respondent: { personId: id }, answers: { listened: 2 } },
  });
  expect(dup.status()).toBe(409);

  // 2. The director reads the results: over time with the tool versions, the open answer under its theme, moved.
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await signIn(page, 'directrice@demo.presence.fr');
  await page.goto('/surveys');
  await page.getByRole('region', { name: 'Votre avis sur votre accompagnement — automne' }).getByRole('link', { name: 'Résultats' }).click();
  await expect(page.getByRole('table', { name: /Réponses favorables dans le temps — résidents/ })).toBeVisible();
  await expect(page.getByRole('row', { name: /Votre avis — printemps/ })).toBeVisible();
  const answer = page.getByRole('listitem').filter({ hasText: wish });
  await expect(answer.getByText('Classée d’après le mot « temps »')).toBeVisible();
  const theme = `Moments de parole ${project}`;
  await page.getByRole('region', { name: 'Qu’est-ce qui vous ferait plaisir ou qui vous manque ?' }).getByLabel('Nouveau thème').fill(theme);
  await page.getByRole('button', { name: 'Ajouter le thème' }).click();
  await expect(page.getByRole('heading', { name: `${theme} (0) · ajouté par l’équipe` })).toBeVisible();
  await answer.getByRole('combobox', { name: 'Thème' }).selectOption({ label: theme });
  const moved = page.getByRole('listitem').filter({ hasText: wish });
  await expect(moved.getByText('Classée par l’équipe')).toBeVisible();
  await expect(page.getByRole('heading', { name: `${theme} (1) · ajouté par l’équipe` })).toBeVisible();
  const csv = await page.request.get(
    await page
      .getByRole('link', { name: 'Exporter les réponses (CSV)' })
      .getAttribute('href')
      .then((h) => h!),
  );
  expect(await csv.text()).toContain(wish);
  await page.screenshot(shot('results', project));
  await expectAccessible(page, 'survey results');

  // 3. Time given back and the usage report.
  await page.goto('/time');
  await expect(page.getByRole('table', { name: /Temps administratif mesuré dans l’outil/ })).toBeVisible();
  await expect(page.getByText(/propositions des outils d’IA/)).toBeVisible();
  const pdfHref = await page.getByRole('link', { name: 'Télécharger le bilan (PDF)' }).getAttribute('href');
  const pdf = await page.request.get(pdfHref!);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
  await page.screenshot(shot('time', project));
  await expectAccessible(page, 'time given back');
});
