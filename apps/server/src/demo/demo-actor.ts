import type { Role } from '@presence/shared';
import type { Db } from '../db/db.js';
import type { Actor } from '../http/actor.js';

/** A demo account acting at seeding time, as the services expect a signed-in actor. */
export async function demoActor(db: Db, email: string): Promise<{ actor: Actor; requestId: string }> {
  const [u] = await db.query<{ id: string; role: Role; first_name: string; last_name: string; facility_id: string }>(
    'SELECT id, role, first_name, last_name, facility_id FROM app_user WHERE email = $1',
    [email],
  );
  if (!u) throw new Error(`demo user ${email} is missing`);
  return {
    actor: {
      userId: u.id,
      role: u.role,
      displayName: `${u.first_name} ${u.last_name}`,
      email,
      facilityId: u.facility_id,
      personIds: [],
      sessionId: 'demo-seed',
    },
    requestId: 'demo-seed',
  };
}
