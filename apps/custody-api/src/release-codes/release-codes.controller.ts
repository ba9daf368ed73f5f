import { Body, Controller, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { LocationStore, ReleaseCodeStore, type IssuedReleaseCode, type Principal } from '@jejak/directory';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { ApiProblem } from '../common/problem';
import { Idempotent } from '../idempotency/idempotent.decorator';
import { ApiProblems } from '../openapi/problem.dto';

export class CreateReleaseCodeDto {
  @ApiProperty({ example: 'kec-cikarang-utara' }) @IsString() @IsNotEmpty() @MaxLength(100) placeId!: string;
}

export class ReleaseCodeDto {
  @ApiProperty({
    description: 'Kode serah: shown big on the holder’s screen, typed into the courier’s phone',
  })
  code!: string;
  @ApiProperty() placeId!: string;
  @ApiProperty() expiresAt!: string;
}

@ApiTags('release codes')
@ApiBearerAuth()
@Controller('api/release-codes')
export class ReleaseCodesController {
  constructor(
    // The directory's (MongoDB with MONGODB_URL): a code issued here counts on every replica.
    @Inject(ReleaseCodeStore) private readonly codes: ReleaseCodeStore,
    @Inject(LocationStore) private readonly locations: LocationStore,
  ) {}

  @Post()
  @Idempotent()
  @ApiOperation({
    summary:
      'A release code for the caller’s own place (officer or depot): valid some minutes, for the first courier',
  })
  @ApiCreatedResponse({ type: ReleaseCodeDto })
  @ApiProblems(400, 403, 404)
  create(
    @Body() dto: CreateReleaseCodeDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<IssuedReleaseCode> {
    if (!this.locations.get(dto.placeId)) throw new ApiProblem('not-found', `No location '${dto.placeId}'.`);
    if (principal.unitId !== dto.placeId) {
      throw new ApiProblem('forbidden', `Only staff of '${dto.placeId}' may release items there.`);
    }
    return this.codes.issue(dto.placeId, principal.principalId);
  }
}
