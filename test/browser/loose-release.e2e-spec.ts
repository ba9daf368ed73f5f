import type { Page } from 'playwright-core';
import {
  describeWithBrowser,
  expectAccessible,
  expectClean,
  openPage,
  screenshot,
  signInWithToken,
  type ViewportName,
} from '../support/browser';
import { browserStory, STORY_DEPOT, STORY_UNIT } from '../support/browser-story';

jest.setTimeout(180_000);

const ADMIN = 'loose-release-admin-token-0123456789';

type Trail = { events: { type: string; note?: string | null; data?: Record<string, unknown> }[] };

/**
 * Files released one by one, without a transfer, in the real app at phone and desktop size: the
 * officer chooses three in the inventory and releases them to a courier; the courier accepts the
 * release in Tas saya (the collection, acknowledged by the officer's account), carries them to the
 * depot; the depot clerk's intake of loose files takes one in, one damaged, and turns one away,
 * which stays with its courier. Every step is checked in the API's answers.
 */
describeWithBrowser(
  'files released without a transfer, carried and taken in loose, in a real browser',
  () => {
    const { world, token, register, heading } = browserStory(ADMIN);

    const signOut = async (page: Page) => {
      await page.getByRole('button', { name: 'Keluar' }).click();
      await heading(page, 'Masuk ke Jejak');
    };

    describe.each(['phone', 'desktop'] as ViewportName[])('at %s size', (viewport) => {
      const tag = viewport === 'phone' ? 'P' : 'D';
      const courierId = `KURIR-LEPAS-${tag}`;
      const titles = [1, 2, 3].map((n) => `Berkas lepas ${viewport} nomor ${n}`);

      it('releases three from the inventory, the courier accepts and carries them, the depot takes in one, one damaged, and turns one away', async () => {
        const { api, service, browser } = world;
        const officer = await token('officer', STORY_UNIT, `PETUGAS-LEPAS-${tag}`);
        const courier = await token('courier', undefined, courierId);
        const depot = await token('depot', STORY_DEPOT, `DEPO-LEPAS-${tag}`);
        const ids: string[] = [];
        for (const title of titles) ids.push((await register(officer, title)).itemId);

        const watched = await openPage(browser, viewport);
        const { page } = watched;
        await page.goto(service.baseUrl);
        await signInWithToken(page, officer);
        await heading(page, 'Beranda petugas arsip');
        await page.getByRole('link', { name: 'Inventaris' }).first().click();
        await heading(page, 'Inventaris');
        const row = (title: string) =>
          page.getByTestId('item-list').getByRole('listitem').filter({ hasText: title });
        for (const title of titles) await row(title).getByRole('checkbox').check();
        await page.getByTestId('chosen-count').getByText('3 arsip dipilih').waitFor();
        await page.getByLabel('Kurir penerima').selectOption(courierId);
        await expectAccessible(page, 'inventory with a release');
        await screenshot(page, 'inventaris-serahkan', viewport);
        await page.getByRole('button', { name: 'Serahkan 3 arsip' }).click();
        await page.getByText(`3 arsip diserahkan kepada ${courierId}`).waitFor();
        for (const itemId of ids)
          expect(await api.must(officer, 'GET', `/api/items/${itemId}`)).toMatchObject({
            status: 'registered',
            custodianId: STORY_UNIT,
            pendingHandover: { toCustodianId: courierId, kind: 'release' },
          });
        expectClean(watched);
        await signOut(page);

        // The courier's acceptance is the collection, released by the officer's account.
        await signInWithToken(page, courier);
        await heading(page, 'Tas saya');
        await page.getByRole('heading', { name: 'Ditawarkan kepada Anda' }).waitFor();
        for (const title of titles) await page.getByText(title).first().waitFor();
        await expectAccessible(page, 'bag with a release offered');
        await screenshot(page, 'tas-dilepas', viewport);
        await page.getByRole('button', { name: 'Terima', exact: true }).click();
        await page.getByText('Terima serah terima: tercatat untuk 3 arsip.').waitFor();
        await page.getByTestId('bag-count').getByText('3 arsip di tas Anda').waitFor();
        for (const itemId of ids) {
          const trail: Trail = await api.must(courier, 'GET', `/api/items/${itemId}/history`);
          expect(trail.events.map((e) => e.type)).toEqual(['registered', 'handover_offered', 'collected']);
          expect(trail.events[2].data).toMatchObject({
            acknowledgement: { method: 'account', placeId: STORY_UNIT },
          });
        }
        await page.getByRole('button', { name: 'Kirim', exact: true }).click();
        await page.getByLabel('Tujuan pengiriman').selectOption(STORY_DEPOT);
        await page.getByRole('button', { name: 'Kirim ke tujuan' }).click();
        await page.getByText('Kirim: tercatat untuk 3 arsip.').waitFor();
        await page.getByRole('button', { name: 'Tiba', exact: true }).click();
        await page.getByText('Tiba: tercatat untuk 3 arsip.').waitFor();
        for (const itemId of ids)
          expect(await api.must(courier, 'GET', `/api/items/${itemId}`)).toMatchObject({
            status: 'arrived',
            locationId: STORY_DEPOT,
            custodianId: courierId,
          });
        expectClean(watched);
        await signOut(page);

        // The depot's intake of loose files: received, damaged, turned away.
        await signInWithToken(page, depot);
        await heading(page, 'Kiriman masuk');
        await page
          .getByTestId('incoming')
          .getByRole('listitem')
          .filter({ hasText: 'Arsip tanpa transfer' })
          .getByRole('link', { name: 'Mulai penerimaan' })
          .click();
        await heading(page, 'Penerimaan arsip lepas');
        await page.getByLabel('Ruang', { exact: true }).fill('R4');
        await page.getByLabel('Rak', { exact: true }).fill('R4-02');
        const line = (itemId: string) => page.getByTestId(`loose-${itemId}`);
        await line(ids[0]).getByLabel('Hasil', { exact: true }).selectOption('received');
        await line(ids[1]).getByLabel('Hasil', { exact: true }).selectOption('damaged');
        await line(ids[1]).getByLabel('Kondisi').fill('sampul sobek, isi utuh');
        await line(ids[2]).getByLabel('Hasil', { exact: true }).selectOption('rejected');
        await line(ids[2]).getByLabel('Alasan menolak').fill('bukan arsip depo ini');
        await expectAccessible(page, 'loose intake');
        await screenshot(page, 'depo-penerimaan-lepas', viewport);
        await page.getByRole('button', { name: 'Catat 3 hasil penerimaan' }).click();
        await page.getByText('3 arsip tercatat.').waitFor();
        for (const itemId of ids.slice(0, 2))
          expect(await api.must(depot, 'GET', `/api/items/${itemId}`)).toMatchObject({
            status: 'deposited',
            custodianId: STORY_DEPOT,
            storage: { room: 'R4', shelf: 'R4-02' },
          });
        const damaged: Trail = await api.must(depot, 'GET', `/api/items/${ids[1]}/history`);
        expect(damaged.events.at(-1)).toMatchObject({
          type: 'intake_confirmed',
          note: 'Rusak: sampul sobek, isi utuh',
        });
        const turnedAway: Trail = await api.must(depot, 'GET', `/api/items/${ids[2]}/history`);
        expect(turnedAway.events.at(-1)).toMatchObject({
          type: 'intake_rejected',
          data: expect.objectContaining({ reason: 'bukan arsip depo ini' }),
        });
        expect(await api.must(depot, 'GET', `/api/items/${ids[2]}`)).toMatchObject({
          status: 'arrived',
          custodianId: courierId,
        });
        expectClean(watched);
        await watched.context.close();
      });
    });
  },
);
