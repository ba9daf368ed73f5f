import { Inject, Injectable } from '@nestjs/common';
import {
  itemStreamId,
  replay,
  replayTransfer,
  transferStreamId,
  verifyChain,
  type ChainReport,
  type CustodyEvent,
  type ItemState,
  type TransferEvent,
  type TransferState,
} from '@jejak/custody';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@jejak/event-store';
import { ApiProblem } from '../common/problem';

/** Where the replay stops: at a moment (by the event's hashed `recordedAt`) or at a revision. */
export interface ReplayCut {
  asOf?: string;
  atRevision?: number;
}

export type ReplayedState = Omit<ItemState, 'eventIds'>;

/** A stored event as the auditor sees it: the hashed custody event plus the store's position. */
export type AuditedEvent = CustodyEvent & { position: string };

export interface ReplayResult {
  itemId: string;
  asOf: string | null;
  atRevision: number | null;
  /** Null when no event falls inside the cut (the item did not exist yet) or the kept events cannot be replayed. */
  state: ReplayedState | null;
  /** Why the kept events could not be replayed (only when they were tampered with beyond parsing). */
  stateError?: string;
  events: AuditedEvent[];
  /** Always over the whole stored stream, so an edit made after the cut still shows. */
  chain: ChainReport;
}

export type ReplayedTransferState = Omit<TransferState, 'eventIds'>;
export type AuditedTransferEvent = TransferEvent & { position: string };

/** As ReplayResult, for a `transfer-<id>` stream. */
export interface TransferReplayResult {
  transferId: string;
  asOf: string | null;
  atRevision: number | null;
  state: ReplayedTransferState | null;
  stateError?: string;
  events: AuditedTransferEvent[];
  chain: ChainReport;
}

export interface AuditTrail {
  itemId: string;
  exportedAt: string;
  chain: ChainReport;
  events: AuditedEvent[];
}

/**
 * Replays and verifies an item straight from the event store, never from the read models: the
 * auditor must see what the log says, including any damage done to it behind the service's back.
 */
@Injectable()
export class AuditService {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async replay(itemId: string, cut: ReplayCut): Promise<ReplayResult> {
    const all = await this.load(itemId);
    const kept = keptByCut(all, cut);
    return {
      itemId,
      asOf: cut.asOf ?? null,
      atRevision: cut.atRevision ?? null,
      ...rebuilt(() => replay(kept.map(asCustodyEvent))),
      events: kept.map(toAudited),
      chain: verifyChain(all.map(asCustodyEvent)),
    };
  }

  /** The same for a transfer stream: its state rebuilt from its own events, its chain checked. */
  async replayTransfer(transferId: string, cut: ReplayCut): Promise<TransferReplayResult> {
    const all = await this.store.readStream(transferStreamId(transferId));
    if (all.length === 0) throw new ApiProblem('not-found', `No transfer '${transferId}'.`);
    const asEvent = (recorded: RecordedEvent) => recorded.data as unknown as TransferEvent;
    const kept = keptByCut(all, cut);
    return {
      transferId,
      asOf: cut.asOf ?? null,
      atRevision: cut.atRevision ?? null,
      ...rebuilt(() => replayTransfer(kept.map(asEvent))),
      events: kept.map((recorded) => ({ ...asEvent(recorded), position: recorded.position })),
      chain: verifyChain(all.map(asEvent)),
    };
  }

  async trail(itemId: string): Promise<AuditTrail> {
    const recorded = await this.load(itemId);
    return {
      itemId,
      exportedAt: new Date().toISOString(),
      chain: verifyChain(recorded.map(asCustodyEvent)),
      events: recorded.map(toAudited),
    };
  }

  private async load(itemId: string): Promise<RecordedEvent[]> {
    const recorded = await this.store.readStream(itemStreamId(itemId));
    if (recorded.length === 0) throw new ApiProblem('not-found', `No item '${itemId}'.`);
    return recorded;
  }
}

/**
 * The state the kept events rebuild (without its bookkeeping of event ids), or why they cannot be
 * replayed: events tampered with beyond parsing are reported, not thrown at the auditor.
 */
function rebuilt<S extends { eventIds: string[] }>(
  replayed: () => S | null,
): { state: Omit<S, 'eventIds'> | null; stateError?: string } {
  try {
    const state = replayed();
    if (!state) return { state: null };
    const { eventIds: _eventIds, ...visible } = state;
    return { state: visible };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { state: null, stateError: `the stored events cannot be replayed: ${reason}` };
  }
}

/** The events up to the cut: a prefix, not a filter (replay needs them in order without holes). */
function keptByCut(all: readonly RecordedEvent[], cut: ReplayCut): RecordedEvent[] {
  const kept: RecordedEvent[] = [];
  for (const recorded of all) {
    const recordedAt = String((recorded.data as { recordedAt?: unknown }).recordedAt);
    if (cut.atRevision !== undefined && recorded.revision > cut.atRevision) break;
    if (cut.asOf !== undefined && !(Date.parse(recordedAt) <= Date.parse(cut.asOf))) break;
    kept.push(recorded);
  }
  return kept;
}

/**
 * The stored `data` is the hashed custody event itself; the position is the store's and not hashed.
 * Unchecked on purpose, not decodeCustodyEvent: an event damaged behind the service's back must
 * still reach verifyChain, which names the damage, instead of failing the auditor's request.
 */
const asCustodyEvent = (recorded: RecordedEvent): CustodyEvent => recorded.data as unknown as CustodyEvent;

const toAudited = (recorded: RecordedEvent): AuditedEvent => ({
  ...asCustodyEvent(recorded),
  position: recorded.position,
});
