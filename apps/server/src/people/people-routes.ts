import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  capacityInputSchema,
  carePlanInputSchema,
  contactInputSchema,
  peopleQuerySchema,
  personInputSchema,
  personPatchSchema,
  profileInputSchema,
} from '@presence/shared';
import { actorOf } from '../http/context.js';
import type { PeopleService } from './people-service.js';

const idParams = z.object({ id: z.uuid() });
const contactParams = z.object({ id: z.uuid(), contactId: z.uuid() });
const tags = ['people'];

export function peopleRoutes(app: FastifyInstance, people: PeopleService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: { id: string; actor: unknown }) => ({ actor: actorOf(req as never), requestId: req.id });

  r.get('/api/people', { schema: { tags, summary: 'People accompanied, within your scope', querystring: peopleQuerySchema } }, (req) =>
    people.list(ctx(req), req.query),
  );
  r.post('/api/people', { schema: { tags, summary: 'Add a person to your facility', body: personInputSchema } }, async (req, reply) =>
    reply.code(201).send(await people.create(ctx(req), req.body)),
  );
  r.get('/api/people/:id', { schema: { tags, summary: "A person's record (audited)", params: idParams } }, (req) => people.get(ctx(req), req.params.id));
  r.patch('/api/people/:id', { schema: { tags, summary: 'Update identity fields', params: idParams, body: personPatchSchema } }, (req) =>
    people.update(ctx(req), req.params.id, req.body),
  );
  r.put('/api/people/:id/profile', { schema: { tags, summary: 'Update life story, interests, habits', params: idParams, body: profileInputSchema } }, (req) =>
    people.updateProfile(ctx(req), req.params.id, req.body),
  );
  r.post(
    '/api/people/:id/capacities',
    { schema: { tags, summary: 'Record a dated capacity assessment', params: idParams, body: capacityInputSchema } },
    (req) => people.addCapacity(ctx(req), req.params.id, req.body),
  );
  r.post('/api/people/:id/contacts', { schema: { tags, summary: 'Add a contact', params: idParams, body: contactInputSchema } }, (req) =>
    people.addContact(ctx(req), req.params.id, req.body),
  );
  r.put('/api/people/:id/contacts/:contactId', { schema: { tags, summary: 'Update a contact', params: contactParams, body: contactInputSchema } }, (req) =>
    people.updateContact(ctx(req), req.params.id, req.params.contactId, req.body),
  );
  r.delete('/api/people/:id/contacts/:contactId', { schema: { tags, summary: 'Remove a contact', params: contactParams } }, (req) =>
    people.deleteContact(ctx(req), req.params.id, req.params.contactId),
  );
  r.put(
    '/api/people/:id/care-plan',
    { schema: { tags, summary: 'Replace the active personalised plan (PAP)', params: idParams, body: carePlanInputSchema } },
    (req) => people.replaceCarePlan(ctx(req), req.params.id, req.body),
  );
}
