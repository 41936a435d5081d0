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
