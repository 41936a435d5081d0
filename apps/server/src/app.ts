// The composition root: plugins and modules, nothing else.
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config.ts';
import type { Database } from './db/connection.ts';
import { lookupRoutes } from './modules/lookup/routes.ts';
import { registerErrorHandling } from './platform/errors.ts';
import { registerObservability } from './platform/observability.ts';
import { registerOpenApi } from './platform/openapi.ts';
import { registerSecurity } from './platform/security.ts';
import { registerWebApp } from './platform/web-app.ts';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

export type AppConfig = Pick<Config, 'env' | 'logLevel' | 'webDistDir' | 'publicRateLimitPerMinute' | 'trustProxy' | 'metricsToken'>;

export async function buildApp(config: AppConfig, database: Database): Promise<FastifyInstance> {
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
  await registerSecurity(app, { publicRateLimitPerMinute: config.publicRateLimitPerMinute });
  await registerOpenApi(app);
  registerObservability(app, database, config.metricsToken);

  await app.register(lookupRoutes, { prefix: '/api/v1', db: database.db });

  await registerWebApp(app, config.env === 'production' ? config.webDistDir : undefined);
  return app;
}
