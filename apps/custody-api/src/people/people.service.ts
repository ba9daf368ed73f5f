import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@jejak/config';
import {
  CredentialStore,
  hashPassword,
  PeopleStore,
  SessionStore,
  type AuditEntry,
  type Person,
  type Principal,
} from '@jejak/directory';
import { ApiProblem } from '../common/problem';
import { orProblem } from './directory-problem';
import type {
  CreatePersonDto,
  PeopleQueryDto,
  PersonSignInDto,
  SignInCodeDto,
  SignInCodeRequestDto,
  UpdatePersonDto,
} from './people.dto';

const DEFAULT_PAGE = 200;
const DEFAULT_SIGN_IN_CODE_MINUTES = 60;

/** Where the request came from, for the sign-in link its QR code holds. */
export interface RequestOrigin {
  protocol: string;
  host: string | undefined;
}

/** What /api/people does, over the directory's people, credentials and sessions. */
@Injectable()
export class PeopleService {
  constructor(
    @Inject(PeopleStore) private readonly people: PeopleStore,
    @Inject(CredentialStore) private readonly credentials: CredentialStore,
    @Inject(SessionStore) private readonly sessions: SessionStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(query: PeopleQueryDto): Promise<{ people: Person[]; nextCursor: string | null }> {
    const limit = query.limit ?? DEFAULT_PAGE;
    const page = await this.people.list({
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

  /** An admin also sees whether the person has a password and live sessions. */
  async one(id: string, reader: Principal): Promise<Person & { signIn?: PersonSignInDto }> {
    const person = await this.get(id);
    if (reader.role !== 'admin') return person;
    return {
      ...person,
      signIn: {
        hasPassword: (await this.credentials.passwordHashOf(id)) !== null,
        liveSessions: await this.sessions.liveCount(id),
      },
    };
  }

  async changes(id: string): Promise<{ personId: string; changes: AuditEntry[] }> {
    await this.get(id);
    return { personId: id, changes: await this.people.changes(id) };
  }

  create(dto: CreatePersonDto, principal: Principal): Promise<Person> {
    return orProblem(() => this.people.create(dto, principal.principalId));
  }

  update(id: string, dto: UpdatePersonDto, principal: Principal): Promise<Person> {
    return orProblem(() => this.people.update(id, dto, principal.principalId));
  }

  /** Their own: their other sessions end (`currentSessionId` stays); an admin's reset ends all. */
  async setPassword(
    id: string,
    password: string,
    principal: Principal,
    currentSessionId: string | undefined,
  ): Promise<void> {
    const own = principal.principalId === id;
    if (!own && principal.role !== 'admin') {
      throw new ApiProblem('forbidden', 'Only the person themselves or an admin may set their password.');
    }
    await this.get(id);
    const hash = await hashPassword(password);
    await this.credentials.setPasswordHash(id, hash, principal.principalId);
    const current = own ? currentSessionId : undefined;
    await this.sessions.endAllOf(
      id,
      principal.principalId,
      own ? 'password-changed' : 'password-reset',
      current,
    );
  }

  async signInCode(
    id: string,
    dto: SignInCodeRequestDto,
    principal: Principal,
    origin: RequestOrigin,
  ): Promise<SignInCodeDto> {
    const person = await this.get(id);
    if (!person.active) throw new ApiProblem('invalid-transition', `Person '${id}' is deactivated.`);
    const { signInCode, expiresAt } = await this.credentials.createSignInCode(
      id,
      principal.principalId,
      (dto.validMinutes ?? DEFAULT_SIGN_IN_CODE_MINUTES) * 60_000,
    );
    const scheme = this.config.session.cookieSecure ? 'https' : origin.protocol;
    const host = origin.host ?? `localhost:${this.config.port}`;
    return {
      personId: id,
      signInCode,
      expiresAt,
      signInUrl: `${scheme}://${host}/masuk#kode=${encodeURIComponent(signInCode)}`,
    };
  }

  private async get(id: string): Promise<Person> {
    const person = await this.people.get(id);
    if (!person) throw new ApiProblem('not-found', `No person '${id}'.`);
    return person;
  }
}
