import { evolve } from './evolve';
import { replay } from './replay';
import { streamOf } from './testing/given-when-then';
import { happened, histories } from './testing/histories';

describe('evolve', () => {
  it('refuses to fold an event that precedes the registration (a corrupt stream)', () => {
    const [, collected] = streamOf(histories.collectedFile());
    expect(() => evolve(null, collected)).toThrow(/precedes the registration/);
  });

  it('refuses a second registration in one stream', () => {
    const [registered] = streamOf(histories.registeredFile());
    expect(() => evolve(replay([registered]), { ...registered, revision: 1 })).toThrow(/registered twice/);
  });

  it('keeps since at the last change of status or custody, not at annotations', () => {
    const stream = streamOf([
      ...histories.deposited(),
      { type: 'relocated', data: { from: null, storage: { room: 'R7' } } },
    ]);
    const state = replay(stream)!;
    expect(state.since).toBe(stream[4].occurredAt);
    expect(state.storage).toEqual({ room: 'R7' });
    expect(state.headHash).toBe(stream[5].hash);
    expect(state.revision).toBe(5);
  });

  it('a pending handover survives the courier moving on, and is gone once custody changes', () => {
    const offered = replay(
      streamOf([...histories.collectedFile(), happened.offered('kurir-2'), happened.dispatched()]),
    )!;
    expect(offered.pendingHandover?.toCustodianId).toBe('kurir-2');
    const taken = replay(
      streamOf([...histories.collectedFile(), happened.offered('kurir-2'), happened.accepted('kurir-2')]),
    )!;
    expect(taken).toMatchObject({ pendingHandover: null, custodianId: 'kurir-2' });
  });

  it('an empty stream replays to no item', () => {
    expect(replay([])).toBeNull();
  });
});
