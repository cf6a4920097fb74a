import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ErrorCode, FieldIssue } from '@presence/shared';
import { ZodError, type core } from 'zod';

const STATUS: Record<ErrorCode, number> = {
  validation_failed: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  too_many_attempts: 429,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  ai_feature_disabled: 409,
  person_objected: 409,
  internal: 500,
};

/** The one error type services throw; converted to an HTTP answer once, in the error handler. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: FieldIssue[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }
  get status(): number {
    return STATUS[this.code];
  }
}

export const notFound = (what = 'Resource') => new AppError('not_found', `${what} not found`);
export const forbidden = () => new AppError('forbidden', 'Your role does not allow this action');

/** Turns zod issues into field issues: dotted path, a machine reason, a message. */
export function fieldIssues(issues: readonly core.$ZodIssue[]): FieldIssue[] {
  return issues.map((i) => {
    const params = (i as { params?: { reason?: string } }).params;
    const reason = params?.reason ?? (i.code === 'invalid_format' ? `invalid_${(i as { format?: string }).format ?? 'format'}` : i.code);
    const field = i.path.length ? i.path.join('.') : i.code === 'unrecognized_keys' ? ((i as { keys?: string[] }).keys ?? []).join(',') : '(body)';
    return { field, reason, message: i.message };
  });
}

export function validationError(issues: FieldIssue[]): AppError {
  const first = issues[0];
  return new AppError('validation_failed', first ? `Invalid field ${first.field}: ${first.message}` : 'Invalid input', issues);
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError | ZodError, req, reply) => {
    const requestId = req.id;
    if (err instanceof AppError) {
      if (err.headers) void reply.headers(err.headers);
      return reply.code(err.status).send({ error: { code: err.code, message: err.message, requestId, ...(err.issues ? { issues: err.issues } : {}) } });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = (err as FastifyError).validationContext ?? 'body';
      const issues: FieldIssue[] = err.validation.map((v) => {
        // The type provider flattens each zod issue; rebuild it to name the field and reason.
        const path = v.instancePath.split('/').filter(Boolean);
        const issue = { ...(v.params as object), code: v.keyword, path, message: v.message ?? 'invalid' } as unknown as core.$ZodIssue;
        const mapped = fieldIssues([issue])[0]!;
        return where === 'body' ? mapped : { ...mapped, field: `${where}.${mapped.field}` };
      });
      const e = validationError(issues);
      return reply.code(400).send({ error: { code: e.code, message: e.message, requestId, issues } });
    }
    if (err instanceof ZodError) {
      const e = validationError(fieldIssues(err.issues));
      return reply.code(400).send({ error: { code: e.code, message: e.message, requestId, issues: e.issues } });
    }
    const fe = err;
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      // Malformed JSON, body too large, unsupported media type…
      const code: ErrorCode = fe.statusCode === 429 ? 'too_many_attempts' : fe.statusCode === 404 ? 'not_found' : 'validation_failed';
      return reply.code(fe.statusCode).send({
        error: {
          code,
          message: fe.message,
          requestId,
          ...(code === 'validation_failed' ? { issues: [{ field: '(body)', reason: fe.code ?? 'malformed', message: fe.message }] } : {}),
        },
      });
    }
    req.log.error({ err, requestId }, 'unhandled error');
    return reply.code(500).send({ error: { code: 'internal', message: 'Internal error; quote this request id to support', requestId } });
  });
}

/**
 * Unknown routes: 404 in the API's error format; with a web app, other GETs outside /api answer
 * its page so that client-side routes survive a reload.
 */
export function installNotFound(app: FastifyInstance, opts: { webApp: boolean }): void {
  app.setNotFoundHandler((req, reply) => {
    if (opts.webApp && req.method === 'GET' && !req.url.startsWith('/api/')) return reply.sendFile('index.html');
    return reply.code(404).send({ error: { code: 'not_found', message: `No route ${req.method} ${req.url.split('?')[0]}`, requestId: req.id } });
  });
}
