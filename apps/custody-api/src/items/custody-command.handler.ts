import { Inject, Injectable } from '@nestjs/common';
import {
  decide,
  decodeCustodyEvent,
  evolve,
  itemStreamId,
  sealEvents,
  type CustodyCommand,
  type CustodyEvent,
  type DecidedEvent,
  type DecisionContext,
  type ItemState,
  type ReleaseCodeLookup,
} from '@jejak/custody';
import {
  CommandPipeline,
  EVENT_STORE,
  type EventStore,
  type IdempotentRequest,
  type StreamFold,
} from '@jejak/event-store';
import { toActor, type Principal, ShortCodeStore, type SignatureImage } from '@jejak/directory';
import { AcknowledgementEvidence, givenCode, withReleaseCodes } from '../common/acknowledgement-evidence';
import { DecisionContextSource } from '../common/decision-context.source';
import { pipelineProblem } from '../common/pipeline-problem';
import { ApiProblem } from '../common/problem';
import { CommandMetrics } from '../metrics/command-metrics';
import { TransferMembership } from '../transfers/transfer-membership';
import { ItemStateCache } from './item-state.cache';

export { refusalToProblem } from '../common/pipeline-problem';

export interface CustodyRequest {
  command: CustodyCommand;
  principal: Principal;
  occurredAt?: string;
  expectedRevision?: number;
  note?: string;
  correlationId?: string;
  idempotency?: IdempotentRequest;
  /** The drawn signature whose hash the command's acknowledgement carries, kept once it is recorded. */
  signature?: SignatureImage;
}

export interface CustodyOutcome {
  itemId: string;
  eventId: string;
  type: string;
  revision: number;
  position: string;
}

/** How an item stream folds: the domain's evolve over events decoded from the store. */
export const ITEM_FOLD: StreamFold<CustodyEvent, ItemState> = { decode: decodeCustodyEvent, evolve };

/** A custody command for the handler; `execute` answers its outcome. */
export class CustodyCommandMessage {
  constructor(readonly request: CustodyRequest) {}
}

/** The item command through the pipeline: the domain's decide, sealed on the item's stream. */
@Injectable()
export class CustodyCommandHandler {
  /** Saves reading and replaying the whole stream on every command to a recently written item. */
  private readonly states = new ItemStateCache();
  private readonly pipeline: CommandPipeline;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(DecisionContextSource) private readonly contexts: DecisionContextSource,
    @Inject(CommandMetrics) private readonly metrics: CommandMetrics,
    @Inject(ShortCodeStore) private readonly shortCodes: ShortCodeStore,
    @Inject(AcknowledgementEvidence) private readonly evidence: AcknowledgementEvidence,
    @Inject(TransferMembership) private readonly transfers: TransferMembership,
  ) {
    this.pipeline = new CommandPipeline(store);
  }

  execute({ request }: CustodyCommandMessage): Promise<CustodyOutcome> {
    return this.metrics.counted(request.command.type, () =>
      this.record(request).catch((error: unknown) => {
        throw pipelineProblem(error, ({ expected, actual }) =>
          conflict(request.command.itemId, expected, actual),
        );
      }),
    );
  }

  private async record(request: CustodyRequest): Promise<CustodyOutcome> {
    const { command, principal } = request;
    const actor = toActor(principal);
    // One number per request, taken only once the registration is decided (retries reuse it).
    let code: string | undefined;
    // A store over the network takes its number now: the decision's assign is synchronous.
    const occurredAt = request.occurredAt ?? new Date().toISOString();
    if (command.type === 'registered' && Number.isFinite(Date.parse(occurredAt))) {
      await this.shortCodes.reserve([{ originUnitId: command.data.originUnitId, occurredAt }]);
    }
    const assign = (ctx: DecisionContext): string =>
      this.shortCodes.assign(command.type === 'registered' ? command.data.originUnitId : '', ctx.occurredAt);
    const givenReleaseCode = givenCode(command.data);
    const handled = await this.pipeline.handle<
      DecidedEvent,
      CustodyEvent,
      ItemState,
      DecisionContext,
      ReleaseCodeLookup
    >({
      streamId: itemStreamId(command.itemId),
      fold: ITEM_FOLD,
      cache: this.states,
      expectsNew: command.type === 'registered',
      expectedRevision: request.expectedRevision,
      tokenId: principal.tokenId,
      request: request.idempotency,
      context: await this.contexts.contextFor(actor, request.occurredAt, {
        travellingWith: await this.transfers.travellingWith(command),
      }),
      // The kode serah is read before each decision and bound after it holds, before the append.
      gather: () => this.evidence.gather(givenReleaseCode),
      decide: (state, ctx, codes) =>
        withShortCode(decide(command, state, withReleaseCodes(ctx, codes)), () => (code ??= assign(ctx))),
      settle: (decided, _state, ctx) =>
        this.evidence.settle(decided, {
          code: givenReleaseCode,
          image: request.signature,
          actorId: actor.id,
          at: ctx.occurredAt,
        }),
      seal: (decided, chain, ctx) =>
        sealEvents(decided, {
          itemId: command.itemId,
          ...chain,
          occurredAt: ctx.occurredAt,
          recordedAt: ctx.now,
          actor,
          commandId: request.idempotency?.key ?? null,
          correlationId: request.correlationId ?? null,
          note: request.note ?? null,
        }),
    });
    if (handled.replayed) {
      const event = decodeCustodyEvent(handled.last.data);
      const { revision, position } = handled.last;
      return { itemId: event.itemId, eventId: event.eventId, type: event.type, revision, position };
    }
    const last = handled.events[handled.events.length - 1];
    const { revision, position } = handled.results[0];
    return { itemId: command.itemId, eventId: last.eventId, type: last.type, revision, position };
  }
}

/** A decided registration gets its short code here: in its event, so a replay shows it. */
export function withShortCode(
  decision: ReturnType<typeof decide>,
  code: () => string,
): ReturnType<typeof decide> {
  if (!decision.ok) return decision;
  const events = decision.events.map((event) =>
    event.type === 'registered' && event.data.shortCode === undefined
      ? { ...event, data: { ...event.data, shortCode: code() } }
      : event,
  );
  return { ...decision, events };
}

function conflict(itemId: string, expected: number, actual: number): ApiProblem {
  return new ApiProblem(
    'concurrency-conflict',
    `Item '${itemId}' is at revision ${actual}, not the expected ${expected}; reload it and try again.`,
    { expectedRevision: expected, actualRevision: actual },
  );
}
