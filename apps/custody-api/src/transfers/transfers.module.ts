import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents/documents.module';
import { BeritaAcaraReport } from './berita-acara-report';
import { TransferCommandHandler } from './transfer-command.handler';
import { TransferReads } from './transfer-reads';
import { TransfersController } from './transfers.controller';

/** Transfers and depot intake; the stores come from the global StoresModule, the bus from CqrsModule. */
@Module({
  controllers: [TransfersController],
  imports: [DocumentsModule],
  providers: [TransferCommandHandler, TransferReads, BeritaAcaraReport],
})
export class TransfersModule {}
