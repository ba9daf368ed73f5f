import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Principal } from '@jejak/directory';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { ApiProblem } from '../common/problem';
import { ReadsProjection } from '../common/reads-projection.decorator';
import { ReadQueryDto } from '../items/dto/item-query.dto';
import { toDisposalReportData } from './disposal-report.data';
import { renderDisposalReport } from './disposal-report.pdf';
import { DocumentSources } from './document-sources';
import { ItemDocumentReads } from './item-documents.reads';
import { toLoanReportData } from './loan-report.data';
import { renderLoanReport } from './loan-report.pdf';
import { toReceiptData } from './receipt.data';
import { renderReceipt } from './receipt.pdf';

const fileName = (text: string): string => text.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 120);

/** The documents printed for one item's loan, one letter's delivery, one batch of disposals. */
@ApiTags('documents')
@ApiBearerAuth()
@Controller('api')
export class ItemDocumentsController {
  constructor(
    @Inject(ItemDocumentReads) private readonly reads: ItemDocumentReads,
    @Inject(DocumentSources) private readonly sources: DocumentSources,
  ) {}

  @ReadsProjection()
  @Get('items/:id/loan.pdf')
  @ApiProduces('application/pdf')
  @ApiOperation({
    summary: 'Berita acara peminjaman (and pengembalian) of an item',
    description: "The item's latest loan, its extensions, and its return once recorded. 404 when never lent.",
  })
  async loan(
    @Param('id') id: string,
    @Query() query: ReadQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const view = await this.reads.item(id);
    const data = toLoanReportData(view, await this.reads.trail(id), this.sources.directory(), principal);
    if (!data) throw new ApiProblem('not-found', `Item '${id}' has never been lent (belum pernah dipinjam).`);
    return this.pdf(
      reply,
      `berita-acara-peminjaman-${fileName(id)}.pdf`,
      renderLoanReport(data, this.sources.heading),
    );
  }

  @ReadsProjection()
  @Get('items/:id/receipt.pdf')
  @ApiProduces('application/pdf')
  @ApiOperation({
    summary: 'Tanda terima of a delivered letter',
    description:
      'Who delivered it, who received it at the addressee unit, when, and how it was acknowledged. 404 until delivered.',
  })
  async receipt(
    @Param('id') id: string,
    @Query() query: ReadQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const view = await this.reads.item(id);
    const data = toReceiptData(view, await this.reads.trail(id), this.sources.directory(), principal);
    if (!data)
      throw new ApiProblem('not-found', `No delivery of a letter '${id}' is recorded (belum diterima).`);
    return this.pdf(reply, `tanda-terima-${fileName(id)}.pdf`, renderReceipt(data, this.sources.heading));
  }

  @ReadsProjection()
  @Get('disposals/:id/report.pdf')
  @ApiProduces('application/pdf')
  @ApiOperation({
    summary: 'Berita acara pemusnahan or penyerahan arsip statis, with its list',
    description:
      'The items disposed (or transferred to the static archive) under one berita acara. `:id` is the BA ' +
      'number, URL-encoded (BA-007%2FMUS%2F2026). 404 when no item ended under it.',
  })
  async disposal(
    @Param('id') id: string,
    @Query() query: ReadQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    if (id.length > 200) throw new ApiProblem('validation-failed', 'A BA number has at most 200 characters.');
    const data = toDisposalReportData(
      id,
      await this.reads.endedUnder(id),
      this.sources.directory(),
      principal,
    );
    if (!data) throw new ApiProblem('not-found', `No item was disposed or transferred under '${id}'.`);
    return this.pdf(
      reply,
      `berita-acara-${fileName(id)}.pdf`,
      renderDisposalReport(data, this.sources.heading),
    );
  }

  private async pdf(reply: FastifyReply, filename: string, rendering: Promise<Buffer>): Promise<Buffer> {
    const pdf = await rendering;
    void reply
      .header('Content-Type', 'application/pdf')
      .header('Content-Disposition', `inline; filename="${filename}"`);
    return pdf;
  }
}
