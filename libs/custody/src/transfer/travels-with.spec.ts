import type { Actor } from '../actor';
import type { CustodyCommand } from '../commands';
import { SIGNED } from '../testing/acknowledgements';
import { ACTORS } from '../testing/fixtures';
import { TransferWorld } from '../testing/transfer-world';
import { travelsWith } from './travels-with';

const shelf = { room: 'R1', shelf: 'S1' };
const on = (itemId: string, type: string, data: object = {}) => ({ type, itemId, data }) as CustodyCommand;

/** Given a transfer of a-1..a-2 from dinas-a to the depot, collected and carried as far as `until`. */
function givenTransfer(until: 'created' | 'collected' | 'arrived') {
  const world = new TransferWorld();
  for (const itemId of ['a-1', 'a-2']) world.register(itemId);
  const steps: [string, object, Actor][] = [
    [
      'transfer_created',
      { baNumber: 'BA-7/ARS/2026', fromId: 'dinas-a', toId: 'depot-1', itemIds: ['a-1', 'a-2'] },
      ACTORS.officerA,
    ],
    ['collected', { acknowledgement: SIGNED }, ACTORS.courier1],
    ['dispatched', {}, ACTORS.courier1],
    ['arrived', {}, ACTORS.courier1],
  ];
  const upTo = { created: 1, collected: 2, arrived: 4 }[until];
  for (const [type, data, actor] of steps.slice(0, upTo)) {
    const outcome = world.step(type as never, data, actor);
    if (!outcome.ok) throw new Error(`${type}: ${JSON.stringify(outcome)}`);
  }
  return world;
}

describe('a file in an open transfer travels with it: its journey is not recorded on the file alone', () => {
  it.each([
    [
      'released by its officer before the courier comes',
      'created',
      on('a-1', 'handover_offered', { toCustodianId: 'kurir-1' }),
      ACTORS.officerA,
    ],
    [
      'collected alone with a signature',
      'created',
      on('a-1', 'collected', { acknowledgement: SIGNED }),
      ACTORS.courier1,
    ],
    [
      'handed by its courier to a colleague',
      'collected',
      on('a-1', 'handover_offered', { toCustodianId: 'kurir-2' }),
      ACTORS.courier1,
    ],
    ['dispatched alone', 'collected', on('a-2', 'dispatched', { destinationId: 'depot-1' }), ACTORS.courier1],
    [
      'taken in alone by the depot',
      'arrived',
      on('a-1', 'intake_confirmed', { storage: shelf }),
      ACTORS.depot1,
    ],
    [
      'turned away alone by the depot',
      'arrived',
      on('a-2', 'intake_rejected', { reason: 'basah' }),
      ACTORS.depot1,
    ],
  ] as const)(
    '%s is refused (409, naming the transfer), recording nothing',
    (_case, until, command, actor) => {
      const world = givenTransfer(until);
      const before = world.lengths();
      const decision = world.decideOnItemRoute(command, actor);
      expect(decision).toMatchObject({ ok: false, refusal: { code: 'invalid-transition' } });
      if (!decision.ok)
        expect(decision.refusal.message).toMatch(
          /open transfer 't-1' \(BA-7\/ARS\/2026\).*\/api\/transfers\/t-1\/events/,
        );
      expect(world.lengths()).toEqual(before);
    },
  );

  it('still takes what is no step of the journey: a correction, or a report that the file is missing', () => {
    const world = givenTransfer('collected');
    world.item(
      on('a-1', 'corrected', { changes: { title: 'Daftar gaji pegawai 2011' }, reason: 'salah tahun' }),
      ACTORS.officerA,
    );
    world.item(on('a-2', 'reported_missing', { reason: 'tidak ada di tas kurir' }), ACTORS.officerA);
    expect(world.itemTypes('a-1').at(-1)).toBe('corrected');
    expect(world.itemState('a-2')).toMatchObject({ status: 'missing' });
  });

  it('frees a file once the intake has its outcome: one turned away goes on with its courier alone', () => {
    const world = givenTransfer('arrived');
    const results = [
      { itemId: 'a-1', outcome: 'received', storage: shelf },
      { itemId: 'a-2', outcome: 'rejected', note: 'basah kuyup' },
    ];
    expect(world.step('intake_recorded', { results }, ACTORS.depot1).ok).toBe(true);
    expect(travelsWith(world.transferState(), 'a-2')).toBeNull();
    world.item(on('a-2', 'dispatched', { destinationId: 'dinas-a' }), ACTORS.courier1);
    expect(world.itemState('a-2')).toMatchObject({ status: 'in_transit', custodianId: 'kurir-1' });
  });

  it('frees every file of a cancelled transfer, and never holds a file it does not list', () => {
    const world = givenTransfer('created');
    expect(travelsWith(world.transferState(), 'a-1')).toEqual({
      transferId: 't-1',
      baNumber: 'BA-7/ARS/2026',
    });
    expect(travelsWith(world.transferState(), 'b-9')).toBeNull();
    expect(world.step('cancelled', { reason: 'salah tujuan' }, ACTORS.officerA).ok).toBe(true);
    expect(travelsWith(world.transferState(), 'a-1')).toBeNull();
    world.item(on('a-1', 'handover_offered', { toCustodianId: 'kurir-1' }), ACTORS.officerA);
    expect(world.itemState('a-1')?.pendingHandover).toMatchObject({ toCustodianId: 'kurir-1' });
  });
});
