import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { refuse } from '@jejak/custody';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';
import { ConcurrencyConflictError, IdempotencyKeyReusedError } from './command-errors';
import { CommandPipeline, type CommandSpec, type SealedEvent } from './command-pipeline';
import { IdempotentRequest } from './idempotent-request';

/** A tally stream: each command adds to it; the state refuses going above a limit. */
interface Tally {
  revision: number;
  headHash: string;
  eventIds: string[];
  total: number;
}
type Added = SealedEvent & { amount: number };

const fold = {
  decode: (data: Record<string, unknown>): Added => ({
    eventId: String(data.eventId),
    type: String(data.type),
    revision: Number(data.revision),
    prevHash: String(data.prevHash),
    hash: String(data.hash),
    amount: Number(data.amount),
  }),
  evolve: (state: Tally | null, event: Added): Tally => ({
    revision: event.revision,
    headHash: event.hash,
    eventIds: [...(state?.eventIds ?? []), event.eventId],
    total: (state?.total ?? 0) + event.amount,
  }),
};

function add(amount: number, extra: Partial<CommandSpec<number, Added, Tally, null>> = {}) {
  return {
    streamId: 'tally-1',
    fold,
    tokenId: 'tok-1',
    context: () => ({ ok: true as const, value: null }),
    decide: (state: Tally | null) =>
      (state?.total ?? 0) + amount > 100
        ? refuse('invalid-transition', 'over the limit')
        : { ok: true as const, events: [amount] },
    seal: (
      decided: readonly number[],
      chain: { prevRevision: number; prevHash: string; eventIds: readonly string[] },
    ) =>
      decided.map((value, index) => ({
        eventId: chain.eventIds[index],
        type: 'added',
        revision: chain.prevRevision + 1 + index,
        prevHash: chain.prevHash,
        hash: `h-${chain.prevRevision + 1 + index}`,
        amount: value,
      })),
    ...extra,
  } satisfies CommandSpec<number, Added, Tally, null>;
}

describe('CommandPipeline', () => {
  let dir: string;
  let store: SqliteEventStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'jejak-pipeline-'));
    store = new SqliteEventStore({ filename: join(dir, 'events.sqlite') });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('records 30 concurrent unpinned commands on one stream, each against the latest state', async () => {
    const pipeline = new CommandPipeline(store);
    const results = await Promise.all(Array.from({ length: 30 }, () => pipeline.handle(add(1))));
    expect(results.every((result) => !result.replayed)).toBe(true);
    const events = await store.readStream('tally-1');
    expect(events.map((e) => e.revision)).toEqual(events.map((_, i) => i));
    expect(events).toHaveLength(30);
  });

  it('retries against a writer it does not know of (another process), unless a revision was pinned', async () => {
    const here = new CommandPipeline(store);
    const elsewhere = new CommandPipeline(store);
    await here.handle(add(1));
    const both = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? here : elsewhere).handle(add(1))),
    );
    expect(both).toHaveLength(10);
    expect(await store.readStream('tally-1')).toHaveLength(11);
    await expect(here.handle(add(1, { expectedRevision: 3 }))).rejects.toThrow(ConcurrencyConflictError);
    expect(await store.readStream('tally-1')).toHaveLength(11);
  });

  it('answers a request seen before from the store, and refuses its key for another body', async () => {
    const pipeline = new CommandPipeline(store);
    const request = new IdempotentRequest('tok-1', 'k-1', 'body-1');
    const first = await pipeline.handle(add(5, { request }));
    const again = await pipeline.handle(add(5, { request }));
    expect(first.replayed).toBe(false);
    expect(again).toMatchObject({ replayed: true, state: { total: 5 } });
    expect(await store.readStream('tally-1')).toHaveLength(1);
    const reused = pipeline.handle(add(7, { request: new IdempotentRequest('tok-1', 'k-1', 'body-2') }));
    await expect(reused).rejects.toThrow(IdempotencyKeyReusedError);
    expect(await store.readStream('tally-1')).toHaveLength(1);
  });
});
