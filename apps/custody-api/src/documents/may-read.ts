import { mayReadItem, type Reader } from '@jejak/custody';
import type { ItemView } from '@jejak/read-models';

export type { Reader };

/** What a printed document says in place of a title its reader may not see. */
export const WITHHELD = '(terbatas: uraian tidak ditampilkan)';

/**
 * For printed documents: the one rule of libs/custody confidentiality.ts (domain.md
 * "Confidentiality of terbatas items"). `receivingUnitId`: the destination of the transfer.
 */
export function mayRead(reader: Reader, view: ItemView, receivingUnitId?: string): boolean {
  return mayReadItem(reader, view, receivingUnitId);
}

/** The item as a document prints it for this reader: a withheld one says WITHHELD for its title. */
export function printable(reader: Reader, view: ItemView, receivingUnitId?: string): ItemView {
  if (mayRead(reader, view, receivingUnitId)) return view;
  return { ...view, title: WITHHELD, notes: undefined, letterNumber: undefined, letterDate: undefined };
}
