import type { Actor } from '../actor';
import { decide } from '../decide';
import type { CustodyEvent } from '../events';
import { evolve } from '../evolve';
import { GENESIS_HASH, sealEvents, verifyChain } from '../hash-chain';
import type { RefusalCode } from '../refusal';
import type { MaybeItemState } from '../state';
import { SIGNED } from '../testing/acknowledgements';
import { ACTORS, aFile, context } from '../testing/fixtures';
import { decideTransfer } from './decide-transfer';
import { replayTransfer } from './evolve-transfer';
import { itemCommandsForTransfer } from './item-commands-for-transfer';
import { sealTransferEvents } from './seal-transfer-events';
import type { TransferCommand } from './transfer-commands';
import type { DecidedTransferEvent, IntakeResult, TransferEvent } from './transfer-events';

const transferId = 't-1';
const manifest = ['a-1', 'a-2', 'a-3'];
const create: TransferCommand = {
  type: 'transfer_created',
  transferId,
  data: { baNumber: 'BA-012/ARS/2026', fromId: 'dinas-a', toId: 'depot-1', itemIds: manifest },
};
/** A collection carries the origin's drawn signature unless a test says otherwise. */
const cmd = (type: TransferCommand['type'], data: object = {}) =>
  ({
    type,
    transferId,
    data: type === 'collected' && !('acknowledgement' in data) ? { acknowledgement: SIGNED, ...data } : data,
  }) as TransferCommand;
const shelf = { room: 'R1', shelf: 'S1' };
const received = (itemId: string): IntakeResult => ({ itemId, outcome: 'received', storage: shelf });

/** Runs commands in order, sealing what is accepted; stops at the first refusal and returns it. */
function run(steps: [TransferCommand, Actor][]) {
  const stream: TransferEvent[] = [];
  const decided: DecidedTransferEvent[][] = [];
  for (const [command, actor] of steps) {
    const state = replayTransfer(stream);
    const decision = decideTransfer(command, state, context(actor));
    if (!decision.ok) return { stream, decided, refusal: decision.refusal, state };
    decided.push(decision.events);
    stream.push(
      ...sealTransferEvents(decision.events, {
        transferId,
        eventIds: decision.events.map((_, index) => `te-${stream.length + index}`),
        prevRevision: stream.length - 1,
        prevHash: stream[stream.length - 1]?.hash ?? GENESIS_HASH,
        occurredAt: context(actor).now,
        recordedAt: context(actor).now,
        actor,
        commandId: null,
        correlationId: null,
        note: null,
      }),
    );
  }
  return { stream, decided, refusal: null, state: replayTransfer(stream) };
}

const toArrival: [TransferCommand, Actor][] = [
  [create, ACTORS.officerA],
  [cmd('collected'), ACTORS.courier1],
  [cmd('dispatched'), ACTORS.courier1],
  [cmd('handover_offered', { toCustodianId: 'kurir-2' }), ACTORS.courier1],
  [cmd('handover_accepted'), ACTORS.courier2],
  [cmd('arrived'), ACTORS.courier2],
];

function expectRefused(result: ReturnType<typeof run>, code: RefusalCode, fragment?: RegExp | string) {
  expect(result.refusal).toMatchObject({ code });
  if (fragment) expect(result.refusal?.message).toMatch(fragment);
}

describe('a transfer from creation to intake', () => {
  it('is created open at the sending unit, with its manifest', () => {
    const { decided, state } = run([[create, ACTORS.officerA]]);
    expect(decided).toEqual([[{ type: 'transfer_created', data: create.data }]]);
    expect(state).toMatchObject({
      status: 'open',
      custodianId: 'dinas-a',
      locationId: 'dinas-a',
      itemIds: manifest,
    });
  });

  it('travels with its couriers and arrives at the destination by default', () => {
    const { decided, state, refusal } = run(toArrival);
    expect(refusal).toBeNull();
    expect(decided[1]).toEqual([
      {
        type: 'collected',
        data: {
          locationId: 'dinas-a',
          custodianId: 'kurir-1',
          fromCustodianId: 'dinas-a',
          acknowledgement: {
            method: 'signature',
            byId: null,
            placeId: 'dinas-a',
            name: SIGNED.name,
            nip: SIGNED.nip,
            signatureHash: SIGNED.signatureHash,
          },
        },
      },
    ]);
    expect(decided[2]).toEqual([
      { type: 'dispatched', data: { fromLocationId: 'dinas-a', destinationId: 'depot-1' } },
    ]);
    expect(decided[4]).toEqual([
      { type: 'handover_accepted', data: { fromCustodianId: 'kurir-1', toCustodianId: 'kurir-2' } },
    ]);
    expect(state).toMatchObject({
      status: 'arrived',
      locationId: 'depot-1',
      custodianId: 'kurir-2',
      pendingHandover: null,
    });
  });

  it('completes when every item is received', () => {
    const { decided, state, stream } = run([
      ...toArrival,
      [cmd('intake_recorded', { results: manifest.map(received) }), ACTORS.depot1],
    ]);
    expect(decided[6]).toEqual([
      { type: 'intake_recorded', data: { results: manifest.map(received) } },
      { type: 'completed', data: { status: 'completed' } },
    ]);
    expect(state).toMatchObject({ status: 'completed', custodianId: 'depot-1' });
    expect(verifyChain(stream)).toMatchObject({ valid: true, length: 8 });
  });

  it('completes with discrepancies when something is damaged, missing or unexpected', () => {
    const results: IntakeResult[] = [
      received('a-1'),
      { itemId: 'a-2', outcome: 'damaged', storage: shelf, note: 'sampul sobek' },
      { itemId: 'a-3', outcome: 'missing' },
      { itemId: 'x-9', outcome: 'unexpected', note: 'tidak ada di daftar' },
    ];
    const { state } = run([...toArrival, [cmd('intake_recorded', { results }), ACTORS.depot1]]);
    expect(state).toMatchObject({ status: 'completed_with_discrepancies', intake: results });
  });

  it('detects an edited manifest in the sealed chain', () => {
    const { stream } = run(toArrival);
    const tampered = stream.map((event) =>
      event.type === 'transfer_created' ? { ...event, data: { ...event.data, itemIds: ['a-1'] } } : event,
    );
    expect(verifyChain(tampered)).toMatchObject({ valid: false, firstBrokenRevision: 0 });
  });
});

describe('transfer refusals', () => {
  it('lets only the sending unit (or admin) create, never an auditor', () => {
    expectRefused(run([[create, ACTORS.officerB]]), 'forbidden', /sending unit/);
    expectRefused(run([[create, ACTORS.auditor]]), 'forbidden', /never write/);
    expect(run([[create, ACTORS.admin]]).refusal).toBeNull();
  });

  it('refuses a manifest that is empty or lists an item twice, and a transfer to itself', () => {
    const bad = cmd('transfer_created', {
      baNumber: '',
      fromId: 'dinas-a',
      toId: 'dinas-a',
      itemIds: ['a', 'a'],
    });
    const { refusal } = run([[bad, ACTORS.officerA]]);
    expect(refusal?.code).toBe('validation-failed');
    expect(refusal?.errors?.map((error) => error.field)).toEqual(['baNumber', 'toId', 'itemIds']);
    expectRefused(
      run([[cmd('transfer_created', { ...create.data, itemIds: [] }), ACTORS.officerA]]),
      'validation-failed',
    );
  });

  it('refuses to create a transfer twice and to act on one that does not exist', () => {
    expectRefused(
      run([
        [create, ACTORS.officerA],
        [create, ACTORS.officerA],
      ]),
      'already-exists',
    );
    expectRefused(run([[cmd('collected'), ACTORS.courier1]]), 'not-found');
  });

  it.each([
    [
      'collecting twice',
      [
        [create, ACTORS.officerA],
        [cmd('collected'), ACTORS.courier1],
        [cmd('collected'), ACTORS.courier1],
      ],
      "'collected' on a transfer in status 'collected'",
    ],
    [
      'arrived before dispatch',
      [
        [create, ACTORS.officerA],
        [cmd('collected'), ACTORS.courier1],
        [cmd('arrived'), ACTORS.courier1],
      ],
      "'arrived' on a transfer in status 'collected'",
    ],
    [
      'intake before arrival',
      [
        ...toArrival.slice(0, 3),
        [cmd('intake_recorded', { results: manifest.map(received) }), ACTORS.depot1],
      ],
      "'intake_recorded' on a transfer in status 'in_transit'",
    ],
    [
      'accepting with no pending handover',
      [...toArrival.slice(0, 3), [cmd('handover_accepted'), ACTORS.courier2]],
      /no handover is pending/,
    ],
  ] as [string, [TransferCommand, Actor][], RegExp | string][])('refuses %s', (_name, steps, fragment) => {
    const result = run(steps);
    expect(result.refusal?.code).toMatch(/invalid-transition|forbidden/);
    if (fragment) expectRefused(result, 'invalid-transition', fragment);
  });

  it('lets only the carrying courier move it and only the addressee accept', () => {
    expectRefused(
      run([...toArrival.slice(0, 2), [cmd('dispatched'), ACTORS.courier2]]),
      'forbidden',
      /carrying/,
    );
    expectRefused(
      run([...toArrival.slice(0, 4), [cmd('handover_accepted'), ACTORS.courier1]]),
      'forbidden',
      /addressee/,
    );
  });

  it('answers a wrong status before asking whether this is the right courier or depot', () => {
    const intake = cmd('intake_recorded', { results: manifest.map(received) });
    for (const staff of [ACTORS.depot1, ACTORS.depot2]) {
      expectRefused(
        run([...toArrival.slice(0, 3), [intake, staff]]),
        'invalid-transition',
        "cannot record 'intake_recorded' on a transfer in status 'in_transit'",
      );
    }
    expectRefused(
      run([...toArrival.slice(0, 2), [cmd('arrived'), ACTORS.courier2]]),
      'invalid-transition',
      "cannot record 'arrived' on a transfer in status 'collected'",
    );
    expectRefused(
      run([...toArrival.slice(0, 3), [cmd('handover_accepted'), ACTORS.depot2]]),
      'invalid-transition',
      /no handover is pending/,
    );
  });

  it('refuses a role that may never do the step, and an auditor, before the status', () => {
    const intake = cmd('intake_recorded', { results: manifest.map(received) });
    expectRefused(
      run([...toArrival.slice(0, 3), [intake, ACTORS.courier1]]),
      'forbidden',
      "role 'courier' may not record 'intake_recorded'",
    );
    expectRefused(
      run([...toArrival.slice(0, 3), [cmd('handover_accepted'), ACTORS.auditor]]),
      'forbidden',
      /never write/,
    );
  });

  it('lets only staff of the receiving depot record intake', () => {
    const intake = cmd('intake_recorded', { results: manifest.map(received) });
    expectRefused(run([...toArrival, [intake, ACTORS.depot2]]), 'forbidden', /receiving/);
  });

  it('needs storage for what is received, a note for damage, and only unexpected outside the manifest', () => {
    const results = [
      { itemId: 'a-1', outcome: 'received' },
      { itemId: 'a-2', outcome: 'damaged', storage: shelf },
      { itemId: 'x-9', outcome: 'received', storage: shelf },
    ];
    const { refusal } = run([...toArrival, [cmd('intake_recorded', { results }), ACTORS.depot1]]);
    expect(refusal?.code).toBe('validation-failed');
    expect(refusal?.errors?.map((error) => error.field)).toEqual([
      'results[0].storage',
      'results[1].note',
      'results[2].outcome',
    ]);
  });
});

describe('itemCommandsForTransfer', () => {
  it('mirrors the journey on every item stream, each accepted by decide, ending deposited or missing', () => {
    const items = new Map<string, { state: MaybeItemState; stream: CustodyEvent[] }>();
    const record = (itemId: string, decision: ReturnType<typeof decide>, actor: Actor) => {
      if (!decision.ok) throw new Error(`${itemId}: ${decision.refusal.message}`);
      const entry = items.get(itemId) ?? { state: null, stream: [] };
      const sealed = sealEvents(decision.events, {
        itemId,
        eventIds: decision.events.map((_, index) => `${itemId}-${entry.stream.length + index}`),
        prevRevision: entry.state?.revision ?? -1,
        prevHash: entry.state?.headHash ?? GENESIS_HASH,
        occurredAt: context(actor).now,
        recordedAt: context(actor).now,
        actor,
        commandId: null,
        correlationId: transferId,
        note: null,
      });
      for (const event of sealed) entry.state = evolve(entry.state, event);
      entry.stream.push(...sealed);
      items.set(itemId, entry);
    };
    for (const itemId of manifest) {
      record(
        itemId,
        decide({ type: 'registered', itemId, data: aFile() }, null, context(ACTORS.officerA)),
        ACTORS.officerA,
      );
    }
    const results: IntakeResult[] = [received('a-1'), received('a-2'), { itemId: 'a-3', outcome: 'missing' }];
    const steps: [TransferCommand, Actor][] = [
      ...toArrival,
      [cmd('intake_recorded', { results }), ACTORS.depot1],
    ];
    const { decided, stream } = run(steps);
    decided.forEach((events, step) => {
      const before = replayTransfer(
        stream.slice(
          0,
          stream.findIndex((event) => event.type === events[0].type),
        ),
      )!;
      if (!before) return;
      const actor = steps[step][1];
      for (const itemCommand of itemCommandsForTransfer(events[0], before, undefined, steps[step][0])) {
        record(
          itemCommand.itemId,
          decide(itemCommand, items.get(itemCommand.itemId)!.state, context(actor)),
          actor,
        );
      }
    });
    expect(items.get('a-1')!.state).toMatchObject({
      status: 'deposited',
      custodianId: 'depot-1',
      storage: shelf,
    });
    expect(items.get('a-3')!.state).toMatchObject({
      status: 'missing',
      lastKnown: { locationId: 'depot-1' },
    });
    expect(items.get('a-2')!.stream.map((event) => event.type)).toEqual([
      'registered',
      'collected',
      'dispatched',
      'handover_offered',
      'handover_accepted',
      'arrived',
      'intake_confirmed',
    ]);
  });
});
