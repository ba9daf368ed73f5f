import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium (apt-get install chromium); never a downloaded one. */
export const CHROMIUM = process.env.JEJAK_CHROMIUM ?? '/usr/bin/chromium';
export const BROWSER_AVAILABLE = existsSync(CHROMIUM);
/** CI (CI=true) and JEJAK_REQUIRE_BROWSER=1 make a missing Chromium a failure instead of a skip. */
export const BROWSER_REQUIRED = process.env.CI === 'true' || process.env.JEJAK_REQUIRE_BROWSER === '1';

export const VIEWPORTS = {
  phone: { width: 360, height: 640 },
  desktop: { width: 1366, height: 768 },
} as const;
export type ViewportName = keyof typeof VIEWPORTS;

export const SCREENSHOTS = join(__dirname, '..', '..', 'docs', 'screenshots');

/**
 * `describe` when a Chromium is there (or required: then launching it fails the suite loudly),
 * else `describe.skip` with a plain message saying why.
 */
export function describeWithBrowser(name: string, body: () => void): void {
  if (BROWSER_AVAILABLE || BROWSER_REQUIRED) return describe(name, body);
  process.stdout.write(
    `\n  SKIPPED browser suite "${name}": no Chromium at ${CHROMIUM} (apt-get install chromium). ` +
      'Set JEJAK_REQUIRE_BROWSER=1 or CI=true to make this a failure.\n',
  );
  describe.skip(name, body);
}

export async function launchBrowser(): Promise<Browser> {
  if (!BROWSER_AVAILABLE)
    throw new Error(
      `A browser is required (CI or JEJAK_REQUIRE_BROWSER) but there is no Chromium at ${CHROMIUM}`,
    );
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

/**
 * A page that records every console error, page error and refused request (4xx/5xx), so a test can
 * require none but the refusals it provoked on purpose.
 */
export interface WatchedPage {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught exceptions, except "Failed to load resource" lines (see refusals). */
  errors: string[];
  /** "METHOD /path STATUS" of every answer >= 400. */
  refusals: string[];
}

export async function openPage(browser: Browser, viewport: ViewportName): Promise<WatchedPage> {
  const context = await browser.newContext({
    viewport: VIEWPORTS[viewport],
    locale: 'id-ID',
    acceptDownloads: true,
  });
  const page = await context.newPage();
  const watched: WatchedPage = { context, page, errors: [], refusals: [] };
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    // The browser reports every refused fetch this way; those are checked through `refusals`.
    if (message.text().startsWith('Failed to load resource')) return;
    watched.errors.push(message.text());
  });
  page.on('pageerror', (error) => watched.errors.push(`uncaught: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() < 400) return;
    const url = new URL(response.url());
    watched.refusals.push(`${response.request().method()} ${url.pathname} ${response.status()}`);
  });
  return watched;
}

/** Fails unless the page logged no error and every refused request is one of `expected` (regexps). */
export function expectClean(watched: WatchedPage, expected: RegExp[] = []): void {
  expect(watched.errors).toEqual([]);
  expect(watched.refusals.filter((r) => !expected.some((pattern) => pattern.test(r)))).toEqual([]);
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's WCAG 2.1 A/AA rules on the page as it is: no serious or critical violation. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  // Evaluated by the debugger protocol, not injected as a <script>: the service's CSP allows no inline script.
  await page.evaluate(AXE_SOURCE);
  const violations = (await page.evaluate(`
    axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
      .then((r) => r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => v.id + ': ' + v.help + ' (' + v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ') + ')'))
  `)) as string[];
  expect({ screen, violations }).toEqual({ screen, violations: [] });
}

export async function screenshot(page: Page, name: string, viewport: ViewportName): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-${viewport}.png`), fullPage: true });
}

/** Signs in through the app's "Masuk dengan token" and waits for the first screen. */
export async function signInWithToken(page: Page, token: string): Promise<void> {
  await page.getByRole('button', { name: 'Masuk dengan token' }).click();
  await page.getByLabel('Token akses').fill(token);
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
  await page.getByRole('button', { name: 'Keluar' }).waitFor();
}
