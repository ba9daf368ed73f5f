'use strict';
/**
 * Scanning and the outbox in Debian's Chromium (issue #16), against the built service:
 * - scan-to-feedback: from the moment a label's QR code is on the camera's picture (a 640×480
 *   canvas stream standing in for the phone's camera) to the moment the verdict is on the screen,
 *   on /pindai at 360×640 with the app's own decoder (ZXing wasm; Chromium on Linux has no native
 *   BarcodeDetector). Without signal (the action kept in IndexedDB) and with signal (sent and
 *   answered by the server first). Median and p95.
 * - outbox sync: 200 actions kept without signal (typed codes, as a wedge scanner would), then the
 *   signal comes back: the time until the last is recorded ("Semua tercatat di server"), in
 *   actions per second.
 */
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const QRCode = require('qrcode');
const { ADMIN_TOKEN, spawnService } = require('./support/processes');
const { assertChromium, launchChromium } = require('./support/browser');
const { summarise } = require('./support/stats');

// The same fake camera as test/browser/scanning.e2e-spec.ts, plus a timer: __scanTime(url, text)
// shows the code and resolves with the ms until a verdict holding `text` is rendered.
const FAKE_CAMERA = `(() => {
  const canvas = document.createElement('canvas');
  canvas.width = 640;
  canvas.height = 480;
  const context = canvas.getContext('2d');
  let image = null;
  const paint = () => {
    context.fillStyle = '#fff';
    context.fillRect(0, 0, 640, 480);
    if (image) context.drawImage(image, 170, 90, 300, 300);
  };
  paint();
  setInterval(paint, 40);
  navigator.mediaDevices.getUserMedia = async () => canvas.captureStream(15);
  window.__scanTime = (url, text) =>
    new Promise((resolve) => {
      const next = new Image();
      next.onload = () => {
        let shownAt = 0;
        const observer = new MutationObserver(() => {
          const verdict = document.querySelector('[data-testid=scan-verdict]');
          if (shownAt && verdict && verdict.textContent.includes(text)) {
            observer.disconnect();
            const ms = performance.now() - shownAt;
            image = null;
            paint();
            resolve(ms);
          }
        });
        observer.observe(document.body, { subtree: true, childList: true, characterData: true });
        image = next;
        paint();
        shownAt = performance.now();
      };
      next.src = url;
    });
})();`;

const percentile = (values, p) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

async function call(baseUrl, token, method, path, body) {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
      'Idempotency-Key': `${Date.now()}-${Math.random()}`,
    },
    body: body && JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

async function registerMany(baseUrl, officer, count, what) {
  const ids = [];
  for (let i = 1; i <= count; i++)
    ids.push(
      (
        await call(baseUrl, officer, 'POST', '/api/items', {
          kind: 'file',
          title: `${what} ${i}`,
          classificationCode: '900.1.3',
          securityClass: 'biasa',
          originUnitId: 'kec-cikarang-utara',
          year: 2020,
        })
      ).itemId,
    );
  return ids;
}

async function courierPage(browser, baseUrl, token) {
  const context = await browser.newContext({ viewport: { width: 360, height: 640 }, locale: 'id-ID' });
  await context.addInitScript(FAKE_CAMERA);
  await context.addInitScript(`sessionStorage.setItem('jejak.token', ${JSON.stringify(token)})`);
  const page = await context.newPage();
  await page.goto(`${baseUrl}/pindai`);
  await page.getByRole('heading', { level: 1, name: 'Pindai' }).waitFor();
  await page.evaluate('navigator.serviceWorker.ready.then(() => true)');
  await page.locator('html[data-decoder-cached="true"]').waitFor({ state: 'attached' });
  return { context, page };
}

/** The officer's kode serah, typed in before scanning: it releases every file of the sitting. */
async function typeReleaseCode(page, baseUrl, officer) {
  const { code } = await call(baseUrl, officer, 'POST', '/api/release-codes', {
    placeId: 'kec-cikarang-utara',
  });
  await page.getByLabel('Kode serah dari petugas (pindai atau ketik dulu)').fill(code);
}

async function scanToFeedback(browser, baseUrl, officer, courier, count, offline) {
  const ids = await registerMany(
    baseUrl,
    officer,
    count,
    `Berkas ukur pindai ${offline ? 'luring' : 'daring'}`,
  );
  const { context, page } = await courierPage(browser, baseUrl, courier);
  try {
    await typeReleaseCode(page, baseUrl, officer);
    if (offline) await context.setOffline(true);
    await page.getByRole('button', { name: 'Pindai dengan kamera' }).click();
    await page.locator('video').waitFor();
    const times = [];
    for (const id of ids) {
      const url = await QRCode.toDataURL(`${baseUrl}/i/${id}`, { margin: 4, width: 300 });
      const answer = offline ? `${id}: disimpan di ponsel` : `${id}: tercatat`;
      times.push(await page.evaluate(`window.__scanTime(${JSON.stringify(url)}, ${JSON.stringify(answer)})`));
    }
    // The first scan loads the decoder too: reported apart, the rest are the steady state.
    return { first: times[0], rest: times.slice(1) };
  } finally {
    await context.close();
  }
}

async function outboxSync(browser, baseUrl, officer, courier, count) {
  const ids = await registerMany(baseUrl, officer, count, 'Berkas ukur sinkron');
  const { context, page } = await courierPage(browser, baseUrl, courier);
  try {
    await typeReleaseCode(page, baseUrl, officer);
    await context.setOffline(true);
    const field = page.getByLabel('Atau ketik kode label, lalu Enter');
    for (const id of ids) {
      await field.fill(`${baseUrl}/i/${id}`);
      await field.press('Enter');
    }
    await page
      .getByTestId('sync-waiting')
      .getByText(`${count} menunggu sinkron`)
      .waitFor({ timeout: 120_000 });
    const started = Date.now();
    await context.setOffline(false);
    await page
      .getByTestId('sync-waiting')
      .getByText('Semua tercatat di server')
      .waitFor({ timeout: 300_000 });
    const ms = Date.now() - started;
    const last = await call(baseUrl, officer, 'GET', `/api/items/${ids[count - 1]}`);
    if (last.status !== 'collected') throw new Error(`the last action was not recorded (${last.status})`);
    return { ms, perSecond: (count * 1000) / ms };
  } finally {
    await context.close();
  }
}

async function run({ quick = false, log = () => {} } = {}) {
  assertChromium();
  const dataDir = mkdtempSync(join(tmpdir(), 'jejak-bench-scan-'));
  const service = await spawnService(dataDir);
  const browser = await launchChromium();
  const scans = quick ? 8 : 40;
  const actions = quick ? 40 : 200;
  const runs = quick ? 1 : 3;
  try {
    const token = async (role, unitId, principalId) =>
      (
        await call(service.baseUrl, ADMIN_TOKEN, 'POST', '/api/tokens', {
          name: `${role} bench`,
          role,
          unitId,
          principalId,
        })
      ).token;
    const officer = await token('officer', 'kec-cikarang-utara');
    const offline = [];
    const online = [];
    const firsts = [];
    const syncs = [];
    for (let i = 0; i < runs; i++) {
      const off = await scanToFeedback(
        browser,
        service.baseUrl,
        officer,
        await token('courier', undefined, `KURIR-UKUR-A${i}`),
        scans,
        true,
      );
      const on = await scanToFeedback(
        browser,
        service.baseUrl,
        officer,
        await token('courier', undefined, `KURIR-UKUR-B${i}`),
        scans,
        false,
      );
      offline.push(...off.rest);
      online.push(...on.rest);
      firsts.push(off.first, on.first);
      const sync = await outboxSync(
        browser,
        service.baseUrl,
        officer,
        await token('courier', undefined, `KURIR-UKUR-S${i}`),
        actions,
      );
      syncs.push(sync);
      log(
        `scan: run ${i + 1}: offline median ${summarise(off.rest, 0).median} ms, online ${summarise(on.rest, 0).median} ms; ` +
          `${actions} actions synced in ${sync.ms} ms (${sync.perSecond.toFixed(1)}/s)`,
      );
    }
    const stats = (values) => ({
      ...summarise(values, 0),
      p95: Math.round(percentile(values, 95)),
      samples: values.length,
    });
    const figures = {
      scanToFeedbackOfflineMs: stats(offline),
      scanToFeedbackOnlineMs: stats(online),
      firstScanWithDecoderLoadMs: stats(firsts),
      outboxActions: actions,
      outboxSyncMs: summarise(
        syncs.map((s) => s.ms),
        0,
      ),
      outboxSyncPerSecond: summarise(
        syncs.map((s) => s.perSecond),
        1,
      ),
    };
    return {
      options: { runs, scansPerRun: scans, actions, viewport: '360x640', frameMs: 166 },
      figures,
      checks: [
        {
          target: 'scan to feedback without signal, median <= 500 ms (camera at ~6 frames/s)',
          value: figures.scanToFeedbackOfflineMs.median,
          unit: 'ms',
          met: figures.scanToFeedbackOfflineMs.median <= 500,
        },
        {
          target: `outbox of ${actions} actions synced, none lost (median)`,
          value: figures.outboxSyncPerSecond.median,
          unit: 'actions/s',
          met: syncs.length === runs,
        },
      ],
    };
  } finally {
    await browser.close();
    await service.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

module.exports = { run };

if (require.main === module) {
  run({ quick: process.env.BENCH_QUICK === '1', log: (line) => process.stderr.write(`${line}\n`) }).then(
    (result) => process.stdout.write(`${JSON.stringify(result, null, 2)}\n`),
    (error) => {
      process.stderr.write(`${error.stack}\n`);
      process.exit(1);
    },
  );
}
