import {
  evolveTransfer,
  reconcile,
  type MaybeTransferState,
  type IntakeResult,
  type Storage,
  type TransferEvent,
  type TransferState,
} from '@jejak/custody';
import type { ItemView } from '@jejak/read-models';
import { acknowledgementText } from '../documents/acknowledgement-text';
import { mayRead, WITHHELD, type Reader } from '../documents/may-read';
import { quantityText, quantityTotals } from '../documents/quantity-totals';
import { nameOf, type DocumentDirectory, type Signatory } from '../documents/signatories';

export type { DocumentDirectory as Directory } from '../documents/signatories';

export interface BeritaAcaraParty {
  unitId: string;
  unitName: string;
  /** Who signs for the party; null while nobody of that side has acted (a line to sign by hand). */
  person: Signatory | null;
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

/** One passing of custody of the consignment, with how the receiving side acknowledged it. */
export interface HandoverLine {
  at: string;
  from: string;
  to: string;
  acknowledgement: string;
  /** A split consignment: which files of the daftar arsip this handover passed ("no. 4, 5"); absent, all of them. */
  items?: string;
}

export interface BeritaAcaraData {
  baNumber: string;
  /** ISO time the report speaks of: the intake, or the last step so far. */
  date: string;
  /** Where the handover took place: the receiving depot or unit. */
  place: string;
  /** Printed status line: final once intake is recorded, a draft before. */
  statusText: string;
  final: boolean;
  pihakPertama: BeritaAcaraParty;
  pihakKedua: BeritaAcaraParty;
  handovers: HandoverLine[];
  rows: BeritaAcaraRow[];
  /** The lampiran's total line: "3 berkas, 2 boks". */
  totalJumlah: string;
  /** Null until intake: diterima, rusak, tidak ada, tidak sesuai daftar, ditolak, and (between sittings) belum diperiksa. */
  rekonsiliasi: {
    diterima: number;
    rusak: number;
    tidakAda: number;
    tidakSesuaiDaftar: number;
    ditolak: number;
    belumDiperiksa: number;
  } | null;
  /** Delivered but refused (e.g. soaked): they stay with the courier named, with the reason. */
  ditolak: { itemId: string; kurir: string; keterangan: string }[];
  /** Delivered but not in the manifest: refused, listed apart. */
  tidakSesuaiDaftar: { itemId: string; keterangan: string }[];
  /** The verifiable log's checkpoint at printing; null while the log offers none. */
  checkpoint: string | null;
}

const COPY_STATUS: Record<string, string> = { asli: 'Asli', salinan: 'Salinan', tembusan: 'Tembusan' };

const STATUS_TEXT: Record<TransferState['status'], string> = {
  open: 'Belum diserahkan (draf)',
  collected: 'Diambil kurir, belum diterima (draf)',
  in_transit: 'Dalam perjalanan, belum diterima (draf)',
  arrived: 'Tiba, menunggu pemeriksaan (draf)',
  completed: 'Selesai: diterima lengkap sesuai daftar',
  completed_with_discrepancies: 'Selesai dengan selisih',
  cancelled: 'Dibatalkan sebelum dikirim',
};

const storageText = (storage: Storage | undefined | null): string =>
  storage ? [storage.room, storage.shelf, storage.box].filter(Boolean).join(' / ') : '';

function intakeText(result: IntakeResult | undefined): string {
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
    case 'rejected':
      return `Ditolak, tetap dibawa kurir: ${result.note ?? ''}`;
  }
}

export function kurunWaktu(view: ItemView | null): string {
  if (view?.period)
    return view.period.from === view.period.to
      ? String(view.period.from)
      : `${view.period.from}–${view.period.to}`;
  return view?.year !== undefined ? String(view.year) : '-';
}

/**
 * PIHAK PERTAMA signs for the unit pengolah that hands the records over: the person of that unit
 * who released the consignment to the courier, else the one who drew up the transfer for it.
 * Never a courier: couriers carry it and are listed with their handovers. The choice rests on the
 * transfer's first events, so a draft and the final report name the same person.
 */
function originSignatory(
  state: TransferState,
  events: readonly TransferEvent[],
  directory: DocumentDirectory,
): Signatory | null {
  const collected = events.find((event) => event.type === 'collected');
  const release = (collected?.data as { acknowledgement?: Record<string, unknown> } | undefined)
    ?.acknowledgement;
  // Who released it by account or showed the kode serah (`personId` in drafts before two-party custody).
  const releasedBy = release?.byId ?? release?.personId;
  if (typeof releasedBy === 'string') return directory.person(releasedBy);
  // A release signed on the courier's phone names the person and their NIP.
  if (typeof release?.name === 'string') {
    const nip = typeof release.nip === 'string' ? release.nip : null;
    return { id: nip ?? release.name, name: release.name, nip, jabatan: '-' };
  }
  const created = events.find((event) => event.type === 'transfer_created');
  return created && created.actor.unitId === state.fromId && created.actor.role !== 'courier'
    ? directory.person(created.actor.id)
    : null;
}

/** "no. 4, 5 (2 berkas)": files of the daftar arsip by their line number. */
function itemsText(state: TransferState, itemIds: readonly string[]): string {
  const numbers = state.itemIds.flatMap((itemId, index) => (itemIds.includes(itemId) ? [index + 1] : []));
  return `no. ${numbers.join(', ')} daftar arsip (${numbers.length} dari ${state.itemIds.length} berkas)`;
}

/**
 * The couriers' handovers, and who carried each file when it was taken in (who keeps what is
 * rejected). Replays the transfer so a consignment split between couriers shows each part: the
 * handover of a part names its files, and the depot's taking-in is one line per courier it took
 * files from. A consignment never split reads as before: one line per handover, one at intake.
 */
function custodyPassings(
  state: TransferState,
  events: readonly TransferEvent[],
  directory: DocumentDirectory,
) {
  const name = nameOf(directory);
  const lines: HandoverLine[] = [];
  const courierAtIntake = new Map<string, string>();
  const split = events.some((event) => event.type === 'handover_accepted' && event.data.itemIds);
  const takenFrom = new Set<string>();
  let before: MaybeTransferState = null;
  for (const event of events) {
    if (event.type === 'collected') {
      lines.push({
        at: event.occurredAt,
        from: directory.unitName(state.fromId),
        to: `kurir ${name(event.data.custodianId)}`,
        acknowledgement: acknowledgementText(
          event.data,
          name(event.actor.id),
          'dicatat dengan akun kurir',
          name,
        ),
      });
    } else if (event.type === 'handover_accepted') {
      lines.push({
        at: event.occurredAt,
        from: `kurir ${name(event.data.fromCustodianId)}`,
        to: `kurir ${name(event.data.toCustodianId)}`,
        acknowledgement: acknowledgementText(event.data, name(event.actor.id), 'akun: diterima oleh', name),
        ...(event.data.itemIds ? { items: itemsText(state, event.data.itemIds) } : {}),
      });
    } else if (event.type === 'intake_recorded' && before) {
      const carriage = before.carriage;
      const byCourier = new Map<string | null, string[]>();
      for (const { itemId } of event.data.results) {
        const courier = carriage[itemId]?.custodianId ?? null;
        if (courier) courierAtIntake.set(itemId, courier);
        byCourier.set(courier, [...(byCourier.get(courier) ?? []), itemId]);
      }
      // Never split: one courier brought it all (strays included), as the first sitting says.
      const whole = Object.values(carriage)[0]?.custodianId ?? null;
      const groups = split ? [...byCourier] : [[whole, event.data.results.map((r) => r.itemId)] as const];
      for (const [courier, itemIds] of groups) {
        const key = split ? (courier ?? '') : '';
        if (takenFrom.has(key) || (split && courier === null)) continue;
        takenFrom.add(key);
        const carried =
          split && courier
            ? Object.keys(carriage).filter((id) => carriage[id].custodianId === courier)
            : itemIds;
        lines.push({
          at: event.occurredAt,
          from: courier ? `kurir ${name(courier)}` : directory.unitName(state.fromId),
          to: directory.unitName(state.toId),
          acknowledgement: acknowledgementText(
            event.data,
            name(event.actor.id),
            'akun: diperiksa oleh',
            name,
          ),
          ...(split ? { items: itemsText(state, carried) } : {}),
        });
      }
    }
    before = evolveTransfer(before, event);
  }
  return { lines, courierAtIntake };
}

/**
 * What the berita acara serah terima says of a transfer: the parties from its stream and the
 * directory, the couriers' handovers, the daftar arsip from the items' descriptions (titles a reader
 * may not see withheld), the reconciliation from the intake. Pure, so the PDF layout only draws.
 */
export function toBeritaAcaraData(
  state: TransferState,
  events: readonly TransferEvent[],
  items: ReadonlyMap<string, ItemView | null>,
  directory: DocumentDirectory,
  reader?: Reader,
  checkpoint: string | null = null,
): BeritaAcaraData {
  const intake = new Map((state.intake ?? []).map((result) => [result.itemId, result]));
  // Several sittings: the report is final once the last manifest item has its outcome, and PIHAK
  // KEDUA is the clerk of the latest sitting.
  const sittings = events.filter((event) => event.type === 'intake_recorded');
  const intakeEvent = sittings[sittings.length - 1];
  const completed = events.find((event) => event.type === 'completed');
  const tally = state.intake ? reconcile(state.intake) : null;
  const passings = custodyPassings(state, events, directory);
  const readable = (view: ItemView) => !reader || mayRead(reader, view, state.toId);
  const views = state.itemIds.map((itemId) => items.get(itemId) ?? null);
  return {
    baNumber: state.baNumber,
    date: (completed ?? intakeEvent ?? events[events.length - 1]).occurredAt,
    place: directory.unitName(state.toId),
    statusText: STATUS_TEXT[state.status],
    final: completed !== undefined,
    pihakPertama: {
      unitId: state.fromId,
      unitName: directory.unitName(state.fromId),
      person: originSignatory(state, events, directory),
    },
    pihakKedua: {
      unitId: state.toId,
      unitName: directory.unitName(state.toId),
      person: intakeEvent ? directory.person(intakeEvent.actor.id) : null,
    },
    handovers: passings.lines,
    rows: state.itemIds.map((itemId, index) => {
      const view = views[index];
      const open = view !== null && readable(view);
      return {
        no: index + 1,
        kodeKlasifikasi: view?.classificationCode ?? '-',
        uraianInformasi: !view ? `(arsip ${itemId})` : open ? view.title : WITHHELD,
        kurunWaktu: kurunWaktu(view),
        tingkatPerkembangan: view?.copyStatus ? COPY_STATUS[view.copyStatus] : '-',
        jumlah: quantityText(view?.quantity),
        noBoksFolder: [view?.boxNo, view?.folderNo].filter(Boolean).join(' / ') || '-',
        keterangan: [open ? view?.notes : undefined, intakeText(intake.get(itemId))]
          .filter(Boolean)
          .join('. '),
      };
    }),
    totalJumlah: quantityTotals(views.map((view) => view?.quantity)),
    rekonsiliasi: tally && {
      diterima: tally.received.count,
      rusak: tally.damaged.count,
      tidakAda: tally.missing.count,
      tidakSesuaiDaftar: tally.unexpected.count,
      ditolak: tally.rejected.count,
      belumDiperiksa: state.itemIds.filter((itemId) => !intake.has(itemId)).length,
    },
    ditolak: (state.intake ?? [])
      .filter((result) => result.outcome === 'rejected')
      .map((result) => ({
        itemId: result.itemId,
        kurir: passings.courierAtIntake.has(result.itemId)
          ? nameOf(directory)(passings.courierAtIntake.get(result.itemId)!)
          : '-',
        keterangan: result.note ?? '',
      })),
    tidakSesuaiDaftar: (state.intake ?? [])
      .filter((result) => result.outcome === 'unexpected')
      .map((result) => ({ itemId: result.itemId, keterangan: result.note ?? '' })),
    checkpoint,
  };
}
