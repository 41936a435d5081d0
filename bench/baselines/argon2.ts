// Baseline: one argon2id verify per request with the server's parameters and function (platform/passwords.ts), behind
// bare Fastify — sign-in's ceiling, measured the way sign-in is (HTTP, the same connections).
import { verifyPassword } from '../../apps/server/src/platform/passwords.ts';
import { bareFastify, serve } from './serve.ts';

const passwordHash = process.env.BENCH_PASSWORD_HASH;
if (!passwordHash) throw new Error('BENCH_PASSWORD_HASH is required');

const app = bareFastify();
app.post<{ Body: { password?: string } }>('/verify', async (request, reply) => {
  const ok = await verifyPassword(passwordHash, request.body.password ?? '');
  return ok ? { ok } : reply.code(401).send({ ok });
});
await serve(app);
