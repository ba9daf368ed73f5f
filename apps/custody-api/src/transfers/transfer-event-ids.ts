import { randomUUID } from 'node:crypto';
import { deterministicEventId } from '@jejak/custody';

/** Names one event of one request: which stream it goes to (`transfer`, `item:<id>`, `claim:<id>`) and its index there. */
export type EventIdFor = (scope: string, index: number) => string;

/**
 * With an Idempotency-Key every event id of the request derives from the token and the key, so a
 * retry (even after a crash between the append and the reply) lands on the same ids and the store
 * refuses to record it twice. Without a key, fresh UUIDs.
 */
export function eventIdsFor(idempotency: { tokenId: string; key: string } | null): EventIdFor {
  if (!idempotency) return () => randomUUID();
  return (scope, index) =>
    deterministicEventId(`${idempotency.tokenId}|${idempotency.key}|${scope}|${index}`);
}
