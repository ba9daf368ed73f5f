import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  CUSTODY_EVENT_TYPES,
  DISPOSITIONS,
  REQUIRED_COMMAND_FIELDS,
  type CustodyEventType,
  type Disposition,
} from '@jejak/custody';
import { AcknowledgementDto } from '../../common/acknowledgement.dto';

/** Item events recorded through this route; `registered` has its own route (POST /api/items). */
export const RECORDABLE_EVENT_TYPES = CUSTODY_EVENT_TYPES.filter((t) => t !== 'registered');

/** Which body fields each event type needs, from its room (events/); the domain checks them again. */
export const REQUIRED_FIELDS: Partial<Record<CustodyEventType, readonly string[]>> = REQUIRED_COMMAND_FIELDS;

const needs =
  (field: string) =>
  (dto: Record<string, unknown>): boolean =>
    requiredFor(dto.type).includes(field) || dto[field] !== undefined;

/** Only a type of our own has required fields: `__proto__` or `toString` names none (and is refused). */
const requiredFor = (type: unknown): readonly string[] =>
  typeof type === 'string' && Object.hasOwn(REQUIRED_FIELDS, type)
    ? (REQUIRED_FIELDS[type as CustodyEventType] ?? [])
    : [];

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
  @ApiPropertyOptional({
    description:
      'corrected: the descriptive fields amended, each with its new value (null removes an optional one), e.g. `{ "title": "…" }`',
    type: 'object',
    additionalProperties: true,
  })
  @ValidateIf(needs('changes'))
  @IsObject()
  changes?: Record<string, unknown>;
  @ApiPropertyOptional({ enum: DISPOSITIONS, description: 'reappraised: the new nasib akhir' })
  @ValidateIf(needs('disposition'))
  @IsIn(DISPOSITIONS)
  disposition?: Disposition;
  @ApiPropertyOptional({
    description: 'reappraised: new retention years `{ activeYears, inactiveYears }` (absent: kept)',
    type: 'object',
    additionalProperties: true,
  })
  @ValidateIf(needs('retention'))
  @IsObject()
  retention?: { activeYears: number; inactiveYears: number };
  @ApiPropertyOptional({
    description: 'reappraised: nomor keputusan penilaian kembali',
    example: 'SK-07/DEPO/2026',
  })
  @ValidateIf(needs('decisionNumber'))
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  decisionNumber?: string;
  @ApiPropertyOptional({
    type: AcknowledgementDto,
    description:
      'collected, delivered (required): the other party’s acknowledgement. collected: a kode serah issued for the item’s place, or a signature (a courier’s own `account` is 403; the holder releases by account with handover_offered). delivered: an officer of the addressee unit (`account`), or the courier with that unit’s kode serah or a signature',
  })
  @ValidateIf(needs('acknowledgement'))
  @IsObject({ message: 'acknowledgement is required and must be an object' })
  @ValidateNested()
  @Type(() => AcknowledgementDto)
  acknowledgement?: AcknowledgementDto;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
}
