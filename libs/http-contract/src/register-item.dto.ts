import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  COPY_STATUSES,
  DISPOSITIONS,
  ITEM_KINDS,
  QUANTITY_UNITS,
  SECURITY_CLASSES,
  type CopyStatus,
  type Disposition,
  type ItemKind,
  type QuantityUnit,
  type SecurityClass,
} from '@jejak/custody';

/** The longest id of anything (item, transfer, location, token); the service's path parameters take the same. */
export const MAX_ID_LENGTH = 128;
export const ID_PATTERN = new RegExp(`^[A-Za-z0-9][A-Za-z0-9._:-]{0,${MAX_ID_LENGTH - 1}}$`);
export const ID_MESSAGE = `letters, digits and . _ : - only, 1 to ${MAX_ID_LENGTH}, starting with a letter or digit`;

export class RetentionDto {
  @ApiProperty({ example: 2 }) @IsInt() @Min(0) @Max(100) activeYears!: number;
  @ApiProperty({ example: 5 }) @IsInt() @Min(0) @Max(100) inactiveYears!: number;
  @ApiProperty({ enum: DISPOSITIONS }) @IsIn(DISPOSITIONS) disposition!: Disposition;
}

export class PeriodDto {
  @ApiProperty({ example: 2015 }) @IsInt() @Min(1900) @Max(2100) from!: number;
  @ApiProperty({ example: 2017 }) @IsInt() @Min(1900) @Max(2100) to!: number;
}

export class QuantityDto {
  @ApiProperty({ example: 1 }) @IsInt() @Min(1) @Max(1_000_000) count!: number;
  @ApiProperty({ enum: QUANTITY_UNITS }) @IsIn(QUANTITY_UNITS) unit!: QuantityUnit;
}

export class RegisterItemDto {
  @ApiPropertyOptional({ description: 'Assigned by the service when absent', example: 'ARS-2026-000123' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: `id: ${ID_MESSAGE}` })
  id?: string;

  @ApiProperty({ enum: ITEM_KINDS }) @IsIn(ITEM_KINDS) kind!: ItemKind;

  @ApiProperty({ description: 'Uraian informasi', example: 'Laporan realisasi anggaran kecamatan 2019' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  // Only blanks, control or zero-width characters look like no title at all wherever it is shown.
  @Matches(/[^\s\p{C}]/u, { message: 'title: must contain a visible character' })
  title!: string;

  @ApiProperty({ description: 'Kode klasifikasi', example: '000.2.3' })
  @Matches(/^[0-9A-Za-z][0-9A-Za-z./-]{0,39}$/, { message: 'classificationCode: e.g. 000.2.3' })
  classificationCode!: string;

  @ApiProperty({ enum: SECURITY_CLASSES, description: 'rahasia and sangat_rahasia are refused (422)' })
  @IsIn(SECURITY_CLASSES)
  securityClass!: SecurityClass;

  @ApiProperty({ description: 'Unit pengolah', example: 'kec-cikarang-utara' })
  @IsString()
  @IsNotEmpty()
  originUnitId!: string;

  @ApiPropertyOptional({ example: 2019 }) @IsOptional() @IsInt() @Min(1900) @Max(2100) year?: number;

  @ApiPropertyOptional({ type: PeriodDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => PeriodDto)
  period?: PeriodDto;

  @ApiPropertyOptional({ enum: COPY_STATUSES }) @IsOptional() @IsIn(COPY_STATUSES) copyStatus?: CopyStatus;

  @ApiPropertyOptional({ type: QuantityDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => QuantityDto)
  quantity?: QuantityDto;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(50) folderNo?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(50) boxNo?: string;

  @ApiPropertyOptional({ type: RetentionDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => RetentionDto)
  retention?: RetentionDto;

  @ApiPropertyOptional({ description: 'Keterangan' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  notes?: string;

  @ApiPropertyOptional({ description: 'Letters: the addressee unit' })
  @ValidateIf((dto: RegisterItemDto) => dto.kind === 'letter' || dto.addresseeUnitId !== undefined)
  @IsString()
  @IsNotEmpty({ message: 'addresseeUnitId is required for a letter' })
  addresseeUnitId?: string;

  @ApiPropertyOptional({ description: 'Nomor surat' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  letterNumber?: string;
  @ApiPropertyOptional({ description: 'Tanggal surat' })
  @IsOptional()
  @IsISO8601({ strict: true })
  letterDate?: string;

  @ApiPropertyOptional({ description: 'When it happened; at most five minutes ahead of the server' })
  @IsOptional()
  @IsISO8601({ strict: true })
  occurredAt?: string;

  @ApiPropertyOptional({ description: 'A note recorded on the event' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}
