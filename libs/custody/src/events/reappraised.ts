import { FieldChecks } from '../field-checks';
import { DISPOSITIONS, type Disposition, type Retention } from '../item';
import { refuse } from '../refusal';
import { defineEvent } from './event-room';
import { accept, invalid } from './room-helpers';
import { DEPOT_HERE } from './scopes';

/**
 * A `dinilai_kembali` file re-appraised by its depot under a decision (its number and reason): it
 * gets a new disposition, and a new schedule if one is given (else the old one's years are kept).
 * Until then it is neither destroyed nor handed to the static archive.
 */
export const reappraised = defineEvent<
  'reappraised',
  {
    disposition: Disposition;
    retention?: { activeYears: number; inactiveYears: number };
    decisionNumber: string;
    reason: string;
  },
  { previous: Retention; retention: Retention; decisionNumber: string; reason: string }
>({
  type: 'reappraised',
  word: 'Dinilai kembali',
  allowedFrom: ['deposited'],
  grants: DEPOT_HERE,
  fields: {
    disposition: { kind: 'oneOf', values: DISPOSITIONS },
    retention: { kind: 'object', optional: true },
    decisionNumber: { kind: 'text' },
    reason: { kind: 'text' },
  },
  decide(command, state, ctx) {
    const previous = state.description.retention;
    if (previous?.disposition !== 'dinilai_kembali') {
      const has = previous ? `'${previous.disposition}'` : 'not recorded';
      return invalid(
        'reappraised',
        state.status,
        `its retention disposition is ${has}, not 'dinilai_kembali'`,
      );
    }
    const { disposition, retention, decisionNumber, reason } = command.data;
    if (retention !== undefined) {
      const check = new FieldChecks(ctx.locations);
      check.integer('retention.activeYears', retention.activeYears, 0, 100);
      check.integer('retention.inactiveYears', retention.inactiveYears, 0, 100);
      if (check.errors.length > 0)
        return refuse('validation-failed', `invalid 'reappraised': retention years`, check.errors);
    }
    const next: Retention = {
      activeYears: retention?.activeYears ?? previous.activeYears,
      inactiveYears: retention?.inactiveYears ?? previous.inactiveYears,
      disposition,
    };
    return accept({
      type: 'reappraised',
      data: { previous: { ...previous }, retention: next, decisionNumber, reason },
    });
  },
  evolve: (state, event) => ({
    ...state,
    description: { ...state.description, retention: event.data.retention },
  }),
});
