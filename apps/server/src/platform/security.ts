import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';
import { AppError } from './errors.ts';

export async function registerSecurity(
  app: FastifyInstance,
  options: { publicRateLimitPerMinute: number; rateLimitMultiplier: number },
) {
  // Helmet's headers, its middleware built once. (@fastify/helmet builds the whole middleware again on every request,
  // parsing the CSP directives each time: ~4% of a card check's server CPU in the profile.)
  const secureHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Component libraries set style attributes at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onRequest', (request, reply, done) => secureHeaders(request.raw, reply.raw, (error) => done(error instanceof Error ? error : undefined)));

  // Input PostgreSQL cannot store is refused before any route sees it (see fieldWithNul).
  app.addHook('preValidation', (request, _reply, done) => {
    const field = fieldWithNul(request.body) ?? fieldWithNul(request.query) ?? fieldWithNul(request.params);
    done(field === undefined ? undefined : new AppError('VALIDATION_FAILED', 400, { fields: { [field]: { key: 'forbiddenCharacter' } } }));
  });

  // RATE_LIMIT_MULTIPLIER (load tests from one address) scales each route's own limit before the plugin reads it.
  const multiplier = options.rateLimitMultiplier;
  if (multiplier !== 1) {
    app.addHook('onRoute', (route) => {
      const limit = route.config?.rateLimit;
      if (limit && typeof limit === 'object' && typeof limit.max === 'number') {
        route.config = { ...route.config, rateLimit: { ...limit, max: limit.max * multiplier } };
      }
    });
  }

  // Every route is limited unless it opts out (health and metrics): deny by default. Per-route limits tighten it.
  await app.register(rateLimit, {
    global: true,
    max: options.publicRateLimitPerMinute * multiplier,
    timeWindow: '1 minute',
    errorResponseBuilder: (_request, context) =>
      new AppError('RATE_LIMITED', 429, { params: { seconds: Math.max(1, Math.ceil(context.ttl / 1000)) } }),
  });
}

/**
 * The first field of a request's input (its JSON body, query or path) whose text or name holds a NUL character: its
 * path as validation errors name it (`form.note`, `attachments.0.purpose`), `body` for a body that is itself text, or
 * undefined. PostgreSQL stores no NUL in text or jsonb and refuses the whole statement: that was a 500 for the caller,
 * and in a statement shared by a batch (card checks, token refreshes, look-ups, filings) an error for everyone in it.
 * Parsed input is plain data (the query's object has a prototype-less prototype); bytes (a Buffer) are not text, and
 * the depth is bounded all the same.
 */
export function fieldWithNul(value: unknown, path = '', depth = 0): string | undefined {
  if (typeof value === 'string') return value.includes('\0') ? path || 'body' : undefined;
  if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value) || depth > MAX_INPUT_DEPTH) return undefined;
  for (const [key, item] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    if (key.includes('\0')) return at;
    const found = fieldWithNul(item, at, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Deeper than any form the API takes (a dossier's form with its attachments is 3 levels). */
const MAX_INPUT_DEPTH = 16;
