import type { Locator, Page } from 'playwright-core';
import {
  describeWithBrowser,
  expectClean,
  openPage,
  signInWithToken,
  type ViewportName,
  type WatchedPage,
} from '../support/browser';
import { browserStory, STORY_UNIT } from '../support/browser-story';

jest.setTimeout(180_000);

const ADMIN = 'lists-refresh-admin-token-0123456789';
const EVERY = 30_000;

/**
 * Lists that refresh themselves (web-app.md "every list … refreshes itself"): the bag, the depot's
 * incoming list, the inventory and the watch lists ask again every 30 s while the tab is visible,
 * ask nothing while it is hidden, and ask at once when it shows again. The page's clock is
 * Playwright's, moved by the test: nothing waits for the wall clock.
 */
describeWithBrowser('lists that refresh themselves, in a real browser', () => {
  const { world, token, register, heading } = browserStory(ADMIN);

  /** A page whose timers the test moves; counts the API reads it makes. */
  const openWithClock = async (viewport: ViewportName, path: string) => {
    const watched = await openPage(world.browser, viewport);
    await watched.page.clock.install();
    const reads: string[] = [];
    watched.page.on('request', (request) => {
      const url = new URL(request.url());
      if (request.method() === 'GET' && url.pathname.startsWith('/api/')) reads.push(url.pathname);
    });
    await watched.page.goto(`${world.service.baseUrl}${path}`);
    return { ...watched, reads };
  };

  /** Moves the page's clock on by one refresh period at a time until `shown` is there. */
  const refreshUntil = async (page: Page, shown: Locator): Promise<void> => {
    for (let period = 1; ; period++) {
      await page.clock.runFor(EVERY);
      try {
        await shown.waitFor({ timeout: 3_000 });
        return;
      } catch (error) {
        if (period >= 5) throw error;
      }
    }
  };

  /** What a phone does when the app goes to the background (or comes back): visibilitychange. */
  const hide = (page: Page, hidden: boolean) =>
    page.evaluate(`
      Object.defineProperty(document, 'visibilityState', { value: '${hidden ? 'hidden' : 'visible'}', configurable: true });
      Object.defineProperty(document, 'hidden', { value: ${hidden}, configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
    `);

  const release = async (officer: string, itemId: string, courierId: string) =>
    world.api.must(officer, 'POST', `/api/items/${itemId}/events`, {
      type: 'handover_offered',
      toCustodianId: courierId,
    });

  describe.each(['phone', 'desktop'] as ViewportName[])('at %s size', (viewport) => {
    const tag = viewport === 'phone' ? 'P' : 'D';

    it("the courier's bag shows a release within 30 s, asks nothing while hidden, and asks at once when shown", async () => {
      const officer = await token('officer', STORY_UNIT);
      const courierId = `KURIR-SEGAR-${tag}`;
      const courier = await token('courier', undefined, courierId);
      const first = await register(officer, `Berkas segar pertama ${viewport}`);
      const second = await register(officer, `Berkas segar kedua ${viewport}`);
      const watched = await openWithClock(viewport, '/');
      const { page } = watched;
      await signInWithToken(page, courier);
      await heading(page, 'Tas saya');
      await page.getByText('Tas Anda kosong').waitFor();

      await release(officer, first.itemId, courierId);
      await refreshUntil(page, page.getByText(`Berkas segar pertama ${viewport}`));

      await hide(page, true);
      const asked = watched.reads.length;
      await release(officer, second.itemId, courierId);
      await page.clock.runFor(EVERY * 4);
      expect(watched.reads.slice(asked)).toEqual([]);
      await hide(page, false);
      await page.getByText(`Berkas segar kedua ${viewport}`).waitFor();
      expectClean(watched);
      await watched.context.close();
    });

    it("the officer's inventory and watch list, and the depot's incoming list, refresh themselves", async () => {
      const officer = await token('officer', STORY_UNIT);
      const courierId = `KURIR-JALAN-${tag}`;
      const courier = await token('courier', undefined, courierId);
      // A depot of its own: the other size's file must not be what shows up.
      const depotId = `depo-segar-${tag.toLowerCase()}`;
      await world.api.must(ADMIN, 'POST', '/api/locations', {
        id: depotId,
        name: `Depo Segar ${tag}`,
        type: 'depot',
      });
      const depot = await token('depot', depotId);

      const inventory = await openWithClock(viewport, '/inventaris');
      await signInWithToken(inventory.page, officer);
      await heading(inventory.page, 'Inventaris');
      // The first answer is in before the file is registered: only a refresh can show it.
      await inventory.page
        .getByText('Pilih arsip untuk diserahkan')
        .or(inventory.page.getByText('Belum ada arsip di sini'))
        .waitFor();
      const later = await register(officer, `Berkas datang kemudian ${viewport}`);
      await refreshUntil(inventory.page, inventory.page.getByText(`Berkas datang kemudian ${viewport}`));
      await checkClean(inventory);

      const home = await openWithClock(viewport, '/');
      await signInWithToken(home.page, officer);
      await heading(home.page, 'Beranda petugas arsip');
      // Both watch lists have answered (no "Memuat…" left) before the offer is made.
      await home.page.getByText('Tidak ada arsip yang terlalu lama di jalan.').waitFor();
      await home.page.getByRole('status').filter({ hasText: 'Memuat' }).waitFor({ state: 'detached' });
      await release(officer, later.itemId, courierId);
      await refreshUntil(home.page, home.page.getByText(`Berkas datang kemudian ${viewport}`));
      await checkClean(home);

      const incoming = await openWithClock(viewport, '/');
      await signInWithToken(incoming.page, depot);
      await heading(incoming.page, 'Kiriman masuk');
      await incoming.page.getByText('Belum ada kiriman yang tiba.').waitFor();
      for (const body of [
        { type: 'handover_accepted' },
        { type: 'dispatched', destinationId: depotId },
        { type: 'arrived' },
      ])
        await world.api.must(courier, 'POST', `/api/items/${later.itemId}/events`, body);
      await refreshUntil(
        incoming.page,
        incoming.page
          .getByTestId('incoming')
          .getByRole('listitem')
          .filter({ hasText: 'Arsip tanpa transfer' }),
      );
      await checkClean(incoming);
    });
  });

  async function checkClean(watched: WatchedPage): Promise<void> {
    expectClean(watched);
    await watched.context.close();
  }
});
