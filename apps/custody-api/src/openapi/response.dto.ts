import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CUSTODY_EVENT_TYPES, ITEM_KINDS, ITEM_STATUSES, LOCATION_TYPES, ROLES } from '@jejak/custody';
import { ActorDto } from '../audit/audit-response.dto';

/** Answer of POST /api/items. */
export class ItemRegisteredDto {
  @ApiProperty({ example: 'itm-3f0c…' }) itemId!: string;
  @ApiProperty() eventId!: string;
  @ApiProperty({ example: 0 }) revision!: number;
  @ApiProperty({ description: 'Global position (decimal string); pass it as minPosition to read your write' })
  position!: string;
}

/** Answer of POST /api/items/:id/events. */
export class EventRecordedDto extends ItemRegisteredDto {
  @ApiProperty({ enum: CUSTODY_EVENT_TYPES }) type!: string;
}

export class ItemViewDto {
  @ApiProperty() itemId!: string;
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'CKU-2026-00042',
    description:
      'Unit prefix, year of registration (WIB), sequence; given at registration, searchable with q. Null for items registered before codes existed.',
  })
  shortCode!: string | null;
  @ApiProperty({ enum: ITEM_KINDS }) kind!: string;
  @ApiPropertyOptional({ description: 'Absent when restricted' }) title?: string;
  @ApiPropertyOptional({ description: 'Absent when restricted' }) notes?: string;
  @ApiPropertyOptional({ description: 'Letters; absent when restricted' }) letterNumber?: string;
  @ApiPropertyOptional({ description: 'Letters (YYYY-MM-DD); absent when restricted' }) letterDate?: string;
  @ApiPropertyOptional({ description: 'Letters' }) addresseeUnitId?: string;
  @ApiPropertyOptional({
    enum: [true],
    description:
      'A terbatas item the asker may not read (domain.md "Confidentiality of terbatas items"): title, notes, letterNumber and letterDate are withheld. Absent otherwise.',
  })
  restricted?: true;
  @ApiProperty({ example: '900.1.3' }) classificationCode!: string;
  @ApiProperty({ enum: ['biasa', 'terbatas'] }) securityClass!: string;
  @ApiProperty() originUnitId!: string;
  @ApiProperty({ enum: ITEM_STATUSES }) status!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Null while moving' }) locationId!: string | null;
  @ApiProperty({ description: 'A person (principal id) or a unit id' }) custodianId!: string;
  @ApiProperty({ description: 'When the current status/custody became true' }) since!: string;
  @ApiProperty() revision!: number;
  @ApiProperty() position!: string;
  @ApiPropertyOptional({
    type: 'object',
    nullable: true,
    additionalProperties: true,
    description:
      'The offer waiting for its addressee: `{ fromCustodianId, toCustodianId` (an active person or unit), `offeredAt, eventId, offeredById` (who may withdraw it, besides an admin), `expiresAt` (offeredAt + JEJAK_HANDOVER_TTL_HOURS, kept in the event; null for offers recorded before offers lapsed; a lapsed offer cannot be accepted and blocks no new one), `kind` (`handover`, or `release`: the holder unit offers it to a courier, whose acceptance is recorded as `collected` by account), `locationId }`; GET /api/items/:id adds `lapsed` as of the answer.',
  })
  pendingHandover?: Record<string, unknown> | null;
  @ApiPropertyOptional({ nullable: true, type: String }) destinationId?: string | null;
  @ApiPropertyOptional({ type: 'object', nullable: true, additionalProperties: true }) storage?: Record<
    string,
    unknown
  > | null;
  @ApiPropertyOptional({ type: 'object', nullable: true, additionalProperties: true }) loan?: Record<
    string,
    unknown
  > | null;
  @ApiPropertyOptional({ nullable: true, type: String }) depotId?: string | null;
  @ApiPropertyOptional() registeredAt?: string;
  @ApiPropertyOptional() updatedAt?: string;
  @ApiPropertyOptional({ nullable: true, type: String }) retentionEndsAt?: string | null;
}

export class ItemPageDto {
  @ApiProperty({ type: [ItemViewDto] }) items!: ItemViewDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as cursor for the next page' })
  nextCursor!: string | null;
}

export class TrailEntryDto {
  @ApiProperty() eventId!: string;
  @ApiProperty({ enum: CUSTODY_EVENT_TYPES }) type!: string;
  @ApiProperty() revision!: number;
  @ApiProperty() position!: string;
  @ApiProperty() occurredAt!: string;
  @ApiProperty() recordedAt!: string;
  @ApiProperty({ type: ActorDto }) actor!: ActorDto;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
  @ApiProperty({ nullable: true, type: String }) commandId!: string | null;
  @ApiProperty({ nullable: true, type: String }) correlationId!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) data!: Record<string, unknown>;
  @ApiPropertyOptional({
    enum: [true],
    description: 'The item is restricted for the asker: title, notes and letter fields are taken out of data',
  })
  restricted?: true;
}

export class HistoryDto {
  @ApiProperty() itemId!: string;
  @ApiProperty({ type: [TrailEntryDto], description: 'Oldest first' }) events!: TrailEntryDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class LocationDto {
  @ApiProperty({ example: 'kec-cikarang-utara' }) id!: string;
  @ApiProperty({ example: 'Kecamatan Cikarang Utara' }) name!: string;
  @ApiProperty({ enum: LOCATION_TYPES }) type!: string;
  @ApiProperty({ nullable: true, type: String }) parentId!: string | null;
  @ApiProperty({ description: 'false: deactivated (still readable, never deleted)' }) active!: boolean;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Kemendagri code of a kecamatan, desa or kelurahan',
    example: '32.16.01',
  })
  kemendagriCode!: string | null;
}

export class LocationChangeDto {
  @ApiProperty() at!: string;
  @ApiProperty() actorId!: string;
  @ApiProperty({ example: 'location.updated' }) action!: string;
  @ApiProperty() subjectId!: string;
  @ApiProperty({ description: 'What changed: field → { from, to }', type: Object }) details!: Record<
    string,
    unknown
  >;
}

export class LocationChangesDto {
  @ApiProperty() locationId!: string;
  @ApiProperty({ type: [LocationChangeDto] }) changes!: LocationChangeDto[];
}

export class LocationListDto {
  @ApiProperty({ type: [LocationDto] }) locations!: LocationDto[];
}

export class InventoryDto extends ItemPageDto {
  @ApiProperty({ type: LocationDto }) location!: LocationDto;
}

export class TokenRecordDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() principalId!: string;
  @ApiProperty({ enum: ROLES }) role!: string;
  @ApiProperty({ nullable: true, type: String }) unitId!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ nullable: true, type: String }) lastUsedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) revokedAt!: string | null;
}

export class TokenListDto {
  @ApiProperty({ type: [TokenRecordDto], description: 'Never the secrets, which are stored only as hashes' })
  tokens!: TokenRecordDto[];
}

export class WatchListDto {
  @ApiPropertyOptional({ description: 'The threshold used, in hours' }) olderThanHours?: number;
  @ApiProperty({ type: [ItemViewDto] }) items!: ItemViewDto[];
}

export class LiveDto {
  @ApiProperty({ example: 'ok' }) status!: string;
}

export class ReadyDto {
  @ApiProperty({ enum: ['ok', 'error'] }) status!: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) info?: Record<string, unknown>;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) error?: Record<string, unknown>;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) details?: Record<string, unknown>;
}
