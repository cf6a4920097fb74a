/**
 * French corpus for the demo data: names, occupations, places, languages, addresses.
 * Life-story and care texts live in french-corpus-stories.ts and french-corpus-care.ts.
 * All people generated from it are fictional.
 */

export type Sex = 'F' | 'M';
/** Where a family name comes from, reflecting the history of immigration in France. */
export type Origin = 'fr' | 'it' | 'es' | 'pt' | 'pl' | 'maghreb' | 'vn' | 'africa' | 'antilles';
/** Generations: people cared for (born 1925–1962), their children (1945–1975), staff and grandchildren (1965–2000). */
export type Generation = 'senior' | 'middle' | 'young';

// prettier-ignore
export const SURNAMES: Record<Origin, readonly string[]> = {
  fr: [
    'Martin', 'Bernard', 'Thomas', 'Petit', 'Robert', 'Richard', 'Durand', 'Dubois', 'Moreau', 'Laurent', 'Simon', 'Michel',
    'Lefèvre', 'Leroy', 'Roux', 'David', 'Bertrand', 'Morel', 'Fournier', 'Girard', 'Bonnet', 'Dupont', 'Lambert', 'Fontaine',
    'Rousseau', 'Vincent', 'Muller', 'Lefebvre', 'Faure', 'André', 'Mercier', 'Blanc', 'Guérin', 'Boyer', 'Garnier', 'Chevalier',
    'François', 'Legrand', 'Gauthier', 'Perrin', 'Robin', 'Clément', 'Morin', 'Nicolas', 'Henry', 'Roussel', 'Mathieu', 'Masson',
    'Marchand', 'Duval', 'Denis', 'Dumont', 'Lemaire', 'Noël', 'Meyer', 'Dufour', 'Meunier', 'Brun', 'Blanchard', 'Giraud',
    'Joly', 'Rivière', 'Lucas', 'Brunet', 'Gaillard', 'Barbier', 'Arnaud', 'Gérard', 'Roche', 'Renard', 'Schmitt', 'Roy',
    'Leroux', 'Colin', 'Vidal', 'Caron', 'Picard', 'Roger', 'Fabre', 'Aubert', 'Lemoine', 'Renaud', 'Dumas', 'Lacroix',
    'Olivier', 'Philippe', 'Bourgeois', 'Pierre', 'Benoît', 'Rey', 'Leclerc', 'Rolland', 'Guillaume', 'Lecomte', 'Dupuy',
    'Guillot', 'Hubert', 'Berger', 'Carpentier', 'Dupuis', 'Moulin', 'Deschamps', 'Huet', 'Vasseur', 'Boucher', 'Fleury',
    'Royer', 'Klein', 'Jacquet', 'Adam', 'Poirier', 'Marty', 'Aubry', 'Guyot', 'Carré', 'Renault', 'Charpentier', 'Ménard',
    'Maillard', 'Baron', 'Bertin', 'Bailly', 'Hervé', 'Schneider', 'Le Gall', 'Collet', 'Léger', 'Bouvier', 'Prévost',
    'Millet', 'Perrot', 'Le Roux', 'Cousin', 'Germain', 'Breton', 'Besson', 'Langlois', 'Le Goff', 'Pelletier', 'Perrier',
    'Leblanc', 'Lebrun', 'Weber', 'Mallet', 'Hamon', 'Jacob', 'Monnier', 'Michaud', 'Gillet', 'Tessier', 'Chauvin', 'Bouchet',
    'Humbert', 'Reynaud', 'Perret', 'Barthélemy', 'Cordier', 'Pichon', 'Lejeune', 'Gilbert', 'Lamy', 'Delaunay', 'Pasquier',
    'Laporte', 'Chapuis', 'Favre', 'Dumoulin', 'Jacquemet', 'Bouvard', 'Ravier', 'Vial', 'Perroud', 'Bonnard', 'Thivolet',
    'Ducret', 'Gonnet', 'Châtelain', 'Chambon', 'Desgranges', 'Magnin', 'Teyssier', 'Mathon', 'Pupier', 'Coquard', 'Bérard',
  ],
  it: [
    'Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi', 'Romano', 'Colombo', 'Ricci', 'Marino', 'Greco', 'Gallo', 'Conti',
    'De Luca', 'Costa', 'Giordano', 'Mancini', 'Rizzo', 'Lombardi', 'Moretti', 'Fontana', 'Santoro', 'Rinaldi', 'Caruso',
    'Galli', 'Martini', 'Leone', 'Gentile', 'Pellegrini', 'Vitale', 'Cattaneo', 'Zanetti', 'Bertolino', 'Pozzi',
  ],
  es: [
    'Garcia', 'Martinez', 'Lopez', 'Sanchez', 'Perez', 'Fernandez', 'Rodriguez', 'Gonzalez', 'Gomez', 'Diaz', 'Hernandez',
    'Moreno', 'Alvarez', 'Romero', 'Navarro', 'Ruiz', 'Serrano', 'Ortega', 'Jimenez', 'Torres', 'Molina', 'Castillo',
  ],
  pt: [
    'Da Silva', 'Dos Santos', 'Pereira', 'Ferreira', 'Rodrigues', 'Oliveira', 'Fernandes', 'Gonçalves', 'Gomes', 'Lopes',
    'Martins', 'Sousa', 'Teixeira', 'Carvalho', 'Pinto', 'Ribeiro', 'Almeida', 'Mendes', 'Cardoso', 'Monteiro',
  ],
  pl: [
    'Kowalski', 'Nowak', 'Wozniak', 'Kaminski', 'Lewandowski', 'Zielinski', 'Szymanski', 'Wojcik', 'Kowalczyk',
    'Kaczmarek', 'Mazur', 'Krawczyk', 'Piotrowski', 'Grabowski', 'Pawlak', 'Michalak', 'Dudek', 'Jankowski',
  ],
  maghreb: [
    'Benali', 'Belkacem', 'Haddad', 'Mansouri', 'Boudjema', 'Cherif', 'Hamidi', 'Bensaïd', 'Amrani', 'Bouzid', 'Saïdi',
    'Khelifi', 'Meziane', 'Brahimi', 'Benchikh', 'Aït Ahmed', 'El Amrani', 'Ouali', 'Rahmani', 'Benmoussa', 'Belhadj',
  ],
  vn: ['Nguyen', 'Tran', 'Le', 'Pham', 'Hoang', 'Phan', 'Vu', 'Dang', 'Bui', 'Do', 'Ngo', 'Duong', 'Ly'],
  africa: [
    'Diallo', 'Traoré', 'Koné', 'Ndiaye', 'Diop', 'Sow', 'Camara', 'Cissé', 'Sylla', 'Konaté', 'Keita', 'Touré', 'Fofana',
    'Mendy', 'Gomis', 'Mbaye', 'Kouassi', 'Kamara',
  ],
  antilles: ['Jean-Baptiste', 'Louisy', 'Marie-Sainte', 'Saint-Hilaire', 'Bellance', 'Lubin', 'Jean-Louis', 'Alexis', 'Cyrille', 'Démosthène'],
};

/** Family-name origins by generation (weights). */
// prettier-ignore
export const ORIGIN_WEIGHTS: Record<Generation, readonly (readonly [Origin, number])[]> = {
  senior: [['fr', 80], ['it', 6], ['es', 4], ['pt', 2], ['pl', 2.5], ['maghreb', 4], ['vn', 1], ['antilles', 0.5]],
  middle: [['fr', 76], ['it', 6], ['es', 4], ['pt', 4], ['pl', 2], ['maghreb', 6], ['vn', 1], ['africa', 0.5], ['antilles', 0.5]],
  young: [['fr', 64], ['it', 4], ['es', 3], ['pt', 5], ['pl', 1], ['maghreb', 12], ['vn', 2], ['africa', 7], ['antilles', 2]],
};

// prettier-ignore
const FR_SENIOR_F = [
  'Marcelle', 'Germaine', 'Jeanne', 'Paulette', 'Simone', 'Yvette', 'Odette', 'Raymonde', 'Suzanne', 'Marie', 'Madeleine',
  'Louise', 'Lucienne', 'Marguerite', 'Andrée', 'Denise', 'Renée', 'Georgette', 'Yvonne', 'Jacqueline', 'Colette', 'Monique',
  'Ginette', 'Huguette', 'Josette', 'Gisèle', 'Micheline', 'Paule', 'Hélène', 'Geneviève', 'Thérèse', 'Lucie', 'Marthe',
  'Berthe', 'Henriette', 'Solange', 'Janine', 'Claudine', 'Éliane', 'Arlette', 'Nicole', 'Françoise', 'Christiane',
  'Danielle', 'Michèle', 'Bernadette', 'Lucette', 'Rolande', 'Fernande', 'Antoinette', 'Juliette', 'Gilberte', 'Mireille',
  'Jeannine', 'Anne-Marie', 'Marie-Thérèse', 'Marie-Louise', 'Liliane', 'Irène', 'Odile', 'Édith', 'Blanche', 'Annie',
];
// prettier-ignore
const FR_SENIOR_M = [
  'Henri', 'Marcel', 'Roger', 'René', 'Lucien', 'André', 'Jean', 'Robert', 'Pierre', 'Louis', 'Georges', 'Maurice', 'Paul',
  'Raymond', 'Jacques', 'Joseph', 'Fernand', 'Gilbert', 'Roland', 'Albert', 'Gaston', 'Émile', 'Léon', 'Eugène', 'Gabriel',
  'Michel', 'Claude', 'Bernard', 'Gérard', 'Guy', 'Jean-Pierre', 'Jean-Claude', 'Daniel', 'Yves', 'Francis', 'Serge',
  'Armand', 'Félix', 'Edmond', 'Marius', 'Aimé', 'Gustave', 'Victor', 'Charles', 'Jules', 'Norbert', 'Alain', 'Antoine',
];
// prettier-ignore
const FR_MIDDLE_F = [
  'Catherine', 'Sylvie', 'Martine', 'Brigitte', 'Christine', 'Patricia', 'Nadine', 'Dominique', 'Isabelle', 'Nathalie',
  'Véronique', 'Chantal', 'Valérie', 'Corinne', 'Pascale', 'Sophie', 'Florence', 'Laurence', 'Anne', 'Marie-Christine',
  'Béatrice', 'Joëlle', 'Agnès', 'Muriel', 'Claire', 'Sandrine', 'Karine', 'Carole', 'Évelyne', 'Frédérique',
];
// prettier-ignore
const FR_MIDDLE_M = [
  'Philippe', 'Alain', 'Patrick', 'Michel', 'Christian', 'Thierry', 'Pascal', 'Bruno', 'Éric', 'Didier', 'Jean-Luc', 'Gilles',
  'Laurent', 'Frédéric', 'Olivier', 'Stéphane', 'Jean-Marc', 'François', 'Denis', 'Hervé', 'Jean-François', 'Jérôme',
  'Vincent', 'Marc', 'Christophe', 'Dominique', 'Lionel', 'Joël',
];
// prettier-ignore
const FR_YOUNG_F = [
  'Julie', 'Émilie', 'Camille', 'Laura', 'Sarah', 'Céline', 'Aurélie', 'Élodie', 'Audrey', 'Marion', 'Pauline', 'Manon',
  'Mélanie', 'Charlotte', 'Léa', 'Chloé', 'Anaïs', 'Clémence', 'Justine', 'Lucie', 'Amandine', 'Caroline', 'Virginie',
  'Stéphanie', 'Jessica', 'Océane', 'Marine', 'Mathilde', 'Alexandra', 'Margaux', 'Morgane', 'Coralie', 'Élise', 'Jennifer',
];
// prettier-ignore
const FR_YOUNG_M = [
  'Thomas', 'Nicolas', 'Julien', 'Kevin', 'Romain', 'Maxime', 'Alexandre', 'Guillaume', 'Sébastien', 'Anthony', 'Jérémy',
  'Quentin', 'Florian', 'Benjamin', 'Mathieu', 'Antoine', 'Clément', 'Hugo', 'Lucas', 'Adrien', 'Damien', 'Jonathan',
  'Yann', 'Loïc', 'Baptiste', 'Arnaud', 'Cédric', 'Fabien',
];

type NameTable = Partial<Record<Origin, { F: readonly string[]; M: readonly string[] }>>;

/** First names by generation and origin; an origin not listed (or a coin flip) falls back to French names. */
// prettier-ignore
export const FIRST_NAMES: Record<Generation, NameTable & { fr: { F: readonly string[]; M: readonly string[] } }> = {
  senior: {
    fr: { F: FR_SENIOR_F, M: FR_SENIOR_M },
    it: { F: ['Maria', 'Giuseppina', 'Rosa', 'Anna', 'Angela', 'Carmela', 'Lucia', 'Teresa', 'Antonietta'], M: ['Giuseppe', 'Giovanni', 'Antonio', 'Mario', 'Luigi', 'Francesco', 'Angelo', 'Salvatore', 'Pietro'] },
    es: { F: ['Carmen', 'Dolores', 'Pilar', 'Josefa', 'Mercedes', 'Isabel', 'Rosario', 'Concepción'], M: ['José', 'Manuel', 'Antonio', 'Francisco', 'Juan', 'Miguel', 'Pedro', 'Ramón'] },
    pt: { F: ['Maria', 'Rosa', 'Fernanda', 'Conceição', 'Amélia', 'Lurdes', 'Adelaide', 'Fátima'], M: ['Manuel', 'António', 'Joaquim', 'José', 'Fernando', 'Armando', 'Américo', 'Jorge'] },
    pl: { F: ['Helena', 'Zofia', 'Jadwiga', 'Irena', 'Wanda', 'Halina', 'Janina'], M: ['Stanislas', 'Casimir', 'Ladislas', 'Jan', 'Józef', 'Tadeusz', 'Edmund'] },
    maghreb: { F: ['Fatima', 'Khadija', 'Aïcha', 'Zohra', 'Yamina', 'Malika', 'Fatma', 'Zineb', 'Houria'], M: ['Mohamed', 'Ahmed', 'Ali', 'Saïd', 'Abdelkader', 'Mustapha', 'Larbi', 'Belkacem', 'Mokhtar', 'Hocine', 'Lakhdar'] },
    vn: { F: ['Mai', 'Hoa', 'Lan', 'Thu', 'Hanh', 'Ngoc', 'Tuyet'], M: ['Minh', 'Duc', 'Hung', 'Thanh', 'Quang', 'Tuan', 'Long'] },
  },
  middle: {
    fr: { F: FR_MIDDLE_F, M: FR_MIDDLE_M },
    maghreb: { F: ['Nadia', 'Samia', 'Karima', 'Leïla', 'Farida', 'Naïma', 'Djamila', 'Souad'], M: ['Karim', 'Rachid', 'Mourad', 'Farid', 'Kamel', 'Nordine', 'Djamel', 'Hakim'] },
    pt: { F: ['Maria', 'Rosa', 'Sandra', 'Paula'], M: ['José', 'Manuel', 'Carlos', 'Paulo'] },
    es: { F: ['Carmen', 'Maria', 'Dolorès'], M: ['José', 'Antoine', 'Manuel'] },
    africa: { F: ['Aminata', 'Fatoumata', 'Mariama'], M: ['Mamadou', 'Ousmane', 'Moussa'] },
  },
  young: {
    fr: { F: FR_YOUNG_F, M: FR_YOUNG_M },
    maghreb: { F: ['Yasmine', 'Inès', 'Myriam', 'Nawel', 'Samira', 'Sabrina', 'Amel', 'Sonia', 'Lina', 'Nora', 'Imane'], M: ['Mehdi', 'Karim', 'Yassine', 'Bilal', 'Sofiane', 'Nassim', 'Rayan', 'Samir', 'Walid', 'Amine'] },
    africa: { F: ['Fatou', 'Aminata', 'Awa', 'Mariam', 'Aïssatou', 'Kadiatou', 'Binta', 'Coumba', 'Djeneba'], M: ['Moussa', 'Mamadou', 'Ibrahima', 'Oumar', 'Abdoulaye', 'Seydou', 'Boubacar', 'Issa'] },
    antilles: { F: ['Laetitia', 'Ketty', 'Murielle', 'Johanna', 'Mélissa'], M: ['Steeve', 'Teddy', 'Ludovic', 'Frantz', 'Dimitri'] },
    vn: { F: ['Linh', 'Mai', 'Thu'], M: ['Minh', 'Duc', 'Long'] },
  },
};

/** How often someone whose family name has this origin also has a first name from it (else a French one). */
export const ORIGIN_FIRST_NAME_RATE: Record<Generation, number> = { senior: 0.6, middle: 0.35, young: 0.5 };

export interface Occupation {
  m: string | null;
  f: string | null;
  /** Where or how: follows the occupation in a sentence. */
  at: readonly string[];
  weight: number;
}

// prettier-ignore
export const OCCUPATIONS: readonly Occupation[] = [
  { m: 'cheminot', f: 'cheminote', at: ['à la SNCF', 'au dépôt de Lyon-Vaise', 'sur la ligne Lyon–Saint-Étienne'], weight: 4 },
  { m: 'instituteur', f: 'institutrice', at: ["à l'école communale", 'dans une classe unique à la campagne', "à l'école Jules-Ferry"], weight: 5 },
  { m: 'agriculteur', f: 'agricultrice', at: ["sur l'exploitation familiale", 'dans une ferme laitière', 'dans les Monts du Lyonnais'], weight: 6 },
  { m: 'viticulteur', f: 'viticultrice', at: ['dans le Beaujolais', 'sur le domaine familial', 'dans les Côtes-du-Rhône'], weight: 2 },
  { m: 'couturier', f: 'couturière', at: ['dans un atelier de confection', 'à domicile pour tout le quartier', 'chez un grand tailleur lyonnais'], weight: 5 },
  { m: 'mineur', f: 'trieuse au carreau de la mine', at: ['dans le bassin houiller de Saint-Étienne', 'dans les mines du Nord', 'aux houillères de Blanzy'], weight: 3 },
  { m: 'boulanger', f: 'boulangère', at: ['dans la boulangerie familiale', 'dans le quartier de la Croix-Rousse', 'au village'], weight: 3 },
  { m: 'secrétaire', f: 'secrétaire', at: ["dans une étude de notaire", 'à la mairie', "dans une entreprise de transport", 'dans un cabinet médical'], weight: 6 },
  { m: 'infirmier', f: 'infirmière', at: ["à l'hôpital Édouard-Herriot", 'en dispensaire', 'à domicile, dans tout le canton'], weight: 4 },
  { m: 'comptable', f: 'comptable', at: ['dans une entreprise de textile', 'dans une coopérative agricole', 'chez un grossiste'], weight: 4 },
  { m: 'ouvrier chez Renault', f: 'ouvrière chez Renault', at: ["à l'usine de Flins", "à l'usine de Boulogne-Billancourt", "à l'usine du Mans"], weight: 3 },
  { m: 'ouvrier chez Berliet', f: 'ouvrière chez Berliet', at: ['à Vénissieux', 'à Saint-Priest', 'sur les chaînes de montage'], weight: 3 },
  { m: 'ouvrier de la soierie', f: 'ouvrière de la soierie', at: ['à la Croix-Rousse', 'dans une usine de Tarare', 'dans un tissage de la région'], weight: 3 },
  { m: 'commerçant', f: 'commerçante', at: ['dans une mercerie de quartier', 'sur les marchés', 'dans une épicerie tenue en couple'], weight: 5 },
  { m: 'marin-pêcheur', f: 'mareyeuse', at: ['au Guilvinec', 'à Boulogne-sur-Mer', 'à Sète'], weight: 1 },
  { m: 'facteur', f: 'factrice', at: ['dans les villages du canton', 'en ville', 'aux PTT'], weight: 3 },
  { m: 'employé de banque', f: 'employée de banque', at: ['au Crédit lyonnais', 'dans une agence de quartier', "à la Caisse d'épargne"], weight: 3 },
  { m: 'vendeur', f: 'vendeuse', at: ['aux Nouvelles Galeries', 'dans un grand magasin', 'dans une boutique de chaussures'], weight: 4 },
  { m: 'coiffeur', f: 'coiffeuse', at: ['dans son propre salon', 'dans un salon du centre-ville', 'à domicile'], weight: 3 },
  { m: 'menuisier', f: null, at: ["dans l'atelier de son père", 'dans une entreprise du bâtiment', 'à son compte'], weight: 3 },
  { m: 'maçon', f: null, at: ['sur les chantiers de la région', 'dans une petite entreprise familiale', 'à son compte'], weight: 3 },
  { m: 'mécanicien', f: null, at: ['dans un garage de quartier', 'aux TCL', 'dans une entreprise de poids lourds'], weight: 3 },
  { m: 'électricien', f: null, at: ['à EDF', 'dans le bâtiment', 'à son compte'], weight: 2 },
  { m: 'chauffeur routier', f: null, at: ['entre Lyon et Marseille', 'pour une entreprise de transport lyonnaise', 'sur les routes de toute la France'], weight: 2 },
  { m: 'gendarme', f: null, at: ['dans plusieurs brigades de la région', 'en Savoie', 'dans le Rhône'], weight: 1 },
  { m: 'cuisinier', f: 'cuisinière', at: ['dans un bouchon lyonnais', "dans une cantine scolaire", 'dans un restaurant ouvrier'], weight: 3 },
  { m: 'professeur de français', f: 'professeure de français', at: ['au lycée', 'dans un collège de Villeurbanne', 'au lycée Ampère'], weight: 2 },
  { m: 'employé des PTT', f: 'employée des PTT', at: ['à Lyon', 'au central téléphonique', 'dans un bureau de poste de quartier'], weight: 3 },
  { m: 'ingénieur', f: 'ingénieure', at: ['dans la chimie, à Saint-Fons', 'à EDF', 'dans une entreprise de mécanique'], weight: 1 },
  { m: 'représentant de commerce', f: 'représentante de commerce', at: ['dans toute la région', 'pour une marque de textile', 'pour un fabricant de machines'], weight: 2 },
  { m: 'charcutier', f: 'charcutière', at: ['dans la charcuterie familiale', 'aux Halles de Lyon', 'au village'], weight: 2 },
  { m: 'pharmacien', f: 'pharmacienne', at: ['dans son officine', 'dans un quartier populaire', 'au bourg'], weight: 1 },
  { m: 'aide-soignant', f: 'aide-soignante', at: ["à l'hôpital", 'en maison de retraite', 'en clinique'], weight: 2 },
  { m: null, f: 'assistante maternelle', at: ['à son domicile', 'pour les enfants du quartier', 'dans sa commune'], weight: 3 },
  { m: null, f: 'sage-femme', at: ['à la maternité', 'dans une clinique', 'à la campagne'], weight: 1 },
  { m: null, f: 'employée de maison', at: ['dans une famille lyonnaise', 'chez des particuliers', 'dans plusieurs maisons bourgeoises'], weight: 2 },
  { m: 'ouvrier du textile', f: 'ouvrière du textile', at: ['à Roanne', 'dans une filature', 'dans la vallée du Gier'], weight: 3 },
];

export interface Place {
  town: string;
  /** Department name, region or country, used in sentences ("à Roanne, dans la Loire"). */
  area: string;
  /** INS birth-place code: a department code, or '99' for abroad. */
  dept: string;
  /** For abroad: INSEE country code (3 digits). */
  country?: string;
  /** A regional or origin language likely spoken. */
  language?: string;
  abroad?: boolean;
}

// prettier-ignore
export const FRENCH_PLACES: readonly Place[] = [
  { town: 'Lyon', area: 'dans le Rhône', dept: '69' }, { town: 'Villeurbanne', area: 'dans le Rhône', dept: '69' },
  { town: 'Villefranche-sur-Saône', area: 'dans le Rhône', dept: '69' }, { town: 'Tarare', area: 'dans le Rhône', dept: '69' },
  { town: 'Givors', area: 'dans le Rhône', dept: '69' }, { town: 'Caluire-et-Cuire', area: 'dans le Rhône', dept: '69' },
  { town: 'Saint-Étienne', area: 'dans la Loire', dept: '42' }, { town: 'Roanne', area: 'dans la Loire', dept: '42' },
  { town: 'Rive-de-Gier', area: 'dans la Loire', dept: '42' }, { town: 'Vienne', area: "dans l'Isère", dept: '38' },
  { town: 'Grenoble', area: "dans l'Isère", dept: '38' }, { town: 'Bourg-en-Bresse', area: "dans l'Ain", dept: '01' },
  { town: 'Oyonnax', area: "dans l'Ain", dept: '01' }, { town: 'Mâcon', area: 'en Saône-et-Loire', dept: '71' },
  { town: 'Montceau-les-Mines', area: 'en Saône-et-Loire', dept: '71' }, { town: 'Chambéry', area: 'en Savoie', dept: '73' },
  { town: 'Annecy', area: 'en Haute-Savoie', dept: '74' }, { town: 'Annonay', area: "en Ardèche", dept: '07', language: 'occitan' },
  { town: 'Aubenas', area: 'en Ardèche', dept: '07', language: 'occitan' }, { town: 'Valence', area: 'dans la Drôme', dept: '26' },
  { town: 'Clermont-Ferrand', area: 'dans le Puy-de-Dôme', dept: '63' }, { town: 'Le Puy-en-Velay', area: 'en Haute-Loire', dept: '43', language: 'occitan' },
  { town: 'Rodez', area: "dans l'Aveyron", dept: '12', language: 'occitan' }, { town: 'Mende', area: 'en Lozère', dept: '48', language: 'occitan' },
  { town: 'Aurillac', area: 'dans le Cantal', dept: '15', language: 'occitan' }, { town: 'Lens', area: 'dans le Pas-de-Calais', dept: '62' },
  { town: 'Douai', area: 'dans le Nord', dept: '59' }, { town: 'Brest', area: 'dans le Finistère', dept: '29', language: 'breton' },
  { town: 'Quimper', area: 'dans le Finistère', dept: '29', language: 'breton' }, { town: 'Marseille', area: 'dans les Bouches-du-Rhône', dept: '13' },
  { town: 'Nice', area: 'dans les Alpes-Maritimes', dept: '06' }, { town: 'Toulouse', area: 'en Haute-Garonne', dept: '31', language: 'occitan' },
  { town: 'Strasbourg', area: 'dans le Bas-Rhin', dept: '67', language: 'alsacien' }, { town: 'Colmar', area: 'dans le Haut-Rhin', dept: '68', language: 'alsacien' },
  { town: 'Metz', area: 'en Moselle', dept: '57' }, { town: 'Nancy', area: 'en Meurthe-et-Moselle', dept: '54' },
  { town: 'Paris', area: '', dept: '75' }, { town: 'Limoges', area: 'en Haute-Vienne', dept: '87' },
  { town: 'Bordeaux', area: 'en Gironde', dept: '33' }, { town: 'Nantes', area: 'en Loire-Atlantique', dept: '44' },
  { town: 'Dijon', area: "en Côte-d'Or", dept: '21' }, { town: 'Besançon', area: 'dans le Doubs', dept: '25' },
  { town: 'Ajaccio', area: 'en Corse', dept: '2A', language: 'corse' }, { town: 'Bastia', area: 'en Corse', dept: '2B', language: 'corse' },
  { town: 'Fort-de-France', area: 'en Martinique', dept: '97', language: 'créole' },
];

/** Birth places abroad, by family-name origin. */
// prettier-ignore
export const ABROAD_PLACES: Partial<Record<Origin, readonly Place[]>> = {
  it: [
    { town: 'Turin', area: 'dans le Piémont, en Italie', dept: '99', country: '127', language: 'italien', abroad: true },
    { town: 'Bergame', area: 'en Lombardie, en Italie', dept: '99', country: '127', language: 'italien', abroad: true },
    { town: 'Cosenza', area: 'en Calabre, en Italie', dept: '99', country: '127', language: 'italien', abroad: true },
  ],
  es: [
    { town: 'Murcie', area: 'en Espagne', dept: '99', country: '134', language: 'espagnol', abroad: true },
    { town: 'Valence', area: 'en Espagne', dept: '99', country: '134', language: 'espagnol', abroad: true },
    { town: 'Barcelone', area: 'en Catalogne', dept: '99', country: '134', language: 'espagnol', abroad: true },
  ],
  pt: [
    { town: 'Braga', area: 'dans le Minho, au Portugal', dept: '99', country: '139', language: 'portugais', abroad: true },
    { town: 'Viseu', area: 'au Portugal', dept: '99', country: '139', language: 'portugais', abroad: true },
  ],
  pl: [
    { town: 'Katowice', area: 'en Silésie, en Pologne', dept: '99', country: '122', language: 'polonais', abroad: true },
    { town: 'Cracovie', area: 'en Pologne', dept: '99', country: '122', language: 'polonais', abroad: true },
  ],
  maghreb: [
    { town: 'Tizi Ouzou', area: 'en Kabylie, en Algérie', dept: '99', country: '352', language: 'kabyle', abroad: true },
    { town: 'Oran', area: 'en Algérie', dept: '99', country: '352', language: 'arabe', abroad: true },
    { town: 'Constantine', area: 'en Algérie', dept: '99', country: '352', language: 'arabe', abroad: true },
    { town: 'Oujda', area: 'au Maroc', dept: '99', country: '350', language: 'arabe', abroad: true },
    { town: 'Sfax', area: 'en Tunisie', dept: '99', country: '351', language: 'arabe', abroad: true },
  ],
  vn: [
    { town: 'Hanoï', area: 'au Viêt Nam', dept: '99', country: '243', language: 'vietnamien', abroad: true },
    { town: 'Saïgon', area: 'au Viêt Nam', dept: '99', country: '243', language: 'vietnamien', abroad: true },
  ],
};

/** Towns around the demo facilities (north of Lyon), with postcodes, for home addresses. */
// prettier-ignore
export const LOCAL_TOWNS: readonly (readonly [string, string])[] = [
  ['Caluire-et-Cuire', '69300'], ['Lyon', '69004'], ['Lyon', '69009'], ['Rillieux-la-Pape', '69140'], ['Sathonay-Camp', '69580'],
  ['Fontaines-sur-Saône', '69270'], ['Villeurbanne', '69100'], ['Neuville-sur-Saône', '69250'], ["Collonges-au-Mont-d'Or", '69660'],
  ["Saint-Cyr-au-Mont-d'Or", '69450'], ['Fontaines-Saint-Martin', '69270'], ['Montanay', '69250'],
];

// prettier-ignore
export const STREETS: readonly string[] = [
  'rue Victor-Hugo', 'rue Jean-Jaurès', 'avenue de la République', 'rue Pasteur', 'chemin des Vignes', 'montée des Forts',
  'rue de la Gare', 'impasse des Lilas', 'rue du Bourg', "place de l'Église", 'rue des Écoles', 'allée des Acacias',
  'rue Jules-Ferry', 'rue Gambetta', 'avenue du Général-de-Gaulle', 'rue de la Paix', 'chemin de Montessuy', 'grande rue',
  'rue Pierre-et-Marie-Curie', 'rue des Pâquerettes', 'boulevard des Canuts', "rue d'Austerlitz", 'rue Dumenge',
  'chemin du Vallon', 'rue des Marronniers', 'rue Coste', 'rue du Stade', 'allée des Cerisiers', 'rue de la Mairie',
];

/** Main language first; a second language comes from the birth place or family origin. */
export const ORIGIN_LANGUAGE: Partial<Record<Origin, string>> = {
  it: 'italien',
  es: 'espagnol',
  pt: 'portugais',
  pl: 'polonais',
  maghreb: 'arabe',
  vn: 'vietnamien',
  antilles: 'créole',
};
export const OCCASIONAL_LANGUAGES: readonly string[] = ['anglais', 'allemand', 'italien', 'espagnol', 'patois savoyard', 'francoprovençal'];

/** 'Élodie' → 'elodie', "Aït Ahmed" → 'ait-ahmed': ASCII only, for e-mail addresses. */
export function asciiFold(text: string): string {
  let folded = foldCache.get(text);
  if (folded === undefined) {
    folded = fold(text);
    if (foldCache.size < 10_000) foldCache.set(text, folded);
  }
  return folded;
}
const foldCache = new Map<string, string>();
function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/œ/g, 'oe')
    .replace(/Œ/g, 'Oe')
    .replace(/æ/g, 'ae')
    .replace(/[łŁ]/g, 'l')
    .replace(/[øØ]/g, 'o')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
