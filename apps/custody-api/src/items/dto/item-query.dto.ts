import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { ITEM_KINDS, ITEM_STATUSES, type ItemStatus } from '@jejak/custody';
import { PageQueryDto, ReadQueryDto } from '../../common/read-query.dto';

export { PageQueryDto, ReadQueryDto } from '../../common/read-query.dto';

export class ItemListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ITEM_STATUSES }) @IsOptional() @IsIn(ITEM_STATUSES) status?: ItemStatus;
  @ApiPropertyOptional({ enum: ITEM_KINDS }) @IsOptional() @IsIn(ITEM_KINDS) kind?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() locationId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() custodianId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() originUnitId?: string;
  @ApiPropertyOptional({ description: 'Prefix of the kode klasifikasi' })
  @IsOptional()
  @IsString()
  classificationCode?: string;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1900) @Max(2100) year?: number;
  @ApiPropertyOptional({
    description:
      'Words of the title and letter number (case and accents ignored; only of items the asker may read), or the start of a short code (`cku-2026-000`, case ignored)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
  @ApiPropertyOptional({
    description: 'Include voided items (registered by mistake); `status=voided` lists only them',
  })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  includeVoided?: boolean;
}

export class HistoryQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({ description: 'The nextCursor of the previous page' })
  @IsOptional()
  @Matches(/^(0|[1-9]\d{0,14})$/, { message: 'cursor must be a nextCursor this history handed out' })
  cursor?: string;

  @ApiPropertyOptional({ description: 'Only events after this revision (the same as cursor)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(-1)
  afterRevision?: number;

  @ApiPropertyOptional({ default: 200, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}
