import type { ItemView, TrailEntry } from '@jejak/read-models';
import { formatIndonesianDate } from '../common/indonesian-date';
import { acknowledgementText } from './acknowledgement-text';
import { mayRead, WITHHELD, type Reader } from './may-read';
import { nameOf, type DocumentDirectory, type Signatory } from './signatories';

/** The tanda terima of a delivered letter. */
export interface ReceiptData {
  itemId: string;
  letterNumber: string;
  letterDate: string;
  perihal: string;
  from: string;
  to: string;
  deliveredAt: string;
  /** The courier who handed it over. */
  courier: Signatory;
  receivedBy: string;
  /** The NIP the receiver wrote beside a drawn signature; null otherwise. */
  receiverNip: string | null;
  acknowledgement: string;
}

const text = (value: unknown): string => (typeof value === 'string' && value ? value : '-');

/** Null when the item is not a letter or no delivery is recorded. */
export function toReceiptData(
  view: ItemView,
  trail: readonly TrailEntry[],
  directory: DocumentDirectory,
  reader: Reader,
): ReceiptData | null {
  const delivered = [...trail].reverse().find((entry) => entry.type === 'delivered');
  if (view.kind !== 'letter' || !delivered) return null;
  const readable = mayRead(reader, view);
  // Who handed it over: the courier the event names (an officer of the unit may have recorded it).
  const from = delivered.data.fromCustodianId;
  const courier = directory.person(typeof from === 'string' ? from : delivered.actor.id);
  return {
    itemId: view.itemId,
    letterNumber: readable ? text(view.letterNumber) : WITHHELD,
    letterDate: readable && view.letterDate ? formatIndonesianDate(view.letterDate) : '-',
    perihal: readable ? view.title : WITHHELD,
    from: directory.unitName(view.originUnitId),
    to: directory.unitName(view.addresseeUnitId ?? text(delivered.data.locationId)),
    deliveredAt: delivered.occurredAt,
    courier,
    receivedBy: text(delivered.data.receivedBy),
    receiverNip: signerNip(delivered.data),
    acknowledgement: acknowledgementText(
      delivered.data,
      `${courier.name}; penerimaan oleh unit tujuan tidak tercatat dengan akun`,
      'dicatat dengan akun kurir',
      nameOf(directory),
    ),
  };
}

function signerNip(data: unknown): string | null {
  const acknowledgement = (data as { acknowledgement?: { method?: unknown; nip?: unknown } } | null)
    ?.acknowledgement;
  return acknowledgement?.method === 'signature' &&
    typeof acknowledgement.nip === 'string' &&
    acknowledgement.nip
    ? acknowledgement.nip
    : null;
}
