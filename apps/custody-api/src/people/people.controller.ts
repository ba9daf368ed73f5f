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
import { APP_CONFIG, type AppConfig } from '@jejak/config';
import {
  auditOf,
  CredentialRepository,
  hashPassword,
  PeopleRepository,
  SessionRepository,
  type AuditEntry,
  type Person,
  type Principal,
} from '@jejak/directory';
import type Database from 'better-sqlite3';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { requestSessionOf } from '../auth/token.guard';
import { ApiProblem } from '../common/problem';
import { Idempotent } from '../idempotency/idempotent.decorator';
import { DIRECTORY_DB } from '../infrastructure/stores.module';
import { ApiProblems } from '../openapi/problem.dto';
import { orProblem } from './directory-problem';
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

const DEFAULT_PAGE = 200;
const DEFAULT_SIGN_IN_CODE_MINUTES = 60;

@ApiTags('people')
@ApiBearerAuth()
@Controller('api/people')
export class PeopleController {
  constructor(
    @Inject(PeopleRepository) private readonly people: PeopleRepository,
    @Inject(CredentialRepository) private readonly credentials: CredentialRepository,
    @Inject(SessionRepository) private readonly sessions: SessionRepository,
    @Inject(DIRECTORY_DB) private readonly db: Database.Database,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List people (any token: a courier finds a colleague to hand over to)' })
  @ApiOkResponse({ type: PeopleListDto })
  list(@Query() query: PeopleQueryDto): { people: Person[]; nextCursor: string | null } {
    const limit = query.limit ?? DEFAULT_PAGE;
    const page = this.people.list({
      unitId: query.unitId,
      role: query.role,
      q: query.q,
      active: query.active,
      after: query.cursor,
      limit: limit + 1,
    });
    const more = page.length > limit;
    const people = more ? page.slice(0, limit) : page;
    return { people, nextCursor: more ? people[people.length - 1].id : null };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One person; an admin also sees whether they have a password and live sessions' })
  @ApiOkResponse({ type: PersonDto })
  @ApiProblems(404)
  one(
    @Param('id') id: string,
    @CurrentPrincipal() principal: Principal,
  ): Person & { signIn?: PersonSignInDto } {
    const person = this.get(id);
    if (principal.role !== 'admin') return person;
    return {
      ...person,
      signIn: {
        hasPassword: this.credentials.passwordHashOf(id) !== null,
        liveSessions: this.sessions.liveCount(id),
      },
    };
  }

  private get(id: string): Person {
    const person = this.people.get(id);
    if (!person) throw new ApiProblem('not-found', `No person '${id}'.`);
    return person;
  }

  @Get(':id/changes')
  @ApiOperation({ summary: "A person's recorded changes (who, when, before → after), oldest first" })
  @ApiOkResponse({ type: PersonChangesDto })
  @ApiProblems(404)
  changes(@Param('id') id: string): { personId: string; changes: AuditEntry[] } {
    this.get(id);
    return { personId: id, changes: auditOf(this.db, id) };
  }

  @Post()
  @Idempotent()
  @ApiOperation({ summary: 'Add a person (admin)' })
  @ApiCreatedResponse({ type: PersonDto })
  @ApiProblems(400, 409)
  create(@Body() dto: CreatePersonDto, @CurrentPrincipal() principal: Principal): Person {
    return orProblem(() => this.people.create(dto, principal.principalId));
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
  ): Person {
    return orProblem(() => this.people.update(id, dto, principal.principalId));
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
  async setPassword(
    @Param('id') id: string,
    @Body() dto: SetPasswordDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    const own = principal.principalId === id;
    if (!own && principal.role !== 'admin') {
      throw new ApiProblem('forbidden', 'Only the person themselves or an admin may set their password.');
    }
    this.get(id);
    const hash = await hashPassword(dto.password);
    this.credentials.setPasswordHash(id, hash, principal.principalId);
    const current = own ? requestSessionOf(request)?.session.id : undefined;
    this.sessions.endAllOf(id, principal.principalId, own ? 'password-changed' : 'password-reset', current);
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
  ): SignInCodeDto {
    const person = this.get(id);
    if (!person.active) throw new ApiProblem('invalid-transition', `Person '${id}' is deactivated.`);
    const { signInCode, expiresAt } = this.credentials.createSignInCode(
      id,
      principal.principalId,
      (dto.validMinutes ?? DEFAULT_SIGN_IN_CODE_MINUTES) * 60_000,
    );
    const scheme = this.config.session.cookieSecure ? 'https' : request.protocol;
    const host = request.headers.host ?? `localhost:${this.config.port}`;
    return {
      personId: id,
      signInCode,
      expiresAt,
      signInUrl: `${scheme}://${host}/masuk#kode=${encodeURIComponent(signInCode)}`,
    };
  }
}
