import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { Observable, of, tap } from 'rxjs';
import type { Principal } from '@jejak/directory';
import { PRINCIPAL } from '../auth/current-principal.decorator';
import { bearerTokenOf } from '../auth/token.guard';
import { ApiProblem } from '../common/problem';
import { IdempotencyRepository } from './idempotency.repository';

const IDEMPOTENCY = 'jejakIdempotency';
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

export interface IdempotencyContext {
  key: string;
  requestHash: string;
}

export const idempotencyOf = (request: FastifyRequest): IdempotencyContext | undefined =>
  (request as unknown as Record<string, IdempotencyContext | undefined>)[IDEMPOTENCY];

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
 * answer the first response again; the same key with another body is 422. Keys also seed the
 * event ids (see the command handler).
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(@Inject(IdempotencyRepository) private readonly repository: IdempotencyRepository) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & Record<string, unknown>>();
    const key = request.headers['idempotency-key'];
    if (key === undefined) return next.handle();
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
      bearerToken: bearerTokenOf(request) ?? '',
    };
    const requestHash = createHash('sha256')
      .update(`${request.method} ${request.url.split('?')[0]}\n${stableStringify(request.body ?? null)}`)
      .digest('hex');
    const earlier = this.repository.find(sealing);
    if (earlier) {
      if (earlier.requestHash !== requestHash) {
        throw new ApiProblem('idempotency-key-reused', 'This Idempotency-Key was used for another request.');
      }
      void http.getResponse<FastifyReply>().header('Idempotent-Replayed', 'true');
      return of(earlier.body);
    }
    request[IDEMPOTENCY] = { key, requestHash } satisfies IdempotencyContext;
    return next.handle().pipe(
      tap((body) => {
        const status = http.getResponse<FastifyReply>().statusCode;
        this.repository.save(sealing, {
          requestHash,
          status: status >= 200 && status < 300 ? status : 201,
          body,
        });
      }),
    );
  }
}
