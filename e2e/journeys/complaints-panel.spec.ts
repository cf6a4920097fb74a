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

test('the nurse who has not taken the telemonitoring module is refused a decision, takes it, then decides; equity figures for the user representative', async ({
  page,
}) => {
  test.slow();
  await signIn(page, 'infirmier@demo.presence.fr');
  // A blood pressure taken during a visit raises an alert for the resident followed for hypertension.
  const panel = (await (await page.request.get('/api/telemonitoring/panel')).json()) as { personId: string; programme: string }[];
  const hta = panel.find((r) => r.programme === 'hypertension')!;
  const measured = await page.request.post(`/api/people/${hta.personId}/telemonitoring/measurements`, {
    data: { parameter: 'systolic', value: 235, at: new Date(Date.now() - 10 * 60_000).toISOString() },
  });
  expect(measured.status()).toBe(201);
  const queue = (await (await page.request.get('/api/telemonitoring/alerts')).json()) as { id: string; personId: string }[];
  const alert = queue.find((a) => a.personId === hta.personId)!;
  const refused = await page.request.post(`/api/telemonitoring/alerts/${alert.id}/close`, { data: { outcome: 'no_action_needed', note: '' } });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.message).toMatch(/AI-literacy module/);

  await page.goto('/literacy');
  await expect(page.getByText('Dans cet établissement, il faut avoir suivi le module d’une fonction pour décider de ses propositions.')).toBeVisible();
  await page.getByRole('link', { name: 'Alertes de télésurveillance' }).click();
  await expect(page.getByRole('heading', { name: 'Le biais d’automatisation' })).toBeVisible();
  // First try: one wrong answer — the module says which and why, nothing is recorded.
  await page.getByRole('radio', { name: 'Clore en fausse alerte sans rien faire' }).check();
  await page.getByRole('radio', { name: 'Je relis l’explication et je décide selon ce que je sais de la personne' }).check();
  await page.getByRole('radio', { name: 'Par le motif de refus, une note à l’IDEC ou une plainte liée à l’IA' }).check();
  await page.getByRole('button', { name: 'Valider mes réponses' }).click();
  await expect(page.getByText('2 bonne(s) réponse(s) sur 3. Relisez le module et réessayez.')).toBeVisible();
  await page.getByRole('radio', { name: 'Appeler ou voir la personne, faire refaire la mesure, puis décider' }).check();
  await page.getByRole('button', { name: 'Valider mes réponses' }).click();
  await expect(page.getByText('Module validé. Vous pouvez décider des propositions de cette fonction.')).toBeVisible();
  await page.screenshot(shot('literacy'));
  await expectAccessible(page, 'literacy module');
  const allowed = await page.request.post(`/api/telemonitoring/alerts/${alert.id}/close`, {
    data: { outcome: 'no_action_needed', note: 'Mesure refaite au calme' },
  });
  expect(allowed.status()).toBe(204);

  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await signIn(page, 'representant@demo.presence.fr');
  await page.goto('/equity');
  await expect(page.getByRole('heading', { name: 'Alertes de télésurveillance' })).toBeVisible();
  await expect(page.getByRole('rowheader', { name: 'Femmes' }).first()).toBeVisible();
  await page.screenshot(shot('equity'));
  await expectAccessible(page, 'equity figures');
});
