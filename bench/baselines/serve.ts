// What every baseline process shares: bare Fastify 5 (no logger, no plugins), GET /readyz for the harness, listen on
// HOST/PORT, stop on SIGTERM.
import Fastify, { type FastifyInstance } from 'fastify';

export function bareFastify(): FastifyInstance {
  const app = Fastify({ logger: false });
  app.get('/readyz', async () => ({ status: 'ready' }));
  return app;
}

export async function serve(app: FastifyInstance, onClose: () => Promise<void> = async () => undefined): Promise<void> {
  await app.listen({ host: process.env.HOST ?? '127.0.0.1', port: Number(process.env.PORT ?? 0) });
  process.once('SIGTERM', () => {
    void app
      .close()
      .then(onClose)
      .then(() => process.exit(0));
  });
}
