import { parse } from 'csv-parse/sync';
import type { AuditTrail } from './audit.service';
import { CSV_COLUMNS, trailToCsv } from './audit-csv';

const trail = (overrides: Record<string, unknown> = {}): AuditTrail =>
  ({
    itemId: 'itm-1',
    exportedAt: '2026-11-30T08:00:00.000Z',
    chain: { valid: true, length: 1, headHash: 'h', problems: [] },
    events: [
      {
        eventId: 'e-1',
        itemId: 'itm-1',
        revision: 0,
        type: 'registered',
        data: { title: 'Surat "penting", Kecamatan Cikarang — Désa', originUnitId: 'kec-setu' },
        occurredAt: '2026-11-30T07:00:00.000Z',
        recordedAt: '2026-11-30T07:00:01.000Z',
        actor: { id: 'NIP-1', role: 'officer', unitId: 'kec-setu' },
        commandId: null,
        correlationId: null,
        note: 'baris satu\nbaris dua',
        prevHash: '0'.repeat(64),
        hash: 'a'.repeat(64),
        position: '7',
        ...overrides,
      },
    ],
  }) as unknown as AuditTrail;

describe('trailToCsv', () => {
  it('starts with a UTF-8 byte order mark and a header row, and round-trips commas, quotes and newlines', () => {
    const csv = trailToCsv(trail());
    expect(csv.startsWith('\uFEFF' + CSV_COLUMNS.join(','))).toBe(true);
    const [row] = parse(csv, { bom: true, columns: true }) as Record<string, string>[];
    expect(JSON.parse(row.data).title).toBe('Surat "penting", Kecamatan Cikarang — Désa');
    expect(row.note).toBe('baris satu\nbaris dua');
    expect(row.actorUnitId).toBe('kec-setu');
    expect(row.position).toBe('7');
  });

  it('keeps text that a spreadsheet would run as a formula inert', () => {
    const [row] = parse(trailToCsv(trail({ note: '=HYPERLINK("http://evil")' })), {
      bom: true,
      columns: true,
    }) as Record<string, string>[];
    expect(row.note).toBe(`'=HYPERLINK("http://evil")`);
  });

  it.each([' =1+1', '\n=1+1', '\u200b=1+1', '\uff1d1+1', '\uff0b1', '\uff20SUM(A1)', '\t-1'])(
    'keeps %j inert: after blanks, line breaks, invisible or fullwidth characters',
    (note) => {
      const [row] = parse(trailToCsv(trail({ note })), { bom: true, columns: true }) as Record<
        string,
        string
      >[];
      expect(row.note).toBe(`'${note}`);
    },
  );

  it('leaves ordinary text alone, a hyphen inside included', () => {
    const [row] = parse(trailToCsv(trail({ note: 'Rak R1-03 =baik' })), {
      bom: true,
      columns: true,
    }) as Record<string, string>[];
    expect(row.note).toBe('Rak R1-03 =baik');
  });

  it('writes empty cells for null members', () => {
    const [row] = parse(trailToCsv(trail({ note: null })), { bom: true, columns: true }) as Record<
      string,
      string
    >[];
    expect(row.note).toBe('');
  });
});
