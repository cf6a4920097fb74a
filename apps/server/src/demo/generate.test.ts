import { describe, it, expect } from 'vitest';
import {
  QUALIFICATIONS,
  STAFF_ROLES,
  carePlanInputSchema,
  capacityInputSchema,
  contactInputSchema,
  personInputSchema,
  profileInputSchema,
} from '@presence/shared';
import { DEMO_TODAY, generateDemoDataset, generatePeople, type DemoPerson } from './generate.js';
import { Random, addDays, ageOn, fromDay, toDay } from '../lib/random.js';

const data = generateDemoDataset();
const ehpad = data.facilities.find((f) => f.kind === 'ehpad')!;
const dayCare = data.facilities.find((f) => f.kind === 'day_care')!;
const residents = data.people.filter((p) => p.facilityKey === ehpad.key);
const dayCarePeople = data.people.filter((p) => p.facilityKey === dayCare.key);
const facilityKeys = data.facilities.map((f) => ({ key: f.key, kind: f.kind }));
const ACCOUNT_EMAIL = /^[a-z0-9.-]+@demo\.presence\.fr$/;

/** Every schema of @presence/shared that the seed relies on accepts this person. */
function expectValid(p: DemoPerson): void {
  const { key: _k, facilityKey: _f, profile, capacities, contacts, carePlan, ...person } = p;
  expect(personInputSchema.safeParse(person).error?.issues ?? []).toEqual([]);
  expect(profileInputSchema.safeParse(profile).error?.issues ?? []).toEqual([]);
  for (const c of capacities) expect(capacityInputSchema.safeParse(c).error?.issues ?? []).toEqual([]);
  for (const { key: _c, ...c } of contacts) expect(contactInputSchema.safeParse(c).error?.issues ?? []).toEqual([]);
  if (carePlan) expect(carePlanInputSchema.safeParse(carePlan).error?.issues ?? []).toEqual([]);
}

/** INS key: 97 − (13-digit number mod 97), Corsica 2A/2B counted as 19/18. */
function insKeyIsValid(ins: string): boolean {
  const n = Number(ins.slice(0, 13).replace('2A', '19').replace('2B', '18'));
  return Number(ins.slice(13)) === 97 - (n % 97);
}

describe('random', () => {
  it('is deterministic and seed-dependent', () => {
    const draw = (seed: string) => {
      const r = new Random(seed);
      return Array.from({ length: 20 }, () => r.int(0, 1_000_000));
    };
    expect(draw('a')).toEqual(draw('a'));
    expect(draw('a')).not.toEqual(draw('b'));
    // Pinned values: the generator must give the same numbers on every machine and Node version.
    const pinned = new Random('presence');
    expect([pinned.int(0, 999_999), pinned.int(0, 999_999), pinned.next()]).toEqual([891306, 657602, 0.3001468302682042]);
    expect(new Random(42).fork('x').next()).toBe(new Random('42/x').next());
  });

  it('helpers stay in range', () => {
    const r = new Random('helpers');
    for (let i = 0; i < 2000; i++) {
      const n = r.int(-3, 3);
      expect(n).toBeGreaterThanOrEqual(-3);
      expect(n).toBeLessThanOrEqual(3);
      const d = r.dateBetween('2020-02-27', '2020-03-02');
      expect(d >= '2020-02-27' && d <= '2020-03-02').toBe(true);
    }
    const s = r.sample([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 4);
    expect(new Set(s).size).toBe(4);
    expect(r.shuffle([1, 2, 3, 4, 5]).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(
      r.pickWeighted([
        ['only', 1],
        ['never', 0],
      ]),
    ).toBe('only');
  });

  it('date arithmetic matches the calendar', () => {
    for (let day = -40_000; day < 30_000; day += 7) expect(fromDay(day)).toBe(new Date(day * 86_400_000).toISOString().slice(0, 10));
    expect(toDay('1970-01-01')).toBe(0);
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(ageOn('1930-11-24', '2026-11-23')).toBe(95);
    expect(ageOn('1930-11-23', '2026-11-23')).toBe(96);
  });
});

describe('generateDemoDataset', () => {
  it('is deterministic: same seed, same data; another seed, other data', () => {
    expect(generateDemoDataset()).toEqual(data);
    expect(generateDemoDataset({ seed: 'presence-demo', today: DEMO_TODAY })).toEqual(data);
    const other = generateDemoDataset({ seed: 'another-seed' });
    expect(other.people.map((p) => p.profile.lifeStory)).not.toEqual(data.people.map((p) => p.profile.lifeStory));
    // The well-known accounts do not depend on the seed.
    const wellKnown = (d: typeof data) => d.staff.filter((s) => !s.email.split('@')[0]!.includes('.')).map((s) => [s.email, s.role, s.firstName, s.lastName]);
    expect(wellKnown(data)).toHaveLength(10);
    expect(wellKnown(other)).toEqual(wellKnown(data));
  });

  it('has the expected sizes', () => {
    expect(data.facilities).toHaveLength(2);
    expect(residents.length).toBeGreaterThanOrEqual(75);
    expect(residents.length).toBeLessThanOrEqual(84);
    expect(dayCarePeople.length).toBeGreaterThanOrEqual(20);
    expect(dayCarePeople.length).toBeLessThanOrEqual(30);
    const ehpadStaff = data.staff.filter((s) => s.facilityKey === ehpad.key);
    expect(ehpadStaff.length).toBeGreaterThanOrEqual(40);
    expect(ehpadStaff.length).toBeLessThanOrEqual(50);
    expect(data.staff.filter((s) => s.facilityKey === dayCare.key).length).toBeGreaterThanOrEqual(6);
    expect(data.relatives.length).toBeGreaterThanOrEqual(10);
    expect(residents.length).toBeLessThanOrEqual(ehpad.capacity);
  });

  it('has valid facilities', () => {
    for (const f of data.facilities) expect(f.finess).toMatch(/^[0-9]{2}[0-9AB][0-9]{6}$/);
    expect(new Set(data.facilities.map((f) => f.finess)).size).toBe(data.facilities.length);
  });

  it('has every role, the well-known accounts and unique e-mails', () => {
    const roles = new Set(data.staff.map((s) => s.role));
    for (const role of STAFF_ROLES) expect(roles, role).toContain(role);
    expect(data.staff.some((s) => (s.role as string) === 'relative')).toBe(false);
    const emails = [...data.staff.map((s) => s.email), ...data.relatives.map((r) => r.email)];
    expect(new Set(emails).size).toBe(emails.length);
    for (const e of emails) expect(e).toMatch(ACCOUNT_EMAIL);
    const byEmail = new Map(data.staff.map((s) => [s.email, s]));
    const expected: [string, string, string][] = [
      ['directrice', 'director', ehpad.key],
      ['cadre', 'head_of_care', ehpad.key],
      ['idec', 'coordination_nurse', ehpad.key],
      ['infirmier', 'nurse', ehpad.key],
      ['aide-soignante', 'care_assistant', ehpad.key],
      ['animatrice', 'activity_leader', ehpad.key],
      ['medecin', 'physician', ehpad.key],
      ['secretariat', 'secretary', ehpad.key],
      ['representant', 'user_representative', ehpad.key],
      ['accueil-de-jour', 'head_of_care', dayCare.key],
    ];
    for (const [local, role, facility] of expected) {
      const s = byEmail.get(`${local}@demo.presence.fr`);
      expect(s?.role, local).toBe(role);
      expect(s?.facilityKey, local).toBe(facility);
    }
    for (const s of data.staff) if (s.qualification !== null) expect(QUALIFICATIONS).toContain(s.qualification);
    expect(data.staff.filter((s) => s.facilityKey === ehpad.key && s.qualification === 'ASH').length).toBeGreaterThanOrEqual(3);
    expect(new Set(data.staff.map((s) => s.key)).size).toBe(data.staff.length);
  });

  it('links relatives to contacts of the people they follow', () => {
    const people = new Map(data.people.map((p) => [p.key, p]));
    const proche = data.relatives.find((r) => r.email === 'proche@demo.presence.fr')!;
    expect(proche.personKeys).toHaveLength(2);
    for (const key of proche.personKeys) expect(people.get(key)?.facilityKey).toBe(ehpad.key);
    for (const r of data.relatives) {
      expect(r.personKeys.length).toBeGreaterThanOrEqual(1);
      const contact = people.get(r.personKeys[0]!)!.contacts.find((c) => c.key === r.contactKey);
      expect(contact, r.key).toBeDefined();
      expect(contact!.email).toBe(r.email);
      expect([contact!.firstName, contact!.lastName]).toEqual([r.firstName, r.lastName]);
      for (const key of r.personKeys) expect(people.has(key)).toBe(true);
    }
    expect(data.relatives.some((r) => people.get(r.personKeys[0]!)!.facilityKey === dayCare.key)).toBe(true);
  });

  it('passes the shared schemas', () => {
    for (const p of data.people) expectValid(p);
  });

  it('has unique keys, and contacts with at most one legal representative and one trusted person', () => {
    const keys = [...data.people.map((p) => p.key), ...data.people.flatMap((p) => p.contacts.map((c) => c.key))];
    expect(new Set(keys).size).toBe(keys.length);
    for (const p of data.people) {
      expect(p.contacts.length).toBeLessThanOrEqual(3);
      expect(p.contacts.filter((c) => c.isLegalRepresentative).length).toBeLessThanOrEqual(1);
      expect(p.contacts.filter((c) => c.isTrustedPerson).length).toBeLessThanOrEqual(1);
      for (const c of p.contacts) if (c.relationship === 'guardian') expect(c.isLegalRepresentative).toBe(true);
    }
    const withContacts = data.people.filter((p) => p.contacts.length > 0).length / data.people.length;
    expect(withContacts).toBeGreaterThan(0.5);
    expect(withContacts).toBeLessThan(0.85);
    expect(data.people.some((p) => p.contacts.some((c) => c.relationship === 'guardian'))).toBe(true);
    expect(data.people.some((p) => p.contacts.some((c) => c.relationship === 'child' && c.isLegalRepresentative))).toBe(true);
  });

  it('has varied, well-formed life stories and profiles', () => {
    const stories = data.people.map((p) => p.profile.lifeStory);
    expect(new Set(stories).size / stories.length).toBeGreaterThanOrEqual(0.9);
    for (const s of stories) {
      const sentences = s.match(/[.!?](?=\s|$)/g)?.length ?? 0;
      expect(sentences, s).toBeGreaterThanOrEqual(3);
      expect(sentences, s).toBeLessThanOrEqual(6);
      expect(s).not.toMatch(/undefined|null|NaN|\$\{|\s{2}/);
    }
    for (const p of data.people) {
      expect(p.profile.interests.length).toBeGreaterThanOrEqual(2);
      expect(p.profile.languages).toContain('français');
      expect(p.profile.habits.length).toBeGreaterThan(10);
    }
    expect(data.people.some((p) => p.profile.languages.length > 1)).toBe(true);
    expect(new Set(data.people.map((p) => p.lastName)).size).toBeGreaterThan(50);
  });

  it('keeps ages, rooms and attendance days realistic', () => {
    for (const p of residents) {
      const age = ageOn(p.birthDate, DEMO_TODAY);
      expect(age).toBeGreaterThanOrEqual(75);
      expect(age).toBeLessThanOrEqual(102);
      expect(p.room).toMatch(/^[12][0-4][0-9]$/);
      expect(p.attendanceDays).toEqual([]);
      expect(p.address).toBeNull();
    }
    expect(new Set(residents.map((p) => p.room)).size).toBe(residents.length);
    const women = residents.filter((p) => p.sex === 'F').length / residents.length;
    expect(women).toBeGreaterThan(0.65);
    expect(women).toBeLessThan(0.85);
    for (const p of dayCarePeople) {
      const age = ageOn(p.birthDate, DEMO_TODAY);
      expect(age).toBeGreaterThanOrEqual(62);
      expect(age).toBeLessThanOrEqual(95);
      expect(p.room).toBeNull();
      expect(p.address).toMatch(/, 69\d{3} /);
      expect(p.attendanceDays.length).toBeGreaterThanOrEqual(1);
      expect(p.attendanceDays.length).toBeLessThanOrEqual(3);
      for (const d of p.attendanceDays) expect(['mon', 'tue', 'wed', 'thu', 'fri']).toContain(d);
    }
    for (const p of data.people) {
      expect(p.admissionDate <= DEMO_TODAY).toBe(true);
      expect(ageOn(p.birthDate, p.admissionDate)).toBeGreaterThanOrEqual(60);
    }
  });

  it('has capacities for every domain, with a realistic spread', () => {
    for (const p of data.people) {
      for (const domain of ['mobility', 'vision', 'hearing', 'cognition'] as const) {
        const assessments = p.capacities.filter((c) => c.domain === domain);
        expect(assessments.length).toBeGreaterThanOrEqual(1);
        expect(assessments.length).toBeLessThanOrEqual(2);
        for (const a of assessments) expect(a.assessedOn >= p.admissionDate && a.assessedOn <= DEMO_TODAY).toBe(true);
      }
    }
    const latestCognition = residents.map((p) => p.capacities.filter((c) => c.domain === 'cognition').at(-1)!.level);
    expect(latestCognition.filter((l) => l >= 2).length / residents.length).toBeGreaterThan(0.3);
    expect(new Set(latestCognition).size).toBe(4);
  });

  it('has INS for some people, valid and unique', () => {
    const ins = data.people.map((p) => p.ins).filter((i): i is string => i !== null);
    expect(ins.length).toBeGreaterThan(data.people.length * 0.4);
    expect(ins.length).toBeLessThan(data.people.length);
    expect(new Set(ins).size).toBe(ins.length);
    for (const i of ins) expect(insKeyIsValid(i), i).toBe(true);
  });

  it('has care plans for most people, some overdue, and a few people in hospital', () => {
    const withPlan = data.people.filter((p) => p.carePlan);
    expect(withPlan.length / data.people.length).toBeGreaterThanOrEqual(0.8);
    for (const p of withPlan) {
      const plan = p.carePlan!;
      expect(plan.goals.length).toBeGreaterThanOrEqual(2);
      expect(plan.goals.length).toBeLessThanOrEqual(4);
      expect(new Set(plan.goals.map((g) => g.title)).size).toBe(plan.goals.length);
      expect(plan.startDate >= p.admissionDate && plan.startDate <= DEMO_TODAY).toBe(true);
    }
    expect(withPlan.filter((p) => p.carePlan!.reviewDate < DEMO_TODAY).length).toBeGreaterThanOrEqual(3);
    expect(new Set(withPlan.flatMap((p) => p.carePlan!.goals.map((g) => g.domain))).size).toBe(8);
    const absent = data.people.filter((p) => p.status === 'temporarily_absent').length;
    expect(absent).toBeGreaterThanOrEqual(2);
    expect(absent).toBeLessThanOrEqual(6);
  });
});

describe('generatePeople', () => {
  it('is deterministic and seed-dependent', () => {
    const a = generatePeople({ count: 50, seed: 'load-a', facilityKeys });
    expect(generatePeople({ count: 50, seed: 'load-a', facilityKeys })).toEqual(a);
    expect(generatePeople({ count: 50, seed: 'load-b', facilityKeys }).people.map((p) => p.profile.lifeStory)).not.toEqual(
      a.people.map((p) => p.profile.lifeStory),
    );
  });

  it('spreads 2,000 valid people over the facilities with proportionate staff, without colliding with the demo data', () => {
    const { people, staff } = generatePeople({ count: 2000, seed: 'load-test', facilityKeys });
    expect(people).toHaveLength(2000);
    for (const p of people) expectValid(p);
    const inEhpad = people.filter((p) => p.facilityKey === ehpad.key);
    expect(inEhpad).toHaveLength(1000);
    expect(new Set(inEhpad.map((p) => p.room)).size).toBe(1000);
    expect(people.filter((p) => p.facilityKey === dayCare.key).every((p) => p.room === null && p.attendanceDays.length > 0)).toBe(true);
    const ehpadStaff = staff.filter((s) => s.facilityKey === ehpad.key).length;
    expect(ehpadStaff).toBeGreaterThan(1000 * 0.45);
    expect(ehpadStaff).toBeLessThan(1000 * 0.65);
    expect(staff.filter((s) => s.facilityKey === dayCare.key).length).toBe(300);
    expect(staff.some((s) => s.role === 'director')).toBe(false);

    const keys = new Set([...data.people.map((p) => p.key), ...data.staff.map((s) => s.key)]);
    for (const k of [...people.map((p) => p.key), ...staff.map((s) => s.key)]) {
      expect(keys.has(k), k).toBe(false);
      keys.add(k);
    }
    const emails = new Set([...data.staff.map((s) => s.email), ...data.relatives.map((r) => r.email)]);
    for (const s of staff) {
      expect(s.email).toMatch(ACCOUNT_EMAIL);
      expect(emails.has(s.email), s.email).toBe(false);
      emails.add(s.email);
    }
    const ins = [...data.people, ...people].map((p) => p.ins).filter((i) => i !== null);
    expect(new Set(ins).size).toBe(ins.length);
    expect(new Set(people.map((p) => p.profile.lifeStory)).size / people.length).toBeGreaterThanOrEqual(0.9);
  });

  it('gives SSIAD people a home address and no room', () => {
    const { people } = generatePeople({ count: 30, seed: 'ssiad', facilityKeys: [{ key: 'ssiad-1', kind: 'ssiad' }] });
    for (const p of people) {
      expect(p.room).toBeNull();
      expect(p.address).not.toBeNull();
      expectValid(p);
    }
  });

  it('keeps e-mails distinct for seeds that fold to the same text', () => {
    const a = generatePeople({ count: 20, seed: 'Été', facilityKeys });
    const b = generatePeople({ count: 20, seed: 'ete', facilityKeys });
    const emails = [...a.staff, ...b.staff].map((s) => s.email);
    expect(new Set(emails).size).toBe(emails.length);
    for (const e of emails) expect(e).toMatch(ACCOUNT_EMAIL);
  });

  it('handles 10,000 people quickly', () => {
    const started = performance.now();
    const { people, staff } = generatePeople({ count: 10_000, seed: 'scale', facilityKeys });
    const elapsed = performance.now() - started;
    expect(people).toHaveLength(10_000);
    expect(staff.length).toBeGreaterThan(3000);
    expect(new Set(people.map((p) => p.key)).size).toBe(10_000);
    expect(new Set(staff.map((s) => s.email)).size).toBe(staff.length);
    // Typically well under a second; generous bound for slow CI machines.
    expect(elapsed).toBeLessThan(5000);
  });
});
