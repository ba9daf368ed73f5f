import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  decide,
  decideTransfer,
  decodeTransferEvent,
  evolveTransfer,
  itemCommandsForTransfer,
  itemStreamId,
  sealEvents,
  sealTransferEvents,
  transferStreamId,
  validateOccurredAt,
  type CustodyCommand,
  type DecidedTransferEvent,
  type DecisionContext,
  type Refusal,
  type TransferCommand,
  type TransferCommandOf,
  type TransferEvent,
  type TransferState,
} from '@jejak/custody';
import {
  CommandPipeline,
  EVENT_STORE,
  comparePositions,
  idSourceFor,
  requestMetadata,
  type Companions,
  type EventStore,
  type Handled,
  type IdempotentRequest,
  type IdSource,
  type JsonObject,
  type StreamAppend,
  type StreamFold,
} from '@jejak/event-store';
import { toActor, type Principal, LocationRepository } from '@jejak/directory';
import { pipelineProblem } from '../common/pipeline-problem';
import { ApiProblem } from '../common/problem';
import { ITEM_FOLD } from '../items/custody-command.handler';
import { CommandMetrics } from '../metrics/command-metrics';
import { claimEvent, lastClaimant, MANIFEST_CLAIM_PREFIX, manifestClaimStreamId } from './manifest-claims';
import {
  checkItemAtOrigin,
  checkNotInOpenTransfer,
  describeManifestProblems,
  type ManifestProblem,
} from './manifest-checks';
import { itemNotes } from './item-notes';

export interface TransferRequest {
  command: TransferCommand;
  principal: Principal;
  occurredAt?: string;
  /** Kept on the transfer event and on every item event it mirrors. */
  note?: string;
  idempotency?: IdempotentRequest;
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

/** Most events one request records on one stream (intake: intake_recorded + completed). */
const MAX_EVENTS_PER_STREAM = 2;

const TRANSFER_FOLD: StreamFold<TransferEvent, TransferState> = {
  decode: decodeTransferEvent,
  evolve: evolveTransfer,
};

export class TransferCommandMessage extends Command<TransferOutcome> {
  constructor(readonly request: TransferRequest) {
    super();
  }
}

interface Attempt {
  request: TransferRequest;
  ids: IdSource;
  ctx: DecisionContext;
  metadata: JsonObject;
}

/**
 * The transfer command through the pipeline: decide on the transfer stream, and record the decided
 * event together with its mirror on every item of the manifest (or, at creation, the items' claims)
 * in one appendMany with the expected revision of every stream. Any item the domain refuses refuses
 * the whole request, so a transfer and its items never disagree.
 */
@CommandHandler(TransferCommandMessage)
export class TransferCommandHandler implements ICommandHandler<TransferCommandMessage, TransferOutcome> {
  private readonly pipeline: CommandPipeline;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(LocationRepository) private readonly locations: LocationRepository,
    @Inject(CommandMetrics) private readonly metrics: CommandMetrics,
  ) {
    this.pipeline = new CommandPipeline(store);
  }

  execute({ request }: TransferCommandMessage): Promise<TransferOutcome> {
    const type = `transfer_${request.command.type.replace(/^transfer_/, '')}`;
    return this.metrics.counted(type, () =>
      this.run(request).catch((error: unknown) => {
        throw pipelineProblem(
          error,
          ({ streamId }) =>
            new ApiProblem(
              'concurrency-conflict',
              `Transfer '${request.command.transferId}' or one of its items kept changing meanwhile (${streamId}); try again.`,
            ),
        );
      }),
    );
  }

  private async run(request: TransferRequest): Promise<TransferOutcome> {
    const { command, principal, idempotency } = request;
    const actor = toActor(principal);
    const keyed = idempotency;
    const ids = idSourceFor(keyed);
    const metadata = requestMetadata(keyed, principal.tokenId);
    const handled = await this.pipeline.handle<
      DecidedTransferEvent,
      TransferEvent,
      TransferState,
      DecisionContext
    >({
      streamId: transferStreamId(command.transferId),
      fold: TRANSFER_FOLD,
      tokenId: principal.tokenId,
      request: keyed,
      idScope: ['transfer'],
      // Stored times are UTC with milliseconds (as on item streams), so they compare as text.
      context: (now) => {
        const when = validateOccurredAt(request.occurredAt, now);
        return when.ok
          ? { ok: true, value: { actor, now, occurredAt: when.value, locations: this.locations.lookup } }
          : when;
      },
      decide: (state, ctx) => decideTransfer(command, state, ctx),
      seal: (decided, chain, ctx) =>
        sealTransferEvents(decided, {
          transferId: command.transferId,
          ...chain,
          occurredAt: ctx.occurredAt,
          recordedAt: ctx.now,
          actor,
          commandId: idempotency?.key ?? null,
          correlationId: command.transferId,
          note: request.note ?? null,
        }),
      // Order matters only where appendMany is not atomic (KurrentDB): claims go before the transfer
      // (a claim lost to a rival leaves no transfer behind, and a claim naming no transfer lapses);
      // a step goes on the transfer first, where concurrent steps collide.
      companions: async (decided, before, ctx): Promise<Companions> => {
        const step: Attempt = { request, ids, ctx, metadata };
        return command.type === 'transfer_created'
          ? { before: await this.claimManifest(command, step) }
          : { after: await this.mirrorOnItems(decided, before!, step) };
      },
    });
    return handled.replayed ? this.answerAgain(handled, ids) : answer(handled);
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
        const [item, claims] = await Promise.all([
          this.pipeline.load(itemStreamId(itemId), ITEM_FOLD),
          this.store.readStream(manifestClaimStreamId(itemId)),
        ]);
        const claimedBy = lastClaimant(claims);
        const claimant = claimedBy
          ? await this.pipeline.load(transferStreamId(claimedBy), TRANSFER_FOLD)
          : null;
        const problem =
          checkItemAtOrigin(itemId, item, data.fromId) ?? checkNotInOpenTransfer(itemId, claimedBy, claimant);
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
        const prepared = await this.pipeline.prepare(
          {
            streamId: itemStreamId(itemCommand.itemId),
            fold: ITEM_FOLD,
            decide: (state, at: DecisionContext) => decide(itemCommand, state, at),
            seal: (events, chain, at) =>
              sealEvents(events, {
                itemId: itemCommand.itemId,
                ...chain,
                occurredAt: at.occurredAt,
                recordedAt: at.now,
                actor: at.actor,
                commandId: request.idempotency?.key ?? null,
                correlationId: before.transferId,
                note: noteOf(itemCommand.itemId),
              }),
          },
          ctx,
          (index) => ids(`item:${itemCommand.itemId}`, index),
          metadata,
        );
        return { itemCommand, prepared };
      }),
    );
    const refused = outcomes.flatMap(({ itemCommand, prepared }) =>
      prepared.ok ? [] : [{ itemCommand, refusal: prepared.refusal }],
    );
    if (refused.length > 0) throw itemsRefused(before.transferId, refused);
    return outcomes.flatMap(({ prepared }) => (prepared.ok ? [prepared.append] : []));
  }

  /**
   * A request already recorded (the reply was lost, or its idempotency record is gone): answer as
   * the first time, with the highest position of what it recorded on the items too.
   */
  private async answerAgain(
    handled: Extract<Handled<TransferEvent, TransferState>, { replayed: true }>,
    ids: IdSource,
  ): Promise<TransferOutcome> {
    const { state, last } = handled;
    const mine = new Set(
      state.itemIds.flatMap((itemId) =>
        Array.from({ length: MAX_EVENTS_PER_STREAM }, (_, index) => ids(`item:${itemId}`, index)),
      ),
    );
    const itemEvents = await Promise.all(
      state.itemIds.map((itemId) => this.store.readStream(itemStreamId(itemId))),
    );
    const positions = itemEvents.flat().flatMap((r) => (mine.has(r.eventId) ? [r.position] : []));
    const event = decodeTransferEvent(last.data);
    return {
      transferId: state.transferId,
      eventId: event.eventId,
      type: event.type,
      revision: last.revision,
      position: maxPosition([last.position, ...positions]),
      state,
    };
  }
}

function answer(
  handled: Extract<Handled<TransferEvent, TransferState>, { replayed: false }>,
): TransferOutcome {
  const { events, state, appends, results } = handled;
  const last = events[events.length - 1];
  const own = appends.findIndex((append) => append.streamId === transferStreamId(state.transferId));
  return {
    transferId: state.transferId,
    eventId: last.eventId,
    type: last.type,
    revision: results[own].revision,
    // Claims are an index the projector never reads: a position to wait for is never theirs.
    position: maxPosition(
      results.flatMap((result, index) => (isClaim(appends[index]) ? [] : [result.position])),
    ),
    state,
  };
}

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
