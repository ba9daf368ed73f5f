import type { Actor } from '../actor';
import { SIGNED } from '../testing/acknowledgements';
import { ACTORS } from '../testing/fixtures';
import { TransferWorld } from '../testing/transfer-world';
import { checkNotInOpenTransfer } from './manifest-checks';

const shelf = { room: 'R1', shelf: 'S1' };
const officerKec1: Actor = { id: 'rina', role: 'officer', unitId: 'kec-1' };

/** Given a transfer of a-1..a-3 from dinas-a to `toId`, taken as far as `until`. */
function givenTransfer(
  until: 'created' | 'collected' | 'dispatched' | 'offered' | 'arrived',
  toId = 'depot-1',
) {
  const world = new TransferWorld();
  for (const itemId of ['a-1', 'a-2', 'a-3']) world.register(itemId);
  const steps: [string, object, Actor][] = [
    [
      'transfer_created',
      { baNumber: 'BA-1/ARS/2026', fromId: 'dinas-a', toId, itemIds: ['a-1', 'a-2', 'a-3'] },
      ACTORS.officerA,
    ],
    ['collected', { acknowledgement: SIGNED }, ACTORS.courier1],
    ['dispatched', {}, ACTORS.courier1],
    ['handover_offered', { toCustodianId: 'kurir-2' }, ACTORS.courier1],
    ['arrived', {}, ACTORS.courier1],
  ];
  const upTo = { created: 1, collected: 2, dispatched: 3, offered: 4, arrived: 5 }[until];
  for (const [type, data, actor] of steps.slice(0, upTo)) {
    if (until === 'arrived' && type === 'handover_offered') continue;
    const outcome = world.step(type as never, data, actor);
    if (!outcome.ok) throw new Error(`${type}: ${JSON.stringify(outcome)}`);
  }
  return world;
}

/** Then the step was refused with `code`, and no stream moved. */
function expectRefusedRecordingNothing(
  world: TransferWorld,
  when: () => ReturnType<TransferWorld['step']>,
  code: string,
  fragment?: RegExp,
) {
  const before = world.lengths();
  const outcome = when();
  expect(outcome.ok).toBe(false);
  const refusal = outcome.ok
    ? null
    : outcome.refused === 'transfer'
      ? outcome.refusal
      : outcome.refused === 'items'
        ? outcome.items[0].refusal
        : null;
  expect(refusal?.code).toBe(code);
  if (fragment) expect(refusal?.message).toMatch(fragment);
  expect(world.lengths()).toEqual(before);
}

describe('cancelled, before dispatch', () => {
  it('given an open transfer, when its unit cancels it with a reason, then it is over and its items are free', () => {
    const world = givenTransfer('created');
    expect(world.step('cancelled', { reason: 'salah daftar' }, ACTORS.officerA).ok).toBe(true);
    expect(world.transferState()).toMatchObject({ status: 'cancelled' });
    expect(checkNotInOpenTransfer('a-1', 't-1', world.transferState())).toBeNull();
    expect(world.itemTypes('a-1')).toEqual(['registered']);
  });

  it('given a collected transfer, when an admin cancels it, then the items stay with the courier who holds them', () => {
    const world = givenTransfer('collected');
    expect(world.step('cancelled', { reason: 'batal' }, ACTORS.admin).ok).toBe(true);
    expect(world.itemState('a-1')).toMatchObject({ status: 'collected', custodianId: 'kurir-1' });
  });

  it('refuses, recording nothing: after dispatch, without a reason, by a courier or another unit, with a handover pending', () => {
    const dispatched = givenTransfer('dispatched');
    expectRefusedRecordingNothing(
      dispatched,
      () => dispatched.step('cancelled', { reason: 'x' }, ACTORS.officerA),
      'invalid-transition',
      /in_transit/,
    );
    const open = givenTransfer('created');
    expectRefusedRecordingNothing(
      open,
      () => open.step('cancelled', {}, ACTORS.officerA),
      'validation-failed',
    );
    expectRefusedRecordingNothing(
      open,
      () => open.step('cancelled', { reason: 'x' }, ACTORS.courier1),
      'forbidden',
    );
    expectRefusedRecordingNothing(
      open,
      () => open.step('cancelled', { reason: 'x' }, ACTORS.officerB),
      'forbidden',
      /sending unit/,
    );
    const pending = givenTransfer('collected');
    expect(pending.step('handover_offered', { toCustodianId: 'kurir-2' }, ACTORS.courier1).ok).toBe(true);
    expectRefusedRecordingNothing(
      pending,
      () => pending.step('cancelled', { reason: 'x' }, ACTORS.officerA),
      'invalid-transition',
      /withdraw it first/,
    );
  });
});

describe('the consignment handover', () => {
  it('given an offer, when the addressee declines it, then nothing is pending on the transfer or any item', () => {
    const world = givenTransfer('offered');
    expect(world.step('handover_declined', { reason: 'tas penuh' }, ACTORS.courier2).ok).toBe(true);
    expect(world.transferState()).toMatchObject({ pendingHandover: null, custodianId: 'kurir-1' });
    expect(world.itemState('a-2')).toMatchObject({ pendingHandover: null, custodianId: 'kurir-1' });
    expect(world.itemTypes('a-2').slice(-1)).toEqual(['handover_declined']);
  });

  it('given an offer, when its offerer (or an admin) withdraws it, then a new offer goes through', () => {
    for (const actor of [ACTORS.courier1, ACTORS.admin]) {
      const world = givenTransfer('offered');
      expect(world.step('handover_withdrawn', { reason: 'salah orang' }, actor).ok).toBe(true);
      expect(world.itemTypes('a-3').slice(-1)).toEqual(['handover_withdrawn']);
      expect(world.step('handover_offered', { toCustodianId: 'kurir-2' }, ACTORS.courier1).ok).toBe(true);
    }
  });

  it('given an offer not taken within its time, then it cannot be accepted, blocks nothing, and a new offer goes through', () => {
    const world = givenTransfer('offered');
    const offeredAt = world.now;
    const offer = world.transferState()?.pendingHandover;
    expect(offer?.expiresAt).toBe(new Date(Date.parse(offeredAt) + 24 * 3_600_000).toISOString());
    expect(world.itemState('a-1')?.pendingHandover?.expiresAt).toBe(offer?.expiresAt);
    world.now = offer!.expiresAt!;
    expectRefusedRecordingNothing(
      world,
      () => world.step('handover_accepted', {}, ACTORS.courier2),
      'invalid-transition',
      /lapsed/,
    );
    expect(world.step('arrived', {}, ACTORS.courier1).ok).toBe(true);
    expect(world.step('handover_offered', { toCustodianId: 'kurir-2' }, ACTORS.courier1).ok).toBe(true);
    expect(world.step('handover_accepted', {}, ACTORS.courier2).ok).toBe(true);
    expect(world.transferState()).toMatchObject({ custodianId: 'kurir-2', pendingHandover: null });
    expect(world.itemState('a-3')).toMatchObject({ custodianId: 'kurir-2', pendingHandover: null });
  });

  it('given a lapsed offer, the depot takes the consignment in without anyone withdrawing it first', () => {
    const world = givenTransfer('offered');
    world.now = world.transferState()!.pendingHandover!.expiresAt!;
    expect(world.step('arrived', {}, ACTORS.courier1).ok).toBe(true);
    const results = ['a-1', 'a-2', 'a-3'].map((itemId) => ({ itemId, outcome: 'received', storage: shelf }));
    expect(world.step('intake_recorded', { results }, ACTORS.depot1).ok).toBe(true);
    expect(world.transferState()).toMatchObject({ status: 'completed', pendingHandover: null });
  });

  it('refuses, recording nothing: an offer to nobody, an answer from the wrong side, an answer to no offer', () => {
    const collected = givenTransfer('dispatched');
    expectRefusedRecordingNothing(
      collected,
      () => collected.step('handover_offered', { toCustodianId: 'KRR-017' }, ACTORS.courier1),
      'unknown-party',
    );
    expectRefusedRecordingNothing(
      collected,
      () => collected.step('handover_withdrawn', { reason: 'x' }, ACTORS.courier1),
      'invalid-transition',
      /no handover is pending/,
    );
    const offered = givenTransfer('offered');
    expectRefusedRecordingNothing(
      offered,
      () => offered.step('handover_withdrawn', { reason: 'x' }, ACTORS.courier2),
      'forbidden',
      /offered/,
    );
    expectRefusedRecordingNothing(
      offered,
      () => offered.step('handover_declined', { reason: 'x' }, ACTORS.courier1),
      'forbidden',
      /addressee/,
    );
    expectRefusedRecordingNothing(
      offered,
      () => offered.step('handover_declined', {}, ACTORS.courier2),
      'validation-failed',
    );
  });
});

describe('intake in several sittings', () => {
  it('given an arrived transfer, when results come item by item, then it completes with the last manifest item', () => {
    const world = givenTransfer('arrived');
    const first = world.step(
      'intake_recorded',
      { results: [{ itemId: 'a-1', outcome: 'received', storage: shelf }] },
      ACTORS.depot1,
    );
    expect(first).toMatchObject({ ok: true, events: [{ type: 'intake_recorded' }] });
    expect(world.transferState()).toMatchObject({ status: 'arrived', custodianId: 'kurir-1' });
    expect(world.itemState('a-1')).toMatchObject({ status: 'deposited', custodianId: 'depot-1' });
    const last = world.step(
      'intake_recorded',
      {
        results: [
          { itemId: 'a-2', outcome: 'received', storage: shelf },
          { itemId: 'a-3', outcome: 'received', storage: shelf },
        ],
      },
      ACTORS.depot1,
    );
    expect(last).toMatchObject({
      ok: true,
      events: [{ type: 'intake_recorded' }, { type: 'completed', data: { status: 'completed' } }],
    });
    expect(world.transferState()).toMatchObject({ status: 'completed', custodianId: 'depot-1' });
    expect(world.transferState()!.intake!.map((result) => result.itemId)).toEqual(['a-1', 'a-2', 'a-3']);
  });

  it('refuses, recording nothing, a second outcome for an item', () => {
    const world = givenTransfer('arrived');
    world.step(
      'intake_recorded',
      { results: [{ itemId: 'a-1', outcome: 'received', storage: shelf }] },
      ACTORS.depot1,
    );
    expectRefusedRecordingNothing(
      world,
      () =>
        world.step('intake_recorded', { results: [{ itemId: 'a-1', outcome: 'missing' }] }, ACTORS.depot1),
      'invalid-transition',
      /'a-1' \(received\)/,
    );
  });

  it('given a soaked file, when it is rejected, then it is intake_rejected with the reason and stays with its courier, never missing', () => {
    const world = givenTransfer('arrived');
    const outcome = world.step(
      'intake_recorded',
      {
        results: [
          { itemId: 'a-1', outcome: 'rejected', note: 'basah terendam' },
          { itemId: 'a-2', outcome: 'received', storage: shelf },
          { itemId: 'a-3', outcome: 'received', storage: shelf },
        ],
      },
      ACTORS.depot1,
    );
    expect(outcome.ok).toBe(true);
    expect(world.transferState()).toMatchObject({ status: 'completed_with_discrepancies' });
    expect(world.itemState('a-1')).toMatchObject({
      status: 'arrived',
      custodianId: 'kurir-1',
      locationId: 'depot-1',
    });
    const rejected = world.itemStreams.get('a-1')!.slice(-1)[0];
    expect(rejected).toMatchObject({ type: 'intake_rejected', data: { reason: 'basah terendam' } });
  });

  it('refuses, recording nothing, a rejection without its reason', () => {
    const world = givenTransfer('arrived');
    expectRefusedRecordingNothing(
      world,
      () =>
        world.step('intake_recorded', { results: [{ itemId: 'a-1', outcome: 'rejected' }] }, ACTORS.depot1),
      'validation-failed',
    );
  });

  it('given an unexpected file Jejak knows, arrived here, when it is listed, then its own trail has the refusal', () => {
    const world = givenTransfer('arrived');
    world.register('z-9');
    world.item({ type: 'collected', itemId: 'z-9', data: { acknowledgement: SIGNED } }, ACTORS.courier1);
    world.item({ type: 'dispatched', itemId: 'z-9', data: { destinationId: 'depot-1' } }, ACTORS.courier1);
    world.item({ type: 'arrived', itemId: 'z-9', data: { locationId: 'depot-1' } }, ACTORS.courier1);
    const outcome = world.step(
      'intake_recorded',
      {
        results: [
          { itemId: 'a-1', outcome: 'received', storage: shelf },
          { itemId: 'z-9', outcome: 'unexpected' },
          { itemId: 'stray-1', outcome: 'unexpected', note: 'map tanpa label' },
        ],
      },
      ACTORS.depot1,
    );
    expect(outcome.ok).toBe(true);
    expect(world.itemStreams.get('z-9')!.slice(-1)[0]).toMatchObject({
      type: 'intake_rejected',
      data: { reason: 'not in the manifest of transfer t-1 (BA-1/ARS/2026)' },
    });
    expect(world.itemState('z-9')).toMatchObject({ status: 'arrived', custodianId: 'kurir-1' });
    expect(world.itemStreams.has('stray-1')).toBe(false);
  });

  it('refuses, recording nothing, an unexpected known file whose own record is elsewhere', () => {
    const world = givenTransfer('arrived');
    world.register('z-9');
    expectRefusedRecordingNothing(
      world,
      () =>
        world.step('intake_recorded', { results: [{ itemId: 'z-9', outcome: 'unexpected' }] }, ACTORS.depot1),
      'invalid-transition',
      /registered/,
    );
  });
});

describe('intake and a pending consignment handover', () => {
  it('refuses, recording nothing, an intake while a handover is pending, and a handover once intake has begun', () => {
    const pending = givenTransfer('arrived');
    expect(pending.step('handover_offered', { toCustodianId: 'kurir-2' }, ACTORS.courier1).ok).toBe(true);
    const results = [{ itemId: 'a-1', outcome: 'received', storage: shelf }];
    expectRefusedRecordingNothing(
      pending,
      () => pending.step('intake_recorded', { results }, ACTORS.depot1),
      'invalid-transition',
      /pending/,
    );
    const begun = givenTransfer('arrived');
    expect(begun.step('intake_recorded', { results }, ACTORS.depot1).ok).toBe(true);
    expectRefusedRecordingNothing(
      begun,
      () => begun.step('handover_offered', { toCustodianId: 'kurir-2' }, ACTORS.courier1),
      'invalid-transition',
      /intake has begun/,
    );
  });
});

describe('intake at a unit destination', () => {
  it('given a transfer to a kecamatan, when an officer of it takes the files in, then the transfer completes', () => {
    const world = givenTransfer('arrived', 'kec-1');
    const results = ['a-1', 'a-2', 'a-3'].map((itemId) => ({ itemId, outcome: 'received', storage: shelf }));
    expect(world.step('intake_recorded', { results }, officerKec1).ok).toBe(true);
    expect(world.transferState()).toMatchObject({ status: 'completed', custodianId: 'kec-1' });
    expect(world.itemState('a-2')).toMatchObject({
      status: 'deposited',
      locationId: 'kec-1',
      custodianId: 'kec-1',
    });
  });

  it('refuses, recording nothing, an officer of another unit', () => {
    const world = givenTransfer('arrived', 'kec-1');
    const results = [{ itemId: 'a-1', outcome: 'received', storage: shelf }];
    expectRefusedRecordingNothing(
      world,
      () => world.step('intake_recorded', { results }, ACTORS.officerB),
      'forbidden',
      /receiving/,
    );
  });
});
