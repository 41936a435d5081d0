import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/connection.ts';
import type { Services } from '../../platform/services.ts';

// Sign-in, sessions, passwords.
export const accountRoutes: FastifyPluginAsyncZod<{ db: Db; services: Services }> = async () => {};
