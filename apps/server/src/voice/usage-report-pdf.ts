import PDFDocument from 'pdfkit';
import type { UsageReport } from './usage-report.js';
import { ACTION_FR, CATEGORY_FR, frDate, pdfSafe, STATUS_FR } from './minutes.js';

const AUDIENCE_FR: Record<string, string> = { residents: 'Résidents', relatives: 'Proches', staff: 'Professionnels' };
const DIMENSION_FR: Record<string, string> = {
  listened: 'Écoute',
  time: 'Temps',
  trust: 'Confiance',
  understanding: 'Compré-hension',
  object: 'Droit de refuser',
};
const TASK_FR: Record<string, string> = { activity_plan: 'Planning des activités', roster: 'Planning du personnel', care_note: 'Rédaction des transmissions' };
const TEAM_FR: Record<string, string> = {
  care: 'Soins',
  activities: 'Animation',
  medical: 'Médical',
  management: 'Encadrement',
  administration: 'Administration',
};
const KIND_FR: Record<string, string> = {
  session_led: 'Activités animées',
  individual_moment: 'Moments individuels',
  alert_call: 'Appels après alerte',
  alert_visit: 'Visites après alerte',
  family_meeting: 'Rencontres avec les familles',
  other: 'Autres',
};
const GROUP_FR: Record<string, string> = {
  F: 'femmes',
  M: 'hommes',
  under_75: 'moins de 75 ans',
  '75_84': '75 à 84 ans',
  '85_94': '85 à 94 ans',
  '95_plus': '95 ans et plus',
  gir_1_2: 'GIR 1-2',
  gir_3_4: 'GIR 3-4',
  gir_5_6: 'GIR 5-6',
  impaired: 'avec troubles',
  not_impaired: 'sans troubles',
  french: 'français',
  other: 'autre langue',
  unknown: 'non renseigné',
};
/** A feature's version without its description in brackets. */
const shortVersion = (v: string) => v.replace(/\s*\(.*$/, '');
const DIM_FR: Record<string, string> = { sex: 'sexe', ageBand: 'âge', gir: 'GIR', cognition: 'troubles cognitifs', language: 'langue' };

const pct = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${Math.round(x * 100)} %`);
const num = (x: number | null | undefined) => (x === null || x === undefined ? '—' : x.toLocaleString('fr-FR').replace(/\u202f/g, ' '));
const hours = (minutes: number) => `${(minutes / 60).toLocaleString('fr-FR', { maximumFractionDigits: 1 }).replace(/\u202f/g, ' ')} h`;

/** The usage report as a PDF for the CVS, the board and the regional agency: aggregates only, no names. */
export function usageReportPdf(r: UsageReport): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    bufferPages: true,
    info: { Title: pdfSafe(`Bilan d’utilisation — ${r.facility.name}`), Author: 'Présence', Subject: 'Bilan d’utilisation des outils d’IA' },
    lang: 'fr-FR',
    displayTitle: true,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom - 20;

  const h1 = (text: string) => {
    if (doc.y > bottom() - 80) doc.addPage();
    doc
      .moveDown(0.8)
      .font('Helvetica-Bold')
      .fontSize(15)
      .fillColor('#1b3a5c')
      .text(pdfSafe(text), left)
      .fillColor('black')
      .font('Helvetica')
      .fontSize(10)
      .moveDown(0.3);
  };
  const p = (text: string, opts: { size?: number; bold?: boolean } = {}) =>
    doc
      .font(opts.bold ? 'Helvetica-Bold' : 'Helvetica')
      .fontSize(opts.size ?? 10)
      .text(pdfSafe(text), left, undefined, { width })
      .font('Helvetica')
      .moveDown(0.2);

  /** A table with a bold header row repeated on each new page; columns as fractions of the width. */
  const table = (header: string[], rows: string[][], fractions: number[], align: ('left' | 'right')[] = []) => {
    const widths = fractions.map((f) => f * width);
    const rowHeight = (cells: string[], bold: boolean) => {
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(bold ? 8 : 9);
      return Math.max(...cells.map((c, k) => doc.heightOfString(pdfSafe(c), { width: widths[k]! - 6 }))) + 6;
    };
    const draw = (cells: string[], bold: boolean, shade: boolean) => {
      const hgt = rowHeight(cells, bold);
      if (doc.y + hgt > bottom()) {
        doc.addPage();
        if (!bold) draw(header, true, true);
      }
      const y = doc.y;
      if (shade)
        doc
          .rect(left, y, width, hgt)
          .fill(bold ? '#dfe7f0' : '#f4f6f8')
          .fillColor('black');
      let x = left;
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(bold ? 8 : 9);
      for (const [k, c] of cells.entries()) {
        doc.text(pdfSafe(c), x + 3, y + 3, { width: widths[k]! - 6, align: align[k] ?? 'left' });
        x += widths[k]!;
      }
      doc.y = y + hgt;
      doc.x = left;
    };
    // the header never stays alone at the bottom of a page
    if (rows.length && doc.y + rowHeight(header, true) + rowHeight(rows[0]!, false) > bottom()) doc.addPage();
    draw(header, true, true);
    rows.forEach((row, k) => draw(row, false, k % 2 === 1));
    doc.moveDown(0.5);
  };

  // ---- cover and key figures ----
  doc.font('Helvetica-Bold').fontSize(20).fillColor('#1b3a5c').text(pdfSafe('Bilan d’utilisation des outils d’IA'), left);
  doc.fillColor('black').font('Helvetica').fontSize(12).moveDown(0.3);
  p(`${r.facility.name}${r.facility.finess ? ` — FINESS ${r.facility.finess}` : ''}`, { size: 12, bold: true });
  p(`Période du ${frDate(r.from)} au ${frDate(r.to)} — ${num(r.facility.people)} personnes accompagnées à la date du bilan.`, { size: 11 });
  p(
    'Destinataires : conseil de la vie sociale (CVS), conseil d’administration, agence régionale de santé. Le bilan ne contient que des chiffres agrégés : aucune personne n’y est nommée, et les groupes de moins de ' +
      `${r.equity.minGroup} personnes ne sont pas détaillés.`,
  );
  const proposals = r.features.reduce((s, f) => s + f.proposals, 0);
  const decided = r.features.reduce((s, f) => s + f.decided, 0);
  const rejected = r.features.reduce((s, f) => s + f.rejected + f.amended, 0);
  const responses = r.surveys.reduce((s, c) => s + c.responses, 0);
  const problems = r.panel.sessions.reduce((s, x) => s + x.problems, 0);
  h1('L’essentiel');
  table(
    ['Indicateur', 'Valeur'],
    [
      ['Propositions des outils d’IA', num(proposals)],
      ['… décidées par un professionnel nommé', num(decided)],
      ['… modifiées ou refusées par le professionnel', `${num(rejected)} (${pct(decided ? rejected / decided : null)})`],
      ['Temps de contact humain enregistré', hours(r.time.totals.contactMinutes)],
      ['Temps administratif mesuré dans l’outil', hours(r.time.totals.adminMinutes)],
      ['Temps administratif économisé (estimation)', hours(r.time.totals.estimatedSavedMinutes)],
      ['Réponses aux questionnaires de perception', num(responses)],
      ['Plaintes et réclamations (dont liées à l’IA)', `${num(r.complaints.all.total)} (${num(r.complaints.aiRelated.total)})`],
      ['Séances du collège de garantie humaine', num(r.panel.sessions.length)],
      ['Problèmes relevés par le collège', num(problems)],
      ['Écarts d’équité signalés', num(r.equity.flags.length)],
    ],
    [0.7, 0.3],
    ['left', 'right'],
  );
  p(
    'Comment lire ce bilan : chaque proposition d’un outil d’IA est décidée par un professionnel nommé (garantie humaine). Le temps économisé est une estimation — temps médian d’une tâche sans l’assistant moins temps médian avec, multiplié par le nombre de tâches faites avec — présentée à côté du temps de contact humain réellement enregistré : les deux évolutions sont montrées ensemble, sans affirmer que l’une cause l’autre.',
    { size: 9 },
  );

  // ---- AI features ----
  h1('1. Les outils d’IA : propositions et décisions');
  table(
    ['Fonction (version)', 'Proposées', 'Acceptées', 'Modifiées', 'Refusées', 'En attente', 'Oppositions', 'Délai médian'],
    r.features.map((f) => [
      `${f.name} (${shortVersion(f.version)})${f.enabled ? '' : ' — suspendue'}`,
      num(f.proposals),
      num(f.accepted),
      num(f.amended),
      num(f.rejected),
      num(f.pending),
      num(f.objections),
      f.medianHoursToDecision === null ? '—' : f.medianHoursToDecision < 0.1 ? '< 0,1 h' : `${num(Math.round(f.medianHoursToDecision * 10) / 10)} h`,
    ]),
    [0.24, 0.1, 0.1, 0.1, 0.1, 0.1, 0.12, 0.14],
    ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
  );

  // ---- time given back ----
  h1('2. Le temps rendu aux personnes');
  p('Temps administratif mesuré dans l’outil (temps d’utilisation active de la page, par tâche) :');
  table(
    ['Tâche', 'Avec l’assistant', 'Sans l’assistant', 'Gain par tâche'],
    r.time.tasks.map((t) => [
      TASK_FR[t.task] ?? t.task,
      t.assisted.n ? `${num(t.assisted.medianMinutes)} min (n = ${t.assisted.n})` : '—',
      t.unassisted.n ? `${num(t.unassisted.medianMinutes)} min (n = ${t.unassisted.n})` : '—',
      t.savedPerPiece === null ? `non estimé (moins de ${r.time.minTimings} mesures)` : `${num(t.savedPerPiece)} min`,
    ]),
    [0.31, 0.23, 0.23, 0.23],
  );
  p('Temps de contact humain enregistré sur la période :');
  table(
    ['Nature', 'Heures'],
    Object.entries(r.time.totals.byKind).map(([k, m]) => [KIND_FR[k] ?? k, hours(m)]),
    [0.7, 0.3],
    ['left', 'right'],
  );
  if (r.time.totals.contactsWithoutDuration)
    p(`${num(r.time.totals.contactsWithoutDuration)} appels ou visites après alerte n’ont pas de durée enregistrée : comptés en nombre, pas en heures.`, {
      size: 9,
    });
  p('Par semaine (heures ; contact humain / temps administratif / économie estimée) :');
  const teams = [...new Set(r.time.weeks.flatMap((w) => w.teams.map((t) => t.team)))];
  table(
    ['Semaine du', ...teams.map((t) => TEAM_FR[t] ?? t), 'Total'],
    r.time.weeks.map((w) => {
      const cell = (t: (typeof w.teams)[number] | undefined) =>
        t ? `${hours(t.contactMinutes)} / ${hours(t.adminMinutes)} / ${hours(t.estimatedSavedMinutes)}` : '—';
      const sum = w.teams.reduce(
        (s, t) => ({
          contactMinutes: s.contactMinutes + t.contactMinutes,
          adminMinutes: s.adminMinutes + t.adminMinutes,
          estimatedSavedMinutes: s.estimatedSavedMinutes + t.estimatedSavedMinutes,
        }),
        { contactMinutes: 0, adminMinutes: 0, estimatedSavedMinutes: 0 },
      );
      return [frDate(w.week), ...teams.map((t) => cell(w.teams.find((x) => x.team === t))), cell(sum as never)];
    }),
    [0.12, ...teams.map(() => 0.7 / Math.max(1, teams.length)), 0.18],
  );

  // ---- surveys ----
  h1('3. Ce que disent les personnes : questionnaires de perception');
  if (!r.surveys.length) p('Aucune campagne sur la période.');
  else {
    p('Part de réponses favorables par thème (« oui » sur l’échelle à 3 points, « plutôt » ou « tout à fait d’accord » sur 5 points) :');
    table(
      ['Campagne', 'Public', 'Réponses', ...Object.values(DIMENSION_FR)],
      r.surveys.map((c) => [
        `${c.title} (${frDate(c.opensOn)})`,
        AUDIENCE_FR[c.audience] ?? c.audience,
        num(c.responses),
        ...c.dimensions.map((d) => (d.n ? pct(d.favourable) : '—')),
      ]),
      [0.24, 0.15, 0.1, 0.102, 0.102, 0.102, 0.102, 0.102],
    );
    for (const c of r.surveys) {
      p(
        `${c.title} — versions des outils en service lors des réponses : ${c.features.map((f) => `${f.feature} ${shortVersion(f.version)}`).join(', ') || 'aucune'}.`,
        {
          size: 9,
        },
      );
      if (c.topThemes.length) p(`Thèmes des réponses libres : ${c.topThemes.map((t) => `${t.label} (${t.answers})`).join(', ')}.`, { size: 9 });
    }
  }

  // ---- complaints ----
  h1('4. Plaintes et réclamations');
  const c = r.complaints;
  table(
    ['', 'Total', 'En retard', 'Répondu en retard', 'Délai médian de réponse'],
    [
      [
        'Liées à l’IA',
        num(c.aiRelated.total),
        num(c.aiRelated.overdue),
        num(c.aiRelated.answeredLate),
        c.aiRelated.medianDaysToAnswer === null ? '—' : `${num(c.aiRelated.medianDaysToAnswer)} j`,
      ],
      [
        'Autres',
        num(c.other.total),
        num(c.other.overdue),
        num(c.other.answeredLate),
        c.other.medianDaysToAnswer === null ? '—' : `${num(c.other.medianDaysToAnswer)} j`,
      ],
      ['Toutes', num(c.all.total), num(c.all.overdue), num(c.all.answeredLate), c.all.medianDaysToAnswer === null ? '—' : `${num(c.all.medianDaysToAnswer)} j`],
    ],
    [0.28, 0.14, 0.14, 0.2, 0.24],
    ['left', 'right', 'right', 'right', 'right'],
  );
  const byFeature = Object.entries(c.aiRelated.byFeature);
  if (byFeature.length) p(`Plaintes liées à l’IA par fonction : ${byFeature.map(([f, n]) => `${f} ${n}`).join(', ')}.`);

  // ---- panel ----
  h1('5. Collège de garantie humaine');
  if (!r.panel.sessions.length) p('Aucune séance sur la période.');
  else
    table(
      ['Séance', 'Statut', 'Éléments', 'Examinés', 'Problèmes'],
      r.panel.sessions.map((s) => [
        `${frDate(s.heldOn)} — ${s.title}`,
        s.status === 'closed' ? 'close' : 'en cours',
        num(s.items),
        num(s.reviewed),
        num(s.problems),
      ]),
      [0.5, 0.12, 0.12, 0.13, 0.13],
      ['left', 'left', 'right', 'right', 'right'],
    );
  const cats = Object.entries(r.panel.problemsByCategory);
  if (cats.length) p(`Problèmes par catégorie : ${cats.map(([k, n]) => `${CATEGORY_FR[k] ?? k} ${n}`).join(', ')}.`);
  p('Actions correctives (décidées sur la période, et celles encore ouvertes) :');
  if (!r.panel.actions.length) p('Aucune.');
  else
    table(
      ['Action', 'Fonction', 'Responsable', 'Échéance', 'État'],
      r.panel.actions.map((a) => [
        `${ACTION_FR[a.kind] ?? a.kind} : ${a.description}`,
        a.feature ?? '—',
        a.owner,
        frDate(a.dueOn),
        STATUS_FR[a.status] ?? a.status,
      ]),
      [0.44, 0.16, 0.16, 0.12, 0.12],
    );

  // ---- equity ----
  h1('6. Équité');
  table(
    ['Fonction', 'Personnes concernées', 'Part de la population', 'Décisions', 'Taux d’acceptation', 'Suivies d’une présence'],
    r.equity.features.map((f) => [f.name, num(f.reached), pct(f.reach), num(f.decided), pct(f.acceptance), f.followed === null ? '—' : pct(f.attendance)]),
    [0.3, 0.13, 0.13, 0.12, 0.15, 0.17],
    ['left', 'right', 'right', 'right', 'right', 'right'],
  );
  if (!r.equity.flags.length) p('Aucun écart entre groupes au-delà du seuil avec des intervalles de confiance disjoints.');
  else {
    p('Écarts signalés au collège (groupe comparé au reste de l’établissement, intervalles de confiance à 95 % disjoints) :');
    table(
      ['Fonction', 'Critère', 'Groupe', 'Écart sur', 'Taux du groupe'],
      r.equity.flags.map((x) => [
        x.featureName,
        DIM_FR[x.dimension] ?? x.dimension,
        GROUP_FR[x.group] ?? x.group,
        x.flags.map((f) => (f === 'reach' ? 'part concernée' : f === 'acceptance' ? 'acceptation' : 'présence aux activités')).join(', '),
        x.flags.map((f) => pct(f === 'reach' ? x.reach : f === 'acceptance' ? x.acceptance : x.attendance)).join(', '),
      ]),
      [0.3, 0.18, 0.16, 0.18, 0.18],
    );
  }

  // page numbers and the generation date on every page
  const range = doc.bufferedPageRange();
  for (let k = range.start; k < range.start + range.count; k++) {
    doc.switchToPage(k);
    // writing below the bottom margin would otherwise open a new page
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('Helvetica')
      .fontSize(8)
      .fillColor('#555555')
      .text(
        pdfSafe(
          `${r.facility.name} — bilan du ${frDate(r.from)} au ${frDate(r.to)} — établi le ${frDate(r.generatedAt)} par Présence — page ${k + 1} / ${range.count}`,
        ),
        left,
        doc.page.height - margin + 10,
        { width, align: 'center', lineBreak: false },
      );
    doc.page.margins.bottom = margin;
  }
  doc.end();
  return done;
}
