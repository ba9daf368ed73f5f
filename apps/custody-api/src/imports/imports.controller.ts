import { Body, Controller, Inject, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { deterministicUuid, EVENT_STORE, type EventStore } from '@jejak/event-store';
import { toActor, type Principal, LocationRepository } from '@jejak/directory';
import { importDaftarArsip, rowProblems } from '@jejak/daftar-arsip';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { ApiProblem } from '../common/problem';
import { idempotentRequestOf } from '../idempotency/idempotency.guard';
import { Idempotent } from '../idempotency/idempotent.decorator';
import { toCreateTransferCommand } from '../transfers/to-transfer-command';
import { TransferCommandHandler, TransferCommandMessage } from '../transfers/transfer-command.handler';
import { originOf, transferProblems, type ImportTransfer } from './import-transfer';

export class ImportQueryDto {
  @ApiPropertyOptional({ description: "Unit pengolah of rows without one; an officer's own unit by default" })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  originUnitId?: string;

  @ApiPropertyOptional({
    description: 'With transferToId: also create the transfer of the imported items under this BA number',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  transferBaNumber?: string;

  @ApiPropertyOptional({
    description: 'With transferBaNumber: where the transfer goes (e.g. depo-arsip-bekasi)',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  transferToId?: string;
}

@ApiTags('imports')
@ApiBearerAuth()
@Controller('api/imports')
@Idempotent('A retried import records nothing twice')
export class ImportsController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(LocationRepository) private readonly locations: LocationRepository,
    @Inject(TransferCommandHandler) private readonly transfers: TransferCommandHandler,
  ) {}

  /** A daftar arsip as CSV: every row valid and then all registered, or nothing at all. */
  @Post('daftar-arsip')
  @ApiConsumes('text/csv')
  @ApiBody({
    description:
      'Header row then one item per row; `,` or `;`; Indonesian headers (Kode Klasifikasi, Uraian Informasi, Kurun Waktu, …) or field names',
    schema: {
      type: 'string',
      example:
        'No;Kode Klasifikasi;Uraian Informasi;Kurun Waktu;Jumlah;Klasifikasi Keamanan\n1;900.1.3;Laporan keuangan;2019;2 berkas;biasa',
    },
  })
  async importDaftarArsip(
    @Body() csv: unknown,
    @Query() query: ImportQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
  ) {
    if (typeof csv !== 'string') {
      throw new ApiProblem(
        'unsupported-media-type',
        'Send the daftar arsip as text/csv (UTF-8, `,` or `;` separated).',
      );
    }
    const transfer = transferOf(query);
    const idempotency = idempotentRequestOf(request);
    let fromId: string | undefined;
    const outcome = await importDaftarArsip(this.store, this.locations, {
      csv,
      actor: toActor(principal),
      tokenId: principal.tokenId,
      defaultOriginUnitId: query.originUnitId ?? principal.unitId ?? undefined,
      idempotency,
      finalCheck: (accepted) => {
        fromId = accepted.length > 0 ? originOf(accepted[0]) : fromId;
        return transfer ? transferProblems(transfer, accepted, this.locations.lookup) : [];
      },
    });
    if (!outcome.ok) throw new ApiProblem(outcome.code, outcome.message, rowProblems(outcome.errors));
    const { importId, imported, itemIds, position } = outcome;
    if (!transfer) return { importId, imported, itemIds, position };

    // The items are recorded by now: a refused transfer says so, and a retry with the same key
    // finds the items imported and tries the transfer again.
    const transferId = `trf-${idempotency ? idempotency.id('import-transfer') : deterministicUuid(importId)}`;
    const created = await this.transfers
      .execute(
        new TransferCommandMessage({
          command: toCreateTransferCommand(transferId, {
            baNumber: transfer.baNumber,
            fromId: fromId ?? query.originUnitId ?? principal.unitId ?? '',
            toId: transfer.toId,
            itemIds,
          }),
          principal,
          idempotency: idempotency?.scoped('transfer'),
        }),
      )
      .catch((error: unknown) => {
        if (!(error instanceof ApiProblem)) throw error;
        const detail = `The ${imported} items were imported, but the transfer was refused: ${error.body.detail}`;
        throw new ApiProblem(error.body.code, detail, {
          errors: error.body.errors,
          imported,
          itemIds,
          position,
        });
      });
    const { baNumber, toId, status } = created.state;
    return {
      importId,
      imported,
      itemIds,
      position: created.position,
      transfer: { transferId: created.transferId, baNumber, fromId: created.state.fromId, toId, status },
    };
  }
}

function transferOf(query: ImportQueryDto): ImportTransfer | null {
  const { transferBaNumber: baNumber, transferToId: toId } = query;
  if (baNumber === undefined && toId === undefined) return null;
  if (baNumber === undefined || toId === undefined) {
    const missing = baNumber === undefined ? 'transferBaNumber' : 'transferToId';
    throw new ApiProblem('validation-failed', 'A transfer needs both transferBaNumber and transferToId.', {
      errors: [{ field: missing, message: 'is required with the other transfer parameter' }],
    });
  }
  return { baNumber, toId };
}
