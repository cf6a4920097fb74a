/**
 * Open answers grouped by theme: each answer is placed under the theme whose word list it matches most (ties go to the
 * earlier theme), with the word that placed it kept so the grouping can be shown and checked; staff move answers, add
 * and rename themes. Word lists are prefixes compared without accents or case, so « écoutent » matches « ecout ».
 */
export interface LexiconTheme {
  key: string;
  label: string;
  stems: readonly string[];
}

export const THEME_LEXICON: readonly LexiconTheme[] = [
  {
    key: 'time',
    label: 'Temps et disponibilité',
    stems: ['temps', 'disponib', 'presse', 'attend', 'attente', 'vite', 'minute', 'heure', 'occupe', 'deborde', 'rapide', 'manque de personnel'],
  },
  {
    key: 'listening',
    label: 'Écoute et relation',
    stems: ['ecout', 'parle', 'relation', 'gentil', 'attention', 'sourire', 'entend', 'humain', 'contact', 'presence', 'chaleur', 'bienveill'],
  },
  {
    key: 'ai_trust',
    label: 'Confiance dans l’IA',
    stems: [
      'confian',
      'machine',
      'ordinateur',
      'logiciel',
      'algorith',
      'intelligence',
      'ia',
      'automat',
      'fiable',
      'erreur',
      'tablette',
      'alerte',
      'proposition',
    ],
  },
  { key: 'information', label: 'Information et compréhension', stems: ['compren', 'expliqu', 'inform', 'savoir', 'clair', 'transparen', 'sais pas'] },
  { key: 'choice', label: 'Choix et droit de refuser', stems: ['refus', 'oppos', 'choix', 'choisi', 'accord', 'decid', 'dire non', 'liberte', 'consent'] },
  {
    key: 'activities',
    label: 'Activités et vie quotidienne',
    stems: ['activit', 'sortie', 'jardin', 'musique', 'repas', 'promenade', 'anim', 'chant', 'lecture', 'atelier', 'gym'],
  },
  { key: 'family', label: 'Famille et visites', stems: ['famille', 'visite', 'enfant', 'fille', 'fils', 'petit-', 'petits-'] },
  {
    key: 'admin',
    label: 'Tâches administratives',
    stems: ['planning', 'administrat', 'papier', 'saisie', 'transmission', 'paperasse', 'tableau', 'dossier', 'ecrire', 'rediger'],
  },
];
export const OTHER_THEME = { key: 'other', label: 'Autres' } as const;

export const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[’']/g, ' ');

/** The theme an answer belongs to and the word that placed it there; null for an empty text. */
export function classify(text: string): { key: string; label: string; matched: string | null } | null {
  const folded = fold(text);
  const words = folded.split(/[^a-z0-9-]+/).filter(Boolean);
  if (!words.length) return null;
  let best: { theme: LexiconTheme; score: number; matched: string } | null = null;
  for (const theme of THEME_LEXICON) {
    let score = 0;
    let matched = '';
    for (const stem of theme.stems) {
      // multi-word stems match the folded text; single stems match the start of a word (a short stem like « ia » a whole word)
      const hit = stem.includes(' ') ? (folded.includes(stem) ? stem : undefined) : words.find((w) => (stem.length <= 2 ? w === stem : w.startsWith(stem)));
      if (hit) {
        score++;
        matched ||= hit;
      }
    }
    if (score > (best?.score ?? 0)) best = { theme, score, matched };
  }
  if (!best) return { key: OTHER_THEME.key, label: OTHER_THEME.label, matched: null };
  // the matched word as written in the answer, for display
  const original = text.split(/[\s,.;:!?()«»"’']+/).find((w) => fold(w).includes(best.matched.split(' ')[0]!)) ?? best.matched;
  return { key: best.theme.key, label: best.theme.label, matched: original };
}
