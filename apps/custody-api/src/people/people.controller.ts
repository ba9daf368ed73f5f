import { Body, Controller, Get, HttpCode, Inject, Param, Patch, Post, Query, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { AuditEntry, Person, Principal } from '@jejak/directory';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { requestSessionOf } from '../auth/token.guard';
import { Idempotent } from '../idempotency/idempotent.decorator';
import { ApiProblems } from '../openapi/problem.dto';
import {
  CreatePersonDto,
  PeopleListDto,
  PeopleQueryDto,
  PersonChangesDto,
  PersonDto,
  PersonSignInDto,
  SetPasswordDto,
  SignInCodeDto,
  SignInCodeRequestDto,
  UpdatePersonDto,
} from './people.dto';
import { PeopleService } from './people.service';

@ApiTags('people')
@ApiBearerAuth()
@Controller('api/people')
export class PeopleController {
  constructor(@Inject(PeopleService) private readonly people: PeopleService) {}

  @Get()
  @ApiOperation({ summary: 'List people (any token: a courier finds a colleague to hand over to)' })
  @ApiOkResponse({ type: PeopleListDto })
  list(@Query() query: PeopleQueryDto): Promise<{ people: Person[]; nextCursor: string | null }> {
    return this.people.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One person; an admin also sees whether they have a password and live sessions' })
  @ApiOkResponse({ type: PersonDto })
  @ApiProblems(404)
  one(
    @Param('id') id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Person & { signIn?: PersonSignInDto }> {
    return this.people.one(id, principal);
  }

  @Get(':id/changes')
  @ApiOperation({ summary: "A person's recorded changes (who, when, before → after), oldest first" })
  @ApiOkResponse({ type: PersonChangesDto })
  @ApiProblems(404)
  changes(@Param('id') id: string): Promise<{ personId: string; changes: AuditEntry[] }> {
    return this.people.changes(id);
  }

  @Post()
  @Idempotent()
  @ApiOperation({ summary: 'Add a person (admin)' })
  @ApiCreatedResponse({ type: PersonDto })
  @ApiProblems(400, 409)
  create(@Body() dto: CreatePersonDto, @CurrentPrincipal() principal: Principal): Promise<Person> {
    return this.people.create(dto, principal);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Edit or deactivate a person (admin); deactivation ends their tokens and sessions',
  })
  @ApiOkResponse({ type: PersonDto })
  @ApiProblems(400, 404)
  update(
    @Param('id') id: string,
    @Body() dto: UpdatePersonDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Person> {
    return this.people.update(id, dto, principal);
  }

  @Post(':id/password')
  @Idempotent()
  @HttpCode(204)
  @ApiOperation({
    summary:
      'Set a password: the person their own (their other sessions end), or an admin resetting it (all end)',
  })
  @ApiNoContentResponse({ description: 'Set' })
  @ApiProblems(400, 403, 404)
  setPassword(
    @Param('id') id: string,
    @Body() dto: SetPasswordDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    return this.people.setPassword(id, dto.password, principal, requestSessionOf(request)?.session.id);
  }

  @Post(':id/sign-in-code')
  @Idempotent()
  @ApiOperation({
    summary:
      'A one-time sign-in code for the person (admin), shown once; signInUrl is what its QR code holds',
  })
  @ApiCreatedResponse({ type: SignInCodeDto })
  @ApiProblems(404, 409)
  signInCode(
    @Param('id') id: string,
    @Body() dto: SignInCodeRequestDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
  ): Promise<SignInCodeDto> {
    return this.people.signInCode(id, dto, principal, {
      protocol: request.protocol,
      host: request.headers.host,
    });
  }
}
