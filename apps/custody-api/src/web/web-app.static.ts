import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where `npm run build` puts the web app (apps/web, built by Vite): dist/web. */
export const WEB_APP_ROOT = join(__dirname, '..', '..', '..', '..', 'web');

const LONG_CACHE = 'public, max-age=31536000, immutable';
/** Paths the API and the operators own: never answered with the app's page. */
const NOT_APP = /^\/(api|docs|docs-json|health|metrics)(\/|$|\?)/;

/** An app route is a GET of a path without a file extension outside the API (a deep link such as /i/<id>). */
export function isAppRoute(method: string, url: string): boolean {
  if (method !== 'GET' && method !== 'HEAD') return false;
  const path = url.split('?')[0];
  if (NOT_APP.test(path)) return false;
  const last = path.slice(path.lastIndexOf('/') + 1);
  return !last.includes('.');
}

/**
 * Serves the built web app at / on the service's own port. Hashed assets (/assets/*) are cached for a
 * year (their name changes with their content); index.html and anything else must be revalidated,
 * so a new release is picked up at once. The files are public, like health and docs: the data they
 * show comes from the API, which needs a token or a session.
 *
 * Nest owns Fastify's not-found handler, so deep links are answered by an onRequest hook instead,
 * only for requests no route matched, and never for the API's paths (they keep their problem+json 404).
 */
export async function serveWebApp(fastify: FastifyInstance, root = WEB_APP_ROOT): Promise<boolean> {
  const indexPath = join(root, 'index.html');
  if (!existsSync(indexPath)) return false;
  const indexHtml = readFileSync(indexPath);
  await fastify.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: false,
    // Swagger UI registers its own copy under /docs; this one needs no reply.sendFile.
    decorateReply: false,
    cacheControl: false,
    setHeaders: (reply, path) =>
      void reply.header('Cache-Control', path.startsWith(join(root, 'assets')) ? LONG_CACHE : 'no-cache'),
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    // is404, not routeOptions.url: the same test, without building the route options object.
    if (!request.is404 || !isAppRoute(request.method, request.url)) return done();
    void reply
      .header('Cache-Control', 'no-cache')
      .header('Content-Type', 'text/html; charset=utf-8')
      .send(indexHtml);
  });
  return true;
}
