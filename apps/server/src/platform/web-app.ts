// In production the same process serves the built web app, so one port is the whole system.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { sendRouteNotFound } from './errors.ts';

/** Paths that belong to the server: an unknown one is a 404 envelope, never the web app's index.html. */
const SERVER_PREFIXES = ['/api/', '/docs', '/openapi.json', '/metrics', '/healthz', '/readyz', '/dev/'];

export async function registerWebApp(app: FastifyInstance, webDistDir: string | undefined) {
  const indexHtml = webDistDir ? join(webDistDir, 'index.html') : undefined;
  const serveWebApp = webDistDir !== undefined && indexHtml !== undefined && existsSync(indexHtml);
  if (serveWebApp) {
    await app.register(fastifyStatic, {
      root: webDistDir,
      wildcard: false,
      index: false,
      setHeaders: (reply, path) => {
        // Hashed assets never change; the shell and the service worker must always be revalidated.
        void reply.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const isServerPath = SERVER_PREFIXES.some((prefix) => path === prefix.replace(/\/$/, '') || path.startsWith(prefix));
    if (serveWebApp && !isServerPath && (request.method === 'GET' || request.method === 'HEAD')) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return sendRouteNotFound(request, reply);
  });
  return serveWebApp;
}
