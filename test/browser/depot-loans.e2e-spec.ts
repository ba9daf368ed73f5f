import { readFileSync } from 'node:fs';
import {
  describeWithBrowser,
  expectAccessible,
  expectClean,
  openPage,
  screenshot,
  signInWithToken,
  type ViewportName,
} from '../support/browser';
import { browserStory, dayFromNow, daysFromNow, STORY_DEPOT } from '../support/browser-story';
import { pdfText } from '../support/pdf-text';

jest.setTimeout(180_000);

const ADMIN = 'depot-loans-admin-token-0123456789';
const SHELF = { room: 'R1', shelf: 'R1-03' };

/**
 * The depot's loans and relocation in the real app, at phone and desktop size: lending a deposited
 * file (by the short code on its label), extending the loan, its berita acara, the overdue loans
 * by borrower unit and taking one back; moving a file to a new shelf. Each step is checked in the
 * API's answers; a refusal is shown in Indonesian and records nothing.
 */
describeWithBrowser('depot loans, returns and relocation in a real browser', () => {
  const { world, token, deposit, heading, typesOf } = browserStory(ADMIN);

  describe.each(['phone', 'desktop'] as ViewportName[])('at %s size', (viewport) => {
    const tag = viewport === 'phone' ? 'P' : 'D';

    it('lends a file, extends and prints the loan, takes back an overdue one, and refuses a second loan recording nothing', async () => {
      const { api, service, browser } = world;
      const cast = {
        officer: await token('officer', 'kec-cikarang-utara'),
        courier: await token('courier', undefined, `KURIR-L-${tag}`),
        courierId: `KURIR-L-${tag}`,
        depot: await token('depot', STORY_DEPOT, `DEPO-L-${tag}`),
      };
      const fresh = await deposit(cast, `Buku register tanah ${viewport}`, SHELF);
      const late = await deposit(cast, `Buku kas desa ${viewport}`, SHELF);
      await api.must(cast.depot, 'POST', `/api/items/${late.itemId}/events`, {
        type: 'lent',
        occurredAt: daysFromNow(-10),
        borrowerUnitId: 'kec-babelan',
        borrowerName: `Ibu Sari ${tag}`,
        dueAt: daysFromNow(-3),
      });

      const watched = await openPage(browser, viewport);
      const { page } = watched;
      await page.goto(`${service.baseUrl}/depo/pinjam`);
      await signInWithToken(page, cast.depot);
      await heading(page, 'Peminjaman');
      const overdue = page.getByTestId('overdue');
      await overdue.getByText(`Buku kas desa ${viewport}`).waitFor();
      await overdue.getByText('Babelan').first().waitFor();

      // Lend by the short code on the label, due in a week.
      await page.getByLabel('Arsip (pindai label, ID atau kode)').fill(fresh.shortCode);
      await page.getByLabel('Unit peminjam (kode)').fill('kec-cikarang-utara');
      await page.getByLabel('Nama peminjam').fill(`Pak Budi ${tag}`);
      await page.getByLabel('Kembali paling lambat').fill(dayFromNow(7));
      await page.getByRole('button', { name: 'Pinjamkan' }).click();
      await page.getByText(`Buku register tanah ${viewport} dipinjamkan kepada Pak Budi ${tag}`).waitFor();
      const lent = await api.must(cast.depot, 'GET', `/api/items/${fresh.itemId}`);
      expect(lent).toMatchObject({
        status: 'on_loan',
        custodianId: 'kec-cikarang-utara',
        loan: { borrowerUnitId: 'kec-cikarang-utara', borrowerName: `Pak Budi ${tag}` },
      });
      expect(lent.loan.dueAt.slice(0, 10)).toBe(dayFromNow(7));
      const loanRow = page.getByTestId(`loan-${fresh.itemId}`);
      await loanRow.waitFor();
      await expectAccessible(page, 'loans');
      await screenshot(page, 'depo-peminjaman', viewport);

      // Lending it again is refused: shown in Indonesian, nothing recorded.
      const before = await typesOf(cast.depot, fresh.itemId);
      await page.getByLabel('Arsip (pindai label, ID atau kode)').fill(fresh.shortCode);
      await page.getByLabel('Nama peminjam').fill('Orang lain');
      await page.getByRole('button', { name: 'Pinjamkan' }).click();
      await page
        .getByRole('alert')
        .getByText('Langkah ini tidak bisa dicatat pada status arsip saat ini')
        .waitFor();
      expect(await typesOf(cast.depot, fresh.itemId)).toEqual(before);

      // Extended by a week, with the reason; the berita acara peminjaman opens.
      await loanRow.getByRole('button', { name: 'Perpanjang' }).click();
      await loanRow.getByLabel('Kembali paling lambat (baru)').fill(dayFromNow(14));
      await loanRow.getByLabel('Alasan perpanjangan').fill('masih dipakai untuk verifikasi aset');
      await loanRow.getByRole('button', { name: 'Simpan perpanjangan' }).click();
      await api.eventually(
        () => api.must(cast.depot, 'GET', `/api/items/${fresh.itemId}`),
        (item) => expect(item.loan.dueAt.slice(0, 10)).toBe(dayFromNow(14)),
      );
      expect((await typesOf(cast.depot, fresh.itemId)).slice(-2)).toEqual(['lent', 'loan_extended']);
      const pdf = page.waitForResponse((r) => r.url().includes(`/api/items/${fresh.itemId}/loan.pdf`));
      const download = page.waitForEvent('download');
      await page
        .getByTestId(`loan-${fresh.itemId}`)
        .getByRole('button', { name: /Berita acara peminjaman/ })
        .click();
      const answer = await pdf;
      expect({ status: answer.status(), type: answer.headers()['content-type'] }).toEqual({
        status: 200,
        type: 'application/pdf',
      });
      const text = await pdfText(readFileSync(await (await download).path()));
      expect(text).toContain(`Pak Budi ${tag}`);
      expect(text).toContain('masih dipakai untuk verifikasi aset');

      // The overdue one comes back: deposited again at its shelf, off the overdue list.
      await page.getByTestId(`loan-${late.itemId}`).getByRole('button', { name: 'Dikembalikan' }).click();
      await page.getByText('Tidak ada pinjaman yang lewat tempo.').waitFor();
      expect(await api.must(cast.depot, 'GET', `/api/items/${late.itemId}`)).toMatchObject({
        status: 'deposited',
        custodianId: STORY_DEPOT,
        storage: SHELF,
        loan: null,
      });
      expectClean(watched, [new RegExp(`^POST /api/items/${fresh.itemId}/events 409$`)]);
      await watched.context.close();
    });

    it('moves a deposited file to a new shelf, and refuses one that is out on loan recording nothing', async () => {
      const { api, service, browser } = world;
      const cast = {
        officer: await token('officer', 'kec-cikarang-utara'),
        courier: await token('courier', undefined, `KURIR-M-${tag}`),
        courierId: `KURIR-M-${tag}`,
        depot: await token('depot', STORY_DEPOT, `DEPO-M-${tag}`),
      };
      const shelved = await deposit(cast, `Peta desa ${viewport}`, SHELF);
      const away = await deposit(cast, `Register nikah ${viewport}`, SHELF);
      await api.must(cast.depot, 'POST', `/api/items/${away.itemId}/events`, {
        type: 'lent',
        borrowerUnitId: 'kec-babelan',
        borrowerName: 'Pak Dedi',
        dueAt: daysFromNow(7),
      });

      const watched = await openPage(browser, viewport);
      const { page } = watched;
      await page.goto(service.baseUrl);
      await signInWithToken(page, cast.depot);
      await page.getByRole('link', { name: 'Pindah tempat' }).click();
      await heading(page, 'Pindah tempat simpan');
      await page
        .getByLabel('Arsip (pindai label, ID atau kode)')
        .fill(`${service.baseUrl}/i/${shelved.itemId}`);
      await page.getByLabel('Ruang baru').fill('R9');
      await page.getByLabel('Rak baru').fill('R9-02');
      await page.getByRole('button', { name: 'Pindahkan' }).click();
      await page
        .getByText(`Peta desa ${viewport} dipindah dari Ruang R1 · Rak R1-03 ke Ruang R9 · Rak R9-02.`)
        .waitFor();
      expect(await api.must(cast.depot, 'GET', `/api/items/${shelved.itemId}`)).toMatchObject({
        status: 'deposited',
        storage: { room: 'R9', shelf: 'R9-02' },
      });
      expect((await typesOf(cast.depot, shelved.itemId)).at(-1)).toBe('relocated');
      await expectAccessible(page, 'relocation');
      await screenshot(page, 'depo-pindah', viewport);

      const before = await typesOf(cast.depot, away.itemId);
      await page.getByLabel('Arsip (pindai label, ID atau kode)').fill(away.shortCode);
      await page.getByRole('button', { name: 'Pindahkan' }).click();
      await page
        .getByRole('alert')
        .getByText('Langkah ini tidak bisa dicatat pada status arsip saat ini')
        .waitFor();
      expect(await typesOf(cast.depot, away.itemId)).toEqual(before);
      expectClean(watched, [new RegExp(`^POST /api/items/${away.itemId}/events 409$`)]);
      await watched.context.close();
    });
  });
});
