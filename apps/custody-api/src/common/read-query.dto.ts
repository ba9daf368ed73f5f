import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

/** Read-your-writes and paging, shared by every read-model GET. */
export class PageQueryDto {
  @ApiPropertyOptional({ description: 'Wait (up to 5 s) until the read model has applied this position' })
  @IsOptional()
  @Matches(/^\d{1,20}$/, { message: 'minPosition must be a decimal position' })
  minPosition?: string;

  @ApiPropertyOptional({ default: 50, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) cursor?: string;
}

export class ReadQueryDto {
  @ApiPropertyOptional({ description: 'Wait (up to 5 s) until the read model has applied this position' })
  @IsOptional()
  @Matches(/^\d{1,20}$/, { message: 'minPosition must be a decimal position' })
  minPosition?: string;
}
