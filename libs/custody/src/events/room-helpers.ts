import type { ItemStatus } from '../state';
import { refuse, type Decision } from '../refusal';
import type { Storage } from '../item';

/** The wording every invalid-transition refusal uses, so the edge's `detail` names both. */
export function transitionMessage(type: string, status: ItemStatus, reason?: string): string {
  const base = `cannot record '${type}' on an item in status '${status}'`;
  return reason ? `${base}: ${reason}` : base;
}

export const accept = <E>(event: E): Decision<E> => ({ ok: true, events: [event] });

/** The event's own condition does not hold for the item as it is: 409 invalid-transition. */
export const invalid = (type: string, status: ItemStatus, reason: string) =>
  refuse('invalid-transition', transitionMessage(type, status, reason));

/** A field the item's state cannot stand in for: 422 validation-failed naming it. */
export const missingField = (field: string, message: string) =>
  refuse('validation-failed', `${field} ${message}`, [{ field, message }]);

/** Only the known storage fields, without undefined members: what is hashed is what is stored. */
export function pickStorage(storage: Storage): Storage {
  return {
    room: storage.room,
    ...(storage.shelf !== undefined ? { shelf: storage.shelf } : {}),
    ...(storage.box !== undefined ? { box: storage.box } : {}),
  };
}
