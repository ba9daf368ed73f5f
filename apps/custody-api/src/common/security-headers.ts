import helmet from 'helmet';
import type { FastifyInstance } from 'fastify';

/**
 * The Content-Security-Policy of every answer, the one place it is set (useSecurityHeaders applies
 * it through helmet). Same-origin only: the web app served at / loads its scripts, styles, images,
 * workers and WebAssembly (the QR decoder) from the service itself. Inline styles are allowed
 * (style attributes of the UI libraries and Swagger UI), inline scripts are not.
 * upgrade-insecure-requests is left out: on a plain-HTTP office network it would send the
 * browser to an HTTPS port that does not exist.
 */
export const CONTENT_SECURITY_POLICY = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    baseUri: ["'self'"],
    connectSrc: ["'self'"],
    fontSrc: ["'self'", 'data:'],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    imgSrc: ["'self'", 'data:', 'blob:'],
    mediaSrc: ["'self'", 'blob:'],
    objectSrc: ["'none'"],
    scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
    scriptSrcAttr: ["'none'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    workerSrc: ["'self'", 'blob:'],
  },
};

/**
 * Answers of the API carry tokens (POST /api/tokens shows one once), names and whereabouts: no
 * browser or proxy cache keeps them.
 */
export const API_CACHE_CONTROL = 'no-store';

/**
 * Helmet's headers (this CSP and its defaults) on every answer. The helmet middleware is built once
 * here: @fastify/helmet builds it again on every request (parsing the CSP directives each time,
 * ~8 % of a where-is read) and adds an async hook for per-route options and nonces this service
 * does not use. The headers are set on the raw response, as helmet does, so a hijacked reply (the
 * event stream) carries them too.
 */
export function useSecurityHeaders(fastify: FastifyInstance): void {
  const applyHelmet = helmet({ contentSecurityPolicy: CONTENT_SECURITY_POLICY });
  fastify.addHook('onRequest', (request, reply, done) =>
    applyHelmet(request.raw, reply.raw, (error) => done(error instanceof Error ? error : undefined)),
  );
}
