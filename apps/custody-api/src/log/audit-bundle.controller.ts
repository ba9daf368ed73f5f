import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuditBundle } from '@jejak/verifiable-log';
import { ApiProblems } from '../openapi/problem.dto';
import { AuditBundleService } from './audit-bundle.service';
import { BundleQueryDto } from './log-query.dto';

const fileName = (kind: string, id: string): string =>
  `attachment; filename="jejak-${kind}-${id.replace(/[^A-Za-z0-9._-]/g, '_')}.audit.json"`;

/** Audit bundles: a stream's events with their proofs in a signed checkpoint, to check offline. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/audit')
export class AuditBundleController {
  constructor(@Inject(AuditBundleService) private readonly bundles: AuditBundleService) {}

  @Get('items/:id/bundle')
  @ApiOkResponse({ description: 'The audit bundle of an item (jejak-audit-bundle/1), as a download' })
  @ApiProblems(400, 404)
  async item(
    @Param('id') id: string,
    @Query() query: BundleQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AuditBundle> {
    const bundle = await this.bundles.itemBundle(id, query);
    void reply.header('Content-Disposition', fileName('item', id));
    return bundle;
  }

  @Get('transfers/:id/bundle')
  @ApiOkResponse({ description: 'The audit bundle of a transfer (jejak-audit-bundle/1), as a download' })
  @ApiProblems(400, 404)
  async transfer(
    @Param('id') id: string,
    @Query() query: BundleQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AuditBundle> {
    const bundle = await this.bundles.transferBundle(id, query);
    void reply.header('Content-Disposition', fileName('transfer', id));
    return bundle;
  }
}
