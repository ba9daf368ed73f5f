import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@jejak/config';
import {
  AttemptCounterStore,
  CredentialStore,
  dummyPasswordHash,
  PeopleStore,
  SessionStore,
  verifyPassword,
  type ActiveSession,
} from '@jejak/directory';
import { PasswordCheckGate } from './password-check-gate';
import { SignInLockout } from './sign-in-lockout';

export type SignInAttempt = { personId: string; password: string } | { signInCode: string };

export type SignInResult =
  | { outcome: 'signed-in'; secret: string; session: ActiveSession }
  | { outcome: 'refused' }
  | { outcome: 'locked'; retryAfterSeconds: number }
  | { outcome: 'busy' };

/** Two scrypt checks at once (two cores), 32 more waiting (~16 s of work at ~1 s each). */
const CONCURRENT_CHECKS = 2;
const WAITING_CHECKS = 32;

/**
 * Password and one-time-code sign-in. A wrong id, a wrong password, a person without a password
 * and a deactivated person all take one scrypt verification and get the same refusal; the
 * lock-out counts them alike per id and per address.
 */
@Injectable()
export class SignInService {
  private readonly lockout: SignInLockout;
  private readonly gate = new PasswordCheckGate(CONCURRENT_CHECKS, WAITING_CHECKS);

  constructor(
    @Inject(PeopleStore) private readonly people: PeopleStore,
    @Inject(CredentialStore) private readonly credentials: CredentialStore,
    @Inject(SessionStore) private readonly sessions: SessionStore,
    @Inject(AttemptCounterStore) attempts: AttemptCounterStore,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    const { slowAfter, lockAfter, lockMs } = config.session;
    this.lockout = new SignInLockout({ slowAfter, lockAfter, lockMs, addressFactor: 3 }, attempts);
    // Made now, so the first unknown id does not take the time of two hashes.
    void dummyPasswordHash();
  }

  async signIn(attempt: SignInAttempt, address: string, now = Date.now()): Promise<SignInResult> {
    const id = 'personId' in attempt ? attempt.personId : null;
    // Counted before the check, so that requests sent in parallel cannot all pass the lock-out.
    const counted = await this.lockout.attempt(id, address, now);
    if (!('takeBack' in counted)) return { outcome: 'locked', retryAfterSeconds: counted.retryAfterSeconds };
    if (!('signInCode' in attempt) && !this.gate.hasRoom()) {
      await counted.takeBack();
      return { outcome: 'busy' };
    }
    const personId =
      'signInCode' in attempt
        ? await this.byCode(attempt)
        : await this.gate.run(() => this.byPassword(attempt));
    if (personId === null) return { outcome: 'refused' };
    await this.lockout.recordSuccess(id, address);
    const { secret, session } = await this.sessions.start(personId, id === null ? 'code' : 'password');
    return { outcome: 'signed-in', secret, session };
  }

  private async byPassword(attempt: { personId: string; password: string }): Promise<string | null> {
    const person = await this.people.get(attempt.personId);
    const stored = person ? await this.credentials.passwordHashOf(person.id) : null;
    const matches = await verifyPassword(attempt.password, stored ?? (await dummyPasswordHash()));
    return matches && stored !== null && person?.active ? person.id : null;
  }

  private async byCode(attempt: { signInCode: string }): Promise<string | null> {
    const personId = await this.credentials.consumeSignInCode(attempt.signInCode);
    return personId !== null && (await this.people.get(personId))?.active ? personId : null;
  }
}
