import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventLeafHash, MemoryTree } from '@jejak/verifiable-log';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';
import { SubscribedMerkleLog, withSubscribedLog } from './subscribed-merkle-log';

const dir = mkdtempSync(join(tmpdir(), 'jejak-sublog-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const until = async (condition: () => boolean): Promise<void> => {
  for (let i = 0; i < 400 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!condition()) throw new Error('condition not reached');
};

describe('the verifiable log of a store without one of its own (KurrentDB), fed by a subscription', () => {
  it('gives every committed event its leaf in commit order, and resumes after a restart', async () => {
    // The embedded store without its log stands in for KurrentDB: only the port is used.
    const source = new SqliteEventStore({ filename: join(dir, 'source.sqlite'), verifiableLog: false });
    const logFile = join(dir, 'verifiable-log.sqlite');
    const first = new SubscribedMerkleLog(source, logFile);
    first.start();
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        source.append(`item-${i % 3}`, [{ eventId: `e${i}`, type: 'T', data: { i } }], 'any'),
      ),
    );
    await until(() => first.storage.size() === 12);
    await first.close();

    await source.append('transfer-t', [{ eventId: 'later', type: 'T', data: { later: true } }], 'no_stream');
    const store = withSubscribedLog(source, logFile);
    await until(() => store.verifiableLog.size() === 13);
    const second = { storage: store.verifiableLog };
    const rebuilt = new MemoryTree();
    const positions: string[] = [];
    for await (const event of source.readAll()) {
      rebuilt.append(eventLeafHash(event.data));
      positions.push(event.position);
    }
    expect(second.storage.root(13)).toEqual(rebuilt.root());
    expect(second.storage.leafIndexOf(positions[12])).toBe(12);
    expect(second.storage.latest().headsCount).toBe(4);
    await store.close();
    await expect(source.ping()).rejects.toThrow(/closed/);
  });
});
