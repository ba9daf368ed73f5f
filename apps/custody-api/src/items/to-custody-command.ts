import type { CustodyCommand, ItemDescription } from '@jejak/custody';
import type { RecordEventDto } from './dto/record-event.dto';
import type { RegisterItemDto } from './dto/register-item.dto';

/** Drops undefined members so stored events and hashes hold only what was said. */
const defined = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

const plain = <T>(value: T): T => (value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T));

export function toRegisterCommand(itemId: string, dto: RegisterItemDto): CustodyCommand {
  const description: ItemDescription = defined({
    kind: dto.kind,
    title: dto.title.trim(),
    classificationCode: dto.classificationCode,
    securityClass: dto.securityClass,
    originUnitId: dto.originUnitId,
    year: dto.year,
    period: plain(dto.period),
    copyStatus: dto.copyStatus,
    quantity: plain(dto.quantity),
    folderNo: dto.folderNo,
    boxNo: dto.boxNo,
    retention: plain(dto.retention),
    notes: dto.notes,
    addresseeUnitId: dto.addresseeUnitId,
    letterNumber: dto.letterNumber,
    letterDate: dto.letterDate,
  });
  return { type: 'registered', itemId, data: description };
}

/** The HTTP body's flat fields, picked per event type into the domain command. */
export function toCustodyCommand(itemId: string, dto: RecordEventDto): CustodyCommand {
  const d = dto;
  const storage = plain(d.storage);
  switch (d.type) {
    case 'collected':
      return { type: d.type, itemId, data: defined({ locationId: d.locationId }) };
    case 'sorted':
      return { type: d.type, itemId, data: { locationId: d.locationId!, destinationId: d.destinationId! } };
    case 'dispatched':
      return { type: d.type, itemId, data: defined({ destinationId: d.destinationId }) };
    case 'handover_offered':
      return {
        type: d.type,
        itemId,
        data: defined({ toCustodianId: d.toCustodianId!, locationId: d.locationId }),
      };
    case 'handover_accepted':
      return { type: d.type, itemId, data: {} };
    case 'handover_declined':
      return { type: d.type, itemId, data: { reason: d.reason! } };
    case 'arrived':
      return { type: d.type, itemId, data: defined({ locationId: d.locationId }) };
    case 'delivered':
      return { type: d.type, itemId, data: defined({ receivedBy: d.receivedBy!, locationId: d.locationId }) };
    case 'intake_confirmed':
      return { type: d.type, itemId, data: { storage: storage! } };
    case 'intake_rejected':
      return { type: d.type, itemId, data: { reason: d.reason! } };
    case 'relocated':
      return { type: d.type, itemId, data: { storage: storage! } };
    case 'lent':
      return {
        type: d.type,
        itemId,
        data: { borrowerUnitId: d.borrowerUnitId!, borrowerName: d.borrowerName!, dueAt: d.dueAt! },
      };
    case 'returned':
      return { type: d.type, itemId, data: defined({ storage }) };
    case 'reported_missing':
      return { type: d.type, itemId, data: { reason: d.reason! } };
    case 'found':
      return {
        type: d.type,
        itemId,
        data: defined({ locationId: d.locationId!, custodianId: d.custodianId }),
      };
    case 'disposed':
      return { type: d.type, itemId, data: { baNumber: d.baNumber! } };
    case 'transferred_static':
      return { type: d.type, itemId, data: defined({ baNumber: d.baNumber!, toArchive: d.toArchive }) };
    case 'corrected':
      return { type: d.type, itemId, data: { correctsEventId: d.correctsEventId!, reason: d.reason! } };
  }
}
