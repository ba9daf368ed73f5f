import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dataFiles } from './backup.command';

describe('jejak backup: the order of the copies', () => {
  it('copies every other file before the event log and the short code counters after it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jejak-backup-order-'));
    for (const name of [
      'short-codes.sqlite',
      'events.sqlite',
      'directory.sqlite',
      'read-models.sqlite',
      'notes.txt',
    ])
      writeFileSync(join(dir, name), '');
    expect(dataFiles(dir)).toEqual([
      'directory.sqlite',
      'read-models.sqlite',
      'events.sqlite',
      'short-codes.sqlite',
    ]);
  });
});
