import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import {
  describeWithBrowser,
  expectClean,
  launchBrowser,
  openPage,
  signInWithToken,
} from '../support/browser';
import { FAKE_CAMERA } from '../support/fake-camera';
import { scanStory, show, UNIT } from '../support/scan-story';
import { spawnService, type SpawnedService } from '../support/spawned-service';

jest.setTimeout(300_000);

const ADMIN = 'browser-release-code-admin-token-0123';

/**
 * Collecting many at once (issue #16): the holder shows the kode serah as a QR code beside the
 * code, the courier's scan session reads it first, then the files of the consignment, and the
 * collect goes to the server with that code as its acknowledgement. Needs a server with two-party
 * custody (the acknowledgement on `collected`).
 */
describeWithBrowser('the kode serah scanned as a QR code', () => {
  let service: SpawnedService;
  let dataDir: string;
  let browser: Browser;
  let story: ReturnType<typeof scanStory>;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'jejak-release-code-'));
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
