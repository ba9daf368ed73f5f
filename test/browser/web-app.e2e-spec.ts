import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { SIGNATURE_PNG, SIGNED } from '../support/acknowledgements';
import { apiClient } from '../support/api-client';
import {
  describeWithBrowser,
  expectAccessible,
  expectClean,
  launchBrowser,
  openPage,
  screenshot,
  signInWithToken,
  type ViewportName,
  type WatchedPage,
} from '../support/browser';
import { spawnService, type SpawnedService } from '../support/spawned-service';

// A real browser on a shared machine: each flow takes seconds, more under load.
jest.setTimeout(180_000);

const ADMIN = 'browser-admin-token-0123456789';
const UNIT = 'kec-cikarang-utara';
const DEPOT = 'depo-arsip-bekasi';

/**
 * Each role's main flow in the real app (Debian's Chromium) against the real built service, at phone
 * and desktop size: every step is checked in the API's answers too, no console error, no serious
 * axe-core violation on each main screen; screenshots go to docs/screenshots/.
 */
describeWithBrowser('web app in a real browser', () => {
  let service: SpawnedService;
  let dataDir: string;
  let browser: Browser;
  let api: ReturnType<typeof apiClient>;
  let serial = 0;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'jejak-browser-'));
    service = await spawnService({ JEJAK_DATA_DIR: dataDir, JEJAK_ADMIN_TOKEN: ADMIN });
    api = apiClient(service.baseUrl);
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    service?.child.kill('SIGTERM');
    await service?.exited;
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  const token = async (role: string, unitId?: string, principalId?: string): Promise<string> =>
    (await api.must(ADMIN, 'POST', '/api/tokens', { name: `${role} ${++serial}`, role, unitId, principalId }))
      .token;

  const register = async (officer: string, title: string): Promise<string> =>
    (
      await api.must(officer, 'POST', '/api/items', {
        kind: 'file',
        title,
        classificationCode: '900.1.3',
        securityClass: 'biasa',
        originUnitId: UNIT,
        year: 2019,
      })
    ).itemId;

  const open = async (viewport: ViewportName, path = '/'): Promise<WatchedPage> => {
    const watched = await openPage(browser, viewport);
    await watched.page.goto(`${service.baseUrl}${path}`);
    return watched;
  };

  const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name }).waitFor();

  describe.each(['phone', 'desktop'] as ViewportName[])('at %s size', (viewport) => {
    const tag = viewport === 'phone' ? 'P' : 'D';

    it('an officer signs in, registers a file, finds it and sees where it is and its timeline', async () => {
      const officer = await token('officer', UNIT, `OFF-${tag}`);
      const watched = await open(viewport);
      const { page } = watched;
      await heading(page, 'Masuk ke Jejak');
      await expectAccessible(page, 'sign-in');
      await screenshot(page, 'masuk', viewport);
      await signInWithToken(page, officer);
      await heading(page, 'Beranda petugas arsip');
      await expectAccessible(page, 'officer home');
      await screenshot(page, 'beranda-petugas', viewport);

      await page.getByRole('link', { name: 'Daftarkan arsip' }).first().click();
      await heading(page, 'Daftarkan arsip');
      const title = `Buku register surat keluar ${viewport} 2019`;
      await page.getByLabel('Uraian informasi').fill(title);
      await page.getByLabel('Kode klasifikasi').fill('000.2.3');
      await page.getByLabel('Tahun', { exact: true }).fill('2019');
      await expectAccessible(page, 'register');
      await screenshot(page, 'daftarkan', viewport);
      await page.getByRole('button', { name: 'Daftarkan' }).click();
      await heading(page, title);
      const itemId = decodeURIComponent(new URL(page.url()).pathname.split('/')[2]);
      const item = await api.must(officer, 'GET', `/api/items/${itemId}`);
      expect(item).toMatchObject({
        title,
        status: 'registered',
        custodianId: UNIT,
        classificationCode: '000.2.3',
      });
      await expect(page.getByTestId('item-status').textContent()).resolves.toBe('Terdaftar di unit');

      await page.getByRole('link', { name: 'Cari arsip' }).first().click();
      await heading(page, 'Cari arsip');
      await page.getByLabel(/Di mana arsip ini/).fill(`surat keluar ${viewport}`);
      await page.getByRole('button', { name: 'Cari', exact: true }).click();
      const result = page.getByRole('link', { name: title });
      await result.waitFor();
      const found = await api.must(
        officer,
        'GET',
        `/api/items?q=${encodeURIComponent(`surat keluar ${viewport}`)}`,
      );
      expect(found.items.map((i: { itemId: string }) => i.itemId)).toEqual([itemId]);
      await expectAccessible(page, 'search');
      await screenshot(page, 'cari', viewport);
      await result.click();
      await heading(page, title);
      await page.getByTestId('timeline').getByText('Didaftarkan').waitFor();
      await page.getByText('Cikarang Utara').first().waitFor();
      await expectAccessible(page, 'item');
      await screenshot(page, 'arsip', viewport);
      expectClean(watched);
      await watched.context.close();
    });

    it('an officer imports a daftar arsip after fixing the row the preview flagged', async () => {
      const officer = await token('officer', UNIT, `IMP-${tag}`);
      const watched = await open(viewport, '/impor');
      const { page } = watched;
      await signInWithToken(page, officer);
      await heading(page, 'Impor daftar arsip');
      const rows = [
        'No;Kode Klasifikasi;Uraian Informasi;Kurun Waktu;Jumlah;Klasifikasi Keamanan',
        `1;900.1.3;Buku kas umum ${viewport} 2016;2016;1 berkas;biasa`,
        `2;900.1.3;Buku kas pembantu ${viewport} 2016;20l6;1 berkas;biasa`,
        `3;800.1.2;Daftar hadir pegawai ${viewport} 2016;2016;2 berkas;terbatas`,
      ];
      await page.getByLabel(/Isi daftar arsip/).fill(rows.join('\n'));
      await page.getByTestId('preview-summary').getByText('3 baris, 1 baris bermasalah').waitFor();
      await page
        .getByTestId('preview-problems')
        .getByText('Baris 3: Kurun waktu “20l6” bukan tahun')
        .waitFor();
      expect(await page.getByRole('button', { name: 'Catat 3 arsip' }).isDisabled()).toBe(true);
      await expectAccessible(page, 'import preview');
      await screenshot(page, 'impor-pratinjau', viewport);

      rows[2] = rows[2].replace('20l6', '2016');
      await page.getByLabel(/Isi daftar arsip/).fill(rows.join('\n'));
      await page.getByTestId('preview-summary').getByText('3 baris, tidak ada masalah').waitFor();
      await page.getByRole('button', { name: 'Catat 3 arsip' }).click();
      await page.getByText('3 arsip tercatat.').waitFor();
      const imported = await api.eventually(
        () => api.must(officer, 'GET', `/api/items?q=${encodeURIComponent(`${viewport} 2016`)}`),
        (page) => expect(page.items).toHaveLength(3),
      );
      expect(imported.items.map((i: { title: string }) => i.title).sort()).toEqual([
        `Buku kas pembantu ${viewport} 2016`,
        `Buku kas umum ${viewport} 2016`,
        `Daftar hadir pegawai ${viewport} 2016`,
      ]);
      expectClean(watched);
      await watched.context.close();
    });

    it('a courier collects a consignment into the bag, dispatches it and hands it to a colleague who accepts', async () => {
      const officer = await token('officer', UNIT);
      const courierA = await token('courier', undefined, `KURIR-A-${tag}`);
      const courierB = await token('courier', undefined, `KURIR-B-${tag}`);
      const itemIds = [
        await register(officer, `Berkas kurir satu ${viewport}`),
        await register(officer, `Berkas kurir dua ${viewport}`),
      ];
      const { transferId } = await api.must(officer, 'POST', '/api/transfers', {
        baNumber: `BA-K${tag}-${++serial}/ARS/2026`,
        fromId: UNIT,
        toId: DEPOT,
        itemIds,
      });

      const watched = await open(viewport);
      const { page } = watched;
      await signInWithToken(page, courierA);
      await heading(page, 'Tas saya');
      await page.getByText('Tas Anda kosong').waitFor();
      await expectAccessible(page, 'empty bag');
      await screenshot(page, 'tas-kosong', viewport);

      // The officer's screen shows a kode serah; the courier types it in: the release.
      const { code } = await api.must(officer, 'POST', '/api/release-codes', { placeId: UNIT });
      await page.getByLabel('Nomor transfer').fill(transferId);
      await page.getByLabel('Kode serah dari petugas').fill(code);
      await page.getByRole('button', { name: 'Ambil', exact: true }).click();
      await page.getByText(`Kiriman ${transferId} diambil: 2 arsip masuk tas.`).waitFor();
      await page.getByTestId('bag-count').getByText('2 arsip di tas Anda').waitFor();
      await page.getByTestId('bag-group').getByText(`Berkas kurir satu ${viewport}`).waitFor();
      await page.getByTestId('bag-group').getByRole('link', { name: transferId }).waitFor();
      const collected = await api.must(courierA, 'GET', `/api/transfers/${transferId}`);
      expect(collected).toMatchObject({ status: 'collected', custodianId: `KURIR-A-${tag}` });
      await expectAccessible(page, 'bag');
      await screenshot(page, 'tas-saya', viewport);

      await page.getByRole('button', { name: 'Kirim', exact: true }).click();
      await page.getByText('Kirim: tercatat untuk 2 arsip.').waitFor();
      await api.eventually(
        () => api.must(courierA, 'GET', `/api/items/${itemIds[0]}`),
        (item) => expect(item.status).toBe('in_transit'),
      );

      await page.getByRole('button', { name: 'Serahkan ke rekan' }).click();
      await page.getByLabel('Nomor pegawai rekan kurir').fill(`KURIR-B-${tag}`);
      await page.getByRole('button', { name: 'Tawarkan' }).click();
      await page.getByText('Serahkan ke rekan: tercatat untuk 2 arsip.').waitFor();
      const offered = await api.must(courierA, 'GET', `/api/transfers/${transferId}`);
      expect(offered.pendingHandover).toMatchObject({ toCustodianId: `KURIR-B-${tag}` });
      expectClean(watched);

      await page.getByRole('button', { name: 'Keluar' }).click();
      await signInWithToken(page, courierB);
      await heading(page, 'Tas saya');
      await page.getByRole('heading', { name: 'Ditawarkan kepada Anda' }).waitFor();
      await screenshot(page, 'tas-tawaran', viewport);
      await page.getByRole('button', { name: 'Terima', exact: true }).click();
      await page.getByText('Terima serah terima: tercatat untuk 2 arsip.').waitFor();
      await page.getByTestId('bag-count').getByText('2 arsip di tas Anda').waitFor();
      const accepted = await api.must(courierB, 'GET', `/api/transfers/${transferId}`);
      expect(accepted).toMatchObject({ custodianId: `KURIR-B-${tag}`, pendingHandover: null });

      await page.getByRole('button', { name: 'Tiba', exact: true }).click();
      await page.getByText('Tiba: tercatat untuk 2 arsip.').waitFor();
      const arrived = await api.must(courierB, 'GET', `/api/transfers/${transferId}`);
      expect(arrived.status).toBe('arrived');
      expectClean(watched);
      await watched.context.close();
    });

    it('a depot clerk takes in a small transfer item by item, one damaged and one missing, and opens the berita acara', async () => {
      const officer = await token('officer', UNIT);
      const courier = await token('courier', undefined, `KURIR-D-${tag}`);
      const depot = await token('depot', DEPOT, `DEPO-${tag}`);
      const titles = [`Arsip utuh ${viewport}`, `Arsip basah ${viewport}`, `Arsip tertinggal ${viewport}`];
      const itemIds: string[] = [];
      for (const title of titles) itemIds.push(await register(officer, title));
      const { transferId } = await api.must(officer, 'POST', '/api/transfers', {
        baNumber: `BA-D${tag}-${++serial}/ARS/2026`,
        fromId: UNIT,
        toId: DEPOT,
        itemIds,
      });
      for (const type of ['collected', 'dispatched', 'arrived'])
        await api.must(courier, 'POST', `/api/transfers/${transferId}/events`, {
          type,
          ...(type === 'collected' ? { acknowledgement: SIGNED } : {}),
        });

      const watched = await open(viewport);
      const { page } = watched;
      await signInWithToken(page, depot);
      await heading(page, 'Kiriman masuk');
      await page.getByTestId('incoming').getByText(`Transfer ${transferId}`).waitFor();
      await page.getByText('Tidak ada pinjaman yang lewat tempo.').waitFor();
      await expectAccessible(page, 'depot incoming');
      await screenshot(page, 'depo-kiriman-masuk', viewport);
      // Other flows' consignments may have arrived at this depot too: open this one.
      await page
        .getByTestId('incoming')
        .getByRole('listitem')
        .filter({ hasText: transferId })
        .getByRole('link', { name: 'Mulai penerimaan' })
        .click();
      await page.getByRole('heading', { level: 1, name: /^Penerimaan / }).waitFor();

      await page.getByLabel('Ruang', { exact: true }).fill('R2');
      await page.getByLabel('Rak', { exact: true }).fill('R2-07');
      await page.getByLabel(/Pindai atau ketik ID arsip/).fill(`${service.baseUrl}/i/${itemIds[0]}`);
      await page.keyboard.press('Enter');
      await page.getByText(`${itemIds[0]}: diterima.`).waitFor();
      await page
        .getByTestId(`intake-${itemIds[1]}`)
        .getByLabel('Hasil', { exact: true })
        .selectOption('damaged');
      await page.getByTestId(`intake-${itemIds[1]}`).getByLabel('Kondisi').fill('basah di sudut kanan');
      await page
        .getByTestId(`intake-${itemIds[2]}`)
        .getByLabel('Hasil', { exact: true })
        .selectOption('missing');
      await expectAccessible(page, 'intake');
      await screenshot(page, 'depo-penerimaan', viewport);
      await page.getByRole('button', { name: 'Simpan hasil penerimaan' }).click();
      await page
        .getByTestId('intake-done')
        .getByText(/selesai dengan selisih/)
        .waitFor();

      const view = await api.must(depot, 'GET', `/api/transfers/${transferId}`);
      expect(view.status).toBe('completed_with_discrepancies');
      expect(view.items.map((i: { intake: { outcome: string } }) => i.intake.outcome)).toEqual([
        'received',
        'damaged',
        'missing',
      ]);
      expect(view.items[0].storage).toMatchObject({ room: 'R2', shelf: 'R2-07' });

      const report = page.waitForResponse((r) => r.url().includes(`/api/transfers/${transferId}/report.pdf`));
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: /berita acara/ }).click();
      const answer = await report;
      expect({ status: answer.status(), type: answer.headers()['content-type'] }).toEqual({
        status: 200,
        type: 'application/pdf',
      });
      expect((await download).suggestedFilename()).toBe(`berita-acara-${transferId}.pdf`);

      // Back on the depot's home: the list of files proposed for destruction, as a PDF.
      await page.getByRole('link', { name: 'Kiriman masuk' }).click();
      const disposal = page.waitForResponse((r) => r.url().includes('/api/reports/disposal-list.pdf'));
      await page.getByRole('button', { name: 'Daftar arsip usul musnah (PDF)' }).click();
      const list = await disposal;
      expect({ status: list.status(), type: list.headers()['content-type'] }).toEqual({
        status: 200,
        type: 'application/pdf',
      });
      expectClean(watched);
      await watched.context.close();
    });

    it('an auditor replays a file as of a moment before the handover and sees the chain verdict', async () => {
      const officer = await token('officer', UNIT);
      const courierA = await token('courier', undefined, `KURIR-X-${tag}`);
      const courierB = await token('courier', undefined, `KURIR-Y-${tag}`);
      const auditor = await token('auditor', undefined, `AUD-${tag}`);
      const itemId = await register(officer, `Berkas diaudit ${viewport}`);
      await api.must(courierA, 'POST', `/api/items/${itemId}/events`, {
        type: 'collected',
        acknowledgement: SIGNED,
      });
      await api.must(courierA, 'POST', `/api/items/${itemId}/events`, {
        type: 'handover_offered',
        toCustodianId: `KURIR-Y-${tag}`,
      });
      await api.must(courierB, 'POST', `/api/items/${itemId}/events`, { type: 'handover_accepted' });

      const watched = await open(viewport, `/audit/${itemId}`);
      const { page } = watched;
      await signInWithToken(page, auditor);
      await heading(page, 'Telusuri ulang arsip');
      // The log's key, to check a downloaded audit bundle against (verify-bundle --key).
      const { vkey } = (await api.must(auditor, 'GET', '/api/log/key')) as { vkey: string };
      await page.getByTestId('log-vkey').getByText(vkey).waitFor();
      await page.getByTestId('chain-verdict').getByText('Rantai hash utuh: 4 peristiwa').waitFor();
      await page.getByTestId('replayed-custodian').getByText(`KURIR-Y-${tag}`).waitFor();

      // The slider's second stop: just after "collected", before the handover was offered.
      const slider = page.getByLabel('Keadaan pada saat');
      await slider.focus();
      await page.keyboard.press('Home');
      await page.keyboard.press('ArrowRight');
      await page.getByTestId('moment').getByText('Diambil kurir').waitFor();
      await page.getByTestId('replayed-custodian').getByText(`KURIR-X-${tag}`).waitFor();
      const events = (await api.must(auditor, 'GET', `/api/audit/items/${itemId}/replay`)).events;
      const asOf = events[1].recordedAt;
      const replayed = await api.must(
        auditor,
        'GET',
        `/api/audit/items/${itemId}/replay?asOf=${encodeURIComponent(asOf)}`,
      );
      expect(replayed.state).toMatchObject({ status: 'collected', custodianId: `KURIR-X-${tag}` });
      expect(replayed.chain.valid).toBe(true);
      await expectAccessible(page, 'replay');
      await screenshot(page, 'audit-telusuri', viewport);

      const csv = page.waitForResponse((r) =>
        r.url().includes(`/api/audit/items/${itemId}/export?format=csv`),
      );
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Unduh CSV' }).click();
      expect((await csv).status()).toBe(200);
      const saved = await (await download).path();
      const lines = readFileSync(saved, 'utf8').trim().split(/\r?\n/);
      expect(lines).toHaveLength(5);
      expect(lines[4]).toContain('handover_accepted');
      expectClean(watched);
      await watched.context.close();
    });

    it('the officer who released a file to a courier sees until when, and withdraws the offer', async () => {
      const officer = await token('officer', UNIT, `PETUGAS-W-${tag}`);
      await token('courier', undefined, `KURIR-W-${tag}`);
      const itemId = await register(officer, `Berkas ditarik ${viewport}`);
      await api.must(officer, 'POST', `/api/items/${itemId}/events`, {
        type: 'handover_offered',
        toCustodianId: `KURIR-W-${tag}`,
      });
      const watched = await open(viewport, `/i/${itemId}`);
      const { page } = watched;
      await signInWithToken(page, officer);
      const pending = page.getByTestId('pending-handover');
      await pending
        .getByText(`Diserahkan untuk diambil kepada KURIR-W-${tag}, menunggu jawaban sampai`)
        .waitFor();
      await pending.getByRole('button', { name: 'Tarik kembali tawaran' }).click();
      await page.getByLabel('Alasan menarik kembali').fill('kurir berhalangan');
      await page.getByRole('button', { name: 'Tarik kembali', exact: true }).click();
      await api.eventually(
        () => api.must(officer, 'GET', `/api/items/${itemId}`),
        (item) => expect(item).toMatchObject({ status: 'registered', pendingHandover: null }),
      );
      await page.getByTestId('pending-handover').waitFor({ state: 'detached' });
      expectClean(watched);
      await watched.context.close();
    });

    it('an admin creates a token that works at once, then revokes it', async () => {
      const watched = await open(viewport);
      const { page } = watched;
      await signInWithToken(page, ADMIN);
      await heading(page, 'Token akses');
      await page.getByLabel('Nama (orang atau aplikasi)').fill(`Kurir baru ${viewport}`);
      await page.getByLabel('Peran', { exact: true }).selectOption('courier');
      await page.getByLabel('NIP / Nomor pegawai (opsional)').fill(`KURIR-N-${tag}`);
      await page.getByRole('button', { name: 'Buat token' }).click();
      const shown = (await page.getByTestId('new-token').textContent())!.trim();
      const self = await api.must(shown, 'GET', '/api/tokens/self');
      expect(self).toMatchObject({
        role: 'courier',
        principalId: `KURIR-N-${tag}`,
        name: `Kurir baru ${viewport}`,
      });
      await expectAccessible(page, 'tokens');
      await screenshot(page, 'admin-token', viewport);

      const row = page
        .getByTestId('token-list')
        .getByRole('listitem')
        .filter({ hasText: `Kurir baru ${viewport}` });
      await row.getByRole('button', { name: 'Cabut' }).click();
      await row.getByText(/dicabut/).waitFor();
      expect((await api.call(shown, 'GET', '/api/tokens/self')).status).toBe(401);

      await page.getByRole('link', { name: 'Tempat' }).click();
      await heading(page, 'Tempat dan unit');
      // The seed holds every desa and kelurahan: the list pages, so the admin narrows it first.
      await page.getByTestId('place-list').locator('li').first().waitFor();
      await page.getByLabel('Saring nama atau kode').fill('Cikarang Utara');
      await page.getByTestId('place-list').getByText('Cikarang Utara').first().waitFor();
      await expectAccessible(page, 'places');
      await screenshot(page, 'admin-tempat', viewport);
      expectClean(watched);
      await watched.context.close();
    });
  });

  it('a label link (/i/<id>) asks to sign in first, then opens the item; a wrong token is refused in Indonesian', async () => {
    const officer = await token('officer', UNIT);
    const itemId = await register(officer, 'Berkas dari label QR');
    const watched = await open('phone', `/i/${itemId}`);
    const { page } = watched;
    await heading(page, 'Masuk ke Jejak');
    await page.getByRole('button', { name: 'Masuk dengan token' }).click();
    await page.getByLabel('Token akses').fill('bukan-token-yang-benar');
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    await page.getByRole('alert').getByText('Token tidak dikenal atau sudah dicabut').waitFor();
    await page.getByLabel('Token akses').fill(officer);
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    await heading(page, 'Berkas dari label QR');
    expect(new URL(page.url()).pathname).toBe(`/i/${itemId}`);
    expectClean(watched, [/^GET \/api\/tokens\/self 401$/]);
    await watched.context.close();
  });

  it('a terbatas file opened by an officer of another unit reads "Dibatasi", its code shown, its title nowhere', async () => {
    const officer = await token('officer', UNIT);
    const stranger = await token('officer', 'kec-babelan');
    const { itemId } = await api.must(officer, 'POST', '/api/items', {
      kind: 'file',
      title: 'Berkas sengketa tertutup',
      classificationCode: '900.1.3',
      securityClass: 'terbatas',
      originUnitId: UNIT,
      year: 2019,
    });
    const watched = await open('phone', `/i/${itemId}`);
    const { page } = watched;
    await page.getByRole('button', { name: 'Masuk dengan token' }).click();
    await page.getByLabel('Token akses').fill(stranger);
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    await heading(page, 'Dibatasi');
    await page.getByTestId('item-restricted').waitFor();
    await page
      .getByText(/^[A-Z]{3}-\d{4}-\d{5}$/)
      .first()
      .waitFor();
    expect(await page.content()).not.toContain('sengketa tertutup');
    expectClean(watched);
    await watched.context.close();
  });

  it('a person signs in with NIP and password (session cookie, X-CSRF-Token on writes), registers a file and signs out', async () => {
    const nip = '198001012010011001';
    await api.must(ADMIN, 'POST', '/api/people', {
      id: nip,
      name: 'Siti Rahmawati',
      role: 'officer',
      unitId: UNIT,
    });
    await api.must(
      ADMIN,
      'POST',
      `/api/people/${nip}/password`,
      { password: 'kata-sandi-rahasia-1' },
      [200, 201, 204],
    );
    const watched = await open('desktop');
    const { page } = watched;
    await page.getByLabel('NIP / Nomor pegawai').fill(nip);
    await page.getByLabel('Kata sandi').fill('salah-sekali-123');
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    await page.getByRole('alert').getByText('NIP / nomor pegawai atau kata sandi salah').waitFor();
    await page.getByLabel('Kata sandi').fill('kata-sandi-rahasia-1');
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    await heading(page, 'Beranda petugas arsip');
    await page.getByText('Siti Rahmawati · Petugas arsip').waitFor();
    const cookies = await watched.context.cookies();
    expect(cookies.some((c) => c.httpOnly && c.sameSite === 'Strict')).toBe(true);

    await page.getByRole('link', { name: 'Daftarkan', exact: true }).click();
    await page.getByLabel('Uraian informasi').fill('Berkas dicatat dengan sesi');
    await page.getByLabel('Kode klasifikasi').fill('000.2.3');
    await page.getByRole('button', { name: 'Daftarkan' }).click();
    await heading(page, 'Berkas dicatat dengan sesi');
    const itemId = decodeURIComponent(new URL(page.url()).pathname.split('/')[2]);
    const trail = await api.must(ADMIN, 'GET', `/api/items/${itemId}/history`);
    expect(trail.events[0].actor).toMatchObject({ id: nip, role: 'officer', unitId: UNIT });

    await page.getByRole('button', { name: 'Keluar' }).click();
    await heading(page, 'Masuk ke Jejak');
    await page.reload();
    await heading(page, 'Masuk ke Jejak');
    expectClean(watched, [/^POST \/api\/session 401$/, /^GET \/api\/session 401$/]);
    await watched.context.close();
  });

  it('an officer voids a file registered by mistake; an officer of another unit is refused and nothing is recorded', async () => {
    const officer = await token('officer', UNIT);
    const stranger = await token('officer', 'kec-babelan');
    const itemId = await register(officer, 'Berkas terdaftar dua kali');

    const refused = await open('phone', `/i/${itemId}`);
    await signInWithToken(refused.page, stranger);
    await heading(refused.page, 'Berkas terdaftar dua kali');
    await refused.page.getByRole('button', { name: 'Batalkan pendaftaran' }).click();
    await refused.page.getByLabel('Alasan pembatalan').fill('coba-coba');
    await refused.page.getByRole('button', { name: 'Batalkan', exact: true }).click();
    await refused.page.getByRole('alert').getByText('Anda tidak berwenang melakukan ini').waitFor();
    const untouched = await api.must(officer, 'GET', `/api/items/${itemId}/history`);
    expect(untouched.events.map((e: { type: string }) => e.type)).toEqual(['registered']);
    expectClean(refused, [new RegExp(`^POST /api/items/${itemId}/events 403$`)]);
    await refused.context.close();

    const watched = await open('phone', `/i/${itemId}`);
    const { page } = watched;
    await signInWithToken(page, officer);
    await heading(page, 'Berkas terdaftar dua kali');
    await page.getByRole('button', { name: 'Batalkan pendaftaran' }).click();
    await page.getByLabel('Alasan pembatalan').fill('terdaftar ganda dari impor');
    await page.getByRole('button', { name: 'Batalkan', exact: true }).click();
    await page.getByTestId('item-status').getByText('Dibatalkan').waitFor();
    await page.getByTestId('timeline').getByText('Alasan: terdaftar ganda dari impor').waitFor();
    const voided = await api.must(officer, 'GET', `/api/items/${itemId}`);
    expect(voided.status).toBe('voided');
    expectClean(watched);
    await watched.context.close();
  });

  it('an officer shows a kode serah for an open transfer of the unit, big, with its expiry', async () => {
    const officer = await token('officer', UNIT);
    const itemId = await register(officer, 'Berkas dengan kode serah');
    const { transferId } = await api.must(officer, 'POST', '/api/transfers', {
      baNumber: `BA-KODE-${++serial}/ARS/2026`,
      fromId: UNIT,
      toId: DEPOT,
      itemIds: [itemId],
    });
    const desk = await open('desktop', `/transfer/${transferId}`);
    await signInWithToken(desk.page, officer);
    await desk.page.getByRole('button', { name: 'Buat kode serah untuk kurir' }).click();
    const code = (await desk.page.getByTestId('release-code').textContent())!.trim();
    expect(code).toMatch(/^\S{4,}$/);
    await desk.page.getByText(/Berlaku sampai .* WIB/).waitFor();
    await screenshot(desk.page, 'kode-serah', 'desktop');
    expectClean(desk);
    await desk.context.close();
  });

  it('an admin adds a person and deactivates another, whose token stops at once', async () => {
    await api.must(ADMIN, 'POST', '/api/people', { id: 'KURIR-LAMA', name: 'Kurir Lama', role: 'courier' });
    const oldToken = await token('courier', undefined, 'KURIR-LAMA');
    const watched = await open('desktop', '/admin/orang');
    const { page } = watched;
    await signInWithToken(page, ADMIN);
    await heading(page, 'Orang');
    await page.getByLabel('NIP / Nomor pegawai').fill('197705052005012003');
    await page.getByLabel('Nama', { exact: true }).fill('Rina Marlina');
    await page.getByLabel('Jabatan').fill('Arsiparis Ahli Muda');
    await page.getByLabel('Peran', { exact: true }).selectOption('officer');
    await page.getByLabel('Unit (kode)').fill(UNIT);
    await page.getByRole('button', { name: 'Tambah orang' }).click();
    await page.getByText('Rina Marlina ditambahkan.').waitFor();
    const added = await api.must(ADMIN, 'GET', '/api/people/197705052005012003');
    expect(added).toMatchObject({ name: 'Rina Marlina', role: 'officer', unitId: UNIT, active: true });

    await page.getByLabel('Cari nama atau NIP').fill('Kurir Lama');
    await page.getByRole('button', { name: 'Cari', exact: true }).click();
    const row = page.getByTestId('people-list').getByRole('listitem').filter({ hasText: 'KURIR-LAMA' });
    await row.getByRole('button', { name: 'Nonaktifkan' }).click();
    await page.getByText('Kurir Lama dinonaktifkan').waitFor();
    expect((await api.must(ADMIN, 'GET', '/api/people/KURIR-LAMA')).active).toBe(false);
    expect((await api.call(oldToken, 'GET', '/api/tokens/self')).status).toBe(401);
    await expectAccessible(page, 'people');
    await screenshot(page, 'admin-orang', 'desktop');
    expectClean(watched);
    await watched.context.close();
  });

  it('a courier collects a letter by its label, carries it to the addressee unit and records who received it', async () => {
    const officer = await token('officer', UNIT);
    const courier = await token('courier', undefined, 'KURIR-SURAT');
    const { itemId } = await api.must(officer, 'POST', '/api/items', {
      kind: 'letter',
      title: 'Undangan rapat koordinasi kearsipan',
      classificationCode: '000.2.3',
      securityClass: 'biasa',
      originUnitId: UNIT,
      addresseeUnitId: 'dinas-perpustakaan-kearsipan',
    });
    const watched = await open('phone');
    const { page } = watched;
    await signInWithToken(page, courier);
    const { code } = await api.must(officer, 'POST', '/api/release-codes', { placeId: UNIT });
    await page.getByLabel('Nomor transfer').fill(`${service.baseUrl}/i/${itemId}`);
    await page.getByLabel('Kode serah dari petugas').fill(code);
    await page.getByRole('button', { name: 'Ambil', exact: true }).click();
    await page.getByText(`Arsip ${itemId} diambil dan masuk tas.`).waitFor();
    expect(await api.must(courier, 'GET', `/api/items/${itemId}`)).toMatchObject({
      status: 'collected',
      custodianId: 'KURIR-SURAT',
    });
    await page.getByTestId('bag-group').getByText('Arsip lepas').waitFor();
    await page.getByRole('button', { name: 'Kirim', exact: true }).click();
    await page.getByText('Kirim: tercatat untuk 1 arsip.').waitFor();
    expect(await api.must(courier, 'GET', `/api/items/${itemId}`)).toMatchObject({
      status: 'in_transit',
      destinationId: 'dinas-perpustakaan-kearsipan',
    });
    await page.getByRole('button', { name: 'Tiba', exact: true }).click();
    await page.getByText('Tiba: tercatat untuk 1 arsip.').waitFor();
    await page.getByRole('button', { name: 'Serahkan ke penerima' }).click();
    await page.getByLabel('Dengan tanda tangan').check();
    await page.getByLabel('Nama penerima di unit tujuan').fill('Pak Andi (TU Dispusip)');
    await page.getByLabel('NIP penerima (bila ada)').fill('198502142010011004');
    // Nothing is recorded until the receiver has signed.
    await page.getByRole('button', { name: 'Catat tanda terima' }).click();
    await page.getByRole('alert').getByText('Minta penerima menandatangani dulu.').waitFor();
    await expectAccessible(page, 'deliver with signature');
    const pad = (await page.locator('#receiverSignature').boundingBox())!;
    await page.mouse.move(pad.x + 20, pad.y + pad.height / 2);
    await page.mouse.down();
    for (let step = 1; step <= 10; step++) {
      await page.mouse.move(pad.x + 20 + step * 20, pad.y + pad.height / 2 + (step % 2 ? -25 : 25));
    }
    await page.mouse.up();
    await page.getByText('Tanda tangan tercatat.').waitFor();
    await screenshot(page, 'serahkan-tanda-tangan', 'phone');
    await page.getByRole('button', { name: 'Catat tanda terima' }).click();
    await page.getByText('Diserahkan ke penerima: tercatat untuk 1 arsip.').waitFor();
    await page.getByText('Tas Anda kosong').waitFor();
    const trail = await api.must(courier, 'GET', `/api/items/${itemId}/history`);
    expect(trail.events.map((e: { type: string }) => e.type)).toEqual([
      'registered',
      'collected',
      'dispatched',
      'arrived',
      'delivered',
    ]);
    expect(trail.events[1].data.acknowledgement).toMatchObject({ method: 'code', placeId: UNIT });
    const delivery = trail.events[4];
    expect(delivery.data).toMatchObject({
      receivedBy: 'Pak Andi (TU Dispusip)',
      acknowledgement: {
        method: 'signature',
        name: 'Pak Andi (TU Dispusip)',
        nip: '198502142010011004',
        signatureHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
    });
    // The drawn image is kept: a PNG, whose hash is the one in the event.
    const image = await fetch(
      `${service.baseUrl}/api/items/${itemId}/events/${delivery.eventId}/signature.png`,
      { headers: { Authorization: `Bearer ${courier}` } },
    );
    expect(image.status).toBe(200);
    const png = Buffer.from(await image.arrayBuffer());
    expect(png.subarray(0, 4).toString('hex')).toBe('89504e47');
    const { createHash } = await import('node:crypto');
    expect(createHash('sha256').update(png).digest('hex')).toBe(delivery.data.acknowledgement.signatureHash);
    expect(png.length).toBeGreaterThan(Buffer.from(SIGNATURE_PNG.split(',')[1], 'base64').length);
    expectClean(watched);
    await watched.context.close();
  });

  it('a courier without signal dispatches and arrives into the outbox, even after a reload; back online each is sent once, in order', async () => {
    const officer = await token('officer', UNIT);
    const courier = await token('courier', undefined, 'KURIR-SINYAL');
    const itemIds = [
      await register(officer, 'Berkas di jalan desa'),
      await register(officer, 'Berkas kedua di jalan desa'),
    ];
    const { transferId } = await api.must(officer, 'POST', '/api/transfers', {
      baNumber: `BA-SINYAL-${++serial}/ARS/2026`,
      fromId: UNIT,
      toId: DEPOT,
      itemIds,
    });
    const watched = await open('phone');
    const { page, context } = watched;
    await signInWithToken(page, courier);
    const { code } = await api.must(officer, 'POST', '/api/release-codes', { placeId: UNIT });
    await page.getByLabel('Nomor transfer').fill(transferId);
    await page.getByLabel('Kode serah dari petugas').fill(code);
    await page.getByRole('button', { name: 'Ambil', exact: true }).click();
    await page.getByTestId('bag-count').getByText('2 arsip di tas Anda').waitFor();
    // The two files travel as one consignment: one action, on the transfer.
    await page.getByTestId('bag-group').getByRole('link', { name: transferId }).waitFor();

    await page.evaluate('navigator.serviceWorker.ready.then(() => true)');
    await context.setOffline(true);
    // The page learns of it a moment after the call returns: an action taken in between goes out.
    await page.waitForFunction('!navigator.onLine');
    await page.getByRole('button', { name: 'Kirim', exact: true }).click();
    await page.getByText('Kirim: disimpan di ponsel, dikirim otomatis saat ada sinyal.').waitFor();
    await page.getByTestId('sync-status').getByText('1 menunggu sinkron').waitFor();
    await screenshot(page, 'tas-tanpa-sinyal', 'phone');
    await page.getByRole('button', { name: 'Tiba', exact: true }).click();
    await page.getByTestId('sync-status').getByText('2 menunggu sinkron').waitFor();
    // Still without signal, the app opens again (its service worker keeps the shell) with the bag as last known.
    await page.reload();
    await heading(page, 'Tas saya');
    await page.getByTestId('bag-count').getByText('2 arsip di tas Anda (terakhir diketahui)').waitFor();
    await page.getByTestId('bag-group').getByRole('link', { name: transferId }).waitFor();
    expect((await api.must(courier, 'GET', `/api/transfers/${transferId}`)).status).toBe('collected');

    await context.setOffline(false);
    await page.getByTestId('sync-status').getByText('Semua tercatat di server').waitFor();
    await page
      .getByTestId('sync-status')
      .getByText(/Terakhir sinkron \d\d\.\d\d/)
      .waitFor();
    const view = await api.must(courier, 'GET', `/api/transfers/${transferId}`);
    expect(view.status).toBe('arrived');
    const journey = view.events.map((e: { type: string }) => e.type);
    expect(journey.filter((type: string) => type === 'dispatched' || type === 'arrived')).toEqual([
      'dispatched',
      'arrived',
    ]);
    for (const itemId of itemIds) {
      const trail = await api.eventually(
        () => api.must(courier, 'GET', `/api/items/${itemId}/history`),
        (t) => expect(t.events.map((e: { type: string }) => e.type)).toContain('arrived'),
      );
      expect(trail.events.map((e: { type: string }) => e.type)).toEqual([
        'registered',
        'collected',
        'dispatched',
        'arrived',
      ]);
    }
    expectClean(watched);
    await watched.context.close();
  });

  it('a refusal of the API is shown in Indonesian with what to do, and nothing is recorded', async () => {
    const courier = await token('courier', undefined, 'KURIR-R');
    const watched = await open('phone');
    const { page } = watched;
    await signInWithToken(page, courier);
    await page.getByLabel('Nomor transfer').fill('trf-tidak-ada');
    await page.getByLabel('Kode serah dari petugas').fill('K7PM3Q');
    await page.getByRole('button', { name: 'Ambil', exact: true }).click();
    await page.getByRole('alert').getByText('Tidak ditemukan. Periksa kembali nomor atau kode').waitFor();
    const bag = await api.must(courier, 'GET', '/api/items?custodianId=KURIR-R');
    expect(bag.items).toEqual([]);
    expectClean(watched, [/^POST \/api\/transfers\/trf-tidak-ada\/events 404$/]);
    await watched.context.close();
  });
});
