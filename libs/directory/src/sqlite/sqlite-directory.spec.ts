import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDirectoryDatabase } from '../directory.database';
import { openShortCodeDatabase } from '../short-code.repository';
import { CONTRACT_IDLE_MS, describeDirectoryContract } from '../testing/directory.contract';
import { sqliteDirectory } from './sqlite-directory';
import { SqliteIdempotencyStore } from './sqlite-idempotency.store';

const folders: string[] = [];
afterAll(() => folders.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describeDirectoryContract('sqlite', async ({ clock }) => {
  const dir = mkdtempSync(join(tmpdir(), 'jejak-directory-contract-'));
  folders.push(dir);
  return sqliteDirectory(
    {
      directory: openDirectoryDatabase(dir),
      shortCodes: openShortCodeDatabase(dir),
      idempotency: new SqliteIdempotencyStore(dir, clock),
    },
    { sessionIdleMs: CONTRACT_IDLE_MS, clock },
  );
});
