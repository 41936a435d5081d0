// Baseline: bare Fastify 5 answering a constant — the ceiling for any route on this machine.
import { bareFastify, serve } from './serve.ts';

const app = bareFastify();
app.get('/hello', async () => ({ hello: 'world' }));
await serve(app);
