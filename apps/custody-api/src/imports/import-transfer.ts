import type { LocationLookup } from '@jejak/custody';
import type { RowDecision, RowError } from '@jejak/daftar-arsip';
import { MAX_MANIFEST_ITEMS } from '../transfers/dto/create-transfer.dto';

export interface ImportTransfer {
  baNumber: string;
  toId: string;
}

/**
 * What a transfer of the imported items needs, checked before any item is recorded: a known
 * destination, one origin unit (the transfer's fromId) and a manifest within a transfer's size.
 * The transfer's own rules are applied again when it is created.
 */
export function transferProblems(
  transfer: ImportTransfer,
  accepted: readonly RowDecision[],
  locations: LocationLookup,
): RowError[] {
  const problems: RowError[] = [];
  const fail = (row: number, column: string, message: string) =>
    problems.push({ row, column, message, code: 'validation-failed' });
  if (!locations(transfer.toId)) fail(0, 'transferToId', `lokasi tidak dikenal '${transfer.toId}'`);
  if (accepted.length > MAX_MANIFEST_ITEMS) {
    fail(
      0,
      'transfer',
      `satu pemindahan memuat paling banyak ${MAX_MANIFEST_ITEMS} arsip; pecah daftarnya (${accepted.length} baris)`,
    );
  }
  const origins = new Set(accepted.map(originOf));
  if (origins.size > 1) {
    const first = originOf(accepted[0]);
    for (const decision of accepted.filter((d) => originOf(d) !== first)) {
      fail(
        decision.row,
        'Unit Pengolah',
        `satu pemindahan berangkat dari satu unit: '${originOf(decision)}' bukan '${first}'`,
      );
    }
  }
  return problems;
}

export const originOf = (decision: RowDecision): string =>
  (decision.command.data as { originUnitId: string }).originUnitId;
