import { readFileSync } from 'node:fs';
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
import { browserStory, STORY_UNIT } from '../support/browser-story';
import { pdfPages } from '../support/pdf-text';

jest.setTimeout(180_000);

const ADMIN = 'labels-admin-token-0123456789';

/**
 * Printing labels in the real app, at phone and desktop size: the officer chooses files in the
 * inventory, a sheet preset and "mulai dari label N" for a partly used sheet, and gets the PDF the
 * API makes (GET /api/labels.pdf?itemIds=…&preset=&startAt=); a start outside the sheet is refused
 * in Indonesian and nothing is recorded.
 */
describeWithBrowser('printing labels in a real browser', () => {
  const { world, token, register, heading, typesOf } = browserStory(ADMIN);

  const choose = (page: Page, title: string) =>
    page
      .getByTestId('item-list')
      .getByRole('listitem')
      .filter({ hasText: title })
      .getByRole('checkbox')
      .check();

  describe.each(['phone', 'desktop'] as ViewportName[])('at %s size', (viewport) => {
    it('prints the chosen files on a 2×7 sheet from label 5; a start of 0 is refused', async () => {
      const { service, browser } = world;
      const officer = await token('officer', STORY_UNIT);
      const first = await register(officer, `Berkas berlabel satu ${viewport}`);
      const second = await register(officer, `Berkas berlabel dua ${viewport}`);
      const other = await register(officer, `Berkas tanpa label ${viewport}`);

      const watched = await openPage(browser, viewport);
      const { page } = watched;
      await page.goto(`${service.baseUrl}/inventaris`);
      await signInWithToken(page, officer);
      await heading(page, 'Inventaris');
      await choose(page, `Berkas berlabel satu ${viewport}`);
      await choose(page, `Berkas berlabel dua ${viewport}`);
      await page.getByLabel('Lembar label').selectOption('2x7');
      await page.getByLabel('Mulai dari label ke-').fill('5');

      const sheet = page.waitForResponse((r) => r.url().includes('/api/labels.pdf'));
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Cetak 2 label (PDF)' }).click();
      const answer = await sheet;
      const asked = new URL(answer.url()).searchParams;
      expect({
        itemIds: asked.get('itemIds')?.split(',').sort(),
        preset: asked.get('preset'),
        startAt: asked.get('startAt'),
      }).toEqual({ itemIds: [first.itemId, second.itemId].sort(), preset: '2x7', startAt: '5' });
      expect({ status: answer.status(), type: answer.headers()['content-type'] }).toEqual({
        status: 200,
        type: 'application/pdf',
      });
      const text = (await pdfPages(readFileSync(await (await download).path()))).join(' ');
      expect(text).toContain(first.shortCode);
      expect(text).toContain(second.shortCode);
      expect(text).not.toContain(other.shortCode);
      await expectAccessible(page, 'labels');
      await screenshot(page, 'label-cetak', viewport);

      // Label 0 does not exist on a sheet: refused, explained, and nothing recorded.
      await page.getByLabel('Mulai dari label ke-').fill('0');
      await page.getByRole('button', { name: 'Cetak 2 label (PDF)' }).click();
      await page.getByRole('alert').getByText('Isian belum benar').waitFor();
      for (const item of [first, second]) expect(await typesOf(officer, item.itemId)).toEqual(['registered']);
      expectClean(watched, [/^GET \/api\/labels\.pdf 400$/]);
      await watched.context.close();
    });
  });
});
