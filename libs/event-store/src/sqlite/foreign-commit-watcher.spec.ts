import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordedEvent } from '../event-store.port';
import { SqliteEventStore } from './sqlite-event-store';

describe('commits by another process on the same file', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'jejak-foreign-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('wake a live subscription without any write of its own', async () => {
    const filename = join(dir, 'events.sqlite');
    const service = new SqliteEventStore({ filename });
    const cli = new SqliteEventStore({ filename });
    const seen: RecordedEvent[] = [];
    let caughtUp!: () => void;
    const live = new Promise<void>((resolve) => (caughtUp = resolve));
    const subscription = service.subscribeToAll({
      onEvent: (e) => void seen.push(e),
      onCaughtUp: () => caughtUp(),
    });
    await live;

    await cli.append('item-a', [{ eventId: 'e1', type: 't', data: { n: 1 } }], 'no_stream');
    await cli.append('item-b', [{ eventId: 'e2', type: 't', data: { n: 2 } }], 'no_stream');

    const deadline = Date.now() + 5000;
    while (seen.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(seen.map((e) => e.eventId)).toEqual(['e1', 'e2']);

    await subscription.stop();
    await cli.close();
    await service.close();
  });
});

describe('commits by another OS process on the same file', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'jejak-foreign-process-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Another process appending one event per commit, with a pause between commits. */
  const appendFromAnotherProcess = (filename: string, count: number): Promise<number | null> => {
    // A connection per commit, opened and closed, as one `jejak import` after another does.
    const script = `
      const Database = require('better-sqlite3');
      let n = 0;
      const next = () => {
        const db = new Database(${JSON.stringify(filename)});
        db.prepare("INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at) VALUES (?, 0, ?, 't', '{}', '{}', '2026-11-30T00:00:00.000Z')").run('item-' + n, 'foreign-' + n);
        db.close();
        n += 1;
        if (n < ${count}) setTimeout(next, 30);
      };
      next();`;
    const child = spawn(process.execPath, ['-e', script], { cwd: process.cwd(), stdio: 'inherit' });
    return new Promise((resolve) => child.once('exit', resolve));
  };

  it('wake a live subscription for every one of them', async () => {
    const filename = join(dir, 'events.sqlite');
    const store = new SqliteEventStore({ filename });
    const seen: string[] = [];
    let caughtUp!: () => void;
    const live = new Promise<void>((resolve) => (caughtUp = resolve));
    const subscription = store.subscribeToAll({
      onEvent: (e) => void seen.push(e.eventId),
      onCaughtUp: () => caughtUp(),
    });
    await live;

    expect(await appendFromAnotherProcess(filename, 10)).toBe(0);
    // Well under the one-second poll: every commit must be seen through the WAL's file events.
    const deadline = Date.now() + 800;
    while (seen.length < 10 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(seen).toEqual(Array.from({ length: 10 }, (_, n) => `foreign-${n}`));

    await subscription.stop();
    await store.close();
  }, 20_000);
});
