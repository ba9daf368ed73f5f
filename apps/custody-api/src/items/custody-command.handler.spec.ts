import { TransferMembership } from '../transfers/transfer-membership';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  decide,
  itemStreamId,
  replay,
  sealEvents,
  verifyChain,
  type Actor,
  type CustodyCommand,
  type CustodyEvent,
} from '@jejak/custody';
import { ACTORS, aFile, lookupLocation, lookupParty } from '@jejak/custody/testing/fixtures';
import { SIGNED } from '@jejak/custody/testing/acknowledgements';
import { SqliteEventStore } from '@jejak/event-store';
import {
  ShortCodeRepository,
  signatureHashOf,
  type ReleaseCodeStore,
  type SignatureImageStore,
  type Principal,
  type LocationStore,
  type PeopleStore,
  type ShortCodeStore,
} from '@jejak/directory';
import Database from 'better-sqlite3';
import { AcknowledgementEvidence } from '../common/acknowledgement-evidence';
import { ApiProblem } from '../common/problem';
import { DecisionContextSource } from '../common/decision-context.source';
import { CommandMetrics } from '../metrics/command-metrics';
import { CustodyCommandHandler, CustodyCommandMessage } from './custody-command.handler';

const principalOf = (actor: Actor): Principal => ({
  tokenId: `token-${actor.id}`,
  principalId: actor.id,
  role: actor.role,
  unitId: actor.unitId,
  name: actor.id,
});

describe('CustodyCommandHandler with its item state cache', () => {
  let dir: string;
  let store: SqliteEventStore;
  let handler: CustodyCommandHandler;

  /** The test directory's people: every actor of the fixtures, active. */
  const peopleOf = (actors: typeof ACTORS) =>
    ({
      known: (id: string) => {
        const actor = Object.values(actors).find((candidate) => candidate.id === id);
        return actor && { ...actor, name: actor.id, active: true };
      },
      refresh: async () => undefined,
    }) as unknown as PeopleStore;
  const placesOf = () =>
    ({ lookup: lookupLocation, refresh: async () => undefined }) as unknown as LocationStore;
  /** The SQLite counters, which take their numbers in assign (reserve has nothing to do). */
  const countersOf = (repository: ShortCodeRepository): ShortCodeStore => ({
    assign: (unit: string, at: string) => repository.assign(unit, at),
    reserve: async () => undefined,
    close: async () => repository.close(),
  });

  let codes: ShortCodeStore;
  /** Signature images kept, by hash; no release code is known. */
  let images: Map<string, Buffer>;
  let evidence: AcknowledgementEvidence;

  beforeEach(() => {
    codes = countersOf(new ShortCodeRepository(new Database(':memory:')));
    images = new Map();
    const imageStore: SignatureImageStore = {
      keep: async ({ hash, png }) => void images.set(hash, png),
      get: async (hash) => images.get(hash),
    };
    const noCodes = {
      find: async () => [],
      check: async () => ({ valid: false, reason: 'unknown' }),
    } as unknown as ReleaseCodeStore;
    evidence = new AcknowledgementEvidence(noCodes, imageStore);
    dir = mkdtempSync(join(tmpdir(), 'jejak-handler-'));
    store = new SqliteEventStore({ filename: join(dir, 'events.sqlite') });
    const locations = placesOf();
    handler = new CustodyCommandHandler(
      store,
      new DecisionContextSource(locations, peopleOf(ACTORS)),
      new CommandMetrics(),
      codes,
      evidence,
      new TransferMembership(store),
    );
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const send = (command: CustodyCommand, actor: Actor, extra: { expectedRevision?: number } = {}) =>
    handler.execute(new CustodyCommandMessage({ command, principal: principalOf(actor), ...extra }));

  const stored = async (itemId: string): Promise<CustodyEvent[]> =>
    (await store.readStream(itemStreamId(itemId))).map((r) => r.data as unknown as CustodyEvent);

  /** Another writer (a transfer, an import, a second process) records on the item behind the handler's back. */
  async function appendElsewhere(command: CustodyCommand, actor: Actor): Promise<void> {
    const state = replay(await stored(command.itemId));
    const now = new Date().toISOString();
    const decision = decide(command, state, {
      actor,
      now,
      occurredAt: now,
      locations: lookupLocation,
      parties: lookupParty,
    });
    if (!decision.ok) throw new Error(decision.refusal.message);
    const sealed = sealEvents(decision.events, {
      itemId: command.itemId,
      eventIds: decision.events.map((_, i) => `elsewhere-${state!.revision}-${i}`),
      prevRevision: state!.revision,
      prevHash: state!.headHash,
      occurredAt: now,
      recordedAt: now,
      actor,
      commandId: null,
      correlationId: null,
      note: null,
    });
    await store.append(
      itemStreamId(command.itemId),
      sealed.map((event) => ({ eventId: event.eventId, type: event.type, data: { ...event } })),
      state!.revision,
    );
  }

  it('chains a command onto a write made elsewhere since its last command', async () => {
    const registered = await send({ type: 'registered', itemId: 'ARS-1', data: aFile() }, ACTORS.officerA);
    await appendElsewhere(
      { type: 'corrected', itemId: 'ARS-1', data: { correctsEventId: registered.eventId, reason: 'typo' } },
      ACTORS.officerA,
    );

    const outcome = await send(
      { type: 'corrected', itemId: 'ARS-1', data: { correctsEventId: registered.eventId, reason: 'again' } },
      ACTORS.officerA,
    );

    expect(outcome.revision).toBe(2);
    const events = await stored('ARS-1');
    expect(events.map((e) => e.type)).toEqual(['registered', 'corrected', 'corrected']);
    expect(verifyChain(events).valid).toBe(true);
  });

  it('gives a registration the next short code of its unit, in its event; a refusal takes none', async () => {
    await send({ type: 'registered', itemId: 'ARS-7', data: aFile() }, ACTORS.officerA);
    await expect(
      send(
        { type: 'registered', itemId: 'ARS-8', data: aFile({ securityClass: 'rahasia' }) },
        ACTORS.officerA,
      ),
    ).rejects.toThrow();
    await send({ type: 'registered', itemId: 'ARS-9', data: aFile() }, ACTORS.officerA);

    const year = new Date(Date.now() + 7 * 3600_000).getUTCFullYear();
    const codeOf = async (id: string) => ((await stored(id))[0].data as { shortCode?: string }).shortCode;
    expect(await codeOf('ARS-7')).toBe(`AXX-${year}-00001`);
    expect(await codeOf('ARS-9')).toBe(`AXX-${year}-00002`);
    expect(await stored('ARS-8')).toEqual([]);
  });

  it('decides on the stored state, not on what it last wrote: a step valid only after a write elsewhere is accepted', async () => {
    await send({ type: 'registered', itemId: 'ARS-2', data: aFile() }, ACTORS.officerA);
    await appendElsewhere(
      { type: 'collected', itemId: 'ARS-2', data: { acknowledgement: SIGNED } },
      ACTORS.courier1,
    );

    const outcome = await send(
      { type: 'sorted', itemId: 'ARS-2', data: { locationId: 'sort-1', destinationId: 'depot-1' } },
      ACTORS.courier1,
    );

    expect(outcome).toMatchObject({ type: 'sorted', revision: 2 });
    expect(verifyChain(await stored('ARS-2')).valid).toBe(true);
  });

  it('keeps a drawn signature only once its collection is decided, never for a refused one', async () => {
    const png = Buffer.from('89504e470d0a1a0a' + '00'.repeat(40), 'hex');
    const signature = { hash: signatureHashOf(png), png };
    const acknowledgement = { ...SIGNED, signatureHash: signature.hash };
    await send({ type: 'registered', itemId: 'ARS-5', data: aFile() }, ACTORS.officerA);
    const elsewhere = {
      type: 'collected',
      itemId: 'ARS-5',
      data: { locationId: 'kec-1', acknowledgement },
    } as const;
    await expect(
      handler.execute(
        new CustodyCommandMessage({ command: elsewhere, principal: principalOf(ACTORS.courier1), signature }),
      ),
    ).rejects.toMatchObject({ body: { code: 'invalid-transition' } });
    expect(images.size).toBe(0);
    expect(await stored('ARS-5')).toHaveLength(1);
    const here = { type: 'collected', itemId: 'ARS-5', data: { acknowledgement } } as const;
    await handler.execute(
      new CustodyCommandMessage({ command: here, principal: principalOf(ACTORS.courier1), signature }),
    );
    expect(images.get(signature.hash)?.equals(png)).toBe(true);
    expect((await stored('ARS-5'))[1].data).toMatchObject({
      acknowledgement: { signatureHash: signature.hash },
    });
  });

  it('a kode serah another courier bound after it was read refuses the collection (403), recording nothing', async () => {
    const issued = {
      id: 'rc-1',
      placeId: 'dinas-a',
      issuedBy: ACTORS.officerA.id,
      issuedAt: new Date(Date.now() - 60_000).toISOString(),
      expiresAt: new Date(Date.now() + 600_000).toISOString(),
    };
    // Read unbound before the decision; by the binding another replica's courier has it.
    let boundTo: string | null = null;
    const racedCodes = {
      find: async () => [{ ...issued, courierId: null }],
      check: async ({ courierId }: { courierId: string }) => {
        boundTo ??= ACTORS.courier2.id;
        return boundTo === courierId
          ? { valid: true, ...issued }
          : { valid: false, reason: 'used-by-another-courier' };
      },
    } as unknown as ReleaseCodeStore;
    const raced = new AcknowledgementEvidence(racedCodes, {
      keep: async () => undefined,
      get: async () => undefined,
    });
    const racing = new CustodyCommandHandler(
      store,
      new DecisionContextSource(placesOf(), peopleOf(ACTORS)),
      new CommandMetrics(),
      codes,
      raced,
      new TransferMembership(store),
    );
    await send({ type: 'registered', itemId: 'ARS-6', data: aFile() }, ACTORS.officerA);
    const collect = (courier: Actor) =>
      racing.execute(
        new CustodyCommandMessage({
          command: {
            type: 'collected',
            itemId: 'ARS-6',
            data: { acknowledgement: { method: 'code', code: 'ABC234' } },
          },
          principal: principalOf(courier),
        }),
      );
    await expect(collect(ACTORS.courier1)).rejects.toMatchObject({
      body: {
        code: 'forbidden',
        errors: [{ field: 'acknowledgement.code', message: 'used-by-another-courier' }],
      },
    });
    expect(await stored('ARS-6')).toHaveLength(1);
    // The courier who holds it passes, acknowledged by the officer who issued it.
    await expect(collect(ACTORS.courier2)).resolves.toMatchObject({ type: 'collected', revision: 1 });
    expect((await stored('ARS-6'))[1].data).toMatchObject({
      acknowledgement: { method: 'code', byId: ACTORS.officerA.id, placeId: 'dinas-a' },
    });
  });

  it('answers a pinned expectedRevision against the stored revision', async () => {
    const registered = await send({ type: 'registered', itemId: 'ARS-3', data: aFile() }, ACTORS.officerA);
    await appendElsewhere(
      { type: 'corrected', itemId: 'ARS-3', data: { correctsEventId: registered.eventId, reason: 'typo' } },
      ACTORS.officerA,
    );
    const correction = {
      type: 'corrected',
      itemId: 'ARS-3',
      data: { correctsEventId: registered.eventId, reason: 'x' },
    } as const;

    await expect(send(correction, ACTORS.officerA, { expectedRevision: 0 })).rejects.toMatchObject({
      body: { code: 'concurrency-conflict', actualRevision: 1 },
    });
    await expect(send(correction, ACTORS.officerA, { expectedRevision: 1 })).resolves.toMatchObject({
      revision: 2,
    });
  });

  it('refuses registering an item registered elsewhere, and records nothing', async () => {
    const other = new SqliteEventStore({ filename: join(dir, 'events.sqlite') });
    const otherHandler = new CustodyCommandHandler(
      other,
      new DecisionContextSource(placesOf(), peopleOf(ACTORS)),
      new CommandMetrics(),
      codes,
      evidence,
      new TransferMembership(other),
    );
    await otherHandler.execute(
      new CustodyCommandMessage({
        command: { type: 'registered', itemId: 'ARS-4', data: aFile() },
        principal: principalOf(ACTORS.officerA),
      }),
    );
    await other.close();

    const attempt = send(
      { type: 'registered', itemId: 'ARS-4', data: aFile({ title: 'Another' }) },
      ACTORS.officerA,
    );

    await expect(attempt).rejects.toBeInstanceOf(ApiProblem);
    await expect(attempt).rejects.toMatchObject({ body: { code: 'already-exists' } });
    expect(await stored('ARS-4')).toHaveLength(1);
  });
});
