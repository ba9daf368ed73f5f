import { assertNever } from './assert-never';
import type { CustodyCommand } from './commands';
import { FieldChecks } from './field-checks';
import { COPY_STATUSES, DISPOSITIONS, ITEM_KINDS, QUANTITY_UNITS, SECURITY_CLASSES } from './item';
import type { LocationLookup } from './location';
import type { FieldError } from './refusal';

export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;
// Items originate at a unit (or a depot's own records), never at a sorting point.
const ORIGIN_TYPES = ['dinas', 'kecamatan', 'desa', 'depot'] as const;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The checks a command's own fields must pass before the item's state is even looked at:
 * presence, types, enumerations and references to the directory. Fields are named as the HTTP
 * body names them (`storage.room`, `retention.activeYears`).
 */
export function validateCommandFields(command: CustodyCommand, locations: LocationLookup): FieldError[] {
  const check = new FieldChecks(locations);
  check.text('itemId', command.itemId);
  if (!check.object('data', command.data as unknown)) return check.errors;
  const data = command.data as Record<string, unknown>;
  switch (command.type) {
    case 'registered':
      checkDescription(check, data);
      break;
    case 'collected':
    case 'arrived':
      check.location('locationId', data.locationId, { optional: true });
      break;
    case 'sorted':
      check.location('locationId', data.locationId, { types: ['sorting_point'] });
      check.location('destinationId', data.destinationId);
      break;
    case 'dispatched':
      check.location('destinationId', data.destinationId, { optional: true });
      break;
    case 'handover_offered':
      check.text('toCustodianId', data.toCustodianId);
      check.location('locationId', data.locationId, { optional: true });
      break;
    case 'handover_accepted':
      break;
    case 'handover_declined':
    case 'intake_rejected':
    case 'reported_missing':
      check.text('reason', data.reason);
      break;
    case 'delivered':
      check.text('receivedBy', data.receivedBy);
      check.location('locationId', data.locationId, { optional: true });
      break;
    case 'intake_confirmed':
    case 'relocated':
      check.storage('storage', data.storage);
      break;
    case 'lent':
      check.location('borrowerUnitId', data.borrowerUnitId);
      check.text('borrowerName', data.borrowerName);
      check.instant('dueAt', data.dueAt);
      break;
    case 'returned':
      check.storage('storage', data.storage, true);
      break;
    case 'found':
      check.location('locationId', data.locationId);
      check.text('custodianId', data.custodianId, true);
      break;
    case 'disposed':
      check.text('baNumber', data.baNumber);
      break;
    case 'transferred_static':
      check.text('baNumber', data.baNumber);
      check.text('toArchive', data.toArchive, true);
      break;
    case 'corrected':
      check.text('correctsEventId', data.correctsEventId);
      check.text('reason', data.reason);
      break;
    default:
      return assertNever(command);
  }
  return check.errors;
}

function checkDescription(check: FieldChecks, d: Record<string, unknown>): void {
  check.oneOf('kind', d.kind, ITEM_KINDS);
  check.text('title', d.title);
  check.text('classificationCode', d.classificationCode);
  check.oneOf('securityClass', d.securityClass, SECURITY_CLASSES);
  check.location('originUnitId', d.originUnitId, { types: ORIGIN_TYPES });
  if (d.kind === 'letter') check.location('addresseeUnitId', d.addresseeUnitId);
  else check.location('addresseeUnitId', d.addresseeUnitId, { optional: true });
  check.integer('year', d.year, MIN_YEAR, MAX_YEAR, true);
  if (check.object('period', d.period, true)) {
    const period = d.period as Record<string, unknown>;
    check.integer('period.from', period.from, MIN_YEAR, MAX_YEAR);
    check.integer('period.to', period.to, MIN_YEAR, MAX_YEAR);
    if (typeof period.from === 'number' && typeof period.to === 'number' && period.from > period.to) {
      check.fail('period', 'period.from must not be after period.to');
    }
  }
  if (check.object('retention', d.retention, true)) {
    const retention = d.retention as Record<string, unknown>;
    check.integer('retention.activeYears', retention.activeYears, 0, 100);
    check.integer('retention.inactiveYears', retention.inactiveYears, 0, 100);
    check.oneOf('retention.disposition', retention.disposition, DISPOSITIONS);
  }
  check.oneOf('copyStatus', d.copyStatus, COPY_STATUSES, true);
  if (check.object('quantity', d.quantity, true)) {
    const quantity = d.quantity as Record<string, unknown>;
    check.integer('quantity.count', quantity.count, 1, 1_000_000);
    check.oneOf('quantity.unit', quantity.unit, QUANTITY_UNITS);
  }
  for (const field of ['folderNo', 'boxNo', 'notes', 'letterNumber'] as const)
    check.text(field, d[field], true);
  if (d.letterDate !== undefined && (typeof d.letterDate !== 'string' || !ISO_DATE.test(d.letterDate))) {
    check.fail('letterDate', 'must be a date as YYYY-MM-DD');
  }
}
