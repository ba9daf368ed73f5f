import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ReadQueryDto } from '../items/dto/item-query.dto';
import { LABEL_PRESETS } from './label-layout';

export const MAX_LABELS = 240;

/**
 * `GET /api/labels.pdf`: which items (or which rooms and shelves of a depot), which sheet, and where
 * on a partly used sheet to begin.
 */
export class LabelsQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({
    description: `Item ids, comma-separated (at most ${MAX_LABELS}); or placeId for room and shelf labels`,
    example: 'itm-1,itm-2',
  })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_LABELS * 130)
  itemIds?: string;

  @ApiPropertyOptional({
    description:
      'Room and shelf labels of this depot (instead of itemIds): the depot clerk’s own, or any for an admin',
    example: 'depo-arsip-bekasi',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  placeId?: string;

  @ApiPropertyOptional({
    description: 'With placeId: room labels, room codes comma-separated',
    example: 'R1,R2',
  })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_LABELS * 41)
  rooms?: string;

  @ApiPropertyOptional({
    description: 'With placeId and shelves: the room the shelves stand in',
    example: 'R1',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  room?: string;

  @ApiPropertyOptional({
    description: 'With placeId and room: shelf labels, shelf codes comma-separated',
    example: 'R1-01,R1-02',
  })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_LABELS * 41)
  shelves?: string;

  @ApiPropertyOptional({ enum: [...Object.keys(LABEL_PRESETS), 'custom'], default: '3x8' })
  @IsOptional()
  @IsIn([...Object.keys(LABEL_PRESETS), 'custom'])
  preset?: string;

  @ApiPropertyOptional({ description: 'The first free label of the first sheet (1 = top left)', default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  startAt?: number;

  @ApiPropertyOptional({ description: 'custom: labels across' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10)
  columns?: number;

  @ApiPropertyOptional({ description: 'custom: labels down' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(20)
  rows?: number;

  @ApiPropertyOptional({ description: 'custom: label width, mm' })
  @IsOptional()
  @Type(() => Number)
  @IsNumber()
  @Min(20)
  @Max(210)
  widthMm?: number;

  @ApiPropertyOptional({ description: 'custom: label height, mm' })
  @IsOptional()
  @Type(() => Number)
  @IsNumber()
  @Min(12)
  @Max(297)
  heightMm?: number;

  @ApiPropertyOptional({ description: 'custom: top margin of the sheet, mm', default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsNumber()
  @Min(0)
  @Max(100)
  topMm?: number;

  @ApiPropertyOptional({ description: 'custom: left margin of the sheet, mm', default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsNumber()
  @Min(0)
  @Max(100)
  leftMm?: number;
}
