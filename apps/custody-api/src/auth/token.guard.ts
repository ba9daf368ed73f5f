import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ApiProblem } from '../common/problem';
import { TokenRepository } from '../directory/token.repository';
import { PRINCIPAL } from './current-principal.decorator';
import { IS_PUBLIC } from './public.decorator';
import { ROUTE_PERMISSIONS, routeKey } from './route-permissions';

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** Authenticates the bearer token and checks the route against ROUTE_PERMISSIONS. */
@Injectable()
export class TokenGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TokenRepository) private readonly tokens: TokenRepository,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest & Record<string, unknown>>();
    const match = BEARER.exec(request.headers.authorization ?? '');
    const principal = match ? this.tokens.authenticate(match[1]) : null;
    if (!principal)
      throw new ApiProblem('unauthenticated', 'Send a valid token as "Authorization: Bearer <token>".');
    request[PRINCIPAL] = principal;
    const key = routeKey(request.method, request.routeOptions.url ?? '');
    const allowed = ROUTE_PERMISSIONS[key] ?? [];
    if (!allowed.includes(principal.role)) {
      throw new ApiProblem('forbidden', `Role '${principal.role}' may not call ${key}.`);
    }
    return true;
  }
}
