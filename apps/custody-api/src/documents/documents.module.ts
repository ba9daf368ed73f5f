import { Module } from '@nestjs/common';
import { DocumentSources } from './document-sources';
import { ItemDocumentReads } from './item-documents.reads';
import { ItemDocumentsController } from './item-documents.controller';
import { LabelsController } from './labels.controller';

/** The printed documents beside the transfers' berita acara: labels, loans, receipts, disposals. */
@Module({
  controllers: [LabelsController, ItemDocumentsController],
  providers: [DocumentSources, ItemDocumentReads],
  exports: [DocumentSources],
})
export class DocumentsModule {}
