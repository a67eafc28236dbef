import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, ERRORS, type ErrorCode } from '../shared/errors.ts';

interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: Record<string, unknown> };
}

const body = (code: ErrorCode, message?: string, details?: Record<string, unknown>): ErrorBody => ({
  error: { code, message: message ?? ERRORS[code].message, ...(details ? { details } : {}) },
});

/** Maps Fastify's own error codes (parsing, limits) to the catalog. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
  FST_ERR_CTP_INVALID_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_VALIDATION: 'VALIDATION',
};

/** Field paths of a validation failure (never the submitted values, which may be personal data). */
function validationDetails(err: FastifyError): Record<string, unknown> | undefined {
  if (!hasZodFastifySchemaValidationErrors(err)) return undefined;
  const fields = err.validation.map((v) => {
    const keys = (v.params as { keys?: unknown }).keys;
    return {
      field: v.instancePath.replace(/^\//, '').replace(/\//g, '.'),
      problem: v.keyword,
      ...(Array.isArray(keys) ? { keys: keys.map(String).slice(0, 10) } : {}),
    };
  });
  return { in: err.validationContext, fields };
}

export function installErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof AppError) {
      if (err.status >= 500) req.log.error({ err }, 'app error');
      return reply.status(err.status).send(body(err.code, err.message, err.details));
    }
    if (err.validation) {
      const details = validationDetails(err);
      const unknown = (details?.fields as Array<{ problem: string }> | undefined)?.some((f) => f.problem === 'unrecognized_keys');
      return reply.status(400).send(body(unknown ? 'UNKNOWN_FIELD' : 'VALIDATION', undefined, details));
    }
    const mapped = err.code ? FASTIFY_CODES[err.code] : undefined;
    if (mapped) return reply.status(ERRORS[mapped].status).send(body(mapped));
    if (err.statusCode === 429) return reply.status(429).send(body('RATE_LIMITED'));
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      const code: ErrorCode = err.statusCode === 404 ? 'NOT_FOUND' : err.statusCode === 413 ? 'BODY_TOO_LARGE' : err.statusCode === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'BAD_REQUEST';
      return reply.status(err.statusCode === 404 || err.statusCode === 413 || err.statusCode === 415 ? err.statusCode : 400).send(body(code));
    }
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send(body('INTERNAL'));
  });

  app.setNotFoundHandler((req, reply) => {
    reply.status(404).send(body('ROUTE_NOT_FOUND'));
  });
}
