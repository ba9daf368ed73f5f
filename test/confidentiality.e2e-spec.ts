import { castOf, type Cast } from './support/actors';
import { pdfText } from './support/pdf-text';
import { aFile, aLetter, ADMIN_TOKEN, bearer, startTestApp, type TestApp } from './support/test-app';
import { SIGNED } from './support/acknowledgements';

jest.setTimeout(90_000);

/**
 * domain.md "Confidentiality of terbatas items" and "People and places" (short codes), over HTTP:
 * a terbatas file of Kecamatan Cikarang Utara on its way to the depot, read by everyone of the cast.
 */
const ORIGIN = 'kec-cikarang-utara';
const DEPOT = 'depo-arsip-bekasi';
const SECRET_TITLE = 'Sengketa lahan Karangasih tertutup';
const SECRET_NOTES = 'Berkas perkara, jangan difotokopi';
const LETTER_TITLE = 'Surat sengketa pegawai tertutup';
const LETTER_NUMBER = '005/777/KEC-CU/2026';
const WITHHELD = '(terbatas: uraian tidak ditampilkan)';
const CODE = /^CKU-\d{4}-\d{5}$/;
type Body = Record<string, unknown>;

describe('confidentiality of terbatas items and short item codes, over HTTP', () => {
  let t: TestApp;
  let cast: Cast;
  let borrowerOfficer: string;
  let position = '0';
  let secret: string;
  let plain: string;
  let letter: string;
  let transferId: string;

  const send = async (path: string, token: string, body: Body, status = 201) => {
    const response = await t
      .http()
      .post(path)
      .set(...bearer(token))
      .send(body);
    expect({
      path,
      status: response.status,
      body: response.status === status ? 'ok' : response.body,
    }).toEqual({
      path,
      status,
      body: 'ok',
    });
    if (response.body.position) position = response.body.position;
    return response.body as Body;
  };
  const get = (path: string, token: string, query: Body = {}) =>
    t
      .http()
      .get(path)
      .query({ minPosition: position, ...query })
      .set(...bearer(token));
  const getPdf = async (path: string, token: string, query: Body = {}): Promise<string> => {
    const response = await get(path, token, query)
      .buffer(true)
      .parse((res, callback) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => callback(null, Buffer.concat(chunks)));
      });
    expect(response.status).toBe(200);
    return pdfText(response.body as Buffer);
  };
  const search = async (token: string, q: string): Promise<Body[]> =>
    (await get('/api/items', token, { q }).expect(200)).body.items;
  const ids = (items: Body[]) => items.map((item) => item.itemId);

  /** Everyone but those the rule names. */
  const outsiders = (): [string, string][] => [
    ['an officer of another unit', cast.otherOfficer],
    ['a courier not holding it', cast.courierB],
    ['staff of another depot', cast.otherDepot],
  ];

  beforeAll(async () => {
    t = await startTestApp();
    cast = await castOf(t, ADMIN_TOKEN);
    borrowerOfficer = (await t.token('officer', 'setda')).token;
    secret = (
      await send(
        '/api/items',
        cast.officer,
        aFile({ title: SECRET_TITLE, notes: SECRET_NOTES, securityClass: 'terbatas' }),
      )
    ).itemId as string;
    plain = (await send('/api/items', cast.officer, aFile({ title: 'Sengketa lahan Karangasih terbuka' })))
      .itemId as string;
    letter = (
      await send(
        '/api/items',
        cast.officer,
        aLetter({ title: LETTER_TITLE, letterNumber: LETTER_NUMBER, securityClass: 'terbatas' }),
      )
    ).itemId as string;
    transferId = (
      await send('/api/transfers', cast.officer, {
        baNumber: 'BA-201/ARS/2026',
        fromId: ORIGIN,
        toId: DEPOT,
        itemIds: [secret, plain],
      })
    ).transferId as string;
    await send(`/api/transfers/${transferId}/events`, cast.courierA, {
      type: 'collected',
      acknowledgement: SIGNED,
    });
    await send(`/api/transfers/${transferId}/events`, cast.courierA, { type: 'dispatched' });
  });
  afterAll(() => t.close());

  describe('while the file is on its way to the depot', () => {
    it('where-is: withheld from outsiders, with restricted: true and its short code', async () => {
      for (const [who, token] of outsiders()) {
        const { body } = await get(`/api/items/${secret}`, token).expect(200);
        expect({ who, restricted: body.restricted }).toEqual({ who, restricted: true });
        expect(body).not.toHaveProperty('title');
        expect(body).not.toHaveProperty('notes');
        expect(body.shortCode).toMatch(CODE);
        expect(body).toMatchObject({ itemId: secret, status: 'in_transit', securityClass: 'terbatas' });
      }
    });

    it('where-is: shown to the origin officer, the courier holding it, the receiving depot, auditor, admin', async () => {
      for (const token of [cast.officer, cast.courierA, cast.depot, cast.auditor, cast.admin]) {
        const { body } = await get(`/api/items/${secret}`, token).expect(200);
        expect(body).toMatchObject({ title: SECRET_TITLE, notes: SECRET_NOTES });
        expect(body).not.toHaveProperty('restricted');
      }
    });

    it('history: the registration’s title and notes are taken out for outsiders, kept for the origin', async () => {
      const theirs = (await get(`/api/items/${secret}/history`, cast.otherOfficer).expect(200)).body;
      expect(JSON.stringify(theirs)).not.toContain('Karangasih');
      expect(JSON.stringify(theirs)).not.toContain('fotokopi');
      expect(theirs.events[0]).toMatchObject({ type: 'registered', restricted: true });
      expect(theirs.events[0].data.shortCode).toMatch(CODE);
      const own = (await get(`/api/items/${secret}/history`, cast.officer).expect(200)).body;
      expect(own.events[0].data).toMatchObject({ title: SECRET_TITLE, notes: SECRET_NOTES });
      expect(own.events[0]).not.toHaveProperty('restricted');
    });

    it('search: q on the title finds it for those who may read it, and nothing of it for the others', async () => {
      for (const [who, token] of outsiders()) {
        expect({ who, found: ids(await search(token, 'karangasih')) }).toEqual({ who, found: [plain] });
        expect({ who, found: ids(await search(token, 'tertutup')) }).toEqual({ who, found: [] });
      }
      for (const token of [cast.officer, cast.courierA, cast.depot, cast.auditor]) {
        expect(ids(await search(token, 'karangasih'))).toEqual([secret, plain]);
      }
    });

    it('search: the short code finds the item for anyone (case ignored), withheld where it must be', async () => {
      const code = (await get(`/api/items/${secret}`, cast.auditor).expect(200)).body.shortCode as string;
      const found = await search(cast.otherOfficer, code.toLowerCase());
      expect(ids(found)).toEqual([secret]);
      expect(found[0]).toMatchObject({ restricted: true, shortCode: code });
      expect(found[0]).not.toHaveProperty('title');
      expect(ids(await search(cast.officer, code.slice(0, 9)))).toEqual(
        expect.arrayContaining([secret, plain, letter]),
      );
    });

    it('search: the letter number finds a terbatas letter for its origin and addressee only', async () => {
      expect(ids(await search(cast.officer, LETTER_NUMBER))).toEqual([letter]);
      expect(ids(await search(cast.addresseeOfficer, LETTER_NUMBER))).toEqual([letter]);
      expect(ids(await search(cast.otherOfficer, LETTER_NUMBER))).toEqual([]);
    });

    it('a list without q names the item, withheld', async () => {
      const listed = (await get('/api/items', cast.otherOfficer, { originUnitId: ORIGIN }).expect(200)).body
        .items as Body[];
      const line = listed.find((item) => item.itemId === secret);
      expect(line).toMatchObject({ restricted: true });
      expect(JSON.stringify(listed)).not.toContain(SECRET_TITLE);
    });

    it('inventory: a terbatas letter at its origin is withheld from another unit, shown to its addressee', async () => {
      const theirs = (await get(`/api/locations/${ORIGIN}/inventory`, cast.otherOfficer).expect(200)).body;
      expect(theirs.items.find((item: Body) => item.itemId === letter)).toMatchObject({ restricted: true });
      expect(JSON.stringify(theirs)).not.toContain(LETTER_TITLE);
      expect(JSON.stringify(theirs)).not.toContain(LETTER_NUMBER);
      const addressee = (await get(`/api/locations/${ORIGIN}/inventory`, cast.addresseeOfficer).expect(200))
        .body;
      expect(addressee.items.find((item: Body) => item.itemId === letter)).toMatchObject({
        title: LETTER_TITLE,
        letterNumber: LETTER_NUMBER,
      });
    });

    it('watch list: the item in transit is withheld from outsiders, shown to its courier', async () => {
      const theirs = (
        await get('/api/watch/in-transit', cast.otherOfficer, { olderThanHours: 0 }).expect(200)
      ).body;
      expect(theirs.items.find((item: Body) => item.itemId === secret)).toMatchObject({ restricted: true });
      expect(JSON.stringify(theirs)).not.toContain(SECRET_TITLE);
      const courier = (await get('/api/watch/in-transit', cast.courierA, { olderThanHours: 0 }).expect(200))
        .body;
      expect(courier.items.find((item: Body) => item.itemId === secret)).toMatchObject({
        title: SECRET_TITLE,
      });
    });

    it('transfer: the manifest line is withheld from outsiders, shown to the receiving depot', async () => {
      const theirs = (await get(`/api/transfers/${transferId}`, cast.otherOfficer).expect(200)).body;
      expect(theirs.items.find((line: Body) => line.itemId === secret)).toMatchObject({
        title: null,
        restricted: true,
      });
      expect(theirs.items.find((line: Body) => line.itemId === plain).title).toBe(
        'Sengketa lahan Karangasih terbuka',
      );
      expect(JSON.stringify(theirs)).not.toContain(SECRET_TITLE);
      const depot = (await get(`/api/transfers/${transferId}`, cast.depot).expect(200)).body;
      expect(depot.items.find((line: Body) => line.itemId === secret)).toMatchObject({ title: SECRET_TITLE });
    });

    it('berita acara and labels: withheld from an officer of another unit, printed for the origin', async () => {
      const theirs = await getPdf(`/api/transfers/${transferId}/report.pdf`, cast.otherOfficer);
      expect(theirs).not.toContain('tertutup');
      expect(theirs).toContain(WITHHELD);
      expect(await getPdf(`/api/transfers/${transferId}/report.pdf`, cast.officer)).toContain(SECRET_TITLE);
      const code = (await get(`/api/items/${secret}`, cast.auditor).expect(200)).body.shortCode as string;
      const label = await getPdf('/api/labels.pdf', cast.otherOfficer, { itemIds: secret });
      expect(label).not.toContain('tertutup');
      expect(label).toContain('(terbatas)');
      expect(label).toContain(code);
      expect(await getPdf('/api/labels.pdf', cast.officer, { itemIds: secret })).toContain('Sengketa lahan');
    });
  });

  describe('once deposited and lent', () => {
    beforeAll(async () => {
      await send(`/api/transfers/${transferId}/events`, cast.courierA, { type: 'arrived' });
      await send(`/api/transfers/${transferId}/intake`, cast.depot, {
        results: [secret, plain].map((itemId) => ({ itemId, outcome: 'received', storage: { room: 'R1' } })),
      });
    });

    it('inventory of the depot: withheld from another depot and another unit, shown to the depot', async () => {
      for (const token of [cast.otherDepot, cast.otherOfficer]) {
        const { body } = await get(`/api/locations/${DEPOT}/inventory`, token).expect(200);
        expect(body.items.find((item: Body) => item.itemId === secret)).toMatchObject({ restricted: true });
        expect(JSON.stringify(body)).not.toContain(SECRET_TITLE);
      }
      const { body } = await get(`/api/locations/${DEPOT}/inventory`, cast.depot).expect(200);
      expect(body.items.find((item: Body) => item.itemId === secret)).toMatchObject({ title: SECRET_TITLE });
    });

    it('the disposal list (retention ended): withheld from another depot, printed for the holding depot', async () => {
      const theirs = await getPdf('/api/reports/disposal-list.pdf', cast.otherDepot);
      expect(theirs).not.toContain('tertutup');
      expect(theirs).not.toContain('fotokopi');
      expect(theirs).toContain('Sengketa lahan Karangasih terbuka');
      expect(await getPdf('/api/reports/disposal-list.pdf', cast.depot)).toContain(SECRET_TITLE);
    });

    it('the loan: the borrowing unit holds it and reads it; the berita acara peminjaman withholds it from others', async () => {
      await send(`/api/items/${secret}/events`, cast.depot, {
        type: 'lent',
        borrowerUnitId: 'setda',
        borrowerName: 'Ibu Sari (Bagian Hukum)',
        dueAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      });
      expect((await get(`/api/items/${secret}`, borrowerOfficer).expect(200)).body.title).toBe(SECRET_TITLE);
      const theirs = await getPdf(`/api/items/${secret}/loan.pdf`, cast.otherOfficer);
      expect(theirs).not.toContain('tertutup');
      expect(theirs).toContain(WITHHELD);
      expect(await getPdf(`/api/items/${secret}/loan.pdf`, cast.depot)).toContain(SECRET_TITLE);
    });

    it('the audit replay shows everything to the auditor', async () => {
      const { body } = await t
        .http()
        .get(`/api/audit/items/${secret}/replay`)
        .set(...bearer(cast.auditor))
        .expect(200);
      expect(JSON.stringify(body)).toContain(SECRET_TITLE);
    });
  });

  describe('short codes', () => {
    it('are unique across many registrations at once, in the registered event, shown in the view', async () => {
      const responses = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          t
            .http()
            .post('/api/items')
            .set(...bearer(cast.officer))
            .send(aFile({ title: `Berkas serentak ${i}` })),
        ),
      );
      expect(responses.map((r) => r.status)).toEqual(responses.map(() => 201));
      for (const r of responses) if (BigInt(r.body.position) > BigInt(position)) position = r.body.position;
      const codes = await Promise.all(
        responses.map(
          async (r) =>
            (await get(`/api/items/${r.body.itemId}`, cast.otherOfficer).expect(200)).body.shortCode,
        ),
      );
      for (const code of codes) expect(code).toMatch(CODE);
      expect(new Set(codes).size).toBe(40);
      const otherUnit = (await send('/api/items', cast.otherOfficer, aFile({ originUnitId: 'kec-babelan' })))
        .itemId as string;
      expect((await get(`/api/items/${otherUnit}`, cast.officer).expect(200)).body.shortCode).toMatch(
        /^BBL-\d{4}-00001$/,
      );
    });

    it('a daftar arsip import gives every row its own code, after those given already', async () => {
      const csv = [
        'No;Kode Klasifikasi;Uraian Informasi;Kurun Waktu;Klasifikasi Keamanan',
        '1;900.1.3;Buku kas impor 2016;2016;biasa',
        '2;900.1.3;Buku kas impor 2017;2017;terbatas',
      ].join('\n');
      const response = await t
        .http()
        .post('/api/imports/daftar-arsip')
        .set(...bearer(cast.officer))
        .set('Content-Type', 'text/csv; charset=utf-8')
        .send(csv);
      expect(response.status).toBe(201);
      position = response.body.position;
      const codes: string[] = [];
      for (const itemId of response.body.itemIds as string[]) {
        codes.push((await get(`/api/items/${itemId}`, cast.auditor).expect(200)).body.shortCode);
      }
      const sequence = (code: string) => Number(code.split('-')[2]);
      expect(codes.map(sequence)).toEqual([44, 45]);
      expect(ids(await search(cast.otherOfficer, codes[1]))).toEqual([response.body.itemIds[1]]);
    });
  });
});
