import { Module } from '@nestjs/common';
import { DocumentSources } from './document-sources';
import { ItemDocumentReads } from './item-documents.reads';
import { ItemDocumentsController } from './item-documents.controller';
import { LabelsController } from './labels.controller';
import { LogService } from '../log/log.service';
import { checkpointText, LOG_CHECKPOINT, type CheckpointLine } from './log-checkpoint';

/** The printed documents beside the transfers' berita acara: labels, loans, receipts, disposals. */
@Module({
  controllers: [LabelsController, ItemDocumentsController],
  providers: [
    DocumentSources,
    ItemDocumentReads,
    {
      // LogService is global (LogModule): the latest signed checkpoint at the moment of printing.
      provide: LOG_CHECKPOINT,
      inject: [LogService],
      useFactory:
        (log: LogService): CheckpointLine =>
        () =>
          Promise.resolve(checkpointText(log.latestCheckpoint())),
    },
  ],
  exports: [DocumentSources],
})
export class DocumentsModule {}
