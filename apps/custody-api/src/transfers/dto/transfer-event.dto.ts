import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';

/** The journey of a consignment; intake has its own route (POST /api/transfers/:id/intake). */
export const TRANSFER_JOURNEY_TYPES = [
  'collected',
  'dispatched',
  'handover_offered',
  'handover_accepted',
  'arrived',
] as const;
export type TransferJourneyType = (typeof TRANSFER_JOURNEY_TYPES)[number];

export class TransferEventDto {
  @ApiProperty({ enum: TRANSFER_JOURNEY_TYPES })
  @IsIn(TRANSFER_JOURNEY_TYPES, { message: `type must be one of: ${TRANSFER_JOURNEY_TYPES.join(', ')}` })
  type!: TransferJourneyType;

  @ApiPropertyOptional({ description: 'When it happened; at most five minutes ahead of the server' })
  @IsOptional()
  @IsISO8601({ strict: true })
  occurredAt?: string;

  @ApiPropertyOptional({ description: 'collected / arrived: where (defaults: the origin / the destination)' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  locationId?: string;

  @ApiPropertyOptional({ description: 'dispatched: toward where (default: the destination)' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  destinationId?: string;

  @ApiPropertyOptional({ description: 'handover_offered (required): the courier or unit taking over' })
  @ValidateIf((dto: TransferEventDto) => dto.type === 'handover_offered' || dto.toCustodianId !== undefined)
  @IsString()
  @IsNotEmpty()
  toCustodianId?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
}
