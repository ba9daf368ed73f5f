import type { DecisionContext } from '../commands';
import type { HandoverKind, ItemState, ItemStatus } from '../state';
import { defineEvent } from './event-room';
import { activeParty, handoverTtlMs, hasLapsed, quotedId } from './party-checks';
import { accept, invalid, missingField } from './room-helpers';
import { CUSTODIAN_ANY_ROLE } from './scopes';

/** Courier to courier, on the way. */
const ON_THE_WAY = ['collected', 'sorted', 'in_transit', 'arrived'] as const;
/** The holder (an officer or depot clerk of the place) to a courier: a release for collection. */
const AT_REST = ['registered', 'arrived', 'deposited'] as const;

/**
 * The custodian offers the item to `toCustodianId`, an active person or unit of the directory;
 * custody is unchanged until accepted. When the holder is a unit (the item rests at its place),
 * the offer is a release to a courier, and the courier's acceptance is recorded as `collected`.
 * The offer lapses at `expiresAt` (kept in the event, so replay does not depend on the config).
 */
export const handoverOffered = defineEvent<
  'handover_offered',
  { toCustodianId: string; locationId?: string },
  {
    fromCustodianId: string;
    toCustodianId: string;
    locationId: string | null;
    /** Absent in offers recorded before offers lapsed (they never lapse). */
    expiresAt?: string;
    /** Absent in offers recorded before releases (a courier-to-courier handover). */
    kind?: HandoverKind;
  }
>({
  type: 'handover_offered',
  word: 'Serah terima ditawarkan',
  allowedFrom: [...new Set<ItemStatus>([...ON_THE_WAY, ...AT_REST])],
  travelsWithTransfer: true,
  grants: CUSTODIAN_ANY_ROLE,
  fields: { toCustodianId: { kind: 'text' }, locationId: { kind: 'location', optional: true } },
  decide(command, state, ctx) {
    const pending = state.pendingHandover;
    if (pending && !hasLapsed(pending, ctx.occurredAt)) {
      const until = pending.expiresAt ? ` until ${pending.expiresAt}` : '';
      return invalid(
        'handover_offered',
        state.status,
        `a handover to '${pending.toCustodianId}' is already pending${until}; it must be accepted, declined or withdrawn first`,
      );
    }
    const to = command.data.toCustodianId;
    const party = activeParty('toCustodianId', to, ctx);
    if (!party.ok) return party;
    if (to === state.custodianId)
      return missingField('toCustodianId', 'is already the custodian of the item');
    const kind = kindOf(state, ctx);
    if (kind === null) {
      return invalid(
        'handover_offered',
        state.status,
        `the item is held by ${quotedId(state.custodianId)}: only a courier hands it on here`,
      );
    }
    if (kind === 'release') {
      if (party.party.kind !== 'person' || party.party.role !== 'courier') {
        return missingField('toCustodianId', `must be a courier: the holder releases the item to a courier`);
      }
      if (command.data.locationId !== undefined && command.data.locationId !== state.locationId) {
        return missingField('locationId', `must be where the item is ('${state.locationId}')`);
      }
    }
    const data = {
      fromCustodianId: state.custodianId,
      toCustodianId: to,
      locationId: kind === 'release' ? state.locationId : (command.data.locationId ?? state.locationId),
      expiresAt: new Date(Date.parse(ctx.occurredAt) + handoverTtlMs(ctx)).toISOString(),
      kind,
    };
    return accept({ type: 'handover_offered', data });
  },
  evolve: (state, event) => ({
    ...state,
    pendingHandover: {
      fromCustodianId: event.data.fromCustodianId,
      toCustodianId: event.data.toCustodianId,
      offeredAt: event.occurredAt,
      eventId: event.eventId,
      offeredById: event.actor.id,
      expiresAt: event.data.expiresAt ?? null,
      kind: event.data.kind ?? 'handover',
      locationId: event.data.locationId,
    },
  }),
});

/**
 * A courier (a person) on the way hands over to another party; a unit holding the item at its own
 * place releases it to a courier. Anything else (a unit holding an item elsewhere, a person
 * holding one at rest) is not a handover the table allows.
 */
function kindOf(state: ItemState, ctx: DecisionContext): HandoverKind | null {
  const heldByUnit = ctx.locations(state.custodianId) !== undefined;
  if (!heldByUnit) return (ON_THE_WAY as readonly ItemStatus[]).includes(state.status) ? 'handover' : null;
  const atItsPlace = state.locationId === state.custodianId;
  return atItsPlace && (AT_REST as readonly ItemStatus[]).includes(state.status) ? 'release' : null;
}

/** The statuses a pending handover can be answered in (accepted or declined). */
export const HANDOVER_STATUSES: readonly ItemStatus[] = handoverOffered.allowedFrom;
