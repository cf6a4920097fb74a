import type { Db, Queryable } from '../db/db.js';
import { hashPassword } from '../auth/passwords.js';
import * as people from '../people/people-repository.js';
import { appendAudit } from '../audit/audit-service.js';
import { generateDemoDataset, generatePeople, type DemoDataset, type DemoFacility, type DemoPerson, type DemoStaff } from './generate.js';

/** Every demo account shares this password; the README says so. Never used outside demo data. */
export const DEMO_PASSWORD = 'presence-demo-2026';

export interface SeedResult {
  created: boolean;
  people: number;
  users: number;
  /** One account of the generated staff (password DEMO_PASSWORD), for benchmarks to sign in with. */
  sampleAccount?: { email: string; role: string };
}

/** Creates the demo dataset once; later calls see it and do nothing (idempotent). */
export async function ensureDemoData(db: Db): Promise<SeedResult> {
  const data = generateDemoDataset();
  const anchor = data.facilities[0]!;
  const [exists] = await db.query('SELECT 1 FROM facility WHERE finess = $1', [anchor.finess]);
  if (exists) return { created: false, people: 0, users: 0 };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    const facilityIds = await insertFacilities(tx, data.facilities);
    await insertDataset(tx, data, facilityIds, passwordHash);
    await appendAudit(
      tx,
      { actor: null, requestId: null },
      { action: 'demo.seed', outcome: 'allowed', details: { people: data.people.length, staff: data.staff.length, relatives: data.relatives.length } },
    );
  });
  return { created: true, people: data.people.length, users: data.staff.length + data.relatives.length };
}

/** Adds N generated people (and proportionate staff) to the demo facilities, creating those if missing. */
export async function seedPeople(db: Db, count: number, seed: string): Promise<SeedResult> {
  const { facilities } = generateDemoDataset();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const generated = generatePeople({ count, seed, facilityKeys: facilities.map((f) => ({ key: f.key, kind: f.kind })) });
  await db.transaction(async (tx) => {
    const facilityIds = await insertFacilities(tx, facilities);
    await insertDataset(tx, { facilities, staff: generated.staff, people: generated.people, relatives: [] }, facilityIds, passwordHash);
    await appendAudit(
      tx,
      { actor: null, requestId: null },
      { action: 'demo.seed_people', outcome: 'allowed', details: { seed, people: count, staff: generated.staff.length } },
    );
  });
  const sample = generated.staff.find((s) => s.role === 'nurse') ?? generated.staff[0];
  return {
    created: true,
    people: generated.people.length,
    users: generated.staff.length,
    ...(sample ? { sampleAccount: { email: sample.email, role: sample.role } } : {}),
  };
}

async function insertFacilities(q: Queryable, facilities: DemoFacility[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const f of facilities) {
    const [row] = await q.query<{ id: string }>(
      `INSERT INTO facility (name, kind, finess, address, capacity) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (finess) DO UPDATE SET name = facility.name RETURNING id`,
      [f.name, f.kind, f.finess, f.address, f.capacity],
    );
    ids.set(f.key, row!.id);
  }
  return ids;
}

async function insertDataset(q: Queryable, data: DemoDataset, facilityIds: Map<string, string>, passwordHash: string): Promise<void> {
  const fid = (key: string) => {
    const id = facilityIds.get(key);
    if (!id) throw new Error(`demo data refers to unknown facility ${key}`);
    return id;
  };
  for (const s of data.staff) await insertStaff(q, s, fid(s.facilityKey), passwordHash);
  const personIds = new Map<string, string>();
  const contactIds = new Map<string, { personId: string; contactId: string }>();
  for (const p of data.people) {
    const id = await insertPerson(q, p, fid(p.facilityKey));
    personIds.set(p.key, id);
    for (const c of p.contacts) contactIds.set(c.key, { personId: id, contactId: await people.insertContact(q, id, c) });
  }
  for (const r of data.relatives) {
    const [user] = await q.query<{ id: string }>(
      `INSERT INTO app_user (email, password_hash, first_name, last_name, role) VALUES ($1, $2, $3, $4, 'relative') RETURNING id`,
      [r.email, passwordHash, r.firstName, r.lastName],
    );
    const contact = contactIds.get(r.contactKey);
    if (!contact) throw new Error(`demo relative ${r.key} refers to unknown contact ${r.contactKey}`);
    // The account is linked through the contact record of each person the relative follows.
    const [c] = await q.query<{ first_name: string; last_name: string; relationship: string; phone: string | null; email: string | null }>(
      'SELECT * FROM contact WHERE id = $1',
      [contact.contactId],
    );
    await q.query('UPDATE contact SET user_id = $1 WHERE id = $2', [user!.id, contact.contactId]);
    for (const key of r.personKeys) {
      const personId = personIds.get(key);
      if (!personId || personId === contact.personId) continue;
      const [existing] = await q.query<{ id: string }>(
        'SELECT id FROM contact WHERE person_id = $1 AND lower(first_name) = lower($2) AND lower(last_name) = lower($3)',
        [personId, c!.first_name, c!.last_name],
      );
      if (existing) await q.query('UPDATE contact SET user_id = $1 WHERE id = $2', [user!.id, existing.id]);
      else
        await q.query('INSERT INTO contact (person_id, first_name, last_name, relationship, phone, email, user_id) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
          personId,
          c!.first_name,
          c!.last_name,
          c!.relationship,
          c!.phone,
          c!.email,
          user!.id,
        ]);
    }
  }
}

async function insertStaff(q: Queryable, s: DemoStaff, facilityId: string, passwordHash: string): Promise<void> {
  await q.query('INSERT INTO app_user (facility_id, email, password_hash, first_name, last_name, role, qualification) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
    facilityId,
    s.email,
    passwordHash,
    s.firstName,
    s.lastName,
    s.role,
    s.qualification,
  ]);
}

async function insertPerson(q: Queryable, p: DemoPerson, facilityId: string): Promise<string> {
  const id = await people.insertPerson(q, facilityId, {
    firstName: p.firstName,
    lastName: p.lastName,
    birthName: p.birthName,
    birthDate: p.birthDate,
    sex: p.sex,
    ins: p.ins,
    room: p.room,
    address: p.address,
    attendanceDays: p.attendanceDays,
    status: p.status,
    admissionDate: p.admissionDate,
  });
  await people.updateProfile(q, id, p.profile);
  for (const c of p.capacities) await people.insertCapacity(q, id, c, null);
  if (p.carePlan) await people.replaceCarePlan(q, id, p.carePlan, null);
  return id;
}

/** The demo accounts, as `npx presence demo-accounts` prints them. */
export function demoAccounts(): { email: string; password: string; role: string; facility: string | null }[] {
  const data = generateDemoDataset();
  const facilityName = new Map(data.facilities.map((f) => [f.key, f.name]));
  const personFacility = new Map(data.people.map((p) => [p.key, facilityName.get(p.facilityKey) ?? null]));
  return [
    ...data.staff.map((s) => ({ email: s.email, password: DEMO_PASSWORD, role: s.role, facility: facilityName.get(s.facilityKey) ?? null })),
    ...data.relatives.map((r) => ({ email: r.email, password: DEMO_PASSWORD, role: 'relative', facility: personFacility.get(r.personKeys[0] ?? '') ?? null })),
  ];
}
