import { Inject, Injectable } from '@nestjs/common';
import { READ_MODEL_QUERIES, withHandoverLapse, type ReadModelQueries } from '@jejak/read-models';
import type { Principal } from '@jejak/directory';
import { idSourceFor, type IdempotentRequest } from '@jejak/event-store';
import { toRegisterCommand, type RegisterItemDto } from '@jejak/http-contract';
import { disclosedItem, disclosedItems, disclosedTrail, scopeOf } from '../common/item-disclosure';
import { ApiProblem } from '../common/problem';
import { CustodyCommandHandler, CustodyCommandMessage, type CustodyOutcome } from './custody-command.handler';
import type { HistoryQueryDto, ItemListQueryDto } from './dto/item-query.dto';
import type { RecordEventDto } from './dto/record-event.dto';
import { toCustodyCommand } from './to-custody-command';

/** What /api/items does: commands through the item handler, reads from the read models. */
@Injectable()
export class ItemsService {
  constructor(
    @Inject(CustodyCommandHandler) private readonly commands: CustodyCommandHandler,
    @Inject(READ_MODEL_QUERIES) private readonly readModels: ReadModelQueries,
  ) {}

  async register(
    dto: RegisterItemDto,
    principal: Principal,
    idempotency: IdempotentRequest | undefined,
  ): Promise<Omit<CustodyOutcome, 'type'>> {
    // Without an id, a retried request must land on the same item: derive it from the key.
    const itemId = dto.id ?? `itm-${idSourceFor(idempotency)('item')}`;
    const { type: _type, ...outcome } = await this.commands.execute(
      new CustodyCommandMessage({
        command: toRegisterCommand(itemId, dto),
        principal,
        occurredAt: dto.occurredAt,
        note: dto.note,
        idempotency,
      }),
    );
    return outcome;
  }

  record(
    itemId: string,
    dto: RecordEventDto,
    principal: Principal,
    idempotency: IdempotentRequest | undefined,
  ): Promise<CustodyOutcome> {
    const { command, signature } = toCustodyCommand(itemId, dto);
    return this.commands.execute(
      new CustodyCommandMessage({
        command,
        signature,
        principal,
        occurredAt: dto.occurredAt,
        expectedRevision: dto.expectedRevision,
        note: dto.note,
        idempotency,
      }),
    );
  }

  /** `q` matches only what the asker may read: the restriction is in the query, not after it. */
  async list(query: ItemListQueryDto, principal: Principal) {
    const { minPosition: _minPosition, ...filters } = query;
    const page = await this.readModels.listItems({ ...filters, readScope: scopeOf(principal) });
    return { items: disclosedItems(page.items, principal), nextCursor: page.nextCursor };
  }

  async get(itemId: string, principal: Principal) {
    const item = await this.readModels.getItem(itemId);
    if (!item) throw new ApiProblem('not-found', `No item '${itemId}'.`);
    return disclosedItem(withHandoverLapse(item, new Date().toISOString()), principal);
  }

  async history(itemId: string, query: HistoryQueryDto, principal: Principal) {
    const page = await this.readModels.getTrail(itemId, {
      afterRevision: afterRevisionOf(query),
      limit: query.limit ?? 200,
    });
    const view = await this.readModels.getItem(itemId);
    if (page.items.length === 0 && !view) {
      throw new ApiProblem('not-found', `No item '${itemId}'.`);
    }
    return { itemId, events: disclosedTrail(page.items, view, principal), nextCursor: page.nextCursor };
  }
}

/** `cursor` is the page's last revision; `afterRevision`, the older name, means the same. */
function afterRevisionOf(query: HistoryQueryDto): number | undefined {
  if (query.cursor === undefined) return query.afterRevision;
  const after = Number(query.cursor);
  if (query.afterRevision !== undefined && query.afterRevision !== after) {
    throw new ApiProblem('validation-failed', 'Give cursor or afterRevision, not two different ones.', {
      errors: [{ field: 'cursor', message: 'differs from afterRevision' }],
    });
  }
  return after;
}
