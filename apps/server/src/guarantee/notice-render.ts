import PDFDocument from 'pdfkit';
import type { Notice } from './notice.js';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A standalone, printable HTML page; FALC in large print. */
export function noticeHtml(n: Notice): string {
  const falc = n.variant === 'falc';
  const feature = (f: Notice['features'][number]) => `
  <section aria-labelledby="f-${esc(f.slug)}">
    <h2 id="f-${esc(f.slug)}">${esc(f.name)}</h2>
    ${f.paragraphs.map((p) => `<p>${esc(p)}</p>`).join('\n    ')}
    ${
      f.proposals.length
        ? `<h3>${falc ? 'Ce que l’outil a proposé pour vous' : 'Propositions vous concernant sur la période'}</h3>
    <table><thead><tr><th scope="col">Date</th><th scope="col">Proposition</th><th scope="col">${falc ? 'Ce qui a été décidé' : 'Décision'}</th></tr></thead><tbody>
    ${f.proposals.map((p) => `<tr><td>${esc(p.date)}</td><td>${esc(p.title)}</td><td>${esc(p.outcome)}</td></tr>`).join('\n    ')}
    </tbody></table>`
        : `<p>${falc ? 'L’outil n’a rien proposé pour vous.' : 'Aucune proposition vous concernant sur la période.'}</p>`
    }
  </section>`;
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(n.title)} — ${esc(n.person.name)}</title>
<style>
  body { font-family: 'DejaVu Sans', Arial, sans-serif; color: #1a1a1a; background: #fff; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.6; font-size: ${falc ? '1.4rem' : '1.05rem'}; }
  h1 { font-size: ${falc ? '2.1rem' : '1.6rem'}; } h2 { font-size: ${falc ? '1.7rem' : '1.3rem'}; margin-top: 2rem; border-top: 2px solid #1c4e80; padding-top: 1rem; }
  table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #555; padding: .4rem; text-align: left; vertical-align: top; }
  .meta { color: #333; } @media print { body { margin: 0; } }
</style>
</head>
<body>
<main>
<h1>${esc(n.title)}</h1>
<p class="meta">${esc(n.person.name)} · ${esc(n.person.facility)}</p>
${n.intro.map((p) => `<p>${esc(p)}</p>`).join('\n')}
${n.features.map(feature).join('\n')}
<section aria-labelledby="g"><h2 id="g">${esc(n.guarantees.heading)}</h2>
${n.guarantees.paragraphs.map((p) => `<p>${esc(p)}</p>`).join('\n')}
</section>
<p class="meta">Document établi le ${esc(n.generatedAt.slice(8, 10))}/${esc(n.generatedAt.slice(5, 7))}/${esc(n.generatedAt.slice(0, 4))}.</p>
</main>
</body>
</html>`;
}

/** The same notice as a PDF (standard Helvetica, French accents included; FALC in 16 pt). */
export function noticePdf(n: Notice): Promise<Buffer> {
  const falc = n.variant === 'falc';
  const body = falc ? 16 : 11;
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: { Title: `${n.title} — ${n.person.name}`, Author: n.person.facility, Subject: 'Notice de transparence IA' },
    lang: 'fr-FR',
    displayTitle: true,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc
    .font('Helvetica-Bold')
    .fontSize(falc ? 24 : 18)
    .text(n.title);
  doc.moveDown(0.3).font('Helvetica').fontSize(body).text(`${n.person.name} · ${n.person.facility}`);
  doc.moveDown();
  for (const p of n.intro) doc.text(p).moveDown(0.4);
  for (const f of n.features) {
    doc
      .moveDown()
      .font('Helvetica-Bold')
      .fontSize(falc ? 20 : 14)
      .text(f.name)
      .font('Helvetica')
      .fontSize(body)
      .moveDown(0.3);
    for (const p of f.paragraphs) doc.text(p).moveDown(0.3);
    if (f.proposals.length) {
      doc
        .font('Helvetica-Bold')
        .text(falc ? 'Ce que l’outil a proposé pour vous :' : 'Propositions vous concernant :')
        .font('Helvetica');
      for (const p of f.proposals) doc.text(`• ${p.date} — ${p.title} — ${p.outcome}`);
    }
  }
  doc
    .moveDown()
    .font('Helvetica-Bold')
    .fontSize(falc ? 20 : 14)
    .text(n.guarantees.heading)
    .font('Helvetica')
    .fontSize(body)
    .moveDown(0.3);
  for (const p of n.guarantees.paragraphs) doc.text(p).moveDown(0.3);
  doc.end();
  return done;
}
