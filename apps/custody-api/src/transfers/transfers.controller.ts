import { Body, Controller, Get, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { mayReadItem, reconcile } from '@jejak/custody';
import type { Principal } from '@jejak/directory';
import { idSourceFor } from '@jejak/event-store';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { IdParam } from '../common/id-param.pipe';
import { idempotentRequestOf } from '../idempotency/idempotency.guard';
import { Idempotent } from '../idempotency/idempotent.decorator';
import { ReadsProjection } from '../common/reads-projection.decorator';
import { ReadQueryDto } from '../common/read-query.dto';
import { BeritaAcaraReport } from './berita-acara-report';
import { CreateTransferDto } from './dto/create-transfer.dto';
import { IntakeDto } from './dto/intake.dto';
import { TransferEventDto } from './dto/transfer-event.dto';
import { toCreateTransferCommand, toIntakeCommand, toTransferEventCommand } from './to-transfer-command';
import {
  TransferCommandHandler,
  TransferCommandMessage,
  type TransferOutcome,
  type TransferRequest,
} from './transfer-command.handler';
import { TransferReads } from './transfer-reads';
import { readerOf } from '../common/item-disclosure';
import { toTransferView } from './transfer-view';

const written = ({ transferId, eventId, type, revision, position, state }: TransferOutcome) => ({
  transferId,
  eventId,
  type,
  status: state.status,
  revision,
  position,
});

@ApiTags('transfers')
@ApiBearerAuth()
@Controller('api/transfers')
export class TransfersController {
  constructor(
    @Inject(TransferCommandHandler) private readonly commands: TransferCommandHandler,
    @Inject(TransferReads) private readonly reads: TransferReads,
    @Inject(BeritaAcaraReport) private readonly beritaAcara: BeritaAcaraReport,
  ) {}

  @Post()
  @Idempotent()
  async create(
    @Body() dto: CreateTransferDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
  ) {
    const idempotency = idempotentRequestOf(request);
    // Without an id, a retried request must land on the same transfer: derive it from the key.
    const transferId = dto.id ?? `trf-${idSourceFor(idempotency)('transfer')}`;
    const outcome = await this.execute({
      command: toCreateTransferCommand(transferId, dto),
      principal,
      occurredAt: dto.occurredAt,
      note: dto.note,
      idempotency,
    });
    const { baNumber, fromId, toId, itemIds } = outcome.state;
    return { ...written(outcome), baNumber, fromId, toId, itemIds };
  }

  @Post(':id/events')
  @Idempotent()
  async record(
    @Param('id', new IdParam('transfer')) id: string,
    @Body() dto: TransferEventDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
  ) {
    const outcome = await this.execute({
      command: toTransferEventCommand(id, dto),
      principal,
      occurredAt: dto.occurredAt,
      note: dto.note,
      idempotency: idempotentRequestOf(request),
    });
    return { ...written(outcome), itemIds: outcome.state.itemIds };
  }

  @Post(':id/intake')
  @Idempotent()
  async intake(
    @Param('id', new IdParam('transfer')) id: string,
    @Body() dto: IntakeDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
  ) {
    const outcome = await this.execute({
      command: toIntakeCommand(id, dto),
      principal,
      occurredAt: dto.occurredAt,
      note: dto.note,
      idempotency: idempotentRequestOf(request),
    });
    return { ...written(outcome), reconciliation: reconcile(outcome.state.intake ?? []) };
  }

  @ReadsProjection()
  @Get(':id')
  async get(
    @Param('id') id: string,
    @Query() _query: ReadQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) _reply: FastifyReply,
  ) {
    const { state, events } = await this.reads.transfer(id);
    const reader = readerOf(principal);
    return toTransferView(state, events, await this.reads.items(state.itemIds), (view) =>
      mayReadItem(reader, view, state.toId),
    );
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
    const { pdf, filename } = await this.beritaAcara.render(id, principal);
    void reply.header('Content-Type', 'application/pdf');
    void reply.header('Content-Disposition', `inline; filename="${filename}"`);
    return pdf;
  }

  private execute(request: TransferRequest): Promise<TransferOutcome> {
    return this.commands.execute(new TransferCommandMessage(request));
  }
}
