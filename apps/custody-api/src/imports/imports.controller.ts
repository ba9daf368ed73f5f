import { Body, Controller, Inject, Post, Query, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiHeader,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsOptional, IsString, IsNotEmpty } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { EVENT_STORE, type EventStore } from '@jejak/event-store';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { toActor, type Principal } from '../auth/principal';
import { ApiProblem } from '../common/problem';
import { LocationRepository } from '../directory/location.repository';
import { idempotencyOf } from '../idempotency/idempotency.interceptor';
import { importDaftarArsip } from './daftar-arsip.importer';
import { rowProblems } from './row-problems';

export class ImportQueryDto {
  @ApiPropertyOptional({ description: "Unit pengolah of rows without one; an officer's own unit by default" })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  originUnitId?: string;
}

@ApiTags('imports')
@ApiBearerAuth()
@ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description: 'A retried import records nothing twice',
})
@Controller('api/imports')
export class ImportsController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(LocationRepository) private readonly locations: LocationRepository,
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
    const outcome = await importDaftarArsip(this.store, this.locations, {
      csv,
      actor: toActor(principal),
      tokenId: principal.tokenId,
      defaultOriginUnitId: query.originUnitId ?? principal.unitId ?? undefined,
      idempotency: idempotencyOf(request),
    });
    if (!outcome.ok) throw new ApiProblem(outcome.code, outcome.message, rowProblems(outcome.errors));
    const { importId, imported, itemIds, position } = outcome;
    return { importId, imported, itemIds, position };
  }
}
