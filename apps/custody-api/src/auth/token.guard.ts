import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG, type AppConfig } from '@jejak/config';
import { TokenRepository } from '@jejak/directory';
import { ApiProblem } from '../common/problem';
import { PRINCIPAL } from './current-principal.decorator';
import { FailedAuthLimiter, mayTryWhileBlocked } from './failed-auth-limiter';
import { IS_PUBLIC } from './public.decorator';
import { ROUTE_PERMISSIONS, routeKey } from './route-permissions';

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** The token of an `Authorization: Bearer <token>` header, if it has that form. */
export const bearerTokenOf = (request: FastifyRequest): string | null =>
  BEARER.exec(request.headers.authorization ?? '')?.[1] ?? null;

/** Authenticates the bearer token and checks the route against ROUTE_PERMISSIONS. */
@Injectable()
export class TokenGuard implements CanActivate {
  private readonly failures: FailedAuthLimiter;

  constructor(
    private readonly reflector: Reflector,
    @Inject(TokenRepository) private readonly tokens: TokenRepository,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.failures = new FailedAuthLimiter(config.authFailuresPerMinute);
  }

  canActivate(context: ExecutionContext): boolean {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest & Record<string, unknown>>();
    const blockedFor = this.failures.blockedFor(request.ip);
    const bearer = bearerTokenOf(request);
    // Someone else's failures from the same address never lock a valid token out (see mayTryWhileBlocked).
    const principal =
      bearer && (blockedFor === 0 || mayTryWhileBlocked(bearer)) ? this.tokens.authenticate(bearer) : null;
    if (!principal && blockedFor > 0) {
      void context.switchToHttp().getResponse<FastifyReply>().header('Retry-After', String(blockedFor));
      throw new ApiProblem('rate-limited', 'Too many requests without a valid token from this address.');
    }
    if (!principal) {
      this.failures.recordFailure(request.ip);
      throw new ApiProblem('unauthenticated', 'Send a valid token as "Authorization: Bearer <token>".');
    }
    request[PRINCIPAL] = principal;
    const key = routeKey(request.method, request.routeOptions.url ?? '');
    const allowed = ROUTE_PERMISSIONS[key] ?? [];
    if (!allowed.includes(principal.role)) {
      throw new ApiProblem('forbidden', `Role '${principal.role}' may not call ${key}.`);
    }
    return true;
  }
}
