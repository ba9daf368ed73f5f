import { ExecutionContext, Injectable } from '@nestjs/common';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerGuard,
  type ThrottlerModuleOptions,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import type { Principal } from '@jejak/directory';
import { PRINCIPAL } from '../auth/current-principal.decorator';
import { IS_PUBLIC } from '../auth/public.decorator';
import { RouteMetadataReflector } from '../common/route-metadata.reflector';

/**
 * The per-token rate limit. Registered after the TokenGuard, so the principal is known: each token
 * has one budget across every route (the IP stands in only where no token was checked).
 */
@Injectable()
export class TokenThrottlerGuard extends ThrottlerGuard {
  // The stock guard reads seven route metadata keys on every request: from memory after the first
  // (the public flag from the same memory as the TokenGuard's).
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storageService: ThrottlerStorage,
    reflector: RouteMetadataReflector,
  ) {
    super(options, storageService, reflector);
  }

  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    // Health probes (and docs, served outside Nest) must answer however busy a client is.
    return (
      this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]) ===
      true
    );
  }

  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    const principal = request[PRINCIPAL] as Principal | undefined;
    return principal ? `token:${principal.tokenId}` : `ip:${String(request.ip)}`;
  }

  /** One key per token for the whole API, not one per route (the default). */
  protected override generateKey(_context: ExecutionContext, tracker: string, throttlerName: string): string {
    return `${throttlerName}:${tracker}`;
  }
}
