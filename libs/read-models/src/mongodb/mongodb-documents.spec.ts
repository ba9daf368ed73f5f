import { replay, type CustodyEvent } from '@jejak/custody';
import { toItemView } from '../projections/item-view.projection';
import { custodyScenario } from '../testing/custody-scenario.fixture';
import { fromItemDocument, toItemDocument } from './mongodb-documents';

describe('MongoDB item documents', () => {
  const events = custodyScenario()
    .events()
    .map((recorded) => recorded.data as unknown as CustodyEvent)
    .filter((event) => event.itemId === 'item-01');
  const state = replay(events)!;
  const record = {
    state,
    view: toItemView(state, {
      position: '9',
      registeredAt: events[0].recordedAt,
      updatedAt: events[0].recordedAt,
    }),
    registeredPosition: '1',
  };

  it('stores an item of many events without its event ids, like the embedded store', () => {
    expect(state.eventIds.length).toBeGreaterThan(1);
    const document = toItemDocument(record);
    expect(JSON.stringify(document)).not.toContain('eventIds');
    expect(document.view).toEqual(record.view);
  });

  it('gives the projector back the same state, with an empty list of event ids', () => {
    const loaded = fromItemDocument(toItemDocument(record));
    expect(loaded).toEqual({ ...record, state: { ...state, eventIds: [] } });
  });
});
