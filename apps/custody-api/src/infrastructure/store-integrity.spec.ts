import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { StoreIntegrity } from './store-integrity';

describe('StoreIntegrity', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'jejak-integrity-unit-'));
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => {
    jest.restoreAllMocks();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('checks the files at the next start only when the last one did not stop cleanly', () => {
    expect(new StoreIntegrity(dataDir).checkFiles).toBe(false);
    // The first was never released (a crash): the next one checks.
    const second = new StoreIntegrity(dataDir);
    expect(second.checkFiles).toBe(true);
    second.release();
    expect(existsSync(join(dataDir, '.jejak-open'))).toBe(false);
    expect(new StoreIntegrity(dataDir).checkFiles).toBe(false);
  });

  it('keeps the marker at a clean stop after damage was seen while serving, and logs the damage once', () => {
    const integrity = new StoreIntegrity(dataDir);
    const damage = Object.assign(new Error('database disk image is malformed'), { code: 'SQLITE_CORRUPT' });
    integrity.damageSeen(damage);
    integrity.damageSeen(damage);
    expect(Logger.prototype.error).toHaveBeenCalledTimes(1);
    expect(integrity.damagedWhileRunning).toBe('database disk image is malformed');
    integrity.release();
    expect(new StoreIntegrity(dataDir).checkFiles).toBe(true);
  });
});
