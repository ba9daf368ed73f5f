import { FieldChecks } from '../field-checks';
import {
  ACCEPTED_SECURITY_CLASSES,
  COPY_STATUSES,
  DISPOSITIONS,
  ITEM_KINDS,
  QUANTITY_UNITS,
  SECURITY_CLASSES,
  type ItemDescription,
} from '../item';
import { refuse } from '../refusal';
import { roleRefusal, scopeRefusal } from './authorize-grants';
import { defineOpening, type Grant } from './event-room';
import { accept } from './room-helpers';

export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;
// Items originate at a unit (or a depot's own records), never at a sorting point.
const ORIGIN_TYPES = ['dinas', 'kecamatan', 'desa', 'depot'] as const;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const GRANTS = [
  { role: 'officer', scope: 'origin-unit' },
  { role: 'admin', scope: 'anywhere' },
] as const satisfies readonly Grant[];

/** An item enters the system at its origin unit, which holds it. POST /api/items. */
export const registered = defineOpening<
  'registered',
  ItemDescription,
  ItemDescription & { locationId: string; custodianId: string }
>({
  type: 'registered',
  word: 'Didaftarkan',
  opens: true,
  grants: GRANTS,
  checkFields: checkDescription,
  decide(command, state, ctx) {
    if (state !== null) return refuse('already-exists', `item '${command.itemId}' is already registered`);
    const description = pickDescription(command.data);
    if (!ACCEPTED_SECURITY_CLASSES.includes(description.securityClass)) {
      return refuse(
        'classified-not-accepted',
        `security class '${description.securityClass}' is not accepted: only ${ACCEPTED_SECURITY_CLASSES.join(' and ')} items may be recorded`,
      );
    }
    const at = { locations: ctx.locations, description };
    const forbidden =
      roleRefusal('registered', GRANTS, ctx.actor) ?? scopeRefusal('registered', GRANTS, ctx.actor, null, at);
    if (forbidden) return { ok: false, refusal: forbidden };
    const origin = description.originUnitId;
    return accept({ type: 'registered', data: { ...description, locationId: origin, custodianId: origin } });
  },
  start(event) {
    const { locationId, custodianId, ...description } = event.data;
    return {
      itemId: event.itemId,
      description,
      status: 'registered',
      locationId,
      custodianId,
      since: event.occurredAt,
      latestOccurredAt: event.occurredAt,
      pendingHandover: null,
      destinationId: null,
      storage: null,
      loan: null,
      lastKnown: null,
      depotId: null,
      revision: event.revision,
      headHash: event.hash,
      eventIds: [event.eventId],
      depositedAt: null,
    };
  },
});

export function checkDescription(check: FieldChecks, d: Record<string, unknown>): void {
  check.oneOf('kind', d.kind, ITEM_KINDS);
  check.text('title', d.title);
  check.text('classificationCode', d.classificationCode);
  check.oneOf('securityClass', d.securityClass, SECURITY_CLASSES);
  check.location('originUnitId', d.originUnitId, { types: ORIGIN_TYPES, inUse: true });
  check.location('addresseeUnitId', d.addresseeUnitId, { optional: d.kind !== 'letter', inUse: true });
  check.integer('year', d.year, MIN_YEAR, MAX_YEAR, true);
  if (check.object('period', d.period, true)) {
    const period = d.period;
    check.integer('period.from', period.from, MIN_YEAR, MAX_YEAR);
    check.integer('period.to', period.to, MIN_YEAR, MAX_YEAR);
    if (typeof period.from === 'number' && typeof period.to === 'number' && period.from > period.to) {
      check.fail('period', 'period.from must not be after period.to');
    }
  }
  if (check.object('retention', d.retention, true)) {
    const retention = d.retention;
    check.integer('retention.activeYears', retention.activeYears, 0, 100);
    check.integer('retention.inactiveYears', retention.inactiveYears, 0, 100);
    check.oneOf('retention.disposition', retention.disposition, DISPOSITIONS);
  }
  check.oneOf('copyStatus', d.copyStatus, COPY_STATUSES, true);
  if (check.object('quantity', d.quantity, true)) {
    const quantity = d.quantity;
    check.integer('quantity.count', quantity.count, 1, 1_000_000);
    check.oneOf('quantity.unit', quantity.unit, QUANTITY_UNITS);
  }
  for (const field of ['folderNo', 'boxNo', 'notes', 'letterNumber'] as const)
    check.text(field, d[field], true);
  if (d.letterDate !== undefined && (typeof d.letterDate !== 'string' || !ISO_DATE.test(d.letterDate))) {
    check.fail('letterDate', 'must be a date as YYYY-MM-DD');
  }
}

export const DESCRIPTION_FIELDS = [
  'kind',
  'title',
  'classificationCode',
  'securityClass',
  'originUnitId',
  'year',
  'period',
  'copyStatus',
  'quantity',
  'folderNo',
  'boxNo',
  'retention',
  'notes',
  'addresseeUnitId',
  'letterNumber',
  'letterDate',
] as const satisfies readonly (keyof ItemDescription)[];

/** Only the known fields, without undefined members: what is hashed is what is stored. */
export function pickDescription(data: ItemDescription): ItemDescription {
  const picked: Partial<Record<keyof ItemDescription, unknown>> = {};
  for (const field of DESCRIPTION_FIELDS) if (data[field] !== undefined) picked[field] = data[field];
  if (data.period) picked.period = { from: data.period.from, to: data.period.to };
  if (data.quantity) picked.quantity = { count: data.quantity.count, unit: data.quantity.unit };
  if (data.retention) {
    const { activeYears, inactiveYears, disposition } = data.retention;
    picked.retention = { activeYears, inactiveYears, disposition };
  }
  return picked as ItemDescription;
}
