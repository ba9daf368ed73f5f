import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { LOCATION_TYPES, type LocationType } from '@jejak/custody';

export class CreateLocationDto {
  @ApiProperty({ example: 'desa-sukaresmi' })
  @Matches(/^[a-z0-9][a-z0-9-]{1,99}$/, { message: 'id: lowercase letters, digits and -, 2 to 100' })
  id!: string;

  @ApiProperty({ example: 'Desa Sukaresmi' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: LOCATION_TYPES })
  @IsIn(LOCATION_TYPES)
  type!: LocationType;

  @ApiPropertyOptional({ example: 'kec-cikarang-selatan' })
  @IsOptional()
  @IsString()
  parentId?: string;
}

export class LocationListQueryDto {
  @ApiPropertyOptional({ enum: LOCATION_TYPES })
  @IsOptional()
  @IsIn(LOCATION_TYPES)
  type?: LocationType;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  parentId?: string;

  @ApiPropertyOptional({ description: 'Text in the name, id or Kemendagri code (case ignored)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ description: 'true: only active places; false: only deactivated ones' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  active?: boolean;
}

/** Rename, move (parentId null: to the top) or deactivate a place; places are never deleted. */
export class UpdateLocationDto {
  @ApiPropertyOptional({ example: 'Kelurahan Sukaresmi' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ nullable: true, type: String, example: 'kec-cikarang-selatan' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  parentId?: string | null;

  @ApiPropertyOptional({ description: 'false deactivates: the place stays readable, never deleted' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}
