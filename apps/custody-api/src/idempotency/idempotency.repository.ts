import type { IdempotencyStore } from '@jejak/directory';
import { sealResponse, unsealResponse, type SealingContext } from './response-sealing';

export interface StoredResponse {
  requestHash: string;
  status: number;
  body: unknown;
}

/**
 * First answers to keyed requests, sealed (see response-sealing) before they reach the store:
 * SQLite's idempotency.sqlite, or MongoDB's `idempotency` collection shared by every replica, so a
 * retry that lands on another replica is still recognised.
 */
export class IdempotencyRepository {
  constructor(private readonly store: IdempotencyStore) {}

  async find(context: SealingContext): Promise<StoredResponse | null> {
    const record = await this.store.find(context.tokenId, context.idempotencyKey);
    if (!record) return null;
    return {
      requestHash: record.requestHash,
      status: record.status,
      body: JSON.parse(unsealed(record.body, context)),
    };
  }

  save(context: SealingContext, response: StoredResponse): Promise<void> {
    return this.store.save({
      tokenId: context.tokenId,
      key: context.idempotencyKey,
      requestHash: response.requestHash,
      status: response.status,
      body: sealResponse(JSON.stringify(response.body ?? null), context),
    });
  }
}

/** Answers stored before they were sealed are JSON as they are. */
const unsealed = (body: string, context: SealingContext): string =>
  /^[[{"ntf\d-]/.test(body) ? body : unsealResponse(body, context);
