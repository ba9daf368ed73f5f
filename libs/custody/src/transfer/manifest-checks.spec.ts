import { GENESIS_HASH } from '../hash-chain';
import type { ItemState } from '../state';
import type { TransferState } from './transfer-state';
import {
  checkItemAtOrigin,
  checkNotInOpenTransfer,
  describeManifestProblems,
  isOpenTransfer,
} from './manifest-checks';

const item = (overrides: Partial<ItemState>): ItemState =>
  ({
    itemId: 'a-1',
    status: 'registered',
    locationId: 'kec-a',
    custodianId: 'kec-a',
    revision: 0,
    headHash: GENESIS_HASH,
    ...overrides,
  }) as ItemState;

const transfer = (status: TransferState['status']): TransferState =>
  ({ transferId: 't-1', baNumber: 'BA-001/ARS/2026', status }) as TransferState;

describe('checkItemAtOrigin', () => {
  it('accepts an item ready to be collected at the origin: registered there, arrived there, or shelved there', () => {
    expect(checkItemAtOrigin('a-1', item({}), 'kec-a')).toBeNull();
    expect(checkItemAtOrigin('a-1', item({ status: 'arrived' }), 'kec-a')).toBeNull();
    expect(checkItemAtOrigin('a-1', item({ status: 'deposited', locationId: 'depo' }), 'depo')).toBeNull();
  });

  it('names an item that does not exist, sits elsewhere, is on the move, or cannot leave from its status', () => {
    expect(checkItemAtOrigin('x', null, 'kec-a')).toMatchObject({ itemId: 'x', reason: 'not-found' });
    expect(checkItemAtOrigin('a-1', item({ locationId: 'kec-b' }), 'kec-a')).toMatchObject({
      reason: 'not-at-origin',
      status: 'registered',
      locationId: 'kec-b',
    });
    const moving = checkItemAtOrigin('a-1', item({ status: 'in_transit', locationId: null }), 'kec-a');
    expect(moving?.detail).toMatch(/'in_transit' at 'on the move'/);
    expect(checkItemAtOrigin('a-1', item({ status: 'missing' }), 'kec-a')).toMatchObject({
      reason: 'not-at-origin',
      status: 'missing',
    });
  });
});

describe('checkNotInOpenTransfer', () => {
  it('holds an item claimed by a transfer that is still open in any of its stages', () => {
    for (const status of ['open', 'collected', 'in_transit', 'arrived'] as const) {
      expect(checkNotInOpenTransfer('a-1', 't-1', transfer(status))).toMatchObject({
        reason: 'in-open-transfer',
        transferId: 't-1',
      });
    }
  });

  it('frees an item never claimed, claimed by a finished transfer, or by one that never came to exist', () => {
    expect(checkNotInOpenTransfer('a-1', null, null)).toBeNull();
    expect(checkNotInOpenTransfer('a-1', 't-1', transfer('completed'))).toBeNull();
    expect(checkNotInOpenTransfer('a-1', 't-1', transfer('completed_with_discrepancies'))).toBeNull();
    expect(checkNotInOpenTransfer('a-1', 't-1', null)).toBeNull();
    expect(isOpenTransfer(null)).toBe(false);
  });
});

it('describeManifestProblems names every offending item', () => {
  const text = describeManifestProblems([
    { itemId: 'a', reason: 'not-found', detail: "item 'a' does not exist" },
    { itemId: 'b', reason: 'in-open-transfer', detail: "item 'b' is already in open transfer 't'" },
  ]);
  expect(text).toBe(
    "The 2 items cannot be sent with this transfer: item 'a' does not exist; item 'b' is already in open transfer 't'.",
  );
});
