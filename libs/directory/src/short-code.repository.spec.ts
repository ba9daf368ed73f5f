import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openShortCodeDatabase, ShortCodeRepository } from './short-code.repository';

describe('ShortCodeRepository', () => {
  const at = new Date(Date.now() - 60_000).toISOString();
  const year = new Date(Date.parse(at) + 7 * 3600_000).getUTCFullYear();

  it('numbers registrations per prefix and year from 1', () => {
    const codes = new ShortCodeRepository(new Database(':memory:'));
    expect(codes.assign('kec-cikarang-utara', at)).toBe(`CKU-${year}-00001`);
    expect(codes.assign('kec-cikarang-utara', at)).toBe(`CKU-${year}-00002`);
    expect(codes.assign('kec-babelan', at)).toBe(`BBL-${year}-00001`);
  });

  it('never repeats a number: two connections to one file (the API and the CLI), and a restart', () => {
    const dir = mkdtempSync(join(tmpdir(), 'short-codes-'));
    const api = new ShortCodeRepository(openShortCodeDatabase(dir));
    const cli = new ShortCodeRepository(openShortCodeDatabase(dir));
    const codes = Array.from({ length: 200 }, (_, i) => (i % 2 ? api : cli).assign('kec-setu', at));
    api.close();
    cli.close();
    const restarted = new ShortCodeRepository(openShortCodeDatabase(dir));
    codes.push(restarted.assign('kec-setu', at));
    expect(new Set(codes).size).toBe(201);
    expect(codes[200]).toBe(`SET-${year}-00201`);
  });
});
