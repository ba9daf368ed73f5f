import { arrived } from './arrived';
import { collected } from './collected';
import { corrected } from './corrected';
import { delivered } from './delivered';
import { dispatched } from './dispatched';
import { disposed } from './disposed';
import { found } from './found';
import { handoverAccepted } from './handover-accepted';
import { handoverDeclined } from './handover-declined';
import { handoverOffered } from './handover-offered';
import { handoverWithdrawn } from './handover-withdrawn';
import { intakeConfirmed } from './intake-confirmed';
import { intakeRejected } from './intake-rejected';
import { lent } from './lent';
import { loanExtended } from './loan-extended';
import { reappraised } from './reappraised';
import { registered } from './registered';
import { relocated } from './relocated';
import { reportedMissing } from './reported-missing';
import { returned } from './returned';
import { sorted } from './sorted';
import { transferredStatic } from './transferred-static';
import { voided } from './voided';

// Written by scripts/generate-rooms.js from the rooms: do not edit by hand.
/**
 * Every custody event, one room (file) each, in the order of domain.md's table. The event types,
 * their data and command types, the transition and permission tables, the HTTP body's required
 * fields and its mapper are all read from here.
 */
export const CUSTODY_ROOMS = {
  registered,
  collected,
  sorted,
  dispatched,
  handover_offered: handoverOffered,
  handover_accepted: handoverAccepted,
  handover_declined: handoverDeclined,
  handover_withdrawn: handoverWithdrawn,
  arrived,
  delivered,
  intake_confirmed: intakeConfirmed,
  intake_rejected: intakeRejected,
  relocated,
  lent,
  returned,
  loan_extended: loanExtended,
  reported_missing: reportedMissing,
  found,
  reappraised,
  disposed,
  transferred_static: transferredStatic,
  corrected,
  voided,
} as const;

/** Each room is filed under its own type. */
type Filed<R> = { [K in keyof R]: { type: K } };
const _filed: Filed<typeof CUSTODY_ROOMS> = CUSTODY_ROOMS;
