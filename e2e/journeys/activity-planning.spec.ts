import { expect, expectAccessible, signIn, test } from '../support/fixtures.js';

// The demo's "today" is Monday 23 November 2026: its plan waits for the activity leader; last week's is published.
const WEEK = '2026-11-23';

test('an activity leader checks the proposed week, sees a conflict when dragging, edits, publishes, records attendance and prints the programme', async ({
  page,
}) => {
  // a long journey (editing, re-evaluation, publishing, axe on every page): more time than the default on a busy machine
  test.slow();
  await signIn(page, 'animatrice@demo.presence.fr');
  await page.goto(`/planning?week=${WEEK}`);
  await expect(page.getByRole('heading', { name: 'Planning des activités', level: 1 })).toBeVisible();
  await expect(page.getByText('Programme proposé par l’IA — à vérifier')).toBeVisible();
  await expect(page.getByText(/Aucune contrainte violée/)).toBeVisible();
  await expectAccessible(page, 'planning calendar');

  // 1. Dragging a session onto Saturday morning (no slot there) does nothing; onto Saturday afternoon, when no leader
  //    with the skill works, the live check flags a conflict and publishing is blocked.
  const cards = page.getByTestId('session-card');
  const before = await cards.count();
  expect(before).toBeGreaterThan(5);
  // A weekday-afternoon session, dragged along its row to Saturday afternoon (both cells in view).
  const first = page.locator('td[data-slot$="-pm"]:not([data-slot="sam-pm"])').getByTestId('session-card').first();
  const title = (await first.locator('.session-title').textContent())!.trim();
  const target = page.locator('td[data-slot="sam-pm"]');
  await target.scrollIntoViewIfNeeded();
  await first.dragTo(target);
  await expect(target.getByText(title)).toBeVisible();
  // The check runs on every change: either it still holds, or the conflict is named and publishing is blocked.
  const conflict = page.getByText(/contraintes? violées?/);
  const fine = page.getByText(/Aucune contrainte violée/);
  await expect(conflict.or(fine)).toBeVisible();
  if (await conflict.isVisible()) await expect(page.getByRole('button', { name: 'Publier le programme modifié' })).toBeDisabled();
  await page.getByRole('button', { name: 'Annuler mes modifications' }).click();
  await expect(fine).toBeVisible();

  // A session added by hand starts empty: the check says it lacks participants until people are invited.
  await page.getByRole('button', { name: 'Ajouter au planning' }).click();
  await expect(cards).toHaveCount(before + 1);
  await expect(page.getByText('Pas assez de participants').first()).toBeVisible();
  await page.getByRole('button', { name: 'Annuler mes modifications' }).click();
  await expect(cards).toHaveCount(before);

  // 2. Keyboard-friendly editing: open a session, remove one person, remove another session.
  const opened = cards.first().locator('.session-title');
  const openedTitle = (await opened.textContent())!.trim();
  await opened.click();
  await expect(page.getByRole('heading', { name: `Invités : ${openedTitle}` })).toBeVisible();
  await page.getByRole('button', { name: 'Retirer', exact: true }).first().click();
  await page
    .getByRole('button', { name: /Retirer la séance/ })
    .last()
    .click();
  await expect(cards).toHaveCount(before - 1);
  await expect(page.getByText(/Aucune contrainte violée/)).toBeVisible();

  // 3. Publishing an edited plan needs a reason.
  await page.getByRole('button', { name: 'Publier le programme modifié' }).click();
  await expect(page.getByText('Indiquez le motif de la modification.')).toBeVisible();
  await page.getByLabel(/Motif de la modification/).fill('Une séance de moins : sortie au marché de Noël jeudi.');
  await page.getByRole('button', { name: 'Publier le programme modifié' }).click();
  await expect(page.getByText('Programme modifié puis publié.')).toBeVisible();

  // 4. Attendance after a session.
  await page.getByRole('link', { name: 'Séances et présences' }).click();
  await expect(page.getByRole('heading', { name: 'Séances et présences', level: 1 })).toBeVisible();
  const session = page.locator('section').first();
  await expect(session.getByText(/Proposé par l’IA · modifié et validé par Camille Roussel/)).toBeVisible();
  await session
    .locator('label', { hasText: /^Présent$/ })
    .first()
    .click();
  await expect(session.getByRole('radio', { name: 'Présent' }).first()).toBeChecked();
  await session
    .getByLabel(/^Engagement de /)
    .first()
    .selectOption('3');
  await session.getByRole('button', { name: 'Enregistrer les présences' }).click();
  await expect(session.getByText('1 présence enregistrée.')).toBeVisible();
  await expectAccessible(page, 'sessions and attendance');

  // 5. The programme in large print, with its AI note.
  await page.goto(`/programme?week=${WEEK}`);
  await expect(page.getByRole('heading', { name: /Programme des activités du 23\/11\/2026 au 29\/11\/2026/ })).toBeVisible();
  await expect(page.getByText(/Programme préparé avec l’aide d’un outil d’IA, vérifié et publié par Camille Roussel/)).toBeVisible();
  await expectAccessible(page, 'printable programme');
});

test('the activity leader runs the planner for next week and watches it finish', async ({ page }) => {
  await signIn(page, 'animatrice@demo.presence.fr');
  await page.goto('/planning?week=2026-11-30');
  await expect(page.getByText('Aucune proposition pour cette semaine. Lancez le planificateur.')).toBeVisible();
  await page.getByLabel('Temps de recherche').selectOption('5');
  await page.getByRole('button', { name: 'Lancer le planificateur' }).click();
  await expect(page.getByText(/Meilleure valeur trouvée|Démarrage/)).toBeVisible();
  await expect(page.getByText('Proposition prête : vérifiez-la ci-dessous.')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('Programme proposé par l’IA — à vérifier')).toBeVisible();
  await expect(page.getByTestId('session-card').first()).toBeVisible();
});

test("on a tablet, last week's programme and attendance read well @tablet", async ({ page }) => {
  await signIn(page, 'animatrice@demo.presence.fr');
  await page.goto('/programme?week=2026-11-16');
  await expect(page.getByRole('heading', { name: /Programme des activités du 16\/11\/2026/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: /Lundi 16\/11\/2026/ })).toBeVisible();
  await expectAccessible(page, 'programme on a tablet');
  await page.goto('/sessions?week=2026-11-16');
  await expect(page.getByText('Temps passé avec les personnes')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('radio', { name: 'Présent' }).first()).toBeChecked();
});

test('an activity leader edits the catalogue; a bad group size is refused with the field named', async ({ page }) => {
  await signIn(page, 'animatrice@demo.presence.fr');
  await page.goto('/activities');
  await expect(page.getByRole('heading', { name: 'Catalogue d’activités', level: 1 })).toBeVisible();
  await page.getByLabel('Rechercher une activité').fill('Loto des odeurs');
  await page.getByRole('button', { name: 'Modifier « Loto des odeurs »' }).click();
  const form = page.getByRole('form', { name: 'Modifier « Loto des odeurs »' });
  await form.getByLabel('Participants minimum').fill('12');
  await form.getByLabel('Participants maximum').fill('4');
  await form.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(form.getByText('Le maximum doit être au moins égal au minimum de participants.')).toBeVisible();
  await expect(form.locator('[aria-invalid="true"]')).toHaveCount(1);
  await form.getByLabel('Participants minimum').fill('3');
  await form.getByLabel('Durée (minutes)').fill('40');
  await form.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(form).toBeHidden();
  await expect(page.getByRole('row', { name: /Loto des odeurs/ })).toContainText('40 min');
  await expectAccessible(page, 'activity catalogue');
});

test('rooms and activity leaders are set up for the planner, with field errors', async ({ page }) => {
  await signIn(page, 'animatrice@demo.presence.fr');
  await page.goto('/planning');
  await page.getByRole('link', { name: 'Salles et animateurs' }).click();
  await expect(page.getByRole('heading', { name: 'Salles et animateurs', level: 1 })).toBeVisible();
  const newRoom = page.getByRole('form', { name: 'Nouvelle salle' });
  // A name already taken is refused on its field; nothing is added.
  await newRoom.getByLabel('Nom de la salle').fill('Chapelle');
  await newRoom.getByRole('button', { name: 'Ajouter la salle' }).click();
  await expect(newRoom.getByText('Une autre salle porte déjà ce nom.')).toBeVisible();
  await newRoom.getByLabel('Nom de la salle').fill('Véranda');
  await newRoom.getByLabel('Capacité').fill('12');
  await newRoom.getByRole('button', { name: 'Ajouter la salle' }).click();
  await expect(page.getByRole('form', { name: 'Salle « Véranda »' })).toBeVisible();
  const leader = page.getByRole('form', { name: /^Animateur : Camille Roussel/ });
  await leader.getByLabel('Fin').fill('08:00');
  await leader.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(leader.getByText('La fin doit être après le début.')).toBeVisible();
  await expectAccessible(page, 'planning setup');
});
