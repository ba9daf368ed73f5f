import { itemStreamId, verifyChain, type CustodyEvent } from '@jejak/custody';
import { EVENT_STORE, type EventStore } from '@jejak/event-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnService } from './support/spawned-service';
import { ADMIN_TOKEN, startTestApp } from './support/test-app';
import { SIGNED } from './support/acknowledgements';

interface Ack {
  itemId: string;
  eventId: string;
  revision: number;
  position: string;
}

const CLIENTS = 16;

describe('a SIGKILL under write load loses no acknowledged event', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'jejak-crash-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('finds every acknowledged event after restart, in order, with intact hash chains', async () => {
    const service = await spawnService({ JEJAK_DATA_DIR: dataDir, JEJAK_ADMIN_TOKEN: ADMIN_TOKEN });
    const json = { 'Content-Type': 'application/json' };
    const token = async (body: object): Promise<string> => {
      const r = await fetch(`${service.baseUrl}/api/tokens`, {
        method: 'POST',
        headers: { ...json, Authorization: `Bearer ${ADMIN_TOKEN}` },
        body: JSON.stringify(body),
      });
      return ((await r.json()) as { token: string }).token;
    };
    const officer = await token({ name: 'officer', role: 'officer', unitId: 'kec-setu' });
    const courier = await token({ name: 'courier', role: 'courier', principalId: 'KURIR-CRASH' });

    const acks: Ack[] = [];
    let stop = false;
    const post = async (path: string, bearer: string, body: object): Promise<Ack | null> => {
      try {
        const r = await fetch(`${service.baseUrl}${path}`, {
          method: 'POST',
          headers: { ...json, Authorization: `Bearer ${bearer}` },
          body: JSON.stringify(body),
        });
        if (r.status !== 201) return null;
        const ack = (await r.json()) as Ack;
        acks.push(ack);
        return ack;
      } catch {
        return null; // the connection died with the process: not acknowledged
      }
    };
    const client = async (n: number) => {
      for (let i = 0; !stop; i++) {
        const id = `CRASH-${n}-${i}`;
        const registered = await post('/api/items', officer, {
          id,
          kind: 'file',
          title: `Berkas uji crash ${n}/${i}`,
          classificationCode: '000.1',
          securityClass: 'biasa',
          originUnitId: 'kec-setu',
        });
        if (!registered) continue;
        await post(`/api/items/${id}/events`, courier, { type: 'collected', acknowledgement: SIGNED });
      }
    };
    const clients = Array.from({ length: CLIENTS }, (_, n) => client(n));
    // Kill mid-load: once plenty of writes were acknowledged (the machine may be slow), at most 20 s.
    const loadDeadline = Date.now() + 20_000;
    while (acks.length < 60 && Date.now() < loadDeadline) await new Promise((r) => setTimeout(r, 50));
    service.child.kill('SIGKILL');
    const exit = await service.exited;
    stop = true;
    await Promise.all(clients);
    expect(exit.signal).toBe('SIGKILL');
    expect(acks.length).toBeGreaterThanOrEqual(60);

    const restarted = await startTestApp({}, dataDir);
    try {
      const store = restarted.app.get<EventStore>(EVENT_STORE);
      const byItem = new Map<string, Ack[]>();
      for (const ack of acks) byItem.set(ack.itemId, [...(byItem.get(ack.itemId) ?? []), ack]);
      for (const [itemId, itemAcks] of byItem) {
        const events = await store.readStream(itemStreamId(itemId));
        for (const ack of itemAcks) {
          const stored = events[ack.revision];
          expect({
            itemId,
            revision: ack.revision,
            eventId: stored?.eventId,
            position: stored?.position,
          }).toEqual({
            itemId,
            revision: ack.revision,
            eventId: ack.eventId,
            position: ack.position,
          });
        }
        const positions = events.map((e) => BigInt(e.position));
        expect(positions).toEqual([...positions].sort((a, b) => (a < b ? -1 : 1)));
        const chain = verifyChain(events.map((e) => e.data as unknown as CustodyEvent));
        expect({ itemId, valid: chain.valid }).toEqual({ itemId, valid: true });
      }
      // Global order: acknowledged positions are unique and the log holds them in that order.
      const positions = acks.map((a) => BigInt(a.position)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      expect(new Set(positions).size).toBe(acks.length);
      const logged: bigint[] = [];
      for await (const event of store.readAll()) logged.push(BigInt(event.position));
      const loggedSet = new Set(logged);
      expect(positions.every((p) => loggedSet.has(p))).toBe(true);
    } finally {
      await restarted.close();
    }
  }, 60_000);
});
