import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import {
  decide,
  deterministicEventId,
  evolve,
  GENESIS_HASH,
  itemStreamId,
  replay,
  sealEvents,
  validateOccurredAt,
  type CustodyCommand,
  type CustodyEvent,
  type MaybeItemState,
  type Refusal,
} from '@jejak/custody';
import {
  DuplicateEventIdError,
  EVENT_STORE,
  WrongExpectedRevisionError,
  type EventStore,
  type RecordedEvent,
} from '@jejak/event-store';
import { toActor, type Principal, LocationRepository } from '@jejak/directory';
import { ApiProblem } from '../common/problem';
import { CommandMetrics } from '../metrics/command-metrics';
import { ItemStateCache } from './item-state.cache';

export interface CustodyRequest {
  command: CustodyCommand;
  principal: Principal;
  occurredAt?: string;
  expectedRevision?: number;
  note?: string;
  correlationId?: string;
  idempotency?: { key: string; requestHash: string };
}

export interface CustodyOutcome {
  itemId: string;
  eventId: string;
  type: string;
  revision: number;
  position: string;
}

/** Retries on a concurrent append when the caller did not pin `expectedRevision`. */
const MAX_ATTEMPTS = 5;

export const refusalToProblem = (refusal: Refusal): ApiProblem =>
  new ApiProblem(refusal.code, refusal.message, refusal.errors ? { errors: refusal.errors } : {});

/** A custody command travelling on the CommandBus; `execute` answers its outcome. */
export class CustodyCommandMessage extends Command<CustodyOutcome> {
  constructor(readonly request: CustodyRequest) {
    super();
  }
}

/**
 * The command side for item streams: load the stream, decide, append with the expected revision.
 * Event ids derive from the Idempotency-Key, so a retried request can never record twice.
 */
@CommandHandler(CustodyCommandMessage)
export class CustodyCommandHandler implements ICommandHandler<CustodyCommandMessage, CustodyOutcome> {
  /** Saves reading and replaying the whole stream on every command to a recently written item. */
  private readonly states = new ItemStateCache();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(LocationRepository) private readonly locations: LocationRepository,
    @Inject(CommandMetrics) private readonly metrics: CommandMetrics,
  ) {}

  async execute({ request }: CustodyCommandMessage): Promise<CustodyOutcome> {
    const { command } = request;
    try {
      const outcome = await this.attempt(request);
      this.metrics.commandRecorded(command.type, 'accepted');
      return outcome;
    } catch (error) {
      this.metrics.commandRecorded(command.type, error instanceof ApiProblem ? error.body.code : 'error');
      throw error;
    }
  }

  private async attempt(request: CustodyRequest): Promise<CustodyOutcome> {
    const { command, principal } = request;
    const streamId = itemStreamId(command.itemId);
    const eventIdFor = (index: number): string =>
      request.idempotency
        ? deterministicEventId(`${principal.tokenId}|${request.idempotency.key}|${index}`)
        : randomUUID();
    const firstEventId = eventIdFor(0);

    // Optimistic first: a cached state (or, for a registration, "no stream yet") skips reading the
    // stream and is validated by the append's expected revision. Any answer but success is given
    // only from a fresh read, so answers are those of reading the stream every time.
    let optimistic = true;
    for (let attempt = 1; ;) {
      const cached = optimistic ? this.states.get(command.itemId) : undefined;
      const fromCache =
        optimistic &&
        (cached !== undefined
          ? !(request.idempotency && cached.eventIds.includes(firstEventId))
          : command.type === 'registered');
      let state: MaybeItemState;
      if (fromCache) {
        state = cached ?? null;
      } else {
        const recorded = await this.store.readStream(streamId);
        const earlier =
          request.idempotency && this.findEarlier(recorded, firstEventId, request.idempotency.requestHash);
        if (earlier) return earlier;
        state = replay(recorded.map((r) => r.data as unknown as CustodyEvent));
      }
      const readAgain = (): boolean => {
        if (!fromCache) return false;
        this.states.delete(command.itemId);
        optimistic = false;
        return true;
      };

      if (request.expectedRevision !== undefined && state && state.revision !== request.expectedRevision) {
        if (readAgain()) continue;
        throw this.conflict(command.itemId, request.expectedRevision, state.revision);
      }
      const now = new Date().toISOString();
      // Stored times are UTC with milliseconds, so an offline scan sent as +07:00 sorts with the rest.
      const when = validateOccurredAt(request.occurredAt, now);
      if (!when.ok) throw refusalToProblem(when.refusal);
      const decision = decide(command, state, {
        actor: toActor(principal),
        now,
        occurredAt: when.value,
        locations: this.locations.lookup,
      });
      if (!decision.ok) {
        if (readAgain()) continue;
        throw refusalToProblem(decision.refusal);
      }

      const sealed = sealEvents(decision.events, {
        itemId: command.itemId,
        eventIds: decision.events.map((_, index) => (index === 0 ? firstEventId : eventIdFor(index))),
        prevRevision: state ? state.revision : -1,
        prevHash: state ? state.headHash : GENESIS_HASH,
        occurredAt: when.value,
        recordedAt: now,
        actor: toActor(principal),
        commandId: request.idempotency?.key ?? null,
        correlationId: request.correlationId ?? null,
        note: request.note ?? null,
      });
      const metadata = { requestHash: request.idempotency?.requestHash ?? null, tokenId: principal.tokenId };
      const toAppend = sealed.map((event) => ({
        eventId: event.eventId,
        type: event.type,
        data: { ...event },
        metadata,
      }));
      try {
        const result = await this.store.append(streamId, toAppend, state ? state.revision : 'no_stream');
        this.remember(state, toAppend);
        const last = sealed[sealed.length - 1];
        return {
          itemId: command.itemId,
          eventId: last.eventId,
          type: last.type,
          revision: result.revision,
          position: result.position,
        };
      } catch (error) {
        this.states.delete(command.itemId);
        const raced = error instanceof DuplicateEventIdError || error instanceof WrongExpectedRevisionError;
        if (raced && readAgain()) continue;
        if (error instanceof DuplicateEventIdError) {
          throw new ApiProblem(
            'idempotency-key-reused',
            'This Idempotency-Key was used for another request.',
          );
        }
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        if (request.expectedRevision !== undefined || attempt >= MAX_ATTEMPTS) {
          throw this.conflict(
            command.itemId,
            request.expectedRevision ?? state?.revision ?? -1,
            error.actual,
          );
        }
        attempt++;
      }
    }
  }

  /** The state after an append, from the events as stored (a JSON round trip, as a replay sees them). */
  private remember(state: MaybeItemState, appended: { data: object }[]): void {
    let next = state;
    for (const { data } of appended) next = evolve(next, JSON.parse(JSON.stringify(data)) as CustodyEvent);
    if (next) this.states.set(next.itemId, next);
  }

  /** A retry of a request already recorded: answer as the first time, or refuse a reused key. */
  private findEarlier(
    recorded: RecordedEvent[],
    firstEventId: string,
    requestHash: string,
  ): CustodyOutcome | null {
    const index = recorded.findIndex((r) => r.eventId === firstEventId);
    if (index < 0) return null;
    if (recorded[index].metadata.requestHash !== requestHash) {
      throw new ApiProblem('idempotency-key-reused', 'This Idempotency-Key was used for another request.');
    }
    let last = index;
    while (last + 1 < recorded.length && recorded[last + 1].metadata.requestHash === requestHash) last++;
    const event = recorded[last].data as unknown as CustodyEvent;
    return {
      itemId: event.itemId,
      eventId: event.eventId,
      type: event.type,
      revision: recorded[last].revision,
      position: recorded[last].position,
    };
  }

  private conflict(itemId: string, expected: number, actual: number): ApiProblem {
    return new ApiProblem(
      'concurrency-conflict',
      `Item '${itemId}' is at revision ${actual}, not the expected ${expected}; reload it and try again.`,
      { expectedRevision: expected, actualRevision: actual },
    );
  }
}
