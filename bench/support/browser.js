'use strict';
const { existsSync } = require('node:fs');

/** Debian's Chromium (apt-get install chromium); never a downloaded one. */
const CHROMIUM = process.env.JEJAK_CHROMIUM ?? '/usr/bin/chromium';

/** Before a benchmark starts anything: without Chromium it cannot run. */
function assertChromium() {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (apt-get install chromium)`);
}

/** The browser benchmarks' Chromium, with the flags the browser test suites use. */
async function launchChromium() {
  assertChromium();
  const { chromium } = require('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

module.exports = { CHROMIUM, assertChromium, launchChromium };
