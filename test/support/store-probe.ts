import { EVENT_STORE, type EventStore } from '@jejak/event-store';
import type { TestApp } from './test-app';

/** The event store's head, to prove a refused request recorded nothing. */
export async function headPosition(t: TestApp): Promise<string | null> {
  return t.app.get<EventStore>(EVENT_STORE).headPosition();
}

export async function expectNothingRecorded(t: TestApp, act: () => Promise<unknown>): Promise<void> {
  const before = await headPosition(t);
  await act();
  expect(await headPosition(t)).toBe(before);
}
