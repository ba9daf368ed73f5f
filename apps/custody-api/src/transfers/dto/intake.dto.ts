import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { INTAKE_OUTCOMES, type IntakeOutcome } from '@jejak/custody';
import { StorageDto } from '../../items/dto/record-event.dto';
import { MAX_MANIFEST_ITEMS } from './create-transfer.dto';

const TAKEN_IN: readonly IntakeOutcome[] = ['received', 'damaged'];

export class IntakeResultDto {
  @ApiProperty({ description: 'A manifest item, or (unexpected) whatever identifies the stray file' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  itemId!: string;

  @ApiProperty({ enum: INTAKE_OUTCOMES })
  @IsIn(INTAKE_OUTCOMES, { message: `outcome must be one of: ${INTAKE_OUTCOMES.join(', ')}` })
  outcome!: IntakeOutcome;

  @ApiPropertyOptional({
    type: StorageDto,
    description: 'Required when received or damaged: where it is shelved',
  })
  @ValidateIf((dto: IntakeResultDto) => TAKEN_IN.includes(dto.outcome) || dto.storage !== undefined)
  @ValidateNested()
  @Type(() => StorageDto)
  storage?: StorageDto;

  @ApiPropertyOptional({
    description: 'Required when damaged (the condition found) or rejected (why it is refused, e.g. soaked)',
  })
  @ValidateIf(
    (dto: IntakeResultDto) =>
      dto.outcome === 'damaged' || dto.outcome === 'rejected' || dto.note !== undefined,
  )
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  note?: string;
}

/**
 * One sitting's results, each for a manifest item not answered yet (or an unexpected stray). The
 * transfer completes when every manifest item has an outcome: an item that did not come is reported
 * `missing` explicitly, so silence never loses a file; until then the transfer stays `arrived`.
 */
export class IntakeDto {
  @ApiProperty({ type: [IntakeResultDto] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(2 * MAX_MANIFEST_ITEMS)
  @ValidateNested({ each: true })
  @Type(() => IntakeResultDto)
  results!: IntakeResultDto[];

  @ApiPropertyOptional({ description: 'When it happened; at most five minutes ahead of the server' })
  @IsOptional()
  @IsISO8601({ strict: true })
  occurredAt?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
}
