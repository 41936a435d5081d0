import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/connection.ts';
import type { Services } from '../../platform/services.ts';

// Registration (form 01), uploads, officer decisions, children, employer route, staff accounts.
export const registrationRoutes: FastifyPluginAsyncZod<{ db: Db; services: Services }> = async () => {};
