import { Body, Controller, Get, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { READ_MODEL_QUERIES, type ReadModelQueries } from '@jejak/read-models';
import type { Principal } from '@jejak/directory';
import { idSourceFor } from '@jejak/event-store';
import { ID_PATTERN, RegisterItemDto, toRegisterCommand } from '@jejak/http-contract';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { ApiProblem } from '../common/problem';
import { idempotentRequestOf } from '../idempotency/idempotency.guard';
import { Idempotent } from '../idempotency/idempotent.decorator';
import { ApiProblems } from '../openapi/problem.dto';
import {
  EventRecordedDto,
  HistoryDto,
  ItemPageDto,
  ItemRegisteredDto,
  ItemViewDto,
} from '../openapi/response.dto';
import { ReadModelGate } from '../infrastructure/read-model-gate';
import { CustodyCommandMessage, type CustodyOutcome } from './custody-command.handler';
import { HistoryQueryDto, ItemListQueryDto, ReadQueryDto } from './dto/item-query.dto';
import { RecordEventDto } from './dto/record-event.dto';
import { toCustodyCommand } from './to-custody-command';

@ApiTags('items')
@ApiBearerAuth()
@Controller('api/items')
export class ItemsController {
  constructor(
    @Inject(CommandBus) private readonly commandBus: CommandBus,
    @Inject(READ_MODEL_QUERIES) private readonly readModels: ReadModelQueries,
    @Inject(ReadModelGate) private readonly gate: ReadModelGate,
  ) {}

  @Post()
  @Idempotent()
  @ApiCreatedResponse({ type: ItemRegisteredDto })
  @ApiProblems(409, 422)
  async register(
    @Body() dto: RegisterItemDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
  ): Promise<Omit<CustodyOutcome, 'type'>> {
    const idempotency = idempotentRequestOf(request);
    // Without an id, a retried request must land on the same item: derive it from the key.
    const itemId = dto.id ?? `itm-${idSourceFor(idempotency)('item')}`;
    const { type: _type, ...outcome } = await this.commandBus.execute(
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

  @Post(':id/events')
  @Idempotent()
  @ApiCreatedResponse({ type: EventRecordedDto })
  @ApiProblems(404, 409, 422)
  async record(
    @Param('id') id: string,
    @Body() dto: RecordEventDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
  ): Promise<CustodyOutcome> {
    assertItemId(id);
    return this.commandBus.execute(
      new CustodyCommandMessage({
        command: toCustodyCommand(id, dto),
        principal,
        occurredAt: dto.occurredAt,
        expectedRevision: dto.expectedRevision,
        note: dto.note,
        idempotency: idempotentRequestOf(request),
      }),
    );
  }

  @Get()
  @ApiOkResponse({ type: ItemPageDto })
  @ApiProblems(503)
  async list(@Query() query: ItemListQueryDto, @Res({ passthrough: true }) reply: FastifyReply) {
    await this.gate.await(query.minPosition, reply);
    const { minPosition: _minPosition, ...filters } = query;
    const page = await this.readModels.listItems(filters);
    return { items: page.items, nextCursor: page.nextCursor };
  }

  @Get(':id')
  @ApiOkResponse({ type: ItemViewDto, description: 'From the read model' })
  @ApiProblems(404, 503)
  async get(
    @Param('id') id: string,
    @Query() query: ReadQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    await this.gate.await(query.minPosition, reply);
    const item = await this.readModels.getItem(id);
    if (!item) throw new ApiProblem('not-found', `No item '${id}'.`);
    return item;
  }

  @Get(':id/history')
  @ApiOkResponse({ type: HistoryDto })
  @ApiProblems(404, 503)
  async history(
    @Param('id') id: string,
    @Query() query: HistoryQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    await this.gate.await(query.minPosition, reply);
    const page = await this.readModels.getTrail(id, {
      afterRevision: afterRevisionOf(query),
      limit: query.limit ?? 200,
    });
    if (page.items.length === 0 && !(await this.readModels.getItem(id))) {
      throw new ApiProblem('not-found', `No item '${id}'.`);
    }
    return { itemId: id, events: page.items, nextCursor: page.nextCursor };
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

function assertItemId(id: string): void {
  if (!ID_PATTERN.test(id)) {
    throw new ApiProblem('validation-failed', `'${id}' is not a valid item id.`, {
      errors: [{ field: 'id', message: 'letters, digits and . _ : - only' }],
    });
  }
}
