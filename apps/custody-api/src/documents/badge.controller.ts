import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Principal } from '@jejak/directory';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { ApiProblem } from '../common/problem';
import { ApiProblems } from '../openapi/problem.dto';
import { renderBadge } from './badge.pdf';
import { DocumentSources } from './document-sources';
import { safeFileName, sendPdf } from './pdf-file';
import { JABATAN } from './signatories';

/** A person's badge with a QR code, scanned by a colleague to hand a bag over (web-app.md, Kurir). */
@ApiTags('people')
@ApiBearerAuth()
@Controller('api/people')
export class BadgeController {
  constructor(@Inject(DocumentSources) private readonly sources: DocumentSources) {}

  @Get(':id/badge.pdf')
  @ApiProduces('application/pdf')
  @ApiOperation({
    summary: "A person's badge (kartu petugas): for an admin, or the person their own",
    description:
      'A bank-card-sized badge on an A4 page: name, jabatan, unit, id and a QR code holding ' +
      '`<JEJAK_PUBLIC_BASE_URL>/orang/<personId>`, which a courier scans to hand a consignment over to them.',
  })
  @ApiOkResponse({ description: 'The badge, a PDF' })
  @ApiProblems(403, 404)
  async badge(
    @Param('id') id: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    // Who exists is no secret (GET /api/people/:id is open to every token): 404 before 403.
    const person = this.sources.person(id);
    if (!person) throw new ApiProblem('not-found', `No person '${id}'.`);
    if (principal.role !== 'admin' && principal.principalId !== id)
      throw new ApiProblem('forbidden', 'Only an admin prints the badge of someone else.');
    const pdf = await renderBadge(
      {
        url: `${this.sources.publicBaseUrl}/orang/${encodeURIComponent(person.id)}`,
        personId: person.id,
        name: person.name,
        jabatan: person.jabatan ?? JABATAN[person.role],
        unit: person.unitId ? this.sources.directory().unitName(person.unitId) : null,
      },
      this.sources.heading,
    );
    return sendPdf(reply, { pdf, filename: `kartu-${safeFileName(person.id)}.pdf` });
  }
}
