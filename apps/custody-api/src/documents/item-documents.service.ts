import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@jejak/directory';
import { ApiProblem } from '../common/problem';
import { toDisposalReportData } from './disposal-report.data';
import { renderDisposalReport } from './disposal-report.pdf';
import { DocumentSources } from './document-sources';
import { ItemDocumentReads } from './item-documents.reads';
import { toLoanReportData } from './loan-report.data';
import { renderLoanReport } from './loan-report.pdf';
import { safeFileName, type PdfFile } from './pdf-file';
import { toReceiptData } from './receipt.data';
import { renderReceipt } from './receipt.pdf';

const fileName = (text: string): string => safeFileName(text).slice(0, 120);

/** The documents printed for one item's loan, one letter's delivery, one batch of disposals. */
@Injectable()
export class ItemDocumentsService {
  constructor(
    @Inject(ItemDocumentReads) private readonly reads: ItemDocumentReads,
    @Inject(DocumentSources) private readonly sources: DocumentSources,
  ) {}

  async loan(itemId: string, reader: Principal): Promise<PdfFile> {
    const view = await this.reads.item(itemId);
    const data = toLoanReportData(
      view,
      await this.reads.trail(itemId),
      await this.sources.directory(),
      reader,
    );
    if (!data)
      throw new ApiProblem('not-found', `Item '${itemId}' has never been lent (belum pernah dipinjam).`);
    return {
      pdf: await renderLoanReport(data, this.sources.heading, await this.sources.checkpoint()),
      filename: `berita-acara-peminjaman-${fileName(itemId)}.pdf`,
    };
  }

  async receipt(itemId: string, reader: Principal): Promise<PdfFile> {
    const view = await this.reads.item(itemId);
    const data = toReceiptData(view, await this.reads.trail(itemId), await this.sources.directory(), reader);
    if (!data)
      throw new ApiProblem('not-found', `No delivery of a letter '${itemId}' is recorded (belum diterima).`);
    return {
      pdf: await renderReceipt(data, this.sources.heading, await this.sources.checkpoint()),
      filename: `tanda-terima-${fileName(itemId)}.pdf`,
    };
  }

  async disposal(baNumber: string, reader: Principal): Promise<PdfFile> {
    if (baNumber.length > 200)
      throw new ApiProblem('validation-failed', 'A BA number has at most 200 characters.');
    const data = toDisposalReportData(
      baNumber,
      await this.reads.endedUnder(baNumber),
      await this.sources.directory(),
      reader,
    );
    if (!data) throw new ApiProblem('not-found', `No item was disposed or transferred under '${baNumber}'.`);
    return {
      pdf: await renderDisposalReport(data, this.sources.heading, await this.sources.checkpoint()),
      filename: `berita-acara-${fileName(baNumber)}.pdf`,
    };
  }
}
