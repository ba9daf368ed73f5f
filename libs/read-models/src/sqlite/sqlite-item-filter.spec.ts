import Database from 'better-sqlite3';
import type { ItemQuery } from '../read-model.port';
import { itemListQuery } from './sqlite-item-filter';
import { createSchema, LIVE_TABLES } from './sqlite-schema';

describe('item list plans', () => {
  let db: Database.Database;
  beforeAll(() => {
    db = new Database(':memory:');
    createSchema(db, LIVE_TABLES, 'test');
    db.exec('ANALYZE');
  });
  afterAll(() => db.close());

  const plan = (query: ItemQuery): string => {
    const { sql, params } = itemListQuery(query, LIVE_TABLES, 51, 'fts');
    const rows = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[];
    return rows.map((row) => row.detail).join('\n');
  };

  it.each<[string, ItemQuery, string]>([
    ['a place', { locationId: 'depot-1' }, 'ix_test_location'],
    ['a custodian', { custodianId: 'kurir-1' }, 'ix_test_custodian'],
    ['a place and a live status', { locationId: 'depot-1', status: 'deposited' }, 'ix_test_location'],
  ])('reads the inventory of %s through its partial index, in order without a sort', (_, query, index) => {
    const detail = plan(query);
    expect(detail).toContain(`USING INDEX ${index}`);
    expect(detail).not.toContain('TEMP B-TREE');
  });

  it('finds the destroyed items of a place without the inventory index, which lacks them', () => {
    expect(plan({ locationId: 'depot-1', status: 'disposed' })).not.toContain('ix_test_location');
  });
});
