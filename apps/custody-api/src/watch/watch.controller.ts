import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { READ_MODEL_QUERIES, type ReadModelQueries } from '@jejak/read-models';
import type { Principal } from '@jejak/directory';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { disclosedItems } from '../common/item-disclosure';
import { ReadsProjection } from '../common/reads-projection.decorator';
import { ReadQueryDto } from '../common/read-query.dto';
import { ApiProblems } from '../openapi/problem.dto';
import { WatchListDto } from '../openapi/response.dto';

export class WatchQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({ default: 100, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

export class OlderThanQueryDto extends WatchQueryDto {
  @ApiPropertyOptional({ default: 24, description: 'Hours' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(24 * 365)
  olderThanHours?: number;
}

/** The watch lists: what needs someone's attention now. */
@ApiTags('watch')
@ApiBearerAuth()
@ApiProblems(503)
@Controller('api/watch')
export class WatchController {
  constructor(@Inject(READ_MODEL_QUERIES) private readonly readModels: ReadModelQueries) {}

  @ReadsProjection()
  @Get('in-transit')
  @ApiOkResponse({ type: WatchListDto })
  async inTransit(
    @Query() query: OlderThanQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) _reply: FastifyReply,
  ) {
    const hours = query.olderThanHours ?? 24;
    return {
      olderThanHours: hours,
      items: disclosedItems(await this.readModels.inTransitLongerThan(hours, now(), query.limit), principal),
    };
  }

  @ReadsProjection()
  @Get('pending-handovers')
  @ApiOkResponse({ type: WatchListDto })
  async pendingHandovers(
    @Query() query: OlderThanQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) _reply: FastifyReply,
  ) {
    const hours = query.olderThanHours ?? 0;
    const views = await this.readModels.pendingHandoversOlderThan(hours, now(), query.limit);
    return { olderThanHours: hours, items: disclosedItems(views, principal) };
  }

  @ReadsProjection()
  @Get('overdue-loans')
  @ApiOkResponse({ type: WatchListDto })
  async overdueLoans(
    @Query() query: WatchQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) _reply: FastifyReply,
  ) {
    return { items: disclosedItems(await this.readModels.overdueLoans(now(), query.limit), principal) };
  }

  @ReadsProjection()
  @Get('retention-ended')
  @ApiOkResponse({ type: WatchListDto })
  async retentionEnded(
    @Query() query: WatchQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) _reply: FastifyReply,
  ) {
    return { items: disclosedItems(await this.readModels.retentionEnded(now(), query.limit), principal) };
  }
}

const now = (): string => new Date().toISOString();
