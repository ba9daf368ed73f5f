import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';
import { TRANSFER_STATUSES, type TransferStatus } from '@jejak/custody';
import { PageQueryDto } from '../../common/read-query.dto';

/** GET /api/transfers: every filter optional; `from`/`to` bound the creation time. */
export class TransferListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: TRANSFER_STATUSES })
  @IsOptional()
  @IsIn(TRANSFER_STATUSES, { message: `status must be one of: ${TRANSFER_STATUSES.join(', ')}` })
  status?: TransferStatus;

  @ApiPropertyOptional({ description: 'The sending unit or depot' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  fromId?: string;

  @ApiPropertyOptional({ description: 'The receiving depot or unit' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  toId?: string;

  @ApiPropertyOptional({ description: 'A courier who carried it (collected it or accepted its handover)' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  courierId?: string;

  @ApiPropertyOptional({ description: 'Nomor berita acara (case and spacing ignored)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  baNumber?: string;

  @ApiPropertyOptional({ description: 'Created at or after this time (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'Created at or before this time (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}
