import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
// acknowledgement.signature has no MaxLength here: over 256 KB it is a 413 (signature-data-url.ts).
import { IsIn, IsNotEmpty, IsString, MaxLength, ValidateIf } from 'class-validator';
import { ACKNOWLEDGEMENT_METHODS, type AcknowledgementMethod } from '@jejak/custody';

/**
 * How the party that did not send the request acknowledged it (domain.md "Two-party custody"):
 * `account` (that party's own request), `code` (a kode serah from POST /api/release-codes issued
 * for that place) or `signature` (name, NIP if any, and a drawn signature as a PNG data URL).
 */
export class AcknowledgementDto {
  @ApiProperty({ enum: ACKNOWLEDGEMENT_METHODS })
  @IsIn(ACKNOWLEDGEMENT_METHODS, { message: `method must be one of: ${ACKNOWLEDGEMENT_METHODS.join(', ')}` })
  method!: AcknowledgementMethod;

  @ApiPropertyOptional({
    description: 'code (required): the kode serah shown on the holder’s screen',
    example: 'K7PM3Q',
  })
  @ValidateIf((ack: AcknowledgementDto) => ack.method === 'code' || ack.code !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  code?: string;

  @ApiPropertyOptional({
    description: 'signature (required): the signer’s name as written',
    example: 'Siti Aminah',
  })
  @ValidateIf((ack: AcknowledgementDto) => ack.method === 'signature' || ack.name !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ description: 'signature: the signer’s NIP, if any', example: '198703122010012003' })
  @ValidateIf((ack: AcknowledgementDto) => ack.nip !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  nip?: string;

  @ApiPropertyOptional({
    description:
      'signature (required): the drawn signature, `data:image/png;base64,…`, at most 256 KB (413 above); kept beside the store, only its SHA-256 goes into the event (`acknowledgement.signatureHash`)',
  })
  @ValidateIf((ack: AcknowledgementDto) => ack.method === 'signature' || ack.signature !== undefined)
  @IsString()
  @IsNotEmpty()
  signature?: string;
}
