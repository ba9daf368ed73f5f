import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiProblem } from '../common/problem';
import { ApiProblems } from '../openapi/problem.dto';
import { trailToCsv } from './audit-csv';
import { ExportQueryDto, ReplayQueryDto } from './audit-query.dto';
import { AuditTrailDto, ReplayResultDto } from './audit-response.dto';
import { AuditService, type AuditTrail, type ReplayResult, type TransferReplayResult } from './audit.service';

/** Auditors' routes: everything here is read from the event store itself, never the read models. */
@ApiTags('audit')
@ApiExtraModels(AuditTrailDto)
@ApiBearerAuth()
@Controller('api/audit/items')
export class AuditController {
  constructor(@Inject(AuditService) private readonly audit: AuditService) {}

  @Get(':id/replay')
  @ApiOkResponse({
    type: ReplayResultDto,
    description: 'State at the cut; chain verified over the whole stream',
  })
  @ApiProblems(400, 404)
  replay(@Param('id') id: string, @Query() query: ReplayQueryDto): Promise<ReplayResult> {
    if (query.asOf !== undefined && query.atRevision !== undefined) {
      throw new ApiProblem('validation-failed', 'Give asOf or atRevision, not both.', {
        errors: [{ field: 'atRevision', message: 'not allowed together with asOf' }],
      });
    }
    return this.audit.replay(id, { asOf: query.asOf, atRevision: query.atRevision });
  }

  @Get(':id/export')
  @ApiOkResponse({
    description:
      'The whole trail; with format=csv, UTF-8 CSV (byte order mark, header row, one event per row)',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(AuditTrailDto) } },
      'text/csv': { schema: { type: 'string' } },
    },
  })
  @ApiProblems(400, 404)
  async export(
    @Param('id') id: string,
    @Query() query: ExportQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AuditTrail | string> {
    const trail = await this.audit.trail(id);
    if (query.format !== 'csv') return trail;
    const safeName = id.replace(/[^A-Za-z0-9._-]/g, '_');
    void reply
      .header('Content-Type', 'text/csv; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="jejak-${safeName}.csv"`);
    return trailToCsv(trail);
  }
}

/** The same for transfer streams: replayed and verified from the event store. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/audit/transfers')
export class TransferAuditController {
  constructor(@Inject(AuditService) private readonly audit: AuditService) {}

  @Get(':id/replay')
  @ApiOkResponse({
    description:
      'The transfer as its own stream replays at the cut (state, events), with the hash chain verified over the whole stored stream',
  })
  @ApiProblems(400, 404)
  replay(@Param('id') id: string, @Query() query: ReplayQueryDto): Promise<TransferReplayResult> {
    if (query.asOf !== undefined && query.atRevision !== undefined) {
      throw new ApiProblem('validation-failed', 'Give asOf or atRevision, not both.', {
        errors: [{ field: 'atRevision', message: 'not allowed together with asOf' }],
      });
    }
    return this.audit.replayTransfer(id, { asOf: query.asOf, atRevision: query.atRevision });
  }
}
