import { handoverOf, travellingWith, type Group } from './custody-groups';
import type { ItemView } from './screens/item';

const step = (type: string, correlationId: string | null = null) => ({ type, correlationId });

describe('travellingWith: which consignment a file in the bag belongs to', () => {
  it('is the transfer whose step was the latest of the journey', () => {
    expect(
      travellingWith([step('registered'), step('collected', 'trf-1'), step('dispatched', 'trf-1')]),
    ).toBe('trf-1');
  });

  it('is none for a file imported and then released item by item (the import is no transfer)', () => {
    expect(
      travellingWith([step('registered', 'imp-7'), step('handover_offered'), step('collected')]),
    ).toBeNull();
    expect(travellingWith([step('registered', 'imp-7')])).toBeNull();
  });

  it('is none once the file moves on its own after an earlier transfer, and a correction changes nothing', () => {
    const trail = [step('registered'), step('collected', 'trf-1'), step('intake_confirmed', 'trf-1')];
    expect(travellingWith([...trail, step('handover_offered'), step('collected')])).toBeNull();
    expect(travellingWith([...trail.slice(0, 2), step('corrected')])).toBe('trf-1');
  });
});

describe('handoverOf: what Serahkan ke rekan sends', () => {
  const items = ['a-1', 'a-2', 'a-3'].map((itemId) => ({ itemId }) as ItemView);
  const consignment: Group = { transferId: 'trf-1', items };

  it('hands the chosen files of a consignment to the colleague as a partial handover of its transfer', () => {
    const chosen = new Set(['a-2', 'a-3']);
    const handover = handoverOf(consignment, (id) => chosen.has(id), 'KURIR-B');
    expect(handover.body).toEqual({ toCustodianId: 'KURIR-B', itemIds: ['a-2', 'a-3'] });
    expect(handover.group.items.map((item) => item.itemId)).toEqual(['a-2', 'a-3']);
  });

  it('hands all of it when none (or every file) is chosen, and offers loose files one by one', () => {
    expect(handoverOf(consignment, () => false, 'KURIR-B').body).toEqual({ toCustodianId: 'KURIR-B' });
    expect(handoverOf(consignment, () => true, 'KURIR-B').body).toEqual({ toCustodianId: 'KURIR-B' });
    const loose = handoverOf({ transferId: null, items }, (id) => id === 'a-1', 'KURIR-B');
    expect(loose).toEqual({
      group: { transferId: null, items: [items[0]] },
      body: { toCustodianId: 'KURIR-B' },
    });
  });
});
