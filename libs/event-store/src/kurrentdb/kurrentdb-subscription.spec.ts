import { randomUUID } from 'node:crypto';
import { AccessDeniedError, TimeoutError, UnavailableError } from '@kurrent/kurrentdb-client';
import type { RecordedEvent } from '../event-store.port';
import { FakeKurrentDbClient, type FakeOptions } from '../testing/fake-kurrentdb-client';
import { KurrentDbEventStore } from './kurrentdb-event-store';

async function open(options: FakeOptions = {}) {
  const fake = new FakeKurrentDbClient(options);
  const store = new KurrentDbEventStore({
    connectionString: 'unused',
    client: fake.asClient(),
    reconnectDelayMs: 1,
    warn: () => undefined,
  });
  await store.connect();
  return { fake, store };
}

const append = (store: KurrentDbEventStore, stream: string, count: number) =>
  store.append(
    stream,
    Array.from({ length: count }, () => ({ eventId: randomUUID(), type: 'ItemRegistered', data: {} })),
    'any',
  );

function until(condition: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = (): void => (condition() ? resolve() : void setImmediate(check));
    check();
  });
}

function follow(store: KurrentDbEventStore) {
  const received: RecordedEvent[] = [];
  const errors: Error[] = [];
  let caughtUp = 0;
  const subscription = store.subscribeToAll({
    streamPrefixes: ['item-'],
    onEvent: (e) => void received.push(e),
    onCaughtUp: () => (caughtUp += 1),
    onError: (e) => void errors.push(e),
  });
  return { subscription, received, errors, caughtUp: () => caughtUp };
}

describe('KurrentDbEventStore subscriptions, against the client as its source answers', () => {
  it('reports access denied at once, naming the right, and does not resubscribe', async () => {
    const { fake, store } = await open();
    await append(store, 'item-1', 1);
    fake.failures.subscribe.push({ error: new AccessDeniedError() });
    const spy = jest.spyOn(fake, 'subscribeToAll');
    const run = follow(store);
    await until(() => run.errors.length > 0);
    expect(run.errors[0].message).toMatch(/must be allowed to read \$all/);
    expect(spy).toHaveBeenCalledTimes(1);
    expect(run.received).toEqual([]);
    await run.subscription.stop();
  });

  it('resubscribes after transient errors from where it stopped, without gap or duplicate', async () => {
    const { fake, store } = await open();
    await append(store, 'item-1', 3);
    fake.failures.subscribe.push({ error: new UnavailableError() });
    // A pre-24.2 server dropping a slow live subscription after it delivered the history.
    fake.failures.subscribe.push({ error: new TimeoutError(), afterCommit: true });
    const run = follow(store);
    await until(() => run.received.length >= 3);
    await append(store, 'item-2', 2);
    await until(() => run.received.length >= 5);
    expect(run.received.map((e) => e.streamId)).toEqual(['item-1', 'item-1', 'item-1', 'item-2', 'item-2']);
    expect(run.errors).toEqual([]);
    await run.subscription.stop();
  });

  it('reports a transient error that keeps coming, so the projector can say it is stuck', async () => {
    const { fake, store } = await open();
    for (let i = 0; i < 6; i++) fake.failures.subscribe.push({ error: new UnavailableError() });
    const run = follow(store);
    await until(() => run.errors.length > 0);
    expect(run.errors[0]).toBeInstanceOf(UnavailableError);
    await run.subscription.stop();
  });

  it('says caught up on a server older than 23.10, which never sends CaughtUp', async () => {
    const { store } = await open({ serverVersion: '23.6.0', sendsCaughtUp: false });
    await append(store, 'item-1', 4);
    const run = follow(store);
    await until(() => run.caughtUp() > 0);
    expect(run.received).toHaveLength(4);
    await append(store, 'item-1', 1);
    await until(() => run.received.length >= 5);
    expect(run.caughtUp()).toBe(1);
    await run.subscription.stop();

    const { store: empty } = await open({ sendsCaughtUp: false });
    const idle = follow(empty);
    await until(() => idle.caughtUp() > 0);
    await idle.subscription.stop();
  });
});
