import { Body, Controller, Get, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { READ_MODEL_QUERIES, type ReadModelQueries } from '@jejak/read-models';
import type { Principal } from '@jejak/directory';
import { idSourceFor } from '@jejak/event-store';
import { RegisterItemDto, toRegisterCommand } from '@jejak/http-contract';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { IdParam } from '../common/id-param.pipe';
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
import { ReadsProjection } from '../common/reads-projection.decorator';
import { CustodyCommandHandler, CustodyCommandMessage, type CustodyOutcome } from './custody-command.handler';
import { HistoryQueryDto, ItemListQueryDto, ReadQueryDto } from './dto/item-query.dto';
import { RecordEventDto } from './dto/record-event.dto';
import { toCustodyCommand } from './to-custody-command';

@ApiTags('items')
@ApiBearerAuth()
@Controller('api/items')
export class ItemsController {
  constructor(
    @Inject(CustodyCommandHandler) private readonly commands: CustodyCommandHandler,
    @Inject(READ_MODEL_QUERIES) private readonly readModels: ReadModelQueries,
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

  @Post(':id/events')
  @Idempotent()
  @ApiCreatedResponse({ type: EventRecordedDto })
  @ApiProblems(404, 409, 422)
  async record(
    @Param('id', new IdParam('item')) id: string,
    @Body() dto: RecordEventDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
  ): Promise<CustodyOutcome> {
    return this.commands.execute(
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

  @ReadsProjection()
  @Get()
  @ApiOkResponse({ type: ItemPageDto })
  @ApiProblems(503)
  async list(@Query() query: ItemListQueryDto, @Res({ passthrough: true }) _reply: FastifyReply) {
    const { minPosition: _minPosition, ...filters } = query;
    const page = await this.readModels.listItems(filters);
    return { items: page.items, nextCursor: page.nextCursor };
  }

  @ReadsProjection()
  @Get(':id')
  @ApiOkResponse({ type: ItemViewDto, description: 'From the read model' })
  @ApiProblems(404, 503)
  async get(
    @Param('id') id: string,
    @Query() _query: ReadQueryDto,
    @Res({ passthrough: true }) _reply: FastifyReply,
  ) {
    const item = await this.readModels.getItem(id);
    if (!item) throw new ApiProblem('not-found', `No item '${id}'.`);
    return item;
  }

  @ReadsProjection()
  @Get(':id/history')
  @ApiOkResponse({ type: HistoryDto })
  @ApiProblems(404, 503)
  async history(
    @Param('id') id: string,
    @Query() query: HistoryQueryDto,
    @Res({ passthrough: true }) _reply: FastifyReply,
  ) {
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
