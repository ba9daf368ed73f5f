import type { Role } from '../actor';
import type { DecisionContext } from '../commands';
import type { EventEnvelope } from '../event-envelope';
import type { FieldChecks } from '../field-checks';
import type { LocationType } from '../location';
import type { Decision } from '../refusal';
import type { ItemState, ItemStatus, MaybeItemState } from '../state';
import type { Scope } from './scopes';

/** Who may record an event, and on which items (the scope is explained in SCOPE_DESCRIPTIONS). */
export interface Grant {
  role: Role;
  scope: Scope;
}

/** How one field of a command is checked before the item's state is looked at. */
export type FieldSpec =
  | { kind: 'text'; optional?: boolean }
  | { kind: 'location'; optional?: boolean; types?: readonly LocationType[]; inUse?: boolean }
  | { kind: 'storage'; optional?: boolean }
  | { kind: 'instant' }
  | { kind: 'object'; optional?: boolean }
  | { kind: 'acknowledgement' }
  | { kind: 'oneOf'; values: readonly string[]; optional?: boolean };

export interface RoomCommand<T extends string, C> {
  type: T;
  itemId: string;
  data: C;
}
export interface RoomDecided<T extends string, D> {
  type: T;
  data: D;
}
export type RoomEvent<T extends string, D> = EventEnvelope & { type: T; data: D };

/** What every room says, whether its event opens a stream or follows on one. */
interface RoomBase<T extends string> {
  type: T;
  /** What people read for it on screens, documents and messages (web-app.md "Words"). */
  word: string;
  /** Who may record it; the permission table is assembled from these. */
  grants: readonly Grant[];
}

/** The event that opens an item's stream (registered). */
export interface OpeningRoom<T extends string, C, D> extends RoomBase<T> {
  opens: true;
  /** Checks the command's fields (a description has many). */
  checkFields(check: FieldChecks, data: Record<string, unknown>): void;
  decide(
    command: RoomCommand<T, C>,
    state: MaybeItemState,
    ctx: DecisionContext,
  ): Decision<RoomDecided<T, D>>;
  start(event: RoomEvent<T, D>): ItemState;
}

/**
 * An event recorded on an item that exists: one file holds all of its rule. `Also` is another
 * event its decide may record instead (a release accepted is recorded as `collected`).
 */
export interface EventRoom<T extends string, C, D, Also = never> extends RoomBase<T> {
  opens?: false;
  /** The command's own fields as the HTTP body names them, in the order they are checked. */
  fields: { readonly [K in keyof C]-?: FieldSpec };
  /** domain.md's "allowed from" column; further conditions are the room's decide. */
  allowedFrom: readonly ItemStatus[];
  /** Refused as invalid-transition ("no handover is pending") before the status table. */
  needsPendingHandover?: boolean;
  /**
   * A step of the journey a transfer records for its items: refused on the item alone while the
   * item travels with an open transfer (`ctx.travellingWith`), so the transfer and its berita acara
   * never lose track of who holds it.
   */
  travelsWithTransfer?: boolean;
  /** What the scope check needs from the command besides the item (found: where it was found). */
  scopeContext?(data: C): { foundAt?: string };
  /** The event's own conditions, after fields, role, status and scope have passed. */
  decide(
    command: RoomCommand<T, C>,
    state: ItemState,
    ctx: DecisionContext,
  ): Decision<RoomDecided<T, D> | Also>;
  /** The event's effect on the item; bookkeeping (since, revision, hash, ids) is evolve's. */
  evolve(state: ItemState, event: RoomEvent<T, D>): ItemState;
}

export const defineOpening = <T extends string, C, D>(room: OpeningRoom<T, C, D>): OpeningRoom<T, C, D> =>
  room;
export const defineEvent = <T extends string, C, D, Also = never>(
  room: EventRoom<T, C, D, Also>,
): EventRoom<T, C, D, Also> => room;

export type CommandOfRoom<R> =
  R extends EventRoom<string, infer C, unknown, unknown>
    ? C
    : R extends OpeningRoom<string, infer C, unknown>
      ? C
      : never;
export type DataOfRoom<R> =
  R extends EventRoom<string, unknown, infer D, unknown>
    ? D
    : R extends OpeningRoom<string, unknown, infer D>
      ? D
      : never;
