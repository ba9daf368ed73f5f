import type { CustodyCommand } from './commands';
import type { FieldSpec } from './events/event-room';
import { registered } from './events/registered';
import { FieldChecks } from './field-checks';
import type { LocationLookup } from './location';
import type { FieldError } from './refusal';
import { roomOf } from './room-table';

export { MAX_YEAR, MIN_YEAR } from './events/registered';

/**
 * The checks a command's own fields must pass before the item's state is even looked at:
 * presence, types, enumerations and references to the directory, as its room lists them. Fields
 * are named as the HTTP body names them (`storage.room`, `retention.activeYears`).
 */
export function validateCommandFields(command: CustodyCommand, locations: LocationLookup): FieldError[] {
  const check = new FieldChecks(locations);
  check.text('itemId', command.itemId);
  if (!check.object('data', command.data)) return check.errors;
  const data = command.data as Record<string, unknown>;
  if (command.type === 'registered') registered.checkFields(check, data);
  else checkFields(check, roomOf(command.type).fields, data);
  return check.errors;
}

function checkFields(
  check: FieldChecks,
  fields: Readonly<Record<string, FieldSpec>>,
  data: Record<string, unknown>,
): void {
  for (const [field, spec] of Object.entries(fields)) {
    const value = data[field];
    switch (spec.kind) {
      case 'text':
        check.text(field, value, spec.optional);
        break;
      case 'location':
        check.location(field, value, { optional: spec.optional, types: spec.types, inUse: spec.inUse });
        break;
      case 'storage':
        check.storage(field, value, spec.optional);
        break;
      case 'instant':
        check.instant(field, value);
        break;
      case 'object':
        check.object(field, value, spec.optional);
        break;
      case 'acknowledgement':
        check.acknowledgement(field, value);
        break;
      case 'oneOf':
        check.oneOf(field, value, spec.values, spec.optional);
        break;
    }
  }
}
