import type { AiLabel, Page, PersonDetail, PersonSummary } from '@presence/shared';
import type { Db, Queryable } from '../db/db.js';
import { personScope, type Actor } from '../http/actor.js';
import { AppError, notFound, validationError } from '../http/errors.js';
import { appendAudit } from '../audit/audit-service.js';
import * as repo from './people-repository.js';
import type { CapacityInput, CarePlanInput, ContactInput, PeopleQuery, PersonInput, PersonPatch, ProfileInput } from './people-types.js';

interface Ctx {
  actor: Actor;
  requestId: string;
}

const UNIQUE_VIOLATION = '23505';

/** Finds the AI labels of records that came from proposals (provided by the guarantee slice). */
export type LabelLookup = (q: Queryable, effectType: string, ids: string[]) => Promise<Map<string, AiLabel>>;

/** People accompanied: identity, profile, capacities, contacts, personalised plan. Rules and audit; SQL lives in the repository. */
export class PeopleService {
  private labels: LabelLookup = async () => new Map();

  constructor(private readonly db: Db) {}

  useLabels(lookup: LabelLookup): void {
    this.labels = lookup;
  }

  private async load(row: Parameters<typeof repo.loadDetail>[1]): Promise<PersonDetail> {
    const detail = await repo.loadDetail(this.db, row);
    if (detail.carePlan?.goals.length) {
      const labels = await this.labels(
        this.db,
        'goal',
        detail.carePlan.goals.map((g) => g.id),
      );
      detail.carePlan.goals = detail.carePlan.goals.map((g) => ({ ...g, aiLabel: labels.get(g.id) ?? null }));
    }
    return detail;
  }

  async list(ctx: Ctx, query: PeopleQuery): Promise<Page<PersonSummary>> {
    const scope = personScope(ctx.actor);
    const { items, total } = await repo.listPeople(this.db, scope, query);
    await appendAudit(this.db, ctx, {
      action: 'person.list',
      outcome: 'allowed',
      targetType: 'facility',
      targetId: ctx.actor.facilityId,
      facilityId: ctx.actor.facilityId,
      details: { personIds: items.map((p) => p.id) },
    });
    return { items, total, limit: query.limit, offset: query.offset };
  }

  async get(ctx: Ctx, id: string): Promise<PersonDetail> {
    const row = await this.findOrDeny(this.db, ctx, id, 'person.read');
    const detail = await this.load(row);
    await appendAudit(this.db, ctx, { action: 'person.read', outcome: 'allowed', targetType: 'person', targetId: id, facilityId: row.facility_id });
    return detail;
  }

  async create(ctx: Ctx, input: PersonInput): Promise<PersonDetail> {
    const facilityId = input.facilityId ?? ctx.actor.facilityId;
    if (!facilityId || facilityId !== ctx.actor.facilityId) {
      throw validationError([{ field: 'facilityId', reason: 'outside_scope', message: 'You can only add people to your own facility' }]);
    }
    const facility = await repo.facilityOf(this.db, facilityId);
    if (!facility) throw validationError([{ field: 'facilityId', reason: 'unknown', message: 'Unknown facility' }]);
    this.checkAttendance(facility.kind, input.attendanceDays);
    const { facilityId: _f, ...fields } = input;
    const id = await this.guardUnique(() =>
      this.db.transaction(async (tx) => {
        const newId = await repo.insertPerson(tx, facilityId, fields);
        await appendAudit(tx, ctx, { action: 'person.create', outcome: 'allowed', targetType: 'person', targetId: newId, facilityId });
        return newId;
      }),
    );
    return this.detailAfterWrite(ctx, id);
  }

  async update(ctx: Ctx, id: string, patch: PersonPatch): Promise<PersonDetail> {
    await this.guardUnique(() =>
      this.write(ctx, id, 'person.update', async (tx, row) => {
        if (patch.attendanceDays !== undefined) {
          const facility = await repo.facilityOf(tx, row.facility_id);
          this.checkAttendance(facility?.kind ?? '', patch.attendanceDays);
        }
        const birth = patch.birthDate ?? row.birth_date;
        const admission = patch.admissionDate ?? row.admission_date;
        if (admission < birth)
          throw validationError([{ field: 'admissionDate', reason: 'before_birth', message: 'Admission date cannot be before birth date' }]);
        await repo.updatePerson(tx, id, patch);
        return { fields: Object.keys(patch) };
      }),
    );
    return this.detailAfterWrite(ctx, id);
  }

  async updateProfile(ctx: Ctx, id: string, input: ProfileInput): Promise<PersonDetail> {
    await this.write(ctx, id, 'person.profile.update', async (tx) => {
      await repo.updateProfile(tx, id, input);
      return { fields: Object.keys(input) };
    });
    return this.detailAfterWrite(ctx, id);
  }

  async addCapacity(ctx: Ctx, id: string, input: CapacityInput): Promise<PersonDetail> {
    if (input.assessedOn > new Date().toISOString().slice(0, 10))
      throw validationError([{ field: 'assessedOn', reason: 'in_future', message: 'Assessment date cannot be in the future' }]);
    await this.write(ctx, id, 'person.capacity.add', async (tx) => {
      await repo.insertCapacity(tx, id, input, ctx.actor.userId);
      return { domain: input.domain };
    });
    return this.detailAfterWrite(ctx, id);
  }

  async addContact(ctx: Ctx, id: string, input: ContactInput): Promise<PersonDetail> {
    await this.write(ctx, id, 'person.contact.add', async (tx) => {
      await this.checkContactFlags(tx, id, null, input);
      return { contactId: await repo.insertContact(tx, id, input) };
    });
    return this.detailAfterWrite(ctx, id);
  }

  async updateContact(ctx: Ctx, id: string, contactId: string, input: ContactInput): Promise<PersonDetail> {
    await this.write(ctx, id, 'person.contact.update', async (tx) => {
      await this.checkContactFlags(tx, id, contactId, input);
      if (!(await repo.updateContact(tx, id, contactId, input))) throw notFound('Contact');
      return { contactId };
    });
    return this.detailAfterWrite(ctx, id);
  }

  async deleteContact(ctx: Ctx, id: string, contactId: string): Promise<PersonDetail> {
    await this.write(ctx, id, 'person.contact.delete', async (tx) => {
      if (!(await repo.deleteContact(tx, id, contactId))) throw notFound('Contact');
      return { contactId };
    });
    return this.detailAfterWrite(ctx, id);
  }

  async replaceCarePlan(ctx: Ctx, id: string, input: CarePlanInput): Promise<PersonDetail> {
    await this.write(ctx, id, 'person.care_plan.replace', async (tx) => ({ carePlanId: await repo.replaceCarePlan(tx, id, input, ctx.actor.userId) }));
    return this.detailAfterWrite(ctx, id);
  }

  /** Scope check and audit entry for a read of part of a person's record (notes, assessments…). */
  async auditedRead(ctx: Ctx, id: string, action: string, details?: Record<string, unknown>): Promise<{ facilityId: string; name: string }> {
    const row = await this.findOrDeny(this.db, ctx, id, action);
    await appendAudit(this.db, ctx, { action, outcome: 'allowed', targetType: 'person', targetId: id, facilityId: row.facility_id, details });
    return { facilityId: row.facility_id, name: `${row.first_name} ${row.last_name}` };
  }

  /** Scope check before a write on part of a person's record; the write audits itself in its own transaction. */
  async scopeForWrite(ctx: Ctx, id: string, action: string): Promise<{ facilityId: string; name: string }> {
    const row = await this.findOrDeny(this.db, ctx, id, action);
    return { facilityId: row.facility_id, name: `${row.first_name} ${row.last_name}` };
  }

  /** Finds a person within the actor's scope; outside scope it audits the denial and answers 404. */
  private async findOrDeny(q: Queryable, ctx: Ctx, id: string, action: string) {
    const row = await repo.findPerson(q, personScope(ctx.actor), id);
    if (row) return row;
    const exists = await repo.personExists(q, id);
    if (exists)
      await appendAudit(q, ctx, {
        action,
        outcome: 'denied',
        targetType: 'person',
        targetId: id,
        facilityId: exists.facility_id,
        details: { reason: 'outside_scope' },
      });
    throw notFound('Person');
  }

  /** One write on a person: scope check, change and audit entry in one transaction. */
  private async write(
    ctx: Ctx,
    id: string,
    action: string,
    change: (tx: Queryable, row: NonNullable<Awaited<ReturnType<typeof repo.findPerson>>>) => Promise<Record<string, unknown>>,
  ) {
    // Denials are audited outside the write's transaction, which rolls back.
    await this.findOrDeny(this.db, ctx, id, action);
    await this.db.transaction(async (tx) => {
      const row = await repo.findPerson(tx, personScope(ctx.actor), id);
      if (!row) throw notFound('Person');
      const details = await change(tx, row);
      await appendAudit(tx, ctx, { action, outcome: 'allowed', targetType: 'person', targetId: id, facilityId: row.facility_id, details });
    });
  }

  /** The record returned by a write: the write's own audit entry covers this read. */
  private async detailAfterWrite(ctx: Ctx, id: string): Promise<PersonDetail> {
    const row = await repo.findPerson(this.db, personScope(ctx.actor), id);
    if (!row) throw notFound('Person');
    return this.load(row);
  }

  private checkAttendance(kind: string, days: readonly string[]): void {
    if (days.length > 0 && kind !== 'day_care')
      throw validationError([{ field: 'attendanceDays', reason: 'not_day_care', message: 'Attendance days apply to day-care centres only' }]);
  }

  private async checkContactFlags(q: Queryable, personId: string, contactId: string | null, input: ContactInput): Promise<void> {
    const holders = await repo.contactFlagHolders(q, personId, contactId);
    if (input.isLegalRepresentative && holders.some((h) => h.is_legal_representative)) {
      throw validationError([{ field: 'isLegalRepresentative', reason: 'already_set', message: 'This person already has a legal representative' }]);
    }
    if (input.isTrustedPerson && holders.some((h) => h.is_trusted_person)) {
      throw validationError([{ field: 'isTrustedPerson', reason: 'already_set', message: 'This person already has a personne de confiance' }]);
    }
  }

  private async guardUnique<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if ((err as { code?: string }).code === UNIQUE_VIOLATION) {
        throw new AppError('conflict', 'Another person already has this INS', [
          { field: 'ins', reason: 'duplicate', message: 'Another person already has this INS' },
        ]);
      }
      throw err;
    }
  }
}
