import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

export async function registerOpenApi(app: FastifyInstance) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'VssID – Bảo hiểm xã hội số API',
        version: '1.0.0',
        description:
          'Citizen, back-office and facility API. Errors always use the envelope `{ error: { code, message, fields? } }`; ' +
          'messages are localized by `Accept-Language` (vi, en, zh, ja, ko). Business dates are `YYYY-MM-DD` in Asia/Ho_Chi_Minh.',
      },
      tags: [{ name: 'Look-ups', description: 'Public look-ups (tra cứu), no sign-in' }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list' } });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
