import type {
  Acknowledgement,
  AcknowledgementGiven,
  ReleaseCodeRefusal,
  ReleaseCodeVerdict,
} from '../acknowledgement';
import type { DecisionContext } from '../commands';
import { refuse, type Refusal } from '../refusal';

/** Who must acknowledge: the holder releasing the item at its place, or the addressee unit receiving it. */
export interface AcknowledgingParty {
  placeId: string;
  act: 'release' | 'receipt';
}

export type Acknowledged = { ok: true; acknowledgement: Acknowledgement } | { ok: false; refusal: Refusal };

const CODE_REFUSALS: Record<ReleaseCodeRefusal, (placeId: string, at: string) => string> = {
  unknown: (placeId) => `the kode serah is not one issued for '${placeId}'`,
  expired: (placeId, at) => `the kode serah for '${placeId}' had expired by ${at}; ask for a new one`,
  'used-by-another-courier': (placeId) =>
    `the kode serah for '${placeId}' is already used by another courier`,
  'not-yet-issued': (placeId, at) => `the kode serah for '${placeId}' was issued after ${at}`,
};

/**
 * The other party's acknowledgement as the event records it, or why it does not count (403): an
 * account only when the request is that party's own (an officer or depot clerk of the place, never
 * the courier taking or handing over the item); a code issued for that place, judged at the
 * event's time and belonging to the first courier who used it; a drawn signature with a name.
 */
export function acknowledgementOf(
  given: AcknowledgementGiven,
  party: AcknowledgingParty,
  ctx: Pick<DecisionContext, 'actor' | 'occurredAt' | 'releaseCodes'>,
): Acknowledged {
  const { placeId } = party;
  switch (given.method) {
    case 'account': {
      const { actor } = ctx;
      if (actor.role !== 'courier' && actor.role !== 'auditor' && actor.unitId === placeId) {
        return { ok: true, acknowledgement: { method: 'account', byId: actor.id, placeId } };
      }
      const message =
        party.act === 'release'
          ? `a courier cannot release an item to themselves: the holder at '${placeId}' offers it (handover_offered), shows a kode serah, or signs`
          : `only an officer of '${placeId}' acknowledges by account; a courier gives the unit's kode serah or its signature`;
      return refuse('forbidden', message, [{ field: 'acknowledgement.method', message }]);
    }
    case 'code': {
      const query = { code: given.code, placeId, courierId: ctx.actor.id, at: ctx.occurredAt };
      const verdict: ReleaseCodeVerdict = ctx.releaseCodes?.(query) ?? { valid: false, reason: 'unknown' };
      if (!verdict.valid) return releaseCodeRefused(verdict.reason, placeId, ctx.occurredAt);
      return { ok: true, acknowledgement: { method: 'code', byId: verdict.issuedBy, placeId } };
    }
    case 'signature':
      return {
        ok: true,
        acknowledgement: {
          method: 'signature',
          byId: null,
          placeId,
          name: given.name,
          ...(given.nip !== undefined ? { nip: given.nip } : {}),
          signatureHash: given.signatureHash,
        },
      };
  }
}

/** 403 naming why a kode serah does not count (the field's message is the reason's name). */
export function releaseCodeRefused(reason: ReleaseCodeRefusal, placeId: string, at: string) {
  const message = CODE_REFUSALS[reason](placeId, at);
  return refuse('forbidden', message, [{ field: 'acknowledgement.code', message: reason }]);
}
