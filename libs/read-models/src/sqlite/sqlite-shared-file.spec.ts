import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { custodyScenario, projectInto } from '../testing/custody-scenario.fixture';
import { aDescription, CustodyLog } from '../testing/custody-events.fixture';
import { snapshot } from '../testing/read-model-snapshot';
import { SqliteReadModels } from './sqlite-read-models';

/** The API (projector + reads) and the CLI (a rebuild) open the same file on two connections. */
describe('SqliteReadModels shared by two connections', () => {
  let dir: string;
  let api: SqliteReadModels;
  let cli: SqliteReadModels;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'jejak-shared-'));
    api = new SqliteReadModels({ filename: join(dir, 'read-models.sqlite') });
    cli = new SqliteReadModels({ filename: join(dir, 'read-models.sqlite') });
  });

  afterEach(async () => {
    await api.close();
    await cli.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses to swap while the other connection is ahead, then swaps and the other keeps working', async () => {
    const log = custodyScenario();
    const events = log.events();
    await projectInto(api, events);

    const rebuild = await cli.beginRebuild();
    await projectInto(rebuild, events);
    const more = new CustodyLog(events.length);
    more.register('late-1', aDescription({ title: 'Berkas susulan' }), '2026-11-20T00:00:00.000Z');
    await projectInto(api, more.events());
    expect(await rebuild.swap()).toBe(false);

    await projectInto(rebuild, more.events());
    const ids = ['item-01', 'item-02', 'late-1'];
    const before = await snapshot(api, ids);
    expect(await rebuild.swap()).toBe(true);

    expect(await snapshot(api, ids)).toEqual(before);
    const after = new CustodyLog(events.length + 1);
    after.register('late-2', aDescription({ title: 'Berkas terakhir' }), '2026-11-21T00:00:00.000Z');
    await projectInto(api, after.events());
    expect((await cli.listItems({ q: 'berkas' })).items.map((view) => view.itemId)).toEqual([
      'late-1',
      'late-2',
    ]);
  });
});
