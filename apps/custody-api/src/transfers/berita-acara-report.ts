import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@jejak/directory';
import { DocumentSources } from '../documents/document-sources';
import { safeFileName, type PdfFile } from '../documents/pdf-file';
import { toBeritaAcaraData } from './berita-acara-data';
import { renderBeritaAcara } from './berita-acara.pdf';
import { TransferReads } from './transfer-reads';

/** The berita acara serah terima of one transfer, as its reader may see it. */
@Injectable()
export class BeritaAcaraReport {
  constructor(
    @Inject(TransferReads) private readonly reads: TransferReads,
    @Inject(DocumentSources) private readonly sources: DocumentSources,
  ) {}

  async render(transferId: string, reader: Principal): Promise<PdfFile> {
    const { state, events } = await this.reads.transfer(transferId);
    const checkpoint = await this.sources.checkpoint();
    const data = toBeritaAcaraData(
      state,
      events,
      await this.reads.items(state.itemIds),
      await this.sources.directory(),
      reader,
      checkpoint?.line ?? null,
    );
    return {
      pdf: await renderBeritaAcara(data, this.sources.heading, checkpoint),
      filename: `berita-acara-${safeFileName(state.baNumber)}.pdf`,
    };
  }
}
