import type { CustodyCommand } from '@jejak/custody';
import { defined, plain } from '@jejak/http-contract';
import type { RecordEventDto } from './dto/record-event.dto';

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
