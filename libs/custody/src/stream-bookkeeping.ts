/** What item and transfer states both keep about their stream and their custody. */
export interface StreamBookkeeping {
  status: string;
  custodianId: string;
  since: string;
  revision: number;
  headHash: string;
  eventIds: string[];
}

/**
 * The state after `event`, given what its effect made of the previous one: `since` moves only when
 * the status or the custodian changed, and the revision, chain head and event ids follow the event.
 */
export function advanceStream<S extends StreamBookkeeping>(
  previous: S,
  next: S,
  event: { occurredAt: string; revision: number; hash: string; eventId: string },
): S {
  const statusOrCustodyChanged = next.status !== previous.status || next.custodianId !== previous.custodianId;
  return {
    ...next,
    since: statusOrCustodyChanged ? event.occurredAt : previous.since,
    revision: event.revision,
    headHash: event.hash,
    eventIds: [...previous.eventIds, event.eventId],
  };
}
