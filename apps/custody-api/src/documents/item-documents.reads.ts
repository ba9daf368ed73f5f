import { Inject, Injectable } from '@nestjs/common';
import {
  READ_MODEL_QUERIES,
  type ItemView,
  type ReadModelQueries,
  type TrailEntry,
} from '@jejak/read-models';
import { ApiProblem } from '../common/problem';

/** Most items a disposal report looks through for its BA number (see DisposalReportController). */
export const DISPOSAL_SCAN_LIMIT = 10_000;

/** What the item documents read: an item, its whole trail, the items that ended under one BA. */
@Injectable()
export class ItemDocumentReads {
  constructor(@Inject(READ_MODEL_QUERIES) private readonly readModels: ReadModelQueries) {}

  async item(itemId: string): Promise<ItemView> {
    const view = await this.readModels.getItem(itemId);
    if (!view) throw new ApiProblem('not-found', `No item '${itemId}'.`);
    return view;
  }

  async trail(itemId: string): Promise<TrailEntry[]> {
    const entries: TrailEntry[] = [];
    let afterRevision: number | undefined;
    for (;;) {
      const page = await this.readModels.getTrail(itemId, { afterRevision, limit: 1000 });
      entries.push(...page.items);
      if (!page.nextCursor || page.items.length === 0) return entries;
      afterRevision = page.items[page.items.length - 1].revision;
    }
  }

  /**
   * The items that ended (`disposed` or `transferred_static`) under this BA number, with the event
   * that ended each. The read models have no index by BA number: the terminal items are read in
   * registration order and their ending event checked, up to DISPOSAL_SCAN_LIMIT of them.
   */
  async endedUnder(baNumber: string): Promise<{ view: ItemView; entry: TrailEntry }[]> {
    const found: { view: ItemView; entry: TrailEntry }[] = [];
    for (const status of ['disposed', 'transferred_static'] as const) {
      let cursor: string | undefined;
      let seen = 0;
      do {
        const page = await this.readModels.listItems({ status, limit: 500, cursor });
        for (const view of page.items) {
          const entry = (await this.trail(view.itemId)).find((line) => line.type === status);
          if (entry?.data.baNumber === baNumber) found.push({ view, entry });
        }
        seen += page.items.length;
        cursor = page.nextCursor ?? undefined;
      } while (cursor && seen < DISPOSAL_SCAN_LIMIT);
    }
    return found;
  }
}
