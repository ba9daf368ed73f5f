import type { ItemView, TrailEntry } from '@jejak/read-models';
import { toDisposalRows, type DisposalRow } from '../reports/disposal-list.rows';
import { printable, type Reader } from './may-read';
import { quantityTotals } from './quantity-totals';
import type { DocumentDirectory, Signatory } from './signatories';

export interface DisposalReportData {
  kind: 'musnah' | 'statis';
  baNumber: string;
  /** When the batch was done: the latest of its events. */
  date: string;
  depotName: string;
  /** The depot staff who recorded it. */
  executor: Signatory;
  /** Penyerahan arsip statis: the archive that received them, when the events name it. */
  toArchive: string | null;
  note: string | null;
  rows: DisposalRow[];
  totalJumlah: string;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value ? value : null);

/** The berita acara pemusnahan (or penyerahan arsip statis) of the items that ended under one BA. */
export function toDisposalReportData(
  baNumber: string,
  ended: readonly { view: ItemView; entry: TrailEntry }[],
  directory: DocumentDirectory,
  reader: Reader,
): DisposalReportData | null {
  if (ended.length === 0) return null;
  const latest = ended.reduce((a, b) => (a.entry.occurredAt >= b.entry.occurredAt ? a : b));
  const shown = ended.map(({ view }) => printable(reader, view));
  return {
    kind: ended[0].entry.type === 'transferred_static' ? 'statis' : 'musnah',
    baNumber,
    date: latest.entry.occurredAt,
    depotName: directory.unitName(latest.view.depotId ?? latest.view.locationId ?? '-'),
    executor: directory.person(latest.entry.actor.id),
    toArchive: text(ended.find(({ entry }) => text(entry.data.toArchive))?.entry.data.toArchive),
    note: latest.entry.note,
    rows: toDisposalRows(shown),
    totalJumlah: quantityTotals(ended.map(({ view }) => view.quantity)),
  };
}
