import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  openNote,
  parseCheckpoint,
  parseHeadsExtension,
  parseVkey,
  signerFromSeed,
  streamHeadsTree,
} from '@jejak/verifiable-log';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';
import { signCheckpointIfGrown } from './checkpoint-signing';

const dir = mkdtempSync(join(tmpdir(), 'jejak-cps-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const signer = signerFromSeed('jejak.example/log', Buffer.alloc(32, 9));
const clock = (iso: string) => () => new Date(iso);

describe('signing checkpoints of the embedded store', () => {
  it('signs the size, root and stream heads once per size, keeping every one', async () => {
    const store = new SqliteEventStore({ filename: join(dir, 'events.sqlite') });
    const log = store.verifiableLog!;
    const empty = signCheckpointIfGrown(log, signer, 'jejak.example/log', clock('2026-01-01T00:00:00Z'));
    expect(empty.size).toBe(0);
    await store.append('item-b', [{ eventId: 'b0', type: 'T', data: { b: 0 } }], 'no_stream');
    await store.append('item-a', [{ eventId: 'a0', type: 'T', data: { a: 0 } }], 'no_stream');
    const signed = signCheckpointIfGrown(log, signer, 'jejak.example/log', clock('2026-01-01T00:00:05Z'));
    expect(signed.signedAt).toBe('2026-01-01T00:00:05.000Z');
    const checkpoint = parseCheckpoint(openNote(signed.note, [parseVkey(signer.vkey)]).text);
    expect(checkpoint).toMatchObject({ origin: 'jejak.example/log', size: 2, root: log.root(2) });
    const heads = streamHeadsTree([
      { stream: 'item-a', revision: 0, index: 1 },
      { stream: 'item-b', revision: 0, index: 0 },
    ]);
    expect(parseHeadsExtension(checkpoint.extensions)).toEqual({ count: 2, root: heads.root() });

    const again = signCheckpointIfGrown(log, signer, 'jejak.example/log', clock('2026-01-01T00:00:10Z'));
    expect(again).toEqual(signed);
    expect(log.checkpointAt(0)?.note).toBe(empty.note);
    await store.close();
  });
});
