import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG, type AppConfig } from '@jejak/config';
import {
  AttemptCounterStore,
  csrfTokenMatches,
  SessionStore,
  TokenStore,
  type ActiveSession,
  type Principal,
} from '@jejak/directory';
import { ApiProblem } from '../common/problem';
import { RouteMetadataReflector } from '../common/route-metadata.reflector';
import { PRINCIPAL } from './current-principal.decorator';
import { FailedAuthLimiter, mayTryWhileBlocked } from './failed-auth-limiter';
import { IS_PUBLIC } from './public.decorator';
import { ROUTE_PERMISSIONS, routeKey } from './route-permissions';
import {
  changesState,
  clearSessionCookie,
  CSRF_HEADER,
  SESSION_COOKIE,
  sessionSecretOf,
  setSessionCookie,
} from './session-cookie';

const BEARER = /^Bearer\s+(\S+)\s*$/i;
const SESSION = 'jejakSession';

/** The token of an `Authorization: Bearer <token>` header, if it has that form. */
export const bearerTokenOf = (request: FastifyRequest): string | null =>
  BEARER.exec(request.headers.authorization ?? '')?.[1] ?? null;

export interface RequestSession {
  secret: string;
  session: ActiveSession;
}

/** The session that authenticated this request, when it was a session and not a bearer token. */
export const requestSessionOf = (request: FastifyRequest): RequestSession | undefined =>
  (request as unknown as Record<string, RequestSession | undefined>)[SESSION];

/**
 * The secret that authenticated the request (bearer token or session cookie): idempotent answers
 * are sealed under it.
 */
export const credentialOf = (request: FastifyRequest): string | null =>
  bearerTokenOf(request) ?? requestSessionOf(request)?.secret ?? null;

/** A session resolved to the same Principal as its person's token: every permission applies alike. */
export const sessionPrincipal = (session: ActiveSession): Principal => ({
  tokenId: `session:${session.id}`,
  principalId: session.person.id,
  role: session.person.role,
  unitId: session.person.unitId,
  name: session.person.name,
  via: 'session',
});

/**
 * Authenticates the bearer token, or else the session cookie, and checks the route against
 * ROUTE_PERMISSIONS. A bearer token wins over a cookie. A state-changing request authenticated by
 * the cookie must carry the session's X-CSRF-Token, or it is refused 403 before anything runs.
 */
@Injectable()
export class TokenGuard implements CanActivate {
  private readonly failures: FailedAuthLimiter;

  constructor(
    // Whether a route is public is read on every request: from memory after the first.
    private readonly reflector: RouteMetadataReflector,
    @Inject(TokenStore) private readonly tokens: TokenStore,
    @Inject(SessionStore) private readonly sessions: SessionStore,
    @Inject(AttemptCounterStore) attempts: AttemptCounterStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.failures = new FailedAuthLimiter(config.authFailuresPerMinute, attempts);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest & Record<string, unknown>>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    // Someone else's failures from the same address never lock a valid credential out: a bearer
    // token or session secret too long to guess is still looked up (see mayTryWhileBlocked), and
    // the address's count (a round-trip with MongoDB) is read only when it matters.
    const credential = bearerTokenOf(request) ?? sessionSecretOf(request);
    const unguessable = credential !== null && mayTryWhileBlocked(credential);
    let blockedFor = unguessable ? 0 : await this.failures.blockedFor(request.ip);
    const principal = blockedFor === 0 ? await this.authenticate(request, reply) : null;
    if (!principal && unguessable) blockedFor = await this.failures.blockedFor(request.ip);
    if (!principal && blockedFor > 0) {
      void reply.header('Retry-After', String(blockedFor));
      throw new ApiProblem('rate-limited', 'Too many requests without a valid token from this address.');
    }
    if (!principal) {
      await this.failures.recordFailure(request.ip);
      throw new ApiProblem(
        'unauthenticated',
        'Send a valid token as "Authorization: Bearer <token>", or sign in (POST /api/session).',
      );
    }
    request[PRINCIPAL] = principal;
    const key = routeKey(request.method, request.routeOptions.url ?? '');
    const allowed = ROUTE_PERMISSIONS[key] ?? [];
    if (!allowed.includes(principal.role)) {
      throw new ApiProblem('forbidden', `Role '${principal.role}' may not call ${key}.`);
    }
    return true;
  }

  private async authenticate(
    request: FastifyRequest & Record<string, unknown>,
    reply: FastifyReply,
  ): Promise<Principal | null> {
    const bearer = bearerTokenOf(request);
    if (bearer) return this.tokens.authenticate(bearer);
    const secret = sessionSecretOf(request);
    const session = secret ? await this.sessions.resolve(secret) : null;
    if (!secret || !session) {
      // An ended or idle session's cookie is of no further use: the browser may drop it.
      if (request.headers.cookie?.includes(`${SESSION_COOKIE}=`)) {
        clearSessionCookie(reply, this.config.session.cookieSecure);
      }
      return null;
    }
    if (changesState(request.method)) {
      const presented = request.headers[CSRF_HEADER];
      if (typeof presented !== 'string' || !csrfTokenMatches(secret, presented)) {
        throw new ApiProblem(
          'forbidden',
          'A request signed in by cookie that changes something must carry the X-CSRF-Token header (GET /api/session).',
        );
      }
    }
    if (session.renewed)
      setSessionCookie(reply, secret, this.config.session.idleMs, this.config.session.cookieSecure);
    request[SESSION] = { secret, session } satisfies RequestSession;
    return sessionPrincipal(session);
  }
}
