import { SIGNED } from '../testing/acknowledgements';
import { decide } from '../decide';
import { evolve } from '../evolve';
import { GENESIS_HASH, sealEvents } from '../hash-chain';
import type { ItemState, MaybeItemState } from '../state';
import { ACTORS, aFile, context } from '../testing/fixtures';
import { decideTransfer } from './decide-transfer';
import { replayTransfer } from './evolve-transfer';
import { sealTransferEvents } from './seal-transfer-events';
import type { TransferCommand } from './transfer-commands';
import { decideTransferProcess, manifestOf, type ManifestItem } from './transfer-process';

const create: TransferCommand = {
  type: 'transfer_created',
  transferId: 't-1',
  data: { baNumber: 'BA-7/ARS/2026', fromId: 'dinas-a', toId: 'depot-1', itemIds: ['a-1', 'a-2'] },
};

function registeredItem(itemId: string): ItemState {
  const decision = decide({ type: 'registered', itemId, data: aFile() }, null, context(ACTORS.officerA));
  if (!decision.ok) throw new Error(decision.refusal.message);
  const [event] = sealEvents(decision.events, {
    itemId,
    eventIds: [`${itemId}-0`],
    prevRevision: -1,
    prevHash: GENESIS_HASH,
    occurredAt: context(ACTORS.officerA).now,
    recordedAt: context(ACTORS.officerA).now,
    actor: ACTORS.officerA,
    commandId: null,
    correlationId: null,
    note: null,
  });
  return evolve(null, event);
}

const manifest = (states: Record<string, MaybeItemState>) =>
  new Map<string, ManifestItem>(Object.entries(states).map(([itemId, state]) => [itemId, { state }]));

function created() {
  const decision = decideTransfer(create, null, context(ACTORS.officerA));
  if (!decision.ok) throw new Error(decision.refusal.message);
  return replayTransfer(
    sealTransferEvents(decision.events, {
      transferId: 't-1',
      eventIds: ['t-1-0'],
      prevRevision: -1,
      prevHash: GENESIS_HASH,
      occurredAt: context(ACTORS.officerA).now,
      recordedAt: context(ACTORS.officerA).now,
      actor: ACTORS.officerA,
      commandId: null,
      correlationId: null,
      note: null,
    }),
  )!;
}

describe('decideTransferProcess', () => {
  it('creates a transfer whose items all wait at the origin, recording nothing on them yet', () => {
    const items = manifest({ 'a-1': registeredItem('a-1'), 'a-2': registeredItem('a-2') });
    const outcome = decideTransferProcess(create, null, items, context(ACTORS.officerA));
    expect(outcome).toMatchObject({ ok: true, items: [] });
    expect(manifestOf(create, null)).toEqual(['a-1', 'a-2']);
  });

  it('refuses the manifest naming every item that does not exist or is claimed by an open transfer', () => {
    const open = created();
    const items = new Map<string, ManifestItem>([
      ['a-1', { state: registeredItem('a-1'), claimedBy: 't-0', claimant: open }],
      ['a-2', { state: null }],
    ]);
    const outcome = decideTransferProcess(create, null, items, context(ACTORS.officerA));
    expect(outcome).toMatchObject({
      ok: false,
      refused: 'manifest',
      problems: [
        { itemId: 'a-1', reason: 'in-open-transfer', transferId: 't-0' },
        { itemId: 'a-2', reason: 'not-found' },
      ],
    });
  });

  it("answers each manifest item's own event for a step, decided by the item's rules", () => {
    const transfer = created();
    const collect: TransferCommand = {
      type: 'collected',
      transferId: 't-1',
      data: { acknowledgement: SIGNED },
    };
    const items = manifest({ 'a-1': registeredItem('a-1'), 'a-2': registeredItem('a-2') });
    const outcome = decideTransferProcess(collect, transfer, items, context(ACTORS.courier1), 'ambil');
    expect(outcome).toMatchObject({
      ok: true,
      events: [{ type: 'collected' }],
      items: [
        { itemId: 'a-1', events: [{ type: 'collected', data: { custodianId: 'kurir-1' } }], note: 'ambil' },
        { itemId: 'a-2', events: [{ type: 'collected' }], note: 'ambil' },
      ],
    });
  });

  it('refuses the whole step when one item refuses it, naming the item', () => {
    const transfer = created();
    const collect: TransferCommand = {
      type: 'collected',
      transferId: 't-1',
      data: { acknowledgement: SIGNED },
    };
    const items = manifest({ 'a-1': registeredItem('a-1'), 'a-2': null });
    const outcome = decideTransferProcess(collect, transfer, items, context(ACTORS.courier1));
    expect(outcome).toMatchObject({
      ok: false,
      refused: 'items',
      items: [{ itemId: 'a-2', refusal: { code: 'not-found' } }],
    });
  });

  it("refuses on the transfer's own rules before looking at any item", () => {
    const outcome = decideTransferProcess(create, null, new Map(), context(ACTORS.auditor));
    expect(outcome).toMatchObject({ ok: false, refused: 'transfer', refusal: { code: 'forbidden' } });
  });
});
