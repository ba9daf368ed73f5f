import type { AcknowledgementGiven, IntakeResult, TransferCommand } from '@jejak/custody';
import type { SignatureImage } from '@jejak/directory';
import { plain } from '@jejak/http-contract';
import { acknowledgementInput } from '../common/acknowledgement-input';
import type { CreateTransferDto } from './dto/create-transfer.dto';
import type { IntakeDto } from './dto/intake.dto';
import type { TransferEventDto } from './dto/transfer-event.dto';

const defined = <T extends object>(fields: T): T =>
  Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as T;

export function toCreateTransferCommand(transferId: string, dto: CreateTransferDto): TransferCommand {
  const { baNumber, fromId, toId, itemIds } = dto;
  return { type: 'transfer_created', transferId, data: { baNumber, fromId, toId, itemIds: [...itemIds] } };
}

export function toTransferEventCommand(transferId: string, dto: TransferEventDto): TransferCommand {
  switch (dto.type) {
    case 'collected': {
      const { given } = acknowledgementInput(plain(dto.acknowledgement));
      const acknowledgement = given as AcknowledgementGiven;
      return {
        type: 'collected',
        transferId,
        data: defined({ locationId: dto.locationId, acknowledgement }),
      };
    }
    case 'arrived':
      return { type: dto.type, transferId, data: defined({ locationId: dto.locationId }) };
    case 'dispatched':
      return { type: 'dispatched', transferId, data: defined({ destinationId: dto.destinationId }) };
    case 'handover_offered':
      return {
        type: 'handover_offered',
        transferId,
        data: defined({
          toCustodianId: dto.toCustodianId!,
          itemIds: dto.itemIds ? [...dto.itemIds] : undefined,
        }),
      };
    case 'handover_accepted':
      return { type: 'handover_accepted', transferId, data: {} };
    case 'handover_declined':
    case 'handover_withdrawn':
    case 'cancelled':
      return { type: dto.type, transferId, data: { reason: dto.reason! } };
  }
}

/** A transfer's collection released by a drawn signature: its image, to keep once recorded. */
export function signatureOfTransferEvent(dto: TransferEventDto): SignatureImage | undefined {
  return dto.type === 'collected' ? acknowledgementInput(plain(dto.acknowledgement)).image : undefined;
}

export function toIntakeCommand(transferId: string, dto: IntakeDto): TransferCommand {
  const results = dto.results.map((result): IntakeResult =>
    defined({
      itemId: result.itemId,
      outcome: result.outcome,
      storage: result.storage ? defined({ ...result.storage }) : undefined,
      note: result.note,
    }),
  );
  return { type: 'intake_recorded', transferId, data: { results } };
}
