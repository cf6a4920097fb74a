/**
 * Life-story lexicon: words of a life story (histoire de vie) that point to catalogue tags.
 * A nurse's aide who reads « a été couturière » thinks of the knitting and sewing workshops; this table encodes that.
 *
 * `phrases` are matched at the start of a word in the folded story (lowercase, no accents, punctuation and apostrophes
 * turned into single spaces): 'couturi' matches « couturière » and « couturier »; a trailing space ('bal ') requires the
 * word to end there. Interest words themselves are left out on purpose (the story often repeats the interests, which are
 * already counted).
 */
export interface LifeStoryHint {
  phrases: readonly string[];
  /** French, completes « Histoire de vie : … ». */
  label: string;
  tags: readonly string[];
}

// prettier-ignore
export const LIFE_STORY_HINTS: readonly LifeStoryHint[] = [
  { phrases: ['chorale', 'chansons de sa jeunesse', 'fanfare', 'clairon', 'tambour'], label: 'la musique et le chant', tags: ['chant', 'musique', 'chanson française'] },
  { phrases: ['couturi', 'fait de la couture', 'club de couture', 'repassage', 'soierie', 'tisseu', 'tissage', 'textile', 'lingere', 'confection', 'mercerie', 'filature'], label: 'les métiers du fil et de la couture', tags: ['couture', 'tricot', 'broderie'] },
  { phrases: ['agricult', 'ferme ', 'fermiere', 'paysan', 'champs', 'metayer', 'viticult', 'exploitation familiale'], label: 'le travail de la terre', tags: ['jardinage', 'animaux'] },
  { phrases: ['boulang', 'cuisini', 'recettes', 'crepes', 'charcut', 'bouchon lyonnais', 'cantine', 'restos du coeur', 'boucher', 'epicier', 'cafetier'], label: 'la cuisine et les métiers de bouche', tags: ['cuisine', 'pâtisserie'] },
  { phrases: ['menuisi', 'macon', 'mecanicien', 'electricien', 'construction de sa maison', 'tonnelier', 'forgeron'], label: 'les métiers manuels', tags: ['bricolage'] },
  { phrases: ['instituteur', 'institutrice', 'professeur', 'certificat d etudes'], label: 'l’école et les lettres', tags: ['dictée', 'lecture', 'poésie', 'école d’autrefois'] },
  { phrases: ['assistante maternelle', 'sage femme', 'kermesse', 'petits enfants', 'petit enfant', 'neveux'], label: 'les enfants et la transmission', tags: ['enfants'] },
  { phrases: ['paroiss', 'chapelet', 'aumon'], label: 'la vie paroissiale', tags: ['messe', 'spiritualité', 'célébration religieuse'] },
  { phrases: ['la foi ', 'priere', 'croyant', 'pratiquant'], label: 'la foi', tags: ['spiritualité'] },
  { phrases: ['voyag', 'camping car', 'italie', 'portugal', 'canada'], label: 'les voyages', tags: ['voyages'] },
  { phrases: ['bal ', 'guinguette', 'fete du village', 'fetes de village'], label: 'les bals et les fêtes', tags: ['bal musette', 'danse'] },
  { phrases: ['marche ', 'marches ', 'commercant', 'epicerie', 'vendeu', 'grand magasin', 'nouvelles galeries'], label: 'le commerce et les marchés', tags: ['commerce'] },
  { phrases: ['coiffeu', 'apparence', 'maquill'], label: 'le soin de son apparence', tags: ['esthétique', 'coiffure'] },
  { phrases: ['mineur', 'mines ', 'houill', 'cheminot', 'sncf', 'ptt', 'facteur', 'factrice'], label: 'un métier d’autrefois', tags: ['souvenirs', 'histoire locale'] },
  { phrases: ['marin pecheur', 'mareyeuse'], label: 'la mer et la pêche', tags: ['pêche'] },
  { phrases: ['club de petanque'], label: 'le club de pétanque', tags: ['pétanque'] },
  { phrases: ['pompier volontaire', 'nager'], label: 'le goût du sport', tags: ['gymnastique', 'gym douce'] },
  { phrases: ['mettant la table', 'utile', 'rester actif', 'rester active'], label: 'le besoin de se rendre utile', tags: ['tâches du quotidien'] },
  { phrases: ['gestes doux', 'calme '], label: 'le besoin de calme et de douceur', tags: ['détente', 'toucher'] },
  { phrases: ['savoie', 'montagne', 'monts du'], label: 'la montagne', tags: ['montagne'] },
  { phrases: ['conseillere municipale', 'fetes de village', 'connu de tout le quartier', 'connue de tout le quartier'], label: 'la vie locale', tags: ['histoire locale'] },
  { phrases: ['retrouve le sourire quand on evoque', 'souvenirs precis'], label: 'les souvenirs', tags: ['souvenirs'] },
];
