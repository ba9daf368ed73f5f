import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
} from 'class-validator';
import { ID_MESSAGE, ID_PATTERN } from '@jejak/http-contract';

/** A daftar arsip longer than this is split into several transfers (and berita acara). */
export const MAX_MANIFEST_ITEMS = 500;

export class CreateTransferDto {
  @ApiPropertyOptional({ description: 'Without it the service assigns one', example: 'TRF-2026-0012' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: `id: ${ID_MESSAGE}` })
  id?: string;

  @ApiProperty({ description: 'Nomor berita acara', example: 'BA-012/ARS/2026' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  baNumber!: string;

  @ApiProperty({ description: 'The sending unit or depot', example: 'kec-cikarang-utara' })
  @IsString()
  @IsNotEmpty()
  fromId!: string;

  @ApiProperty({ description: 'The receiving depot or unit', example: 'depo-arsip-bekasi' })
  @IsString()
  @IsNotEmpty()
  toId!: string;

  @ApiProperty({ description: 'The manifest (daftar arsip), in order', type: [String] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(MAX_MANIFEST_ITEMS)
  @ArrayUnique({ message: 'itemIds must not list an item twice' })
  @Matches(ID_PATTERN, { each: true, message: `each of itemIds: ${ID_MESSAGE}` })
  itemIds!: string[];

  @ApiPropertyOptional({ description: 'When it happened; at most five minutes ahead of the server' })
  @IsOptional()
  @IsISO8601({ strict: true })
  occurredAt?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
}
