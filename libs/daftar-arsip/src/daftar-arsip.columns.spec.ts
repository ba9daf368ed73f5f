import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  COLUMN_LABELS,
  COLUMN_VARIANTS,
  IMPORT_FIELDS,
  fieldOfHeader,
  headerKey,
} from './daftar-arsip.columns';

describe('the accepted daftar arsip headers', () => {
  it('read every label and variant as its own field, and no header as two fields', () => {
    const seen = new Map<string, string>();
    for (const field of IMPORT_FIELDS) {
      for (const header of [COLUMN_LABELS[field], ...COLUMN_VARIANTS[field]]) {
        expect([header, fieldOfHeader(header)]).toEqual([header, field]);
        const key = headerKey(header);
        expect([header, seen.get(key) ?? field]).toEqual([header, field]);
        seen.set(key, field);
      }
    }
  });

  it('ignore case, spaces and punctuation', () => {
    expect(fieldOfHeader('URAIAN INFORMASI BERKAS')).toBe('title');
    expect(fieldOfHeader('No Berkas')).toBe('no');
    expect(fieldOfHeader(' no.  boks ')).toBe('boxNo');
  });
});

describe('the README', () => {
  it('lists every accepted header, so an officer can look up what a refusal names', () => {
    const readme = readFileSync(join(__dirname, '..', '..', '..', 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Importing a daftar arsip'));
    for (const field of IMPORT_FIELDS) {
      const line = section.split('\n').find((l) => l.startsWith(`| ${COLUMN_LABELS[field]} `));
      expect([field, line !== undefined]).toEqual([field, true]);
      for (const variant of COLUMN_VARIANTS[field]) expect(line).toContain(variant);
    }
  });
});
