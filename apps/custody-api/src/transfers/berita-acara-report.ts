import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@jejak/directory';
import { DocumentSources } from '../documents/document-sources';
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

  async render(transferId: string, reader: Principal): Promise<{ pdf: Buffer; filename: string }> {
    const { state, events } = await this.reads.transfer(transferId);
    const data = toBeritaAcaraData(
      state,
      events,
      await this.reads.items(state.itemIds),
      this.sources.directory(),
      reader,
      await this.sources.checkpoint(),
    );
    return {
      pdf: await renderBeritaAcara(data, this.sources.heading),
      filename: `berita-acara-${state.baNumber.replace(/[^A-Za-z0-9._-]+/g, '-')}.pdf`,
    };
  }
}
