import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
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
} from '../support/browser';
import { spawnService, type SpawnedService } from '../support/spawned-service';

// One whole story in a real browser on a shared machine: a minute or more under load.
jest.setTimeout(300_000);

const ADMIN = 'done-when-admin-token-0123456789';
const UNIT = 'kec-cikarang-utara';
const DEPOT = 'depo-arsip-bekasi';

type Trail = { events: { type: string; data?: Record<string, unknown>; acknowledgement?: unknown }[] };
const typesOf = (trail: Trail) => trail.events.map((e) => e.type);

/**
 * Issue 15's "done when", as one story in the real app against the real built service, at phone
 * and desktop size: an officer imports a daftar arsip after fixing the row the preview flagged and
 * releases the five files to a courier; the courier accepts them (the collection), hands two to a
 * colleague who accepts, and both carry them to the depot; the depot clerk takes them in with one
 * damaged and one rejected; an auditor replays a handed-over file as of a moment before the
 * handover; an admin adds a person and deactivates another. Every step is checked in the API's
 * answers too, no console error, no serious axe-core violation on each main screen.
 *
 * The files travel released item by item (the holder's offer, accepted by the courier), not in a
 * transfer: a transfer's consignment is handed over whole (two of its five cannot go to another
 * courier), and a consignment has no holder's release by offer. So the intake is the depot's intake
 * of loose files, which has no berita acara serah terima (that is a transfer's document).
 */
describeWithBrowser('done when: the whole custody story in a real browser', () => {
  let service: SpawnedService;
  let dataDir: string;
  let browser: Browser;
  let api: ReturnType<typeof apiClient>;
  let serial = 0;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'jejak-done-when-'));
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

  const heading = (page: Page, name: string | RegExp) =>
    page.getByRole('heading', { level: 1, name }).waitFor();

  const signOut = async (page: Page) => {
    await page.getByRole('button', { name: 'Keluar' }).click();
    await heading(page, 'Masuk ke Jejak');
  };

  /** The row of an item list that names `title`. */
  const row = (page: Page, title: string) =>
    page.getByTestId('item-list').getByRole('listitem').filter({ hasText: title });

  describe.each(['phone', 'desktop'] as ViewportName[])('at %s size', (viewport) => {
    const tag = viewport === 'phone' ? 'P' : 'D';
    const officerId = `PETUGAS-${tag}`;
    const courierA = `KURIR-SATU-${tag}`;
    const courierB = `KURIR-DUA-${tag}`;
    const titles = [1, 2, 3, 4, 5].map((n) => `Berkas pindah ${viewport} nomor ${n}`);

    it('import, release of five to a courier, two handed to a colleague, intake with one damaged and one rejected, replay, people', async () => {
      const officer = await token('officer', UNIT, officerId);
      const tokenA = await token('courier', undefined, courierA);
      const tokenB = await token('courier', undefined, courierB);
      const depot = await token('depot', DEPOT, `DEPO-${tag}`);
      const auditor = await token('auditor', undefined, `AUDITOR-${tag}`);
      const watched = await openPage(browser, viewport);
      const { page } = watched;
      await page.goto(service.baseUrl);

      // 1. The officer signs in and imports a daftar arsip, fixing the row the preview flagged.
      await heading(page, 'Masuk ke Jejak');
      await signInWithToken(page, officer);
      await heading(page, 'Beranda petugas arsip');
      await expectAccessible(page, 'officer home');
      await page.getByRole('link', { name: 'Impor daftar arsip' }).first().click();
      await heading(page, 'Impor daftar arsip');
      const rows = [
        'No;Kode Klasifikasi;Uraian Informasi;Kurun Waktu;Jumlah;Klasifikasi Keamanan',
        ...titles.map((title, i) => `${i + 1};900.1.3;${title};${i === 2 ? '20l8' : '2018'};1 berkas;biasa`),
      ];
      await page.getByLabel(/Isi daftar arsip/).fill(rows.join('\n'));
      await page
        .getByTestId('preview-problems')
        .getByText('Baris 4: Kurun waktu “20l8” bukan tahun')
        .waitFor();
      expect(await page.getByRole('button', { name: 'Catat 5 arsip' }).isDisabled()).toBe(true);
      await expectAccessible(page, 'import preview');
      rows[3] = rows[3].replace('20l8', '2018');
      await page.getByLabel(/Isi daftar arsip/).fill(rows.join('\n'));
      await page.getByTestId('preview-summary').getByText('5 baris, tidak ada masalah').waitFor();
      await page.getByRole('button', { name: 'Catat 5 arsip' }).click();
      await page.getByText('5 arsip tercatat.').waitFor();
      const imported = await api.eventually(
        () => api.must(officer, 'GET', `/api/items?q=${encodeURIComponent(`pindah ${viewport}`)}&limit=10`),
        (answer) => expect(answer.items).toHaveLength(5),
      );
      const idOf = new Map<string, string>(
        imported.items.map((item: { title: string; itemId: string }) => [item.title, item.itemId]),
      );
      const ids = titles.map((title) => idOf.get(title)!);
      expect(imported.items.map((item: { year: number }) => item.year)).toEqual([
        2018, 2018, 2018, 2018, 2018,
      ]);

      // 2. From the inventory, the five go to courier A, chosen from the people list.
      await page.getByRole('link', { name: 'Inventaris' }).first().click();
      await heading(page, 'Inventaris');
      for (const title of titles) await row(page, title).getByRole('checkbox').check();
      await page.getByTestId('chosen-count').getByText('5 arsip dipilih').waitFor();
      await page.getByLabel('Kurir penerima').selectOption(courierA);
      await expectAccessible(page, 'inventory with a release');
      await screenshot(page, 'inventaris-serahkan', viewport);
      await page.getByRole('button', { name: 'Serahkan 5 arsip' }).click();
      await page.getByText(`5 arsip diserahkan kepada ${courierA}`).waitFor();
      for (const itemId of ids) {
        const item = await api.must(officer, 'GET', `/api/items/${itemId}`);
        expect(item).toMatchObject({
          status: 'registered',
          custodianId: UNIT,
          pendingHandover: { toCustodianId: courierA, kind: 'release' },
        });
      }
      expectClean(watched);
      await signOut(page);

      // 3. Courier A accepts the release: that is the collection, released by the officer's account.
      await signInWithToken(page, tokenA);
      await heading(page, 'Tas saya');
      await page.getByRole('heading', { name: 'Ditawarkan kepada Anda' }).waitFor();
      for (const title of titles) await page.getByText(title).first().waitFor();
      await expectAccessible(page, 'bag with a release offered');
      await screenshot(page, 'tas-dilepas', viewport);
      await page.getByRole('button', { name: 'Terima', exact: true }).click();
      await page.getByText('Terima serah terima: tercatat untuk 5 arsip.').waitFor();
      await page.getByTestId('bag-count').getByText('5 arsip di tas Anda').waitFor();
      await expectAccessible(page, 'bag');
      for (const itemId of ids) {
        const trail: Trail = await api.must(tokenA, 'GET', `/api/items/${itemId}/history`);
        expect(typesOf(trail)).toEqual(['registered', 'handover_offered', 'collected']);
        expect(JSON.stringify(trail.events[2])).toContain('"method":"account"');
        expect(await api.must(tokenA, 'GET', `/api/items/${itemId}`)).toMatchObject({
          status: 'collected',
          custodianId: courierA,
        });
      }

      // Two of the five go to courier B.
      const bagRow = (title: string) =>
        page.getByTestId('bag-group').getByRole('listitem').filter({ hasText: title });
      await bagRow(titles[3]).getByRole('checkbox').check();
      await bagRow(titles[4]).getByRole('checkbox').check();
      await page.getByTestId('bag-chosen').getByText('Untuk 2 arsip yang dipilih:').waitFor();
      await page.getByRole('button', { name: 'Serahkan ke rekan' }).click();
      await page.getByLabel('Nomor pegawai rekan kurir').fill(courierB);
      await page.getByRole('button', { name: 'Tawarkan' }).click();
      await page.getByText('Serahkan ke rekan: tercatat untuk 2 arsip.').waitFor();
      for (const itemId of ids.slice(3)) {
        const item = await api.must(tokenA, 'GET', `/api/items/${itemId}`);
        expect(item).toMatchObject({ custodianId: courierA, pendingHandover: { toCustodianId: courierB } });
      }
      expect((await api.must(tokenA, 'GET', `/api/items/${ids[0]}`)).pendingHandover).toBeNull();
      expectClean(watched);
      await signOut(page);

      // 4. Courier B accepts the two and carries them to the depot.
      await signInWithToken(page, tokenB);
      await heading(page, 'Tas saya');
      await page.getByRole('heading', { name: 'Ditawarkan kepada Anda' }).waitFor();
      await page.getByRole('button', { name: 'Terima', exact: true }).click();
      await page.getByText('Terima serah terima: tercatat untuk 2 arsip.').waitFor();
      await page.getByTestId('bag-count').getByText('2 arsip di tas Anda').waitFor();
      for (const itemId of ids.slice(3)) {
        const item = await api.must(tokenB, 'GET', `/api/items/${itemId}`);
        expect(item).toMatchObject({ custodianId: courierB, pendingHandover: null });
      }
      await carryToDepot(page, 2);
      await signOut(page);

      // 5. Courier A dispatches the other three to the depot.
      await signInWithToken(page, tokenA);
      await heading(page, 'Tas saya');
      await page.getByTestId('bag-count').getByText('3 arsip di tas Anda').waitFor();
      await carryToDepot(page, 3);
      for (const [index, itemId] of ids.entries()) {
        const trail: Trail = await api.must(auditor, 'GET', `/api/items/${itemId}/history`);
        const carried = index < 3 ? [] : ['handover_offered', 'handover_accepted'];
        expect(typesOf(trail)).toEqual([
          'registered',
          'handover_offered',
          'collected',
          ...carried,
          'dispatched',
          'arrived',
        ]);
        expect(await api.must(auditor, 'GET', `/api/items/${itemId}`)).toMatchObject({
          status: 'arrived',
          locationId: DEPOT,
          custodianId: index < 3 ? courierA : courierB,
        });
      }
      expectClean(watched);
      await signOut(page);

      // 6. The depot clerk takes them in: three received, one damaged, one rejected.
      await signInWithToken(page, depot);
      await heading(page, 'Kiriman masuk');
      await page.getByTestId('incoming').getByText('Arsip tanpa transfer').waitFor();
      await expectAccessible(page, 'depot incoming');
      await page
        .getByTestId('incoming')
        .getByRole('listitem')
        .filter({ hasText: 'Arsip tanpa transfer' })
        .getByRole('link', { name: 'Mulai penerimaan' })
        .click();
      await heading(page, 'Penerimaan arsip lepas');
      await page.getByLabel('Ruang', { exact: true }).fill('R3');
      await page.getByLabel('Rak', { exact: true }).fill('R3-01');
      const line = (itemId: string) => page.getByTestId(`loose-${itemId}`);
      for (const itemId of ids.slice(0, 3))
        await line(itemId).getByLabel('Hasil', { exact: true }).selectOption('received');
      await line(ids[3]).getByLabel('Hasil', { exact: true }).selectOption('damaged');
      await line(ids[3]).getByLabel('Kondisi').fill('sampul basah, isi terbaca');
      await line(ids[4]).getByLabel('Hasil', { exact: true }).selectOption('rejected');
      await line(ids[4]).getByLabel('Alasan menolak').fill('berkas basah kuyup');
      await expectAccessible(page, 'loose intake');
      await screenshot(page, 'depo-penerimaan-lepas', viewport);
      await page.getByRole('button', { name: 'Catat 5 hasil penerimaan' }).click();
      await page.getByText('5 arsip tercatat.').waitFor();
      // The rejected file is no longer waiting here: it is shown as turned away, with its courier.
      await page.getByTestId('loose-rejected').getByText(titles[4]).waitFor();
      await page.getByText('Tidak ada arsip lepas yang menunggu penerimaan.').waitFor();
      for (const itemId of ids.slice(0, 4)) {
        const item = await api.must(depot, 'GET', `/api/items/${itemId}`);
        expect(item).toMatchObject({
          status: 'deposited',
          custodianId: DEPOT,
          storage: { room: 'R3', shelf: 'R3-01' },
        });
      }
      const damaged: Trail = await api.must(depot, 'GET', `/api/items/${ids[3]}/history`);
      expect(damaged.events.at(-1)).toMatchObject({
        type: 'intake_confirmed',
        note: 'Rusak: sampul basah, isi terbaca',
      });
      const rejected: Trail = await api.must(depot, 'GET', `/api/items/${ids[4]}/history`);
      expect(rejected.events.at(-1)).toMatchObject({
        type: 'intake_rejected',
        data: expect.objectContaining({ reason: 'berkas basah kuyup' }),
      });
      expect(await api.must(depot, 'GET', `/api/items/${ids[4]}`)).toMatchObject({
        status: 'arrived',
        custodianId: courierB,
      });
      expectClean(watched);
      await signOut(page);

      // 7. The auditor replays a handed-over file as of a moment before the handover.
      await page.goto(`${service.baseUrl}/audit/${ids[3]}`);
      await signInWithToken(page, auditor);
      await heading(page, 'Telusuri ulang arsip');
      await page.getByTestId('chain-verdict').getByText('Rantai hash utuh: 8 peristiwa').waitFor();
      const depotName = (await api.must(auditor, 'GET', `/api/locations/${DEPOT}`)).name as string;
      await page.getByTestId('replayed-custodian').getByText(depotName).waitFor();
      const slider = page.getByLabel('Keadaan pada saat');
      await slider.focus();
      await page.keyboard.press('Home');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      await page.getByTestId('moment').getByText('Diambil kurir').waitFor();
      await page.getByTestId('replayed-custodian').getByText(courierA).waitFor();
      const replay = await api.must(auditor, 'GET', `/api/audit/items/${ids[3]}/replay`);
      const collectedAt = replay.events[2].recordedAt;
      const before = await api.must(
        auditor,
        'GET',
        `/api/audit/items/${ids[3]}/replay?asOf=${encodeURIComponent(collectedAt)}`,
      );
      expect(before.state).toMatchObject({ status: 'collected', custodianId: courierA });
      expect(before.chain.valid).toBe(true);
      await expectAccessible(page, 'replay');
      expectClean(watched);
      await signOut(page);

      // 8. The admin adds a person and deactivates another.
      const leaving = `KURIR-PAMIT-${tag}`;
      await api.must(ADMIN, 'POST', '/api/people', {
        id: leaving,
        name: `Kurir Pamit ${tag}`,
        role: 'courier',
      });
      const leavingToken = await token('courier', undefined, leaving);
      await page.goto(`${service.baseUrl}/admin/orang`);
      await signInWithToken(page, ADMIN);
      await heading(page, 'Orang');
      const nip = viewport === 'phone' ? '198502022010012004' : '198603032011012005';
      await page.getByLabel('NIP / Nomor pegawai').fill(nip);
      await page.getByLabel('Nama', { exact: true }).fill(`Dewi Lestari ${tag}`);
      await page.getByLabel('Jabatan').fill('Arsiparis Ahli Pertama');
      await page.getByLabel('Peran', { exact: true }).selectOption('officer');
      await page.getByLabel('Unit (kode)').fill(UNIT);
      await page.getByRole('button', { name: 'Tambah orang' }).click();
      await page.getByText(`Dewi Lestari ${tag} ditambahkan.`).waitFor();
      expect(await api.must(ADMIN, 'GET', `/api/people/${nip}`)).toMatchObject({
        name: `Dewi Lestari ${tag}`,
        role: 'officer',
        unitId: UNIT,
        active: true,
      });
      await page.getByLabel('Cari nama atau NIP').fill(`Kurir Pamit ${tag}`);
      await page.getByRole('button', { name: 'Cari', exact: true }).click();
      await page
        .getByTestId('people-list')
        .getByRole('listitem')
        .filter({ hasText: leaving })
        .getByRole('button', { name: 'Nonaktifkan' })
        .click();
      await page.getByText(`Kurir Pamit ${tag} dinonaktifkan`).waitFor();
      expect((await api.must(ADMIN, 'GET', `/api/people/${leaving}`)).active).toBe(false);
      expect((await api.call(leavingToken, 'GET', '/api/tokens/self')).status).toBe(401);
      await expectAccessible(page, 'people');
      await screenshot(page, 'admin-orang', viewport);
      expectClean(watched);
      await watched.context.close();
    });

    /** Kirim (asking where, for loose files) to the depot, then Tiba, for the whole bag. */
    async function carryToDepot(page: Page, count: number): Promise<void> {
      await page.getByRole('button', { name: 'Kirim', exact: true }).click();
      await page.getByLabel('Tujuan pengiriman').selectOption(DEPOT);
      await page.getByRole('button', { name: 'Kirim ke tujuan' }).click();
      await page.getByText(`Kirim: tercatat untuk ${count} arsip.`).waitFor();
      await page.getByRole('button', { name: 'Tiba', exact: true }).click();
      await page.getByText(`Tiba: tercatat untuk ${count} arsip.`).waitFor();
    }
  });
});
