import type { ItemView } from '@jejak/read-models';

export interface Reader {
  principalId: string;
  role: string;
  unitId: string | null;
}

/** What a printed document says in place of a title its reader may not see. */
export const WITHHELD = '(terbatas: uraian tidak ditampilkan)';

/**
 * domain.md "Confidentiality of terbatas items", for printed documents: the title and notes of a
 * `terbatas` item only for officers of its origin unit (and addressee unit, for a letter), its
 * holder now, depot staff of the depot holding or receiving it, auditors and admins.
 */
export function mayRead(reader: Reader, view: ItemView, receivingUnitId?: string): boolean {
  if (view.securityClass !== 'terbatas') return true;
  if (reader.role === 'admin' || reader.role === 'auditor') return true;
  if (view.custodianId === reader.principalId || (reader.unitId && view.custodianId === reader.unitId))
    return true;
  if (!reader.unitId) return false;
  if (reader.role === 'officer') {
    return (
      reader.unitId === view.originUnitId ||
      (view.kind === 'letter' && reader.unitId === view.addresseeUnitId) ||
      reader.unitId === receivingUnitId
    );
  }
  if (reader.role === 'depot') return reader.unitId === view.depotId || reader.unitId === receivingUnitId;
  return false;
}
