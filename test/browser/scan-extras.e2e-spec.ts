import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import {
  describeWithBrowser,
  expectAccessible,
  expectClean,
  launchBrowser,
  openPage,
  screenshot,
  signInWithToken,
} from '../support/browser';
import { FAKE_CAMERA } from '../support/fake-camera';
import { decodeQrCodes } from '../support/qr-decode';
import { DEPOT, scanStory, show, typeCode, UNIT } from '../support/scan-story';
import { spawnService, type SpawnedService } from '../support/spawned-service';

jest.setTimeout(300_000);

const ADMIN = 'browser-scan-extras-admin-token-0123';

/**
 * The scans around the files themselves (issue #16): a shelf label printed by labels.pdf sets where
 * the depot stores the next files, a colleague's badge fills the handover, and the courier's scans
 * are checked against the consignment's manifest, and the holder's kode serah, shown as a QR code, is
 * scanned first when the courier collects many at once.
 */
describeWithBrowser('scanning labels, codes and badges in a real browser', () => {
  let service: SpawnedService;
  let dataDir: string;
  let browser: Browser;
  let story: ReturnType<typeof scanStory>;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'jejak-scan-extras-'));
    service = await spawnService({ JEJAK_DATA_DIR: dataDir, JEJAK_ADMIN_TOKEN: ADMIN });
    story = scanStory(service.baseUrl, ADMIN);
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    service?.child.kill('SIGTERM');
    await service?.exited;
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('a depot clerk scans a printed shelf label with the camera: the next files are stored on that shelf; a label of another depot is refused', async () => {
    const officer = await story.token('officer', UNIT);
    const courier = await story.token('courier', undefined, 'KURIR-RAK');
    const depot = await story.token('depot', DEPOT, 'DEPO-RAK');
    const ids = await story.register(officer, 3, 'Berkas rak');
    const transfer = await story.transferOf(officer, ids);
    await story.collect(officer, courier, `/api/transfers/${transfer.id}/events`);
    for (const type of ['dispatched', 'arrived'])
      await story.api.must(courier, 'POST', `/api/transfers/${transfer.id}/events`, { type });
    await story.api.must(ADMIN, 'POST', '/api/locations', {
      id: 'depo-lain-rak',
      name: 'Depo Lain',
      type: 'depot',
    });
    const [[foreign]] = await decodeQrCodes(
      await story.pdf(ADMIN, '/api/labels.pdf?placeId=depo-lain-rak&room=R5&shelves=R5-01'),
    );

    const watched = await openPage(browser, 'phone');
    const { page, context } = watched;
    await context.addInitScript(FAKE_CAMERA);
    // The clerk prints the shelf's label from Rak; what it holds is read back from the PDF, as a
    // camera would see the printed sheet.
    await page.goto(`${service.baseUrl}/depo/rak`);
    await signInWithToken(page, depot);
    await page.getByText('Cetak label rak dan ruang').click();
    await page.getByLabel('Ruang', { exact: true }).fill('R5');
    await page.getByLabel('Rak di ruang itu').fill('R5-01, R5-02');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Unduh label (PDF, lembar 3×8)' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('label-rak-R5.pdf');
    const printed = (await decodeQrCodes(readFileSync(await file.path())))[0];
    expect(printed.map((text) => text.replace(/^https?:\/\/[^/]+/, '')).sort()).toEqual([
      `/rak/${DEPOT}/R5/R5-01`,
      `/rak/${DEPOT}/R5/R5-02`,
      `/ruang/${DEPOT}/R5`,
    ]);
    const shelf = printed.find((text) => text.endsWith('/R5-01'))!;

    // Signed in still (the same tab): on to the consignment's intake.
    await page.goto(`${service.baseUrl}/depo/terima/${encodeURIComponent(transfer.id)}`);
    await page.getByRole('heading', { level: 1, name: /^Penerimaan / }).waitFor();
    await page.getByRole('button', { name: 'Pindai dengan kamera' }).click();
    expect(await show(page, foreign, 'bukan depo tujuan')).toBe('not-in-manifest');
    await expect(page.getByLabel('Rak', { exact: true }).inputValue()).resolves.toBe('');
    expect(await show(page, shelf, 'Rak R5-01 (ruang R5): arsip berikutnya disimpan di sini')).toBe(
      'accepted',
    );
    await expect(page.getByLabel('Ruang', { exact: true }).inputValue()).resolves.toBe('R5');
    await expect(page.getByLabel('Rak', { exact: true }).inputValue()).resolves.toBe('R5-01');
    for (const id of ids) await show(page, story.labelOf(id), `${id}: diterima`);
    await page.getByRole('button', { name: 'Berhenti memindai' }).click();
    await page.getByText('3 dari 3 arsip sudah ditandai.').waitFor();
    await expectAccessible(page, 'intake after a shelf label');
    await page.getByRole('button', { name: 'Simpan hasil penerimaan' }).click();
    await page.getByTestId('intake-done').waitFor();
    for (const id of ids)
      expect((await story.api.must(depot, 'GET', `/api/items/${encodeURIComponent(id)}`)).storage).toEqual({
        room: 'R5',
        shelf: 'R5-01',
      });
    expectClean(watched);
    await context.close();
  });

  it('Ambil against a manifest: a file of another consignment, one scanned twice and a code Jejak does not know are each named; nothing is recorded until all are scanned', async () => {
    const officer = await story.token('officer', UNIT);
    const courier = await story.token('courier', undefined, 'KURIR-MANIFES');
    const ids = await story.register(officer, 3, 'Berkas manifes');
    const [stray] = await story.register(officer, 1, 'Berkas kiriman lain');
    const transfer = await story.transferOf(officer, ids);

    const watched = await openPage(browser, 'phone');
    const { page, context } = watched;
    await page.goto(`${service.baseUrl}/pindai`);
    await signInWithToken(page, courier);
    await page.getByRole('heading', { level: 1, name: 'Pindai' }).waitFor();
    await page.getByLabel(/^Kiriman \(nomor transfer/).fill(transfer.id);
    await page.getByRole('button', { name: 'Muat manifes' }).click();
    await page
      .getByTestId('scan-verdict')
      .filter({ hasText: `${transfer.ba}: 3 arsip di manifes` })
      .waitFor();
    await page.getByTestId('scan-manifest').getByText(`Dicocokkan dengan manifes ${transfer.ba}`).waitFor();
    const field = 'Atau ketik kode label, lalu Enter';
    expect(await typeCode(page, field, story.labelOf(ids[0]), `${ids[0]}: ada di manifes (1 dari 3)`)).toBe(
      'accepted',
    );
    expect(await typeCode(page, field, story.labelOf(ids[0]), `${ids[0]} sudah dipindai`)).toBe('duplicate');
    expect(
      await typeCode(
        page,
        field,
        story.labelOf(stray),
        `${stray}: tidak ada di manifes ini (${transfer.ba})`,
      ),
    ).toBe('not-in-manifest');
    expect(
      await typeCode(page, field, `${service.baseUrl}/i/itm-tidak-ada-sama-sekali`, 'kode tidak dikenal'),
    ).toBe('unknown');
    expect(await typeCode(page, field, story.labelOf(ids[1]), `${ids[1]}: ada di manifes (2 dari 3)`)).toBe(
      'accepted',
    );
    await page.getByTestId('scan-count').getByText('1 dari 3 di manifes belum').waitFor();
    await expectAccessible(page, 'scan session against a manifest');
    await screenshot(page, 'pindai-manifes', 'phone');
    // Two of three scanned: the consignment is not collected, no file of it nor the stray one moved.
    expect((await story.api.must(courier, 'GET', `/api/transfers/${transfer.id}`)).status).toBe('open');
    for (const id of [...ids, stray])
      expect((await story.api.must(courier, 'GET', `/api/items/${encodeURIComponent(id)}`)).status).toBe(
        'registered',
      );
    expectClean(watched, [/^GET \/api\/items\/itm-tidak-ada-sama-sekali 404$/]);
    await context.close();
  });

  it('a courier hands the bag to a colleague by scanning the colleague’s badge', async () => {
    const officer = await story.token('officer', UNIT);
    const giver = await story.token('courier', undefined, 'KURIR-PEMBERI');
    await story.api.must(ADMIN, 'POST', '/api/people', {
      id: 'KURIR-PENERIMA',
      name: 'Dewi Lestari',
      role: 'courier',
    });
    await story.api.must(ADMIN, 'POST', '/api/people', {
      id: 'ARSIP-BUKAN-KURIR',
      name: 'Budi',
      role: 'officer',
      unitId: UNIT,
    });
    const [id] = await story.register(officer, 1, 'Berkas serah rekan');
    await story.collect(officer, giver, `/api/items/${encodeURIComponent(id)}/events`);
    const badgeOf = async (personId: string) =>
      (await decodeQrCodes(await story.pdf(ADMIN, `/api/people/${personId}/badge.pdf`)))[0][0];

    const watched = await openPage(browser, 'phone');
    const { page, context } = watched;
    await context.addInitScript(FAKE_CAMERA);
    await page.goto(`${service.baseUrl}/tas`);
    await signInWithToken(page, giver);
    await page.getByTestId('bag-count').getByText('1 arsip di tas Anda').waitFor();
    await page.getByRole('button', { name: 'Serahkan ke rekan' }).click();
    await page.getByRole('button', { name: 'Pindai kartu rekan' }).click();
    expect(await show(page, story.labelOf(id), 'bukan kartu petugas')).toBe('unknown');
    expect(await show(page, await badgeOf('KURIR-PEMBERI'), 'kartu Anda sendiri')).toBe('refused');
    expect(await show(page, await badgeOf('ARSIP-BUKAN-KURIR'), 'Budi (ARSIP-BUKAN-KURIR) bukan kurir')).toBe(
      'refused',
    );
    await expect(page.getByLabel('Nomor pegawai rekan kurir').inputValue()).resolves.toBe('');
    expect(await show(page, await badgeOf('KURIR-PENERIMA'), 'Rekan: Dewi Lestari (KURIR-PENERIMA)')).toBe(
      'accepted',
    );
    // The camera stops once the colleague is found, and the field holds their id.
    await page.getByRole('button', { name: 'Berhenti memindai' }).waitFor({ state: 'detached' });
    await expect(page.getByLabel('Nomor pegawai rekan kurir').inputValue()).resolves.toBe('KURIR-PENERIMA');
    await expectAccessible(page, 'handover by badge');
    await page.getByRole('button', { name: 'Tawarkan' }).click();
    await page.getByText('Serahkan ke rekan: tercatat untuk 1 arsip.').waitFor();
    const view = await story.api.must(giver, 'GET', `/api/items/${encodeURIComponent(id)}`);
    expect(view.pendingHandover).toMatchObject({ toCustodianId: 'KURIR-PENERIMA' });
    expectClean(watched);
    await context.close();
  });

  it('the holder shows the kode serah as a QR code; the courier scans it, then the files: Ambil is recorded on the consignment with that code', async () => {
    const officer = await story.token('officer', UNIT, 'ARSIP-KODE');
    const courier = await story.token('courier', undefined, 'KURIR-KODE');
    const ids = await story.register(officer, 3, 'Berkas kode serah');
    const transfer = await story.transferOf(officer, ids);

    const desk = await openPage(browser, 'desktop');
    await desk.page.goto(`${service.baseUrl}/transfer/${encodeURIComponent(transfer.id)}`);
    await signInWithToken(desk.page, officer);
    await desk.page.getByRole('button', { name: 'Buat kode serah untuk kurir' }).click();
    const code = (await desk.page.getByTestId('release-code').textContent())!.trim();
    const image = desk.page.getByRole('img', { name: `Kode QR kode serah ${code}` });
    await image.waitFor();
    const shown = (await image.getAttribute('src'))!;
    expect(shown).toMatch(/^data:image\/png;base64,/);

    const phone = await openPage(browser, 'phone');
    const { page, context } = phone;
    await context.addInitScript(FAKE_CAMERA);
    await page.goto(`${service.baseUrl}/pindai`);
    await signInWithToken(page, courier);
    await page.getByRole('heading', { level: 1, name: 'Pindai' }).waitFor();
    await page.getByLabel(/^Kiriman \(nomor transfer/).fill(transfer.id);
    await page.getByRole('button', { name: 'Muat manifes' }).click();
    await page.getByTestId('scan-manifest').waitFor();
    await page.getByRole('button', { name: 'Pindai dengan kamera' }).click();
    // The very image on the holder's screen, held up to the courier's camera.
    await page.evaluate(`window.__showCode(${JSON.stringify(shown)})`);
    await page
      .getByTestId('scan-verdict')
      .filter({ hasText: `Kode serah ${code} dipakai` })
      .waitFor();
    await page.evaluate('window.__showCode(null)');
    await expect(page.getByLabel(/^Kode serah dari petugas/).inputValue()).resolves.toBe(code);
    await show(page, story.labelOf(ids[0]), '1 dari 3');
    await show(page, story.labelOf(ids[1]), '2 dari 3');
    await show(page, story.labelOf(ids[2]), `Ambil kiriman ${transfer.ba}: tercatat`);
    await page.getByRole('button', { name: 'Berhenti memindai' }).click();

    const view = await story.api.eventually(
      () => story.api.must(courier, 'GET', `/api/transfers/${transfer.id}`),
      (answer) => expect(answer.status).toBe('collected'),
    );
    expect(view.custodianId).toBe('KURIR-KODE');
    const trail = await story.api.must(courier, 'GET', `/api/items/${encodeURIComponent(ids[0])}/history`);
    expect(trail.events.at(-1)).toMatchObject({ type: 'collected' });
    expect(JSON.stringify(trail.events.at(-1))).toContain('"method":"code"');
    expectClean(desk);
    expectClean(phone);
    await desk.context.close();
    await context.close();
  });
});
