import type Database from 'better-sqlite3';
import { CredentialRepository, SIGN_IN_CODE_TTL_MS } from './credential.repository';
import { manualClock, openTestDirectory } from './test-directory.fixture';

describe('one-time sign-in codes', () => {
  let db: Database.Database;
  let close: () => void;
  beforeEach(() => ({ db, close } = openTestDirectory()));
  afterEach(() => close());

  it('signs in once, as typed in any case or spacing, and never again', () => {
    const { clock } = manualClock();
    const credentials = new CredentialRepository(db, clock);
    const { signInCode, expiresAt } = credentials.createSignInCode('KURIR-A', 'admin');
    expect(signInCode).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
    expect(expiresAt).toBe(new Date(clock().getTime() + SIGN_IN_CODE_TTL_MS).toISOString());
    expect(credentials.consumeSignInCode(` ${signInCode.toLowerCase().replace('-', ' ')} `)).toBe('KURIR-A');
    expect(credentials.consumeSignInCode(signInCode)).toBeNull();
  });

  it('works until it expires (60 minutes) and not a moment after', () => {
    const time = manualClock();
    const credentials = new CredentialRepository(db, time.clock);
    const early = credentials.createSignInCode('KURIR-A', 'admin').signInCode;
    time.advance(SIGN_IN_CODE_TTL_MS - 1);
    expect(credentials.consumeSignInCode(early)).toBe('KURIR-A');
    const late = credentials.createSignInCode('KURIR-B', 'admin').signInCode;
    time.advance(SIGN_IN_CODE_TTL_MS);
    expect(credentials.consumeSignInCode(late)).toBeNull();
  });

  it('may be made for another length of time', () => {
    const time = manualClock();
    const credentials = new CredentialRepository(db, time.clock);
    const { signInCode, expiresAt } = credentials.createSignInCode('KURIR-A', 'admin', 5 * 60_000);
    expect(expiresAt).toBe('2026-12-01T08:05:00.000Z');
    time.advance(5 * 60_000);
    expect(credentials.consumeSignInCode(signInCode)).toBeNull();
  });

  it('a new code replaces the person’s unused one', () => {
    const credentials = new CredentialRepository(db, manualClock().clock);
    const first = credentials.createSignInCode('KURIR-A', 'admin').signInCode;
    const second = credentials.createSignInCode('KURIR-A', 'admin').signInCode;
    expect(credentials.consumeSignInCode(first)).toBeNull();
    expect(credentials.consumeSignInCode(second)).toBe('KURIR-A');
  });

  it('keeps only hashes of codes and passwords, and the audit says who, never what', () => {
    const credentials = new CredentialRepository(db, manualClock().clock);
    const { signInCode } = credentials.createSignInCode('KURIR-A', 'admin');
    credentials.setPasswordHash('KURIR-A', 'scrypt$1$8$1$salt$key', 'admin');
    const everything = JSON.stringify([
      db.prepare('SELECT * FROM sign_in_codes').all(),
      db.prepare('SELECT * FROM directory_audit').all(),
    ]);
    expect(everything).not.toContain(signInCode.replace('-', ''));
    expect(everything).not.toContain('scrypt$');
    expect(
      db
        .prepare("SELECT action, actor_id FROM directory_audit WHERE subject_id = 'KURIR-A'")
        .all() as object[],
    ).toEqual([
      { action: 'sign-in-code.created', actor_id: 'admin' },
      { action: 'password.reset', actor_id: 'admin' },
    ]);
  });
});
