import { COMMAND_FIELDS, type CustodyCommand } from '@jejak/custody';
import { plain } from '@jejak/http-contract';
import type { RecordEventDto } from './dto/record-event.dto';

/** The HTTP body's flat fields, picked per event type (its room's fields) into the domain command. */
export function toCustodyCommand(itemId: string, dto: RecordEventDto): CustodyCommand {
  const body = new Map<string, unknown>(Object.entries(dto));
  const data: Record<string, unknown> = {};
  for (const field of COMMAND_FIELDS[dto.type]) {
    // Nested DTOs become plain JSON: a class instance must not reach events or hashes.
    if (body.get(field) !== undefined) data[field] = plain(body.get(field));
  }
  // The room's fields are the command's: the domain checks each again before deciding.
  return { type: dto.type, itemId, data } as CustodyCommand;
}
