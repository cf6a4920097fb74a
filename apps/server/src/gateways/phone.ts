/**
 * Phone numbers as SMS gateways want them: E.164 (+33612345678). Numbers written the French way
 * (06 12 34 56 78, 06.12.34.56.78, +33 (0)6 12 34 56 78, 0033 6 12 34 56 78) are normalised;
 * numbers already in international form for another country are kept.
 */

/**
 * The overseas departments share the French national numbering plan (ten digits starting with 0)
 * but have their own country codes: 0692 12 34 56 in La Réunion is +262692123456, not +33….
 * Keyed by the first three digits after the leading 0.
 */
const OVERSEAS_COUNTRY_CODES: Readonly<Record<string, string>> = {
  '590': '590', // Guadeloupe, Saint-Barthélemy, Saint-Martin: landlines
  '690': '590', // … and mobiles
  '691': '590',
  '594': '594', // Guyane
  '694': '594',
  '596': '596', // Martinique
  '696': '596',
  '697': '596',
  '262': '262', // La Réunion
  '263': '262',
  '692': '262',
  '693': '262',
  '269': '262', // Mayotte
  '639': '262',
};

/** The number in E.164 form, or null when it cannot be a phone number. */
export function toE164(raw: string): string | null {
  // Separators people type, and the "(0)" sometimes written after the country code.
  let n = raw.replace(/\(0\)/g, '').replace(/[\s.\-()/\u00a0\u202f]/g, '');

  // Ten digits starting with 0: a national number (none starts with 00, the international prefix).
  if (/^0\d{9}$/.test(n)) {
    const national = n.slice(1);
    return national.startsWith('0') ? null : `+${OVERSEAS_COUNTRY_CODES[national.slice(0, 3)] ?? '33'}${national}`;
  }
  if (n.startsWith('00')) n = `+${n.slice(2)}`;
  if (n.startsWith('+33')) {
    // "+33 06…" is a frequent slip: the trunk 0 has no place after the country code.
    const national = n.slice(3).replace(/^0/, '');
    return /^[1-9]\d{8}$/.test(national) ? `+33${national}` : null;
  }
  // Another country: E.164 allows at most 15 digits, and no country code starts with 0.
  return /^\+[1-9]\d{6,14}$/.test(n) ? n : null;
}
