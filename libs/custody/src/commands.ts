import type { ReleaseCodeLookup } from './acknowledgement';
import type { Actor } from './actor';
import type { CustodyEventType } from './events';
import type { CommandOfRoom } from './events/event-room';
import type { CUSTODY_ROOMS } from './events/index';
import type { LocationLookup } from './location';
import type { PartyLookup } from './party';

/**
 * What a caller asks for. Each command is named after the event it tries to record, so the
 * HTTP `type` maps to it one to one. Optional fields default from the item's state.
 */
export type CustodyCommandData = { [T in CustodyEventType]: CommandOfRoom<(typeof CUSTODY_ROOMS)[T]> };

export type CustodyCommandOf<T extends CustodyEventType> = {
  type: T;
  itemId: string;
  data: CustodyCommandData[T];
};
export type CustodyCommand = { [T in CustodyEventType]: CustodyCommandOf<T> }[CustodyEventType];

/** Everything decide needs from outside the stream, handed in so the domain stays pure. */
export interface DecisionContext {
  actor: Actor;
  /** Server time, ISO 8601 UTC. */
  now: string;
  /** When it happened as reported (offline scans arrive late); defaults to `now`. */
  occurredAt: string;
  locations: LocationLookup;
  /** People and units of the directory, for checks that a party is real and active. */
  parties: PartyLookup;
  /** How long a handover offer stays open (JEJAK_HANDOVER_TTL_HOURS); DEFAULT_HANDOVER_TTL_HOURS if absent. */
  handoverTtlHours?: number;
  /** Release codes (kode serah) of the directory; absent, every code is unknown. */
  releaseCodes?: ReleaseCodeLookup;
  /**
   * The open transfer the command's item travels with, when the command comes by the item's own
   * route (a transfer's own steps leave it out): its journey is then recorded on the transfer.
   */
  travellingWith?: TransferRef | null;
}

/** A transfer as a refusal names it. */
export interface TransferRef {
  transferId: string;
  baNumber: string;
}

/** An offer not taken within a day lapses (domain.md "Two-party custody"). */
export const DEFAULT_HANDOVER_TTL_HOURS = 24;
