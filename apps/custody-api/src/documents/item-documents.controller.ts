import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Principal } from '@jejak/directory';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { ReadsProjection } from '../common/reads-projection.decorator';
import { ReadQueryDto } from '../items/dto/item-query.dto';
import { ItemDocumentsService } from './item-documents.service';
import { sendPdf } from './pdf-file';

/** The documents printed for one item's loan, one letter's delivery, one batch of disposals. */
@ApiTags('documents')
@ApiBearerAuth()
@Controller('api')
export class ItemDocumentsController {
  constructor(@Inject(ItemDocumentsService) private readonly documents: ItemDocumentsService) {}

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
    return sendPdf(reply, await this.documents.loan(id, principal));
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
    return sendPdf(reply, await this.documents.receipt(id, principal));
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
    return sendPdf(reply, await this.documents.disposal(id, principal));
  }
}
