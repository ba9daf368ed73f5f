import { Body, Controller, Inject, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '@jejak/directory';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { idempotentRequestOf } from '../idempotency/idempotency.guard';
import { Idempotent } from '../idempotency/idempotent.decorator';
import { CreateDisposalDto } from './create-disposal.dto';
import { DisposalCommandHandler } from './disposal-command.handler';

/** Disposal and static transfer in batches under one berita acara; its PDF is a document route. */
@ApiTags('disposals')
@ApiBearerAuth()
@Controller('api/disposals')
export class DisposalsController {
  constructor(@Inject(DisposalCommandHandler) private readonly commands: DisposalCommandHandler) {}

  @Post()
  @Idempotent()
  create(
    @Body() dto: CreateDisposalDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
  ) {
    const { baNumber, kind, itemIds, note, toArchive, occurredAt } = dto;
    return this.commands.execute({
      command: {
        baNumber: baNumber.trim(),
        kind,
        itemIds,
        ...(note !== undefined ? { note } : {}),
        ...(toArchive !== undefined ? { toArchive } : {}),
      },
      principal,
      occurredAt,
      idempotency: idempotentRequestOf(request),
    });
  }
}
