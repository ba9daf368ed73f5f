import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CUSTODY_EVENT_TYPES, ITEM_STATUSES, ROLES } from '@jejak/custody';

export class ActorDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ROLES }) role!: string;
  @ApiProperty({ nullable: true, type: String }) unitId!: string | null;
}

export class AuditedEventDto {
  @ApiProperty() eventId!: string;
  @ApiProperty() itemId!: string;
  @ApiProperty() revision!: number;
  @ApiProperty({ enum: CUSTODY_EVENT_TYPES }) type!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The type-specific data' })
  data!: Record<string, unknown>;
  @ApiProperty() occurredAt!: string;
  @ApiProperty({ description: 'When the service recorded it (hashed)' }) recordedAt!: string;
  @ApiProperty({ type: ActorDto }) actor!: ActorDto;
  @ApiProperty({ nullable: true, type: String }) commandId!: string | null;
  @ApiProperty({ nullable: true, type: String }) correlationId!: string | null;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
  @ApiProperty() prevHash!: string;
  @ApiProperty() hash!: string;
  @ApiProperty({ description: 'Global position in the store (not hashed)' }) position!: string;
}

export class ChainProblemDto {
  @ApiProperty() revision!: number;
  @ApiProperty({ enum: ['hash-mismatch', 'prev-hash-mismatch', 'revision-gap', 'unparsable'] })
  problem!: string;
  @ApiProperty() detail!: string;
}

export class ChainReportDto {
  @ApiProperty({ description: 'Whether the whole stored stream verifies' }) valid!: boolean;
  @ApiProperty({ description: 'Events in the whole stored stream' }) length!: number;
  @ApiProperty({ description: 'Hash of the last stored event' }) headHash!: string;
  @ApiPropertyOptional({ description: 'Present when broken' }) firstBrokenRevision?: number;
  @ApiProperty({ type: [ChainProblemDto] }) problems!: ChainProblemDto[];
}

export class ReplayedStateDto {
  @ApiProperty() itemId!: string;
  @ApiProperty({ enum: ITEM_STATUSES }) status!: string;
  @ApiProperty({ nullable: true, type: String }) locationId!: string | null;
  @ApiProperty() custodianId!: string;
  @ApiProperty() since!: string;
  @ApiProperty() revision!: number;
  @ApiProperty() headHash!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) description!: Record<string, unknown>;
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true })
  pendingHandover!: Record<string, unknown> | null;
  @ApiProperty({ nullable: true, type: String }) destinationId!: string | null;
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true }) storage!: Record<
    string,
    unknown
  > | null;
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true }) loan!: Record<
    string,
    unknown
  > | null;
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true }) lastKnown!: Record<
    string,
    unknown
  > | null;
  @ApiProperty({ nullable: true, type: String }) depotId!: string | null;
  @ApiProperty({ nullable: true, type: String }) depositedAt!: string | null;
}

export class ReplayResultDto {
  @ApiProperty() itemId!: string;
  @ApiProperty({ nullable: true, type: String }) asOf!: string | null;
  @ApiProperty({ nullable: true, type: Number }) atRevision!: number | null;
  @ApiProperty({
    type: ReplayedStateDto,
    nullable: true,
    description: 'Null when nothing was recorded yet at the cut',
  })
  state!: ReplayedStateDto | null;
  @ApiPropertyOptional() stateError?: string;
  @ApiProperty({ type: [AuditedEventDto] }) events!: AuditedEventDto[];
  @ApiProperty({ type: ChainReportDto }) chain!: ChainReportDto;
}

export class AuditTrailDto {
  @ApiProperty() itemId!: string;
  @ApiProperty() exportedAt!: string;
  @ApiProperty({ type: ChainReportDto }) chain!: ChainReportDto;
  @ApiProperty({ type: [AuditedEventDto] }) events!: AuditedEventDto[];
}
