import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { ROLES, type Role } from '@jejak/custody';

export class CreateTokenDto {
  @ApiProperty({ example: 'Kurir Budi (HP dinas)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role!: Role;

  @ApiPropertyOptional({ description: 'Required for officer and depot', example: 'kec-cikarang-utara' })
  @ValidateIf(
    (dto: CreateTokenDto) => dto.role === 'officer' || dto.role === 'depot' || dto.unitId !== undefined,
  )
  @IsString()
  @IsNotEmpty({ message: 'unitId is required for officer and depot tokens' })
  unitId?: string;

  @ApiPropertyOptional({
    description: 'The person (e.g. employee number); generated when absent',
    example: 'NIP-198701012010011001',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9._:@-]{1,100}$/, {
    message: 'principalId: letters, digits and . _ : @ - only, 1 to 100',
  })
  principalId?: string;
}

export class TokenCreatedDto {
  @ApiProperty() id!: string;
  @ApiProperty() principalId!: string;
  @ApiProperty({ description: 'Shown only in this answer' }) token!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty({ nullable: true, type: String }) unitId!: string | null;
  @ApiProperty() name!: string;
}
