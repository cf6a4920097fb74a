import type { Queryable } from '../db/db.js';

export interface FacilityRow {
  id: string;
  name: string;
  kind: string;
  finess: string;
}

export async function facilitiesOfPeople(q: Queryable, personIds: string[]): Promise<FacilityRow[]> {
  return q.query<FacilityRow>(
    'SELECT DISTINCT f.id, f.name, f.kind, f.finess FROM facility f JOIN person p ON p.facility_id = f.id WHERE p.id = ANY($1::uuid[]) ORDER BY f.name',
    [personIds],
  );
}

export async function facilityById(q: Queryable, id: string | null): Promise<FacilityRow[]> {
  return q.query<FacilityRow>('SELECT id, name, kind, finess FROM facility WHERE id = $1', [id]);
}

/** Counts of people by status, sex and age band: no identities leave this query. */
export async function peopleCounts(q: Queryable, facilityId: string | null) {
  return q.query<{ facility_id: string; name: string; kind: string; status: string; sex: string; band: string; n: number }>(
    `SELECT f.id AS facility_id, f.name, f.kind, p.status, p.sex,
            CASE WHEN a < 60 THEN '<60' WHEN a < 75 THEN '60-74' WHEN a < 85 THEN '75-84' WHEN a < 95 THEN '85-94' ELSE '95+' END AS band,
            count(*)::int AS n
       FROM facility f JOIN (SELECT *, date_part('year', age(current_date, birth_date))::int AS a FROM person) p ON p.facility_id = f.id
      WHERE f.id = $1
      GROUP BY 1, 2, 3, 4, 5, 6`,
    [facilityId],
  );
}
