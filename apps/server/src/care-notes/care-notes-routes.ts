import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { careNoteCorrectionSchema, careNoteInputSchema, careNoteQuerySchema, noteTargetsSchema } from '@presence/shared';
import { actorOf } from '../http/context.js';
import type { CareNotesService } from './care-notes-service.js';

export function careNotesRoutes(app: FastifyInstance, notes: CareNotesService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: { id: string; actor: unknown }) => ({ actor: actorOf(req as never), requestId: req.id });
  const tags = ['care notes'];
  const person = z.object({ id: z.uuid() });
  const note = z.object({ id: z.uuid(), noteId: z.uuid() });

  r.get('/api/notes/targets', { schema: { tags, summary: "The facility's list of note targets (cibles)" } }, (req) => notes.targets(ctx(req)));
  r.put(
    '/api/notes/targets',
    { schema: { tags, summary: 'Replace the list of targets (targets left out are deactivated, never deleted)', body: noteTargetsSchema } },
    (req) => notes.replaceTargets(ctx(req), req.body.targets),
  );
  r.get(
    '/api/people/:id/notes',
    { schema: { tags, summary: "A person's care notes, newest first, with filters (audited read)", params: person, querystring: careNoteQuerySchema } },
    (req) => notes.list(ctx(req), req.params.id, req.query),
  );
  r.post(
    '/api/people/:id/notes',
    {
      schema: {
        tags,
        summary: 'Write a care note (DAR or free text); the note analyser then proposes targets and assessments',
        params: person,
        body: careNoteInputSchema,
      },
    },
    async (req, reply) => reply.code(201).send(await notes.create(ctx(req), req.params.id, req.body)),
  );
  r.put(
    '/api/people/:id/notes/:noteId',
    { schema: { tags, summary: 'Correct a note: the previous version is kept with the reason', params: note, body: careNoteCorrectionSchema } },
    (req) => notes.correct(ctx(req), req.params.id, req.params.noteId, req.body.note, req.body.reason),
  );
  r.get('/api/people/:id/notes/:noteId/history', { schema: { tags, summary: 'A note and its earlier versions (audited read)', params: note } }, (req) =>
    notes.history(ctx(req), req.params.id, req.params.noteId),
  );
}
