import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { DISPOSITIONS, type Disposition } from '@jejak/custody';
import { READ_MODEL_QUERIES, type ReadModelQueries } from '@jejak/read-models';
import { LocationStore, type Principal } from '@jejak/directory';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { printable } from '../documents/may-read';
import { ApiProblem } from '../common/problem';
import { DocumentSources } from '../documents/document-sources';
import { ReadsProjection } from '../common/reads-projection.decorator';
import { ReadQueryDto } from '../common/read-query.dto';
import { renderDisposalList } from './disposal-list.pdf';
import { toDisposalRows } from './disposal-list.rows';

/** The read models answer a watch list in pages of at most this many. */
const MAX_ROWS = 500;

const TITLES: Record<Disposition, string> = {
  musnah: 'DAFTAR ARSIP USUL MUSNAH',
  permanen: 'DAFTAR ARSIP USUL SERAH (PERMANEN)',
  dinilai_kembali: 'DAFTAR ARSIP DINILAI KEMBALI',
};

export class DisposalListQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({
    enum: DISPOSITIONS,
    default: 'musnah',
    description: 'Nasib akhir of the listed items',
  })
  @IsOptional()
  @IsIn(DISPOSITIONS)
  disposition?: Disposition;

  @ApiPropertyOptional({ description: 'Only the holdings of this depot' })
  @IsOptional()
  @IsString()
  depotId?: string;
}

/** Printable lists for the depot: deposited files whose retention (JRA) has ended. */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/reports')
export class DisposalListController {
  constructor(
    @Inject(READ_MODEL_QUERIES) private readonly readModels: ReadModelQueries,
    @Inject(LocationStore) private readonly locations: LocationStore,
    @Inject(DocumentSources) private readonly sources: DocumentSources,
  ) {}

  @ReadsProjection()
  @Get('disposal-list.pdf')
  @ApiProduces('application/pdf')
  async disposalList(
    @Query() query: DisposalListQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const depot = query.depotId === undefined ? undefined : this.locations.get(query.depotId);
    if (query.depotId !== undefined && depot?.type !== 'depot') {
      throw new ApiProblem('not-found', `No depot '${query.depotId}'.`);
    }
    const disposition = query.disposition ?? 'musnah';
    const asOf = new Date().toISOString();
    const ended = await this.readModels.retentionEnded(asOf, MAX_ROWS);
    const items = ended.filter(
      (item) =>
        item.retention?.disposition === disposition && (depot === undefined || item.depotId === depot.id),
    );
    const pdf = await renderDisposalList(
      {
        title: TITLES[disposition],
        asOf,
        depotName: depot?.name ?? null,
        rows: toDisposalRows(items.map((item) => printable(principal, item))),
        truncatedAt: ended.length === MAX_ROWS ? items.length : null,
      },
      this.sources.heading,
    );
    void reply
      .header('Content-Type', 'application/pdf')
      .header('Content-Disposition', `inline; filename="daftar-arsip-usul-${disposition}.pdf"`);
    return pdf;
  }
}
