import { openNote, parseCheckpoint, parseVkey } from '@jejak/verifiable-log';
import { castOf, type Cast } from './support/actors';
import { pdfPages } from './support/pdf-text';
import { decodeQrCodes, renderPages } from './support/qr-decode';
import { expectNothingRecorded } from './support/store-probe';
import { aFile, aLetter, ADMIN_TOKEN, bearer, startTestApp, type TestApp } from './support/test-app';
import { releasedByCode, SIGNED } from './support/acknowledgements';

jest.setTimeout(60_000);

const ORIGIN = 'kec-cikarang-utara';
const DEPOT = 'depo-arsip-bekasi';
const BASE_URL = 'https://jejak.bekasikab.go.id';
const OFFICER_NIP = '198001012005012001';
const STORAGE = { room: 'R2', shelf: 'R2-07', box: 'B-0113' };
type Body = Record<string, unknown>;

const textOf = async (pdf: Buffer) => {
  const pages = await pdfPages(pdf);
  return { pages, text: pages.join(' ').replace(/\s+/g, ' ') };
};

describe('printed documents over HTTP', () => {
  let t: TestApp;
  let cast: Cast;
  let signingOfficer: string;
  let position = '0';

  beforeAll(async () => {
    t = await startTestApp({
      JEJAK_PUBLIC_BASE_URL: `${BASE_URL}/`,
      JEJAK_DOC_AGENCY: 'Dinas Perpustakaan dan Kearsipan Kabupaten Bekasi',
      JEJAK_DOC_ADDRESS: 'Jl. Teuku Umar No. 1, Cikarang Pusat',
      JEJAK_DOC_PLACE: 'Cikarang Pusat',
    });
    cast = await castOf(t, ADMIN_TOKEN);
    // The officer who releases the consignment: a name no Latin-1 font can print, with a NIP.
    const token = await t
      .http()
      .post('/api/tokens')
      .set(...bearer(ADMIN_TOKEN))
      .send({ name: 'Hanako Yamada 日本', role: 'officer', unitId: ORIGIN, principalId: OFFICER_NIP })
      .expect(201);
    signingOfficer = token.body.token;
    // The people directory gives the jabatan printed under the signature.
    await t
      .http()
      .patch(`/api/people/${OFFICER_NIP}`)
      .set(...bearer(ADMIN_TOKEN))
      .send({ jabatan: 'Arsiparis Ahli Muda' })
      .expect(200);
    for (const [principalId, name] of [
      ['KURIR-A', 'Budi Santoso'],
      ['KURIR-B', 'Andi Wijaya'],
    ]) {
      await t
        .http()
        .patch(`/api/people/${principalId}`)
        .set(...bearer(ADMIN_TOKEN))
        .send({ name })
        .expect(200);
    }
  });
  afterAll(() => t.close());

  const send = async (path: string, token: string, body: Body) => {
    const response = await t
      .http()
      .post(path)
      .set(...bearer(token))
      .send(body);
    if (response.status === 201) position = response.body.position;
    return response;
  };
  const register = async (token: string, body: Body): Promise<string> => {
    const response = await send('/api/items', token, body);
    expect(response.status).toBe(201);
    return response.body.itemId;
  };
  const event = async (itemId: string, who: keyof Cast, body: Body) =>
    expect((await send(`/api/items/${itemId}/events`, cast[who], body)).status).toBe(201);
  const getPdf = (path: string, token: string, query: Body = {}) =>
    t
      .http()
      .get(path)
      .query({ minPosition: position, ...query })
      .set(...bearer(token))
      .buffer(true)
      .parse((response, callback) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => callback(null, Buffer.concat(chunks)));
      });

  describe('the berita acara serah terima of a transfer', () => {
    let transferId: string;
    let ids: string[];
    let draft: string;
    let final: string;

    beforeAll(async () => {
      ids = [
        await register(
          signingOfficer,
          aFile({ title: 'Register surat – Kedutaan 日本, Café', quantity: { count: 2, unit: 'boks' } }),
        ),
        await register(
          signingOfficer,
          aFile({ title: 'Buku kas umum 2019', notes: 'Map biru, sampul lepas' }),
        ),
        await register(
          signingOfficer,
          aFile({ title: 'Berkas rahasia dagang desa', securityClass: 'terbatas' }),
        ),
      ];
      const created = await send('/api/transfers', signingOfficer, {
        baNumber: 'BA-077/ARS/2026',
        fromId: ORIGIN,
        toId: DEPOT,
        itemIds: ids,
      });
      expect(created.status).toBe(201);
      transferId = created.body.transferId;
      // Released by the officer who drew it up: the kode serah their screen showed.
      const acknowledgement = await releasedByCode(t.http, signingOfficer, ORIGIN);
      for (const [who, body] of [
        ['courierA', { type: 'collected', acknowledgement }],
        ['courierA', { type: 'dispatched' }],
        ['courierA', { type: 'handover_offered', toCustodianId: 'KURIR-B' }],
        ['courierB', { type: 'handover_accepted' }],
        ['courierB', { type: 'arrived' }],
      ] as [keyof Cast, Body][]) {
        expect((await send(`/api/transfers/${transferId}/events`, cast[who], body)).status).toBe(201);
      }
      draft = (
        await textOf((await getPdf(`/api/transfers/${transferId}/report.pdf`, cast.officer).expect(200)).body)
      ).text;
      const intake = await send(`/api/transfers/${transferId}/intake`, cast.depot, {
        results: ids.map((itemId) => ({ itemId, outcome: 'received', storage: STORAGE })),
      });
      expect(intake.status).toBe(201);
      final = (
        await textOf((await getPdf(`/api/transfers/${transferId}/report.pdf`, cast.officer).expect(200)).body)
      ).text;
    });

    it("names the origin unit's officer as PIHAK PERTAMA, with NIP, in the draft and the final report alike", () => {
      for (const text of [draft, final]) {
        expect(text).toMatch(
          /1\. Nama : Hanako Yamada 日本 NIP : 198001012005012001 Jabatan : Arsiparis Ahli Muda/,
        );
        expect(text).toContain('selanjutnya disebut PIHAK PERTAMA');
        expect(text).not.toMatch(/Nama : Budi Santoso/);
      }
      expect(draft).toContain('Status: Tiba, menunggu pemeriksaan (draf)');
      expect(final).not.toContain('(draf)');
      expect(final).toMatch(/2\. Nama : depot \d+ NIP : - Jabatan : Petugas Depo Arsip/);
    });

    it('prints the letterhead, the day and date in words, the place, Mengetahui, the log checkpoint and the page numbers', () => {
      expect(final).toContain('DINAS PERPUSTAKAAN DAN KEARSIPAN KABUPATEN BEKASI');
      expect(final).toContain('Jl. Teuku Umar No. 1, Cikarang Pusat');
      expect(final).toMatch(
        /Pada hari (Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu) tanggal [a-z ]+ bulan [A-Z][a-z]+ tahun dua ribu [a-z ]+ \(/,
      );
      expect(final).toContain('bertempat di Depo Arsip');
      expect(final).toContain('Mengetahui,');
      // The verifiable log's checkpoint current at printing, on every page.
      expect(final).toMatch(
        /Checkpoint log terverifikasi: jejak\.bekasikab\.go\.id\/log, ukuran \d+, akar [A-Za-z0-9+/]+=*/,
      );
      expect(final).toMatch(/Halaman 1 dari (\d+) .*Halaman \1 dari \1/);
    });

    it('lists every handover with its acknowledgement method and who gave it', () => {
      expect(final).toMatch(
        /1\. [^;]+: dari Kecamatan Cikarang Utara kepada kurir Budi Santoso \(KURIR-A\); pengakuan: kode serah yang ditunjukkan Hanako Yamada 日本 \(198001012005012001\)\./,
      );
      expect(final).toMatch(
        /2\. [^;]+: dari kurir Budi Santoso \(KURIR-A\) kepada kurir Andi Wijaya \(KURIR-B\); akun: diterima oleh Andi Wijaya/,
      );
      expect(final).toMatch(
        /3\. [^;]+: dari kurir Andi Wijaya \(KURIR-B\) kepada Depo Arsip[^;]*; akun: diperiksa oleh depot/,
      );
    });

    it('prints "日本", "–" and "é" as written, keeps the Keterangan and invents no jumlah', () => {
      expect(final).toContain('Register surat – Kedutaan 日本, Café');
      expect(final).toContain('Map biru, sampul lepas');
      expect(final).not.toContain('1 berkas');
      expect(final).toContain('3 arsip (2 boks, 2 arsip tanpa keterangan jumlah)');
    });

    it('withholds the terbatas title from an officer of another unit, and shows it to its own unit', async () => {
      expect(final).toContain('Berkas rahasia dagang desa');
      const other = (
        await textOf(
          (await getPdf(`/api/transfers/${transferId}/report.pdf`, cast.otherOfficer).expect(200)).body,
        )
      ).text;
      expect(other).not.toContain('Berkas rahasia dagang desa');
      expect(other).toContain('(terbatas: uraian tidak ditampilkan)');
    });

    it('renders to an image (pdftoppm) page by page, in the embedded fonts only', async () => {
      const pdf = (await getPdf(`/api/transfers/${transferId}/report.pdf`, cast.officer).expect(200))
        .body as Buffer;
      const images = renderPages(pdf, 40);
      expect(images.length).toBe((await pdfPages(pdf)).length);
      for (const png of images) expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      // Only the embedded Unicode fonts: no standard (WinAnsi-only) font anywhere.
      expect(pdf.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSans-Regular/);
      expect(pdf.toString('latin1')).not.toMatch(/Helvetica|Times-Roman|Courier/);
    });

    it('carries the checkpoint as a QR code of the signed note, which verifies under the key it prints, on the BA and the loan alike', async () => {
      const { vkey } = (
        await t
          .http()
          .get('/api/log/key')
          .set(...bearer(cast.auditor))
          .expect(200)
      ).body as {
        vkey: string;
      };
      const ba = (await getPdf(`/api/transfers/${transferId}/report.pdf`, cast.officer).expect(200))
        .body as Buffer;
      const [note] = (await decodeQrCodes(ba)).flat();
      const opened = openNote(note, [parseVkey(vkey)]);
      expect(opened.verified).toHaveLength(1);
      const { text } = await textOf(ba);
      expect(text).toContain(`Kunci verifikasi: ${vkey}`);
      const size = parseCheckpoint(opened.text).size;
      expect(text).toContain(`ukuran ${size}, akar`);
      await event(ids[1], 'depot', {
        type: 'lent',
        borrowerUnitId: 'kec-babelan',
        borrowerName: 'Pak Joko',
        dueAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      });
      const loan = (await getPdf(`/api/items/${ids[1]}/loan.pdf`, cast.auditor).expect(200)).body as Buffer;
      const [loanNote] = (await decodeQrCodes(loan)).flat();
      expect(openNote(loanNote, [parseVkey(vkey)]).verified).toHaveLength(1);
      expect((await textOf(loan)).text).toMatch(
        /Checkpoint log terverifikasi: jejak\.bekasikab\.go\.id\/log, ukuran \d+/,
      );
      await event(ids[1], 'depot', { type: 'returned' });
    });

    describe('labels', () => {
      it('prints a sheet whose QR codes decode to the items’ absolute URLs, with code, title, unit, year, klasifikasi', async () => {
        const response = await getPdf('/api/labels.pdf', cast.officer, {
          itemIds: ids.join(','),
          startAt: 2,
        }).expect(200);
        expect(response.headers['content-type']).toMatch(/^application\/pdf/);
        const pdf = response.body as Buffer;
        expect((await decodeQrCodes(pdf)).flat().sort()).toEqual(
          ids.map((id) => `${BASE_URL}/i/${id}`).sort(),
        );
        const { text } = await textOf(pdf);
        // Each label leads with the item's short code (domain.md "People and places").
        for (const id of ids) {
          const { shortCode } = (
            await t
              .http()
              .get(`/api/items/${id}`)
              .query({ minPosition: position })
              .set(...bearer(cast.officer))
              .expect(200)
          ).body;
          expect(shortCode).toMatch(/^CKU-\d{4}-\d{5}$/);
          expect(text).toContain(shortCode);
        }
        expect(text).toContain('Register surat – Kedutaan 日本');
        expect(text).toContain('Kecamatan Cikarang Utara');
        expect(text).toContain('900.1.3 · 2019');
      });

      it('withholds a terbatas title from a reader who may not see it', async () => {
        const pdf = (await getPdf('/api/labels.pdf', cast.otherOfficer, { itemIds: ids[2] }).expect(200))
          .body;
        const { text } = await textOf(pdf);
        expect(text).not.toContain('rahasia dagang');
        expect(text).toContain('(terbatas)');
      });

      it('refuses a courier, an unknown item, a bad layout and a start past the sheet, recording nothing', async () => {
        await expectNothingRecorded(t, async () => {
          await getPdf('/api/labels.pdf', cast.courierA, { itemIds: ids[0] }).expect(403);
          const unknown = await getPdf('/api/labels.pdf', cast.officer, {
            itemIds: `${ids[0]},TIDAK-ADA-1`,
          }).expect(404);
          expect(unknown.headers['content-type']).toMatch(/problem\+json/);
          await getPdf('/api/labels.pdf', cast.officer, { itemIds: ids[0], preset: '9x9' }).expect(400);
          await getPdf('/api/labels.pdf', cast.officer, { itemIds: ids[0], startAt: 25 }).expect(400);
          await getPdf('/api/labels.pdf', cast.officer, {
            itemIds: ids[0],
            preset: 'custom',
            columns: 3,
          }).expect(400);
          await getPdf('/api/labels.pdf', cast.officer, {}).expect(400);
          await t.http().get('/api/labels.pdf').query({ itemIds: ids[0] }).expect(401);
        });
      });

      it('takes a custom layout', async () => {
        const pdf = (
          await getPdf('/api/labels.pdf', cast.depot, {
            itemIds: ids.join(','),
            preset: 'custom',
            columns: 2,
            rows: 5,
            widthMm: 90,
            heightMm: 50,
            topMm: 10,
            leftMm: 10,
          }).expect(200)
        ).body;
        expect((await decodeQrCodes(pdf)).flat()).toHaveLength(3);
      });
    });

    describe('the berita acara peminjaman and pengembalian', () => {
      it('prints the loan, and once returned the pengembalian too', async () => {
        await getPdf(`/api/items/${ids[0]}/loan.pdf`, cast.depot).expect(404);
        await event(ids[0], 'depot', {
          type: 'lent',
          borrowerUnitId: 'kec-babelan',
          borrowerName: 'Ibu Sari (Kasi Pemerintahan)',
          dueAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
        });
        const lent = (
          await textOf((await getPdf(`/api/items/${ids[0]}/loan.pdf`, cast.auditor).expect(200)).body)
        ).text;
        expect(lent).toContain('BERITA ACARA PEMINJAMAN ARSIP');
        expect(lent).toContain('Ibu Sari (Kasi Pemerintahan)');
        expect(lent).toContain('Kecamatan Babelan');
        expect(lent).toContain('selanjutnya disebut PIHAK PERTAMA (yang meminjamkan)');
        expect(lent).toContain('Register surat – Kedutaan 日本, Café');
        expect(lent).toContain('R2 / R2-07 / B-0113');
        expect(lent).not.toContain('PENGEMBALIAN');
        await event(ids[0], 'depot', { type: 'returned' });
        const back = (
          await textOf((await getPdf(`/api/items/${ids[0]}/loan.pdf`, cast.auditor).expect(200)).body)
        ).text;
        expect(back).toContain('BERITA ACARA PEMINJAMAN DAN PENGEMBALIAN ARSIP');
        expect(back).toMatch(/PIHAK KEDUA telah mengembalikan arsip tersebut kepada Depo Arsip/);
        expect(back).toContain('Halaman 1 dari 1');
      });
    });

    describe('the berita acara pemusnahan', () => {
      it('prints the items disposed under one BA with their list; 404 for a BA nobody used', async () => {
        const old = [
          await register(
            cast.officer,
            aFile({
              title: 'Buku kas umum 2010',
              year: 2010,
              retention: { activeYears: 1, inactiveYears: 1, disposition: 'musnah' },
            }),
          ),
          await register(
            cast.officer,
            aFile({
              title: 'Kuitansi belanja 2011',
              year: 2011,
              quantity: { count: 4, unit: 'boks' },
              retention: { activeYears: 1, inactiveYears: 1, disposition: 'musnah' },
            }),
          ),
        ];
        for (const itemId of old) {
          await event(itemId, 'courierA', { type: 'collected', acknowledgement: SIGNED });
          await event(itemId, 'courierA', { type: 'dispatched', destinationId: DEPOT });
          await event(itemId, 'courierA', { type: 'arrived' });
          await event(itemId, 'depot', { type: 'intake_confirmed', storage: STORAGE });
          await event(itemId, 'depot', { type: 'disposed', baNumber: 'BA-009/MUS/2026', note: 'dicacah' });
        }
        const path = `/api/disposals/${encodeURIComponent('BA-009/MUS/2026')}/report.pdf`;
        const { pages, text } = await textOf((await getPdf(path, cast.auditor).expect(200)).body);
        expect(text).toContain('BERITA ACARA PEMUSNAHAN ARSIP');
        expect(text).toContain('Nomor: BA-009/MUS/2026');
        expect(text).toContain('sebanyak 2 arsip (jumlah: 4 boks, 1 arsip tanpa keterangan jumlah)');
        expect(text).toContain('Buku kas umum 2010');
        expect(text).toContain('Kuitansi belanja 2011');
        expect(text).toContain('Mengetahui,');
        expect(text).toContain(`Halaman ${pages.length} dari ${pages.length}`);
        await getPdf(
          `/api/disposals/${encodeURIComponent('BA-404/MUS/2026')}/report.pdf`,
          cast.auditor,
        ).expect(404);
        await getPdf(path, cast.courierA).expect(403);
      });
    });
  });

  describe('the tanda terima of a delivered letter', () => {
    it('prints who delivered it, who received it, when and how; 404 before delivery', async () => {
      const letter = await register(cast.officer, aLetter({ title: 'Undangan rapat – arsip é' }));
      await getPdf(`/api/items/${letter}/receipt.pdf`, cast.addresseeOfficer).expect(404);
      await event(letter, 'courierA', { type: 'collected', acknowledgement: SIGNED });
      await event(letter, 'courierA', { type: 'dispatched', destinationId: 'dinas-perpustakaan-kearsipan' });
      await event(letter, 'courierA', { type: 'arrived' });
      await event(letter, 'courierA', {
        type: 'delivered',
        acknowledgement: { ...SIGNED, name: 'Pak Andi (TU Dispusip)' },
      });
      const { text } = await textOf(
        (await getPdf(`/api/items/${letter}/receipt.pdf`, cast.addresseeOfficer).expect(200)).body,
      );
      expect(text).toContain('TANDA TERIMA SURAT');
      expect(text).toContain('005/123/KEC-CU/2026');
      expect(text).toContain('2 November 2026');
      expect(text).toContain('Undangan rapat – arsip é');
      expect(text).toContain('Pak Andi (TU Dispusip)');
      expect(text).toContain('Budi Santoso (KURIR-A)');
      expect(text).toMatch(
        /Cara pengakuan : pengakuan: tanda tangan \(Pak Andi \(TU Dispusip\), NIP 196801011990031005\)/,
      );
      // The receiver's NIP, as written beside the signature, under their name too.
      expect(text).toMatch(/Yang Menerima .*Pak Andi \(TU Dispusip\) NIP 196801011990031005/);
      const file = await register(cast.officer, aFile());
      await getPdf(`/api/items/${file}/receipt.pdf`, cast.officer).expect(404);
    });
  });
});
