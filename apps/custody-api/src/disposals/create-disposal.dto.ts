import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
} from 'class-validator';
import { DISPOSAL_KINDS, MAX_DISPOSAL_ITEMS, type DisposalKind } from '@jejak/custody';
import { ID_MESSAGE, ID_PATTERN } from '@jejak/http-contract';

export class CreateDisposalDto {
  @ApiProperty({ description: 'Nomor berita acara, unique among disposals', example: 'BA-007/MUS/2026' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  baNumber!: string;

  @ApiProperty({ enum: DISPOSAL_KINDS, description: 'musnah: pemusnahan; statis: penyerahan arsip statis' })
  @IsIn(DISPOSAL_KINDS)
  kind!: DisposalKind;

  @ApiProperty({ description: 'The files of the berita acara, in its order', type: [String] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(MAX_DISPOSAL_ITEMS)
  @ArrayUnique({ message: 'itemIds must not list an item twice' })
  @Matches(ID_PATTERN, { each: true, message: `each of itemIds: ${ID_MESSAGE}` })
  itemIds!: string[];

  @ApiPropertyOptional({
    description: 'statis: the archive that receives them',
    example: 'Dinas Perpustakaan dan Kearsipan',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  toArchive?: string;

  @ApiPropertyOptional({ description: 'When it happened; at most five minutes ahead of the server' })
  @IsOptional()
  @IsISO8601({ strict: true })
  occurredAt?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
}
