import type { ItemView, TrailEntry } from '@jejak/read-models';
import { kurunWaktu } from '../transfers/berita-acara-data';
import { mayRead, WITHHELD, type Reader } from './may-read';
import { quantityText } from './quantity-totals';
import type { DocumentDirectory, Signatory } from './signatories';

export interface LoanReportData {
  item: {
    itemId: string;
    kodeKlasifikasi: string;
    uraianInformasi: string;
    kurunWaktu: string;
    jumlah: string;
    lokasi: string;
  };
  depotName: string;
  lentAt: string;
  dueAt: string;
  /** The depot clerk who lent it (PIHAK PERTAMA). */
  lender: Signatory;
  borrower: { name: string; unitName: string };
  note: string | null;
  extensions: { at: string; dueAt: string; reason: string }[];
  /** Once returned: when, taken back by whom, shelved where. */
  returned: { at: string; by: Signatory; storage: string; note: string | null } | null;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

const storageText = (storage: unknown): string => {
  const place = storage as { room?: string; shelf?: string; box?: string } | null;
  return place ? [place.room, place.shelf, place.box].filter(Boolean).join(' / ') : '-';
};

/**
 * The berita acara of an item's latest loan from its trail: the `lent` event, any extensions, and
 * the `returned` that ended it. Null when the item was never lent.
 */
export function toLoanReportData(
  view: ItemView,
  trail: readonly TrailEntry[],
  directory: DocumentDirectory,
  reader: Reader,
): LoanReportData | null {
  const lentIndex = trail.map((entry) => entry.type).lastIndexOf('lent');
  if (lentIndex < 0) return null;
  const lent = trail[lentIndex];
  const after = trail.slice(lentIndex + 1);
  const returned = after.find((entry) => entry.type === 'returned');
  const lentBefore = trail
    .slice(0, lentIndex)
    .reverse()
    .find((entry) => entry.data.storage);
  return {
    item: {
      itemId: view.itemId,
      kodeKlasifikasi: view.classificationCode,
      uraianInformasi: mayRead(reader, view) ? view.title : WITHHELD,
      kurunWaktu: kurunWaktu(view),
      jumlah: quantityText(view.quantity),
      lokasi: storageText(lentBefore?.data.storage ?? view.storage),
    },
    depotName: directory.unitName(text(lent.data.depotId)),
    lentAt: lent.occurredAt,
    dueAt: text(lent.data.dueAt),
    lender: directory.person(lent.actor.id),
    borrower: {
      name: text(lent.data.borrowerName),
      unitName: directory.unitName(text(lent.data.borrowerUnitId)),
    },
    note: lent.note,
    extensions: after
      .filter((entry) => entry.type === 'loan_extended')
      .map((entry) => ({
        at: entry.occurredAt,
        dueAt: text(entry.data.dueAt),
        reason: text(entry.data.reason),
      })),
    returned: returned
      ? {
          at: returned.occurredAt,
          by: directory.person(returned.actor.id),
          storage: storageText(returned.data.storage),
          note: returned.note,
        }
      : null,
  };
}
