/**
 * One person cared for, with profile, capacities, contacts and care plan. Part of the demo generator (generate.ts).
 */
import type { CONTACT_RELATIONSHIPS } from '@presence/shared';
import { Random, addDays, addYears, ageOn, toDay } from '../lib/random.js';
import { OCCASIONAL_LANGUAGES, OCCUPATIONS, ORIGIN_LANGUAGE, SURNAMES, asciiFold, type Generation, type Origin, type Sex } from './french-corpus.js';
import { DISLIKES, INTERESTS, composeHabits, composeLifeStory, type StoryContext } from './french-corpus-stories.js';
import { AGREEMENT_NOTES, CAPACITY_NOTES, GOALS, type CapacityDomain, type GoalDomain, type Levels, type PlanAgreement } from './french-corpus-care.js';
import { DEMO_EMAIL_DOMAIN, birthPlace, homeAddress, makeIns, phone, pickFirstName, pickName, pickOrigin } from './generate-identity.js';
import type { DemoCapacity, DemoCarePlan, DemoContact, DemoGoal, DemoPerson, FacilityKind, Weekday } from './generate.js';

type Relationship = (typeof CONTACT_RELATIONSHIPS)[number];
const DOMAINS: readonly CapacityDomain[] = ['mobility', 'vision', 'hearing', 'cognition'];
const WORKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];

const JOBS: Record<Sex, readonly (readonly [(typeof OCCUPATIONS)[number], number])[]> = {
  F: OCCUPATIONS.filter((j) => j.f).map((j) => [j, j.weight] as const),
  M: OCCUPATIONS.filter((j) => j.m).map((j) => [j, j.weight] as const),
};
/** Men less often list needlework among their interests (but some do). */
const MEN_INTERESTS = INTERESTS.filter(([label]) => !['tricot', 'broderie', 'couture', 'art floral'].includes(label));

interface Profile {
  kind: FacilityKind;
  minAge: number;
  maxAge: number;
  meanAge: number;
  women: number;
  /** Weights of GIR-like groups 0–6 (1 = most dependent; 0 unused). */
  gir: readonly number[];
  withInsRate: number;
  withContactsRate: number;
}
const PROFILES: Record<FacilityKind, Profile> = {
  ehpad: {
    kind: 'ehpad',
    minAge: 75,
    maxAge: 102,
    meanAge: 88,
    women: 0.75,
    gir: [0, 8, 30, 17, 27, 8, 10],
    withInsRate: 0.7,
    withContactsRate: 0.55,
  },
  ssiad: {
    kind: 'ssiad',
    minAge: 70,
    maxAge: 100,
    meanAge: 85,
    women: 0.68,
    gir: [0, 4, 18, 22, 38, 10, 8],
    withInsRate: 0.7,
    withContactsRate: 0.75,
  },
  day_care: {
    kind: 'day_care',
    minAge: 62,
    maxAge: 95,
    meanAge: 81,
    women: 0.6,
    gir: [0, 0, 6, 20, 44, 18, 12],
    withInsRate: 0.6,
    withContactsRate: 0.7,
  },
};

/** Mobility and cognition levels from a GIR-like dependency group; vision and hearing from age. */
function levelsFor(r: Random, p: Profile, age: number): Levels {
  const gir = r.weightedIndex(p.gir);
  let mobility: number;
  let cognition: number;
  if (gir === 1) [mobility, cognition] = [3, r.chance(0.85) ? 3 : 2];
  else if (gir === 2) [mobility, cognition] = r.chance(0.6) ? [r.int(1, 2), 3] : [3, r.int(0, 1)];
  else if (gir === 3) [mobility, cognition] = [r.weightedIndex([0, 35, 65]), r.weightedIndex([20, 35, 45])];
  else if (gir === 4) [mobility, cognition] = [r.weightedIndex([5, 55, 40]), r.weightedIndex([25, 35, 40])];
  else if (gir === 5) [mobility, cognition] = [r.weightedIndex([40, 60]), r.weightedIndex([60, 40])];
  else [mobility, cognition] = [0, r.chance(0.8) ? 0 : 1];
  if (p.kind === 'day_care') cognition = Math.max(cognition, r.weightedIndex([0, 40, 45, 15]) - (mobility === 3 ? 1 : 0));
  const old = age >= 90 ? 1 : 0;
  const vision = Math.min(3, r.weightedIndex([35, 40, 18, 7]) + (old && r.chance(0.3) ? 1 : 0));
  const hearing = Math.min(3, r.weightedIndex([30, 38, 25, 7]) + (old && r.chance(0.35) ? 1 : 0));
  return { mobility, vision, hearing, cognition };
}

function capacities(r: Random, levels: Levels, admission: string, today: string): DemoCapacity[] {
  const out: DemoCapacity[] = [];
  const note = (d: CapacityDomain, level: number) => r.pick(CAPACITY_NOTES[d][level]!) || null;
  const sinceAdmission = toDay(today) - toDay(admission);
  for (const domain of DOMAINS) {
    const level = levels[domain];
    if (sinceAdmission > 300 && r.chance(0.6)) {
      const earlier = Math.max(0, level - (r.chance(0.5) ? 1 : 0));
      out.push({
        domain,
        level: earlier as DemoCapacity['level'],
        note: r.chance(0.5) ? note(domain, earlier) : null,
        assessedOn: addDays(admission, r.int(0, 30)),
      });
      out.push({
        domain,
        level: level as DemoCapacity['level'],
        note: note(domain, level),
        assessedOn: addDays(today, -r.int(5, Math.min(250, sinceAdmission - 40))),
      });
    } else {
      out.push({
        domain,
        level: level as DemoCapacity['level'],
        note: note(domain, level),
        assessedOn: addDays(admission, r.int(0, Math.min(30, sinceAdmission))),
      });
    }
  }
  return out;
}

interface Family {
  spouseFirstName: string | null;
  spouseAlive: boolean;
  marriageYear: number | null;
  widowedYear: number | null;
  children: number;
  grandchildren: number;
  livesWithSpouse: boolean;
}

function contactsFor(
  r: Random,
  key: string,
  person: { sex: Sex; lastName: string; origin: Origin; age: number; kind: FacilityKind },
  fam: Family,
  cognition: number,
  rate: number,
): DemoContact[] {
  const contacts: DemoContact[] = [];
  const add = (relationship: Relationship, gen: Generation, lastName: string, sex: Sex = r.chance(0.6) ? 'F' : 'M', origin = person.origin) => {
    const firstName = pickFirstName(r, gen, sex, origin);
    const seniorLike = gen === 'senior';
    const hasPhone = r.chance(0.88);
    contacts.push({
      key: `${key}-c${contacts.length + 1}`,
      firstName,
      lastName,
      relationship,
      // Always a way to reach them: a phone, an e-mail address, or both.
      phone: hasPhone ? phone(r, seniorLike ? r.chance(0.6) : r.chance(0.1)) : null,
      email: !hasPhone || r.chance(seniorLike ? 0.15 : 0.55) ? `${asciiFold(firstName)}.${asciiFold(lastName)}@proches.${DEMO_EMAIL_DOMAIN}` : null,
      isLegalRepresentative: false,
      isTrustedPerson: false,
    });
  };
  // A spouse still at home is nearly always recorded; otherwise about `rate` of people have contacts.
  if (fam.livesWithSpouse || r.chance(fam.spouseAlive ? 0.85 : rate)) {
    const wanted = r.int(1, 3);
    const candidates: (() => void)[] = [];
    if (fam.spouseAlive && fam.spouseFirstName)
      candidates.push(() =>
        contacts.push({
          key: `${key}-c${contacts.length + 1}`,
          firstName: fam.spouseFirstName!,
          lastName: person.lastName,
          relationship: 'spouse',
          phone: phone(r, true),
          email: null,
          isLegalRepresentative: false,
          isTrustedPerson: false,
        }),
      );
    for (let i = 0; i < Math.min(fam.children, 3); i++)
      candidates.push(() =>
        r.chance(0.5)
          ? add('child', 'middle', person.lastName, 'M')
          : add('child', 'middle', r.chance(0.5) ? person.lastName : r.pick(SURNAMES[pickOrigin(r, 'middle')]), 'F'),
      );
    if (fam.grandchildren > 0) candidates.push(() => add('grandchild', 'young', r.chance(0.5) ? person.lastName : r.pick(SURNAMES[pickOrigin(r, 'young')])));
    if (fam.children === 0) candidates.push(() => add('niece_nephew', 'middle', r.chance(0.5) ? person.lastName : r.pick(SURNAMES.fr)));
    if (person.age < 90 && r.chance(0.4)) candidates.push(() => add('sibling', 'senior', r.chance(0.5) ? person.lastName : r.pick(SURNAMES.fr)));
    if (r.chance(0.3))
      candidates.push(() => add(r.chance(0.7) ? 'friend' : 'other', r.chance(0.5) ? 'senior' : 'middle', r.pick(SURNAMES[pickOrigin(r, 'middle')])));
    // The spouse and the first child come first when present; the rest in random order.
    const [first, ...rest] = candidates;
    for (const c of (first ? [first, ...r.shuffle(rest)] : []).slice(0, wanted)) c();
  }
  // A legal representative for some of those with severe (or some moderate) cognitive difficulty.
  const protectedRate = person.kind === 'ehpad' ? 1 : 0.5; // fewer measures among people still living at home
  if ((cognition === 3 && r.chance(0.6 * protectedRate)) || (cognition === 2 && r.chance(0.15 * protectedRate))) {
    const child = contacts.find((c) => c.relationship === 'child');
    if (child && r.chance(0.55)) child.isLegalRepresentative = true;
    else {
      if (contacts.length === 3) contacts.pop(); // at most three contacts
      const n = pickName(r, 'young', r.chance(0.7) ? 'F' : 'M');
      contacts.push({
        key: `${key}-c${contacts.length + 1}`,
        firstName: n.firstName,
        lastName: n.lastName,
        relationship: 'guardian',
        phone: phone(r, true),
        email: `${asciiFold(n.firstName)}.${asciiFold(n.lastName)}@mandataires.${DEMO_EMAIL_DOMAIN}`,
        isLegalRepresentative: true,
        isTrustedPerson: false,
      });
    }
  } else {
    const family = contacts.filter((c) => c.relationship !== 'guardian');
    if (family.length > 0 && r.chance(0.6))
      (family.find((c) => c.relationship === 'child' || c.relationship === 'spouse') ?? family[0]!).isTrustedPerson = true;
  }
  return contacts;
}

function carePlan(
  r: Random,
  levels: Levels,
  kind: FacilityKind,
  admission: string,
  today: string,
  contacts: DemoContact[],
  interest: string,
): DemoCarePlan | null {
  const since = toDay(today) - toDay(admission);
  // The plan is built within the first weeks; a few people have none yet (just arrived, or nothing written).
  if (since < 30 || r.chance(0.03)) return null;
  let startDate: string;
  let reviewDate: string;
  if (since > 560 && r.chance(0.12)) {
    startDate = addDays(today, -r.int(380, 520)); // yearly review overdue
    reviewDate = addYears(startDate, 1);
  } else {
    startDate = since > 400 ? addDays(today, -r.int(15, 340)) : addDays(admission, r.int(15, Math.min(60, since - 5)));
    const sixMonths = addDays(startDate, 183);
    reviewDate = sixMonths > today && r.chance(0.3) ? sixMonths : addYears(startDate, 1);
  }
  const personAgreement: PlanAgreement =
    levels.cognition === 3
      ? r.pickKey({ pending: 35, agreed: 45, partially_agreed: 15, refused: 5 })
      : r.pickKey({ agreed: 65, partially_agreed: 18, pending: 12, refused: 5 });
  const agreementNote = personAgreement !== 'agreed' || r.chance(0.4) ? r.pick(AGREEMENT_NOTES[personAgreement]) : null;
  const ctx = {
    levels,
    kind,
    hasFamily: contacts.some((c) => c.relationship !== 'guardian'),
    livesWithSpouse: contacts.some((c) => c.relationship === 'spouse') && kind !== 'ehpad',
    interest,
  };
  const eligible = r.shuffle(GOALS.filter((g) => !g.fits || g.fits(ctx)));
  const wanted = r.int(2, 4);
  // Goals in different domains first; more in the same domain only if there are not enough domains.
  const domains = new Set<GoalDomain>();
  const chosen = eligible.filter((g) => !domains.has(g.domain) && domains.add(g.domain)).slice(0, wanted);
  for (const g of eligible) if (chosen.length < wanted && !chosen.includes(g)) chosen.push(g);
  const older = toDay(today) - toDay(startDate) > 180;
  const goals = chosen.map((g): DemoGoal => ({
    title: typeof g.title === 'function' ? g.title(ctx) : g.title,
    description: g.description,
    domain: g.domain,
    targetDate: r.chance(0.75) ? addDays(startDate, r.int(30, toDay(reviewDate) - toDay(startDate))) : null,
    status: older ? r.pickKey({ open: 78, achieved: 16, dropped: 6 }) : 'open',
  }));
  return { startDate, reviewDate, personAgreement, agreementNote, goals };
}

export interface PersonOverrides {
  sex?: Sex;
  firstName?: string;
  lastName?: string;
  birthName?: string | null;
  birthYear?: number;
  origin?: Origin;
  spouseFirstName?: string;
  marriageYear?: number;
  children?: number;
}

export interface PersonSpec {
  key: string;
  facilityKey: string;
  kind: FacilityKind;
  today: string;
  room: string | null;
  insOrder: [number, number];
  insUsed: Set<string>;
  absentRate: number;
  overrides?: PersonOverrides;
}

/** One to three days among Monday–Friday, in week order. */
function attendance(r: Random): Weekday[] {
  const days = r.sample(WORKDAYS, r.weightedIndex([0, 30, 45, 25]));
  return WORKDAYS.filter((d) => days.includes(d));
}

/** Builds one person from its own random stream (so each person is stable whatever else changes). */
export function buildPerson(r: Random, s: PersonSpec): DemoPerson {
  const p = PROFILES[s.kind];
  const o = s.overrides ?? {};
  const todayYear = Number(s.today.slice(0, 4));
  const sex: Sex = o.sex ?? (r.chance(p.women) ? 'F' : 'M');
  // Roughly normal around the mean age (sum of three uniforms), kept within the range.
  const spread = (p.maxAge - p.minAge) / 2;
  const targetAge =
    o.birthYear !== undefined
      ? todayYear - o.birthYear
      : Math.round(Math.min(p.maxAge, Math.max(p.minAge, p.meanAge + ((r.next() + r.next() + r.next()) / 3 - 0.5) * spread * 2)));
  const birthDate = r.dateBetween(addDays(addYears(s.today, -targetAge - 1), 1), addYears(s.today, -targetAge));
  const age = ageOn(birthDate, s.today);
  const own = pickName(r, 'senior', sex, o.origin);
  const origin = own.origin;
  const married = o.spouseFirstName !== undefined || r.chance(0.86);
  const spouseOrigin = r.chance(0.75) ? origin : 'fr';
  const spouseLastName = r.pick(SURNAMES[spouseOrigin]);
  const firstName = o.firstName ?? own.firstName;
  const lastName = o.lastName ?? (sex === 'F' && married ? spouseLastName : own.lastName);
  const birthName = o.birthName !== undefined ? o.birthName : sex === 'F' && married && own.lastName !== lastName && r.chance(0.85) ? own.lastName : null;
  const spouseFirstName = married ? (o.spouseFirstName ?? pickFirstName(r, 'senior', sex === 'F' ? 'M' : 'F', spouseOrigin)) : null;
  const marriageYear = married ? (o.marriageYear ?? Number(birthDate.slice(0, 4)) + r.int(19, 28)) : null;
  const widowed = married && o.spouseFirstName === undefined && r.chance(s.kind === 'ehpad' ? (sex === 'F' ? 0.65 : 0.4) : sex === 'F' ? 0.35 : 0.2);
  const widowedYear = widowed ? Math.max(marriageYear! + 5, todayYear - r.int(1, 25)) : null;
  const children = o.children ?? (r.chance(married ? 0.12 : 0.85) ? 0 : r.weightedIndex([0, 20, 35, 25, 12, 8]));
  const fam: Family = {
    spouseFirstName,
    spouseAlive: married && !widowed && o.spouseFirstName === undefined,
    marriageYear,
    widowedYear,
    children,
    grandchildren: children > 0 && r.chance(0.85) ? Math.min(12, r.int(children, children * 3)) : 0,
    livesWithSpouse: married && !widowed && s.kind !== 'ehpad' && o.spouseFirstName === undefined,
  };
  const levels = levelsFor(r, p, age);
  const place = birthPlace(r, origin);
  // EHPAD stays: mostly recent, a few long ones; day care: up to four years. Never before 68 (EHPAD) or 60.
  const drawn = addDays(s.today, s.kind === 'day_care' ? -r.int(20, 4 * 365) : -Math.floor(20 + r.next() ** 1.7 * 2600));
  const earliest = addYears(birthDate, s.kind === 'day_care' ? 60 : 68);
  const admissionDate = drawn < earliest ? earliest : drawn;
  const job = sex === 'F' && children > 0 && r.chance(0.15) ? null : r.pickWeighted(JOBS[sex]);
  const interests = r.sample(sex === 'F' || r.chance(0.2) ? INTERESTS : MEN_INTERESTS, r.int(2, 5));
  const ctx: StoryContext = {
    sex,
    firstName,
    lastName,
    birthYear: Number(birthDate.slice(0, 4)),
    birthPlace: place,
    origin,
    occupation: job ? { label: (sex === 'F' ? job.f : job.m)!, at: r.pick(job.at) } : null,
    spouseFirstName,
    marriageYear,
    widowedYear,
    children,
    grandchildren: fam.grandchildren,
    interestPhrases: interests.map(([, phrase]) => phrase),
    cognition: levels.cognition,
    kind: s.kind,
    livesWithSpouse: fam.livesWithSpouse || o.spouseFirstName !== undefined,
    todayYear,
  };
  const languages = ['français'];
  const second =
    place.language && r.chance(0.7)
      ? place.language
      : ORIGIN_LANGUAGE[origin] && r.chance(place.abroad ? 0.9 : 0.35)
        ? ORIGIN_LANGUAGE[origin]
        : r.chance(0.05)
          ? r.pick(OCCASIONAL_LANGUAGES)
          : undefined;
  if (second && second !== 'français') {
    if (place.abroad && levels.cognition >= 2 && r.chance(0.4)) languages.unshift(second);
    else languages.push(second);
  }
  const contacts = contactsFor(r, s.key, { sex, lastName, origin, age, kind: s.kind }, fam, levels.cognition, p.withContactsRate);
  const interestLabel = interests[0]?.[0] ?? 'la musique';
  return {
    key: s.key,
    facilityKey: s.facilityKey,
    firstName,
    lastName,
    birthName,
    birthDate,
    sex,
    ins: r.chance(p.withInsRate) ? makeIns(r, sex, birthDate, place, s.insOrder, s.insUsed) : null,
    room: s.room,
    address: s.kind === 'ehpad' ? null : homeAddress(r),
    attendanceDays: s.kind === 'day_care' ? attendance(r) : [],
    status: r.chance(s.absentRate) ? 'temporarily_absent' : 'active',
    admissionDate,
    profile: {
      lifeStory: composeLifeStory(ctx, r),
      interests: interests.map(([label]) => label),
      habits: composeHabits(ctx, r),
      dislikes: r.sample(DISLIKES, r.weightedIndex([20, 40, 30, 10])),
      languages,
    },
    capacities: capacities(r, levels, admissionDate, s.today),
    contacts,
    carePlan: carePlan(r, levels, s.kind, admissionDate, s.today, contacts, interestLabel),
  };
}
