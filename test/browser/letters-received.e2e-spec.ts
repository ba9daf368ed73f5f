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

jest.setTimeout(180_000);

const ADMIN = 'letters-received-admin-token-0123456789';
const ADDRESSEE = 'dinas-perpustakaan-kearsipan';

/**
 * The addressee unit's officer takes in a letter the courier brought, at phone and desktop size:
 * the home screen lists the letters that arrived at their unit, "Terima surat" records `delivered`
 * with their own account as the unit's acknowledgement and the name of who took it. A letter
 * someone delivered meanwhile is refused in Indonesian, recording nothing.
 */
describeWithBrowser('an officer receives an arrived letter in a real browser', () => {
  const { world, token, heading, typesOf } = browserStory(ADMIN);

  /** A letter from the story's unit, released by kode serah, carried to the addressee and arrived. */
  const letterArrived = async (cast: { origin: string; courier: string }, title: string) => {
    const { api } = world;
    const { itemId, position } = await api.must(cast.origin, 'POST', '/api/items', {
      kind: 'letter',
      title,
      classificationCode: '000.2.3',
      securityClass: 'biasa',
      originUnitId: STORY_UNIT,
      addresseeUnitId: ADDRESSEE,
      letterNumber: `005/${title.length}/KEC-CU/2026`,
      letterDate: '2026-11-02',
    });
    await api.must(cast.origin, 'GET', `/api/items/${itemId}?minPosition=${position}`);
    const { code } = await api.must(cast.origin, 'POST', '/api/release-codes', { placeId: STORY_UNIT });
    const steps = [
      { type: 'collected', acknowledgement: { method: 'code', code } },
      { type: 'dispatched', destinationId: ADDRESSEE },
      { type: 'arrived', locationId: ADDRESSEE },
    ];
    for (const body of steps) await api.must(cast.courier, 'POST', `/api/items/${itemId}/events`, body);
    return itemId;
  };

  describe.each(['phone', 'desktop'] as ViewportName[])('at %s size', (viewport) => {
    const tag = viewport === 'phone' ? 'P' : 'D';

    it('lists the arrived letter, records it received by account, and refuses one already delivered recording nothing', async () => {
      const { api, service, browser } = world;
      const officerId = `PETUGAS-DPK-${tag}`;
      const cast = {
        origin: await token('officer', STORY_UNIT),
        courier: await token('courier', undefined, `KURIR-S-${tag}`),
        addressee: await token('officer', ADDRESSEE, officerId),
      };
      const invitation = await letterArrived(cast, `Undangan rapat kearsipan ${viewport}`);
      const notice = await letterArrived(cast, `Pemberitahuan jadwal pemusnahan ${viewport}`);

      const watched = await openPage(browser, viewport);
      const { page } = watched;
      await page.goto(service.baseUrl);
      await signInWithToken(page, cast.addressee);
      await heading(page, 'Beranda petugas arsip');
      const row = page.getByRole('listitem').filter({ hasText: `Undangan rapat kearsipan ${viewport}` });
      await row.waitFor();
      await page.getByText(`Pemberitahuan jadwal pemusnahan ${viewport}`).waitFor();
      await row.getByRole('button', { name: 'Terima surat' }).click();
      await row.getByLabel('Diterima oleh').fill(`Bu Rina ${tag}`);
      await expectAccessible(page, 'letters-received');
      await screenshot(page, 'surat-diterima', viewport);
      await row.getByRole('button', { name: 'Catat surat diterima' }).click();
      await row.waitFor({ state: 'detached' });

      const received = await api.must(cast.addressee, 'GET', `/api/items/${invitation}`);
      expect(received).toMatchObject({ status: 'delivered', custodianId: ADDRESSEE, locationId: ADDRESSEE });
      const trail = (await api.must(cast.addressee, 'GET', `/api/items/${invitation}/history`)).events;
      expect(trail.at(-1)).toMatchObject({
        type: 'delivered',
        actor: { id: officerId, role: 'officer', unitId: ADDRESSEE },
        data: {
          receivedBy: `Bu Rina ${tag}`,
          fromCustodianId: `KURIR-S-${tag}`,
          acknowledgement: { method: 'account', byId: officerId, placeId: ADDRESSEE },
        },
      });

      // The other letter's page, then the courier delivers it with the unit's code meanwhile.
      await page.goto(`${service.baseUrl}/i/${notice}`);
      await page.getByRole('button', { name: 'Terima surat' }).click();
      const { code } = await api.must(cast.addressee, 'POST', '/api/release-codes', { placeId: ADDRESSEE });
      const { position } = await api.must(cast.courier, 'POST', `/api/items/${notice}/events`, {
        type: 'delivered',
        acknowledgement: { method: 'code', code },
      });
      await api.must(cast.addressee, 'GET', `/api/items/${notice}?minPosition=${position}`);
      const before = await typesOf(cast.addressee, notice);
      await page.getByRole('button', { name: 'Catat surat diterima' }).click();
      await page
        .getByRole('alert')
        .getByText('Langkah ini tidak bisa dicatat pada status arsip saat ini')
        .waitFor();
      expect(await typesOf(cast.addressee, notice)).toEqual(before);
      expect(before.filter((type) => type === 'delivered')).toHaveLength(1);
      expectClean(watched, [new RegExp(`^POST /api/items/${notice}/events 409$`)]);
      await watched.context.close();
    });
  });
});
