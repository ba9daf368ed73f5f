import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Principal } from '@jejak/directory';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { ReadsProjection } from '../common/reads-projection.decorator';
import { LabelsQueryDto } from './labels-query.dto';
import { LabelsService } from './labels.service';
import { PlaceLabelsService } from './place-labels.service';
import { sendPdf } from './pdf-file';

/** QR label sheets (web-app.md "Scanning and labels"). */
@ApiTags('documents')
@ApiBearerAuth()
@Controller('api')
export class LabelsController {
  constructor(
    @Inject(LabelsService) private readonly labelSheets: LabelsService,
    @Inject(PlaceLabelsService) private readonly placeLabels: PlaceLabelsService,
  ) {}

  @ReadsProjection()
  @Get('labels.pdf')
  @ApiProduces('application/pdf')
  @ApiOperation({
    summary: 'QR label sheets for items, or for the rooms and shelves of a depot',
    description:
      'A4 sticker sheets (presets 3x8 of 70×37 mm, 3x7, 2x7, 2x4, or custom), starting at label `startAt` of ' +
      "the first sheet. Each label: a QR code holding `<JEJAK_PUBLIC_BASE_URL>/i/<itemId>`, the item's short " +
      'code, title (withheld for a terbatas item the caller may not read), unit, year and klasifikasi. ' +
      'With `placeId` (a depot; its own clerks or an admin) instead: room labels (`rooms=R1,R2`, QR ' +
      '`<base>/ruang/<depotId>/<room>`) and shelf labels (`room=R1&shelves=R1-01,R1-02`, QR ' +
      '`<base>/rak/<depotId>/<room>/<shelf>`), which the depot scanner reads as the storage place.',
  })
  async labels(
    @Query() query: LabelsQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const file =
      query.placeId !== undefined
        ? await this.placeLabels.sheets(query, principal)
        : await this.labelSheets.sheets(query, principal);
    return sendPdf(reply, file);
  }
}
