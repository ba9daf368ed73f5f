import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { LATE_ENTRY_AFTER_MS } from '@jejak/custody';
import type { FastifyReply } from 'fastify';
import { READ_MODEL_QUERIES, type ItemView, type ReadModelQueries } from '@jejak/read-models';
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

export class OverdueLoansQueryDto extends WatchQueryDto {
  @ApiPropertyOptional({ description: 'Only loans to this borrower unit' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  borrowerUnitId?: string;
}

export class LateEntriesQueryDto extends WatchQueryDto {
  @ApiPropertyOptional({ description: 'Only entries recorded at or after this time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  since?: string;
}

/** Overdue loans counted per borrower unit, most first: who to call about returning files. */
function byBorrowerUnit(
  items: readonly ItemView[],
): { borrowerUnitId: string; count: number; itemIds: string[] }[] {
  const groups = new Map<string, string[]>();
  for (const item of items) {
    const unit = item.loan?.borrowerUnitId ?? '-';
    groups.set(unit, [...(groups.get(unit) ?? []), item.itemId]);
  }
  return [...groups.entries()]
    .map(([borrowerUnitId, itemIds]) => ({ borrowerUnitId, count: itemIds.length, itemIds }))
    .sort((a, b) => b.count - a.count || a.borrowerUnitId.localeCompare(b.borrowerUnitId));
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
    @Query() query: OverdueLoansQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) _reply: FastifyReply,
  ) {
    const filter = query.borrowerUnitId !== undefined ? { borrowerUnitId: query.borrowerUnitId } : {};
    const items = await this.readModels.overdueLoans(now(), query.limit, filter);
    return { items: disclosedItems(items, principal), byBorrowerUnit: byBorrowerUnit(items) };
  }

  @ReadsProjection()
  @Get('late-entries')
  async lateEntries(@Query() query: LateEntriesQueryDto, @Res({ passthrough: true }) _reply: FastifyReply) {
    const entries = await this.readModels.lateEntries({ since: query.since, limit: query.limit });
    return {
      lateAfterMinutes: LATE_ENTRY_AFTER_MS / 60_000,
      // The list says what was backdated, by whom and when; an entry's note and data stay in the
      // item's history, where the terbatas rule withholds them from those who may not read them.
      entries: entries.map(
        ({ itemId, entry: { eventId, type, revision, position, occurredAt, recordedAt, actor } }) => ({
          itemId,
          eventId,
          type,
          revision,
          position,
          occurredAt,
          recordedAt,
          actor,
          late: true,
          lateByMinutes: Math.floor((Date.parse(recordedAt) - Date.parse(occurredAt)) / 60_000),
        }),
      ),
    };
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
