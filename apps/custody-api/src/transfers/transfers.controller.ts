import { Body, Controller, Get, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { deterministicEventId } from '@jejak/custody';
import type { Principal } from '@jejak/directory';
import { ID_PATTERN } from '@jejak/http-contract';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { ApiProblem } from '../common/problem';
import { idempotencyOf } from '../idempotency/idempotency.guard';
import { Idempotent } from '../idempotency/idempotent.decorator';
import { ReadModelGate } from '../infrastructure/read-model-gate';
import { ReadQueryDto } from '../items/dto/item-query.dto';
import { BeritaAcaraReport } from './berita-acara-report';
import { CreateTransferDto } from './dto/create-transfer.dto';
import { IntakeDto } from './dto/intake.dto';
import { TransferEventDto } from './dto/transfer-event.dto';
import { reconcile } from './reconciliation';
import { toCreateTransferCommand, toIntakeCommand, toTransferEventCommand } from './to-transfer-command';
import {
  TransferCommandMessage,
  type TransferOutcome,
  type TransferRequest,
} from './transfer-command.handler';
import { TransferReads } from './transfer-reads';
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
    @Inject(CommandBus) private readonly commandBus: CommandBus,
    @Inject(ReadModelGate) private readonly gate: ReadModelGate,
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
    const idempotency = idempotencyOf(request);
    // Without an id, a retried request must land on the same transfer: derive it from the key.
    const transferId =
      dto.id ??
      (idempotency
        ? `trf-${deterministicEventId(`${principal.tokenId}|${idempotency.key}|transfer`)}`
        : `trf-${randomUUID()}`);
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
    @Param('id') id: string,
    @Body() dto: TransferEventDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
  ) {
    assertTransferId(id);
    const outcome = await this.execute({
      command: toTransferEventCommand(id, dto),
      principal,
      occurredAt: dto.occurredAt,
      note: dto.note,
      idempotency: idempotencyOf(request),
    });
    return { ...written(outcome), itemIds: outcome.state.itemIds };
  }

  @Post(':id/intake')
  @Idempotent()
  async intake(
    @Param('id') id: string,
    @Body() dto: IntakeDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
  ) {
    assertTransferId(id);
    const outcome = await this.execute({
      command: toIntakeCommand(id, dto),
      principal,
      occurredAt: dto.occurredAt,
      note: dto.note,
      idempotency: idempotencyOf(request),
    });
    return { ...written(outcome), reconciliation: reconcile(outcome.state.intake ?? []) };
  }

  @Get(':id')
  async get(
    @Param('id') id: string,
    @Query() query: ReadQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    await this.gate.await(query.minPosition, reply);
    const { state, events } = await this.reads.transfer(id);
    return toTransferView(state, events, await this.reads.items(state.itemIds));
  }

  @Get(':id/report.pdf')
  @ApiProduces('application/pdf')
  async report(
    @Param('id') id: string,
    @Query() query: ReadQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    await this.gate.await(query.minPosition, reply);
    const { pdf, filename } = await this.beritaAcara.render(id, principal);
    void reply.header('Content-Type', 'application/pdf');
    void reply.header('Content-Disposition', `inline; filename="${filename}"`);
    return pdf;
  }

  private execute(request: TransferRequest): Promise<TransferOutcome> {
    return this.commandBus.execute(new TransferCommandMessage(request));
  }
}

function assertTransferId(id: string): void {
  if (!ID_PATTERN.test(id)) {
    throw new ApiProblem('validation-failed', `'${id}' is not a valid transfer id.`, {
      errors: [{ field: 'id', message: 'letters, digits and . _ : - only' }],
    });
  }
}
