import type { Disposition } from '@jejak/custody';
import type { ItemView } from '@jejak/read-models';

/** One line of a daftar arsip usul musnah, as printed. */
export interface DisposalRow {
  no: number;
  kodeKlasifikasi: string;
  uraianInformasi: string;
  kurunWaktu: string;
  jumlah: string;
  retensi: string;
  nasibAkhir: string;
  keterangan: string;
}

export const NASIB_AKHIR: Record<Disposition, string> = {
  musnah: 'Musnah',
  permanen: 'Permanen',
  dinilai_kembali: 'Dinilai Kembali',
};

const storagePlace = (view: ItemView): string | null => {
  if (!view.storage) return null;
  const { room, shelf, box } = view.storage;
  return ['Lokasi: ruang ' + room, shelf && `rak ${shelf}`, box && `boks ${box}`].filter(Boolean).join(', ');
};

/** The read model's items as the columns of the list; the item id keeps each line traceable. */
export function toDisposalRows(items: readonly ItemView[]): DisposalRow[] {
  return items.map((view, index) => ({
    no: index + 1,
    kodeKlasifikasi: view.classificationCode,
    uraianInformasi: view.title,
    kurunWaktu: view.period
      ? `${view.period.from}-${view.period.to}`
      : view.year !== undefined
        ? String(view.year)
        : '-',
    jumlah: view.quantity ? `${view.quantity.count} ${view.quantity.unit}` : '-',
    retensi: view.retention
      ? `${view.retention.activeYears} th aktif, ${view.retention.inactiveYears} th inaktif`
      : '-',
    nasibAkhir: view.retention ? NASIB_AKHIR[view.retention.disposition] : '-',
    // The id first: at the start of its line it is never broken at a hyphen, so it can be read back.
    keterangan: [`ID ${view.itemId}`, view.notes, storagePlace(view)].filter(Boolean).join('; '),
  }));
}
