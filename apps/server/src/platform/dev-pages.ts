import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../db/connection.ts';

// Development-only pages (never registered in production): the SMS outbox.
export const devRoutes: FastifyPluginAsyncZod<{ db: Db }> = async () => {};
