import { NOTE_SIGNALS, type NoteSignal } from '@presence/shared';

/**
 * The analyser's French lexicon: trigger expressions per signal and the cues of context
 * (negation, uncertainty, history, another experiencer). Patterns are regular-expression sources
 * over the normalised text (lower case, no accents, apostrophe "'"). Each trigger's span is the
 * whole match unless the pattern has a named group `t`, which then marks the span.
 */
/** The 17 signals are the shared package's list (the web filters on them too). */
export const SIGNALS = NOTE_SIGNALS;
export type Signal = NoteSignal;

/** A trigger: `negated` marks words that state the signal's absence by themselves ("apyrétique"). */
export interface TriggerDef {
  re: string;
  negated?: boolean;
}

// Shared fragments.
const DET = "(?:le |la |les |l'|son |sa |ses |un |une |des |du |de la |de l'|d'|de )?";
const MEAL =
  '(?:repas|plateau|assiette|dejeuner|diner|souper|petit[- ]dejeuner|petit dej|pdj|gouter|collation|entree|dessert|plat|viande|soupe|potage|complement(?:s)?(?: alimentaire)?(?:s)?|cno|nourriture|aliments?)';
const DRINK = "(?:boire|boissons?|eau|verre d'eau|hydratation|s'hydrater|gelifiee?s?|eau gelifiee|the|cafe|jus)";
const CARE =
  "(?:toilette|douche|bain|soins?|traitements?|ttt|medicaments?|medocs?|medications?|cachets?|comprimes?|cp|gouttes|pansements?|change|changes|protection|prise de sang|bilan sanguin|bilan|prelevements?|injections?|insuline|piqures?|kine|kinesitherapie|lever|se lever|coucher|se coucher|habillage|s'habiller|rasage|pesee|aide|aerosols?|mesure de|constantes|glycemie|dextro|surveillance|installation|mobilisation|transfert|verticalisation|examen|auscultation|vaccin)";
const BODY =
  '(?:dos|ventre|tete|genou|genoux|jambe|jambes|hanche|hanches|bras|epaule|epaules|pied|pieds|cou|nuque|poitrine|thorax|dents|dent|gorge|oreille|oreilles|poignet|cheville|chevilles|main|mains|coude|talon|talons|fesse|fesses|bassin|cote|cotes|estomac|abdomen|coccyx|sacrum|mollet|doigt|doigts|orteil|orteils|machoire|bouche|yeux|oeil|partout|articulations|membres?)';

export const TRIGGERS: Record<Signal, TriggerDef[]> = {
  fall: [
    { re: '(?:reste|restee|restes|restees|etait|git) (?:au sol|par terre|a terre)' },
    { re: '(?:re)?chut(?:e|es|ee|ees|er|ait)' },
    { re: "(?:re)?tomb(?:e|ee|es|ees|er|ait|ent|ant)\\b(?!\\s+(?:amoureu|de la nuit|d'accord|sur (?:la|une) (?:photo|emission)|bien))" },
    {
      re: '(?:retrouvee?s?|trouvee?s?|decouverte?s?|allongee?s?|assise?s?|couchee?s?|etendue?s?|releve(?:e|es)?)(?: ce matin| cette nuit| a \\d+h\\d*| vers \\d+h\\d*| en chambre| dans (?:sa|la) (?:chambre|salle de bain|sdb)| ds (?:sa|la) (?:chambre|sdb))? (?:au|a|par) (?:sol|terre)',
    },
    { re: '(?:releve(?:e)?|relever) du sol' },
    { re: 'glissade|a glisse|glisse de (?:son|sa|du|la) (?:fauteuil|lit|chaise)|a glisse de' },
    { re: "perte d'equilibre|pertes d'equilibre|desequilibre" },
  ],
  pain: [
    { re: '\\balgoplus (?:a |de |= ?|: ?)?[1-5]\\b(?:/5)?' },
    { re: '\\balgoplus (?:a |de |= ?|: ?)?0\\b(?:/5)?', negated: true },
    { re: 'douleurs?|doul(?:oureu(?:x|se|ses))|dlrs?' },
    {
      re: 'algi(?:que|ques|e|es)|lombalgies?|cervicalgies?|gonalgies?|arthralgies?|dorsalgies?|cephalees?|migraines?|epigastralgies?|coxalgies?|abdominalgies?|sciatique|lumbago|neuralgies?',
    },
    { re: `(?:a |avoir |aurait |avait )?(?:tres |bien |un peu |tjrs |toujours )?mal (?:au |aux |a la |a l'|a |de |partout|ds le |dans le )?${BODY}?` },
    { re: `se plaint (?:du |de la |des |de l'|d'|de )${BODY}` },
    { re: 'plaintes? (?:douloureuses?|algiques?)' },
    { re: '\\beva (?:a |de |= ?|: ?)?(?:[1-9]|10)\\b(?:/10)?' },
    { re: '\\beva (?:a |de |= ?|: ?)?0\\b(?:/10)?', negated: true },
    { re: 'indolore|non douloureu(?:x|se)|non algique', negated: true },
    { re: 'souffr(?:e|ait|ante)|grimace(?:s)?(?: a la mobilisation| au toucher| aux soins)?|gemi(?:t|ssements?|ssait)|rictus' },
  ],
  appetite_loss: [
    {
      re: "(?:j'ai |a |n'a |n'avait |avait )?(?:pas|plus|jamais) faim|mangerait (?:moins|peu|mal|plus rien)|(?:a )?perdu l'appetit|perd l'appetit|refus (?:alimentaire )?total",
    },
    {
      re: `(?:mange|a mange|s'alimente|s'est alimentee?|s'alimentait|mangeait) (?:tres |trop |vraiment )?(?:peu|mal|moins|que tres peu|tres peu|a peine|du bout des levres)`,
    },
    { re: `(?:a )?(?:tres )?peu (?:mange|manger)|peu alimentee?` },
    {
      re: `(?:n'a|n a|na) (?:pas|rien|presque rien|quasi rien|pratiquement rien|que peu|quasiment rien) (?:mange|avale|touche (?:a )?${DET}${MEAL}|pris (?:de |son |sa )?${MEAL})`,
    },
    { re: `(?:ne mange|ne s'alimente|ne se nourrit|mange|s'alimente) (?:pas|plus|rien|presque plus|presque rien|quasi plus|quasiment plus|pratiquement plus)` },
    {
      re: `refus(?:e|ent|ait|e de|ait de)? (?:de manger|de s'alimenter|${DET}(?:tout |toute )?${MEAL}|alimentaire|de (?:petit[- ]dejeuner|dejeuner|diner|gouter)|a manger|la nourriture|de se nourrir|l'alimentation|de prendre (?:son |ses |sa )?${MEAL})`,
    },
    {
      re: `(?:perte|baisse|diminution|manque|absence) d'appetit|pas d'appetit|peu d'appetit|petit appetit|sans appetit|appetit (?:diminue|faible|moindre|en baisse|capricieux|d'oiseau|reduit|mediocre|inexistant|tres moyen|moyen)|anorexie|inappetence|dysphagie|fausses? routes?`,
    },
    { re: `${MEAL} (?:non touche|pas touche|intact|laisse|entierement laisse|renvoye|refuse|quasi intact|a peine touche|peu touche)(?:e|s|es)?` },
    { re: `laisse (?:la moitie|les? trois quarts|tout|son assiette|son plateau|son repas)` },
    { re: `(?:mange|a mange|consomme|a consomme) (?:1/4|1/3|la moitie|un quart|un tiers|25 ?%|30 ?%|50 ?%|moins de la moitie)` },
    { re: `(?:ingesta|apports?(?: alimentaires?)?) (?:faibles?|insuffisants?|en baisse|diminues?|limites?|tres faibles?)` },
  ],
  dehydration: [
    { re: 'deshydrat(?:ee?s?|ation)' },
    { re: '(?:boit|a bu|buvait) (?:tres |trop )?(?:peu|mal|moins|tres peu|a peine)|(?:a )?(?:tres )?peu bu' },
    { re: "(?:ne boit|boit) (?:pas|plus|rien|presque plus|presque rien|quasi rien)|(?:n'a|n a|na) (?:pas|rien|presque rien|quasi rien|que peu) bu" },
    { re: `refus(?:e|ent|ait)? (?:de boire|${DET}${DRINK}|hydrique|de s'hydrater)` },
    {
      re: 'hydratation (?:insuffisante|faible|difficile|limite|mediocre|precaire|en baisse)|apports? hydriques? (?:faibles?|insuffisants?|en baisse|diminues?|limites?)|peu hydratee?',
    },
    { re: 'pli cutane|bouche seche|muqueuses? seches?|langue seche|levres seches|langue rotie|soif intense' },
  ],
  weight_loss: [
    { re: '(?:avait |avait deja |deja )?perdu (?:\\d+(?:[.,]\\d+)? ?kgs?|\\d+ ?kilos?|du poids)' },
    {
      re: 'pert(?:e|es) de (?:poids|\\d+(?:[.,]\\d+)? ?kgs?|\\d+ ?kilos?)|perte ponderale|perd du poids|a perdu (?:du poids|\\d+(?:[.,]\\d+)? ?kgs?|\\d+ ?kilos?|\\d+ ?%|plusieurs kilos|des kilos|du poids)',
    },
    { re: 'amaigri(?:e|es|ssement)?|a maigri|maigri(?:t)?\\b|a fondu' },
    { re: 'poids (?:en baisse|en diminution|qui baisse|diminue|en chute)|(?<t>-\\s?\\d+(?:[.,]\\d+)? ?kgs?)' },
    { re: 'vetements (?:trop grands|flottent|devenus larges)|flotte dans ses vetements' },
  ],
  sleep_disturbance: [
    { re: "(?<=(?:pas d'|aucun |sans |plus de )(?:autre |nouveau )?)reveils?", negated: true },
    {
      re: 'dormir (?:tres )?(?:mal|peu)|se leve (?:la nuit|plusieurs fois (?:la|par) nuit|toutes les nuits)|(?:reveillee?|se reveill(?:e|ait)) toutes les (?:heures|\\d+ ?min)',
    },
    { re: 'insomni(?:e|es|aque)' },
    {
      re: 'nuit (?:agitee|difficile|blanche|courte|mouvementee|perturbee|compliquee|tres agitee|hachee|entrecoupee|sans sommeil|mauvaise|penible)|mauvaise nuit|nuits? (?:agitees|difficiles|blanches)',
    },
    { re: "(?:n'a|n a|na) (?:pas|presque pas|quasi pas|que peu|pas bien|pas beaucoup) (?:dormi|pu dormir|ferme l'oeil|trouve le sommeil)" },
    { re: '(?:ne dort|dort|dormi|a dormi|dormait) (?:pas|plus|mal|peu|tres peu|tres mal|que \\d+ ?h|par intermittence)|peu dormi|mal dormi' },
    {
      re: 'reveils? (?:nocturnes?|multiples|frequents|precoces?|repetes)|se reveill(?:e|ait) (?:souvent|plusieurs fois|toutes les heures|frequemment|a \\d+h\\d*|la nuit|vers \\d+h)|(?:reveillee?|eveillee?|eveil|debout|levee?) (?:une grande partie de la nuit|toute la nuit|la majeure partie de la nuit|depuis \\d+h|des \\d+h|a \\d+h|plusieurs fois)',
    },
    {
      re: "inversion (?:du )?(?:rythme|cycle)(?: nycthemeral| veille[- ]sommeil)?|troubles? du sommeil|sommeil (?:agite|perturbe|difficile|leger|entrecoupe|de mauvaise qualite|haché|hache|fragmente)|difficultes? (?:d'|a l')endormissement|endormissement difficile|difficile a endormir|ne trouve pas le sommeil|ne parvient pas a (?:dormir|s'endormir)|n'arrive pas a (?:dormir|s'endormir)",
    },
  ],
  agitation: [
    { re: 'se debat(?:tait)?' },
    { re: 'agit(?:e|ee|es|ees|ation)\\b|agitee?s?|tres agite' },
    { re: 'agressi(?:f|fs|ve|ves|vite)|agress(?:e|ee) (?:verbalement|physiquement)|agressions?' },
    { re: '(?:cri(?:e|ent|ait|aient|s)?|hurl(?:e|ait|ements?|er))\\b|(?:pousse|poussait) des cris' },
    {
      re: 'insult(?:e|ait|ent|es)\\b|insultes|injuri(?:e|eux|euse)|tape|tapait|frapp(?:e|ait|er)|a frappe|gifl(?:e|ait)|mord|mordu|griff(?:e|ait|ure)|crache|crachait|pince|pincait|donne des coups|coups de (?:pied|poing)|jette (?:ses|son|sa|les|des)|a jete (?:son|sa|ses|les)|lance (?:des|ses) objets',
    },
    {
      re: "violen(?:t|te|ts|tes|ce)|opposant(?:e)?|opposition (?:violente|franche|verbale|physique|active)|irritab(?:le|ilite)|enerve(?:e|ment)?|colere|s'emporte|excitation|desinhib(?:e|ee|ition)|impatien(?:t|te|ce)|tres tendue? avec|menac(?:e|ant|ante)|vocifer(?:e|ations?)|turbulente?|logorrh(?:ee|eique)",
    },
    { re: '(?:troubles? du comportement|tdc|comportement (?:agite|agressif|perturbateur|difficile|opposant))' },
  ],
  confusion: [
    { re: "(?:pense|pensait|croit|croyait) (?:etre (?:a|au|chez|en)|qu'on est en|qu'(?:elle|il) est (?:a|au|chez|en))|episodes? confusionnels?" },
    { re: 'confus(?:e|es|ion|ionnel(?:le)?)?\\b' },
    { re: 'desorient(?:e|ee|es|ees|ation)|dto|disorient(?:e|ee)' },
    {
      re: 'propos (?:incoherents?|confus|decousus|delirants?|incomprehensibles?)|incoheren(?:t|te|ts|tes|ce)|discours (?:incoherent|confus|decousu|delirant|incomprehensible)',
    },
    {
      re: "ne (?:reconnait|reconnaissait) (?:pas|plus)|n'a pas reconnu|ne sait (?:plus|pas) (?:ou|quel|quelle|qui|ce qu)|ne se souvient plus (?:ou|de qui)|se croit (?:chez|a |au |en |encore)|se croyait (?:chez|a |au |en )|cherche (?:sa mere|son pere|ses parents|sa maison|son mari decede)|(?:perdue?|egaree?) dans (?:le couloir|l'etablissement|le service|sa chambre|les couloirs|le temps)|ne sait plus ou elle est|ne sait plus ou il est|(?:se sent |semble |tres |un peu )?perdue?\\b(?! (?:de vue|du poids|\\d))",
    },
    {
      re: 'delir(?:e|ant|ante|ium|ait)|hallucin(?:ation|ations|e|ee|ee?s)|voit des (?:gens|personnes|insectes|animaux|betes)|entend des voix|obnubil(?:ee?|ation)|ralentissement psychique|somnolen(?:t|te|ce)|syndrome confusionnel|troubles? cognitifs?|trous de memoire|oubli(?:e|s) (?:tout|repetes|frequents)|pertes? de memoire|desorientation',
    },
  ],
  low_mood: [
    { re: 'sert a rien de vivre|(?:je veux|veux|veut) mourir|un poids pour (?:tout le monde|les autres|sa famille|ses enfants)' },
    {
      re: "trist(?:e|es|esse)|chagrin(?:e|ee)?|peine\\b(?! a )|melancoli(?:e|que)|morose|cafard|vague a l'ame|le moral a zero|deprim(?:e|ee|ees|es)|depressi(?:f|ve|on)|syndrome depressif|etat depressif|humeur (?:triste|depressive|basse|sombre|maussade)|thymie (?:basse|triste)",
    },
    { re: 'pleur(?:e|ent|ait|aient|s|er|eur|euse)|en pleurs|en larmes|larmes?|larmoyant(?:e)?|sanglot(?:s|e)?' },
    {
      re: "moral (?:bas|en berne|faible|pas bon|pas terrible|pas au beau fixe|moyen|fluctuant|a plat|au plus bas|dans les chaussettes|fragile)|(?:baisse|chute) (?:de|du) moral|n'a pas le moral|pas le moral|plus le moral|le moral ne va pas|moral atteint",
    },
    {
      re: "idees (?:noires|suicidaires|morbides)|(?:veut|voudrait|souhaite|souhaiterait|envie de|dit vouloir|demande a|aimerait) (?:mourir|en finir|partir pour de bon|rejoindre son (?:mari|epoux))|en finir|ne sert plus a rien|ne sert a rien|a quoi bon|se sent inutile|lassitude|las de vivre|lasse de vivre|fatiguee? de vivre|plus gout a rien|plus envie de rien|n'a envie de rien|envie de rien|aboulie|apathi(?:e|que)|abattu(?:e|es)?|demotivee?|desespoir|desesperee?|resignee?|sans entrain|perte d'elan",
    },
  ],
  anxiety: [
    { re: 'angoiss(?:e|ee|es|ees|ant|ante|er|ait)\\b|angoisses?|anxi(?:eux|euse|euses|ete|eusement|ogene)|anxiodepressi(?:f|ve)' },
    {
      re: "inquiet(?:e|es|ude|udes|ante)?|s'inquiete|preoccupee?|tracass(?:e|ee)|stress(?:e|ee|ees|ees)?\\b|panique(?:e)?|crise (?:d'angoisse|de panique)|peur\\b|a peur|craint(?:e|if|ive)|apeuree?|tendue?\\b|nerveu(?:x|se|sement)|nervosite|febrilite|agitation anxieuse|rassur(?:er|ee|e|ance) (?:a plusieurs reprises|regulierement|sans cesse|plusieurs fois|ne|en permanence)|(?:a |a eu )?besoin d'etre rassuree?|(?:demande|reclame) (?:a etre rassuree?|sans cesse)",
    },
  ],
  isolation: [
    { re: 'ne (?:veut (?:plus )?voir|voit plus) personne|personne ne (?:vient|venait) (?:me |la |le )?voir|reste (?:seule? )?(?:dans sa chambre|en chambre)' },
    {
      re: "se (?:sent|sentait|dit|trouve|retrouve) (?:tres |si |un peu |bien |tellement )?seule?s?|sentiment (?:de solitude|d'abandon|d'isolement)|solitude|(?:se sent |sentiment d'etre )abandonnee?|isol(?:e|ee|es|ees|ement)\\b|s'isole|s'isolait",
    },
    {
      re: "repli(?:e|ee)? sur (?:soi|elle|lui|elle-meme|lui-meme)|repli\\b|renferm(?:e|ee) sur (?:elle|lui)|reste (?:seule? )?(?:cloitree?|enfermee?|recluse?) (?:dans|en) (?:sa )?chambre|ne sort (?:plus|pas|jamais) de (?:sa )?chambre|refuse de (?:sortir de (?:sa )?chambre|descendre|participer|aller en salle|voir (?:les autres|personne))|ne (?:voit|parle a|parlait a) personne|(?:aucune|pas de|plus de|peu de|sans) visites?|(?:personne|aucun proche|la famille ne) (?:ne )?(?:vient|passe|appelle) (?:plus|jamais|pas)|(?:n'a|na) (?:plus de|pas de|aucune?) (?:visite|nouvelles|contact)s?|ne recoit (?:plus|pas|jamais) de visites?|n'a plus personne|plus personne\\b",
    },
  ],
  skin_lesion: [
    { re: 'peau (?:integre|saine|intacte)', negated: true },
    {
      re: 'escarr?e?s?|ulcer(?:e|es|ation|ations)|plaies?|dermabrasions?|abrasions?|excoriations?|erosions? cutanees?|phlyctenes?|lesions?(?: cutanees?)?|desepidermisation|ecorch(?:ure|ures|e|ee)|entailles?|coupures?|griffures?|brulures?|effraction cutanee|fissures?|crevasses?',
    },
    {
      re: 'rougeurs?|erythemes?|erythemateu(?:x|se)|zone rouge|(?:talon|talons|sacrum|fesse|fesses|siege|coude|coudes|hanche|oreille|malleole) (?:rouges?|erythemateux|abime|abimee?s?)|macerations?|peau (?:abimee|lesee|arrachee|decollee|qui part)|rougi(?:e|es)?',
    },
    {
      re: "hematomes?|ecchymos(?:e|es|ique)|bleus?\\b(?= (?:au|aux|a la|sur|sous|a l'|important|violace|visible|sur le|sur la))|(?:un|des|gros|grand|petit|large) bleus?\\b|bosse|oedeme traumatique|hemorragie sous-cutanee",
    },
  ],
  incontinence: [
    { re: "(?:s'est|s est) urinee? dessus" },
    { re: '(?<!in)continente?s?', negated: true },
    { re: "incontin(?:ent|ente|ents|ence|ences)|enuresie|encopresie|fuites?(?: urinaires?| d'urine| de selles| fecales?)?\\b" },
    {
      re: '(?:protection|change|couche|pull-?up|slip|lit|draps?|pantalon|vetements?) (?:souillee?s?|mouillee?s?|trempee?s?|plein(?:e)?)|souill(?:e|ee|ees|ure|ures)\\b|souillee? de (?:selles|urine)',
    },
    {
      re: "(?:s'est|s est|se) (?:uriner?|urine|fait) (?:dessus|sur (?:elle|lui))|urine dessus|a fait (?:pipi|ses besoins|dans sa protection|sur (?:elle|lui)|au lit|dans son lit|dans le lit)|selles (?:dans|ds) (?:la|sa) (?:protection|couche|culotte|lit)|(?:lit|draps) mouilles?|mouille (?:son|le) lit|accidents? urinaires?|change complet|change total",
    },
  ],
  breathing_difficulty: [
    {
      re: "dyspn(?:ee|eique|eiques|ees)|essouffl(?:e|ee|es|ees|ement)|souffle court|manque (?:d'air|de souffle)|a du mal a respirer|respire (?:mal|difficilement|fort|vite|avec difficulte)|respiration (?:difficile|bruyante|rapide|sifflante|laborieuse|superficielle|courte|genee|irreguliere)|(?:gene|detresse|difficultes?|insuffisance|pauses?) respiratoires?|polypn(?:ee|eique)|tachypn(?:ee|eique)|bradypnee|orthopnee|apnees?\\b",
    },
    {
      re: 'encombr(?:e|ee|ement|ements)|sifflement(?:s)?(?: respiratoires?)?|sibilan(?:ts|ces)|ronchi|crepitants?|rales?\\b|tirage|cyanos(?:e|ee)|cyanique|desatur(?:e|ation|ations|ee)|saturation (?:basse|faible|a (?:8\\d|7\\d|9[01])\\b)|sat (?:a )?(?:8\\d|7\\d|9[01]) ?%|spo2 (?:a |= ?|: ?)?(?:8\\d|7\\d|9[01]) ?%|secretions? (?:bronchiques|abondantes)|aspirations? (?:bronchiques?|endotracheales?)|oxygenodependan',
    },
    { re: 'eupn(?:eique|ee)|respire bien|respiration calme|respiration reguliere', negated: true },
  ],
  fever: [
    { re: 'fievre|fievreu(?:x|se)|febri(?:le|les|cule)|hyperthermi(?:e|que)|subfebri(?:le|les)|etat febrile|pic febrile|pics febriles|frissons?|marbrures' },
    {
      re: '(?:t°?|temp(?:erature)?|temp\\.|t °)\\s?(?:a |de |= ?|: ?|ext ?|tympanique ?|axillaire ?|auriculaire ?)?(?:3[89]|4[0-2])(?:[.,]\\d{1,2})?\\s?(?:°c?|°\\s?c|degres|c\\b)?|(?<![\\d.,])(?:3[89]|4[0-2])(?:[.,]\\d{1,2})?\\s?(?:°c?|°\\s?c|degres)',
    },
    { re: 'apyreti(?:que|ques)|apyrexie|afebrile|normothermi(?:e|que)', negated: true },
  ],
  care_refusal: [
    {
      re: "refus(?:e|ait)? (?:son |sa |ses |les |l')(?:anticoagulants?|antalgiques?|antibiotiques?|doliprane|paracetamol|collyres?|patchs?|aerosols?|gouttes|pommade|bas de contention)",
    },
    {
      re: `refus(?:e|ent|ait|aient|e|er)? (?:categoriquement |formellement |toujours |encore |a nouveau |de nouveau |de faire |d'avoir |de prendre |d'effectuer |de se faire faire |qu'on lui fasse |qu'on (?:lui )?(?:fasse|donne) )?${DET}${CARE}`,
    },
    {
      re: `refus(?:e|ent|ait)? (?:qu'on|que l'on|que l'equipe|l'aide|tout soin|toute aide|d'etre (?:lave|lavee|change|changee|aide|aidee|touche|touchee|mobilise|mobilisee|leve|levee|habille|habillee|soigne|soignee)|de se (?:laver|lever|doucher|changer|raser|coucher|faire (?:laver|changer|doucher|soigner|aider))|de (?:sortir du lit|descendre du lit|se faire aider|ouvrir la bouche|avaler ses))`,
    },
    {
      re: `refus (?:de |du |des |de la |d'|de l')?${CARE}|refus de soins?|refus categorique|opposition (?:aux|a la|au|a sa|a l') ?${CARE}|oppos(?:e|ee|ante) (?:aux|a la|au|a) ${CARE}|s'oppos(?:e|ait) (?:aux|a la|au|a sa|a) ${CARE}`,
    },
    {
      re: "recrach(?:e|ait|er) (?:ses |son |sa |les )?(?:medicaments?|cachets?|comprimes?|ttt|traitement|medocs?)|(?:ne veut|ne voulait|n'a pas voulu|n a pas voulu) (?:pas )?(?:prendre (?:ses|son|sa) (?:medicaments?|traitement|cachets?|comprimes?|ttt)|se laver|faire sa toilette|etre lavee?|etre changee?|se lever|sortir du lit|qu'on la touche|qu'on le touche)|toilette (?:refusee|non faite \\(refus\\)|impossible)|(?:soins?|traitement|ttt|medicaments?) refuses?",
    },
  ],
  wandering: [
    {
      re: "(?:recherche|cherche) (?:de |la |une )?sortie|(?:tente|essaie|essaye|essayait|tentait) (?:d'ouvrir (?:la|les) portes?|de sortir)|retrouvee? (?:a l'arret de bus|a la gare|sur la route)",
    },
    {
      re: "deambul(?:e|ation|ations|ait|ent|er|ant|atoire)|errance|erre\\b|errait|errant(?:e)?|fugu(?:e|es|er|euse|eur)|tentative de (?:fugue|sortie|depart)|(?:tente|essaie|essayait|tentait|cherche|cherchait|veut|voulait) (?:de |a )?(?:sortir|partir|quitter (?:l'etablissement|l'ehpad|le service|l'unite)|rentrer chez (?:elle|lui)|s'en aller|franchir la porte)|cherche la sortie|retrouvee? (?:dehors|dans le jardin|a l'exterieur|devant la porte|sur le parking|dans la rue|dans l'escalier|dans la chambre d'(?:un|une) autre|dans une autre chambre|chez (?:un|une) (?:autre )?(?:voisin|voisine|resident|residente)|dans le couloir|ds le couloir|a l'accueil)|va-et-vient|vas et viens|va et vient|marche sans but|deplacements? incessants?|rentre dans les chambres",
    },
  ],
};

/**
 * Look-alikes: expressions that contain a trigger but are not the signal ("fait tomber son verre",
 * "matelas anti-escarre", "change complet"). A trigger overlapping one of these is dropped.
 */
export const NOT_A_SIGNAL: Partial<Record<Signal, string[]>> = {
  fall: [
    '(?:fait|faire|laisse|laisser|peur de|risque de|failli|crainte de) tomber',
    "perte d'equilibre|pertes d'equilibre|desequilibre",
    'tombe de sommeil',
    'chute de (?:tension|cheveux|neige)',
    'capteur de chute',
    'risque de chutes?',
  ],
  pain: ["se plaint(?! (?:du|de la|des|de l'|d'|de) )", 'gemi(?:t|ssements?|ssait)', 'mal au coeur', 'douleur de la separation', 'mal (?:dormi|mange)'],
  appetite_loss: [
    'fausses? routes?',
    'dysphagie',
    'ne mange (?:plus|pas) (?:sa |la |le |les |de |du )(?:viande|poisson|legumes|fromage|dessert|soupe|pain|fruits?)',
  ],
  weight_loss: ['vetements (?:trop grands|flottent|devenus larges)|flotte dans ses vetements'],
  sleep_disturbance: [],
  agitation: ['cri(?:e|ait|s)? de (?:joie|rire|plaisir)'],
  confusion: ['somnolen(?:t|te|ce)', "perdue? l'appetit", "confuse de|toute confuse|confuse d'avoir|un peu confuse"],
  low_mood: ['(?:pleur(?:e|ait|er)?|larmes?) de (?:joie|rire|bonheur)'],
  skin_lesion: ['(?:anti-?|prevention (?:des )?|matelas (?:a air |anti-?)?)escarr?e?s?'],
  incontinence: ['change (?:complet|total)'],
  breathing_difficulty: ['pauses? respiratoires?', 'apnees?', '(?:sat|spo2|saturation)\\s?(?:a |= ?|: ?)?\\d+ ?%'],
  fever: ['frissons?', 'marbrures'],
  isolation: ['isolement (?:gouttelettes|contact|septique|respiratoire)'],
};

/** Cues before a trigger that state its absence. */
export const NEGATION_PRE = [
  "pas d'",
  'pas de',
  "pas\\b(?!\\s*(?:l'|le |la |les |son |sa |ses ))",
  'plus de',
  'aucune?',
  'aucun',
  'sans',
  '\\bni\\b',
  'absence de',
  "absence d'",
  "n'a pas (?:eu|fait|presente|signale|montre|manifeste|exprime|ete)",
  'na pas',
  "n'a plus",
  "n'est pas",
  "n'est plus",
  "n'etait pas",
  "ne (?:s'est|se) (?:pas|plus|jamais)",
  'ne (?:se plaint|presente|signale|montre|semble|parait|manifeste|rapporte|decrit|exprime|fait|souffre|declare|evoque|mentionne)(?: (?:pas|plus|jamais|aucune?))?',
  'nie',
  'nient',
  'denie',
  'ne rapporte pas',
  'ø',
  '0\\b',
  'jamais',
  "pas d'episode de",
  'pas de notion de',
  'exclu',
  'elimine',
  "n'y a pas",
  "il n'y a pas",
  'ni de',
  "ni d'",
];

/** Cues after a trigger (in the same clause) that state its absence: "douleur : non", "fièvre absente". */
export const NEGATION_POST = [
  '\\s*(?::|=)\\s*(?:non|0|ras|neant|aucune?|negatif|ø|absente?s?)\\b',
  '\\s*(?:absente?s?|niee?s?|nulle?s?|ecartee?s?|exclue?s?|negatif|negative|disparue?s?|resolue?s?|non retrouvee?s?|a 0)\\b',
  '\\s*(?:non|pas) (?:retrouvee?s?|constatee?s?|observee?s?|objectivee?s?|signalee?s?|rapportee?s?|exprimee?s?|presente?s?|decrite?s?|notee?s?)',
  '\\s*0\\b',
  '\\s*\\(?-\\)?(?=\\s|$|[,.;])',
];

export const UNCERTAIN_PRE = [
  'possibles?',
  'probables?',
  'probablement',
  'eventuel(?:le)?s?',
  'eventuellement',
  "suspicion (?:de|d')",
  'suspecte?',
  'sembl(?:e|ait|ent|erait)',
  'parai(?:t|ssait|trait)',
  'paraissant',
  'aurai(?:t|ent)',
  'serai(?:t|ent)',
  'pourrai(?:t|ent)',
  'peut[- ]etre',
  'peut etre',
  'a surveiller',
  'surveiller si',
  "surveillance (?:si|d'une? eventuel|de l'apparition)",
  'en cas de',
  'si\\b',
  "risque (?:de|d')",
  'doute',
  'hypothese',
  'evoqu(?:e|ant|er)',
  'comme si',
  "impression (?:de|d'|que)",
  'questionn(?:e|er)',
  '\\?',
  'ne (?:sait|savons|sais) pas si',
  "pas sur(?:e)? (?:que|qu')",
  'difficile (?:a|de) (?:dire|evaluer|savoir)',
  "signes? (?:de|d')",
  'tendance a',
  'a verifier',
  'a confirmer',
  'non confirmee?',
  'selon (?:elle|lui|sa|son|la|le)',
];

export const UNCERTAIN_POST = [
  '\\s*\\?',
  '\\s*(?:possibles?|probables?|suspecte?e?s?|a confirmer|a verifier|a surveiller|non confirmee?s?|a eliminer|\\(\\?\\))',
  "\\s*(?:de (?:l'|la )?(?:aveu|avis) de|selon) (?:la |le |l')?(?:residente?|patiente?|mme|m\\.|mr|personne|famille|fille|fils)",
];

export const HISTORICAL = [
  'antecedents?',
  'atcds?',
  'atcd',
  '\\bdeja\\b',
  'ancien(?:ne|nes|s)?',
  'autrefois',
  'par le passe',
  'dans le passe',
  'dans sa jeunesse',
  "l'(?:an|annee) (?:dernier|derniere|passe|passee)",
  "l'hiver dernier",
  "l'ete dernier",
  'le mois dernier',
  'il y a (?:\\d+|un|une|deux|trois|quelques|plusieurs) (?:ans|an|mois|annees|semaines)',
  '(?<!(?:est|sommes|etre|etait) )(?:en|depuis) (?:19|20)\\d\\d',
  'en (?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre)(?: (?:19|20)\\d\\d| dernier)',
  'connue? pour',
  "connue? (?:de|d')",
  'histoire de',
  'cicatrisee?s?',
  'gueri(?:e|es)?',
  'avant son entree',
  "avant (?:l'|son )(?:entree|arrivee|admission)",
  'lors de (?:son|sa) (?:precedent|precedente|dernier|derniere|hospitalisation)',
  'precedente?s?',
  'a domicile avant',
  'habituellement',
  'ancienne?ment',
  'anterieure?s?',
  'historique',
  'passe de',
];

/** Someone other than the person before the trigger: "sa fille est angoissée". */
export const OTHER_EXPERIENCER = [
  '^\\s*(?:[dar]\\s?:\\s*)?(?:fille|fils|epoux|epouse|mari|conjointe?|famille|voisine?|aidante?)\\b',
  '\\b(?:fils|fille|epoux|epouse|mari|soeur|frere|voisine?) de (?:mme|m\\.|mr|monsieur|madame)',
  "l'(?:epoux|epouse|aidante?|auxiliaire)\\b",
  "\\(l'autre residente?\\)",
  '(?:sa|son|ses|la|le|les|leur|une|un) (?:fille|fils|filles|enfants?|mari|epoux|epouse|femme|conjointe?|compagne?|compagnon|soeur|frere|petite?-(?:fille|fils)|petits?-enfants|petite fille|petit fils|niece|neveu|belle-fille|gendre|beau-fils|cousine?|mere|pere|parents|famille|aidante?|voisine?|amie?|tuteur|tutrice|curatrice|curateur)',
  "(?:la|le|sa|son|une|un|l') ?(?:voisine?|co-?residente?|residente? d'a cote|autre residente?|autres residents)",
  'voisine? de (?:chambre|table|palier)',
  'autre residente?|autres residents|une residente\\b|un resident\\b|mme [a-z]\\.? \\(ch|sa voisine|son voisin',
  "(?:l'|une |un |sa |son |la |le )?(?:as|ash|ide|aide-soignante?|aide soignante?|infirmiere?|collegue|stagiaire|auxiliaire|amp|aes|medecin|kine|psychologue|animatrice|animateur|personnel|equipe)\\b(?= (?:est|etait|s'est|a|se|semble|elle-meme|lui-meme|aussi|egalement|tres|tombe|chute|angoiss|fatigu|malade|stress|inquiet|bless))",
  '(?:sa|son) (?:auxiliaire de vie|aide a domicile)',
  '(?:la|une|sa) famille',
];

/**
 * Words between another person and the trigger that bring the sentence back to the person cared
 * for: reporting verbs ("sa fille signale que…"), "que", or the person named again.
 */
export const EXPERIENCER_RESET = [
  '\\bque\\b',
  "\\bqu'",
  '\\bsignal(?:e|ent|ait)',
  '\\brapport(?:e|ent|ait)',
  '\\bindiqu(?:e|ent|ait)',
  '\\binform(?:e|ent|ait)',
  '\\bexpliqu(?:e|ent|ait)',
  '\\btrouv(?:e|ent|ait) (?:sa|son|leur)',
  '\\bdisent\\b',
  '\\bdecrit\\b',
  '\\bconstat(?:e|ent)',
  '\\bnote\\b',
  '\\bremarqu(?:e|ent)',
  '\\binquiet(?:e|es)? (?:pour|de)',
  "\\bs'inquiet",
  '(?<!(?:de|du) )\\bmme\\b',
  '(?<!(?:de|du) )\\bm\\.',
  '(?<!(?:de|du) )\\bmr\\b',
  '(?<!(?:de|du) )\\bmonsieur\\b',
  '(?<!(?:de|du) )\\bmadame\\b',
  '\\bresidente?\\b',
  '\\bpatiente?\\b',
  '\\bbeneficiaire\\b',
  '\\bsa mere\\b',
  '\\bson pere\\b',
  '\\bchez\\b',
  '\\bavec\\b',
  '\\bpour\\b',
  '\\bvisite\\b',
  '\\bvenue?\\b',
  '\\bappel\\b',
  '\\bappele?e?\\b',
];

/**
 * Words corrected when a note has them misspelled (one edit away, or a doubled letter):
 * the analyser's fuzzy vocabulary. Only distinctive words: "douceur" is not a misspelt "douleur".
 */
export const TYPO_TARGETS = [
  'douleur',
  'douleurs',
  'douloureux',
  'douloureuse',
  'chute',
  'chutes',
  'tombee',
  'agitee',
  'agitation',
  'agressive',
  'agressif',
  'agressivite',
  'angoissee',
  'angoisse',
  'angoisses',
  'anxieuse',
  'anxieux',
  'desorientee',
  'desorientation',
  'desoriente',
  'confusion',
  'escarre',
  'escarres',
  'rougeur',
  'hematome',
  'ecchymose',
  'fievre',
  'febrile',
  'hyperthermie',
  'apyretique',
  'incontinence',
  'incontinente',
  'dyspnee',
  'dyspneique',
  'essoufflee',
  'essoufflement',
  'encombrement',
  'encombree',
  'deambulation',
  'deambule',
  'insomnie',
  'deshydratation',
  'deshydratee',
  'inquiete',
  'tristesse',
  'pleure',
  'pleurs',
  'solitude',
  'isolement',
  'refuse',
  'toilette',
  'traitement',
  'medicaments',
  'appetit',
  'inappetence',
  'amaigrissement',
  'hallucinations',
  'somnolente',
  'dermabrasion',
  'erytheme',
  'souillee',
];

/** Real words one edit away from a target, never corrected. */
export const TYPO_STOPLIST = new Set([
  'douceur',
  'couleur',
  'douleurs',
  'chutes',
  'chuter',
  'chuté',
  'plaire',
  'agites',
  'agitee',
  'agiter',
  'agitees',
  'refuse',
  'refuser',
  'refusee',
  'refuses',
  'refusé',
  'refusez',
  'rougeurs',
  'pleurer',
  'pleures',
  'pleuré',
  'pleurent',
  'pleurait',
  'pleuree',
  'toilettes',
  'traitements',
  'medicament',
  'tombees',
  'tombes',
  'tombe',
  'tomber',
  'inquiet',
  'inquietes',
  'anxieuses',
  'escarres',
  'fievres',
  'febriles',
  'angoisse',
  'angoisses',
  'angoissees',
  'angoisser',
  'solitudes',
  'confusions',
  'souillees',
  'souille',
  'souiller',
  'deambuler',
  'deambulent',
  'deambules',
  'desorientes',
  'desorientees',
  'incontinent',
  'incontinents',
  'encombre',
  'encombres',
  'encombrees',
  'appetits',
  'hematomes',
  'ecchymoses',
  'erythemes',
  'dyspnees',
  'insomnies',
  'essouffle',
  'essouffles',
  'essouffler',
  'agressifs',
  'agressives',
  'pleureur',
  'pleureuse',
  'anxiete',
  'amaigrie',
  'deshydrate',
  'deshydratees',
  'hyperthermies',
  'somnolent',
  'somnolence',
]);
