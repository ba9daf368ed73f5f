import { Inject, Injectable } from '@nestjs/common';
import {
  decideTransferProcess,
  decodeTransferEvent,
  describeManifestProblems,
  itemStreamId,
  manifestOf,
  sealEvents,
  sealTransferEvents,
  transferStreamId,
  type DecidedTransferEvent,
  type DecisionContext,
  type ItemStep,
  type ManifestItem,
  type ManifestProblem,
  type Refusal,
  type ReleaseCodeLookup,
  type TransferCommand,
  type TransferEvent,
  type TransferProcessOutcome,
  type TransferState,
} from '@jejak/custody';
import {
  CommandPipeline,
  EVENT_STORE,
  chainStart,
  comparePositions,
  idSourceFor,
  requestMetadata,
  toStreamAppend,
  type EventStore,
  type Handled,
  type IdempotentRequest,
  type IdSource,
  type JsonObject,
  type StreamAppend,
} from '@jejak/event-store';
import { toActor, type Principal, type SignatureImage } from '@jejak/directory';
import { AcknowledgementEvidence, givenCode, withReleaseCodes } from '../common/acknowledgement-evidence';
import { DecisionContextSource } from '../common/decision-context.source';
import { pipelineProblem } from '../common/pipeline-problem';
import { ApiProblem } from '../common/problem';
import { ITEM_FOLD } from '../items/custody-command.handler';
import { CommandMetrics } from '../metrics/command-metrics';
import {
  BA_NUMBER_CLAIM_PREFIX,
  baNumberClaimEvent,
  baNumberClaimStreamId,
  lastBaNumberClaimant,
} from './ba-number-claims';
import { claimEvent, lastClaimant, MANIFEST_CLAIM_PREFIX, manifestClaimStreamId } from './manifest-claims';
import { TRANSFER_FOLD } from './transfer-fold';

export interface TransferRequest {
  command: TransferCommand;
  principal: Principal;
  occurredAt?: string;
  /** Kept on the transfer event and on every item event it mirrors. */
  note?: string;
  idempotency?: IdempotentRequest;
  /** collected: the drawn signature whose hash the release carries, kept once it is recorded. */
  signature?: SignatureImage;
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

export class TransferCommandMessage {
  constructor(readonly request: TransferRequest) {}
}

/** The manifest items as the store holds them now, with the revision of each one's claim stream. */
type Manifest = Map<string, ManifestItem & { claimRevision: number }>;

/** What a step reads besides the transfer: its items and, at creation, its BA number's claim. */
interface Gathered {
  manifest: Manifest;
  baNumber: { takenBy: string | null; claimRevision: number } | null;
  /** The kode serah the command carries, judged by the decision (AcknowledgementEvidence). */
  releaseCodes: ReleaseCodeLookup;
}

/**
 * The transfer command through the pipeline: decide on the transfer stream, and record the decided
 * event together with its mirror on every item of the manifest (or, at creation, the items' claims)
 * in one appendMany with the expected revision of every stream. Any item the domain refuses refuses
 * the whole request, so a transfer and its items never disagree.
 */
@Injectable()
export class TransferCommandHandler {
  private readonly pipeline: CommandPipeline;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DecisionContextSource) private readonly contexts: DecisionContextSource,
    @Inject(CommandMetrics) private readonly metrics: CommandMetrics,
    @Inject(AcknowledgementEvidence) private readonly evidence: AcknowledgementEvidence,
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
    const ids = idSourceFor(idempotency);
    const metadata = requestMetadata(idempotency, principal.tokenId);
    let decided: Extract<TransferProcessOutcome, { ok: true }> | null = null;
    const givenReleaseCode = givenCode(command.data);
    const handled = await this.pipeline.handle<
      DecidedTransferEvent,
      TransferEvent,
      TransferState,
      DecisionContext,
      Gathered
    >({
      streamId: transferStreamId(command.transferId),
      fold: TRANSFER_FOLD,
      tokenId: principal.tokenId,
      request: idempotency,
      idScope: ['transfer'],
      context: await this.contexts.contextFor(actor, request.occurredAt),
      gather: async (state) => ({
        manifest: await this.readManifest(command, state),
        baNumber: await this.readBaNumberClaim(command),
        releaseCodes: await this.evidence.gather(givenReleaseCode),
      }),
      decide: (state, ctx, { manifest, baNumber, releaseCodes }) => {
        const takenBy = baNumber?.takenBy ?? null;
        const decisionContext = withReleaseCodes(ctx, releaseCodes);
        const outcome = decideTransferProcess(
          command,
          state,
          manifest,
          decisionContext,
          request.note,
          takenBy,
        );
        if (outcome.ok) {
          decided = outcome;
          return { ok: true, events: outcome.events };
        }
        if (outcome.refused === 'transfer' && takenBy !== null && outcome.refusal.code === 'already-exists') {
          throw new ApiProblem('already-exists', `${outcome.refusal.message}.`, { transferId: takenBy });
        }
        if (outcome.refused === 'transfer') return outcome;
        throw outcome.refused === 'manifest'
          ? manifestProblem(outcome.problems)
          : itemsRefused(command.transferId, outcome.items);
      },
      // The release's code is bound and its signature kept only for a decision that holds.
      settle: (events, _state, ctx) =>
        this.evidence.settle(events, {
          code: givenReleaseCode,
          image: request.signature,
          actorId: actor.id,
          at: ctx.occurredAt,
        }),
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
      companions: (_decided, _state, ctx, { manifest, baNumber }) =>
        command.type === 'transfer_created'
          ? {
              before: [
                ...claims(command.transferId, manifest, ids, metadata),
                baNumberClaim(command.transferId, command.data.baNumber, baNumber, ids, metadata),
              ],
            }
          : {
              after: (decided?.items ?? []).map((item) =>
                itemAppend(item, command.transferId, ctx, ids, metadata, idempotency?.key ?? null),
              ),
            },
    });
    return handled.replayed ? this.answerAgain(handled, ids) : answer(handled);
  }

  /** The manifest's items (and at creation their claims and claimants), read for the process. */
  private async readManifest(command: TransferCommand, state: TransferState | null): Promise<Manifest> {
    const creating = command.type === 'transfer_created';
    const entries = await Promise.all(
      manifestOf(command, state).map(async (itemId) => {
        const [item, claimStream] = await Promise.all([
          this.pipeline.load(itemStreamId(itemId), ITEM_FOLD),
          creating ? this.store.readStream(manifestClaimStreamId(itemId)) : Promise.resolve([]),
        ]);
        const claimedBy = lastClaimant(claimStream);
        const claimant = claimedBy
          ? await this.pipeline.load(transferStreamId(claimedBy), TRANSFER_FOLD)
          : null;
        return [itemId, { state: item, claimedBy, claimant, claimRevision: claimStream.length - 1 }] as const;
      }),
    );
    return new Map(entries);
  }

  /** At creation: the transfer that holds the BA number already (null when none or it lapsed). */
  private async readBaNumberClaim(command: TransferCommand): Promise<Gathered['baNumber']> {
    if (command.type !== 'transfer_created' || typeof command.data?.baNumber !== 'string') return null;
    const stream = await this.store.readStream(baNumberClaimStreamId(command.data.baNumber));
    const claimant = lastBaNumberClaimant(stream);
    const holder = claimant ? await this.pipeline.load(transferStreamId(claimant), TRANSFER_FOLD) : null;
    return { takenBy: holder ? claimant : null, claimRevision: stream.length - 1 };
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
    // The manifest, and the unexpected items an intake may have recorded on too.
    const itemIds = [...new Set([...state.itemIds, ...(state.intake ?? []).map((result) => result.itemId)])];
    const mine = new Set(
      itemIds.flatMap((itemId) =>
        Array.from({ length: MAX_EVENTS_PER_STREAM }, (_, index) => ids(`item:${itemId}`, index)),
      ),
    );
    const itemEvents = await Promise.all(
      itemIds.map((itemId) => this.store.readStream(itemStreamId(itemId))),
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

const isClaim = (append: StreamAppend): boolean =>
  append.streamId.startsWith(MANIFEST_CLAIM_PREFIX) || append.streamId.startsWith(BA_NUMBER_CLAIM_PREFIX);

const maxPosition = (positions: readonly string[]): string =>
  positions.reduce((max, position) => (comparePositions(position, max) > 0 ? position : max));

/** 404 when the manifest's only fault is ids that name no item, as for any unknown item; else 409. */
function manifestProblem(problems: ManifestProblem[]): ApiProblem {
  const code = problems.every((problem) => problem.reason === 'not-found')
    ? 'not-found'
    : 'invalid-transition';
  return new ApiProblem(code, describeManifestProblems(problems), { items: problems });
}

function itemsRefused(transferId: string, refused: { itemId: string; refusal: Refusal }[]): ApiProblem {
  const [first] = refused;
  const detail = refused.map(({ itemId, refusal }) => `item '${itemId}': ${refusal.message}`);
  return new ApiProblem(
    first.refusal.code,
    `Transfer '${transferId}' cannot record this on every item of its manifest: ${detail.join('; ')}.`,
    {
      items: refused.map(({ itemId, refusal }) => ({
        itemId,
        code: refusal.code,
        detail: refusal.message,
      })),
    },
  );
}

/**
 * At creation, a claim on every manifest item, expecting its claim stream's revision: two transfers
 * racing for one item both expect the same one, so only one append can win. In item order, so two
 * rivals reach their first shared item first and one of them stops there.
 */
function claims(transferId: string, manifest: Manifest, ids: IdSource, metadata: JsonObject): StreamAppend[] {
  const inOrder = [...manifest.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return inOrder.map(([itemId, { claimRevision }]) => ({
    streamId: manifestClaimStreamId(itemId),
    events: [{ ...claimEvent(ids(`claim:${itemId}`, 0), itemId, transferId), metadata }],
    expectedRevision: claimRevision < 0 ? 'no_stream' : claimRevision,
  }));
}

/** At creation, the claim on the BA number, expecting its claim stream's revision (see ba-number-claims). */
function baNumberClaim(
  transferId: string,
  baNumber: string,
  claim: Gathered['baNumber'],
  ids: IdSource,
  metadata: JsonObject,
): StreamAppend {
  const revision = claim?.claimRevision ?? -1;
  return {
    streamId: baNumberClaimStreamId(baNumber),
    events: [{ ...baNumberClaimEvent(ids('claim:ba-number', 0), baNumber, transferId), metadata }],
    expectedRevision: revision < 0 ? 'no_stream' : revision,
  };
}

/** The step's mirror on one item, sealed onto the item's own chain. */
function itemAppend(
  step: ItemStep,
  transferId: string,
  ctx: DecisionContext,
  ids: IdSource,
  metadata: JsonObject,
  commandId: string | null,
): StreamAppend {
  const sealed = sealEvents(step.events, {
    itemId: step.itemId,
    ...chainStart(
      step.state,
      step.events.map((_, index) => ids(`item:${step.itemId}`, index)),
    ),
    occurredAt: ctx.occurredAt,
    recordedAt: ctx.now,
    actor: ctx.actor,
    commandId,
    correlationId: transferId,
    note: step.note,
  });
  return toStreamAppend(
    itemStreamId(step.itemId),
    sealed,
    metadata,
    step.state ? step.state.revision : 'no_stream',
  );
}
