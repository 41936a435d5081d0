// Liveness, readiness and Prometheus metrics.
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { type Database, pingDatabase } from '../db/connection.ts';
import { AppError } from './errors.ts';

export function registerObservability(app: FastifyInstance, database: Database, metricsToken: string | undefined) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requestDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by route pattern',
    labelNames: ['method', 'route', 'status_code'],
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });

  app.addHook('onResponse', (request, reply, done) => {
    // The route pattern, never the raw URL: bounded label cardinality and no personal data in metrics.
    const route = request.routeOptions.url ?? 'unmatched';
    requestDuration.observe(
      { method: request.method, route, status_code: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    done();
  });

  const internal = { schema: { hide: true }, config: { rateLimit: false } } as const;

  app.get('/healthz', internal, async () => ({ status: 'ok' }));

  app.get('/readyz', internal, async (_request, reply) => {
    try {
      await pingDatabase(database);
      return { status: 'ready', database: database.driver };
    } catch (error) {
      reply.log.warn({ err: error }, 'database not ready');
      throw new AppError('SERVICE_UNAVAILABLE', 503);
    }
  });

  app.get('/metrics', internal, async (request, reply) => {
    if (metricsToken && request.headers.authorization !== `Bearer ${metricsToken}`) {
      throw new AppError('UNAUTHORIZED', 401);
    }
    return reply.type(registry.contentType).send(await registry.metrics());
  });
}
