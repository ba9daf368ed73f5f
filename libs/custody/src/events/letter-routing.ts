import type { DecisionContext } from '../commands';
import type { Refusal } from '../refusal';
import type { ItemState } from '../state';
import { missingField } from './room-helpers';

/**
 * A letter travels only toward its addressee unit or a sorting point (domain.md: sorted,
 * dispatched): anywhere else is a misroute, refused before it happens (400 on destinationId).
 */
export function letterMisroute(
  state: ItemState,
  destinationId: string,
  ctx: Pick<DecisionContext, 'locations'>,
): { ok: false; refusal: Refusal } | null {
  const { kind, addresseeUnitId } = state.description;
  if (kind !== 'letter' || !addresseeUnitId || destinationId === addresseeUnitId) return null;
  if (ctx.locations(destinationId)?.type === 'sorting_point') return null;
  return missingField(
    'destinationId',
    `'${destinationId}' is neither the letter's addressee unit ('${addresseeUnitId}') nor a sorting point`,
  );
}
