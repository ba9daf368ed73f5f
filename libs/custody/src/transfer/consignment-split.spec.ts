import type { Actor } from '../actor';
import { SIGNED } from '../testing/acknowledgements';
import { ACTORS } from '../testing/fixtures';
import { TransferWorld } from '../testing/transfer-world';
import { consignmentParts } from './consignment-parts';

const shelf = { room: 'R1', shelf: 'S1' };
const FILES = ['a-1', 'a-2', 'a-3', 'a-4', 'a-5'];
const kurirA = ACTORS.courier1;
const kurirB = ACTORS.courier2;
const kurirC: Actor = { id: 'admin', role: 'courier', unitId: null }; // an active person of the test directory

/** Given five files collected by kurir-1, and (unless `whole`) a-4 and a-5 handed to kurir-2 who accepted. */
function givenSplit({ dispatchedFirst = false, whole = false } = {}) {
  const world = new TransferWorld();
  for (const itemId of FILES) world.register(itemId);
  const ok = (type: string, data: object, actor: Actor) => {
    const outcome = world.step(type as never, data, actor);
    if (!outcome.ok) throw new Error(`${type}: ${JSON.stringify(outcome)}`);
  };
  ok(
    'transfer_created',
    { baNumber: 'BA-9/ARS/2026', fromId: 'dinas-a', toId: 'depot-1', itemIds: FILES },
    ACTORS.officerA,
  );
  ok('collected', { acknowledgement: SIGNED }, kurirA);
  if (dispatchedFirst) ok('dispatched', {}, kurirA);
  if (!whole) {
    ok('handover_offered', { toCustodianId: 'kurir-2', itemIds: ['a-5', 'a-4'] }, kurirA);
    ok('handover_accepted', {}, kurirB);
  }
  return { world, ok };
}

function expectRefused(
  world: TransferWorld,
  type: string,
  data: object,
  actor: Actor,
  code: string,
  fragment: RegExp,
) {
  const before = world.lengths();
  const outcome = world.step(type as never, data, actor);
  expect(outcome.ok).toBe(false);
  const refusal = outcome.ok
    ? null
    : outcome.refused === 'transfer'
      ? outcome.refusal
      : outcome.refused === 'items'
        ? outcome.items[0].refusal
        : null;
  expect(refusal?.code).toBe(code);
  expect(refusal?.message).toMatch(fragment);
  expect(world.lengths()).toEqual(before);
}

describe('a partial consignment handover', () => {
  it('given kurir-1 carries five files, when they hand two to kurir-2 who accepts, then each carries their part and only those items record the handover', () => {
    const { world } = givenSplit();
    const transfer = world.transferState()!;
    expect(consignmentParts(transfer)).toEqual([
      { custodianId: 'kurir-1', stage: 'collected', itemIds: ['a-1', 'a-2', 'a-3'] },
      { custodianId: 'kurir-2', stage: 'collected', itemIds: ['a-4', 'a-5'] },
    ]);
    // The courier who kept part of it is still the transfer's courier.
    expect(transfer.custodianId).toBe('kurir-1');
    const offered = world.transferStream.find((event) => event.type === 'handover_offered')!;
    expect(offered.data).toMatchObject({ fromCustodianId: 'kurir-1', itemIds: ['a-4', 'a-5'] });
    expect(world.itemTypes('a-4')).toContain('handover_accepted');
    expect(world.itemTypes('a-1')).not.toContain('handover_offered');
    expect(world.itemState('a-4')!.custodianId).toBe('kurir-2');
    expect(world.itemState('a-1')!.custodianId).toBe('kurir-1');
  });

  it('given a split consignment, when each courier dispatches and arrives with their part, then the depot takes both in and the transfer completes', () => {
    const { world, ok } = givenSplit();
    ok('dispatched', {}, kurirA);
    expect(world.transferState()!.status).toBe('in_transit');
    expect(world.itemState('a-4')!.status).toBe('collected');
    ok('dispatched', {}, kurirB);
    ok('arrived', {}, kurirA);
    expect(world.transferState()!.status).toBe('arrived');
    expect(world.itemState('a-4')!.status).toBe('in_transit');
    // The first sitting takes in what has arrived; kurir-2's part is still on its way.
    ok(
      'intake_recorded',
      { results: ['a-1', 'a-2', 'a-3'].map((itemId) => ({ itemId, outcome: 'received', storage: shelf })) },
      ACTORS.depot1,
    );
    // kurir-1's part is in: the one still carrying some is the transfer's courier now.
    expect(world.transferState()!.custodianId).toBe('kurir-2');
    ok('arrived', {}, kurirB);
    ok(
      'intake_recorded',
      {
        results: [
          { itemId: 'a-4', outcome: 'damaged', storage: shelf, note: 'sampul sobek' },
          { itemId: 'a-5', outcome: 'rejected', note: 'basah' },
        ],
      },
      ACTORS.depot1,
    );
    const transfer = world.transferState()!;
    expect(transfer.status).toBe('completed_with_discrepancies');
    expect(world.itemState('a-5')!.custodianId).toBe('kurir-2');
    expect(world.itemState('a-1')!.status).toBe('deposited');
  });

  it('given the consignment was split after dispatch, when kurir-2 arrives with their part, then its intake is accepted', () => {
    const { world, ok } = givenSplit({ dispatchedFirst: true });
    expect(consignmentParts(world.transferState()!).map((part) => part.stage)).toEqual([
      'in_transit',
      'in_transit',
    ]);
    ok('arrived', {}, kurirB);
    ok(
      'intake_recorded',
      { results: ['a-4', 'a-5'].map((itemId) => ({ itemId, outcome: 'received', storage: shelf })) },
      ACTORS.depot1,
    );
    ok('arrived', {}, kurirA);
    ok(
      'intake_recorded',
      { results: ['a-1', 'a-2', 'a-3'].map((itemId) => ({ itemId, outcome: 'received', storage: shelf })) },
      ACTORS.depot1,
    );
    expect(world.transferState()!.status).toBe('completed');
  });

  it('given kurir-2 carries part, when they hand it back to kurir-1 who accepts, then the consignment is whole again', () => {
    const { world, ok } = givenSplit();
    ok('handover_offered', { toCustodianId: 'kurir-1' }, kurirB);
    ok('handover_accepted', {}, kurirA);
    const transfer = world.transferState()!;
    expect(consignmentParts(transfer)).toEqual([
      { custodianId: 'kurir-1', stage: 'collected', itemIds: FILES },
    ]);
    ok('dispatched', {}, kurirA);
    expect(world.transferStream.at(-1)!.data).not.toHaveProperty('itemIds');
  });

  it('given a split consignment still at the origin, when the unit cancels it, then it is cancelled', () => {
    const { world, ok } = givenSplit();
    ok('cancelled', { reason: 'salah alamat' }, ACTORS.officerA);
    expect(world.transferState()!.status).toBe('cancelled');
  });
});

describe('refusals of a split consignment (recording nothing)', () => {
  it('offering an item the courier does not carry is refused (validation-failed) and names it', () => {
    const { world } = givenSplit();
    expectRefused(
      world,
      'handover_offered',
      { toCustodianId: 'admin', itemIds: ['a-4'] },
      kurirA,
      'validation-failed',
      /itemIds\[0\] 'a-4' is not a manifest item 'kurir-1' carries/,
    );
  });

  it('an empty or repeated subset is refused (validation-failed)', () => {
    const { world } = givenSplit({ whole: true });
    expectRefused(
      world,
      'handover_offered',
      { toCustodianId: 'kurir-2', itemIds: [] },
      kurirA,
      'validation-failed',
      /itemIds must list at least one item/,
    );
    expectRefused(
      world,
      'handover_offered',
      { toCustodianId: 'kurir-2', itemIds: ['a-1', 'a-1'] },
      kurirA,
      'validation-failed',
      /more than once/,
    );
  });

  it('a courier carrying none of it may not dispatch or arrive (403)', () => {
    const { world, ok } = givenSplit();
    expectRefused(
      world,
      'dispatched',
      {},
      kurirC,
      'forbidden',
      /carrying the consignment \(or a part of it\)/,
    );
    ok('dispatched', {}, kurirA);
    ok('dispatched', {}, kurirB);
    expectRefused(world, 'arrived', {}, kurirC, 'forbidden', /carrying the consignment/);
  });

  it('a courier whose part has left may not dispatch it again (409), while the other part may still leave', () => {
    const { world, ok } = givenSplit();
    ok('dispatched', {}, kurirA);
    expectRefused(
      world,
      'dispatched',
      {},
      kurirA,
      'invalid-transition',
      /'dispatched' on a transfer in status 'in_transit'/,
    );
    expectRefused(
      world,
      'arrived',
      {},
      kurirB,
      'invalid-transition',
      /'arrived' on a transfer in status 'collected'/,
    );
  });

  it('an intake naming a file whose part has not arrived is 409 and names its courier', () => {
    const { world, ok } = givenSplit();
    ok('dispatched', {}, kurirA);
    ok('dispatched', {}, kurirB);
    ok('arrived', {}, kurirA);
    expectRefused(
      world,
      'intake_recorded',
      { results: [{ itemId: 'a-4', outcome: 'received', storage: shelf }] },
      ACTORS.depot1,
      'invalid-transition',
      /not arrived yet: 'a-4' \(with 'kurir-2', in_transit\)/,
    );
  });

  it('an item a sitting took in can no longer be offered (validation-failed); a part never taken in may still be handed on', () => {
    const { world, ok } = givenSplit({ dispatchedFirst: true });
    ok('arrived', {}, kurirA);
    ok(
      'intake_recorded',
      { results: [{ itemId: 'a-1', outcome: 'received', storage: shelf }] },
      ACTORS.depot1,
    );
    expectRefused(
      world,
      'handover_offered',
      { toCustodianId: 'admin', itemIds: ['a-1'] },
      kurirA,
      'validation-failed',
      /'a-1' is not a manifest item/,
    );
    ok('handover_offered', { toCustodianId: 'kurir-1' }, kurirB);
    ok('handover_accepted', {}, kurirA);
    expect(world.itemState('a-4')!.custodianId).toBe('kurir-1');
  });

  it('an intake of the items being handed over is 409; the other part may be taken in meanwhile', () => {
    const { world, ok } = givenSplit({ dispatchedFirst: true });
    ok('arrived', {}, kurirA);
    ok('arrived', {}, kurirB);
    ok('handover_offered', { toCustodianId: 'kurir-1' }, kurirB);
    expectRefused(
      world,
      'intake_recorded',
      { results: [{ itemId: 'a-4', outcome: 'received', storage: shelf }] },
      ACTORS.depot1,
      'invalid-transition',
      /a handover to 'kurir-1' is pending/,
    );
    ok(
      'intake_recorded',
      { results: [{ itemId: 'a-1', outcome: 'received', storage: shelf }] },
      ACTORS.depot1,
    );
  });
});

describe('an intake of a stray while a handover is pending', () => {
  const stray = { results: [{ itemId: 'stray-1', outcome: 'unexpected' }] };

  it('given the whole consignment is offered, when the depot records a stray, then it is refused 409, recording nothing', () => {
    const { world, ok } = givenSplit({ whole: true });
    ok('dispatched', {}, kurirA);
    ok('arrived', {}, kurirA);
    ok('handover_offered', { toCustodianId: 'kurir-2' }, kurirA);
    expectRefused(
      world,
      'intake_recorded',
      stray,
      ACTORS.depot1,
      'invalid-transition',
      /a handover to 'kurir-2' is pending/,
    );
  });

  it('given only a part is offered, when the depot records a stray, then it is recorded and the offer stands', () => {
    const { world, ok } = givenSplit({ dispatchedFirst: true });
    ok('arrived', {}, kurirA);
    ok('handover_offered', { toCustodianId: 'kurir-1' }, kurirB);
    ok('intake_recorded', stray, ACTORS.depot1);
    expect(world.transferState()!.pendingHandover).toMatchObject({
      toCustodianId: 'kurir-1',
      itemIds: ['a-4', 'a-5'],
    });
    expect(world.itemState('a-4')!.pendingHandover?.toCustodianId).toBe('kurir-1');
  });
});

describe('a transfer collected while an item has its own release pending', () => {
  it('given the unit offered a-2 to kurir-2 on its own before listing it, when kurir-1 collects the transfer, then it is refused 409 naming the release, recording nothing', () => {
    const world = new TransferWorld();
    for (const itemId of FILES) world.register(itemId);
    // Offered before the transfer listed it: once listed, the file is released only with it.
    world.item(
      { type: 'handover_offered', itemId: 'a-2', data: { toCustodianId: 'kurir-2' } },
      ACTORS.officerA,
    );
    world.step(
      'transfer_created',
      { baNumber: 'BA-9/ARS/2026', fromId: 'dinas-a', toId: 'depot-1', itemIds: FILES },
      ACTORS.officerA,
    );
    expectRefused(
      world,
      'collected',
      { acknowledgement: SIGNED },
      kurirA,
      'invalid-transition',
      /a release to 'kurir-2' is pending on the item/,
    );
    expect(world.itemState('a-2')!.pendingHandover?.toCustodianId).toBe('kurir-2');
  });

  it('given that release was withdrawn, when kurir-1 collects the transfer, then it is collected', () => {
    const world = new TransferWorld();
    for (const itemId of FILES) world.register(itemId);
    // Offered before the transfer listed it: once listed, the file is released only with it.
    world.item(
      { type: 'handover_offered', itemId: 'a-2', data: { toCustodianId: 'kurir-2' } },
      ACTORS.officerA,
    );
    world.step(
      'transfer_created',
      { baNumber: 'BA-9/ARS/2026', fromId: 'dinas-a', toId: 'depot-1', itemIds: FILES },
      ACTORS.officerA,
    );
    world.item(
      { type: 'handover_withdrawn', itemId: 'a-2', data: { reason: 'salah kurir' } },
      ACTORS.officerA,
    );
    expect(world.step('collected', { acknowledgement: SIGNED }, kurirA).ok).toBe(true);
  });
});
