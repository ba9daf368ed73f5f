import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import type { Principal } from '@jejak/directory';
import { IdempotentRequest } from '@jejak/event-store';
import { PRINCIPAL } from '../auth/current-principal.decorator';
import { credentialOf } from '../auth/token.guard';
import { ApiProblem } from '../common/problem';
import { IdempotencyRepository } from './idempotency.repository';
import { IdempotentReplay } from './idempotent-replay';
import type { SealingContext } from './response-sealing';

const IDEMPOTENCY = 'jejakIdempotency';
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

/** What the guard leaves on a keyed request: the request (its ids derive from it) and where its answer goes. */
export interface PendingIdempotentAnswer {
  request: IdempotentRequest;
  sealing: SealingContext;
}

export const idempotencyOf = (request: FastifyRequest): PendingIdempotentAnswer | undefined =>
  (request as FastifyRequest & { [IDEMPOTENCY]?: PendingIdempotentAnswer })[IDEMPOTENCY];

/** The keyed request made at the edge, for the command it carries; undefined without a key. */
export const idempotentRequestOf = (request: FastifyRequest): IdempotentRequest | undefined =>
  idempotencyOf(request)?.request;

/** JSON with object keys sorted, so the same body always hashes the same. */
function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Idempotency-Key (per token), on the POST routes marked @Idempotent(): the same key and body
 * answer the first response again, success or refusal (IdempotentReplay); the same key with another
 * body is 422. The first answer is stored by saveIdempotentAnswers. Keys also seed the event ids (see the command
 * handler). A guard, not an interceptor: Nest wraps every request of an intercepted route in
 * deferred observables and async resources, 18 % of a write's CPU even without a key.
 */
@Injectable()
export class IdempotencyGuard implements CanActivate {
  constructor(@Inject(IdempotencyRepository) private readonly repository: IdempotencyRepository) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest & Record<string, unknown>>();
    const key = request.headers['idempotency-key'];
    if (key === undefined) return true;
    if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
      throw new ApiProblem(
        'validation-failed',
        'Idempotency-Key must be 1 to 200 visible ASCII characters.',
        {
          errors: [{ field: 'Idempotency-Key', message: 'invalid' }],
        },
      );
    }
    const principal = request[PRINCIPAL] as Principal;
    const sealing = {
      tokenId: principal.tokenId,
      idempotencyKey: key,
      bearerToken: credentialOf(request) ?? '',
    };
    const requestHash = createHash('sha256')
      .update(`${request.method} ${request.url.split('?')[0]}\n${stableStringify(request.body ?? null)}`)
      .digest('hex');
    const earlier = await this.repository.find(sealing);
    if (earlier) {
      if (earlier.requestHash !== requestHash) {
        throw new ApiProblem('idempotency-key-reused', 'This Idempotency-Key was used for another request.');
      }
      throw new IdempotentReplay(earlier.status, earlier.body);
    }
    request[IDEMPOTENCY] = {
      request: new IdempotentRequest(principal.tokenId, key, requestHash),
      sealing,
    } satisfies PendingIdempotentAnswer;
    return true;
  }
}
