import { Body, Controller, Delete, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG, type AppConfig } from '@jejak/config';
import { csrfTokenOf, SessionStore, type ActiveSession, type Principal } from '@jejak/directory';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Public } from '../auth/public.decorator';
import { clearSessionCookie, setSessionCookie } from '../auth/session-cookie';
import { requestSessionOf } from '../auth/token.guard';
import { ApiProblem } from '../common/problem';
import { ApiProblems } from '../openapi/problem.dto';
import { SessionDto, SignInDto } from './session.dto';
import { SignInService } from './sign-in.service';

/** A bearer token is valid, but there is no session behind it to show or end. */
const noSession = () =>
  new ApiProblem('not-found', 'No session: this request carries a bearer token, not a session cookie.');

const view = (secret: string, session: ActiveSession): SessionDto => ({
  person: session.person,
  csrfToken: csrfTokenOf(secret),
  idleExpiresAt: session.idleExpiresAt,
});

@ApiTags('session')
@Controller('api/session')
export class SessionController {
  constructor(
    @Inject(SignInService) private readonly signIn: SignInService,
    @Inject(SessionStore) private readonly sessions: SessionStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post()
  @Public()
  @ApiOperation({
    summary: 'Sign in with { personId, password } or { signInCode }: the session cookie and csrfToken',
  })
  @ApiCreatedResponse({ type: SessionDto })
  @ApiProblems(400, 401, 429)
  async create(
    @Body() dto: SignInDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionDto> {
    const attempt =
      dto.signInCode !== undefined
        ? { signInCode: dto.signInCode }
        : { personId: dto.personId as string, password: dto.password as string };
    const result = await this.signIn.signIn(attempt, request.ip);
    if (result.outcome === 'locked') {
      void reply.header('Retry-After', String(result.retryAfterSeconds));
      throw new ApiProblem(
        'rate-limited',
        `Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam ${result.retryAfterSeconds} detik.`,
      );
    }
    if (result.outcome === 'busy') {
      void reply.header('Retry-After', '1');
      throw new ApiProblem('rate-limited', 'Layanan masuk sedang sibuk. Coba lagi sebentar lagi.');
    }
    if (result.outcome === 'refused') {
      throw new ApiProblem(
        'unauthenticated',
        dto.signInCode === undefined
          ? 'NIP / nomor pegawai atau kata sandi salah.'
          : 'Kode masuk salah, sudah dipakai, atau kedaluwarsa.',
      );
    }
    setSessionCookie(reply, result.secret, this.config.session.idleMs, this.config.session.cookieSecure);
    return view(result.secret, result.session);
  }

  @Get()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Who is signed in, and the csrfToken' })
  @ApiOkResponse({ type: SessionDto })
  @ApiProblems(401, 404)
  current(@Req() request: FastifyRequest): SessionDto {
    const signedIn = requestSessionOf(request);
    if (!signedIn) throw noSession();
    return view(signedIn.secret, signedIn.session);
  }

  @Delete()
  @ApiBearerAuth()
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out: the session ends and its cookie is cleared' })
  @ApiNoContentResponse({ description: 'Signed out' })
  @ApiProblems(401, 403, 404)
  async end(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @CurrentPrincipal() principal: Principal,
  ): Promise<void> {
    const signedIn = requestSessionOf(request);
    if (!signedIn) throw noSession();
    await this.sessions.end(signedIn.session.id, principal.principalId, 'signed-out');
    clearSessionCookie(reply, this.config.session.cookieSecure);
  }
}
