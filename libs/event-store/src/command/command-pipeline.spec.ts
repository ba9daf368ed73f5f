import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalJson, GENESIS_HASH, refuse, sealEvents } from '@jejak/custody';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';
import { ConcurrencyConflictError, IdempotencyKeyReusedError } from './command-errors';
import {
  CommandPipeline,
  toStreamAppend,
  type ChainStart,
  type CommandSpec,
  type SealedEvent,
} from './command-pipeline';
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

  describe('settle', () => {
    /** A one-use token outside the stream, as a kode serah is: held by whoever settled first. */
    const holder = () => {
      const seen = { holder: null as string | null, calls: 0 };
      const settleAs = (who: string) => async () => {
        seen.calls += 1;
        if (seen.holder !== null && seen.holder !== who) {
          return { code: 'forbidden' as const, message: `held by ${seen.holder}` };
        }
        seen.holder = who;
        return null;
      };
      return { seen, settleAs };
    };

    it('runs once a decision holds and before the append; its refusal records nothing', async () => {
      const pipeline = new CommandPipeline(store);
      const { seen, settleAs } = holder();
      await pipeline.handle(add(5, { settle: settleAs('A') }));
      const refused = pipeline.handle(add(5, { settle: settleAs('B') }));
      await expect(refused).rejects.toThrow('held by A');
      expect(await store.readStream('tally-1')).toHaveLength(1);
      // A decision that does not hold never settles.
      await expect(pipeline.handle(add(500, { settle: settleAs('C') }))).rejects.toThrow('over the limit');
      expect(seen).toEqual({ holder: 'A', calls: 2 });
    });

    it('a request recorded before answers as stored, even where settling it again would be refused', async () => {
      const here = new CommandPipeline(store);
      const elsewhere = new CommandPipeline(store);
      const request = new IdempotentRequest('tok-1', 'k-1', 'body-1');
      const { seen, settleAs } = holder();
      const cache = new Map<string, Tally>();
      const cached = {
        get: (id: string) => cache.get(id),
        set: (id: string, state: Tally) => void cache.set(id, state),
        delete: (id: string) => void cache.delete(id),
      };
      await here.handle(add(1, { cache: cached }));
      await elsewhere.handle(add(5, { request, settle: settleAs('A') }));
      seen.holder = 'B';
      // `here` has a stale cached state: its settle refuses, and the fresh read finds the request.
      const again = await here.handle(add(5, { request, cache: cached, settle: settleAs('A') }));
      expect(again).toMatchObject({ replayed: true, state: { total: 6 } });
      // Read from the store, the request is known before the decision: nothing is settled.
      const calls = seen.calls;
      await expect(elsewhere.handle(add(5, { request, settle: settleAs('A') }))).resolves.toMatchObject({
        replayed: true,
      });
      expect(seen.calls).toBe(calls);
      expect(await store.readStream('tally-1')).toHaveLength(2);
    });
  });

  describe('handleMany', () => {
    const streams = ['tally-a', 'tally-b', 'tally-c'].map((streamId) => ({ streamId, idScope: [streamId] }));
    const many = (amounts: Record<string, number>, extra: object = {}) => ({
      streams,
      fold,
      tokenId: 'tok-1',
      batchSize: 2,
      context: () => ({ ok: true as const, value: null }),
      decide: (states: ReadonlyMap<string, Tally | null>) =>
        [...states.values()].some((state) => state !== null)
          ? { ok: false as const, refusal: 'already there' }
          : { ok: true as const, events: new Map([...states.keys()].map((id) => [id, [amounts[id] ?? 1]])) },
      seal: (_streamId: string, decided: readonly number[], chain: ChainStart) =>
        add(0).seal(decided, chain, null),
      ...extra,
    });

    it('records one decision over many streams in batches, each stream in its own chain', async () => {
      const progress: number[] = [];
      const handled = await new CommandPipeline(store).handleMany(
        many({ 'tally-b': 7 }, { onAppended: (n: number) => progress.push(n) }),
      );
      expect(handled.ok && handled.results.map((r) => r.revision)).toEqual([0, 0, 0]);
      expect(progress).toEqual([0, 2, 3]);
      expect((await store.readStream('tally-b')).map((e) => e.data.amount)).toEqual([7]);
    });

    it('refuses as the decision says, and on a dry run decides only: nothing recorded', async () => {
      await store.append(
        'tally-c',
        [{ eventId: 'e-1', type: 'added', data: { amount: 1 }, metadata: {} }],
        'no_stream',
      );
      const pipeline = new CommandPipeline(store);
      expect(await pipeline.handleMany(many({}))).toEqual({ ok: false, refusal: 'already there' });
      const fresh = { ...many({}), streams: streams.slice(0, 2) };
      expect(await pipeline.handleMany({ ...fresh, dryRun: true })).toMatchObject({ ok: true, results: [] });
      expect(await store.readStream('tally-a')).toEqual([]);
    });

    it('counts streams this request recorded before as done, and stops at a stream another writer took', async () => {
      const request = new IdempotentRequest('tok-1', 'k-1', 'body-1');
      const pipeline = new CommandPipeline(store);
      await pipeline.handleMany({ ...many({}), streams: streams.slice(0, 1), request });
      const retried = await pipeline.handleMany({ ...many({}), request });
      expect(retried.ok && [...retried.earlier.keys()]).toEqual(['tally-a']);
      expect(retried.ok && retried.results).toHaveLength(2);

      const raced = pipeline.handleMany({
        ...many({}),
        streams: ['tally-d', 'tally-e', 'tally-f'].map((streamId) => ({ streamId, idScope: [streamId] })),
        decide: () => {
          void store.append(
            'tally-f',
            [{ eventId: 'x-1', type: 'added', data: { amount: 1 }, metadata: {} }],
            'no_stream',
          );
          return {
            ok: true as const,
            events: new Map(['tally-d', 'tally-e', 'tally-f'].map((id) => [id, [1]])),
          };
        },
      });
      await expect(raced).rejects.toThrow(ConcurrencyConflictError);
      expect(await store.readStream('tally-d')).toHaveLength(1);
      expect((await store.readStream('tally-f')).map((e) => e.eventId)).toEqual(['x-1']);
    });
  });
});

describe('toStreamAppend', () => {
  it("hands the store each sealed event's canonical JSON as the domain made it when sealing", () => {
    const sealed = sealEvents(
      [{ type: 'collected', data: { locationId: 'dinas-a', custodianId: 'kurir-1' } }],
      {
        itemId: 'item-1',
        eventIds: ['e-0'],
        prevRevision: -1,
        prevHash: GENESIS_HASH,
        occurredAt: '2026-11-30T07:00:00.000Z',
        recordedAt: '2026-11-30T07:00:01.000Z',
        actor: { id: 'p-1', role: 'courier', unitId: 'dinas-a' },
        commandId: null,
        correlationId: null,
        note: null,
      },
    );
    const [event] = toStreamAppend('item-1', sealed, { tokenId: 't' }, 'no_stream').events;
    expect(event.data).toEqual(sealed[0]);
    expect(event.canonicalData).toBe(canonicalJson(event.data));
  });
});
