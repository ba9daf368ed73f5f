'use strict';
/**
 * The courier's first load of the web app (web-app.md "Quality bars"): the bytes of the app shell
 * (index.html, scripts, styles) as gzip would send them, and the time until "Tas saya" shows the
 * bag, on a fresh profile (no cache) under a slow-4G profile (150 ms RTT, 1.6 Mbit/s down,
 * 750 kbit/s up) with the CPU slowed 4x, as Lighthouse's mobile preset does. Debian's Chromium.
 * Targets: <= 250 KB gzipped, usable <= 3 s.
 */
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { gzipSync } = require('node:zlib');
const { ADMIN_TOKEN, spawnService } = require('./support/processes');
const { assertChromium, launchChromium } = require('./support/browser');
const { summarise } = require('./support/stats');

const SLOW_4G = {
  offline: false,
  latency: 150,
  downloadThroughput: (1.6e6 / 8) | 0,
  uploadThroughput: (750e3 / 8) | 0,
};

async function firstLoad(browser, baseUrl, token) {
  const context = await browser.newContext({ viewport: { width: 360, height: 640 } });
  const page = await context.newPage();
  // Signed in already, as a courier's phone is after the first day: the token is in this tab.
  await page.addInitScript(`sessionStorage.setItem('jejak.token', ${JSON.stringify(token)})`);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const shell = [];
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (!url.pathname.startsWith('/api/'))
      shell.push(response.body().then((body) => ({ url: url.pathname, body })));
  });
  const started = Date.now();
  await page.goto(`${baseUrl}/tas`);
  await page.getByTestId('bag-count').getByText('arsip di tas Anda').waitFor({ timeout: 30_000 });
  const usableMs = Date.now() - started;
  const files = await Promise.all(shell);
  await context.close();
  return {
    usableMs,
    files: files.map((f) => f.url),
    rawKb: files.reduce((sum, f) => sum + f.body.length, 0) / 1024,
    gzipKb: files.reduce((sum, f) => sum + gzipSync(f.body, { level: 9 }).length, 0) / 1024,
  };
}

async function run({ quick = false, log = () => {} } = {}) {
  assertChromium();
  const dataDir = mkdtempSync(join(tmpdir(), 'jejak-bench-web-'));
  const service = await spawnService(dataDir);
  const browser = await launchChromium();
  try {
    const created = await fetch(`${service.baseUrl}/api/tokens`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Kurir bench', role: 'courier', principalId: 'KURIR-BENCH' }),
    }).then((r) => r.json());
    const runs = [];
    for (let i = 0; i < (quick ? 1 : 3); i++) {
      runs.push(await firstLoad(browser, service.baseUrl, created.token));
      log(`web: run ${i + 1}: ${runs[i].gzipKb.toFixed(1)} KB gzipped, usable in ${runs[i].usableMs} ms`);
    }
    const gzipKb = summarise(
      runs.map((r) => r.gzipKb),
      1,
    );
    const usableMs = summarise(
      runs.map((r) => r.usableMs),
      0,
    );
    return {
      options: { runs: runs.length, network: SLOW_4G, cpuSlowdown: 4 },
      figures: {
        gzipKb,
        rawKb: summarise(
          runs.map((r) => r.rawKb),
          1,
        ),
        usableMs,
        files: runs[0].files,
      },
      checks: [
        {
          target: 'courier first load (app shell, gzipped) <= 250 KB',
          value: gzipKb.median,
          unit: 'KB',
          met: gzipKb.median <= 250,
        },
        {
          target: 'courier screen usable on slow 4G (4x CPU) <= 3 s',
          value: usableMs.median,
          unit: 'ms',
          met: usableMs.median <= 3000,
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
  run({ log: (line) => process.stderr.write(`${line}\n`) }).then(
    (result) => process.stdout.write(`${JSON.stringify(result, null, 2)}\n`),
    (error) => {
      process.stderr.write(`${error.stack}\n`);
      process.exit(1);
    },
  );
}
