import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { BULK_ITEMS, custodyScenario, projectInto } from '../testing/custody-scenario.fixture';
import { describeReadModelsContract } from '../testing/read-models.contract';
import { SqliteReadModels } from './sqlite-read-models';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function inTempDir(options: { fewCandidates?: number } = {}) {
  return async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jejak-read-models-'));
    dirs.push(dir);
    return new SqliteReadModels({ filename: join(dir, 'read-models.sqlite'), ...options });
  };
}

describeReadModelsContract('sqlite', inTempDir());
// Filtered searches otherwise check the few candidates' words; this runs them through FTS instead.
describeReadModelsContract('sqlite, filtered search through the FTS index', inTempDir({ fewCandidates: 0 }));

describe('SqliteReadModels rebuild', () => {
  /** Indexes of the live items table, as SQLite lists them (not the automatic ones). */
  const itemIndexes = (filename: string): string[] => {
    const db = new Database(filename, { readonly: true });
    try {
      return (
        db
          .prepare(
            `SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'items' AND sql IS NOT NULL`,
          )
          .pluck()
          .all() as string[]
      ).map((sql) => sql.replace(/ix_[0-9a-f]+_/, 'ix_').replaceAll('"', ''));
    } finally {
      db.close();
    }
  };

  it('bulk-loads, then swaps in the indexes and text index a fresh store has', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jejak-read-models-'));
    dirs.push(dir);
    const fresh = join(dir, 'fresh.sqlite');
    await new SqliteReadModels({ filename: fresh }).close();
    const rebuilt = join(dir, 'rebuilt.sqlite');
    const store = new SqliteReadModels({ filename: rebuilt });
    const rebuild = await store.beginRebuild();
    await projectInto(rebuild, custodyScenario().events());
    expect(await rebuild.swap()).toBe(true);

    expect((await store.listItems({ q: 'surat keputusan', limit: 500 })).items).toHaveLength(BULK_ITEMS);
    expect((await store.listItems({ q: 'désa' })).items.map((view) => view.itemId)).toEqual(['item-03']);
    await store.close();
    expect(itemIndexes(rebuilt).sort()).toEqual(itemIndexes(fresh).sort());
    expect(itemIndexes(fresh).length).toBeGreaterThan(0);
  });
});

describe('SqliteReadModels schema versions', () => {
  /** The tables a file of the first schema had: the view stored as JSON beside the state. */
  const writeVersionOneFile = (filename: string): void => {
    const db = new Database(filename);
    db.exec(`
      CREATE TABLE items (seq INTEGER PRIMARY KEY, item_id TEXT NOT NULL UNIQUE, revision INTEGER NOT NULL);
      CREATE TABLE item_docs (seq INTEGER PRIMARY KEY NOT NULL, view TEXT NOT NULL, state TEXT NOT NULL);
      CREATE TABLE trail (item_id TEXT, revision INTEGER, entry TEXT, PRIMARY KEY (item_id, revision)) WITHOUT ROWID;
      CREATE TABLE checkpoints (projection TEXT PRIMARY KEY, position TEXT NOT NULL);
      INSERT INTO checkpoints VALUES ('custody', '9999');
    `);
    db.close();
  };

  it('empties a file of an older schema on open, so the projector starts again from the log', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jejak-read-models-'));
    dirs.push(dir);
    const filename = join(dir, 'read-models.sqlite');
    writeVersionOneFile(filename);

    const store = new SqliteReadModels({ filename });
    expect(store.replacedSchemaVersion).toBe(0);
    expect(await store.appliedPosition()).toBeNull();
    const log = custodyScenario();
    await projectInto(store, log.events());
    expect((await store.getItem('item-01'))?.status).toBe('in_transit');
    await store.close();

    const reopened = new SqliteReadModels({ filename });
    expect(reopened.replacedSchemaVersion).toBeNull();
    expect((await reopened.getItem('item-01'))?.status).toBe('in_transit');
    await reopened.close();
  });

  it('keeps a state without its event ids: an item of many events is stored at the size of one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jejak-read-models-'));
    dirs.push(dir);
    const filename = join(dir, 'read-models.sqlite');
    const store = new SqliteReadModels({ filename });
    await projectInto(store, custodyScenario().events());
    const [record] = (await store.loadItems(['item-01'])).values();
    expect(record.state.revision).toBeGreaterThan(1);
    expect(record.state.eventIds).toEqual([]);
    await store.close();
    const db = new Database(filename, { readonly: true });
    const stored = db.prepare(
      `SELECT d.state FROM items i JOIN item_docs d ON d.seq = i.seq WHERE i.item_id = ?`,
    );
    expect(stored.pluck().get('item-01')).not.toContain('eventIds');
    db.close();
  });
});
