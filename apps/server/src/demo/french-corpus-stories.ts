/**
 * Life stories, interests, habits and dislikes, composed from sentence templates so that stories differ.
 * Tone: factual, warm and respectful — what a care team would write with the person and the family.
 */
import type { Random } from '../lib/random.js';
import type { Origin, Place, Sex } from './french-corpus.js';

/** [label stored in the profile, phrase used in a sentence]. */
export const INTERESTS: readonly (readonly [string, string])[] = [
  ['jardinage', 'le jardinage'],
  ['chant', 'le chant'],
  ['belote', 'la belote'],
  ['tricot', 'le tricot'],
  ['pétanque', 'la pétanque'],
  ['lecture du journal', 'la lecture du journal'],
  ['cuisine', 'la cuisine'],
  ['danse', 'la danse'],
  ['football', 'le football'],
  ['mots croisés', 'les mots croisés'],
  ['accordéon', "l'accordéon"],
  ['musique classique', 'la musique classique'],
  ['messe', 'la messe du dimanche'],
  ['peinture', 'la peinture'],
  ['promenade', 'les promenades'],
  ['animaux', 'les animaux'],
  ['couture', 'la couture'],
  ['bricolage', 'le bricolage'],
  ['cinéma', 'les vieux films'],
  ['chanson française', 'la chanson française'],
  ['loto', 'le loto'],
  ['scrabble', 'le scrabble'],
  ['pêche', 'la pêche'],
  ['cyclisme', 'le Tour de France'],
  ['rugby', 'le rugby'],
  ['opérette', "l'opérette"],
  ['broderie', 'la broderie'],
  ['photographie', 'la photographie'],
  ['histoire locale', "l'histoire de sa région"],
  ['voyages', 'les récits de voyage'],
  ['art floral', "l'art floral"],
  ['tarot', 'le tarot'],
  ['généalogie', 'la généalogie'],
  ['romans', 'les romans policiers'],
  ['jeux télévisés', 'les jeux télévisés'],
  ['bal musette', 'le bal musette'],
  ['pâtisserie', 'la pâtisserie'],
  ['poésie', 'la poésie'],
  ['oiseaux', 'les oiseaux du jardin'],
  ['mots mêlés', 'les mots mêlés'],
  ['puzzles', 'les puzzles'],
  ['Olympique lyonnais', "les matchs de l'OL"],
  ['radio', 'la radio'],
  ['montagne', 'la montagne'],
];

export const DISLIKES: readonly string[] = [
  'le bruit',
  'les épinards',
  'la foule',
  'la télévision trop forte',
  'le froid',
  'la douche le soir',
  'le poisson',
  'les chats',
  'les chiens',
  'le tutoiement',
  'les endives',
  'le lait',
  'le fromage fort',
  "les courants d'air",
  'la chaleur',
  "l'obscurité totale la nuit",
  'les animations bruyantes',
  'le chou-fleur',
  'les plats épicés',
  "qu'on entre sans frapper",
  'attendre',
  'le café trop fort',
  "l'ascenseur",
  'la solitude en fin de journée',
  'la viande rouge',
  'les films violents',
  'les jeux de société',
  'les orages',
  'la précipitation',
  'les repas trop copieux',
  'la soupe',
  'le riz au lait',
  'les piqûres',
  'les changements de programme',
  'la pluie',
  'les portes fermées',
];

export interface StoryContext {
  sex: Sex;
  firstName: string;
  lastName: string;
  birthYear: number;
  birthPlace: Place;
  origin: Origin;
  /** Gendered occupation and where; null: stayed at home to raise the children. */
  occupation: { label: string; at: string } | null;
  spouseFirstName: string | null;
  marriageYear: number | null;
  widowedYear: number | null;
  children: number;
  grandchildren: number;
  interestPhrases: string[];
  cognition: number;
  kind: 'ehpad' | 'day_care' | 'ssiad';
  livesWithSpouse: boolean;
  todayYear: number;
}

type Template = (c: StoryContext, r: Random) => string | null;

const NUMBERS = ['zéro', 'un', 'deux', 'trois', 'quatre', 'cinq', 'six', 'sept', 'huit', 'neuf', 'dix', 'onze', 'douze'];
const num = (n: number) => NUMBERS[n] ?? String(n);
const g = (c: StoryContext, m: string, f: string) => (c.sex === 'F' ? f : m);
const il = (c: StoryContext) => g(c, 'il', 'elle');
const Il = (c: StoryContext) => g(c, 'Il', 'Elle');
const e = (c: StoryContext) => g(c, '', 'e');
const lui = (c: StoryContext) => g(c, 'lui', 'elle');
/** "qu'il" / "qu'elle". */
const qu = (c: StoryContext) => `qu'${il(c)}`;
const place = (p: Place) => (p.area ? `${p.town}, ${p.area}` : p.town);
/** "à Lyon, dans le Rhône", "au Puy-en-Velay, en Haute-Loire". */
const inPlace = (p: Place) => (p.town.startsWith('Le ') ? `au ${place(p).slice(3)}` : `à ${place(p)}`);
/** "de Lyon", "d'Oran", "du Puy-en-Velay". */
const fromPlace = (p: Place) => (p.town.startsWith('Le ') ? `du ${place(p).slice(3)}` : /^[AEIOUYÉÈÂ]/.test(p.town) ? `d'${place(p)}` : `de ${place(p)}`);
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** "de Marcel", "d'Antoine". */
const deName = (name: string) => (/^[AEIOUYÉÈÂÎ]/.test(name) ? `d'${name}` : `de ${name}`);

function childrenPhrase(c: StoryContext, r: Random): string {
  if (c.children === 1) return r.pick(['un fils', 'une fille']);
  if (c.children === 2) return r.pick(['deux enfants', 'deux filles', 'deux garçons', 'un fils et une fille']);
  return `${num(c.children)} enfants`;
}

const BIRTH: Template[] = [
  (c, r) =>
    c.birthPlace.abroad
      ? `${g(c, 'Né', 'Née')} en ${c.birthYear} ${inPlace(c.birthPlace)}, ${c.firstName} est arrivé${e(c)} en France à l'âge de ${num(r.int(4, 12))} ans avec ses parents.`
      : `${g(c, 'Né', 'Née')} en ${c.birthYear} ${inPlace(c.birthPlace)}, ${c.firstName} est ${r.pick([g(c, "l'aîné", "l'aînée") + ` de ${num(r.int(3, 7))} enfants`, g(c, 'le benjamin', 'la benjamine') + ` d'une famille de ${num(r.int(3, 8))} enfants`, g(c, 'fils unique', 'fille unique'), g(c, 'le deuxième', 'la deuxième') + ` d'une fratrie de ${num(r.int(3, 5))}`])}.`,
  (c, r) =>
    c.birthPlace.abroad
      ? `${c.firstName} a grandi ${inPlace(c.birthPlace)}, avant que sa famille ne s'installe dans la région lyonnaise en ${c.birthYear + r.int(2, 15)}.`
      : `${c.firstName} a grandi ${inPlace(c.birthPlace)}, où ses parents étaient ${r.pick(['agriculteurs', 'commerçants', 'boulangers', 'ouvriers en usine', 'métayers', 'épiciers', 'cafetiers'])}.`,
  (c, r) =>
    c.birthPlace.abroad
      ? `Originaire ${fromPlace(c.birthPlace)}, ${il(c)} a quitté son pays à ${r.int(17, 25)} ans ${g(c, 'pour venir travailler en France', 'pour rejoindre son mari en France')}.`
      : `${g(c, 'Fils', 'Fille')} d'un ${r.pick(['cheminot', 'mineur', 'facteur', 'menuisier', 'paysan', 'boucher', 'tonnelier', 'forgeron', 'ouvrier tisseur'])} et d'une ${r.pick(['couturière', 'lingère', 'institutrice', 'mère au foyer', 'fermière', 'blanchisseuse', 'épicière'])}, ${il(c)} a passé son enfance ${inPlace(c.birthPlace)}.`,
  (c, r) =>
    `${c.firstName} est originaire ${fromPlace(c.birthPlace)} ; ${il(c)} y a passé une enfance ${r.pick(['heureuse', 'modeste mais heureuse', 'simple', c.birthYear <= 1940 ? 'marquée par la guerre' : 'studieuse'])}, ${r.pick(["entre l'école et les travaux des champs", `${g(c, 'entouré', 'entourée')} de ses frères et sœurs`, 'au bord de la rivière', 'auprès de ses grands-parents', 'dans un quartier très vivant'])}.`,
];

const HISTORY: Template[] = [
  (c) => (c.birthYear <= 1938 ? `${Il(c)} garde des souvenirs précis de la guerre, ${qu(c)} évoque parfois avec émotion.` : null),
  (c) =>
    c.birthYear <= 1939 && !c.birthPlace.abroad
      ? `Enfant pendant l'Occupation, ${il(c)} a été ${g(c, 'envoyé', 'envoyée')} quelque temps chez des cousins à la campagne.`
      : null,
  (c) =>
    c.sex === 'M' && c.birthYear >= 1934 && c.birthYear <= 1942 && !c.birthPlace.abroad
      ? `Il a fait son service militaire en Algérie, une période dont il parle peu.`
      : null,
  (c) => (c.birthYear <= 1952 ? `${Il(c)} a obtenu son certificat d'études à quatorze ans, ce dont ${il(c)} reste ${g(c, 'fier', 'fière')}.` : null),
  (c) =>
    !c.birthPlace.abroad
      ? `Comme beaucoup de sa génération, ${il(c)} a quitté la campagne pour la ville dans les années ${Math.floor((c.birthYear + 20) / 10) * 10}.`
      : null,
  (c, r) =>
    c.birthPlace.abroad
      ? `${Il(c)} s'est ${g(c, 'installé', 'installée')} à Lyon en ${c.birthYear + r.int(18, 28)} et n'en est plus ${g(c, 'reparti', 'repartie')}.`
      : null,
];

const WORK: Template[] = [
  (c, r) =>
    c.occupation
      ? `${Il(c)} a été ${c.occupation.label} ${c.occupation.at} pendant ${r.pick(['vingt', 'vingt-cinq', 'trente', 'trente-cinq', 'quarante'])} ans.`
      : null,
  (c, r) =>
    c.occupation
      ? `${Il(c)} a travaillé comme ${c.occupation.label} ${c.occupation.at} jusqu'à sa retraite, en ${Math.min(c.todayYear - 1, c.birthYear + r.int(57, 64))}.`
      : null,
  (c) =>
    c.occupation && c.birthYear >= 1932
      ? `Après un CAP, ${il(c)} est ${g(c, 'devenu', 'devenue')} ${c.occupation.label} ${c.occupation.at}, un métier ${qu(c)} a beaucoup aimé.`
      : null,
  (c) =>
    c.occupation
      ? `${g(c, 'Entré', 'Entrée')} très jeune dans la vie active, ${il(c)} a été ${c.occupation.label} ${c.occupation.at} ; ${il(c)} en parle encore volontiers.`
      : null,
  (c, r) =>
    c.occupation
      ? `${cap(c.occupation.label)} ${c.occupation.at}, ${il(c)} était ${r.pick([g(c, 'très apprécié de ses collègues', 'très appréciée de ses collègues'), g(c, 'connu de tout le quartier', 'connue de tout le quartier'), g(c, 'fier de son travail bien fait', 'fière de son travail bien fait')])}.`
      : null,
  (c, r) =>
    c.occupation
      ? null
      : `${Il(c)} s'est ${g(c, 'consacré', 'consacrée')} à l'éducation de ses enfants tout en aidant ${c.spouseFirstName ? 'son mari' : 'ses parents'} ${r.pick(['à la ferme', 'au commerce familial', "aux comptes de l'entreprise", "à l'atelier"])}.`,
  (c) => (c.occupation ? null : `Mère au foyer, elle a aussi fait de la couture et des travaux de repassage pour tout le voisinage.`),
];

const FAMILY: Template[] = [
  (c, r) => {
    if (!c.spouseFirstName || c.marriageYear === null) return null;
    if (c.children === 0)
      return `${Il(c)} a épousé ${c.spouseFirstName} en ${c.marriageYear} ; ils n'ont pas eu d'enfants mais sont restés très proches de leurs neveux et nièces.`;
    return r.chance(0.5)
      ? `${Il(c)} a épousé ${c.spouseFirstName} en ${c.marriageYear} ; ils ont eu ${childrenPhrase(c, r)}.`
      : `${Il(c)} a rencontré ${c.spouseFirstName} ${r.pick(['au bal du 14 Juillet', 'à la sortie de la messe', "à l'usine", 'chez des amis', "lors d'un mariage", 'à la fête du village', 'au marché'])} ; ils se sont mariés en ${c.marriageYear} et ont eu ${childrenPhrase(c, r)}.`;
  },
  (c, r) =>
    c.spouseFirstName
      ? null
      : r.pick([
          `${Il(c)} ne s'est pas ${g(c, 'marié', 'mariée')} et a consacré beaucoup de temps à sa famille, notamment à ses neveux et nièces.`,
          `Célibataire, ${il(c)} a toujours été très ${g(c, 'entouré', 'entourée')} par ses amis et ses voisins.`,
        ]),
];

const AFTER_FAMILY: Template[] = [
  (c) =>
    c.widowedYear !== null && c.spouseFirstName
      ? `${g(c, 'Veuf', 'Veuve')} depuis ${c.widowedYear}, ${il(c)} reste très ${g(c, 'attaché', 'attachée')} au souvenir ${deName(c.spouseFirstName)}.`
      : null,
  (c) => (c.livesWithSpouse && c.spouseFirstName ? `${c.spouseFirstName} est toujours à ses côtés et l'accompagne au quotidien.` : null),
  (c, r) => {
    if (c.grandchildren === 0) return null;
    const great = r.chance(0.4) ? r.int(1, 4) : 0;
    const kids = (n: number, one: string, many: string) => (n === 1 ? `un ${one}` : `${num(n)} ${many}`);
    return `${Il(c)} a ${kids(c.grandchildren, 'petit-enfant', 'petits-enfants')}${great ? ` et ${kids(great, 'arrière-petit-enfant', 'arrière-petits-enfants')}` : ''}, dont ${il(c)} parle avec fierté.`;
  },
];

const EVENTS: Template[] = [
  (c) => `${Il(c)} a chanté dans la chorale paroissiale pendant plus de trente ans.`,
  (c) => `Une fois à la retraite, ${il(c)} a parcouru la France en camping-car${c.spouseFirstName ? ` avec ${c.spouseFirstName}` : ''}.`,
  (c) => (c.sex === 'M' ? `Il a été pompier volontaire pendant vingt ans.` : `Elle a été conseillère municipale de sa commune pendant deux mandats.`),
  (c) => `${Il(c)} a longtemps été bénévole aux Restos du cœur.`,
  (c) => `${Il(c)} a tenu pendant quinze ans le stand de crêpes de la kermesse de l'école.`,
  (c) => `Le déménagement dans la région lyonnaise, dans les années ${Math.floor((c.birthYear + 30) / 10) * 10}, a marqué un tournant dans sa vie.`,
  (c) => `${Il(c)} a perdu un enfant jeune ; c'est un sujet à n'aborder que ${c.sex === 'F' ? 'si elle' : "s'il"} l'évoque.`,
  (c) => `${Il(c)} a été ${g(c, 'président', 'présidente')} du club de ${c.sex === 'F' ? 'couture' : 'pétanque'} de son quartier.`,
  (c) => `${Il(c)} a appris à nager à soixante ans, une fierté ${qu(c)} aime raconter.`,
  (c) => `${Il(c)} a fait partie de la fanfare municipale, où ${il(c)} jouait du ${c.sex === 'F' ? 'tambour' : 'clairon'}.`,
  (c) => `${Il(c)} a participé à la construction de sa maison, pierre par pierre, avec l'aide de ${c.spouseFirstName ? 'sa belle-famille' : 'ses amis'}.`,
  (c) => `${Il(c)} a longtemps tenu un carnet où ${il(c)} notait les recettes de sa mère.`,
  (c) => `${Il(c)} s'est ${g(c, 'occupé', 'occupée')} de sa mère malade pendant plusieurs années, jusqu'au bout.`,
  (c) => `Grand${g(c, '', 'e')} ${g(c, 'voyageur', 'voyageuse')} après la retraite, ${il(c)} a visité l'Italie, le Portugal et le Canada.`,
  (c) => `${Il(c)} a été ${g(c, 'élu', 'élue')} au conseil de sa paroisse et a organisé de nombreuses fêtes de village.`,
  (c) => `La naissance de son premier petit-enfant reste ${c.grandchildren > 0 ? "l'un de ses plus beaux souvenirs" : 'un souvenir fort'}.`,
];

const TASTES: Template[] = [
  (c) => (c.interestPhrases.length >= 2 ? `${Il(c)} aime ${c.interestPhrases[0]} et ${c.interestPhrases[1]}.` : null),
  (c) =>
    c.interestPhrases.length >= 1
      ? `${Il(c)} apprécie particulièrement ${c.interestPhrases[0]}${c.interestPhrases[1] ? `, mais aussi ${c.interestPhrases[1]}` : ''}.`
      : null,
  (c) => (c.interestPhrases.length >= 3 ? `Parmi ses plaisirs : ${c.interestPhrases[0]}, ${c.interestPhrases[1]} et ${c.interestPhrases[2]}.` : null),
  (c) => (c.interestPhrases.length >= 1 ? `On peut facilement engager la conversation avec ${lui(c)} sur ${c.interestPhrases[0]}.` : null),
];

const NOW: Template[] = [
  (c, r) =>
    `Aujourd'hui, ce qui compte le plus pour ${lui(c)}, ce sont ${c.children > 0 ? r.pick(['les visites de ses enfants', 'les visites de sa famille', 'les appels de ses petits-enfants', 'les repas de famille du dimanche']) : r.pick(['les visites de ses amis', 'les nouvelles de ses neveux', 'les échanges avec ses voisins'])}.`,
  (c) => `${Il(c)} tient à garder son indépendance autant que possible et à choisir ses vêtements ${g(c, 'lui-même', 'elle-même')}.`,
  (c) => `${Il(c)} aime qu'on l'appelle par son prénom et qu'on prenne le temps de discuter.`,
  (c) => `${Il(c)} tient à ce qu'on l'appelle ${g(c, 'Monsieur', 'Madame')} ${c.lastName} et apprécie les marques de politesse.`,
  (c) => `${Il(c)} est très ${g(c, 'attaché', 'attachée')} à son apparence : coiffeur toutes les deux semaines et vêtements soignés.`,
  (c, r) =>
    `Rester en contact avec ${r.pick(['ses amies de la paroisse', 'ses anciens collègues', 'ses voisins', 'ses amis du club'])} est très important pour ${lui(c)}.`,
  (c) =>
    c.kind !== 'ehpad'
      ? `Continuer à vivre chez ${lui(c)}${c.livesWithSpouse && c.spouseFirstName ? `, avec ${c.spouseFirstName},` : ''} est ce qui compte le plus pour ${lui(c)}.`
      : null,
  (c) => (c.cognition >= 2 ? `Même si les souvenirs récents lui échappent, ${il(c)} réagit avec plaisir aux chansons de sa jeunesse.` : null),
  (c) => (c.cognition >= 2 ? `${Il(c)} retrouve le sourire quand on évoque ${c.birthPlace.town}.` : null),
  (c) => (c.cognition >= 3 ? `Le contact, la voix et les gestes doux l'apaisent davantage que les longues explications.` : null),
  (c) => (c.kind === 'ehpad' ? `${Il(c)} apprécie le calme de sa chambre et la vue sur le jardin.` : null),
  () => `La foi tient une place importante dans sa vie.`,
  (c) => `${Il(c)} souhaite qu'on l'aide à rester ${g(c, 'actif', 'active')} et utile, par exemple en mettant la table.`,
];

/** A random template that applies to this person (several random tries, then a scan from a random start). */
function one(templates: readonly Template[], c: StoryContext, r: Random): string | null {
  for (let i = 0; i < 4; i++) {
    const s = r.pick(templates)(c, r);
    if (s) return s;
  }
  const start = r.int(0, templates.length - 1);
  for (let i = 0; i < templates.length; i++) {
    const s = templates[(start + i) % templates.length]!(c, r);
    if (s) return s;
  }
  return null;
}

/** A life story of 3 to 6 sentences, in life order. */
export function composeLifeStory(c: StoryContext, r: Random): string {
  const parts: (string | null)[] = [one(BIRTH, c, r)];
  const extras = r.int(0, 3);
  const optional = r.sample(['history', 'after', 'event', 'tastes', 'now', 'now'], extras + 1);
  const want = (k: string) => optional.includes(k);
  if (want('history')) parts.push(one(HISTORY, c, r));
  // Those who stayed at home to raise their children: family first, then what they did.
  if (c.occupation) parts.push(one(WORK, c, r), one(FAMILY, c, r));
  else parts.push(one(FAMILY, c, r), one(WORK, c, r));
  if (want('after')) parts.push(one(AFTER_FAMILY, c, r));
  if (want('event')) parts.push(one(EVENTS, c, r));
  if (want('tastes')) parts.push(one(TASTES, c, r));
  if (want('now')) parts.push(one(NOW, c, r));
  const sentences = parts.filter((s): s is string => !!s).slice(0, 6);
  while (sentences.length < 3) sentences.push(one(NOW, c, r) ?? `${Il(c)} aime les moments calmes de la journée.`);
  return sentences.join(' ');
}

const HABITS: Template[] = [
  (c, r) => `Se lève tôt, vers ${r.pick(['6 h', '6 h 30', '7 h'])}, et aime prendre son café au lait avant la toilette.`,
  (c) => `Aime faire la grasse matinée ; préfère ne pas être ${g(c, 'réveillé', 'réveillée')} avant 8 h 30.`,
  () => `Préfère la douche au bain, le matin.`,
  () => `Fait une sieste après le déjeuner, dans son fauteuil.`,
  (c, r) =>
    `Regarde ${r.pick(['« Questions pour un champion »', 'le journal de 13 heures', 'la messe télévisée du dimanche', "les matchs de l'OL", "« N'oubliez pas les paroles »"])} chaque fois que possible.`,
  () => `Boit un petit verre de vin rouge au repas de midi, avec l'accord du médecin.`,
  (c) => (c.kind === 'ehpad' ? `Aime garder la porte de sa chambre entrouverte la nuit.` : `Aime garder la lumière du couloir allumée la nuit.`),
  () => `Se couche tôt, après une tisane vers 20 h.`,
  () => `Lit Le Progrès chaque matin, en commençant par les avis de décès et la page locale.`,
  (c, r) => `Téléphone à ${c.children > 0 ? r.pick(['sa fille', 'son fils']) : 'sa sœur'} tous les soirs vers 18 h.`,
  () => `Aime choisir ses vêtements la veille au soir.`,
  () => `Prend son petit-déjeuner tranquillement, pain beurré et confiture.`,
  (c) => `Tient à faire son lit ${g(c, 'lui-même', 'elle-même')}.`,
  (c) =>
    c.spouseFirstName && c.widowedYear !== null
      ? `Garde une photo ${deName(c.spouseFirstName)} sur la table de nuit et lui dit bonsoir.`
      : `Garde des photos de famille sur la table de nuit.`,
  () => `Aime qu'une veilleuse reste allumée la nuit.`,
  () => `Mange lentement et apprécie qu'on ne le presse pas au repas.`,
  () => `Sucre beaucoup son café.`,
  (c) => (c.sex === 'M' ? `Se rase tous les matins, au rasoir électrique.` : `Se maquille légèrement avant de sortir de sa chambre.`),
  () => `Va marcher dans le jardin après le goûter quand il fait beau.`,
  () => `Écoute la radio le matin en se préparant.`,
  () => `Aime dire son chapelet en fin de journée.`,
  (c) => (c.origin === 'maghreb' ? `Fait ses prières quotidiennes ; ne mange pas de porc.` : null),
  () => `Prend une douche tous les deux jours et une toilette au lavabo les autres jours.`,
  () => `Aime avoir un verre d'eau et ses lunettes à portée de main.`,
];

/** Two or three habit sentences; mentions of "le" are adapted to the person's sex. */
export function composeHabits(c: StoryContext, r: Random): string {
  const out: string[] = [];
  const target = r.int(2, 3);
  for (const t of r.sample(HABITS, 6)) {
    const s = t(c, r);
    if (s) out.push(c.sex === 'F' ? s.replace("qu'on ne le presse", "qu'on ne la presse") : s);
    if (out.length >= target) break;
  }
  return out.join(' ');
}
