import { openNote, parseVkey } from '@jejak/verifiable-log';
import { pdfPages } from '../../../../test/support/pdf-text';
import { decodeQrCodes } from '../../../../test/support/qr-decode';
import { checkpointFootnote } from './checkpoint-seal';
import type { PrintedCheckpoint } from './log-checkpoint';
import { newPdf, pageFooters, type DocumentHeading } from './pdf-document';
import { signatureBlocks, type SignatureBlock } from './signature-blocks';
import { signedCheckpoint } from './testing/signed-checkpoint';

jest.setTimeout(60_000);

const sign = (title: string): SignatureBlock => ({
  title,
  role: 'Kurir',
  name: 'Budi',
  nip: null,
  jabatan: null,
});
const heading: DocumentHeading = {
  regency: 'Pemerintah Kabupaten Bekasi',
  agency: 'Dinas Perpustakaan dan Kearsipan',
  address: '',
  place: 'Cikarang Pusat',
  mengetahui: 'Kepala Dinas Perpustakaan dan Kearsipan',
};

async function render(checkpoint: PrintedCheckpoint | null, mengetahui?: DocumentHeading): Promise<Buffer> {
  const { doc, finish } = newPdf({ title: 'seal' });
  doc.text('Isi dokumen');
  signatureBlocks(doc, {
    placeAndDate: 'Cikarang Pusat, 1 Desember 2026',
    left: sign('Yang Menyerahkan'),
    right: sign('Yang Menerima'),
    mengetahui,
    checkpoint,
  });
  pageFooters(doc, checkpointFootnote(checkpoint?.line ?? null, checkpoint?.vkey));
  return finish();
}

describe('the checkpoint on a printed document', () => {
  it.each([
    ['beside Mengetahui', heading],
    ['under the signatures', undefined],
  ])(
    'is a QR code %s that scans back to the signed note, byte for byte, which verifies under the key in the footer',
    async (_where, mengetahui) => {
      const checkpoint = signedCheckpoint();
      const pdf = await render(checkpoint, mengetahui);
      const [codes] = await decodeQrCodes(pdf);
      expect(codes).toEqual([checkpoint.note]);
      expect(openNote(codes[0], [parseVkey(checkpoint.vkey as string)]).verified).toHaveLength(1);
      const pages = await pdfPages(pdf);
      expect(pages).toHaveLength(1);
      const text = pages.join(' ').replace(/\s+/g, ' ');
      expect(text).toContain(`Checkpoint log terverifikasi: ${checkpoint.line}`);
      expect(text).toContain(`Kunci verifikasi: ${checkpoint.vkey}`);
    },
  );

  it('prints nothing of the log where the deployment keeps none', async () => {
    const pdf = await render(null, heading);
    expect(await decodeQrCodes(pdf)).toEqual([[]]);
    expect((await pdfPages(pdf)).join(' ')).not.toContain('Checkpoint');
  });
});
