import type { Actor } from '../actor';
import { canonicalJson } from '../canonical-json';
import type { DecisionContext } from '../commands';
import { FieldChecks } from '../field-checks';
import { ACCEPTED_SECURITY_CLASSES, type ItemDescription } from '../item';
import { refuse, type Decision } from '../refusal';
import { ITEM_STATUSES, type ItemState } from '../state';
import { responsibleDepotId } from './authorize-grants';
import { defineEvent } from './event-room';
import { checkDescription, DESCRIPTION_FIELDS, pickDescription } from './registered';
import { accept, invalid, missingField } from './room-helpers';
import { CUSTODIAN_ANY_ROLE } from './scopes';

type DescriptionField = (typeof DESCRIPTION_FIELDS)[number];
/** A field's value as amended; null removes an optional field. */
export type DescriptionChanges = Partial<Record<DescriptionField, unknown>>;

/** What makes the item what it is, and whose it is: a mistake there is a void and a new registration. */
const FIXED_FIELDS: readonly DescriptionField[] = ['kind', 'originUnitId'];
export const CORRECTABLE_FIELDS = DESCRIPTION_FIELDS.filter((field) => !FIXED_FIELDS.includes(field));

interface CorrectedData {
  /** The earlier event it annotates, if any. */
  correctsEventId?: string;
  reason: string;
  /** The amended fields, each with its new value (null: removed). */
  changes?: DescriptionChanges;
  /** The same fields as they were (null: absent), so the trail shows before → after. */
  before?: DescriptionChanges;
}

/**
 * Amends the item's description (`changes`) or annotates an earlier event (`correctsEventId`), or
 * both, always with a reason; nothing is edited or deleted. A voided item stays as it was voided.
 */
export const corrected = defineEvent<
  'corrected',
  { correctsEventId?: string; changes?: Record<string, unknown>; reason: string },
  CorrectedData
>({
  type: 'corrected',
  word: 'Dikoreksi',
  allowedFrom: ITEM_STATUSES.filter((status) => status !== 'voided'),
  grants: [
    ...CUSTODIAN_ANY_ROLE,
    { role: 'officer', scope: 'origin-unit' },
    { role: 'depot', scope: 'depot-here' },
    { role: 'admin', scope: 'anywhere' },
  ],
  fields: {
    correctsEventId: { kind: 'text', optional: true },
    changes: { kind: 'object', optional: true },
    reason: { kind: 'text' },
  },
  decide(command, state, ctx) {
    const { correctsEventId, changes, reason } = command.data;
    if (correctsEventId === undefined && changes === undefined) {
      return missingField('changes', 'or correctsEventId is required: what the correction amends');
    }
    if (correctsEventId !== undefined && !state.eventIds.includes(correctsEventId)) {
      return missingField('correctsEventId', `names no event of item '${state.itemId}'`);
    }
    const data: CorrectedData = { reason, ...(correctsEventId !== undefined ? { correctsEventId } : {}) };
    if (changes === undefined) return accept({ type: 'corrected', data });
    const amended = amendDescription(changes, state, ctx);
    if (!amended.ok) return amended;
    return accept({ type: 'corrected', data: { ...data, ...amended.events[0] } });
  },
  evolve: (state, event) =>
    event.data.changes
      ? { ...state, description: applyChanges(state.description, event.data.changes) }
      : state,
});

type Amendment = Pick<CorrectedData, 'changes' | 'before'>;

/** The amendment as recorded, or why it is refused: the fields obey registration's rules. */
function amendDescription(
  changes: Record<string, unknown>,
  state: ItemState,
  ctx: DecisionContext,
): Decision<Required<Amendment>> {
  const fields = Object.keys(changes);
  if (fields.length === 0) return missingField('changes', 'names no field to amend');
  const unknown = fields.find((field) => !(DESCRIPTION_FIELDS as readonly string[]).includes(field));
  if (unknown !== undefined) {
    return missingField(
      `changes.${unknown}`,
      `is not a field of the description (${CORRECTABLE_FIELDS.join(', ')})`,
    );
  }
  const fixed = fields.find((field) => FIXED_FIELDS.includes(field as DescriptionField));
  if (fixed !== undefined) {
    return missingField(
      `changes.${fixed}`,
      'cannot be corrected: void the registration (while still at its origin) and register it again',
    );
  }
  const forbidden = amendmentForbidden(ctx.actor, state);
  if (forbidden) return refuse('forbidden', forbidden);
  if ('retention' in changes && state.depositedAt !== null) {
    return invalid(
      'corrected',
      state.status,
      'once deposited, the retention (JRA) changes only by reappraised',
    );
  }
  if ('addresseeUnitId' in changes && state.status !== 'registered') {
    return invalid('corrected', state.status, 'the addressee can be corrected only before the letter leaves');
  }
  const next = pickDescription(applyChanges(state.description, trimmed(changes)));
  const check = new FieldChecks(ctx.locations);
  checkDescription(check, next as unknown as Record<string, unknown>);
  checkLimits(check, next);
  const errors = check.errors
    .filter((error) => fields.some((field) => error.field === field || error.field.startsWith(`${field}.`)))
    .map((error) => ({ field: `changes.${error.field}`, message: error.message }));
  if (errors.length > 0) {
    const summary = errors.map((error) => `${error.field} ${error.message}`).join('; ');
    return refuse('validation-failed', `invalid 'corrected': ${summary}`, errors);
  }
  if (!ACCEPTED_SECURITY_CLASSES.includes(next.securityClass)) {
    return refuse(
      'classified-not-accepted',
      `security class '${next.securityClass}' is not accepted: only ${ACCEPTED_SECURITY_CLASSES.join(' and ')} items may be recorded`,
    );
  }
  const amended: DescriptionChanges = {};
  const before: DescriptionChanges = {};
  for (const field of fields as DescriptionField[]) {
    const from = state.description[field] ?? null;
    const to = next[field] ?? null;
    if (canonicalJson(from) === canonicalJson(to)) continue;
    amended[field] = to;
    before[field] = from;
  }
  if (Object.keys(amended).length === 0)
    return missingField('changes', 'changes nothing: every value is as recorded');
  return accept({ changes: amended, before });
}

/** The bounds POST /api/items puts on the same fields at the edge, so a correction cannot exceed them. */
const TEXT_LIMITS: Partial<Record<DescriptionField, number>> = {
  title: 1000,
  notes: 2000,
  folderNo: 50,
  boxNo: 50,
  letterNumber: 100,
};
const CLASSIFICATION_CODE = /^[0-9A-Za-z][0-9A-Za-z./-]{0,39}$/;

function checkLimits(check: FieldChecks, next: ItemDescription): void {
  for (const [field, limit] of Object.entries(TEXT_LIMITS) as [DescriptionField, number][]) {
    const value = next[field];
    if (typeof value === 'string' && value.length > limit)
      check.fail(field, `must be at most ${limit} characters`);
  }
  if (typeof next.classificationCode === 'string' && !CLASSIFICATION_CODE.test(next.classificationCode)) {
    check.fail('classificationCode', 'must be a kode klasifikasi, e.g. 000.2.3');
  }
}

/** A title is kept as registration keeps it: without surrounding blanks. */
const trimmed = (changes: Record<string, unknown>): Record<string, unknown> =>
  typeof changes.title === 'string' ? { ...changes, title: changes.title.trim() } : changes;

/** Only the keepers of the record amend its description: its unit, its depot, an admin. */
function amendmentForbidden(actor: Actor, state: ItemState): string | null {
  if (actor.role === 'admin') return null;
  if (actor.role === 'officer' && actor.unitId === state.description.originUnitId) return null;
  if (actor.role === 'depot' && actor.unitId !== null && actor.unitId === responsibleDepotId(state))
    return null;
  return "only an officer of the item's origin unit, depot staff of its depot or an admin may amend its description";
}

/** The description with the amended fields; null removes one. */
function applyChanges(description: ItemDescription, changes: DescriptionChanges): ItemDescription {
  const next: Record<string, unknown> = { ...description };
  for (const [field, value] of Object.entries(changes)) {
    if (value === null) delete next[field];
    else next[field] = value;
  }
  return next as unknown as ItemDescription;
}
