import type { FastifyReply, FastifyRequest } from 'fastify';

export const SESSION_COOKIE = 'jejak_session';
export const CSRF_HEADER = 'x-csrf-token';

const SECRET = /^[A-Za-z0-9_-]{20,100}$/;

/** The session secret of the request's cookie, if it has a well-formed one. */
export function sessionSecretOf(request: FastifyRequest): string | null {
  const header = request.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) {
      const value = part.slice(eq + 1).trim();
      return SECRET.test(value) ? value : null;
    }
  }
  return null;
}

/**
 * HttpOnly (no script reads it), SameSite=Strict (no other site's page sends it), Secure when
 * the service is behind HTTPS. Max-Age is the idle time, renewed as the session is used.
 */
export function setSessionCookie(
  reply: FastifyReply,
  secret: string,
  maxAgeMs: number,
  secure: boolean,
): void {
  const attributes = [
    `${SESSION_COOKIE}=${secret}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${Math.floor(maxAgeMs / 1000)}`,
  ];
  if (secure) attributes.push('Secure');
  void reply.header('Set-Cookie', attributes.join('; '));
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  void reply.header(
    'Set-Cookie',
    `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${secure ? '; Secure' : ''}`,
  );
}

const SAFE_METHODS = ['GET', 'HEAD', 'OPTIONS'];
export const changesState = (method: string): boolean => !SAFE_METHODS.includes(method.toUpperCase());
