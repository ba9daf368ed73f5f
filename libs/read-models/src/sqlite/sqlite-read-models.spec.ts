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
