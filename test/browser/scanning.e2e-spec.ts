import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import QRCode from 'qrcode';
import { SIGNED } from '../support/acknowledgements';
import { apiClient } from '../support/api-client';
import {
  describeWithBrowser,
  expectAccessible,
  expectClean,
  launchBrowser,
  openPage,
  screenshot,
  signInWithToken,
  type WatchedPage,
} from '../support/browser';
import { spawnService, type SpawnedService } from '../support/spawned-service';
import { FAKE_CAMERA } from '../support/fake-camera';

jest.setTimeout(300_000);

const ADMIN = 'browser-scan-admin-token-0123456789';
const UNIT = 'kec-cikarang-utara';
const DEPOT = 'depo-arsip-bekasi';

interface Trail {
  events: { type: string; occurredAt: string; recordedAt: string; eventId: string }[];
}

/**
 * Scanning in a real browser against the real built service (issue #16): a courier's phone without
 * signal scanning labels with its camera, and a depot clerk's USB scanner typing codes and Enter.
 */
describeWithBrowser('scanning and offline in a real browser', () => {
  let service: SpawnedService;
  let dataDir: string;
  let browser: Browser;
  let api: ReturnType<typeof apiClient>;
  let serial = 0;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'jejak-scan-'));
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

  const registerMany = async (officer: string, count: number, what: string): Promise<string[]> => {
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
            year: 2020,
          })
        ).itemId,
      );
    return ids;
  };

  const labelOf = (id: string) => `${service.baseUrl}/i/${encodeURIComponent(id)}`;
  const qrOf = (id: string) => QRCode.toDataURL(labelOf(id), { margin: 4, width: 300 });

  /** Shows each label to the fake camera in turn; the scan time of each lies between the two instants. */
  async function scanAll(page: Page, ids: string[], answer: string) {
    const windows: { from: number; to: number }[] = [];
    for (const id of ids) {
      const from = await page.evaluate<number>(`window.__showCode(${JSON.stringify(await qrOf(id))})`);
      await page
        .getByTestId('scan-verdict')
        .filter({ hasText: `${id}: ${answer}` })
        .waitFor();
      windows.push({ from, to: Date.now() });
      await page.evaluate('window.__showCode(null)');
    }
    return windows;
  }

  async function courierOffline(name: string): Promise<{
    watched: WatchedPage;
    context: BrowserContext;
    ids: string[];
    windows: { from: number; to: number }[];
  }> {
    const officer = await token('officer', UNIT);
    const courier = await token('courier', undefined, name);
    const ids = await registerMany(officer, 20, `Berkas desa ${name}`);
    const watched = await openPage(browser, 'phone');
    const { page, context } = watched;
    await context.addInitScript(FAKE_CAMERA);
    await page.goto(`${service.baseUrl}/pindai`);
    await signInWithToken(page, courier);
    await page.getByRole('heading', { level: 1, name: 'Pindai' }).waitFor();
    // The shell and the decoder are in the service worker's cache before the signal goes.
    await page.evaluate('navigator.serviceWorker.ready.then(() => true)');
    await page.locator('html[data-decoder-cached="true"]').waitFor({ state: 'attached' });
    // The officer's kode serah, typed in while there is still signal: it releases every file.
    const { code } = await api.must(officer, 'POST', '/api/release-codes', { placeId: UNIT });
    await page.getByLabel('Kode serah dari petugas (pindai atau ketik dulu)').fill(code);
    await context.setOffline(true);
    // The page learns of it a moment after the call returns: an action taken in between goes out.
    await page.waitForFunction('!navigator.onLine');
    await page.getByRole('button', { name: 'Pindai dengan kamera' }).click();
    const collected = await scanAll(page, ids, 'disimpan di ponsel');
    await page.getByTestId('sync-waiting').getByText('20 menunggu sinkron').waitFor();
    await page.getByLabel('Kirim', { exact: true }).check();
    await page.getByLabel(/^Tujuan/).fill(DEPOT);
    const dispatched = await scanAll(page, ids, 'disimpan di ponsel');
    // A label shown again in the same step is "already scanned", and nothing more is kept.
    await page.evaluate(`window.__showCode(${JSON.stringify(await qrOf(ids[0]))})`);
    await page
      .getByTestId('scan-verdict')
      .filter({ hasText: `${ids[0]} sudah dipindai` })
      .waitFor()
      .catch(async (error) => {
        throw new Error(`${String(error)}; shown: ${await page.getByTestId('scan-verdict').textContent()}`);
      });
    expect(await page.getByTestId('scan-verdict').getAttribute('data-verdict')).toBe('duplicate');
    await page.evaluate('window.__showCode(null)');
    await page.getByTestId('sync-waiting').getByText('40 menunggu sinkron').waitFor();
    await screenshot(page, 'pindai-tanpa-sinyal', 'phone');
    await page.getByRole('button', { name: 'Berhenti memindai' }).click();
    // Still without signal: the app opens again and its outbox has every action (not "0 waiting").
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Pindai' }).waitFor();
    await page.getByTestId('sync-waiting').getByText('40 menunggu sinkron').waitFor();
    return { watched, context, ids, windows: [...collected, ...dispatched] };
  }

  /** Exactly registered, collected, dispatched on each item, at the scan times, recorded in scan order. */
  async function expectRecordedOnce(ids: string[], windows: { from: number; to: number }[], reader: string) {
    const trails: Trail[] = [];
    for (const id of ids)
      trails.push(
        await api.eventually(
          () => api.must(reader, 'GET', `/api/items/${encodeURIComponent(id)}/history`) as Promise<Trail>,
          (trail) => expect(trail.events.map((e) => e.type)).toContain('dispatched'),
        ),
      );
    trails.forEach((trail) =>
      expect(trail.events.map((e) => e.type)).toEqual(['registered', 'collected', 'dispatched']),
    );
    // Scan order: the 20 Ambil, then the 20 Kirim, each at the time of its own scan.
    const scanned = [...trails.map((t) => t.events[1]), ...trails.map((t) => t.events[2])];
    scanned.forEach((event, i) => {
      const at = Date.parse(event.occurredAt);
      expect(at).toBeGreaterThanOrEqual(windows[i].from);
      expect(at).toBeLessThanOrEqual(windows[i].to);
      if (i > 0) {
        expect(at).toBeGreaterThan(Date.parse(scanned[i - 1].occurredAt));
        // Sent in that order too: each recorded no earlier than the one scanned before it.
        expect(Date.parse(event.recordedAt)).toBeGreaterThanOrEqual(Date.parse(scanned[i - 1].recordedAt));
      }
    });
  }

  it('a courier offline collects and dispatches 20 files by camera scans, reloads, and back online each is recorded once, in scan order, at the scan time', async () => {
    const { watched, context, ids, windows } = await courierOffline('KURIR-PINDAI');
    const reader = await token('auditor');
    expect((await api.must(reader, 'GET', `/api/items/${encodeURIComponent(ids[0])}`)).status).toBe(
      'registered',
    );
    await context.setOffline(false);
    await watched.page
      .getByTestId('sync-waiting')
      .getByText('Semua tercatat di server')
      .waitFor()
      .catch(async (error) => {
        throw new Error(
          `${String(error)}; shown: ${await watched.page.getByTestId('sync-status').textContent()}; ${watched.refusals.join(', ')}; ${watched.errors.join(', ')}`,
        );
      });
    await watched.page
      .getByTestId('sync-status')
      .getByText(/Terakhir sinkron \d\d\.\d\d/)
      .waitFor();
    await expectRecordedOnce(ids, windows, reader);
    await screenshot(watched.page, 'pindai-tersinkron', 'phone');
    expectClean(watched);
    await context.close();
  });

  it('the network cut in the middle of the sync (one answer lost on the way back): still nothing lost, nothing doubled', async () => {
    const { watched, context, ids, windows } = await courierOffline('KURIR-PUTUS');
    const reader = await token('auditor');
    let posts = 0;
    await context.route('**/api/items/*/events', async (route) => {
      posts++;
      if (posts !== 16) return route.continue();
      // The 16th action reaches the server and is recorded; its answer never reaches the phone.
      await route.fetch();
      await context.setOffline(true);
      // Going offline may already have failed the request: either way its answer is lost.
      await route.abort('internetdisconnected').catch(() => undefined);
    });
    await context.setOffline(false);
    await watched.page.getByTestId('sync-waiting').getByText('25 menunggu sinkron').waitFor();
    await context.unroute('**/api/items/*/events');
    await context.setOffline(false);
    await watched.page.getByTestId('sync-waiting').getByText('Semua tercatat di server').waitFor();
    await expectRecordedOnce(ids, windows, reader);
    expectClean(watched);
    await context.close();
  });

  it('a depot clerk takes in a 50-file transfer with a keyboard-wedge scanner; a file of another open transfer is named and refused', async () => {
    const officer = await token('officer', UNIT);
    const courier = await token('courier', undefined, 'KURIR-DEPO-50');
    const depot = await token('depot', DEPOT, 'DEPO-50');
    const ids = await registerMany(officer, 50, 'Berkas boks depo');
    const [stray] = await registerMany(officer, 1, 'Berkas kiriman lain');
    const transfer = async (itemIds: string[], ba: string) => {
      const { transferId } = await api.must(officer, 'POST', '/api/transfers', {
        baNumber: ba,
        fromId: UNIT,
        toId: DEPOT,
        itemIds,
      });
      for (const type of ['collected', 'dispatched', 'arrived'])
        await api.must(courier, 'POST', `/api/transfers/${transferId}/events`, {
          type,
          ...(type === 'collected' ? { acknowledgement: SIGNED } : {}),
        });
      return transferId as string;
    };
    const mine = await transfer(ids, `BA-50-${++serial}/ARS/2026`);
    const otherBa = `BA-LAIN-${++serial}/ARS/2026`;
    const other = await transfer([stray], otherBa);

    const watched = await openPage(browser, 'desktop');
    const { page } = watched;
    await page.goto(`${service.baseUrl}/depo/terima/${encodeURIComponent(mine)}`);
    await signInWithToken(page, depot);
    await page.getByRole('heading', { level: 1, name: /^Penerimaan / }).waitFor();
    await page.getByText('0 dari 50 arsip sudah ditandai.').waitFor();
    const field = page.getByLabel(/Pindai atau ketik ID arsip/);
    await field.focus();
    // A scanner types fast and ends with Enter; no click between codes.
    await page.keyboard.type('RAK:R3/R3-01');
    await page.keyboard.press('Enter');
    await page.getByTestId('scan-verdict').filter({ hasText: 'Rak R3-01 (ruang R3)' }).waitFor();
    const started = Date.now();
    for (const [index, id] of ids.entries()) {
      await page.keyboard.type(labelOf(id));
      await page.keyboard.press(index === 7 ? 'Tab' : 'Enter');
      if (index === 24) {
        await page.keyboard.type(labelOf(stray));
        await page.keyboard.press('Enter');
      }
    }
    await page.getByText('50 dari 50 arsip sudah ditandai.').waitFor();
    const took = Date.now() - started;
    process.stdout.write(`\n  50-file wedge intake: ${took} ms from first code to all marked\n`);
    await page.getByTestId('scan-verdict').filter({ hasText: ids[49] }).waitFor();
    await page.keyboard.type(labelOf(stray));
    await page.keyboard.press('Enter');
    const refusal = page.getByTestId('scan-verdict').filter({ hasText: `${otherBa} (transfer ${other})` });
    await refusal.waitFor();
    expect(await refusal.getAttribute('data-verdict')).toBe('not-in-manifest');
    await expect(page.evaluate('document.activeElement.id')).resolves.toBe('scan');
    await expect(field.inputValue()).resolves.toBe('');
    expect(await page.getByTestId(`intake-${stray}`).count()).toBe(0);
    await page.keyboard.type(labelOf(ids[3]));
    await page.keyboard.press('Enter');
    await page
      .getByTestId('scan-verdict')
      .filter({ hasText: `${ids[3]}: sudah dipindai` })
      .waitFor();
    await expectAccessible(page, 'intake by wedge scanner');
    await screenshot(page, 'depo-pindai-50', 'desktop');
    await page.getByRole('button', { name: 'Simpan hasil penerimaan' }).click();
    await page.getByTestId('intake-done').getByText('selesai').waitFor();

    const view = await api.must(depot, 'GET', `/api/transfers/${mine}`);
    expect(view.status).toBe('completed');
    expect(view.items).toHaveLength(50);
    for (const item of view.items) {
      expect(item.intake.outcome).toBe('received');
      expect(item.storage).toMatchObject({ room: 'R3', shelf: 'R3-01' });
    }
    expect((await api.must(depot, 'GET', `/api/transfers/${other}`)).status).toBe('arrived');

    // Stock-taking of that shelf, then a file moved to another shelf, by scanning.
    await page.getByRole('link', { name: 'Rak', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: /^Rak/ }).waitFor();
    const shelfField = page.getByLabel(/Pindai label rak/);
    await shelfField.focus();
    await page.keyboard.type(`${service.baseUrl}/rak/R3/R3-01`);
    await page.keyboard.press('Enter');
    await page.getByTestId('scan-verdict').filter({ hasText: '50 arsip tercatat di sini' }).waitFor();
    for (const id of ids.slice(0, 3)) {
      await page.keyboard.type(labelOf(id));
      await page.keyboard.press('Enter');
    }
    await page
      .getByTestId('shelf-summary')
      .getByText('50 tercatat, 3 ditemukan, 47 belum ditemukan')
      .waitFor();
    await page.keyboard.type(labelOf(stray));
    await page.keyboard.press('Enter');
    await page.getByTestId('scan-verdict').filter({ hasText: 'menurut catatan bukan di rak ini' }).waitFor();
    await page.keyboard.type('RAK:R4/R4-02');
    await page.keyboard.press('Enter');
    await page.getByTestId('scan-verdict').filter({ hasText: '0 arsip tercatat di sini' }).waitFor();
    await page.getByLabel(/Pindahkan ke rak ini/).check();
    await shelfField.focus();
    await page.keyboard.type(labelOf(ids[0]));
    await page.keyboard.press('Enter');
    await page
      .getByTestId('scan-verdict')
      .filter({ hasText: `${ids[0]}: dipindah ke rak R4-02` })
      .waitFor();
    await screenshot(page, 'depo-rak', 'desktop');
    const moved = await api.must(depot, 'GET', `/api/items/${encodeURIComponent(ids[0])}/history`);
    expect(moved.events.at(-1)).toMatchObject({ type: 'relocated' });
    expect((await api.must(depot, 'GET', `/api/items/${encodeURIComponent(ids[0])}`)).storage).toMatchObject({
      room: 'R4',
      shelf: 'R4-02',
    });
    expect((await api.must(depot, 'GET', `/api/items/${encodeURIComponent(stray)}`)).status).toBe('arrived');
    expectClean(watched);
    await watched.context.close();
  });

  it('the scan session at phone and desktop size: the camera answers in colour, typed codes too', async () => {
    const officer = await token('officer', UNIT);
    const courier = await token('courier', undefined, 'KURIR-LAYAR');
    const [id] = await registerMany(officer, 1, 'Berkas layar');
    for (const viewport of ['phone', 'desktop'] as const) {
      const watched = await openPage(browser, viewport);
      const { page, context } = watched;
      await context.addInitScript(FAKE_CAMERA);
      await page.goto(`${service.baseUrl}/pindai`);
      await signInWithToken(page, courier);
      await page.getByRole('heading', { level: 1, name: 'Pindai' }).waitFor();
      const { code } = await api.must(officer, 'POST', '/api/release-codes', { placeId: UNIT });
      await page.getByLabel('Kode serah dari petugas (pindai atau ketik dulu)').fill(code);
      await page.getByLabel('Atau ketik kode label, lalu Enter').fill('https://contoh.example/bukan-label');
      await page.keyboard.press('Enter');
      await page.getByTestId('scan-verdict').filter({ hasText: 'bukan label arsip Jejak' }).waitFor();
      expect(await page.getByTestId('scan-verdict').getAttribute('data-verdict')).toBe('unknown');
      await page.getByRole('button', { name: 'Pindai dengan kamera' }).click();
      if (viewport === 'phone') {
        await scanAll(page, [id], 'tercatat');
      } else {
        // Another phone, a new session: the server itself refuses a second Ambil, and says why.
        await page.evaluate(`window.__showCode(${JSON.stringify(await qrOf(id))})`);
        await page
          .getByTestId('scan-verdict')
          .filter({ hasText: `${id}: ditolak server` })
          .waitFor();
      }
      await expectAccessible(page, `scan session ${viewport}`);
      await screenshot(page, 'pindai', viewport);
      await page.getByRole('button', { name: 'Berhenti memindai' }).click();
      expectClean(watched, viewport === 'desktop' ? [/^POST \/api\/items\/[^/]+\/events 4\d\d$/] : []);
      await context.close();
    }
    expect((await api.must(courier, 'GET', `/api/items/${encodeURIComponent(id)}`)).status).toBe('collected');
  });
});
