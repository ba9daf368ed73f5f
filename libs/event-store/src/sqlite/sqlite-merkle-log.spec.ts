import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import {
  eventLeafHash,
  Frontier,
  MemoryTree,
  streamHeadsTree,
  verifyConsistency,
  verifyInclusion,
  type StreamHead,
} from '@jejak/verifiable-log';
import { SqliteEventStore } from './sqlite-event-store';

const dirs: string[] = [];
const newFile = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'jejak-log-'));
  dirs.push(dir);
  return join(dir, 'events.sqlite');
};
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const event = (id: string, data: Record<string, unknown> = { id }) => ({ eventId: id, type: 'Noted', data });

/** The tree an independent verifier would build: every stored event, in position order. */
async function treeOfStore(
  store: SqliteEventStore,
): Promise<{ tree: MemoryTree; heads: Map<string, StreamHead> }> {
  const tree = new MemoryTree();
  const heads = new Map<string, StreamHead>();
  for await (const e of store.readAll()) {
    heads.set(e.streamId, { stream: e.streamId, revision: e.revision, index: tree.size });
    tree.append(eventLeafHash(e.data));
  }
  return { tree, heads };
}

describe('the verifiable log in the embedded store', () => {
  it('commits to the heads of streams recorded out of order, sorted by stream id, and to none at first', async () => {
    const store = new SqliteEventStore({ filename: newFile() });
    expect(store.verifiableLog!.latest()).toEqual(
      expect.objectContaining({ size: 0, headsCount: 0, headsRoot: streamHeadsTree([]).root() }),
    );
    // 37 streams (an odd count: the heads tree has an unpaired last node), ids not in append order.
    const ids = Array.from({ length: 37 }, (_, i) => `item-${String((i * 17) % 37).padStart(2, '0')}`);
    for (const id of ids) await store.append(id, [event(`${id}-0`)], 'no_stream');
    await store.append(ids[5], [event(`${ids[5]}-1`)], 0);
    const { heads } = await treeOfStore(store);
    const sorted = [...heads.values()].sort((a, b) => (a.stream < b.stream ? -1 : 1));
    const snapshot = store.verifiableLog!.latest();
    expect(snapshot.headsCount).toBe(37);
    expect(snapshot.headsRoot).toEqual(streamHeadsTree(sorted).root());
    const at = sorted.findIndex((h) => h.stream === ids[5]);
    expect(store.verifiableLog!.streamHeadProof(ids[5], 38)).toEqual({
      head: { stream: ids[5], revision: 1, index: 37 },
      headIndex: at,
      proof: streamHeadsTree(sorted).inclusionProofOf(at),
    });
    await store.close();
  });

  it('gives every committed event the next leaf, in commit order, with its canonical hash', async () => {
    const store = new SqliteEventStore({ filename: newFile() });
    await store.append('item-a', [event('a0'), event('a1', { z: 1, a: [2, 'x'] })], 'no_stream');
    await Promise.all([
      store.append('item-b', [event('b0')], 'no_stream'),
      store.append('transfer-t', [event('t0')], 'no_stream'),
    ]);
    const log = store.verifiableLog!;
    const { tree, heads } = await treeOfStore(store);
    expect(log.size()).toBe(4);
    const sortedHeads = [heads.get('item-a'), heads.get('item-b'), heads.get('transfer-t')] as StreamHead[];
    const headsTree = streamHeadsTree(sortedHeads);
    expect(log.latest()).toEqual({ size: 4, root: tree.root(), headsCount: 3, headsRoot: headsTree.root() });
    expect(log.headsAt(4)).toEqual(sortedHeads);
    expect(log.streamHeadProof('item-b', 4)).toEqual({
      head: heads.get('item-b'),
      headIndex: 1,
      proof: headsTree.inclusionProofOf(1),
    });
    expect(log.streamHeadProof('item-z', 4)).toBeNull();
    const [, second] = await store.readStream('item-a');
    expect(log.leafIndexOf(second.position)).toBe(1);
    await store.close();
  });

  it('gives no leaf to a refused append, even one sharing the group commit', async () => {
    const store = new SqliteEventStore({ filename: newFile() });
    await store.append('item-a', [event('a0')], 'no_stream');
    const outcomes = await Promise.allSettled([
      store.append('item-a', [event('stale')], 'no_stream'),
      store.append('item-b', [event('b0', { n: 0.5 })], 'no_stream'),
      store.append('item-c', [event('c0')], 'no_stream'),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'fulfilled']);
    expect(store.verifiableLog!.size()).toBe(2);
    expect(store.verifiableLog!.headsAt(2).map((h) => h.stream)).toEqual(['item-a', 'item-c']);
    expect(store.verifiableLog!.root(2)).toEqual((await treeOfStore(store)).tree.root());
    await store.close();
  });

  it('answers inclusion and consistency proofs, from its stored subtrees, that verify', async () => {
    const store = new SqliteEventStore({ filename: newFile() });
    for (let i = 0; i < 37; i++) await store.append(`item-${i % 5}`, [event(`e${i}`)], 'any');
    const log = store.verifiableLog!;
    const { tree } = await treeOfStore(store);
    for (const size of [1, 2, 5, 16, 37]) {
      for (let index = 0; index < size; index++) {
        verifyInclusion(
          index,
          size,
          tree.subtreeHash(0, index),
          log.inclusionProof(index, size),
          log.root(size),
        );
      }
      if (size < 37)
        verifyConsistency(size, 37, log.root(size), log.root(37), log.consistencyProof(size, 37));
    }
    expect(() => log.inclusionProof(0, 38)).toThrow(RangeError);
    await store.close();
  });

  it('keeps reading the subtrees of a file whose tree was written before the nodes moved into the leaf rows', async () => {
    const filename = newFile();
    const old = new SqliteEventStore({ filename, verifiableLog: false });
    for (let i = 0; i < 21; i++) await old.append(`item-${i % 4}`, [event(`e${i}`)], 'any');
    await old.close();
    // The earlier layout: leaves without a nodes column, every node in log_nodes by completing leaf.
    const db = new Database(filename);
    db.exec(`CREATE TABLE log_leaves (leaf_index INTEGER PRIMARY KEY, position INTEGER NOT NULL, hash BLOB NOT NULL);
      CREATE TABLE log_nodes (node_key INTEGER PRIMARY KEY, hash BLOB NOT NULL);`);
    const frontier = Frontier.empty();
    const rows = db.prepare('SELECT position, data FROM events ORDER BY position').all() as {
      position: number;
      data: string;
    }[];
    for (const row of rows) {
      const leaf = eventLeafHash(JSON.parse(row.data));
      db.prepare('INSERT INTO log_leaves VALUES (?, ?, ?)').run(frontier.size, row.position, leaf);
      for (const node of frontier.append(leaf).slice(1)) {
        const key = ((node.index + 1) * 2 ** node.level - 1) * 64 + node.level;
        db.prepare('INSERT INTO log_nodes VALUES (?, ?)').run(key, node.hash);
      }
    }
    db.close();
    const store = new SqliteEventStore({ filename });
    for (let i = 21; i < 40; i++) await store.append(`item-${i % 4}`, [event(`e${i}`)], 'any');
    const log = store.verifiableLog!;
    const { tree } = await treeOfStore(store);
    expect(log.size()).toBe(40);
    for (const size of [21, 32, 40]) {
      expect(log.root(size)).toEqual(tree.root(size));
      for (let index = 0; index < size; index++) {
        verifyInclusion(
          index,
          size,
          tree.subtreeHash(0, index),
          log.inclusionProof(index, size),
          log.root(size),
        );
      }
    }
    verifyConsistency(21, 40, log.root(21), log.root(40), log.consistencyProof(21, 40));
    await store.close();
  });

  it('knows each stream head at an earlier size', async () => {
    const store = new SqliteEventStore({ filename: newFile() });
    await store.append('item-a', [event('a0')], 'no_stream');
    await store.append('item-b', [event('b0')], 'no_stream');
    await store.append('item-a', [event('a1')], 0);
    expect(store.verifiableLog!.headsAt(2)).toEqual([
      { stream: 'item-a', revision: 0, index: 0 },
      { stream: 'item-b', revision: 0, index: 1 },
    ]);
    expect(store.verifiableLog!.headsAt(3)[0]).toEqual({ stream: 'item-a', revision: 1, index: 2 });
    // At the earlier size, from the leaves (the slow path), the same proof the heads tree gives.
    const earlier = streamHeadsTree(store.verifiableLog!.headsAt(2));
    expect(store.verifiableLog!.streamHeadProof('item-a', 2)).toEqual({
      head: { stream: 'item-a', revision: 0, index: 0 },
      headIndex: 0,
      proof: earlier.inclusionProofOf(0),
    });
    await store.close();
  });

  it('builds the tree once over the events of a store older than the log, reporting progress', async () => {
    const filename = newFile();
    const old = new SqliteEventStore({ filename, verifiableLog: false });
    for (let i = 0; i < 12; i++) await old.append(`item-${i % 3}`, [event(`e${i}`)], 'any');
    await old.close();
    const progress: [number, number][] = [];
    const store = new SqliteEventStore({
      filename,
      onLogCatchUp: (done, total) => progress.push([done, total]),
    });
    expect(progress).toEqual([[12, 12]]);
    await store.append('item-9', [event('after')], 'no_stream');
    expect(store.verifiableLog!.size()).toBe(13);
    expect(store.verifiableLog!.root(13)).toEqual((await treeOfStore(store)).tree.root());
    await store.close();
  });

  it('stays one tree when two processes append to the same file in turn', async () => {
    const filename = newFile();
    const service = new SqliteEventStore({ filename });
    const cli = new SqliteEventStore({ filename });
    await service.append('item-a', [event('a0')], 'no_stream');
    await cli.append('item-b', [event('b0'), event('b1')], 'no_stream');
    await service.append('item-a', [event('a1')], 0);
    const { tree } = await treeOfStore(service);
    expect(service.verifiableLog!.size()).toBe(4);
    expect(service.verifiableLog!.root(4)).toEqual(tree.root());
    await cli.close();
    await service.close();
  });

  it('stores the canonical text the leaf is hashed from, and still knows a retry of a row stored before', async () => {
    const filename = newFile();
    const data = { z: 1, a: { y: 'é', b: [3, { d: null, c: true }] } };
    const canonical = '{"a":{"b":[3,{"c":true,"d":null}],"y":"é"},"z":1}';
    const before = new SqliteEventStore({ filename, verifiableLog: false });
    const first = await before.append('item-old', [event('old0', data)], 'no_stream');
    await before.close();

    const store = new SqliteEventStore({ filename });
    const added = await store.append('item-new', [event('new0', data)], 'no_stream');
    // A retry after a lost reply gets the original answer and records nothing, for either text.
    await expect(store.append('item-old', [event('old0', data)], 'no_stream')).resolves.toEqual(first);
    await expect(store.append('item-new', [event('new0', data)], 'no_stream')).resolves.toEqual(added);
    await expect(store.append('item-new', [event('new0', { ...data, z: 2 })], 'no_stream')).rejects.toThrow();
    await store.close();

    const db = new Database(filename, { readonly: true });
    const rows = db.prepare('SELECT stream_id, data FROM events ORDER BY position').all();
    db.close();
    expect(rows).toEqual([
      { stream_id: 'item-old', data: JSON.stringify(data) },
      { stream_id: 'item-new', data: canonical },
    ]);
    const reopened = new SqliteEventStore({ filename });
    expect((await reopened.readStream('item-new'))[0].data).toEqual(data);
    const { tree } = await treeOfStore(reopened);
    expect(reopened.verifiableLog!.size()).toBe(2);
    expect(reopened.verifiableLog!.root(2)).toEqual(tree.root());
    await reopened.close();
  });

  it('keeps the canonical text the sealing handed over, with the log on or off, and hashes that', async () => {
    const data = { z: 1, a: { y: 'é', b: [3, { d: null, c: true }] } };
    const canonicalData = '{"a":{"b":[3,{"c":true,"d":null}],"y":"é"},"z":1}';
    for (const verifiableLog of [true, false]) {
      const filename = newFile();
      const store = new SqliteEventStore({ filename, verifiableLog });
      const first = await store.append('item-a', [{ ...event('a0', data), canonicalData }], 'no_stream');
      // A retry after a lost reply, without the text, is still the same append.
      await expect(store.append('item-a', [event('a0', data)], 'no_stream')).resolves.toEqual(first);
      expect((await store.readStream('item-a'))[0].data).toEqual(data);
      if (verifiableLog) expect(store.verifiableLog!.leafHash(0)).toEqual(eventLeafHash(data));
      await store.close();
      const db = new Database(filename, { readonly: true });
      expect(db.prepare('SELECT data FROM events').pluck().all()).toEqual([canonicalData]);
      db.close();
    }
  });

  it('keeps every checkpoint, answering the latest and any by size', async () => {
    const store = new SqliteEventStore({ filename: newFile() });
    const log = store.verifiableLog!;
    expect(log.latestCheckpoint()).toBeNull();
    log.saveCheckpoint({ size: 1, note: 'one', signedAt: '2026-01-01T00:00:00.000Z' });
    log.saveCheckpoint({ size: 3, note: 'three', signedAt: '2026-01-01T00:00:05.000Z' });
    expect(log.latestCheckpoint()?.note).toBe('three');
    expect(log.checkpointAt(1)?.note).toBe('one');
    expect(log.checkpointAt(2)).toBeNull();
    await store.close();
  });
});
