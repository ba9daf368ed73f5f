import {
  reconcile,
  type Actor,
  type IntakeResult,
  type Storage,
  type TransferEvent,
  type TransferState,
} from '@jejak/custody';
import type { ItemView } from '@jejak/read-models';

export interface BeritaAcaraParty {
  unitId: string;
  unitName: string;
  /** The person who signs for the party; null while that step has not happened. */
  person: { id: string; name: string; jabatan: string } | null;
}

/** One line of the daftar arsip, already in the words printed. */
export interface BeritaAcaraRow {
  no: number;
  kodeKlasifikasi: string;
  uraianInformasi: string;
  kurunWaktu: string;
  tingkatPerkembangan: string;
  jumlah: string;
  noBoksFolder: string;
  keterangan: string;
}

export interface BeritaAcaraData {
  baNumber: string;
  /** ISO time the report speaks of: the intake, or the last step so far. */
  date: string;
  /** Printed status line: final once intake is recorded, a draft before. */
  statusText: string;
  final: boolean;
  pihakPertama: BeritaAcaraParty;
  pihakKedua: BeritaAcaraParty;
  rows: BeritaAcaraRow[];
  /** Null until intake: diterima, rusak, tidak ada, tidak sesuai daftar. */
  rekonsiliasi: { diterima: number; rusak: number; tidakAda: number; tidakSesuaiDaftar: number } | null;
  /** Delivered but not in the manifest: refused, listed apart. */
  tidakSesuaiDaftar: { itemId: string; keterangan: string }[];
}

export interface Directory {
  unitName(unitId: string): string;
  personName(principalId: string): string;
}

const JABATAN: Record<Actor['role'], string> = {
  admin: 'Administrator',
  officer: 'Petugas Arsip',
  courier: 'Kurir',
  depot: 'Petugas Depo Arsip',
  auditor: 'Auditor',
};

const COPY_STATUS: Record<string, string> = { asli: 'Asli', salinan: 'Salinan', tembusan: 'Tembusan' };

const STATUS_TEXT: Record<TransferState['status'], string> = {
  open: 'Belum diserahkan (draf)',
  collected: 'Diambil kurir, belum diterima (draf)',
  in_transit: 'Dalam perjalanan, belum diterima (draf)',
  arrived: 'Tiba, menunggu pemeriksaan (draf)',
  completed: 'Selesai: diterima lengkap sesuai daftar',
  completed_with_discrepancies: 'Selesai dengan selisih',
};

const storageText = (storage: Storage | undefined | null): string =>
  storage ? [storage.room, storage.shelf, storage.box].filter(Boolean).join(' / ') : '';

function keterangan(result: IntakeResult | undefined): string {
  if (!result) return '';
  switch (result.outcome) {
    case 'received':
      return [`Diterima, disimpan di ${storageText(result.storage)}`, result.note].filter(Boolean).join('. ');
    case 'damaged':
      return `Rusak: ${result.note ?? ''}. Disimpan di ${storageText(result.storage)}`;
    case 'missing':
      return ['Tidak ada (tidak ikut diserahkan)', result.note].filter(Boolean).join(': ');
    case 'unexpected':
      return ['Tidak sesuai daftar', result.note].filter(Boolean).join(': ');
  }
}

function kurunWaktu(view: ItemView | null): string {
  if (view?.period)
    return view.period.from === view.period.to
      ? String(view.period.from)
      : `${view.period.from}–${view.period.to}`;
  return view?.year !== undefined ? String(view.year) : '-';
}

function party(unitId: string, by: Actor | undefined, directory: Directory): BeritaAcaraParty {
  return {
    unitId,
    unitName: directory.unitName(unitId),
    person: by ? { id: by.id, name: directory.personName(by.id), jabatan: JABATAN[by.role] } : null,
  };
}

/**
 * What the berita acara serah terima says of a transfer: the parties from its stream (who
 * dispatched it, who took it in), the daftar arsip from the items' descriptions, the reconciliation
 * from the intake. Pure, so the PDF layout only draws.
 */
export function toBeritaAcaraData(
  state: TransferState,
  events: readonly TransferEvent[],
  items: ReadonlyMap<string, ItemView | null>,
  directory: Directory,
): BeritaAcaraData {
  const actorOf = (type: TransferEvent['type']) => events.find((event) => event.type === type)?.actor;
  const intake = new Map((state.intake ?? []).map((result) => [result.itemId, result]));
  const intakeEvent = events.find((event) => event.type === 'intake_recorded');
  const tally = state.intake ? reconcile(state.intake) : null;
  return {
    baNumber: state.baNumber,
    date: (intakeEvent ?? events[events.length - 1]).occurredAt,
    statusText: STATUS_TEXT[state.status],
    final: intakeEvent !== undefined,
    pihakPertama: party(state.fromId, actorOf('dispatched') ?? actorOf('transfer_created'), directory),
    pihakKedua: party(state.toId, intakeEvent?.actor, directory),
    rows: state.itemIds.map((itemId, index) => {
      const view = items.get(itemId) ?? null;
      return {
        no: index + 1,
        kodeKlasifikasi: view?.classificationCode ?? '-',
        uraianInformasi: view?.title ?? `(arsip ${itemId})`,
        kurunWaktu: kurunWaktu(view),
        tingkatPerkembangan: view?.copyStatus ? COPY_STATUS[view.copyStatus] : '-',
        jumlah: view?.quantity ? `${view.quantity.count} ${view.quantity.unit}` : '1 berkas',
        noBoksFolder: [view?.boxNo, view?.folderNo].filter(Boolean).join(' / ') || '-',
        keterangan: keterangan(intake.get(itemId)),
      };
    }),
    rekonsiliasi: tally && {
      diterima: tally.received.count,
      rusak: tally.damaged.count,
      tidakAda: tally.missing.count,
      tidakSesuaiDaftar: tally.unexpected.count,
    },
    tidakSesuaiDaftar: (state.intake ?? [])
      .filter((result) => result.outcome === 'unexpected')
      .map((result) => ({ itemId: result.itemId, keterangan: result.note ?? '' })),
  };
}
