import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { ROLES, type Role } from '@jejak/custody';

/** The same shape as a token's principalId: no spaces, no look-alike letters of other scripts. */
export const PERSON_ID = /^[A-Za-z0-9._:@-]{1,100}$/;
const PERSON_ID_MESSAGE = 'id: letters, digits and . _ : @ - only, 1 to 100';

export class CreatePersonDto {
  @ApiProperty({ description: 'The NIP, or the courier company staff number', example: '198701012010011001' })
  @Matches(PERSON_ID, { message: PERSON_ID_MESSAGE })
  id!: string;

  @ApiProperty({ example: 'Siti Rahmawati' }) @IsString() @IsNotEmpty() @MaxLength(200) name!: string;

  @ApiPropertyOptional({ example: 'Arsiparis Ahli Pertama' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  jabatan?: string;

  @ApiPropertyOptional({ example: '198701012010011001' })
  @IsOptional()
  @Matches(/^[0-9 .]{1,40}$/, { message: 'nip: digits (spaces and dots allowed), up to 40' })
  nip?: string;

  @ApiPropertyOptional({ description: 'Required for officer and depot', example: 'kec-cikarang-utara' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  unitId?: string;

  @ApiProperty({ enum: ROLES }) @IsIn(ROLES) role!: Role;
}

export class UpdatePersonDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200) name?: string;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  jabatan?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @Matches(/^[0-9 .]{1,40}$/, { message: 'nip: digits (spaces and dots allowed), up to 40' })
  nip?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  unitId?: string | null;

  @ApiPropertyOptional({ description: 'false deactivates: every token and session ends at once' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class PeopleQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) unitId?: string;
  @ApiPropertyOptional({ enum: ROLES }) @IsOptional() @IsIn(ROLES) role?: Role;

  @ApiPropertyOptional({ description: 'Text in the id, name, NIP or jabatan (case ignored)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ description: 'true: only active people; false: only deactivated ones' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ default: 200, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page' })
  @IsOptional()
  @Matches(PERSON_ID, { message: 'cursor must be a nextCursor this list handed out' })
  cursor?: string;
}

export class SetPasswordDto {
  @ApiProperty({ minLength: 8, maxLength: 256 })
  @IsString()
  @MinLength(8, { message: 'password: at least 8 characters' })
  @MaxLength(256)
  password!: string;
}

export class PersonSignInDto {
  @ApiProperty() hasPassword!: boolean;
  @ApiProperty({ description: 'Sessions signed in and not idle past their time' }) liveSessions!: number;
}

export class PersonDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) jabatan!: string | null;
  @ApiProperty({ nullable: true, type: String }) nip!: string | null;
  @ApiProperty({ nullable: true, type: String }) unitId!: string | null;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty() active!: boolean;
  @ApiProperty() createdAt!: string;
  @ApiProperty() createdBy!: string;
  @ApiProperty() updatedAt!: string;
  @ApiProperty() updatedBy!: string;
  @ApiPropertyOptional({ type: PersonSignInDto, description: 'GET /api/people/:id, for admins only' })
  signIn?: PersonSignInDto;
}

export class PeopleListDto {
  @ApiProperty({ type: [PersonDto] }) people!: PersonDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class SignInCodeRequestDto {
  @ApiPropertyOptional({
    description: 'How long the code stays valid',
    default: 60,
    minimum: 5,
    maximum: 1440,
  })
  @IsOptional()
  @IsInt()
  @Min(5)
  @Max(1440)
  validMinutes?: number;
}

export class PersonChangeDto {
  @ApiProperty() at!: string;
  @ApiProperty() actorId!: string;
  @ApiProperty({ example: 'person.updated' }) action!: string;
  @ApiProperty() subjectId!: string;
  @ApiProperty({ description: 'What changed: field → { from, to }', type: Object }) details!: Record<
    string,
    unknown
  >;
}

export class PersonChangesDto {
  @ApiProperty() personId!: string;
  @ApiProperty({ type: [PersonChangeDto] }) changes!: PersonChangeDto[];
}

export class SignInCodeDto {
  @ApiProperty() personId!: string;
  @ApiProperty({ description: 'Shown only in this answer; one use', example: 'K7QMX-2XPDA' })
  signInCode!: string;
  @ApiProperty() expiresAt!: string;
  @ApiProperty({
    description: 'What the QR code holds: the web app sign-in page with the code (in the fragment)',
    example: 'http://localhost:3000/masuk#kode=K7QMX-2XPDA',
  })
  signInUrl!: string;
}
