import { readDaftarArsipFile } from './daftar-arsip.file';
import { parseDaftarArsip } from './daftar-arsip.parser';
import { TEMPLATE_COLUMNS, templateCsv, templateXlsx } from './daftar-arsip.template';
import { COLUMN_LABELS } from './daftar-arsip.columns';

const LABELS = TEMPLATE_COLUMNS.map((c) => COLUMN_LABELS[c.field]);

describe('the blank daftar arsip form', () => {
  it('as CSV: a BOM and every column, `;`-separated, read back as a header with no rows', async () => {
    const csv = templateCsv();
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const read = await readDaftarArsipFile(Buffer.from(csv, 'utf8'));
    if ('error' in read) throw new Error(read.error.message);
    expect(read.table).toEqual([LABELS]);
    expect(parseDaftarArsip(read.table)).toMatchObject({ rows: [], errors: [] });
  });

  it('as XLSX: the form sheet first, read back by the import as the same header', async () => {
    const read = await readDaftarArsipFile(await templateXlsx());
    if ('error' in read) throw new Error(read.error.message);
    expect(read).toMatchObject({ format: 'xlsx', table: [LABELS] });
    expect(parseDaftarArsip(read.table)).toMatchObject({ rows: [], errors: [] });
  });

  it('offers every column the import reads', () => {
    expect(new Set(TEMPLATE_COLUMNS.map((c) => c.field))).toEqual(new Set(Object.keys(COLUMN_LABELS)));
  });
});
