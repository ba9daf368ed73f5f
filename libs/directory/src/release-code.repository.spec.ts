import type Database from 'better-sqlite3';
import { manualClock, openTestDirectory } from './test-directory.fixture';
import { PeopleRepository } from './people.repository';
import { RELEASE_CODE_TTL_MS, ReleaseCodeRepository } from './release-code.repository';

describe('release codes', () => {
  let db: Database.Database;
  let close: () => void;
  beforeEach(() => ({ db, close } = openTestDirectory()));
  afterEach(() => close());

  const at = 'kec-cikarang-utara';

  it('is valid for its place and the first courier, who may use it again in that sitting', () => {
    const codes = new ReleaseCodeRepository(db, manualClock().clock);
    const { code, placeId } = codes.issue(at, 'OFFICER-1');
    expect(code).toMatch(/^[A-Z2-9]{6}$/);
    expect(placeId).toBe(at);
    expect(codes.check({ code, placeId: at, courierId: 'KURIR-A' })).toMatchObject({
      valid: true,
      issuedBy: 'OFFICER-1',
    });
    expect(codes.check({ code: code.toLowerCase(), placeId: at, courierId: 'KURIR-A' }).valid).toBe(true);
    expect(codes.check({ code, placeId: at, courierId: 'KURIR-B' })).toEqual({
      valid: false,
      reason: 'used-by-another-courier',
    });
  });

  it('is unknown at another place', () => {
    const codes = new ReleaseCodeRepository(db, manualClock().clock);
    const { code } = codes.issue(at, 'OFFICER-1');
    expect(codes.check({ code, placeId: 'kec-babelan', courierId: 'KURIR-A' })).toEqual({
      valid: false,
      reason: 'unknown',
    });
  });

  it('expires after ten minutes, even for the courier who used it', () => {
    const time = manualClock();
    const codes = new ReleaseCodeRepository(db, time.clock);
    const { code, expiresAt } = codes.issue(at, 'OFFICER-1');
    expect(Date.parse(expiresAt) - time.clock().getTime()).toBe(RELEASE_CODE_TTL_MS);
    time.advance(RELEASE_CODE_TTL_MS - 1000);
    expect(codes.check({ code, placeId: at, courierId: 'KURIR-A' }).valid).toBe(true);
    time.advance(1000);
    expect(codes.check({ code, placeId: at, courierId: 'KURIR-A' })).toEqual({
      valid: false,
      reason: 'expired',
    });
  });

  it('stops working when the person who showed it is deactivated', () => {
    const time = manualClock();
    const people = new PeopleRepository(db, time.clock);
    people.create({ id: 'OFFICER-1', name: 'Siti', role: 'officer', unitId: at }, 'admin');
    const codes = new ReleaseCodeRepository(db, time.clock);
    const { code } = codes.issue(at, 'OFFICER-1');
    time.advance(1000);
    people.update('OFFICER-1', { active: false }, 'admin');
    expect(codes.check({ code, placeId: at, courierId: 'KURIR-A' })).toEqual({
      valid: false,
      reason: 'expired',
    });
  });

  it('is judged at the handover time given: a scan made offline in time counts when synced later', () => {
    const time = manualClock();
    const codes = new ReleaseCodeRepository(db, time.clock);
    const { code, expiresAt } = codes.issue(at, 'OFFICER-1');
    const inTime = new Date(Date.parse(expiresAt) - 1000).toISOString();
    time.advance(RELEASE_CODE_TTL_MS * 6);
    expect(codes.check({ code, placeId: at, courierId: 'KURIR-A', at: inTime }).valid).toBe(true);
    expect(codes.check({ code, placeId: at, courierId: 'KURIR-A', at: expiresAt })).toEqual({
      valid: false,
      reason: 'expired',
    });
    const longBefore = new Date(time.clock().getTime() - RELEASE_CODE_TTL_MS * 7).toISOString();
    expect(codes.check({ code, placeId: at, courierId: 'KURIR-A', at: longBefore })).toEqual({
      valid: false,
      reason: 'not-yet-issued',
    });
  });

  it('verifies without binding: only check binds the code to its first courier', () => {
    const codes = new ReleaseCodeRepository(db, manualClock().clock);
    const { code } = codes.issue(at, 'OFFICER-1');
    expect(codes.verify({ code, placeId: at, courierId: 'KURIR-A' }).valid).toBe(true);
    expect(codes.verify({ code, placeId: at, courierId: 'KURIR-B' }).valid).toBe(true);
    expect(codes.check({ code, placeId: at, courierId: 'KURIR-B' }).valid).toBe(true);
    expect(codes.verify({ code, placeId: at, courierId: 'KURIR-A' })).toEqual({
      valid: false,
      reason: 'used-by-another-courier',
    });
  });

  it('lasts as long as configured', () => {
    const time = manualClock();
    const codes = new ReleaseCodeRepository(db, time.clock, 60_000);
    const { code, expiresAt } = codes.issue(at, 'OFFICER-1');
    expect(Date.parse(expiresAt) - time.clock().getTime()).toBe(60_000);
    time.advance(60_000);
    expect(codes.verify({ code, placeId: at, courierId: 'KURIR-A' }).valid).toBe(false);
  });
});
