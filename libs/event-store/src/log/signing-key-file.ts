import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatSkey, parseSkey, type NoteSigner } from '@jejak/verifiable-log';

/** The log's signing key in the data directory, in Go's note form, readable by its owner only. */
export const SIGNING_KEY_FILE = 'log-signing.key';

export interface SigningKeySource {
  dataDir: string;
  /** Name of a new key (the origin). */
  keyName: string;
  /** JEJAK_LOG_SIGNING_KEY: wins over the file. */
  givenKey?: string;
}

/** The given key, else the one in the data directory, else a new one written there (0600). */
export function loadOrCreateSigningKey(source: SigningKeySource): { signer: NoteSigner; created: boolean } {
  if (source.givenKey) return { signer: parseSkey(source.givenKey.trim()), created: false };
  const file = join(source.dataDir, SIGNING_KEY_FILE);
  if (existsSync(file)) return { signer: parseSkey(readFileSync(file, 'utf8').trim()), created: false };
  const skey = formatSkey(source.keyName, randomBytes(32));
  // 'wx': never overwrite a key another process has just made.
  writeFileSync(file, `${skey}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return { signer: parseSkey(skey), created: true };
}

/** The vkey of the key kept in the data directory (or given), without making one; null when none. */
export function existingVkey(source: Omit<SigningKeySource, 'keyName'>): string | null {
  if (source.givenKey) return parseSkey(source.givenKey.trim()).vkey;
  const file = join(source.dataDir, SIGNING_KEY_FILE);
  return existsSync(file) ? parseSkey(readFileSync(file, 'utf8').trim()).vkey : null;
}
