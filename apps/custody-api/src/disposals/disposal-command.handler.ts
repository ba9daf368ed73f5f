import { Inject, Injectable } from '@nestjs/common';
import {
  decideDisposal,
  disposalStreamId,
  evolveDisposal,
  itemStreamId,
  sealDisposalEvent,
  sealEvents,
  type DecisionContext,
  type DisposalCommand,
  type DisposalEvent,
  type DisposalRecordedData,
  type DisposalState,
} from '@jejak/custody';
import {
  chainStart,
  CommandPipeline,
  comparePositions,
  EVENT_STORE,
  idSourceFor,
  requestMetadata,
  toStreamAppend,
  type EventStore,
  type IdempotentRequest,
  type JsonObject,
  type StreamFold,
} from '@jejak/event-store';
import { toActor, type Principal } from '@jejak/directory';
import { DecisionContextSource } from '../common/decision-context.source';
import { pipelineProblem } from '../common/pipeline-problem';
import { ApiProblem } from '../common/problem';
import { ITEM_FOLD } from '../items/custody-command.handler';
import { CommandMetrics } from '../metrics/command-metrics';

export interface DisposalRequest {
  command: DisposalCommand;
  principal: Principal;
  occurredAt?: string;
  idempotency?: IdempotentRequest;
}

export interface DisposalOutcomeBody {
  disposalId: string;
  baNumber: string;
  kind: DisposalCommand['kind'];
  itemIds: string[];
  position: string;
}

const DISPOSAL_FOLD: StreamFold<DisposalEvent, DisposalState> = {
  decode: (data) => data as unknown as DisposalEvent,
  evolve: evolveDisposal,
};

type Gathered = Map<string, Awaited<ReturnType<CommandPipeline['load']>>>;

/**
 * A batch under one berita acara: the batch's stream (new: a BA number used before is 409) and
 * `disposed` / `transferred_static` on every item, in one appendMany with each stream's expected
 * revision, so the batch is recorded whole or not at all (atomic on the embedded store).
 */
@Injectable()
export class DisposalCommandHandler {
  private readonly pipeline: CommandPipeline;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DecisionContextSource) private readonly contexts: DecisionContextSource,
    @Inject(CommandMetrics) private readonly metrics: CommandMetrics,
  ) {
    this.pipeline = new CommandPipeline(store);
  }

  execute(request: DisposalRequest): Promise<DisposalOutcomeBody> {
    return this.metrics.counted('disposal_recorded', () =>
      this.run(request).catch((error: unknown) => {
        throw pipelineProblem(
          error,
          ({ streamId }) =>
            new ApiProblem(
              'concurrency-conflict',
              `Berita acara '${request.command.baNumber}' or one of its items changed meanwhile (${streamId}); try again.`,
            ),
        );
      }),
    );
  }

  private async run(request: DisposalRequest): Promise<DisposalOutcomeBody> {
    const { command, principal, idempotency } = request;
    const actor = toActor(principal);
    const ids = idSourceFor(idempotency);
    const metadata: JsonObject = requestMetadata(idempotency, principal.tokenId);
    const streamId = disposalStreamId(command.baNumber);
    let items: Extract<ReturnType<typeof decideDisposal>, { ok: true }>['items'] = [];
    const handled = await this.pipeline.handle<
      { type: 'disposal_recorded'; data: DisposalRecordedData },
      DisposalEvent,
      DisposalState,
      DecisionContext,
      Gathered
    >({
      streamId,
      fold: DISPOSAL_FOLD,
      expectsNew: true,
      tokenId: principal.tokenId,
      request: idempotency,
      idScope: ['disposal'],
      context: await this.contexts.contextFor(actor, request.occurredAt),
      gather: async () =>
        new Map(
          await Promise.all(
            command.itemIds.map(
              async (itemId) => [itemId, await this.pipeline.load(itemStreamId(itemId), ITEM_FOLD)] as const,
            ),
          ),
        ),
      decide: (state, ctx, gathered) => {
        const outcome = decideDisposal(command, state, gathered as never, ctx);
        if (outcome.ok) {
          items = outcome.items;
          return { ok: true, events: [outcome.event] };
        }
        if (!outcome.items) return outcome;
        throw new ApiProblem(outcome.refusal.code, outcome.refusal.message, {
          items: outcome.items.map(({ itemId, refusal }) => ({
            itemId,
            code: refusal.code,
            detail: refusal.message,
          })),
        });
      },
      seal: (decided, chain, ctx) =>
        decided.map((event, index) =>
          sealDisposalEvent(event, {
            eventId: chain.eventIds[index],
            prevRevision: chain.prevRevision,
            prevHash: chain.prevHash,
            occurredAt: ctx.occurredAt,
            recordedAt: ctx.now,
            actor,
            commandId: idempotency?.key ?? null,
          }),
        ),
      companions: (_decided, _state, ctx) => ({
        after: items.map(({ itemId, state, events }) =>
          toStreamAppend(
            itemStreamId(itemId),
            sealEvents(events, {
              itemId,
              ...chainStart(
                state,
                events.map((_, index) => ids(`item:${itemId}`, index)),
              ),
              occurredAt: ctx.occurredAt,
              recordedAt: ctx.now,
              actor,
              commandId: idempotency?.key ?? null,
              correlationId: command.baNumber,
              note: command.note ?? null,
            }),
            metadata,
            state.revision,
          ),
        ),
      }),
    });
    if (handled.replayed) return this.answerAgain(handled.state, ids);
    const positions = handled.results.map((result) => result.position);
    return answerOf(handled.state, streamId, maxPosition(positions));
  }

  /** A request already recorded: answer as the first time, at the highest position it wrote. */
  private async answerAgain(
    state: DisposalState,
    ids: ReturnType<typeof idSourceFor>,
  ): Promise<DisposalOutcomeBody> {
    const mine = new Set(state.itemIds.map((itemId) => ids(`item:${itemId}`, 0)));
    const recorded = await Promise.all(
      state.itemIds.map((itemId) => this.store.readStream(itemStreamId(itemId))),
    );
    const positions = recorded.flat().flatMap((event) => (mine.has(event.eventId) ? [event.position] : []));
    const own = await this.store.readStream(disposalStreamId(state.baNumber));
    return answerOf(
      state,
      disposalStreamId(state.baNumber),
      maxPosition([...own.map((e) => e.position), ...positions]),
    );
  }
}

function answerOf(state: DisposalState, _streamId: string, position: string): DisposalOutcomeBody {
  return {
    disposalId: state.baNumber,
    baNumber: state.baNumber,
    kind: state.kind,
    itemIds: state.itemIds,
    position,
  };
}

const maxPosition = (positions: readonly string[]): string =>
  positions.reduce((max, position) => (comparePositions(position, max) > 0 ? position : max));
