import type { StreamHead } from '@jejak/verifiable-log';
import type { EventStore } from '../event-store.port';

/** A checkpoint note as signed and kept (every one is kept). */
export interface StoredCheckpoint {
  size: number;
  note: string;
  signedAt: string;
}

/** The tree at one size, read in one snapshot: what a checkpoint signs. */
export interface LogSnapshot {
  size: number;
  root: Buffer;
  /** The stream-heads tree at this size: its leaf count and root. */
  headsCount: number;
  headsRoot: Buffer;
}

/** A stream's head at a tree size and its inclusion proof in the stream-heads tree. */
export interface StreamHeadProof {
  head: StreamHead;
  headIndex: number;
  proof: Buffer[];
}

/**
 * The verifiable log kept beside the events: one leaf per event in commit order, the hashes of
 * its complete subtrees, the stream heads and the signed checkpoints. Proofs come from the stored
 * subtrees, never by rehashing the log.
 */
export interface VerifiableLogStorage {
  /** Number of leaves committed. */
  size(): number;
  latest(): LogSnapshot;
  root(size: number): Buffer;
  /** Every stream's last event at this size, sorted by stream id (UTF-8 bytes). */
  headsAt(size: number): StreamHead[];
  /** Null when the stream has no event in the tree of this size. */
  streamHeadProof(stream: string, size: number): StreamHeadProof | null;
  leafHash(index: number): Buffer;
  inclusionProof(index: number, size: number): Buffer[];
  consistencyProof(from: number, to: number): Buffer[];
  /** Leaf index of the event at this global position; null when it has none (yet). */
  leafIndexOf(position: string): number | null;
  saveCheckpoint(checkpoint: StoredCheckpoint): void;
  latestCheckpoint(): StoredCheckpoint | null;
  checkpointAt(size: number): StoredCheckpoint | null;
}

export interface WithVerifiableLog {
  readonly verifiableLog: VerifiableLogStorage;
}

export const hasVerifiableLog = (store: EventStore): store is EventStore & WithVerifiableLog =>
  (store as Partial<WithVerifiableLog>).verifiableLog !== undefined;
