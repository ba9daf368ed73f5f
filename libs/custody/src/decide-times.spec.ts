import type { CustodyCommand } from './commands';
import { isLateEntry } from './times';
import { ACTORS, context, NOW } from './testing/fixtures';
import { given } from './testing/given-when-then';
import { happened } from './testing/histories';

const item = 'item-1';
const at = (minutesFromNow: number) => new Date(Date.parse(NOW) + minutesFromNow * 60_000).toISOString();
const dispatched = { type: 'dispatched', itemId: item, data: { destinationId: 'depot-1' } } as CustodyCommand;

describe('times: never before the item’s latest event', () => {
  const collectedToday = [
    { ...happened.registered(), occurredAt: at(-120) },
    { ...happened.collected(), occurredAt: at(-60) },
  ];

  it('refuses a dispatched dated 1900-01-01 after a collected of today (409 out-of-order, naming both times)', () => {
    const when = given(collectedToday).when(
      dispatched,
      context(ACTORS.courier1, { occurredAt: '1900-01-01T00:00:00.000Z' }),
    );
    when.thenRefused('out-of-order', '1900-01-01T00:00:00.000Z');
    when.thenRefused('out-of-order', at(-60));
  });

  it('refuses an event a minute before the latest one', () => {
    given(collectedToday)
      .when(dispatched, context(ACTORS.courier1, { occurredAt: at(-61) }))
      .thenRefused('out-of-order');
  });

  it('accepts an event at the very time of the latest one, and a late one after it', () => {
    given(collectedToday)
      .when(dispatched, context(ACTORS.courier1, { occurredAt: at(-60) }))
      .thenState({ status: 'in_transit', latestOccurredAt: at(-60) });
    given(collectedToday)
      .when(dispatched, context(ACTORS.courier1, { occurredAt: at(-30) }))
      .thenState({ latestOccurredAt: at(-30) });
  });

  it('keeps the latest occurredAt even when an event does not move `since`', () => {
    const state = given([...collectedToday, { ...happened.offered(), occurredAt: at(-10) }]).state!;
    expect(state.since).toBe(at(-60));
    expect(state.latestOccurredAt).toBe(at(-10));
    given([...collectedToday, { ...happened.offered(), occurredAt: at(-10) }])
      .when(
        { type: 'handover_declined', itemId: item, data: { reason: 'x' } },
        context(ACTORS.courier2, { occurredAt: at(-20) }),
      )
      .thenRefused('out-of-order');
  });

  it('checks the role and status first: a backdated event the status never allows is invalid-transition', () => {
    given(collectedToday)
      .when(
        { type: 'arrived', itemId: item, data: { locationId: 'depot-1' } },
        context(ACTORS.courier1, { occurredAt: '1900-01-01T00:00:00.000Z' }),
      )
      .thenRefused('invalid-transition');
  });

  it('still refuses more than five minutes ahead (validation-failed)', () => {
    given(collectedToday)
      .when(dispatched, context(ACTORS.courier1, { occurredAt: at(6) }))
      .thenRefused('validation-failed', /five minutes/);
  });
});

describe('times: late entries', () => {
  it('is late when recorded more than an hour after it occurred', () => {
    expect(isLateEntry({ occurredAt: at(-61), recordedAt: NOW })).toBe(true);
    expect(isLateEntry({ occurredAt: at(-60), recordedAt: NOW })).toBe(false);
    expect(isLateEntry({ occurredAt: NOW, recordedAt: NOW })).toBe(false);
  });
});
