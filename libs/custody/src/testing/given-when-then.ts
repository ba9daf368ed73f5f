import type { Actor } from '../actor';
import type { CustodyCommand, DecisionContext } from '../commands';
import { decide } from '../decide';
import type { CustodyEvent, DecidedEvent } from '../events';
import { GENESIS_HASH, sealEvents } from '../hash-chain';
import type { Decision, RefusalCode } from '../refusal';
import { replay } from '../replay';
import type { ItemState, MaybeItemState } from '../state';
import { ACTORS, context } from './fixtures';

export const GIVEN_ITEM_ID = 'item-1';
/** Events of a `given` history get ids ev-0, ev-1, … so a test can name one. */
export const givenEventId = (index: number): string => `ev-${index}`;

/** A history event, optionally with who recorded it and when (the envelope is filled in). */
export type GivenEvent = DecidedEvent & { actor?: Actor; occurredAt?: string };

/** Seals a history into a stream the way the command handler would, one event per append. */
export function streamOf(history: readonly GivenEvent[], itemId = GIVEN_ITEM_ID): CustodyEvent[] {
  const stream: CustodyEvent[] = [];
  history.forEach(({ actor, occurredAt, ...decided }, index) => {
    const at = occurredAt ?? new Date(Date.UTC(2026, 10, 1, 8, index)).toISOString();
    const [event] = sealEvents([decided], {
      itemId,
      eventIds: [givenEventId(index)],
      prevRevision: index - 1,
      prevHash: stream[index - 1]?.hash ?? GENESIS_HASH,
      occurredAt: at,
      recordedAt: at,
      actor: actor ?? ACTORS.admin,
      commandId: null,
      correlationId: null,
      note: null,
    });
    stream.push(event);
  });
  return stream;
}

/**
 * Emmett-style specification: given a history, when a command is decided, then these events
 * (or this refusal). `thenState` also folds the decided events to check their effect.
 */
export function given(history: readonly GivenEvent[]) {
  const stream = streamOf(history);
  const state: MaybeItemState = replay(stream);
  return {
    state,
    when(command: CustodyCommand, ctx: DecisionContext = context(ACTORS.admin)) {
      const decision: Decision<DecidedEvent> = decide(command, state, ctx);
      return {
        decision,
        then(expected: readonly DecidedEvent[]): void {
          expect(decision).toEqual({ ok: true, events: expected });
        },
        thenRefused(code: RefusalCode, messageFragment?: string | RegExp): void {
          expect(decision).toMatchObject({ ok: false, refusal: { code } });
          if (messageFragment !== undefined && !decision.ok)
            expect(decision.refusal.message).toMatch(messageFragment);
        },
        thenState(expected: Partial<ItemState>): ItemState {
          if (!decision.ok)
            throw new Error(`expected the command to be accepted, got ${JSON.stringify(decision.refusal)}`);
          const next = replay([...stream, ...sealAfter(stream, decision.events, ctx)]);
          expect(next).toMatchObject(expected);
          return next!;
        },
      };
    },
  };
}

function sealAfter(stream: readonly CustodyEvent[], events: readonly DecidedEvent[], ctx: DecisionContext) {
  return sealEvents(events, {
    itemId: GIVEN_ITEM_ID,
    eventIds: events.map((_, index) => `new-${index}`),
    prevRevision: stream.length - 1,
    prevHash: stream[stream.length - 1]?.hash ?? GENESIS_HASH,
    // The handler seals with the time as decide normalised it.
    occurredAt: new Date(ctx.occurredAt).toISOString(),
    recordedAt: ctx.now,
    actor: ctx.actor,
    commandId: null,
    correlationId: null,
    note: null,
  });
}
