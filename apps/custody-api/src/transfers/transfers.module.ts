import { Module } from '@nestjs/common';
import { DocumentSources } from '../documents/document-sources';
import { BeritaAcaraReport } from './berita-acara-report';
import { TransferCommandHandler } from './transfer-command.handler';
import { TransferReads } from './transfer-reads';
import { TransfersController } from './transfers.controller';

/** Transfers and depot intake; the stores come from the global StoresModule, the bus from CqrsModule. */
@Module({
  controllers: [TransfersController],
  providers: [TransferCommandHandler, TransferReads, BeritaAcaraReport, DocumentSources],
})
export class TransfersModule {}
