import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import QRCode from 'qrcode';
import { apiClient } from '../support/api-client';
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
import { spawnService, type SpawnedService } from '../support/spawned-service';

jest.setTimeout(300_000);

const ADMIN = 'browser-scan-extras-admin-token-0123';
const UNIT = 'kec-cikarang-utara';
const DEPOT = 'depo-arsip-bekasi';

/**
 * The scans around the files themselves (issue #16): a shelf label printed by labels.pdf sets where
 * the depot stores the next files, the holder's kode serah shown as a QR code starts the courier's
 * collect, a colleague's badge fills the handover, and the courier's scans are checked against the
 * consignment's manifest.
 */
describeWithBrowser('scanning labels, codes and badges in a real browser', () => {
  let service: SpawnedService;
  let dataDir: string;
  let browser: Browser;
  let api: ReturnType<typeof apiClient>;
  let serial = 0;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'jejak-scan-extras-'));
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

  const register = async (officer: string, count: number, what: string): Promise<string[]> => {
    const ids: string[] = [];
    for (let i = 1; i <= count; i++)
      ids.push(
        (
          await api.must(officer, 'POST', '/api/items', {
            kind: 'file',
            title: `${what} nomor ${i}`,
            classificationCode: '900.1.3',
            securityClass: 'biasa',
            originUnitId: UNIT,
            year: 2021,
          })
        ).itemId,
      );
    return ids;
  };

  const transferOf = async (officer: string, itemIds: string[]): Promise<{ id: string; ba: string }> => {
    const ba = `BA-SCAN-${++serial}/ARS/2026`;
    const { transferId } = await api.must(officer, 'POST', '/api/transfers', {
      baNumber: ba,
      fromId: UNIT,
      toId: DEPOT,
      itemIds,
    });
    return { id: transferId as string, ba };
  };

  /**
   * The courier collects, with the holder's kode serah. A server from before two-party custody
   * (issue #16's `ack` work) refuses the acknowledgement field itself; then it is collected without.
   */
  const collect = async (officer: string, courier: string, path: string) => {
    const { code } = await api.must(officer, 'POST', '/api/release-codes', { placeId: UNIT });
    const withCode = await api.call(courier, 'POST', path, {
      type: 'collected',
      acknowledgement: { method: 'code', code },
    });
    if (withCode.status === 201) return;
    if (withCode.status === 400 && JSON.stringify(withCode.body).includes('acknowledgement should not exist'))
      return void (await api.must(courier, 'POST', path, { type: 'collected' }));
    throw new Error(`collect ${path}: ${withCode.status} ${JSON.stringify(withCode.body)}`);
  };

  const pdf = async (reader: string, path: string): Promise<Buffer> => {
    const response = await fetch(`${service.baseUrl}${path}`, {
      headers: { Authorization: `Bearer ${reader}` },
    });
    if (response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return Buffer.from(await response.arrayBuffer());
  };

  const labelOf = (id: string) => `${service.baseUrl}/i/${encodeURIComponent(id)}`;
  const qr = (text: string) => QRCode.toDataURL(text, { margin: 4, width: 300 });

  /** Holds a code in front of the fake camera until the app answers with `answer`, then takes it away. */
  async function show(page: Page, text: string, answer: string | RegExp): Promise<string | null> {
    await page.evaluate(`window.__showCode(${JSON.stringify(await qr(text))})`);
    const verdict = page.getByTestId('scan-verdict').filter({ hasText: answer });
    await verdict.waitFor().catch(async (error) => {
      throw new Error(`${String(error)}; shown: ${await page.getByTestId('scan-verdict').allTextContents()}`);
    });
    await page.evaluate('window.__showCode(null)');
    return verdict.getAttribute('data-verdict');
  }

  /** Types a code as a keyboard-wedge scanner would (the code and Enter) and waits for the answer. */
  async function typeCode(page: Page, field: string, text: string, answer: string | RegExp) {
    await page.getByLabel(field).fill(text);
    await page.getByLabel(field).press('Enter');
    const verdict = page.getByTestId('scan-verdict').filter({ hasText: answer });
    await verdict.waitFor().catch(async (error) => {
      throw new Error(`${String(error)}; shown: ${await page.getByTestId('scan-verdict').allTextContents()}`);
    });
    return verdict.getAttribute('data-verdict');
  }

  it('a depot clerk scans a printed shelf label with the camera: the next files are stored on that shelf; a label of another depot is refused', async () => {
    const officer = await token('officer', UNIT);
    const courier = await token('courier', undefined, 'KURIR-RAK');
    const depot = await token('depot', DEPOT, 'DEPO-RAK');
    const ids = await register(officer, 3, 'Berkas rak');
    const transfer = await transferOf(officer, ids);
    await collect(officer, courier, `/api/transfers/${transfer.id}/events`);
    for (const type of ['dispatched', 'arrived'])
      await api.must(courier, 'POST', `/api/transfers/${transfer.id}/events`, { type });
    await api.must(ADMIN, 'POST', '/api/locations', {
      id: 'depo-lain-rak',
      name: 'Depo Lain',
      type: 'depot',
    });
    // What the printed labels hold, read back from the PDF as a camera would see the sheet.
    const [[shelf]] = await decodeQrCodes(
      await pdf(depot, `/api/labels.pdf?placeId=${DEPOT}&room=R5&shelves=R5-01`),
    );
    const [[foreign]] = await decodeQrCodes(
      await pdf(ADMIN, '/api/labels.pdf?placeId=depo-lain-rak&room=R5&shelves=R5-01'),
    );
    // On JEJAK_PUBLIC_BASE_URL (here localhost): the scanner goes by the path, not the host.
    expect(shelf).toMatch(new RegExp(`^https?://[^/]+/rak/${DEPOT}/R5/R5-01$`));

    const watched = await openPage(browser, 'phone');
    const { page, context } = watched;
    await context.addInitScript(FAKE_CAMERA);
    await page.goto(`${service.baseUrl}/depo/terima/${encodeURIComponent(transfer.id)}`);
    await signInWithToken(page, depot);
    await page.getByRole('heading', { level: 1, name: /^Penerimaan / }).waitFor();
    await page.getByRole('button', { name: 'Pindai dengan kamera' }).click();
    expect(await show(page, foreign, 'bukan depo tujuan')).toBe('not-in-manifest');
    await expect(page.getByLabel('Rak', { exact: true }).inputValue()).resolves.toBe('');
    expect(await show(page, shelf, 'Rak R5-01 (ruang R5): arsip berikutnya disimpan di sini')).toBe(
      'accepted',
    );
    await expect(page.getByLabel('Ruang', { exact: true }).inputValue()).resolves.toBe('R5');
    await expect(page.getByLabel('Rak', { exact: true }).inputValue()).resolves.toBe('R5-01');
    for (const id of ids) await show(page, labelOf(id), `${id}: diterima`);
    await page.getByRole('button', { name: 'Berhenti memindai' }).click();
    await page.getByText('3 dari 3 arsip sudah ditandai.').waitFor();
    await expectAccessible(page, 'intake after a shelf label');
    await page.getByRole('button', { name: 'Simpan hasil penerimaan' }).click();
    await page.getByTestId('intake-done').waitFor();
    for (const id of ids)
      expect((await api.must(depot, 'GET', `/api/items/${encodeURIComponent(id)}`)).storage).toEqual({
        room: 'R5',
        shelf: 'R5-01',
      });
    expectClean(watched);
    await context.close();
  });

  it('Ambil against a manifest: a file of another consignment, one scanned twice and a code Jejak does not know are each named; nothing is recorded until all are scanned', async () => {
    const officer = await token('officer', UNIT);
    const courier = await token('courier', undefined, 'KURIR-MANIFES');
    const ids = await register(officer, 3, 'Berkas manifes');
    const [stray] = await register(officer, 1, 'Berkas kiriman lain');
    const transfer = await transferOf(officer, ids);

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
    expect(await typeCode(page, field, labelOf(ids[0]), `${ids[0]}: ada di manifes (1 dari 3)`)).toBe(
      'accepted',
    );
    expect(await typeCode(page, field, labelOf(ids[0]), `${ids[0]} sudah dipindai`)).toBe('duplicate');
    expect(
      await typeCode(page, field, labelOf(stray), `${stray}: tidak ada di manifes ini (${transfer.ba})`),
    ).toBe('not-in-manifest');
    expect(
      await typeCode(page, field, `${service.baseUrl}/i/itm-tidak-ada-sama-sekali`, 'kode tidak dikenal'),
    ).toBe('unknown');
    expect(await typeCode(page, field, labelOf(ids[1]), `${ids[1]}: ada di manifes (2 dari 3)`)).toBe(
      'accepted',
    );
    await page.getByTestId('scan-count').getByText('1 dari 3 di manifes belum').waitFor();
    await expectAccessible(page, 'scan session against a manifest');
    await screenshot(page, 'pindai-manifes', 'phone');
    // Two of three scanned: the consignment is not collected, no file of it nor the stray one moved.
    expect((await api.must(courier, 'GET', `/api/transfers/${transfer.id}`)).status).toBe('open');
    for (const id of [...ids, stray])
      expect((await api.must(courier, 'GET', `/api/items/${encodeURIComponent(id)}`)).status).toBe(
        'registered',
      );
    expectClean(watched, [/^GET \/api\/items\/itm-tidak-ada-sama-sekali 404$/]);
    await context.close();
  });

  it('a courier hands the bag to a colleague by scanning the colleague’s badge', async () => {
    const officer = await token('officer', UNIT);
    const giver = await token('courier', undefined, 'KURIR-PEMBERI');
    await api.must(ADMIN, 'POST', '/api/people', {
      id: 'KURIR-PENERIMA',
      name: 'Dewi Lestari',
      role: 'courier',
    });
    await api.must(ADMIN, 'POST', '/api/people', {
      id: 'ARSIP-BUKAN-KURIR',
      name: 'Budi',
      role: 'officer',
      unitId: UNIT,
    });
    const [id] = await register(officer, 1, 'Berkas serah rekan');
    await collect(officer, giver, `/api/items/${encodeURIComponent(id)}/events`);
    const badgeOf = async (personId: string) =>
      (await decodeQrCodes(await pdf(ADMIN, `/api/people/${personId}/badge.pdf`)))[0][0];

    const watched = await openPage(browser, 'phone');
    const { page, context } = watched;
    await context.addInitScript(FAKE_CAMERA);
    await page.goto(`${service.baseUrl}/tas`);
    await signInWithToken(page, giver);
    await page.getByTestId('bag-count').getByText('1 arsip di tas Anda').waitFor();
    await page.getByRole('button', { name: 'Serahkan ke rekan' }).click();
    await page.getByRole('button', { name: 'Pindai kartu rekan' }).click();
    expect(await show(page, labelOf(id), 'bukan kartu petugas')).toBe('unknown');
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
    const view = await api.must(giver, 'GET', `/api/items/${encodeURIComponent(id)}`);
    expect(view.pendingHandover).toMatchObject({ toCustodianId: 'KURIR-PENERIMA' });
    expectClean(watched);
    await context.close();
  });

  it('the holder shows the kode serah as a QR code; the courier scans it, then the files: Ambil is recorded on the consignment with that code', async () => {
    const officer = await token('officer', UNIT, 'ARSIP-KODE');
    const courier = await token('courier', undefined, 'KURIR-KODE');
    const ids = await register(officer, 3, 'Berkas kode serah');
    const transfer = await transferOf(officer, ids);

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
    await show(page, labelOf(ids[0]), '1 dari 3');
    await show(page, labelOf(ids[1]), '2 dari 3');
    await show(page, labelOf(ids[2]), `Ambil kiriman ${transfer.ba}: tercatat`);
    await page.getByRole('button', { name: 'Berhenti memindai' }).click();

    const view = await api.eventually(
      () => api.must(courier, 'GET', `/api/transfers/${transfer.id}`),
      (answer) => expect(answer.status).toBe('collected'),
    );
    expect(view.custodianId).toBe('KURIR-KODE');
    const trail = await api.must(courier, 'GET', `/api/items/${encodeURIComponent(ids[0])}/history`);
    expect(trail.events.at(-1)).toMatchObject({ type: 'collected' });
    expect(JSON.stringify(trail.events.at(-1))).toContain('"method":"code"');
    expectClean(desk);
    expectClean(phone);
    await desk.context.close();
    await context.close();
  });
});
