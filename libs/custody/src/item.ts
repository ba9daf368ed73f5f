/** What an item carries: the fields of an Indonesian archive list (daftar arsip). */

export const ITEM_KINDS = ['file', 'letter'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

export const SECURITY_CLASSES = ['biasa', 'terbatas', 'rahasia', 'sangat_rahasia'] as const;
export type SecurityClass = (typeof SECURITY_CLASSES)[number];
/** Only these may enter the system; the others are refused with `classified-not-accepted`. */
export const ACCEPTED_SECURITY_CLASSES: readonly SecurityClass[] = ['biasa', 'terbatas'];

export const COPY_STATUSES = ['asli', 'salinan', 'tembusan'] as const;
export type CopyStatus = (typeof COPY_STATUSES)[number];

export const DISPOSITIONS = ['musnah', 'permanen', 'dinilai_kembali'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

/** The units of the jumlah column on the ANRI daftar arsip forms. */
export const QUANTITY_UNITS = [
  'berkas',
  'lembar',
  'boks',
  'bundel',
  'map',
  'ordner',
  'buku',
  'jilid',
  'eksemplar',
  'sampul',
  'gulung',
  'keping',
  'album',
] as const;
export type QuantityUnit = (typeof QUANTITY_UNITS)[number];

/** JRA (jadwal retensi arsip). */
export interface Retention {
  activeYears: number;
  inactiveYears: number;
  disposition: Disposition;
}

/** Kurun waktu, e.g. 2015–2017. */
export interface Period {
  from: number;
  to: number;
}

export interface Quantity {
  count: number;
  unit: QuantityUnit;
}

/** Where an item sits inside a depot. */
export interface Storage {
  room: string;
  shelf?: string;
  box?: string;
}

export interface ItemDescription {
  kind: ItemKind;
  title: string;
  classificationCode: string;
  securityClass: SecurityClass;
  originUnitId: string;
  year?: number;
  period?: Period;
  copyStatus?: CopyStatus;
  quantity?: Quantity;
  folderNo?: string;
  boxNo?: string;
  retention?: Retention;
  notes?: string;
  /** Letters only. */
  addresseeUnitId?: string;
  letterNumber?: string;
  letterDate?: string;
  /**
   * The short code (`CKU-2026-00042`, see short-code.ts), given by the service when the
   * registration is recorded; absent on items registered before codes existed.
   */
  shortCode?: string;
}
