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
