// The composition root: plugins and modules, nothing else.
import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import Fastify, { type FastifyInstance } from 'fastify';
import { MAX_UPLOAD_BYTES } from '@vssid/shared';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config.ts';
import type { Database } from './db/connection.ts';
import { accountRoutes } from './modules/accounts/routes.ts';
import { lookupRoutes } from './modules/lookup/routes.ts';
import { jwksRoute, peopleRoutes } from './modules/people/routes.ts';
import { verifyRoutes } from './modules/verify/routes.ts';
import { dossierRoutes } from './modules/dossiers/routes.ts';
import { registrationRoutes } from './modules/registrations/routes.ts';
import { registerAuthGate } from './platform/auth.ts';
import { devRoutes } from './platform/dev-pages.ts';
import { registerErrorHandling } from './platform/errors.ts';
import { registerObservability } from './platform/observability.ts';
import { registerOpenApi } from './platform/openapi.ts';
import { registerSecurity } from './platform/security.ts';
import type { Services } from './platform/services.ts';
import { registerWebApp } from './platform/web-app.ts';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

export type AppConfig = Pick<
  Config,
  | 'env'
  | 'logLevel'
  | 'webDistDir'
  | 'serveWebApp'
  | 'publicRateLimitPerMinute'
  | 'lookupProtection'
  | 'rateLimitMultiplier'
  | 'trustProxy'
  | 'metricsToken'
>;

export async function buildApp(config: AppConfig, database: Database, services: Services): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: config.logLevel,
      // Headers that carry secrets never reach the logs.
      redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
      serializers: {
        // Path only: query strings can hold names and ID numbers (look-ups), which must not be logged.
        req: (request: { method: string; url: string }) => ({ method: request.method, path: request.url.split('?')[0] }),
      },
    },
    trustProxy: config.trustProxy,
    // Accept a caller's request id (load balancer, hospital system) when it is well-formed, so logs correlate.
    genReqId: (request) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });

  registerErrorHandling(app);
  await registerSecurity(app, {
    publicRateLimitPerMinute: config.publicRateLimitPerMinute,
    rateLimitMultiplier: config.rateLimitMultiplier,
  });
  await registerOpenApi(app);
  registerObservability(app, database, config.metricsToken);

  registerAuthGate(app, services.tokens, database.db, services.clock);
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5 } });

  const modules = { prefix: '/api/v1', db: database.db, services };
  await app.register(lookupRoutes, {
    ...modules,
    lookupProtection: config.lookupProtection,
    publicRateLimitPerMinute: config.publicRateLimitPerMinute,
  });
  await app.register(accountRoutes, modules);
  await app.register(registrationRoutes, modules);
  await app.register(peopleRoutes, modules);
  await app.register(verifyRoutes, modules);
  await app.register(dossierRoutes, modules);
  await app.register(jwksRoute, { services });
  if (services.devPages) await app.register(devRoutes, { db: database.db, demoLogins: services.demoLogins });

  await registerWebApp(app, config.serveWebApp ? config.webDistDir : undefined);
  return app;
}
