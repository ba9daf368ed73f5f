import { ImportLedgerStore } from '@jejak/directory';
import { listFingerprint, readDaftarArsipFile } from '@jejak/daftar-arsip';
import { expectNothingRecorded, headPosition } from './support/store-probe';
import { bearer, startTestApp, type TestApp } from './support/test-app';

/*
 * The daftar arsip import ledger over HTTP: which list was imported is claimed before the import,
 * so a list sent again is refused, a list sent twice at once is imported once, and a refused import
 * leaves its list free to be sent again. (Across replicas the same holds through the directory's
 * MongoDB ledger; the directory contract checks that store.)
 */
describe('the daftar arsip import ledger (POST /api/imports/daftar-arsip)', () => {
  let t: TestApp;
  let officer: string;
  let auditor: string;

  beforeAll(async () => {
    t = await startTestApp();
    officer = (await t.token('officer', 'kec-cikarang-utara')).token;
    auditor = (await t.token('auditor')).token;
  });
  afterAll(() => t.close());

  /** Two rows, or `rows` (a list long enough that the other request arrives while it imports). */
  const listOf = (title: string, rows = 2) =>
    Buffer.from(
      'Kode Klasifikasi;Uraian Informasi;Klasifikasi Keamanan\n' +
        Array.from({ length: rows }, (_, i) => `900.1.3;${title} ${i + 1};biasa\n`).join(''),
    );

  const post = (csv: Buffer, query: Record<string, string> = {}) =>
    t
      .http()
      .post('/api/imports/daftar-arsip')
      .query(query)
      .set(...bearer(officer))
      .set('Content-Type', 'text/csv')
      .send(csv);

  /** Items of the unit whose title starts with `title`, as the read model lists them. */
  const itemsTitled = async (title: string, minPosition: string): Promise<string[]> => {
    const all = await t
      .http()
      .get('/api/items')
      .query({ minPosition, originUnitId: 'kec-cikarang-utara', limit: 500 })
      .set(...bearer(auditor))
      .expect(200);
    return (all.body.items as { itemId: string; title: string }[])
      .filter((item) => item.title.startsWith(title))
      .map((item) => item.itemId)
      .sort();
  };

  it('of the same list sent twice at once, one import records it; the other is refused (409) and records nothing', async () => {
    const title = 'Register surat keluar 2012';
    const csv = listOf(title, 50);
    const answers = await Promise.all([post(csv), post(csv)]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    const [won, refused] = answers[0].status === 201 ? answers : [answers[1], answers[0]];
    // Refused while the other imports it, or once it has: either way nothing of it is recorded.
    expect(['concurrency-conflict', 'already-exists']).toContain(refused.body.code);
    expect(refused.body.detail).toContain('tidak ada yang dicatat');
    expect(await itemsTitled(title, won.body.position)).toEqual([...won.body.itemIds].sort());

    await expectNothingRecorded(t, async () => {
      const again = await post(csv).expect(409);
      expect(again.body).toMatchObject({
        code: 'already-exists',
        earlierImport: { importId: won.body.importId, imported: 50 },
        earlierImports: 1,
      });
    });
  });

  it('an import refused as a whole lets go of its list: sent again, it is imported', async () => {
    const title = 'Buku agenda 2013';
    const csv = listOf(title);
    await expectNothingRecorded(t, async () => {
      const refused = await post(csv, {
        transferBaNumber: 'BA-040/ARS/2026',
        transferToId: 'depo-tidak-ada',
      }).expect(400);
      expect(refused.body.errors).toEqual([
        { field: 'transferToId', message: "lokasi tidak dikenal 'depo-tidak-ada'" },
      ]);
    });
    const imported = await post(csv).expect(201);
    expect(imported.body.imported).toBe(2);
    expect(await itemsTitled(title, imported.body.position)).toEqual([...imported.body.itemIds].sort());
    const head = await headPosition(t);
    expect((await post(csv)).body.code).toBe('already-exists');
    expect(await headPosition(t)).toBe(head);
  });

  it('refuses a list another replica is importing (409 concurrency-conflict, naming since when and by whom), recording nothing; once it lets go, the list imports', async () => {
    const title = 'Surat keputusan 2014';
    const csv = listOf(title);
    // Another replica's import of the same list, as it holds the shared ledger's claim.
    const read = await readDaftarArsipFile(csv, { contentType: 'text/csv' });
    if ('error' in read) throw new Error('the list must read');
    const fingerprint = listFingerprint(read.table, 'kec-cikarang-utara');
    const ledger = t.app.get(ImportLedgerStore);
    const claim = {
      fingerprint,
      holder: 'other-replica',
      request: null,
      actorId: 'PA-009',
      allowDuplicate: false,
    };
    expect(await ledger.claim(claim)).toMatchObject({ ok: true });

    await expectNothingRecorded(t, async () => {
      const busy = await post(csv).expect(409);
      expect(busy.body).toMatchObject({
        code: 'concurrency-conflict',
        importingSince: expect.any(String),
        importingBy: 'PA-009',
      });
      expect(busy.body.detail).toContain('sedang diimpor sejak');
      expect(busy.body.detail).toContain('tidak ada yang dicatat');
      // Asking to import it again does not get past an import under way either.
      expect((await post(csv, { allowDuplicate: 'true' })).status).toBe(409);
    });

    await ledger.release(fingerprint, 'other-replica');
    const imported = await post(csv).expect(201);
    expect(await itemsTitled(title, imported.body.position)).toEqual([...imported.body.itemIds].sort());
  });
});
