import { DirectoryError } from '../directory-error';
import type { Directory } from '../port/directory.port';
import { signatureHashOf } from '../signature-image.store';
import { describeAttemptCounterContract } from './attempt-counter.contract';
import { describeImportLedgerContract } from './import-ledger.contract';

export interface ContractClock {
  clock: () => Date;
  advance: (ms: number) => void;
}

/** A directory on a clean store with this clock and a session idle time of IDLE_MS. */
export type DirectoryFactory = (clock: ContractClock) => Promise<Directory>;

export const CONTRACT_IDLE_MS = 30 * 60_000;

function manualClock(start = '2026-12-01T08:00:00.000Z'): ContractClock {
  let now = Date.parse(start);
  return {
    clock: () => new Date(now),
    advance: (ms) => {
      now += ms;
    },
  };
}

async function refusal(act: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await act();
  } catch (error) {
    if (error instanceof DirectoryError) return error.kind;
    throw error;
  }
  return undefined;
}

const OFFICER = { id: '198701012010011001', name: 'Siti', role: 'officer' as const, unitId: 'kec-babelan' };
const COURIER = { id: 'KURIR-7', name: 'Budi', role: 'courier' as const };

/**
 * What every directory adapter must do alike. Runs on SQLite always and on MongoDB when
 * MONGODB_URL is set; the same tests, word for word.
 */
export function describeDirectoryContract(name: string, factory: DirectoryFactory): void {
  describe(`directory contract: ${name}`, () => {
    jest.setTimeout(30_000);
    let time: ContractClock;
    let directory: Directory;
    beforeEach(async () => {
      time = manualClock();
      directory = await factory(time);
    });
    afterEach(() => directory.close());

    describe('people', () => {
      it('adds, edits and lists people, each change audited with who and before → after', async () => {
        const { people } = directory;
        await people.create({ ...OFFICER, jabatan: 'Arsiparis' }, 'ADMIN-1');
        await people.update(OFFICER.id, { jabatan: 'Arsiparis Ahli Muda' }, 'ADMIN-2');
        expect(await people.list({ unitId: 'kec-babelan', role: 'officer', q: 'MUDA' })).toMatchObject([
          { id: OFFICER.id, jabatan: 'Arsiparis Ahli Muda', updatedBy: 'ADMIN-2', active: true },
        ]);
        expect(await people.list({ q: 'tidak-ada' })).toEqual([]);
        expect(await people.list({ q: '%' })).toEqual([]);
        const changes = await people.changes(OFFICER.id);
        expect(changes.map((c) => [c.action, c.actorId])).toEqual([
          ['person.created', 'ADMIN-1'],
          ['person.updated', 'ADMIN-2'],
        ]);
        expect(changes[1].details).toEqual({ jabatan: { from: 'Arsiparis', to: 'Arsiparis Ahli Muda' } });
        expect(people.known(OFFICER.id)?.jabatan).toBe('Arsiparis Ahli Muda');
      });

      it('pages by id, and an unchanged update records nothing', async () => {
        const { people } = directory;
        for (const id of ['C-3', 'A-1', 'B-2']) await people.create({ ...COURIER, id }, 'ADMIN');
        expect((await people.list({ limit: 2 })).map((p) => p.id)).toEqual(['A-1', 'B-2']);
        expect((await people.list({ after: 'B-2' })).map((p) => p.id)).toEqual(['C-3']);
        await people.update('A-1', { name: COURIER.name }, 'ADMIN');
        expect(await people.changes('A-1')).toHaveLength(1);
      });

      it('refuses a taken id, a place id, an unknown unit and a missing unit, recording nothing', async () => {
        const { people } = directory;
        await people.create(OFFICER, 'ADMIN');
        expect(await refusal(() => people.create(OFFICER, 'ADMIN'))).toBe('already-exists');
        expect(await refusal(() => people.create({ ...COURIER, id: 'kec-babelan' }, 'ADMIN'))).toBe(
          'id-is-a-place',
        );
        expect(
          await refusal(() => people.create({ ...OFFICER, id: 'X-1', unitId: 'kec-atlantis' }, 'ADMIN')),
        ).toBe('unknown-unit');
        expect(await refusal(() => people.create({ ...OFFICER, id: 'X-2', unitId: null }, 'ADMIN'))).toBe(
          'unit-required',
        );
        expect(await refusal(() => people.update('nobody', { name: 'X' }, 'ADMIN'))).toBe('not-found');
        expect((await people.list()).map((p) => p.id)).toEqual([OFFICER.id]);
        expect(await people.get('kec-babelan')).toBeUndefined();
        expect(await people.changes('X-1')).toEqual([]);
      });

      it('a place cannot take a person’s id, and a new place is listed and audited', async () => {
        await directory.people.create(COURIER, 'ADMIN');
        const place = { id: COURIER.id, name: 'Gudang', type: 'depot' as const, parentId: null };
        expect(await refusal(() => directory.locations.create(place, 'ADMIN'))).toBe('id-is-a-person');
        expect(directory.locations.get(COURIER.id)).toBeUndefined();
        await directory.locations.create({ ...place, id: 'depot-baru' }, 'ADMIN');
        expect(directory.locations.lookup('depot-baru')).toMatchObject({ name: 'Gudang', active: true });
        expect(directory.locations.list({ q: 'gudang' }).map((l) => l.id)).toEqual(['depot-baru']);
        await directory.locations.update('depot-baru', { active: false }, 'ADMIN-2');
        expect((await directory.locations.changes('depot-baru')).map((c) => c.action)).toEqual([
          'location.created',
          'location.deactivated',
        ]);
        expect(await refusal(() => directory.people.create({ ...COURIER, id: 'depot-baru' }, 'ADMIN'))).toBe(
          'id-is-a-place',
        );
      });

      it('the places are seeded: kecamatan with their Kemendagri codes', () => {
        expect(directory.locations.get('kec-babelan')).toMatchObject({ type: 'kecamatan', active: true });
        expect(directory.locations.get('kec-babelan')?.kemendagriCode).toMatch(/^32\.16/);
        expect(directory.locations.list({ q: 'babelan' }).length).toBeGreaterThan(1);
      });
    });

    describe('tokens', () => {
      it('issues a token for a new person, verifies it and revokes it', async () => {
        const { tokens, people } = directory;
        expect(await tokens.isEmpty()).toBe(true);
        const { record, token } = await tokens.create(
          { name: 'Budi', role: 'courier', unitId: null, principalId: COURIER.id },
          'ADMIN',
        );
        expect(await tokens.isEmpty()).toBe(false);
        expect(await people.get(COURIER.id)).toMatchObject({ name: 'Budi', role: 'courier' });
        expect(await tokens.authenticate(token)).toMatchObject({
          tokenId: record.id,
          principalId: COURIER.id,
          role: 'courier',
          via: 'token',
        });
        expect(await tokens.authenticate(`${token}x`)).toBeNull();
        expect((await tokens.list()).map((t) => t.id)).toEqual([record.id]);
        expect(await tokens.revoke(record.id, 'ADMIN')).toBe(true);
        expect(await tokens.revoke(record.id, 'ADMIN')).toBe(false);
        expect(await tokens.authenticate(token)).toBeNull();
        expect((await tokens.get(record.id))?.revokedAt).not.toBeNull();
        expect((await people.changes(record.id)).map((c) => c.action)).toEqual([
          'token.created',
          'token.revoked',
        ]);
      });

      it('refuses a token of another role for an existing person, and one for a place, making none', async () => {
        const { tokens } = directory;
        await directory.people.create(OFFICER, 'ADMIN');
        const of = (input: { role: 'courier' | 'officer'; principalId: string }) =>
          refusal(() => tokens.create({ name: 'x', unitId: undefined, ...input }, 'ADMIN'));
        expect(await of({ role: 'courier', principalId: OFFICER.id })).toBe('person-mismatch');
        expect(await of({ role: 'courier', principalId: 'kec-babelan' })).toBe('id-is-a-place');
        expect(await tokens.isEmpty()).toBe(true);
      });

      it('deactivating a person ends their tokens, sessions and sign-in codes at once', async () => {
        const { tokens, people, sessions, credentials } = directory;
        const { token } = await tokens.create(
          { name: 'Siti', role: 'officer', unitId: 'kec-babelan', principalId: OFFICER.id },
          'ADMIN',
        );
        const { secret } = await sessions.start(OFFICER.id, 'password');
        const { signInCode } = await credentials.createSignInCode(OFFICER.id, 'ADMIN');
        await people.update(OFFICER.id, { active: false }, 'ADMIN');
        expect(await tokens.authenticate(token)).toBeNull();
        expect(await sessions.resolve(secret)).toBeNull();
        expect(await credentials.consumeSignInCode(signInCode)).toBeNull();
        expect(people.known(OFFICER.id)?.active).toBe(false);
        const ended = (await people.changes(OFFICER.id)).find((c) => c.action === 'person.credentials-ended');
        expect(ended?.details).toEqual({ tokens: 1, sessions: 1, codes: 1, releaseCodes: 0 });
      });
    });

    describe('sessions and credentials', () => {
      beforeEach(() => directory.people.create(OFFICER, 'ADMIN'));

      it('a session resolves until it has been idle for the idle time, then ends', async () => {
        const { sessions } = directory;
        const { secret, session } = await sessions.start(OFFICER.id, 'code');
        expect(session.person.id).toBe(OFFICER.id);
        time.advance(CONTRACT_IDLE_MS - 1000);
        expect(await sessions.resolve(secret)).toMatchObject({ id: session.id, renewed: true });
        time.advance(CONTRACT_IDLE_MS - 1000);
        expect(await sessions.resolve(secret)).not.toBeNull();
        expect(await sessions.liveCount(OFFICER.id)).toBe(1);
        time.advance(CONTRACT_IDLE_MS);
        expect(await sessions.resolve(secret)).toBeNull();
        expect(await sessions.liveCount(OFFICER.id)).toBe(0);
        expect(await sessions.resolve('not-a-secret')).toBeNull();
      });

      it('ends one session, or all but the one that asked', async () => {
        const { sessions } = directory;
        const a = await sessions.start(OFFICER.id, 'password');
        const b = await sessions.start(OFFICER.id, 'password');
        const c = await sessions.start(OFFICER.id, 'password');
        await sessions.end(a.session.id, OFFICER.id, 'signed-out');
        await sessions.end(a.session.id, OFFICER.id, 'signed-out');
        expect(await sessions.resolve(a.secret)).toBeNull();
        expect(await sessions.endAllOf(OFFICER.id, 'ADMIN', 'password-changed', b.session.id)).toBe(1);
        expect(await sessions.resolve(b.secret)).not.toBeNull();
        expect(await sessions.resolve(c.secret)).toBeNull();
        const actions = (await directory.people.changes(OFFICER.id)).map((e) => e.action);
        expect(actions.filter((a) => a === 'session.ended')).toHaveLength(1);
      });

      it('keeps a password hash, and a sign-in code works once, before it expires', async () => {
        const { credentials } = directory;
        expect(await credentials.passwordHashOf(OFFICER.id)).toBeNull();
        await credentials.setPasswordHash(OFFICER.id, 'scrypt$hash', 'ADMIN');
        expect(await credentials.passwordHashOf(OFFICER.id)).toBe('scrypt$hash');
        const first = await credentials.createSignInCode(OFFICER.id, 'ADMIN');
        const second = await credentials.createSignInCode(OFFICER.id, 'ADMIN', 60_000);
        expect(await credentials.consumeSignInCode(first.signInCode)).toBeNull();
        expect(await credentials.consumeSignInCode(second.signInCode.toLowerCase())).toBe(OFFICER.id);
        expect(await credentials.consumeSignInCode(second.signInCode)).toBeNull();
        const late = await credentials.createSignInCode(OFFICER.id, 'ADMIN', 60_000);
        time.advance(60_000);
        expect(await credentials.consumeSignInCode(late.signInCode)).toBeNull();
      });
    });

    describe('release codes', () => {
      it('a code is valid at its place, binds to the first courier, and expires', async () => {
        const { releaseCodes } = directory;
        const issued = await releaseCodes.issue('kec-babelan', OFFICER.id);
        expect(issued.code).toMatch(/^[A-Z2-9]{6}$/);
        const check = (courierId: string, placeId = 'kec-babelan', code = issued.code) =>
          releaseCodes.check({ code, placeId, courierId });
        expect(await check('KURIR-1', 'kec-setu')).toEqual({ valid: false, reason: 'unknown' });
        expect(await check('KURIR-1')).toMatchObject({ valid: true, issuedBy: OFFICER.id });
        expect(await check('KURIR-1', 'kec-babelan', issued.code.toLowerCase())).toMatchObject({
          valid: true,
        });
        expect(await check('KURIR-2')).toEqual({ valid: false, reason: 'used-by-another-courier' });
        time.advance(10 * 60_000);
        expect(await check('KURIR-1')).toEqual({ valid: false, reason: 'expired' });
      });

      it('of two couriers using a fresh code at once, exactly one gets it', async () => {
        const { code } = await directory.releaseCodes.issue('kec-babelan', OFFICER.id);
        const answers = await Promise.all(
          ['KURIR-1', 'KURIR-2', 'KURIR-3'].map((courierId) =>
            directory.releaseCodes.check({ code, placeId: 'kec-babelan', courierId }),
          ),
        );
        expect(answers.filter((a) => a.valid)).toHaveLength(1);
      });
    });

    describe('release codes before and after a decision', () => {
      it('finds a code by its text at every place, binding nothing, the newest first', async () => {
        const { releaseCodes } = directory;
        const issued = await releaseCodes.issue('kec-babelan', OFFICER.id);
        const found = await releaseCodes.find(issued.code.toLowerCase());
        expect(found).toEqual([
          {
            id: expect.any(String),
            placeId: 'kec-babelan',
            issuedBy: OFFICER.id,
            issuedAt: '2026-12-01T08:00:00.000Z',
            expiresAt: issued.expiresAt,
            courierId: null,
          },
        ]);
        // Finding bound nothing: any courier may still be the first.
        expect(
          await releaseCodes.check({ code: issued.code, placeId: 'kec-babelan', courierId: 'KURIR-2' }),
        ).toMatchObject({ valid: true });
        expect((await releaseCodes.find(issued.code))[0].courierId).toBe('KURIR-2');
        expect(await releaseCodes.find('ZZZZZZ')).toEqual([]);
      });

      it('judges a use at its reported time: an offline handover synced after expiry binds the code', async () => {
        const { releaseCodes } = directory;
        const { code } = await releaseCodes.issue('kec-babelan', OFFICER.id);
        const use = (courierId: string, at: string) => ({ code, placeId: 'kec-babelan', courierId, at });
        time.advance(60 * 60_000);
        expect(await releaseCodes.check(use('KURIR-1', '2026-12-01T08:09:00.000Z'))).toMatchObject({
          valid: true,
          issuedBy: OFFICER.id,
        });
        // The same courier again (a replayed sync) passes; another is refused; a late use is expired.
        expect(await releaseCodes.check(use('KURIR-1', '2026-12-01T08:09:30.000Z'))).toMatchObject({
          valid: true,
        });
        expect(await releaseCodes.check(use('KURIR-2', '2026-12-01T08:09:00.000Z'))).toEqual({
          valid: false,
          reason: 'used-by-another-courier',
        });
        expect(await releaseCodes.check(use('KURIR-1', '2026-12-01T08:10:00.000Z'))).toEqual({
          valid: false,
          reason: 'expired',
        });
        expect(await releaseCodes.check(use('KURIR-1', '2026-12-01T07:54:00.000Z'))).toEqual({
          valid: false,
          reason: 'not-yet-issued',
        });
      });

      it('the same courier binding one code many times at once is answered valid every time', async () => {
        const { code } = await directory.releaseCodes.issue('kec-babelan', OFFICER.id);
        const answers = await Promise.all(
          [1, 2, 3].map(() =>
            directory.releaseCodes.check({ code, placeId: 'kec-babelan', courierId: 'KURIR-1' }),
          ),
        );
        expect(answers.every((a) => a.valid)).toBe(true);
      });
    });

    describe('drawn signatures', () => {
      const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001', 'hex');
      const hash = signatureHashOf(png);

      it('keeps an image once under its hash and gives it back byte for byte', async () => {
        const { signatureImages } = directory;
        expect(await signatureImages.get(hash)).toBeUndefined();
        await Promise.all([
          signatureImages.keep({ hash, png }, 'KURIR-1'),
          signatureImages.keep({ hash, png }, 'KURIR-2'),
        ]);
        await signatureImages.keep({ hash, png }, 'KURIR-3');
        const kept = await signatureImages.get(hash);
        expect(kept && Buffer.compare(kept, png)).toBe(0);
      });

      it('refuses an image that does not match its hash, keeping nothing', async () => {
        const other = '0'.repeat(64);
        await expect(directory.signatureImages.keep({ hash: other, png }, 'KURIR-1')).rejects.toThrow(
          /does not match/,
        );
        expect(await directory.signatureImages.get(other)).toBeUndefined();
        expect(await directory.signatureImages.get(hash)).toBeUndefined();
      });
    });

    describe('short codes', () => {
      const at = '2026-06-01T03:00:00.000Z';
      const take = async (n: number) => {
        const wanted = Array.from({ length: n }, () => ({ originUnitId: 'kec-setu', occurredAt: at }));
        await directory.shortCodes.reserve(wanted);
        return wanted.map((w) => directory.shortCodes.assign(w.originUnitId, w.occurredAt));
      };

      it('numbers registrations per prefix and year from 1', async () => {
        expect(await take(2)).toEqual(['SET-2026-00001', 'SET-2026-00002']);
        await directory.shortCodes.reserve([{ originUnitId: 'kec-babelan', occurredAt: at }]);
        expect(directory.shortCodes.assign('kec-babelan', at)).toBe('BBL-2026-00001');
      });

      it('never repeats a number under concurrent registrations', async () => {
        const codes = (await Promise.all(Array.from({ length: 20 }, () => take(5)))).flat();
        expect(new Set(codes).size).toBe(100);
      });
    });

    describe('idempotency records', () => {
      const record = { tokenId: 'tok-1', key: 'key-1', requestHash: 'h1', status: 201, body: 'sealed-1' };

      it('keeps the first answer of a key: a second save of it changes nothing', async () => {
        const { idempotency } = directory;
        expect(await idempotency.find('tok-1', 'key-1')).toBeNull();
        await idempotency.save(record);
        await idempotency.save({ ...record, requestHash: 'h2', status: 422, body: 'sealed-2' });
        expect(await idempotency.find('tok-1', 'key-1')).toEqual(record);
        expect(await idempotency.find('tok-2', 'key-1')).toBeNull();
      });

      it('of concurrent saves of one key, one is kept whole', async () => {
        const { idempotency } = directory;
        await Promise.all(
          [1, 2, 3, 4].map((n) => idempotency.save({ ...record, requestHash: `h${n}`, body: `sealed-${n}` })),
        );
        const kept = await idempotency.find('tok-1', 'key-1');
        expect(kept?.body).toBe(`sealed-${kept?.requestHash.slice(1)}`);
      });
    });

    describeImportLedgerContract(() => ({ ledger: directory.importLedger, advance: time.advance }));
    describeAttemptCounterContract(() => directory.attempts);

    it('answers a ping', async () => {
      await expect(directory.ping()).resolves.toBeUndefined();
    });
  });
}
