/**
 * Deterministic demo data: facilities, staff, people cared for (with profile, capacities, contacts and care
 * plan) and relatives' accounts. Pure: no I/O, no clock — `today` is passed in, so the same seed gives the
 * same dataset everywhere. Everyone in it is fictional. The database layer (seed.ts) turns keys into ids.
 *
 * generate-person.ts builds one person, generate-identity.ts names, e-mails, phones and INS; the texts come
 * from french-corpus*.ts.
 */
import type { CONTACT_RELATIONSHIPS, GOAL_STATUSES, PERSON_STATUSES, Role, WEEKDAYS } from '@presence/shared';
import { Random, hashString } from '../lib/random.js';
import { asciiFold, type Sex } from './french-corpus.js';
import type { CapacityDomain, GoalDomain, PlanAgreement } from './french-corpus-care.js';
import { DEMO_EMAIL_DOMAIN, EmailBook, phone, pickName } from './generate-identity.js';
import { buildPerson, type PersonOverrides, type PersonSpec } from './generate-person.js';

export { DEMO_EMAIL_DOMAIN };
export type Weekday = (typeof WEEKDAYS)[number];
export type FacilityKind = 'ehpad' | 'day_care' | 'ssiad';
type Relationship = (typeof CONTACT_RELATIONSHIPS)[number];
type GoalStatus = (typeof GOAL_STATUSES)[number];

export interface DemoFacility {
  key: string;
  name: string;
  kind: FacilityKind;
  finess: string;
  address: string;
  capacity: number;
}
export interface DemoStaff {
  key: string;
  facilityKey: string;
  firstName: string;
  lastName: string;
  email: string;
  role: Exclude<Role, 'relative'>;
  qualification: string | null;
}
export interface DemoContact {
  key: string;
  firstName: string;
  lastName: string;
  relationship: Relationship;
  phone: string | null;
  email: string | null;
  isLegalRepresentative: boolean;
  isTrustedPerson: boolean;
}
export interface DemoCapacity {
  domain: CapacityDomain;
  level: 0 | 1 | 2 | 3;
  note: string | null;
  assessedOn: string;
}
export interface DemoGoal {
  title: string;
  description: string | null;
  domain: GoalDomain;
  targetDate: string | null;
  status: GoalStatus;
}
export interface DemoCarePlan {
  startDate: string;
  reviewDate: string;
  personAgreement: PlanAgreement;
  agreementNote: string | null;
  goals: DemoGoal[];
}
export interface DemoPerson {
  key: string;
  facilityKey: string;
  firstName: string;
  lastName: string;
  birthName: string | null;
  birthDate: string;
  sex: Sex;
  ins: string | null;
  room: string | null;
  address: string | null;
  attendanceDays: Weekday[];
  status: Extract<(typeof PERSON_STATUSES)[number], 'active' | 'temporarily_absent'>;
  admissionDate: string;
  profile: { lifeStory: string; interests: string[]; habits: string; dislikes: string[]; languages: string[] };
  capacities: DemoCapacity[];
  contacts: DemoContact[];
  carePlan: DemoCarePlan | null;
}
export interface DemoRelativeAccount {
  key: string;
  contactKey: string;
  personKeys: string[];
  email: string;
  firstName: string;
  lastName: string;
}
export interface DemoDataset {
  facilities: DemoFacility[];
  staff: DemoStaff[];
  people: DemoPerson[];
  relatives: DemoRelativeAccount[];
}

export const DEMO_SEED = 'presence-demo';
export const DEMO_TODAY = '2026-11-23';

/** FINESS numbers end with a Luhn check digit. */
function finess(prefix8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    let d = Number(prefix8[7 - i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return prefix8 + String((10 - (sum % 10)) % 10);
}

export const DEMO_FACILITIES: readonly DemoFacility[] = [
  {
    key: 'ehpad-tilleuls',
    name: 'EHPAD Les Tilleuls',
    kind: 'ehpad',
    finess: finess('69078412'),
    address: '12 avenue des Tilleuls, 69300 Caluire-et-Cuire',
    capacity: 84,
  },
  {
    key: 'adj-arcadie',
    name: "Accueil de jour Le Jardin d'Arcadie",
    kind: 'day_care',
    finess: finess('69078413'),
    address: '5 rue des Jardins, 69004 Lyon',
    capacity: 12,
  },
];

// ---------------------------------------------------------------- staff

type StaffRole = Exclude<Role, 'relative'>;
interface FixedAccount {
  email: string;
  firstName: string;
  lastName: string;
  role: StaffRole;
  qualification: string | null;
}

/** The well-known demo accounts the README lists: keep them stable. */
export const FIXED_EHPAD_ACCOUNTS: readonly FixedAccount[] = [
  { email: 'directrice', firstName: 'Hélène', lastName: 'Marchand', role: 'director', qualification: 'direction' },
  { email: 'cadre', firstName: 'Sophie', lastName: 'Bernard', role: 'head_of_care', qualification: 'cadre' },
  { email: 'idec', firstName: 'Isabelle', lastName: 'Morel', role: 'coordination_nurse', qualification: 'IDEC' },
  { email: 'infirmier', firstName: 'Julien', lastName: 'Faure', role: 'nurse', qualification: 'IDE' },
  { email: 'aide-soignante', firstName: 'Fatou', lastName: 'Diallo', role: 'care_assistant', qualification: 'AS' },
  { email: 'animatrice', firstName: 'Camille', lastName: 'Roussel', role: 'activity_leader', qualification: 'animateur' },
  { email: 'medecin', firstName: 'Philippe', lastName: 'Garnier', role: 'physician', qualification: 'medecin' },
  { email: 'secretariat', firstName: 'Nathalie', lastName: 'Blanc', role: 'secretary', qualification: 'administratif' },
  { email: 'representant', firstName: 'Monique', lastName: 'Girard', role: 'user_representative', qualification: null },
].map((a) => ({ ...a, role: a.role as StaffRole, email: `${a.email}@${DEMO_EMAIL_DOMAIN}` }));
export const FIXED_DAY_CARE_ACCOUNTS: readonly FixedAccount[] = [
  { email: `accueil-de-jour@${DEMO_EMAIL_DOMAIN}`, firstName: 'Élodie', lastName: 'Perrin', role: 'head_of_care', qualification: 'cadre' },
];
export const FIXED_RELATIVE = { email: `proche@${DEMO_EMAIL_DOMAIN}`, firstName: 'Catherine', lastName: 'Vial' } as const;

const CARE_QUALIFICATIONS = { AS: 60, AES: 20, AMP: 20 };
const QUALIFICATION: Record<StaffRole, string | null> = {
  director: 'direction',
  head_of_care: 'cadre',
  coordination_nurse: 'IDEC',
  nurse: 'IDE',
  care_assistant: 'AS',
  activity_leader: 'animateur',
  physician: 'medecin',
  secretary: 'administratif',
  user_representative: null,
};
/** Share of women by role, roughly as in the sector. */
const WOMEN: Record<StaffRole, number> = {
  director: 0.6,
  head_of_care: 0.8,
  coordination_nurse: 0.85,
  nurse: 0.85,
  care_assistant: 0.88,
  activity_leader: 0.8,
  physician: 0.5,
  secretary: 0.9,
  user_representative: 0.6,
};

/** [role, how many, qualification override ('ASH' for service agents)]. */
type StaffPlan = readonly (readonly [StaffRole, number, string?])[];
const EHPAD_STAFF: StaffPlan = [
  ['nurse', 6],
  ['care_assistant', 23],
  ['care_assistant', 4, 'ASH'],
  ['activity_leader', 1],
  ['secretary', 1],
  ['user_representative', 1],
];
const DAY_CARE_STAFF: StaffPlan = [
  ['nurse', 1],
  ['care_assistant', 4],
  ['activity_leader', 1],
  ['secretary', 1],
];
/** Mix of roles for extra staff of generated people (no extra directors). */
const EXTRA_STAFF: Record<FacilityKind, Partial<Record<StaffRole, number>>> = {
  ehpad: { nurse: 7, care_assistant: 30, activity_leader: 2, secretary: 2, coordination_nurse: 1, physician: 0.6, head_of_care: 0.6, user_representative: 1 },
  ssiad: { nurse: 6, care_assistant: 30, secretary: 2, coordination_nurse: 1.5, head_of_care: 0.6 },
  day_care: { nurse: 2, care_assistant: 7, activity_leader: 2, secretary: 1, head_of_care: 0.5 },
};

function staffMember(r: Random, key: string, facilityKey: string, role: StaffRole, emails: EmailBook, qualification?: string): DemoStaff {
  const n = pickName(r, r.chance(0.65) ? 'young' : 'middle', r.chance(WOMEN[role]) ? 'F' : 'M');
  const q = qualification ?? (role === 'care_assistant' ? r.pickKey(CARE_QUALIFICATIONS) : QUALIFICATION[role]);
  return { key, facilityKey, firstName: n.firstName, lastName: n.lastName, email: emails.make(n.firstName, n.lastName), role, qualification: q };
}

function facilityStaff(r: Random, facilityKey: string, keyPrefix: string, fixed: readonly FixedAccount[], plan: StaffPlan, emails: EmailBook): DemoStaff[] {
  const out: DemoStaff[] = fixed.map((a) => ({
    key: '',
    facilityKey,
    firstName: a.firstName,
    lastName: a.lastName,
    email: a.email,
    role: a.role,
    qualification: a.qualification,
  }));
  for (const [role, count, qualification] of plan) for (let i = 0; i < count; i++) out.push(staffMember(r, '', facilityKey, role, emails, qualification));
  return out.map((s, i) => ({ ...s, key: `${keyPrefix}-s-${String(i + 1).padStart(3, '0')}` }));
}

// ---------------------------------------------------------------- the demo dataset

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** The demo dataset: one EHPAD (80 residents, 45 staff), one day-care centre (25 people, 8 staff), 12 relatives' accounts. */
export function generateDemoDataset(opts: { seed?: string; today?: string } = {}): DemoDataset {
  const seed = opts.seed ?? DEMO_SEED;
  const today = opts.today ?? DEMO_TODAY;
  const root = new Random(seed);
  const [ehpad, dayCare] = DEMO_FACILITIES as [DemoFacility, DemoFacility];
  const emails = new EmailBook(DEMO_EMAIL_DOMAIN);
  for (const a of [...FIXED_EHPAD_ACCOUNTS, ...FIXED_DAY_CARE_ACCOUNTS, FIXED_RELATIVE]) emails.reserve(a.email);
  const insUsed = new Set<string>();
  const spec = (key: string, f: DemoFacility, room: string | null, overrides?: PersonOverrides): PersonSpec => ({
    key,
    facilityKey: f.key,
    kind: f.kind,
    today,
    room,
    insOrder: [1, 499],
    insUsed,
    absentRate: 0,
    overrides,
  });

  // Rooms 101–145 and 201–245; a couple of residents in two neighbouring rooms.
  const roomRng = root.fork('rooms');
  const coupleRoom = roomRng.int(1, 44);
  const couple = [`1${pad(coupleRoom, 2)}`, `1${pad(coupleRoom + 1, 2)}`];
  const rooms = roomRng.sample(
    [1, 2].flatMap((floor) => Array.from({ length: 45 }, (_, i) => `${floor}${pad(i + 1, 2)}`)).filter((x) => !couple.includes(x)),
    78,
  );

  // Henri and Jeanne Vial live in the EHPAD; their daughter Catherine has the proche@ account.
  const henri = buildPerson(
    root.fork('ehpad-p-001'),
    spec('ehpad-p-001', ehpad, couple[0]!, {
      sex: 'M',
      firstName: 'Henri',
      lastName: 'Vial',
      birthName: null,
      birthYear: 1936,
      origin: 'fr',
      spouseFirstName: 'Jeanne',
      marriageYear: 1960,
      children: 2,
    }),
  );
  const jeanne = buildPerson(
    root.fork('ehpad-p-002'),
    spec('ehpad-p-002', ehpad, couple[1]!, {
      sex: 'F',
      firstName: 'Jeanne',
      lastName: 'Vial',
      birthName: 'Bouvard',
      birthYear: 1939,
      origin: 'fr',
      spouseFirstName: 'Henri',
      marriageYear: 1960,
      children: 2,
    }),
  );
  const familyRng = root.fork('vial');
  for (const p of [henri, jeanne]) {
    p.contacts = [
      {
        key: `${p.key}-c1`,
        firstName: FIXED_RELATIVE.firstName,
        lastName: FIXED_RELATIVE.lastName,
        relationship: 'child',
        phone: '06 39 98 12 34',
        email: FIXED_RELATIVE.email,
        isLegalRepresentative: false,
        isTrustedPerson: true,
      },
      {
        key: `${p.key}-c2`,
        firstName: 'Marc',
        lastName: 'Vial',
        relationship: 'child',
        phone: phone(familyRng, false),
        email: null,
        isLegalRepresentative: false,
        isTrustedPerson: false,
      },
    ];
  }
  const residents = [
    henri,
    jeanne,
    ...rooms.map((room, i) => {
      const key = `ehpad-p-${pad(i + 3, 3)}`;
      return buildPerson(root.fork(key), spec(key, ehpad, room));
    }),
  ];
  const dayCarePeople = Array.from({ length: 25 }, (_, i) => {
    const key = `adj-p-${pad(i + 1, 3)}`;
    return buildPerson(root.fork(key), spec(key, dayCare, null));
  });

  // A few people are in hospital for now.
  const statusRng = root.fork('status');
  for (const p of [...statusRng.sample(residents.slice(2), 3), ...statusRng.sample(dayCarePeople, 1)]) p.status = 'temporarily_absent';

  const staffRng = root.fork('staff');
  const staff = [
    ...facilityStaff(staffRng, ehpad.key, 'ehpad', FIXED_EHPAD_ACCOUNTS, EHPAD_STAFF, emails),
    ...facilityStaff(staffRng, dayCare.key, 'adj', FIXED_DAY_CARE_ACCOUNTS, DAY_CARE_STAFF, emails),
  ];

  // Relatives' accounts: Catherine Vial (two residents), then family contacts of 8 residents and 3 day-care people.
  const relatives: DemoRelativeAccount[] = [
    {
      key: 'relative-01',
      contactKey: henri.contacts[0]!.key,
      personKeys: [henri.key, jeanne.key],
      email: FIXED_RELATIVE.email,
      firstName: FIXED_RELATIVE.firstName,
      lastName: FIXED_RELATIVE.lastName,
    },
  ];
  const relRng = root.fork('relatives');
  const family = (p: DemoPerson) => p.contacts.find((c) => ['child', 'spouse', 'grandchild', 'niece_nephew'].includes(c.relationship));
  const followed = [...relRng.sample(residents.slice(2).filter(family), 8), ...relRng.sample(dayCarePeople.filter(family), 3)];
  for (const p of followed) {
    const contact = family(p)!;
    contact.email = emails.make(contact.firstName, contact.lastName);
    relatives.push({
      key: `relative-${pad(relatives.length + 1, 2)}`,
      contactKey: contact.key,
      personKeys: [p.key],
      email: contact.email,
      firstName: contact.firstName,
      lastName: contact.lastName,
    });
  }
  return { facilities: DEMO_FACILITIES.map((f) => ({ ...f })), staff, people: [...residents, ...dayCarePeople], relatives };
}

// ---------------------------------------------------------------- more people, for load and scale tests

const STAFF_RATIO: Record<FacilityKind, number> = { ehpad: 0.55, ssiad: 0.55, day_care: 0.3 };

/** A short ASCII tag for keys and e-mails; a hash is added when folding changed the seed, so distinct seeds stay distinct. */
function seedTag(seed: string): string {
  const folded = asciiFold(seed).slice(0, 24) || 'gen';
  return folded === seed ? folded : `${folded}-${hashString(seed, 6)}`;
}

/**
 * `count` more people spread evenly over the given facilities (EHPAD-like for ehpad and ssiad — ssiad people
 * live at home, so they get an address and no room — day-care-like for day_care), plus proportionate staff.
 * Keys start with `gen-<seed>-` and e-mails with `<seed>.`, so they never collide with the demo dataset's.
 */
export function generatePeople(opts: { count: number; seed: string; facilityKeys: { key: string; kind: FacilityKind }[]; today?: string }): {
  people: DemoPerson[];
  staff: DemoStaff[];
} {
  const { count, seed, facilityKeys } = opts;
  if (!Number.isInteger(count) || count < 0) throw new RangeError('count must be a non-negative integer');
  if (facilityKeys.length === 0) throw new RangeError('generatePeople needs at least one facility');
  const today = opts.today ?? DEMO_TODAY;
  const tag = seedTag(seed);
  const root = new Random(`generated/${seed}`);
  const insUsed = new Set<string>();
  const wing = 'BCDEFGHJKLMNPRSTUVWXYZ'[parseInt(hashString(seed, 4), 16) % 22]!;
  const perFacility = new Map<string, number>();
  const people: DemoPerson[] = [];
  for (let i = 0; i < count; i++) {
    const f = facilityKeys[i % facilityKeys.length]!;
    const n = perFacility.get(f.key) ?? 0;
    perFacility.set(f.key, n + 1);
    const key = `gen-${tag}-p-${pad(i + 1, 6)}`;
    const room = f.kind === 'ehpad' ? `${wing}${1 + Math.floor(n / 40)}${pad((n % 40) + 1, 2)}` : null;
    people.push(buildPerson(root.fork(key), { key, facilityKey: f.key, kind: f.kind, today, room, insOrder: [500, 999], insUsed, absentRate: 0.03 }));
  }
  const emails = new EmailBook(DEMO_EMAIL_DOMAIN, `${tag}.`);
  const staffRng = root.fork('staff');
  const staff: DemoStaff[] = [];
  for (const f of facilityKeys) {
    const wanted = Math.round((perFacility.get(f.key) ?? 0) * STAFF_RATIO[f.kind]);
    for (let i = 0; i < wanted; i++) {
      const role = staffRng.pickKey(EXTRA_STAFF[f.kind] as Record<StaffRole, number>);
      const ash = role === 'care_assistant' && staffRng.chance(0.13) ? 'ASH' : undefined;
      staff.push(staffMember(staffRng, `gen-${tag}-s-${pad(staff.length + 1, 5)}`, f.key, role, emails, ash));
    }
  }
  return { people, staff };
}
