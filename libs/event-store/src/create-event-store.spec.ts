import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEventStore } from './create-event-store';
import { SqliteEventStore } from './sqlite/sqlite-event-store';

describe('createEventStore', () => {
  it('without a server URL opens <dataDir>/events.sqlite, creating the directory', async () => {
    const root = mkdtempSync(join(tmpdir(), 'jejak-create-'));
    const dataDir = join(root, 'nested', 'data');
    const store = await createEventStore({ dataDir });
    expect(store).toBeInstanceOf(SqliteEventStore);
    await store.append('item-1', [{ eventId: 'e1', type: 'ItemRegistered', data: {} }], 'no_stream');
    await store.close();
    expect(existsSync(join(dataDir, 'events.sqlite'))).toBe(true);
    rmSync(root, { recursive: true, force: true });
  });
});
