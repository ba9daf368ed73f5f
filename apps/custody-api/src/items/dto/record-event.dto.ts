import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { CUSTODY_EVENT_TYPES, type CustodyEventType } from '@jejak/custody';

/** Item events recorded through this route; `registered` has its own route (POST /api/items). */
export const RECORDABLE_EVENT_TYPES = CUSTODY_EVENT_TYPES.filter((t) => t !== 'registered');

/** Which body fields each event type needs; the domain checks them again. */
export const REQUIRED_FIELDS: Partial<Record<CustodyEventType, readonly string[]>> = {
  sorted: ['locationId', 'destinationId'],
  handover_offered: ['toCustodianId'],
  handover_declined: ['reason'],
  delivered: ['receivedBy'],
  intake_confirmed: ['storage'],
  intake_rejected: ['reason'],
  relocated: ['storage'],
  lent: ['borrowerUnitId', 'borrowerName', 'dueAt'],
  reported_missing: ['reason'],
  found: ['locationId'],
  disposed: ['baNumber'],
  transferred_static: ['baNumber'],
  corrected: ['correctsEventId', 'reason'],
};

const needs =
  (field: string) =>
  (dto: Record<string, unknown>): boolean =>
    // Own keys only: a `type` of "toString" or "__proto__" must not reach Object.prototype.
    (Object.hasOwn(REQUIRED_FIELDS, dto.type as string)
      ? (REQUIRED_FIELDS[dto.type as CustodyEventType] ?? [])
      : []
    ).includes(field) || dto[field] !== undefined;

export class StorageDto {
  @ApiProperty({ description: 'Ruang', example: 'R1' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  room!: string;
  @ApiPropertyOptional({ description: 'Rak', example: 'R1-03' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  shelf?: string;
  @ApiPropertyOptional({ description: 'Boks', example: 'B-0042' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  box?: string;
}

export class RecordEventDto {
  @ApiProperty({ enum: RECORDABLE_EVENT_TYPES })
  @IsIn(RECORDABLE_EVENT_TYPES, { message: `type must be one of: ${RECORDABLE_EVENT_TYPES.join(', ')}` })
  type!: Exclude<CustodyEventType, 'registered'>;

  @ApiPropertyOptional({ description: 'When it happened; at most five minutes ahead of the server' })
  @IsOptional()
  @IsISO8601({ strict: true })
  occurredAt?: string;

  @ApiPropertyOptional({
    description: 'Refuse with 409 concurrency-conflict unless the item is at this revision',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  expectedRevision?: number;

  @ApiPropertyOptional() @ValidateIf(needs('locationId')) @IsString() @IsNotEmpty() locationId?: string;
  @ApiPropertyOptional() @ValidateIf(needs('toCustodianId')) @IsString() @IsNotEmpty() toCustodianId?: string;
  @ApiPropertyOptional() @ValidateIf(needs('destinationId')) @IsString() @IsNotEmpty() destinationId?: string;
  @ApiPropertyOptional() @ValidateIf(needs('custodianId')) @IsString() @IsNotEmpty() custodianId?: string;

  @ApiPropertyOptional({ type: StorageDto })
  @ValidateIf(needs('storage'))
  @ValidateNested()
  @Type(() => StorageDto)
  storage?: StorageDto;

  @ApiPropertyOptional()
  @ValidateIf(needs('reason'))
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason?: string;
  @ApiPropertyOptional()
  @ValidateIf(needs('receivedBy'))
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  receivedBy?: string;
  @ApiPropertyOptional()
  @ValidateIf(needs('borrowerUnitId'))
  @IsString()
  @IsNotEmpty()
  borrowerUnitId?: string;
  @ApiPropertyOptional()
  @ValidateIf(needs('borrowerName'))
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  borrowerName?: string;
  @ApiPropertyOptional() @ValidateIf(needs('dueAt')) @IsISO8601({ strict: true }) dueAt?: string;
  @ApiPropertyOptional({ example: 'BA-012/ARS/2026' })
  @ValidateIf(needs('baNumber'))
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  baNumber?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) toArchive?: string;
  @ApiPropertyOptional()
  @ValidateIf(needs('correctsEventId'))
  @IsString()
  @IsNotEmpty()
  correctsEventId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
}
