import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { type Principal, LocationStore, TokenStore } from '@jejak/directory';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { ApiProblem } from '../common/problem';
import { Idempotent } from '../idempotency/idempotent.decorator';
import { ApiProblems } from '../openapi/problem.dto';
import { orProblem } from '../people/directory-problem';
import { TokenListDto } from '../openapi/response.dto';
import { CreateTokenDto, TokenCreatedDto } from './create-token.dto';

@ApiTags('tokens')
@ApiBearerAuth()
@Controller('api/tokens')
export class TokensController {
  constructor(
    @Inject(TokenStore) private readonly tokens: TokenStore,
    @Inject(LocationStore) private readonly locations: LocationStore,
  ) {}

  @Post()
  @Idempotent()
  @ApiCreatedResponse({ type: TokenCreatedDto })
  @ApiProblems(400, 409)
  async create(
    @Body() dto: CreateTokenDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<TokenCreatedDto> {
    if (dto.unitId !== undefined && !this.locations.get(dto.unitId)) {
      throw new ApiProblem('validation-failed', `Unknown unitId '${dto.unitId}'.`, {
        errors: [{ field: 'unitId', message: 'no such location' }],
      });
    }
    const { record, token } = await orProblem(() =>
      this.tokens.create(
        { name: dto.name, role: dto.role, unitId: dto.unitId, principalId: dto.principalId },
        principal.principalId,
      ),
    );
    return {
      id: record.id,
      principalId: record.principalId,
      token,
      role: record.role,
      unitId: record.unitId,
      name: record.name,
    };
  }

  @Get()
  @ApiOkResponse({ type: TokenListDto })
  async list() {
    return { tokens: await this.tokens.list() };
  }

  /** Who this token is: the web app's "Masuk dengan token" learns the role, unit and person from it. */
  @Get('self')
  self(@CurrentPrincipal() principal: Principal) {
    const { tokenId, principalId, role, unitId, name } = principal;
    return { id: tokenId, principalId, role, unitId, name };
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Revoked: refused from the next request on' })
  @ApiProblems(404)
  async revoke(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<void> {
    if (!(await this.tokens.revoke(id, principal.principalId))) {
      throw new ApiProblem('not-found', `No active token '${id}'.`);
    }
  }
}
