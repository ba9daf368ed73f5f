import type { Actor } from '../actor';
import { decide } from '../decide';
import type { CustodyEvent, DecidedEvent } from '../events';
import { GENESIS_HASH, sealEvents } from '../hash-chain';
import type { ItemDescription } from '../item';
import { replay } from '../replay';
import type { MaybeItemState } from '../state';
import { replayTransfer } from '../transfer/evolve-transfer';
import { sealTransferEvents } from '../transfer/seal-transfer-events';
import type { TransferCommand } from '../transfer/transfer-commands';
import type { DecidedTransferEvent, TransferEvent } from '../transfer/transfer-events';
import { decideTransferProcess, manifestOf, type ManifestItem } from '../transfer/transfer-process';
import type { MaybeTransferState } from '../transfer/transfer-state';
import { travelsWith } from '../transfer/travels-with';
import { ACTORS, aFile, context, NOW } from './fixtures';

/**
 * One transfer and its items as the store would hold them: each step goes through
 * decideTransferProcess, and what it answers is sealed onto the transfer's and the items' streams,
 * as the handler does. A refusal records nothing, so a test can check that nothing moved.
 */
export class TransferWorld {
  /** The world's clock: every step is decided and recorded at this moment; tests move it on. */
  now: string = NOW;

  private contextOf(actor: Actor) {
    return context(actor, { now: this.now, occurredAt: this.now });
  }

  readonly transferId: string;
  readonly transferStream: TransferEvent[] = [];
  readonly itemStreams = new Map<string, CustodyEvent[]>();

  constructor(transferId = 't-1') {
    this.transferId = transferId;
  }

  register(itemId: string, description: Partial<ItemDescription> = {}, actor: Actor = ACTORS.officerA): this {
    const decision = decide(
      { type: 'registered', itemId, data: aFile(description) },
      null,
      this.contextOf(actor),
    );
    if (!decision.ok) throw new Error(decision.refusal.message);
    this.appendItem(itemId, decision.events, actor, null);
    return this;
  }

  /** An item's own command outside the transfer (e.g. a courier's arrived on a stray file). */
  item(command: Parameters<typeof decide>[0], actor: Actor): this {
    const decision = this.decideOnItemRoute(command, actor);
    if (!decision.ok) throw new Error(`${command.itemId}: ${decision.refusal.message}`);
    this.appendItem(command.itemId, decision.events, actor, null);
    return this;
  }

  /** What the item's own route decides: told which open transfer the item travels with, as the handler is. */
  decideOnItemRoute(command: Parameters<typeof decide>[0], actor: Actor): ReturnType<typeof decide> {
    const travellingWith = travelsWith(this.transferState(), command.itemId);
    const ctx = { ...this.contextOf(actor), travellingWith };
    return decide(command, this.itemState(command.itemId), ctx);
  }

  transferState(): MaybeTransferState {
    return replayTransfer(this.transferStream);
  }

  itemState(itemId: string): MaybeItemState {
    return replay(this.itemStreams.get(itemId) ?? []);
  }

  itemTypes(itemId: string): string[] {
    return (this.itemStreams.get(itemId) ?? []).map((event) => event.type);
  }

  /** Lengths of every stream: equal before and after a refusal. */
  lengths(): Record<string, number> {
    const lengths: Record<string, number> = { [this.transferId]: this.transferStream.length };
    for (const [itemId, stream] of this.itemStreams) lengths[itemId] = stream.length;
    return lengths;
  }

  /** Decides a transfer step (claims: `claimedBy` per item) and records it when accepted. */
  step(
    type: TransferCommand['type'],
    data: object,
    actor: Actor,
    claims: Record<string, { claimedBy: string; claimant: MaybeTransferState }> = {},
  ) {
    const command = { type, transferId: this.transferId, data } as TransferCommand;
    const state = this.transferState();
    const items = new Map<string, ManifestItem>(
      manifestOf(command, state).map((itemId) => [
        itemId,
        { state: this.itemState(itemId), ...claims[itemId] },
      ]),
    );
    const outcome = decideTransferProcess(command, state, items, this.contextOf(actor));
    if (outcome.ok) {
      this.appendTransfer(outcome.events, actor);
      for (const step of outcome.items) this.appendItem(step.itemId, step.events, actor, step.note);
    }
    return outcome;
  }

  private appendTransfer(decided: DecidedTransferEvent[], actor: Actor): void {
    const stream = this.transferStream;
    stream.push(
      ...sealTransferEvents(decided, {
        transferId: this.transferId,
        eventIds: decided.map((_, index) => `${this.transferId}-${stream.length + index}`),
        prevRevision: stream.length - 1,
        prevHash: stream[stream.length - 1]?.hash ?? GENESIS_HASH,
        occurredAt: this.now,
        recordedAt: this.now,
        actor,
        commandId: null,
        correlationId: this.transferId,
        note: null,
      }),
    );
  }

  private appendItem(itemId: string, decided: DecidedEvent[], actor: Actor, note: string | null): void {
    const stream = this.itemStreams.get(itemId) ?? [];
    stream.push(
      ...sealEvents(decided, {
        itemId,
        eventIds: decided.map((_, index) => `${itemId}-${stream.length + index}`),
        prevRevision: stream.length - 1,
        prevHash: stream[stream.length - 1]?.hash ?? GENESIS_HASH,
        occurredAt: this.now,
        recordedAt: this.now,
        actor,
        commandId: null,
        correlationId: this.transferId,
        note,
      }),
    );
    this.itemStreams.set(itemId, stream);
  }
}
