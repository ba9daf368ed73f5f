import { IMPORT_CLAIM_MS, type ImportLedgerStore, type ImportClaimRequest } from '../port/import-ledger.port';

export interface ImportLedgerUnderTest {
  ledger: ImportLedgerStore;
  advance: (ms: number) => void;
}

const entry = (importId: string, importedAt: string) => ({
  importId,
  importedAt,
  imported: 3,
  actorId: 'PA-001',
});
const FIRST = entry('imp-1', '2026-12-01T08:00:00.000Z');
const SECOND = entry('imp-2', '2026-12-01T09:00:00.000Z');

const asking = (holder: string, more: Partial<ImportClaimRequest> = {}): ImportClaimRequest => ({
  fingerprint: 'f',
  holder,
  request: null,
  actorId: `actor-of-${holder}`,
  allowDuplicate: false,
  ...more,
});

/**
 * What every import ledger does alike (part of the directory contract; the MongoDB adapter's also
 * runs over the fake collections of mongodb-ledger-and-attempts.spec.ts).
 */
export function describeImportLedgerContract(subject: () => ImportLedgerUnderTest): void {
  describe('daftar arsip import ledger', () => {
    it('refuses a list imported before, naming the imports oldest first, unless asked; an import counts once', async () => {
      const { ledger } = subject();
      expect(await ledger.claim(asking('a'))).toEqual({ ok: true, earlier: [] });
      await ledger.complete('f', 'a', FIRST);
      const again = await ledger.claim(asking('b'));
      expect(again).toEqual({ ok: false, reason: 'imported', earlier: [FIRST] });
      // The refusal claimed nothing: an import asked for again is not told the list is busy.
      expect(await ledger.claim(asking('c', { allowDuplicate: true }))).toEqual({
        ok: true,
        earlier: [FIRST],
      });
      await ledger.complete('f', 'c', SECOND);
      await ledger.complete('f', 'c', SECOND);
      expect(await ledger.earlier('f')).toEqual([FIRST, SECOND]);
      expect(await ledger.earlier('g')).toEqual([]);
    });

    it('of two imports of one list at once, one claims it and the other is told who imports it, recording nothing', async () => {
      const { ledger } = subject();
      const answers = await Promise.all([ledger.claim(asking('a')), ledger.claim(asking('b'))]);
      const won = answers.findIndex((answer) => answer.ok);
      expect(answers.filter((answer) => answer.ok)).toHaveLength(1);
      expect(answers[1 - won]).toMatchObject({
        ok: false,
        reason: 'importing',
        actorId: `actor-of-${'ab'[won]}`,
      });
      // The loser's release leaves the winner's claim; nothing was recorded.
      await ledger.release('f', 'ab'[1 - won]);
      expect(await ledger.claim(asking('c'))).toMatchObject({ ok: false, reason: 'importing' });
      expect(await ledger.earlier('f')).toEqual([]);
    });

    it('of two taking over a lapsed claim at once, one gets it', async () => {
      const { ledger, advance } = subject();
      await ledger.claim(asking('dead'));
      advance(IMPORT_CLAIM_MS);
      const answers = await Promise.all([ledger.claim(asking('a')), ledger.claim(asking('b'))]);
      expect(answers.filter((answer) => answer.ok)).toHaveLength(1);
      expect(answers.filter((answer) => !answer.ok)).toMatchObject([{ reason: 'importing' }]);
    });

    it('a failed import lets go of its list, which may then be sent again, with nothing recorded', async () => {
      const { ledger } = subject();
      await ledger.claim(asking('a'));
      await ledger.release('f', 'a');
      expect(await ledger.earlier('f')).toEqual([]);
      expect(await ledger.claim(asking('b'))).toEqual({ ok: true, earlier: [] });
    });

    it('a retry of the same request takes its claim over at once; another request only once it lapsed', async () => {
      const { ledger, advance } = subject();
      await ledger.claim(asking('a', { request: 'key-1' }));
      expect(await ledger.claim(asking('b', { request: 'key-1' }))).toEqual({ ok: true, earlier: [] });
      expect(await ledger.claim(asking('c', { request: 'key-2' }))).toMatchObject({ reason: 'importing' });
      expect(await ledger.claim(asking('d'))).toMatchObject({ reason: 'importing', actorId: 'actor-of-b' });
      advance(IMPORT_CLAIM_MS - 1);
      expect(await ledger.claim(asking('d'))).toMatchObject({ reason: 'importing' });
      advance(1);
      expect(await ledger.claim(asking('d'))).toEqual({ ok: true, earlier: [] });
      // The first holder, finishing late, still records its import, and the claim stays d's.
      await ledger.complete('f', 'a', FIRST);
      expect(await ledger.earlier('f')).toEqual([FIRST]);
      expect(await ledger.claim(asking('e', { allowDuplicate: true }))).toMatchObject({
        reason: 'importing',
      });
    });
  });
}
