import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, type ZodFastifySchemaValidationError } from 'fastify-type-provider-zod';
import { errorEnvelope, type ErrorEnvelope } from '@vssid/shared';
import type { ErrorCode, FieldMessageKey } from '@vssid/shared/i18n';
import { languageOf, translatorFor } from './i18n.ts';

type Params = Record<string, string | number>;

/** An expected failure with a stable code; the message is localized when it is sent. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly statusCode: number,
    readonly details: { params?: Params; fields?: Record<string, { key: FieldMessageKey; params?: Params }> } = {},
  ) {
    super(code);
    this.name = 'AppError';
  }
}

/** Missing and "not yours" are the same answer: existence never leaks. */
export const notFound = () => new AppError('NOT_FOUND', 404);

function envelope(
  request: FastifyRequest,
  code: ErrorCode,
  params: Params = {},
  fields?: Record<string, { key: FieldMessageKey; params?: Params }>,
): ErrorEnvelope {
  const t = translatorFor(languageOf(request.headers['accept-language']));
  const body: ErrorEnvelope = { error: { code, message: t(`codes.${code}`, { ...params, requestId: request.id }) } };
  if (fields && Object.keys(fields).length > 0) {
    body.error.fields = Object.fromEntries(
      Object.entries(fields).map(([name, field]) => [name, t(`fields.${field.key}`, field.params ?? {})]),
    );
  }
  return body;
}

function numberParam(params: Record<string, unknown>, name: string): number | string {
  const value = params[name];
  return typeof value === 'number' || typeof value === 'bigint' ? Number(value) : '';
}

/** Maps a zod issue to a localized field message key; schemas may name their own key as `fields.<key>`. */
function fieldMessageOf(issue: ZodFastifySchemaValidationError): { key: FieldMessageKey; params?: Params } {
  const message = issue.message ?? '';
  if (message.startsWith('fields.')) return { key: message.slice('fields.'.length) as FieldMessageKey };
  const params = issue.params;
  switch (issue.keyword) {
    case 'invalid_type':
      return { key: /received undefined/.test(message) ? 'required' : 'invalidType' };
    case 'too_small':
      return params.origin === 'string'
        ? { key: 'tooShort', params: { minimum: numberParam(params, 'minimum') } }
        : { key: 'tooSmall', params: { minimum: numberParam(params, 'minimum') } };
    case 'too_big':
      return params.origin === 'string'
        ? { key: 'tooLong', params: { maximum: numberParam(params, 'maximum') } }
        : { key: 'tooBig', params: { maximum: numberParam(params, 'maximum') } };
    case 'invalid_format':
      return { key: 'invalidFormat' };
    case 'unrecognized_keys':
      return { key: 'unknownField' };
    default:
      return { key: 'invalidValue' };
  }
}

function validationFields(issues: ZodFastifySchemaValidationError[]) {
  const fields: Record<string, { key: FieldMessageKey; params?: Params }> = {};
  for (const issue of issues) {
    const keys = (issue.params as { keys?: unknown }).keys;
    const names =
      issue.keyword === 'unrecognized_keys' && Array.isArray(keys)
        ? keys.map(String)
        : [issue.instancePath.replace(/^\//, '').replace(/\//g, '.') || '_'];
    // The first problem of a field is the one to show.
    for (const name of names) fields[name] ??= fieldMessageOf(issue);
  }
  return fields;
}

const CLIENT_ERROR_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
};

export function sendRouteNotFound(request: FastifyRequest, reply: FastifyReply) {
  return reply.code(404).type('application/json').send(envelope(request, 'ROUTE_NOT_FOUND'));
}

export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      return reply.code(400).send(envelope(request, 'VALIDATION_FAILED', {}, validationFields(error.validation)));
    }
    if (error instanceof AppError) {
      if (error.statusCode === 429 && error.details.params?.seconds) {
        void reply.header('retry-after', String(error.details.params.seconds));
      }
      return reply.code(error.statusCode).send(envelope(request, error.code, error.details.params, error.details.fields));
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const code =
        CLIENT_ERROR_CODES[error.code] ?? (status === 404 ? 'NOT_FOUND' : status === 405 ? 'METHOD_NOT_ALLOWED' : 'VALIDATION_FAILED');
      request.log.info({ err: { code: error.code, message: error.message } }, 'client error');
      return reply.code(status).send(envelope(request, code));
    }
    // Unexpected: log everything for operators (with the request id), tell the caller nothing about internals.
    request.log.error({ err: error }, 'unhandled error');
    return reply.code(500).send(envelope(request, 'INTERNAL'));
  });
}

/** OpenAPI documentation of the error answers a route can give, each listing its stable codes. */
export function errorResponses(...statuses: Array<400 | 401 | 403 | 404 | 409 | 413 | 415 | 423 | 428 | 429 | 500 | 503>) {
  const codes: Record<number, string> = {
    400: 'VALIDATION_FAILED — a field is invalid (see `fields`); OTP_INVALID, OTP_EXPIRED, OTP_TOO_MANY_ATTEMPTS, IDENTITY_MISMATCH, LOOKUP_KEY_REQUIRED, CHALLENGE_INVALID',
    401: 'UNAUTHORIZED, SESSION_EXPIRED, INVALID_CREDENTIALS',
    403: 'FORBIDDEN — this role may not use the route; PASSWORD_CHANGE_REQUIRED',
    404: 'NOT_FOUND — missing or not yours',
    409: 'a conflict with the current state: REGISTRATION_PENDING, ACCOUNT_EXISTS, PHONE_IN_USE, REGISTRATION_DECIDED, NOT_A_PARENT, LOGIN_TAKEN',
    413: 'UPLOAD_TOO_LARGE',
    415: 'UPLOAD_INVALID — not a JPEG, PNG or WebP image by content',
    423: 'ACCOUNT_LOCKED — 15 minutes after 5 wrong passwords',
    428: 'CHALLENGE_REQUIRED — solve a proof-of-work challenge and send it with the request',
    429: 'RATE_LIMITED — see the Retry-After header',
    500: 'INTERNAL',
    503: 'SERVICE_UNAVAILABLE',
  };
  return Object.fromEntries(
    [...new Set([...statuses, 500 as const])].map((status) => [
      status,
      errorEnvelope.meta({ description: `Error envelope. Code: ${codes[status] ?? ''}` }),
    ]),
  );
}
