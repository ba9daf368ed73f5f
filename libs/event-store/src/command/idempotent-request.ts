import { createHash, randomUUID } from 'node:crypto';

/**
 * A request sent with an Idempotency-Key, made once at the edge: whose token sent it, the key, and
 * the hash of what was asked. Every id the request gives out (item, transfer, import, each event)
 * derives from it in one way, so a retry, even after a crash between the append and the reply,
 * lands on the same ids and the store refuses to record it twice.
 */
export class IdempotentRequest {
  constructor(
    readonly tokenId: string,
    readonly key: string,
    readonly requestHash: string,
  ) {}

  /** The id named by `parts` (a scope, an index): a UUID from `<token>|<key>|<parts…>`. */
  id(...parts: readonly (string | number)[]): string {
    return deterministicUuid([this.tokenId, this.key, ...parts].join('|'));
  }

  /** The same request under a sub-key, for a second command it causes (an import's transfer). */
  scoped(suffix: string): IdempotentRequest {
    return new IdempotentRequest(this.tokenId, `${this.key}|${suffix}`, this.requestHash);
  }
}

/** Ids for a request: derived from its key when it has one, fresh UUIDs otherwise. */
export type IdSource = (...parts: readonly (string | number)[]) => string;

export const idSourceFor = (request: IdempotentRequest | null | undefined): IdSource =>
  request ? (...parts) => request.id(...parts) : () => randomUUID();

/** A UUID (version 5 layout, RFC 4122 variant) from SHA-256 of the seed. */
export function deterministicUuid(seed: string): string {
  const bytes = createHash('sha256').update(seed, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
