import { Body, Controller, Get, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '@jejak/directory';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { IdParam } from '../common/id-param.pipe';
import { idempotentRequestOf } from '../idempotency/idempotency.guard';
import { Idempotent } from '../idempotency/idempotent.decorator';
import { ReadsProjection } from '../common/reads-projection.decorator';
import { ReadQueryDto } from '../common/read-query.dto';
import { sendPdf } from '../documents/pdf-file';
import { CreateTransferDto } from './dto/create-transfer.dto';
import { IntakeDto } from './dto/intake.dto';
import { TransferEventDto } from './dto/transfer-event.dto';
import { TransferListQueryDto } from './dto/transfer-query.dto';
import { TransfersService } from './transfers.service';

@ApiTags('transfers')
@ApiBearerAuth()
@Controller('api/transfers')
export class TransfersController {
  constructor(@Inject(TransfersService) private readonly transfers: TransfersService) {}

  @Post()
  @Idempotent()
  async create(
    @Body() dto: CreateTransferDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
  ) {
    return this.transfers.create(dto, principal, idempotentRequestOf(request));
  }

  @Post(':id/events')
  @Idempotent()
  async record(
    @Param('id', new IdParam('transfer')) id: string,
    @Body() dto: TransferEventDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
  ) {
    return this.transfers.record(id, dto, principal, idempotentRequestOf(request));
  }

  @Post(':id/intake')
  @Idempotent()
  async intake(
    @Param('id', new IdParam('transfer')) id: string,
    @Body() dto: IntakeDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
  ) {
    return this.transfers.intake(id, dto, principal, idempotentRequestOf(request));
  }

  @ReadsProjection()
  @Get()
  list(@Query() query: TransferListQueryDto, @Res({ passthrough: true }) _reply: FastifyReply) {
    return this.transfers.list(query);
  }

  @ReadsProjection()
  @Get(':id')
  async get(
    @Param('id') id: string,
    @Query() _query: ReadQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) _reply: FastifyReply,
  ) {
    return this.transfers.get(id, principal);
  }

  @ReadsProjection()
  @Get(':id/report.pdf')
  @ApiProduces('application/pdf')
  async report(
    @Param('id') id: string,
    @Query() query: ReadQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    return sendPdf(reply, await this.transfers.report(id, principal));
  }
}
