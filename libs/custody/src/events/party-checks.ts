import { DEFAULT_HANDOVER_TTL_HOURS, type DecisionContext } from '../commands';
import type { PartyInfo } from '../party';
import { refuse, type Refusal } from '../refusal';
import type { PendingHandover } from '../state';

/** No id of the directory is longer (libs/http-contract MAX_ID_LENGTH): a longer one names nobody. */
export const MAX_PARTY_ID_LENGTH = 128;

/** How an id is quoted back: a long one by its length only, never echoed whole. */
export function quotedId(id: string): string {
  return id.length > MAX_PARTY_ID_LENGTH ? `an id of ${id.length} characters` : `'${id}'`;
}

/**
 * The active person or unit of the directory that `id` names, or 422 `unknown-party`: a
 * mistyped id (KRR-017 for KRR-0017), a look-alike in another script, NOBODY or a deactivated
 * person never becomes a custodian.
 */
export function activeParty(
  field: string,
  id: string,
  ctx: Pick<DecisionContext, 'parties'>,
): { ok: true; party: PartyInfo } | { ok: false; refusal: Refusal } {
  const party = id.length > MAX_PARTY_ID_LENGTH ? undefined : ctx.parties(id);
  if (party === undefined) {
    const message = `${field} ${quotedId(id)} is not a person or unit of the directory`;
    return refuse('unknown-party', message, [{ field, message: 'no such person or unit' }]);
  }
  if (!party.active) {
    const message = `${field} '${id}' (${party.name}) is deactivated`;
    return refuse('unknown-party', message, [{ field, message: 'deactivated' }]);
  }
  return { ok: true, party };
}

/** The TTL of a new offer, in milliseconds. */
export function handoverTtlMs(ctx: Pick<DecisionContext, 'handoverTtlHours'>): number {
  return (ctx.handoverTtlHours ?? DEFAULT_HANDOVER_TTL_HOURS) * 3_600_000;
}

/**
 * True once the offer's lapse time has come by `at`: when the answer happened as reported (an
 * acceptance scanned offline in time and sent later still counts; a backdated one is marked late
 * in the trail). Offers recorded before offers lapsed have no lapse time and never lapse.
 */
export function hasLapsed(pending: Pick<PendingHandover, 'expiresAt'>, at: string): boolean {
  return pending.expiresAt !== null && Date.parse(at) >= Date.parse(pending.expiresAt);
}
