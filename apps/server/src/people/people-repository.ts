import type { Queryable } from '../db/db.js';
import type { CapacityInput, CarePlanInput, ContactInput, PeopleQuery, PersonScope } from './people-types.js';
import type { Capacity, CarePlan, Contact, PersonDetail, PersonSummary } from '@presence/shared';
import { PEOPLE_SORT_FIELDS } from '@presence/shared';

/** Sort fields map to columns through this allow-list only; nothing from the request reaches SQL text. */
const SORT_COLUMNS: Record<(typeof PEOPLE_SORT_FIELDS)[number], string> = {
  lastName: 'p.last_name',
  firstName: 'p.first_name',
  birthDate: 'p.birth_date',
  admissionDate: 'p.admission_date',
  room: 'p.room',
};

interface PersonRow {
  id: string;
  facility_id: string;
  facility_name: string;
  first_name: string;
  last_name: string;
  birth_name: string | null;
  birth_date: string;
  sex: 'F' | 'M';
  ins: string | null;
  room: string | null;
  address: string | null;
  attendance_days: PersonSummary['attendanceDays'];
  status: PersonSummary['status'];
  admission_date: string;
  version: number;
  age: number;
}

const PERSON_SELECT = `SELECT p.*, f.name AS facility_name,
  date_part('year', age(current_date, p.birth_date))::int AS age
  FROM person p JOIN facility f ON f.id = p.facility_id`;

/** The WHERE fragment restricting rows to the actor's scope; params are appended to `params`. */
function scopeClause(scope: PersonScope, params: unknown[]): string {
  switch (scope.kind) {
    case 'facility':
      params.push(scope.facilityId);
      return `p.facility_id = $${params.length}`;
    case 'persons':
      params.push(scope.personIds);
      return `p.id = ANY($${params.length}::uuid[])`;
    case 'none':
      return 'false';
  }
}

const toSummary = (r: PersonRow): PersonSummary => ({
  id: r.id,
  facilityId: r.facility_id,
  facilityName: r.facility_name,
  firstName: r.first_name,
  lastName: r.last_name,
  birthDate: r.birth_date,
  age: r.age,
  sex: r.sex,
  room: r.room,
  status: r.status,
  attendanceDays: r.attendance_days,
});

export async function listPeople(q: Queryable, scope: PersonScope, query: PeopleQuery) {
  const params: unknown[] = [];
  const where = [scopeClause(scope, params)];
  if (query.q) {
    params.push(`%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(
      `(p.last_name ILIKE $${params.length} OR p.first_name ILIKE $${params.length} OR p.birth_name ILIKE $${params.length} OR p.room ILIKE $${params.length})`,
    );
  }
  if (query.facilityId) {
    params.push(query.facilityId);
    where.push(`p.facility_id = $${params.length}`);
  }
  if (query.status) {
    params.push(query.status);
    where.push(`p.status = $${params.length}`);
  }
  const whereSql = where.join(' AND ');
  const order = `${SORT_COLUMNS[query.sort]} ${query.order === 'desc' ? 'DESC' : 'ASC'} NULLS LAST, p.last_name, p.first_name, p.id`;
  const [count] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM person p WHERE ${whereSql}`, params);
  const rows = await q.query<PersonRow>(`${PERSON_SELECT} WHERE ${whereSql} ORDER BY ${order} LIMIT ${query.limit} OFFSET ${query.offset}`, params);
  return { items: rows.map(toSummary), total: count?.n ?? 0 };
}

/** A person within scope, or undefined (absent and out-of-scope look the same). */
export async function findPerson(q: Queryable, scope: PersonScope, id: string): Promise<PersonRow | undefined> {
  const params: unknown[] = [id];
  const [row] = await q.query<PersonRow>(`${PERSON_SELECT} WHERE p.id = $1 AND ${scopeClause(scope, params)}`, params);
  return row;
}

export async function personExists(q: Queryable, id: string): Promise<{ facility_id: string } | undefined> {
  const [row] = await q.query<{ facility_id: string }>('SELECT facility_id FROM person WHERE id = $1', [id]);
  return row;
}

export async function loadDetail(q: Queryable, row: PersonRow): Promise<PersonDetail> {
  const [profile] = await q.query<{ life_story: string; interests: string[]; habits: string; dislikes: string[]; languages: string[]; updated_at: Date }>(
    'SELECT * FROM person_profile WHERE person_id = $1',
    [row.id],
  );
  const capacities = await q.query<{ id: string; domain: Capacity['domain']; level: number; note: string | null; assessed_on: string }>(
    'SELECT id, domain, level, note, assessed_on FROM capacity_assessment WHERE person_id = $1 ORDER BY assessed_on DESC, created_at DESC',
    [row.id],
  );
  const contacts = await q.query<{
    id: string;
    first_name: string;
    last_name: string;
    relationship: Contact['relationship'];
    phone: string | null;
    email: string | null;
    is_legal_representative: boolean;
    is_trusted_person: boolean;
    user_id: string | null;
  }>('SELECT * FROM contact WHERE person_id = $1 ORDER BY is_legal_representative DESC, is_trusted_person DESC, last_name, first_name', [row.id]);
  return {
    ...toSummary(row),
    birthName: row.birth_name,
    ins: row.ins,
    address: row.address,
    admissionDate: row.admission_date,
    version: row.version,
    profile: profile
      ? {
          lifeStory: profile.life_story,
          interests: profile.interests,
          habits: profile.habits,
          dislikes: profile.dislikes,
          languages: profile.languages,
          updatedAt: profile.updated_at.toISOString(),
        }
      : { lifeStory: '', interests: [], habits: '', dislikes: [], languages: [], updatedAt: null },
    capacities: capacities.map((c) => ({ id: c.id, domain: c.domain, level: c.level, note: c.note, assessedOn: c.assessed_on })),
    contacts: contacts.map((c) => ({
      id: c.id,
      firstName: c.first_name,
      lastName: c.last_name,
      relationship: c.relationship,
      phone: c.phone,
      email: c.email,
      isLegalRepresentative: c.is_legal_representative,
      isTrustedPerson: c.is_trusted_person,
      hasAccount: c.user_id !== null,
    })),
    carePlan: await loadActivePlan(q, row.id),
  };
}

async function loadActivePlan(q: Queryable, personId: string): Promise<CarePlan | null> {
  const [plan] = await q.query<{
    id: string;
    status: 'active';
    start_date: string;
    review_date: string;
    person_agreement: CarePlan['personAgreement'];
    agreement_note: string | null;
    created_at: Date;
  }>(`SELECT * FROM care_plan WHERE person_id = $1 AND status = 'active'`, [personId]);
  if (!plan) return null;
  const goals = await q.query<{
    id: string;
    title: string;
    description: string | null;
    domain: CarePlan['goals'][number]['domain'];
    target_date: string | null;
    status: CarePlan['goals'][number]['status'];
  }>('SELECT * FROM goal WHERE care_plan_id = $1 ORDER BY position', [plan.id]);
  return {
    id: plan.id,
    status: plan.status,
    startDate: plan.start_date,
    reviewDate: plan.review_date,
    personAgreement: plan.person_agreement,
    agreementNote: plan.agreement_note,
    createdAt: plan.created_at.toISOString(),
    goals: goals.map((g) => ({
      id: g.id,
      aiLabel: null,
      title: g.title,
      description: g.description,
      domain: g.domain,
      targetDate: g.target_date,
      status: g.status,
    })),
  };
}

const PERSON_COLUMNS = {
  firstName: 'first_name',
  lastName: 'last_name',
  birthName: 'birth_name',
  birthDate: 'birth_date',
  sex: 'sex',
  ins: 'ins',
  room: 'room',
  address: 'address',
  attendanceDays: 'attendance_days',
  status: 'status',
  admissionDate: 'admission_date',
} as const;
export type PersonColumnKey = keyof typeof PERSON_COLUMNS;

export async function insertPerson(q: Queryable, facilityId: string, p: Partial<Record<PersonColumnKey, unknown>>): Promise<string> {
  const keys = (Object.keys(PERSON_COLUMNS) as PersonColumnKey[]).filter((k) => p[k] !== undefined);
  const cols = ['facility_id', ...keys.map((k) => PERSON_COLUMNS[k])];
  const values = [facilityId, ...keys.map((k) => p[k] ?? null)];
  const [row] = await q.query<{ id: string }>(
    `INSERT INTO person (${cols.join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
    values,
  );
  await q.query('INSERT INTO person_profile (person_id) VALUES ($1)', [row!.id]);
  return row!.id;
}

export async function updatePerson(q: Queryable, id: string, p: Partial<Record<PersonColumnKey, unknown>>): Promise<void> {
  const keys = (Object.keys(PERSON_COLUMNS) as PersonColumnKey[]).filter((k) => p[k] !== undefined);
  if (!keys.length) return;
  const sets = keys.map((k, i) => `${PERSON_COLUMNS[k]} = $${i + 2}`);
  await q.query(`UPDATE person SET ${sets.join(', ')}, version = version + 1, updated_at = now() WHERE id = $1`, [id, ...keys.map((k) => p[k])]);
}

export async function updateProfile(
  q: Queryable,
  personId: string,
  p: { lifeStory?: string; interests?: string[]; habits?: string; dislikes?: string[]; languages?: string[] },
): Promise<void> {
  const map = { lifeStory: 'life_story', interests: 'interests', habits: 'habits', dislikes: 'dislikes', languages: 'languages' } as const;
  const keys = (Object.keys(map) as (keyof typeof map)[]).filter((k) => p[k] !== undefined);
  const sets = keys.map((k, i) => `${map[k]} = $${i + 2}`);
  await q.query(`INSERT INTO person_profile (person_id) VALUES ($1) ON CONFLICT (person_id) DO NOTHING`, [personId]);
  await q.query(`UPDATE person_profile SET ${[...sets, 'updated_at = now()'].join(', ')} WHERE person_id = $1`, [personId, ...keys.map((k) => p[k])]);
}

export async function insertCapacity(q: Queryable, personId: string, c: CapacityInput, recordedBy: string | null): Promise<void> {
  await q.query('INSERT INTO capacity_assessment (person_id, domain, level, note, assessed_on, recorded_by) VALUES ($1, $2, $3, $4, $5, $6)', [
    personId,
    c.domain,
    c.level,
    c.note ?? null,
    c.assessedOn,
    recordedBy,
  ]);
}

export async function insertContact(q: Queryable, personId: string, c: ContactInput, userId: string | null = null): Promise<string> {
  const [row] = await q.query<{ id: string }>(
    `INSERT INTO contact (person_id, first_name, last_name, relationship, phone, email, is_legal_representative, is_trusted_person, user_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [personId, c.firstName, c.lastName, c.relationship, c.phone ?? null, c.email ?? null, c.isLegalRepresentative ?? false, c.isTrustedPerson ?? false, userId],
  );
  return row!.id;
}

export async function updateContact(q: Queryable, personId: string, contactId: string, c: ContactInput): Promise<boolean> {
  const rows = await q.query(
    `UPDATE contact SET first_name = $3, last_name = $4, relationship = $5, phone = $6, email = $7, is_legal_representative = $8, is_trusted_person = $9
      WHERE id = $1 AND person_id = $2 RETURNING id`,
    [
      contactId,
      personId,
      c.firstName,
      c.lastName,
      c.relationship,
      c.phone ?? null,
      c.email ?? null,
      c.isLegalRepresentative ?? false,
      c.isTrustedPerson ?? false,
    ],
  );
  return rows.length > 0;
}

export async function deleteContact(q: Queryable, personId: string, contactId: string): Promise<boolean> {
  const rows = await q.query('DELETE FROM contact WHERE id = $1 AND person_id = $2 RETURNING id', [contactId, personId]);
  return rows.length > 0;
}

/** Other contacts of the person holding a unique flag (one legal representative, one trusted person). */
export async function contactFlagHolders(q: Queryable, personId: string, exceptId: string | null) {
  return q.query<{ id: string; is_legal_representative: boolean; is_trusted_person: boolean }>(
    'SELECT id, is_legal_representative, is_trusted_person FROM contact WHERE person_id = $1 AND id IS DISTINCT FROM $2::uuid AND (is_legal_representative OR is_trusted_person)',
    [personId, exceptId],
  );
}

export async function replaceCarePlan(q: Queryable, personId: string, plan: CarePlanInput, createdBy: string | null): Promise<string> {
  await q.query(`UPDATE care_plan SET status = 'archived' WHERE person_id = $1 AND status = 'active'`, [personId]);
  const [row] = await q.query<{ id: string }>(
    `INSERT INTO care_plan (person_id, start_date, review_date, person_agreement, agreement_note, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [personId, plan.startDate, plan.reviewDate, plan.personAgreement ?? 'pending', plan.agreementNote ?? null, createdBy],
  );
  const goals = plan.goals ?? [];
  for (const [i, g] of goals.entries()) {
    await q.query('INSERT INTO goal (care_plan_id, position, title, description, domain, target_date, status) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
      row!.id,
      i,
      g.title,
      g.description ?? null,
      g.domain,
      g.targetDate ?? null,
      g.status ?? 'open',
    ]);
  }
  return row!.id;
}

export async function facilityOf(q: Queryable, facilityId: string): Promise<{ id: string; kind: string } | undefined> {
  const [row] = await q.query<{ id: string; kind: string }>('SELECT id, kind FROM facility WHERE id = $1', [facilityId]);
  return row;
}
