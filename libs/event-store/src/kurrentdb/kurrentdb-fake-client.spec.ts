import { describeEventStoreContract } from '../testing/event-store.contract';
import { FakeKurrentDbClient } from '../testing/fake-kurrentdb-client';
import { KurrentDbEventStore } from './kurrentdb-event-store';

// The adapter's logic against the client's documented answers (no server: see the fake's header).
for (const serverVersion of ['24.10.0', '25.1.0']) {
  describeEventStoreContract(`kurrentdb adapter, client answering as server ${serverVersion}`, async () => {
    const client = new FakeKurrentDbClient({ serverVersion });
    const store = new KurrentDbEventStore({
      connectionString: 'unused',
      client: client.asClient(),
      warn: () => undefined,
    });
    await store.connect();
    return {
      store,
      interruptAppendMany: (appends) => store.interruptAppendMany(appends),
      repair: async () => void (await store.repair()),
      cleanup: () => store.close(),
    };
  });
}
