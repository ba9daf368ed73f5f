import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
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
}
