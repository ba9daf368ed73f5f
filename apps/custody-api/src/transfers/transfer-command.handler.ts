import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  decide,
  decideTransfer,
  GENESIS_HASH,
  itemCommandsForTransfer,
  itemStreamId,
  replay,
  replayTransfer,
  sealEvents,
  sealTransferEvents,
  validateOccurredAt,
  transferStreamId,
  type CustodyCommand,
  type CustodyEvent,
  type DecidedTransferEvent,
  type DecisionContext,
  type Refusal,
  type TransferCommand,
  type TransferCommandOf,
  type TransferEvent,
  type TransferState,
} from '@jejak/custody';
import {
  DuplicateEventIdError,
  EVENT_STORE,
  WrongExpectedRevisionError,
  comparePositions,
  type EventStore,
  type EventToAppend,
  type JsonObject,
  type RecordedEvent,
  type StreamAppend,
} from '@jejak/event-store';
import { toActor, type Principal, LocationRepository } from '@jejak/directory';
import { ApiProblem } from '../common/problem';
import type { IdempotencyContext } from '../idempotency/idempotency.guard';
import { refusalToProblem } from '../items/custody-command.handler';
import { CommandMetrics } from '../metrics/command-metrics';
import { claimEvent, lastClaimant, MANIFEST_CLAIM_PREFIX, manifestClaimStreamId } from './manifest-claims';
import {
  checkItemAtOrigin,
  checkNotInOpenTransfer,
  describeManifestProblems,
  type ManifestProblem,
} from './manifest-checks';
import { itemNotes } from './item-notes';
import { eventIdsFor, type EventIdFor } from './transfer-event-ids';

export interface TransferRequest {
  command: TransferCommand;
  principal: Principal;
  occurredAt?: string;
  /** Kept on the transfer event and on every item event it mirrors. */
  note?: string;
  idempotency?: IdempotencyContext;
}

export interface TransferOutcome {
  transferId: string;
  /** The last event recorded on the transfer stream by this request. */
  eventId: string;
  type: string;
  revision: number;
  /** The highest position of everything this request recorded (transfer, items, claims): wait for it to read your writes. */
  position: string;
  state: TransferState;
}

/** Retries on a concurrent append to any of the streams involved. */
const MAX_ATTEMPTS = 5;
/** Most events one request records on one stream (intake: intake_recorded + completed). */
const MAX_EVENTS_PER_STREAM = 2;

export class TransferCommandMessage extends Command<TransferOutcome> {
  constructor(readonly request: TransferRequest) {
    super();
  }
}

interface Attempt {
  request: TransferRequest;
  ids: EventIdFor;
  ctx: DecisionContext;
  metadata: JsonObject;
}

/**
 * The command side for transfers: load the transfer, decide, and record the decided event on the
 * transfer stream together with its mirror on every item of the manifest (or, at creation, the
 * items' claims) in one appendMany with the expected revision of every stream. Any item the domain
 * refuses refuses the whole request, so a transfer and its items never disagree.
 */
@CommandHandler(TransferCommandMessage)
export class TransferCommandHandler implements ICommandHandler<TransferCommandMessage, TransferOutcome> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(LocationRepository) private readonly locations: LocationRepository,
    @Inject(CommandMetrics) private readonly metrics: CommandMetrics,
  ) {}

  async execute({ request }: TransferCommandMessage): Promise<TransferOutcome> {
    const type = `transfer_${request.command.type.replace(/^transfer_/, '')}`;
    try {
      const outcome = await this.run(request);
      this.metrics.commandRecorded(type, 'accepted');
      return outcome;
    } catch (error) {
      this.metrics.commandRecorded(type, error instanceof ApiProblem ? error.body.code : 'error');
      throw error;
    }
  }

  private async run(request: TransferRequest): Promise<TransferOutcome> {
    const { command, principal, idempotency } = request;
    const ids = eventIdsFor(idempotency ? { tokenId: principal.tokenId, key: idempotency.key } : null);
    const streamId = transferStreamId(command.transferId);
    const metadata = { requestHash: idempotency?.requestHash ?? null, tokenId: principal.tokenId };

    for (let attempt = 1; ; attempt++) {
      const recorded = await this.store.readStream(streamId);
      if (idempotency) {
        const earlier = await this.findEarlier(recorded, ids, idempotency.requestHash);
        if (earlier) return earlier;
      }
      const events = recorded.map((r) => r.data as unknown as TransferEvent);
      const before = replayTransfer(events);
      const now = new Date().toISOString();
      // Stored times are UTC with milliseconds (as on item streams), so they compare as text.
      const when = validateOccurredAt(request.occurredAt, now);
      if (!when.ok) throw refusalToProblem(when.refusal);
      const ctx: DecisionContext = {
        actor: toActor(principal),
        now,
        occurredAt: when.value,
        locations: this.locations.lookup,
      };
      const decision = decideTransfer(command, before, ctx);
      if (!decision.ok) throw refusalToProblem(decision.refusal);

      const sealed = sealTransferEvents(decision.events, {
        transferId: command.transferId,
        eventIds: decision.events.map((_, index) => ids('transfer', index)),
        prevRevision: before ? before.revision : -1,
        prevHash: before ? before.headHash : GENESIS_HASH,
        occurredAt: ctx.occurredAt,
        recordedAt: now,
        actor: ctx.actor,
        commandId: idempotency?.key ?? null,
        correlationId: command.transferId,
        note: request.note ?? null,
      });
      const state = replayTransfer([...events, ...sealed])!;
      const step: Attempt = { request, ids, ctx, metadata };
      const companions =
        command.type === 'transfer_created'
          ? await this.claimManifest(command, step)
          : await this.mirrorOnItems(decision.events, before!, step);
      const own: StreamAppend = {
        streamId,
        events: sealed.map((event) => toAppend(event, metadata)),
        expectedRevision: before ? before.revision : 'no_stream',
      };
      // Order matters only where appendMany is not atomic (KurrentDB): claims go before the transfer
      // (a claim lost to a rival leaves no transfer behind, and a claim naming no transfer lapses);
      // a step goes on the transfer first, where concurrent steps collide.
      const appends = command.type === 'transfer_created' ? [...companions, own] : [own, ...companions];
      try {
        const results = await this.store.appendMany(appends);
        const last = sealed[sealed.length - 1];
        return {
          transferId: command.transferId,
          eventId: last.eventId,
          type: last.type,
          revision: results[appends.indexOf(own)].revision,
          // Claims are an index the projector never reads: a position to wait for is never theirs.
          position: maxPosition(
            results.flatMap((result, index) => (isClaim(appends[index]) ? [] : [result.position])),
          ),
          state,
        };
      } catch (error) {
        if (error instanceof DuplicateEventIdError) {
          throw new ApiProblem(
            'idempotency-key-reused',
            'This Idempotency-Key was used for another request.',
          );
        }
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        if (attempt >= MAX_ATTEMPTS) {
          throw new ApiProblem(
            'concurrency-conflict',
            `Transfer '${command.transferId}' or one of its items kept changing meanwhile (${error.streamId}); try again.`,
          );
        }
      }
    }
  }

  /**
   * At creation: every item must exist, sit at the origin and belong to no other open transfer.
   * The claims appended here make the last rule hold under concurrent creations too.
   */
  private async claimManifest(
    command: TransferCommandOf<'transfer_created'>,
    { ids, metadata }: Attempt,
  ): Promise<StreamAppend[]> {
    const { transferId, data } = command;
    const checked = await Promise.all(
      data.itemIds.map(async (itemId) => {
        const [itemEvents, claims] = await Promise.all([
          this.store.readStream(itemStreamId(itemId)),
          this.store.readStream(manifestClaimStreamId(itemId)),
        ]);
        const claimedBy = lastClaimant(claims);
        const claimant = claimedBy
          ? replayTransfer(
              (await this.store.readStream(transferStreamId(claimedBy))).map(
                (r) => r.data as unknown as TransferEvent,
              ),
            )
          : null;
        const problem =
          checkItemAtOrigin(
            itemId,
            replay(itemEvents.map((r) => r.data as unknown as CustodyEvent)),
            data.fromId,
          ) ?? checkNotInOpenTransfer(itemId, claimedBy, claimant);
        return { itemId, problem, claimRevision: claims.length - 1 };
      }),
    );
    const problems = checked.flatMap(({ problem }) => (problem ? [problem] : []));
    if (problems.length > 0) throw manifestProblem(problems);
    // In item order, so two rivals reach their first shared item first and one of them stops there.
    const inOrder = [...checked].sort((a, b) => (a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : 0));
    return inOrder.map(({ itemId, claimRevision }) => ({
      streamId: manifestClaimStreamId(itemId),
      events: [{ ...claimEvent(ids(`claim:${itemId}`, 0), itemId, transferId), metadata }],
      expectedRevision: claimRevision < 0 ? 'no_stream' : claimRevision,
    }));
  }

  /** The decided transfer event, mirrored on each item it concerns and decided there by the item's own rules. */
  private async mirrorOnItems(
    decided: readonly DecidedTransferEvent[],
    before: TransferState,
    { request, ids, ctx, metadata }: Attempt,
  ): Promise<StreamAppend[]> {
    const commands = decided.flatMap((event) => itemCommandsForTransfer(event, before));
    const noteOf = itemNotes(decided, request.note);
    const outcomes = await Promise.all(
      commands.map(async (itemCommand) => {
        const recorded = await this.store.readStream(itemStreamId(itemCommand.itemId));
        const state = replay(recorded.map((r) => r.data as unknown as CustodyEvent));
        const decision = decide(itemCommand, state, ctx);
        if (!decision.ok) return { itemCommand, refusal: decision.refusal };
        const sealed = sealEvents(decision.events, {
          itemId: itemCommand.itemId,
          eventIds: decision.events.map((_, index) => ids(`item:${itemCommand.itemId}`, index)),
          prevRevision: state ? state.revision : -1,
          prevHash: state ? state.headHash : GENESIS_HASH,
          occurredAt: ctx.occurredAt,
          recordedAt: ctx.now,
          actor: ctx.actor,
          commandId: request.idempotency?.key ?? null,
          correlationId: before.transferId,
          note: noteOf(itemCommand.itemId),
        });
        const append: StreamAppend = {
          streamId: itemStreamId(itemCommand.itemId),
          events: sealed.map((event) => toAppend(event, metadata)),
          expectedRevision: state ? state.revision : 'no_stream',
        };
        return { itemCommand, append };
      }),
    );
    const refused = outcomes.flatMap((o) =>
      'refusal' in o && o.refusal ? [{ ...o, refusal: o.refusal }] : [],
    );
    if (refused.length > 0) throw itemsRefused(before.transferId, refused);
    return outcomes.flatMap((o) => ('append' in o && o.append ? [o.append] : []));
  }

  /**
   * A request already recorded (the reply was lost, or its idempotency record is gone): answer as
   * the first time, or refuse a key reused for another body.
   */
  private async findEarlier(
    recorded: RecordedEvent[],
    ids: EventIdFor,
    requestHash: string,
  ): Promise<TransferOutcome | null> {
    const first = recorded.findIndex((r) => r.eventId === ids('transfer', 0));
    if (first < 0) return null;
    if (recorded[first].metadata.requestHash !== requestHash) {
      throw new ApiProblem('idempotency-key-reused', 'This Idempotency-Key was used for another request.');
    }
    let last = first;
    while (last + 1 < recorded.length && recorded[last + 1].metadata.requestHash === requestHash) last++;
    const state = replayTransfer(recorded.slice(0, last + 1).map((r) => r.data as unknown as TransferEvent))!;
    const mine = new Set(
      state.itemIds.flatMap((itemId) =>
        Array.from({ length: MAX_EVENTS_PER_STREAM }, (_, index) => ids(`item:${itemId}`, index)),
      ),
    );
    const itemEvents = await Promise.all(
      state.itemIds.map((itemId) => this.store.readStream(itemStreamId(itemId))),
    );
    const positions = itemEvents.flat().flatMap((r) => (mine.has(r.eventId) ? [r.position] : []));
    const event = recorded[last].data as unknown as TransferEvent;
    return {
      transferId: state.transferId,
      eventId: event.eventId,
      type: event.type,
      revision: recorded[last].revision,
      position: maxPosition([recorded[last].position, ...positions]),
      state,
    };
  }
}

const toAppend = (event: CustodyEvent | TransferEvent, metadata: JsonObject): EventToAppend => ({
  eventId: event.eventId,
  type: event.type,
  data: { ...event },
  metadata,
});

const isClaim = (append: StreamAppend): boolean => append.streamId.startsWith(MANIFEST_CLAIM_PREFIX);

const maxPosition = (positions: readonly string[]): string =>
  positions.reduce((max, position) => (comparePositions(position, max) > 0 ? position : max));

/** 404 when the manifest's only fault is ids that name no item, as for any unknown item; else 409. */
function manifestProblem(problems: ManifestProblem[]): ApiProblem {
  const code = problems.every((problem) => problem.reason === 'not-found')
    ? 'not-found'
    : 'invalid-transition';
  return new ApiProblem(code, describeManifestProblems(problems), { items: problems });
}

function itemsRefused(
  transferId: string,
  refused: { itemCommand: CustodyCommand; refusal: Refusal }[],
): ApiProblem {
  const [first] = refused;
  const detail = refused.map(
    ({ itemCommand, refusal }) => `item '${itemCommand.itemId}': ${refusal.message}`,
  );
  return new ApiProblem(
    first.refusal.code,
    `Transfer '${transferId}' cannot record this on every item of its manifest: ${detail.join('; ')}.`,
    {
      items: refused.map(({ itemCommand, refusal }) => ({
        itemId: itemCommand.itemId,
        code: refusal.code,
        detail: refusal.message,
      })),
    },
  );
}
