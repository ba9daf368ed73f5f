import type { Actor } from './actor';

/** What every item event records besides its type-specific data. Position is the store's, not hashed. */
export interface EventEnvelope {
  eventId: string;
  itemId: string;
  revision: number;
  occurredAt: string;
  recordedAt: string;
  actor: Actor;
  commandId: string | null;
  correlationId: string | null;
  note: string | null;
  /** SHA-256 of the previous event of this stream; 64 zeros for the first. */
  prevHash: string;
  /** SHA-256(prevHash || canonical JSON of this event without `hash`). */
  hash: string;
}
