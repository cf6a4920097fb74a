import { z } from 'zod';
import type { GuaranteeService } from '../guarantee/guarantee-service.js';
import { RULES_VERSION } from '../telemonitoring-core/rules.js';

export const TM_SLUG = 'telemonitoring-rules';
export const TM_ALERT_KIND = 'telemonitoring.alert';

/** An alert is a proposal to intervene; its decision is the triage outcome (accept = confirmed). */
export const tmAlertContent = z.object({ alertId: z.uuid(), ruleId: z.string(), severity: z.enum(['low', 'medium', 'high', 'critical']) }).strict();
export type TmAlertContent = z.output<typeof tmAlertContent>;

export function registerTelemonitoring(g: GuaranteeService): void {
  g.defineSystem({
    slug: TM_SLUG,
    name: 'Alertes de télésurveillance',
    purpose:
      'Lire les mesures envoyées par les appareils des personnes suivies à distance (poids, tension, glycémie, saturation…) et proposer à l’infirmière de coordination d’intervenir quand une règle fixée par le médecin est franchie ou quand une mesure s’écarte de l’habitude de la personne. Chaque alerte montre la règle, les mesures et la référence.',
    intendedUsers: ['coordination_nurse', 'nurse', 'physician'],
    dataRead: ['mesures des appareils', 'valeurs de référence fixées par le médecin', 'programme de suivi'],
    dataNeverRead: ['transmissions', 'diagnostics détaillés', 'données financières'],
    riskClass: 'high',
    riskJustification:
      'Une alerte manquée peut retarder une intervention (décompensation cardiaque, crise hypertensive). Les règles sont explicites et réglées par le médecin pour chaque personne ; chaque alerte est triée par une infirmière nommée qui garde le contact direct avec la personne ; la sensibilité et les fausses alertes sont mesurées et publiées.',
    deciderRoles: ['coordination_nurse', 'nurse', 'physician'],
    engineVersion: `telemonitoring-rules ${RULES_VERSION}`,
    limits:
      'Ne voit que les mesures reçues : une mesure oubliée ou un appareil mal utilisé peuvent masquer une dégradation (une alerte « mesures manquantes » le signale). Les tendances personnelles ont besoin de deux semaines de mesures. Ne remplace ni l’appel ni l’examen clinique.',
    benefits: 'Intervenir quelques jours plus tôt, par un appel ou une visite, plutôt qu’aux urgences.',
    falcSummary: 'Cet outil lit vos mesures à la maison. Il prévient l’infirmière si une mesure change. Elle vous appelle.',
  });
  g.registerKind<TmAlertContent>({
    kind: TM_ALERT_KIND,
    systemSlug: TM_SLUG,
    contentSchema: tmAlertContent,
    async apply(_tx, proposal, content) {
      if (content.alertId !== proposal.subjectId) throw new Error('an alert decision applies to its own alert');
      return { type: 'tm_alert', id: content.alertId };
    },
  });
}
