import type { AuditTrail } from './audit.service';

export const CSV_COLUMNS = [
  'revision',
  'eventId',
  'type',
  'occurredAt',
  'recordedAt',
  'actorId',
  'actorRole',
  'actorUnitId',
  'note',
  'data',
  'position',
  'prevHash',
  'hash',
] as const;

/**
 * Spreadsheets run cells starting with these as formulas; a leading apostrophe keeps them text.
 * Checked after blanks, line breaks and invisible characters (some spreadsheets skip them) and
 * after NFKC folding, which turns a fullwidth "＝" into "=" as some spreadsheets do.
 */
const FORMULA_START = /^[\s\p{Cc}\p{Cf}]*[=+\-@]|^[\t\r]/u;

export const runsAsFormula = (text: string): boolean => FORMULA_START.test(text.normalize('NFKC'));

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text =
    typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (runsAsFormula(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * RFC 4180 CSV with a header row and CRLF line ends. It starts with a UTF-8 byte order mark so that
 * spreadsheet tools read names like "Sukaraja — Tambun Selatan" or "Pérez" without mojibake.
 */
export function trailToCsv(trail: AuditTrail): string {
  const rows = trail.events.map((event) =>
    [
      event.revision,
      event.eventId,
      event.type,
      event.occurredAt,
      event.recordedAt,
      event.actor?.id,
      event.actor?.role,
      event.actor?.unitId,
      event.note,
      event.data,
      event.position,
      event.prevHash,
      event.hash,
    ]
      .map(cell)
      .join(','),
  );
  return `\uFEFF${[CSV_COLUMNS.join(','), ...rows].join('\r\n')}\r\n`;
}
