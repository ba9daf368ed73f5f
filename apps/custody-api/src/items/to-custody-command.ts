import { COMMAND_FIELDS, type CustodyCommand } from '@jejak/custody';
import { plain } from '@jejak/http-contract';
import type { SignatureImage } from '@jejak/directory';
import { acknowledgementInput } from '../common/acknowledgement-input';
import type { RecordEventDto } from './dto/record-event.dto';

/**
 * The HTTP body's flat fields, picked per event type (its room's fields) into the domain command.
 * A drawn signature's image leaves the command here (its hash stays) and is handed back beside it.
 */
export function toCustodyCommand(
  itemId: string,
  dto: RecordEventDto,
): { command: CustodyCommand; signature?: SignatureImage } {
  const body = new Map<string, unknown>(Object.entries(dto));
  const data: Record<string, unknown> = {};
  for (const field of COMMAND_FIELDS[dto.type]) {
    // Nested DTOs become plain JSON: a class instance must not reach events or hashes.
    if (body.get(field) !== undefined) data[field] = plain(body.get(field));
  }
  let signature: SignatureImage | undefined;
  if (data.acknowledgement !== undefined) {
    const input = acknowledgementInput(data.acknowledgement);
    data.acknowledgement = input.given;
    signature = input.image;
  }
  // The room's fields are the command's: the domain checks each again before deciding.
  return { command: { type: dto.type, itemId, data } as CustodyCommand, signature };
}
