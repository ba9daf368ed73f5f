import { Module } from '@nestjs/common';
import { BadgeController } from './badge.controller';
import { DocumentSources } from './document-sources';
import { ItemDocumentReads } from './item-documents.reads';
import { ItemDocumentsController } from './item-documents.controller';
import { ItemDocumentsService } from './item-documents.service';
import { LabelsController } from './labels.controller';
import { LabelsService } from './labels.service';
import { PlaceLabelsService } from './place-labels.service';
import { LogService } from '../log/log.service';
import { LOG_CHECKPOINT, printedCheckpoint, type CheckpointSource } from './log-checkpoint';

/** The printed documents beside the transfers' berita acara: labels, loans, receipts, disposals. */
@Module({
  controllers: [LabelsController, ItemDocumentsController, BadgeController],
  providers: [
    DocumentSources,
    ItemDocumentReads,
    ItemDocumentsService,
    LabelsService,
    PlaceLabelsService,
    {
      // LogService is global (LogModule): the latest signed checkpoint at the moment of printing.
      provide: LOG_CHECKPOINT,
      inject: [LogService],
      useFactory:
        (log: LogService): CheckpointSource =>
        () =>
          Promise.resolve(printedCheckpoint(log.latestCheckpoint(), log.vkey())),
    },
  ],
  exports: [DocumentSources],
})
export class DocumentsModule {}
