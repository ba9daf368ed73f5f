import { Body, Controller, Get, Inject, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiProduces,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { deterministicUuid, EVENT_STORE, type EventStore } from '@jejak/event-store';
import {
  ImportLedgerStore,
  toActor,
  type LedgerEntry,
  type Principal,
  LocationStore,
  ShortCodeStore,
} from '@jejak/directory';
import {
  ACCEPTED_COLUMNS,
  UNKNOWN_COLUMN_MESSAGE,
  describeError,
  duplicateMessage,
  importDaftarArsip,
  importingMessage,
  listFingerprint,
  readDaftarArsipFile,
  rowProblems,
  templateCsv,
  templateXlsx,
  XLSX_CONTENT_TYPE,
  type RowError,
} from '@jejak/daftar-arsip';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { ApiProblem } from '../common/problem';
import { UploadedFile } from '../common/import-body-parser';
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

  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'true: check every row and answer what would be recorded (`rows`), recording nothing',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  dryRun?: 'true' | 'false';

  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description:
      'true: import a list that was imported before (same cells, same unit) as new items; without it such a list is refused with 409 already-exists',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  allowDuplicate?: 'true' | 'false';
}

@ApiTags('imports')
@ApiBearerAuth()
@Controller('api/imports')
@Idempotent('A retried import records nothing twice')
export class ImportsController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(LocationStore) private readonly locations: LocationStore,
    @Inject(TransferCommandHandler) private readonly transfers: TransferCommandHandler,
    @Inject(ImportLedgerStore) private readonly ledger: ImportLedgerStore,
    @Inject(ShortCodeStore) private readonly shortCodes: ShortCodeStore,
  ) {}

  @Get('daftar-arsip/template.csv')
  @ApiProduces('text/csv')
  templateCsv(@Res({ passthrough: true }) reply: FastifyReply): string {
    void reply
      .header('Content-Type', 'text/csv; charset=utf-8')
      .header('Content-Disposition', 'attachment; filename="templat-daftar-arsip.csv"');
    return templateCsv();
  }

  @Get('daftar-arsip/template.xlsx')
  @ApiProduces(XLSX_CONTENT_TYPE)
  async templateXlsx(@Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    void reply
      .header('Content-Type', XLSX_CONTENT_TYPE)
      .header('Content-Disposition', 'attachment; filename="templat-daftar-arsip.xlsx"');
    return templateXlsx();
  }

  /** A daftar arsip as CSV or XLSX: every row valid and then all registered, or nothing at all. */
  @Post('daftar-arsip')
  @ApiCreatedResponse({
    description: 'Every row registered: { importId, imported, itemIds, position, transfer? }',
  })
  @ApiOkResponse({
    description:
      'dryRun=true: { dryRun: true, format, wouldImport, rows: [{ row, itemId?, …fields }] }; nothing recorded',
  })
  @ApiConsumes('text/csv', XLSX_CONTENT_TYPE)
  @ApiBody({
    description:
      'Header row then one item per row. CSV: UTF-8 (BOM or not) or Windows-1252, `,` or `;`. XLSX: the first sheet with a header row. Headers of the ANRI daftar arsip forms (Kode Klasifikasi, Uraian Informasi Berkas, Kurun Waktu, Jumlah, …) or field names; see GET /api/imports/daftar-arsip/template.xlsx',
    schema: {
      type: 'string',
      format: 'binary',
      example:
        'No;Kode Klasifikasi;Uraian Informasi;Kurun Waktu;Jumlah;Klasifikasi Keamanan\n1;900.1.3;Laporan keuangan;2019;3 bundel;biasa',
    },
  })
  async importDaftarArsip(
    @Body() file: unknown,
    @Query() query: ImportQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    if (!(file instanceof UploadedFile)) {
      throw new ApiProblem(
        'unsupported-media-type',
        'Kirim daftar arsip sebagai text/csv (UTF-8 atau Windows-1252, dipisah `,` atau `;`) atau sebagai XLSX.',
      );
    }
    const read = await readDaftarArsipFile(file.bytes, { contentType: file.contentType });
    if ('error' in read)
      throw new ApiProblem('validation-failed', describeError(read.error), rowProblems([read.error]));
    const actor = toActor(principal);
    const defaultOriginUnitId = query.originUnitId ?? principal.unitId ?? undefined;
    const fingerprint = listFingerprint(read.table, defaultOriginUnitId);
    const allowDuplicate = query.allowDuplicate === 'true';
    const dryRun = query.dryRun === 'true';
    const idempotency = idempotentRequestOf(request);
    // A dry run records nothing, so it claims nothing; an import claims its list first, so that of
    // two replicas sent the same list at once one imports it and the other refuses it.
    const holder = dryRun ? null : randomUUID();
    if (holder === null) {
      const earlier = await this.ledger.earlier(fingerprint);
      if (earlier.length > 0 && !allowDuplicate) throw alreadyImported(earlier);
    } else {
      const claim = await this.ledger.claim({
        fingerprint,
        holder,
        request: idempotency ? idempotency.id('import-ledger') : null,
        actorId: actor.id,
        allowDuplicate,
      });
      if (!claim.ok && claim.reason === 'imported') throw alreadyImported(claim.earlier);
      if (!claim.ok) {
        throw new ApiProblem('concurrency-conflict', importingMessage(claim.claimedAt, claim.actorId), {
          importingSince: claim.claimedAt,
          importingBy: claim.actorId,
        });
      }
    }
    // Not done unless recorded: a failed or refused import lets go of the list, to be sent again.
    const release = async () => {
      if (holder !== null) await this.ledger.release(fingerprint, holder);
    };
    let transfer: ImportTransfer | null;
    try {
      transfer = transferOf(query);
    } catch (error) {
      await release();
      throw error;
    }
    let fromId: string | undefined;
    const outcome = await importDaftarArsip(this.store, this.locations, {
      csv: read.table,
      actor,
      tokenId: principal.tokenId,
      defaultOriginUnitId,
      idempotency,
      dryRun,
      shortCodes: this.shortCodes,
      finalCheck: (accepted) => {
        fromId = accepted.length > 0 ? originOf(accepted[0]) : fromId;
        return transfer ? transferProblems(transfer, accepted, this.locations.lookup) : [];
      },
    }).catch(async (error: unknown) => {
      await release();
      throw error;
    });
    if (!outcome.ok) {
      await release();
      throw new ApiProblem(outcome.code, outcome.message, {
        ...rowProblems(outcome.errors),
        ...(outcome.errors.some(isUnknownColumn) ? { acceptedColumns: ACCEPTED_COLUMNS } : {}),
      });
    }
    if (dryRun) {
      // Nothing was created: 200, not 201.
      void reply.status(200);
      const rows = outcome.preview ?? [];
      return {
        dryRun: true,
        format: read.format,
        wouldImport: rows.length,
        rows,
        ...(transfer ? { transfer } : {}),
      };
    }
    const { importId, imported, itemIds, position } = outcome;
    // Once the items are recorded: a transfer refused below does not make the list importable again.
    // (holder is set: a dry run has returned above)
    await this.ledger.complete(fingerprint, holder ?? '', {
      importId,
      importedAt: new Date().toISOString(),
      imported,
      actorId: actor.id,
    });
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
        const detail = `${imported} arsip sudah diimpor, tetapi pemindahannya ditolak: ${error.body.detail}`;
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

/** 409 naming the latest import of the same list. */
function alreadyImported(earlier: LedgerEntry[]): ApiProblem {
  const last = earlier[earlier.length - 1];
  return new ApiProblem('already-exists', duplicateMessage(last, '?allowDuplicate=true'), {
    earlierImport: last,
    earlierImports: earlier.length,
  });
}

function transferOf(query: ImportQueryDto): ImportTransfer | null {
  const { transferBaNumber: baNumber, transferToId: toId } = query;
  if (baNumber === undefined && toId === undefined) return null;
  if (baNumber === undefined || toId === undefined) {
    const missing = baNumber === undefined ? 'transferBaNumber' : 'transferToId';
    throw new ApiProblem(
      'validation-failed',
      'Pemindahan memerlukan transferBaNumber dan transferToId sekaligus.',
      {
        errors: [{ field: missing, message: 'wajib diisi bersama parameter pemindahan yang lain' }],
      },
    );
  }
  return { baNumber, toId };
}

const isUnknownColumn = (error: RowError): boolean => error.message === UNKNOWN_COLUMN_MESSAGE;
