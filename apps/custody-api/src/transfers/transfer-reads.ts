import { Inject, Injectable } from '@nestjs/common';
import {
  decodeTransferEvent,
  replayTransfer,
  transferStreamId,
  type TransferEvent,
  type TransferState,
} from '@jejak/custody';
import { EVENT_STORE, type EventStore } from '@jejak/event-store';
import {
  READ_MODEL_QUERIES,
  type ItemView,
  type Page,
  type ReadModelQueries,
  type TransferQuery,
  type TransferSummary,
} from '@jejak/read-models';
import { LocationStore } from '@jejak/directory';
import { ApiProblem } from '../common/problem';

export interface LoadedTransfer {
  state: TransferState;
  events: TransferEvent[];
}

/**
 * The read side of a transfer: the transfer itself from its own stream (short, and the record of
 * what was decided), its items' current state from the read models, names from the directory.
 */
@Injectable()
export class TransferReads {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_QUERIES) private readonly readModels: ReadModelQueries,
    @Inject(LocationStore) private readonly locations: LocationStore,
  ) {}

  async transfer(transferId: string): Promise<LoadedTransfer> {
    const events = (await this.store.readStream(transferStreamId(transferId))).map((recorded) =>
      decodeTransferEvent(recorded.data),
    );
    const state = replayTransfer(events);
    if (!state) throw new ApiProblem('not-found', `No transfer '${transferId}'.`);
    return { state, events };
  }

  /** The list, from the read models (projected from the transfer streams). */
  list(query: TransferQuery): Promise<Page<TransferSummary>> {
    return this.readModels.listTransfers(query);
  }

  async items(itemIds: readonly string[]): Promise<Map<string, ItemView | null>> {
    const views = await Promise.all(itemIds.map((itemId) => this.readModels.getItem(itemId)));
    return new Map(itemIds.map((itemId, index) => [itemId, views[index]]));
  }
}
