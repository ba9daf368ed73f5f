import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { AcknowledgementDto } from '../../common/acknowledgement.dto';

/** The journey of a consignment; intake has its own route (POST /api/transfers/:id/intake). */
export const TRANSFER_JOURNEY_TYPES = [
  'collected',
  'dispatched',
  'handover_offered',
  'handover_accepted',
  'handover_declined',
  'handover_withdrawn',
  'arrived',
  'cancelled',
] as const;
export type TransferJourneyType = (typeof TRANSFER_JOURNEY_TYPES)[number];

/** Steps that say why: a handover declined or withdrawn, a transfer cancelled. */
export const TRANSFER_STEPS_WITH_REASON: readonly TransferJourneyType[] = [
  'handover_declined',
  'handover_withdrawn',
  'cancelled',
];

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

  @ApiPropertyOptional({
    description:
      'handover_offered (required): the courier or unit taking over, an active person or unit of the directory (else 422 unknown-party)',
  })
  @ValidateIf((dto: TransferEventDto) => dto.type === 'handover_offered' || dto.toCustodianId !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  toCustodianId?: string;

  @ApiPropertyOptional({
    description:
      'handover_offered (optional): hand over only these of the manifest items the courier carries (a partial consignment handover; the consignment is then split between couriers, each dispatching and arriving with their part). Absent: everything the courier carries.',
    type: [String],
    example: ['IT-0004', 'IT-0005'],
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  itemIds?: string[];

  @ApiPropertyOptional({
    description: 'handover_declined, handover_withdrawn, cancelled (required): why',
    example: 'salah alamat penerima',
  })
  @ValidateIf(
    (dto: TransferEventDto) => TRANSFER_STEPS_WITH_REASON.includes(dto.type) || dto.reason !== undefined,
  )
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason?: string;

  @ApiPropertyOptional({
    type: AcknowledgementDto,
    description:
      'collected (required): the origin’s release for the whole consignment: a kode serah issued for the origin (one code covers every item of the sitting) or a signature; a courier’s own `account` is 403',
  })
  @ValidateIf((dto: TransferEventDto) => dto.type === 'collected' || dto.acknowledgement !== undefined)
  @IsObject({ message: 'acknowledgement is required and must be an object' })
  @ValidateNested()
  @Type(() => AcknowledgementDto)
  acknowledgement?: AcknowledgementDto;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
}
