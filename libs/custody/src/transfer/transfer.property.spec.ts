import { SIGNED } from '../testing/acknowledgements';
import fc from 'fast-check';
import type { Actor } from '../actor';
import { verifyChain } from '../hash-chain';
import { ACTORS, context } from '../testing/fixtures';
import { TransferWorld } from '../testing/transfer-world';
import { consignmentParts } from './consignment-parts';
import { decideTransfer } from './decide-transfer';
import type { TransferCommand } from './transfer-commands';

const manifest = ['a-1', 'a-2', 'a-3'];
const shelf = { room: 'R1' };
const actors: Actor[] = [...Object.values(ACTORS), { id: 'rina', role: 'officer', unitId: 'kec-1' }];
type Step = { type: TransferCommand['type']; data: object; actor: Actor };
const couriers: Actor[] = [ACTORS.courier1, ACTORS.courier2];
const receivers: Actor[] = [ACTORS.depot1, ACTORS.depot2, actors[actors.length - 1], ACTORS.officerB];
/** Mostly someone who could plausibly do the step, sometimes anyone: so journeys get far, and refusals happen. */
const step = (
  type: TransferCommand['type'],
  data: fc.Arbitrary<object>,
  likely: Actor[] = couriers,
): fc.Arbitrary<Step> =>
  fc.record({
    type: fc.constant(type),
    data,
    actor: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...likely) }, fc.constantFrom(...actors)),
  });
const result = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      itemId: fc.constantFrom(...manifest),
      outcome: fc.constantFrom('received', 'damaged', 'missing', 'rejected'),
      storage: fc.constant(shelf),
      note: fc.constant('catatan'),
    }),
  },
  // Sometimes what the clerk may not say: a stray that is not unexpected, a manifest item that is.
  fc.record({
    itemId: fc.constantFrom(...manifest, 'stray-1'),
    outcome: fc.constantFrom('unexpected', 'received'),
    storage: fc.constant(shelf),
  }),
);

const results = fc.record({
  results: fc.uniqueArray(result, { minLength: 1, maxLength: 3, selector: (r) => r.itemId }),
});
const offer = fc.record(
  {
    toCustodianId: fc.constantFrom('kurir-1', 'kurir-2', 'KRR-017', 'depot-1'),
    // A partial consignment handover: some of the files the courier carries (or not: all of them).
    itemIds: fc.uniqueArray(fc.constantFrom(...manifest), { minLength: 1, maxLength: 2 }),
  },
  { requiredKeys: ['toCustodianId'] },
);

// Cancelling is easy before dispatch: kept rare so journeys get far enough.
const anyStep: fc.Arbitrary<Step> = fc.oneof(
  { weight: 9, arbitrary: step('collected', fc.constant({ acknowledgement: SIGNED })) },
  { weight: 9, arbitrary: step('dispatched', fc.constant({})) },
  { weight: 5, arbitrary: step('handover_offered', offer) },
  { weight: 3, arbitrary: step('handover_accepted', fc.constant({})) },
  {
    weight: 3,
    arbitrary: step('handover_declined', fc.constant({ reason: 'penuh' }), [...couriers, ACTORS.depot1]),
  },
  { weight: 3, arbitrary: step('handover_withdrawn', fc.constant({ reason: 'salah' })) },
  { weight: 9, arbitrary: step('arrived', fc.constant({})) },
  { weight: 12, arbitrary: step('intake_recorded', results, receivers) },
  {
    weight: 1,
    arbitrary: step('cancelled', fc.constant({ reason: 'batal' }), [ACTORS.officerA, ACTORS.admin]),
  },
);

/**
 * However the consignment was split, the transfer can still end: cancelled while nothing has left,
 * else every part leaves and arrives with its courier and the receiving side takes in the rest.
 */
function canEnd(world: TransferWorld): boolean {
  const ended = () =>
    ['completed', 'completed_with_discrepancies', 'cancelled'].includes(world.transferState()!.status);
  if (ended()) return true;
  if (world.transferState()!.pendingHandover) world.step('handover_withdrawn', { reason: 'x' }, ACTORS.admin);
  if (['open', 'collected'].includes(world.transferState()!.status)) {
    return world.step('cancelled', { reason: 'batal' }, ACTORS.admin).ok;
  }
  for (const part of consignmentParts(world.transferState()!)) {
    const courier = couriers.find((candidate) => candidate.id === part.custodianId) ?? {
      id: part.custodianId,
      role: 'courier' as const,
      unitId: null,
    };
    if (part.stage === 'collected' && !world.step('dispatched', {}, courier).ok) return false;
    if (part.stage !== 'arrived' && !world.step('arrived', {}, courier).ok) return false;
  }
  const transfer = world.transferState()!;
  const answered = new Set((transfer.intake ?? []).map((r) => r.itemId));
  const rest = manifest.filter((itemId) => !answered.has(itemId));
  const receiver = transfer.toId === 'depot-1' ? ACTORS.depot1 : actors[actors.length - 1];
  const results = rest.map((itemId) => ({ itemId, outcome: 'received', storage: shelf }));
  return world.step('intake_recorded', { results }, receiver).ok && ended();
}

describe('a transfer under random steps by random people', () => {
  it('keeps the transfer and its items in step, records nothing on a refusal, and never leaves a handover nobody can clear', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('depot-1', 'kec-1'),
        fc.array(anyStep, { minLength: 20, maxLength: 60 }),
        (toId, steps) => {
          const world = new TransferWorld();
          for (const itemId of manifest) world.register(itemId);
          const created = world.step(
            'transfer_created',
            { baNumber: 'BA-P', fromId: 'dinas-a', toId, itemIds: manifest },
            ACTORS.officerA,
          );
          expect(created.ok).toBe(true);
          for (const { type, data, actor } of steps) {
            const before = world.lengths();
            const outcome = world.step(type, data, actor);
            if (!outcome.ok) {
              expect(world.lengths()).toEqual(before);
              continue;
            }
            const transfer = world.transferState()!;
            const pending = transfer.pendingHandover;
            if (pending) {
              // The admin can always clear it, whoever it names.
              const clear = {
                type: 'handover_withdrawn',
                transferId: transfer.transferId,
                data: { reason: 'x' },
              } as TransferCommand;
              expect(decideTransfer(clear, transfer, context(ACTORS.admin)).ok).toBe(true);
              expect(context(ACTORS.admin).parties(pending.toCustodianId)?.active).toBe(true);
            }
            const answered = new Map((transfer.intake ?? []).map((r) => [r.itemId, r.outcome]));
            for (const itemId of manifest) {
              const item = world.itemState(itemId)!;
              if (!answered.has(itemId) && transfer.status !== 'cancelled' && transfer.status !== 'open') {
                // Each file is with the courier the transfer says carries it (split or whole).
                expect(item.custodianId).toBe(transfer.carriage[itemId]?.custodianId);
                const offered = pending && (pending.itemIds ?? manifest).includes(itemId);
                expect(item.pendingHandover?.toCustodianId ?? null).toBe(
                  offered ? pending.toCustodianId : null,
                );
              }
              // Rejected is never missing: the file stays with its courier.
              if (answered.get(itemId) === 'rejected') expect(item.status).toBe('arrived');
            }
            if (transfer.status === 'completed' || transfer.status === 'completed_with_discrepancies') {
              expect(manifest.every((itemId) => answered.has(itemId))).toBe(true);
            }
          }
          expect(canEnd(world)).toBe(true);
          expect(verifyChain(world.transferStream).valid).toBe(true);
          for (const stream of world.itemStreams.values()) expect(verifyChain(stream).valid).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
