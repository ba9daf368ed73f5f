import type Database from 'better-sqlite3';
import { manualClock, openTestDirectory } from './test-directory.fixture';
import { PeopleRepository } from './people.repository';
import { csrfTokenMatches, csrfTokenOf, SessionRepository } from './session.repository';

describe('SessionRepository', () => {
  let db: Database.Database;
  let close: () => void;
  const hour = 3_600_000;
  beforeEach(() => {
    ({ db, close } = openTestDirectory());
    new PeopleRepository(db).create({ id: 'KURIR-A', name: 'Kurir A', role: 'courier' }, 'admin');
  });
  afterEach(() => close());

  it('lives while used and ends after the idle time without a request', () => {
    const time = manualClock();
    const sessions = new SessionRepository(db, 12 * hour, time.clock);
    const { secret } = sessions.start('KURIR-A', 'password');
    time.advance(11 * hour);
    expect(sessions.resolve(secret)?.person.id).toBe('KURIR-A');
    time.advance(11 * hour);
    expect(sessions.resolve(secret)).not.toBeNull();
    time.advance(12 * hour);
    expect(sessions.resolve(secret)).toBeNull();
    time.advance(-12 * hour);
    expect(sessions.resolve(secret)).toBeNull();
  });

  it('ends at sign-out and when the person’s sessions are ended, keeping the one asked for', () => {
    const sessions = new SessionRepository(db, hour, manualClock().clock);
    const a = sessions.start('KURIR-A', 'password');
    const b = sessions.start('KURIR-A', 'code');
    const c = sessions.start('KURIR-A', 'code');
    sessions.end(a.session.id, 'KURIR-A', 'signed-out');
    expect(sessions.resolve(a.secret)).toBeNull();
    expect(sessions.endAllOf('KURIR-A', 'KURIR-A', 'password-changed', b.session.id)).toBe(1);
    expect(sessions.resolve(b.secret)).not.toBeNull();
    expect(sessions.resolve(c.secret)).toBeNull();
  });

  it('derives a CSRF token that matches only its own session', () => {
    const sessions = new SessionRepository(db, hour, manualClock().clock);
    const a = sessions.start('KURIR-A', 'password');
    const b = sessions.start('KURIR-A', 'password');
    expect(csrfTokenMatches(a.secret, csrfTokenOf(a.secret))).toBe(true);
    expect(csrfTokenMatches(a.secret, csrfTokenOf(b.secret))).toBe(false);
    expect(csrfTokenMatches(a.secret, '')).toBe(false);
    expect(JSON.stringify(db.prepare('SELECT * FROM sessions').all())).not.toContain(a.secret);
  });
});
