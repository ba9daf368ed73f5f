import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength, ValidateIf } from 'class-validator';
import { PersonDto } from '../people/people.dto';

/** `{ personId, password }` or `{ signInCode }`. */
export class SignInDto {
  @ApiPropertyOptional({ description: 'NIP / nomor pegawai', example: '198701012010011001' })
  @ValidateIf((dto: SignInDto) => dto.signInCode === undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  personId?: string;

  @ApiPropertyOptional({ description: 'Kata sandi' })
  @ValidateIf((dto: SignInDto) => dto.signInCode === undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  password?: string;

  @ApiPropertyOptional({ description: 'A one-time sign-in code, instead of personId and password' })
  @ValidateIf((dto: SignInDto) => dto.signInCode !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  signInCode?: string;
}

export class SessionDto {
  @ApiProperty({ type: PersonDto }) person!: PersonDto;
  @ApiProperty({ description: 'Send as X-CSRF-Token on every state-changing request made with the cookie' })
  csrfToken!: string;
  @ApiProperty({ description: 'When the session ends if it is not used before' }) idleExpiresAt!: string;
}
