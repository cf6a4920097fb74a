import PDFDocument from 'pdfkit';
import type { PanelService } from './panel-service.js';

type Session = Awaited<ReturnType<PanelService['session']>>;

const KIND_FR: Record<string, string> = {
  professional: 'professionnel·le',
  designer: 'conception / éditeur',
  user_representative: 'représentant·e des usagers',
};
export const CATEGORY_FR: Record<string, string> = {
  wrong_content: 'contenu erroné',
  missing_information: 'information manquante',
  bias: 'biais',
  explanation_unclear: 'explication peu claire',
  harm_to_relationship: 'atteinte à la relation de soin',
  rights_not_respected: 'droits non respectés',
  other: 'autre',
};
export const ACTION_FR: Record<string, string> = {
  adjust: 'Ajuster',
  suspend: 'Suspendre',
  change_rule: 'Changer une règle',
  train_staff: 'Former les équipes',
  other: 'Autre',
};
export const STATUS_FR: Record<string, string> = { open: 'à faire', in_progress: 'en cours', done: 'fait', cancelled: 'abandonnée' };
const DECISION_FR: Record<string, string> = { accepted: 'acceptée', amended: 'modifiée', rejected: 'refusée' };
const FLAG_FR: Record<string, string> = {
  override: 'décision humaine différente',
  complaint: 'plainte',
  objection: 'opposition',
  review_request: 'demande de réexamen',
  alert_confirmed: 'alerte confirmée',
  alert_missed: 'alerte écartée avant un événement non détecté',
};
const MISSED_FR: Record<string, string> = {
  hospitalisation: 'hospitalisation',
  emergency: 'urgence',
  decompensation: 'décompensation',
  other: 'autre événement',
};
const BEFORE_FR: Record<string, string> = {
  no_alert: 'aucune alerte dans les 14 jours avant : aucune règle ne l’a vu venir',
  dismissed: 'une alerte dans les 14 jours avant, écartée',
  confirmed: 'une alerte confirmée dans les 14 jours avant',
};
export const frDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** The standard PDF fonts cover Windows-1252 only: other characters are written out or replaced. */
export function pdfSafe(text: string): string {
  return text
    .replace(/σ/g, 'sigma')
    .replace(/≥/g, '>=')
    .replace(/≤/g, '<=')
    .replace(/−/g, '-')
    .replace(/[\u202f\u00a0]/g, ' ')
    .replace(/[^\u0020-\u007e\u00a0-\u00ff\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u0152\u0153\u20ac\u2022·]/gu, '?');
}

/** The minutes of a review-panel session, always pseudonymised (they go to the CVS and the board). */
export function minutesPdf(s: Session, facilityName: string, generatedAt = new Date()): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: { Title: pdfSafe(`Procès-verbal — ${s.title}`), Author: pdfSafe(facilityName), Subject: 'Collège de garantie humaine' },
    lang: 'fr-FR',
    displayTitle: true,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const h = (text: string, size = 14) =>
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(size).text(pdfSafe(text)).font('Helvetica').fontSize(11).moveDown(0.3);
  const p = (text: string) => doc.text(pdfSafe(text)).moveDown(0.2);

  doc.font('Helvetica-Bold').fontSize(18).text('Procès-verbal du collège de garantie humaine');
  doc.font('Helvetica').fontSize(11).moveDown(0.3);
  p(`${facilityName} — séance du ${frDate(s.heldOn)} : ${s.title}`);
  p(`Statut : ${s.status === 'closed' ? 'séance close' : 'séance en cours'}. Document pseudonymisé : les personnes accompagnées y sont désignées par un code.`);

  h('Membres présents');
  if (!s.members.length) p('Aucun membre enregistré.');
  for (const m of s.members) p(`• ${m.name} (${KIND_FR[m.kind] ?? m.kind})`);

  for (const x of s.samples) {
    h(`Fonction examinée : ${x.systemName}`);
    p(
      `Propositions décidées du ${frDate(x.from)} au ${frDate(x.to)} : ${x.population}. Échantillon de ${x.items.length} : ${x.perStratum} tirées au hasard par décision (acceptée, modifiée, refusée) et les propositions signalées (plaintes, oppositions, demandes de réexamen, alertes confirmées, décisions humaines différentes). Tirage ${x.algorithm}, graine ${x.seed}, le ${frDate(x.drawnAt)} par ${x.drawnBy} : il peut être refait à l’identique.`,
    );
    const reviewed = x.items.filter((i) => i.finding);
    const problems = x.items.filter((i) => i.finding === 'problem');
    p(`Examinées : ${reviewed.length} sur ${x.items.length} ; appropriées : ${reviewed.length - problems.length} ; problèmes : ${problems.length}.`);
    const byCategory = new Map<string, number>();
    for (const i of problems) byCategory.set(i.problemCategory!, (byCategory.get(i.problemCategory!) ?? 0) + 1);
    if (byCategory.size) p(`Problèmes par catégorie : ${[...byCategory].map(([k, n]) => `${CATEGORY_FR[k] ?? k} ${n}`).join(', ')}.`);
    for (const i of problems) {
      doc.font('Helvetica-Bold');
      p(
        `• ${i.person ?? 'Sans personne'} — ${i.title} (${DECISION_FR[i.decision] ?? i.decision}${i.flags.length ? ` ; ${i.flags.map((f) => FLAG_FR[f] ?? f).join(', ')}` : ''})`,
      );
      doc.font('Helvetica');
      p(`  Problème : ${CATEGORY_FR[i.problemCategory!] ?? i.problemCategory}${i.comment ? ` — ${i.comment}` : ''}`);
    }
    if (x.systemSlug === 'telemonitoring-rules') {
      p(`Événements non détectés signalés sur la période : ${x.missedEvents.length}.`);
      for (const m of x.missedEvents)
        p(`• ${frDate(m.occurredAt)} — ${m.person} — ${MISSED_FR[m.kind] ?? m.kind} : ${m.description} (${BEFORE_FR[m.before] ?? m.before})`);
    }
  }

  h('Actions correctives');
  if (!s.actions.length) p('Aucune action décidée.');
  for (const a of s.actions)
    p(
      `• ${ACTION_FR[a.kind] ?? a.kind}${a.systemSlug ? ` (${a.systemSlug})` : ''} : ${a.description} — responsable : ${a.ownerName} — échéance : ${frDate(a.dueOn)} — ${STATUS_FR[a.status] ?? a.status}`,
    );

  if (s.notes) {
    h('Notes de séance');
    p(s.notes);
  }
  doc
    .moveDown(1)
    .fontSize(9)
    .text(pdfSafe(`Établi le ${frDate(generatedAt.toISOString())} par Présence.`));
  doc.end();
  return done;
}
