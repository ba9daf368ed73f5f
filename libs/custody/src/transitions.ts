import type { CustodyEventType } from './events';
import { ITEM_STATUSES, TERMINAL_STATUSES, type ItemStatus } from './state';

const NON_TERMINAL = ITEM_STATUSES.filter((status) => !TERMINAL_STATUSES.includes(status));

/**
 * The "allowed from" column of domain.md's custody table. Further conditions (a depot, a
 * sorting point, a pending handover, retention) are checked by decide on top of this.
 */
export const ALLOWED_FROM: Record<Exclude<CustodyEventType, 'registered'>, readonly ItemStatus[]> = {
  collected: ['registered', 'arrived', 'deposited'],
  sorted: ['collected', 'arrived'],
  dispatched: ['collected', 'sorted'],
  handover_offered: ['collected', 'sorted', 'in_transit', 'arrived'],
  handover_accepted: ['collected', 'sorted', 'in_transit', 'arrived'],
  handover_declined: ['collected', 'sorted', 'in_transit', 'arrived'],
  arrived: ['in_transit'],
  delivered: ['arrived', 'in_transit'],
  intake_confirmed: ['arrived'],
  intake_rejected: ['arrived'],
  relocated: ['deposited'],
  lent: ['deposited'],
  returned: ['on_loan'],
  reported_missing: NON_TERMINAL,
  found: ['missing'],
  disposed: ['deposited'],
  transferred_static: ['deposited'],
  corrected: ITEM_STATUSES,
};

/** The wording every invalid-transition refusal uses, so the edge's `detail` names both. */
export function transitionMessage(type: CustodyEventType, status: ItemStatus, reason?: string): string {
  const base = `cannot record '${type}' on an item in status '${status}'`;
  return reason ? `${base}: ${reason}` : base;
}
