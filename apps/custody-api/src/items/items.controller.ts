import { Body, Controller, Get, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '@jejak/directory';
import { RegisterItemDto } from '@jejak/http-contract';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { IdParam } from '../common/id-param.pipe';
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
import type { CustodyOutcome } from './custody-command.handler';
import { HistoryQueryDto, ItemListQueryDto, ReadQueryDto } from './dto/item-query.dto';
import { RecordEventDto } from './dto/record-event.dto';
import { ItemsService } from './items.service';

@ApiTags('items')
@ApiBearerAuth()
@Controller('api/items')
export class ItemsController {
  constructor(@Inject(ItemsService) private readonly items: ItemsService) {}

  @Post()
  @Idempotent()
  @ApiCreatedResponse({ type: ItemRegisteredDto })
  @ApiProblems(409, 422)
  async register(
    @Body() dto: RegisterItemDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
  ): Promise<Omit<CustodyOutcome, 'type'>> {
    return this.items.register(dto, principal, idempotentRequestOf(request));
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
    return this.items.record(id, dto, principal, idempotentRequestOf(request));
  }

  @ReadsProjection()
  @Get()
  @ApiOkResponse({ type: ItemPageDto })
  @ApiProblems(503)
  async list(
    @Query() query: ItemListQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) _reply: FastifyReply,
  ) {
    return this.items.list(query, principal);
  }

  @ReadsProjection()
  @Get(':id')
  @ApiOkResponse({ type: ItemViewDto, description: 'From the read model' })
  @ApiProblems(404, 503)
  async get(
    @Param('id') id: string,
    @Query() _query: ReadQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) _reply: FastifyReply,
  ) {
    return this.items.get(id, principal);
  }

  @ReadsProjection()
  @Get(':id/history')
  @ApiOkResponse({ type: HistoryDto })
  @ApiProblems(404, 503)
  async history(
    @Param('id') id: string,
    @Query() query: HistoryQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) _reply: FastifyReply,
  ) {
    return this.items.history(id, query, principal);
  }
}
