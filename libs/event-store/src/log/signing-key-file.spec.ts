import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { existingVkey, loadOrCreateSigningKey, SIGNING_KEY_FILE } from './signing-key-file';

const dirs: string[] = [];
const newDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'jejak-key-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('the log signing key in the data directory', () => {
  it('is made on first start, owner-only, and the same key afterwards', () => {
    const dataDir = newDir();
    expect(existingVkey({ dataDir })).toBeNull();
    const first = loadOrCreateSigningKey({ dataDir, keyName: 'jejak.example/log' });
    expect(first.created).toBe(true);
    expect(statSync(join(dataDir, SIGNING_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dataDir, SIGNING_KEY_FILE), 'utf8')).toMatch(
      /^PRIVATE\+KEY\+jejak\.example\/log\+/,
    );
    const again = loadOrCreateSigningKey({ dataDir, keyName: 'jejak.example/log' });
    expect(again.created).toBe(false);
    expect(again.signer.vkey).toBe(first.signer.vkey);
    expect(existingVkey({ dataDir })).toBe(first.signer.vkey);
  });

  it('uses a key given in the environment instead, writing nothing', () => {
    const dataDir = newDir();
    const skey = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
    const { signer } = loadOrCreateSigningKey({ dataDir, keyName: 'ignored', givenKey: skey });
    expect(signer.vkey).toBe('PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW');
    expect(existingVkey({ dataDir })).toBeNull();
  });
});
