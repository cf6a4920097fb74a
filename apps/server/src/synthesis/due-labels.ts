/** French names of what a decided pattern proposal makes due (the `kind` of assessment_due). */
export const DUE_LABELS: Readonly<Record<string, string>> = {
  'fall-risk': 'évaluation du risque de chute',
  'mna-sf': 'pesée et évaluation nutritionnelle (MNA-SF)',
  pain: 'évaluation de la douleur',
  braden: 'évaluation du risque d’escarre (Braden)',
  news2: 'surveillance des constantes (NEWS2)',
  'mini-gds': 'repérage de la dépression (Mini-GDS)',
  hydration: 'surveillance de l’hydratation',
  cognition: 'évaluation cognitive',
  sleep: 'point sur le sommeil',
  'team-review': 'point en équipe',
};
