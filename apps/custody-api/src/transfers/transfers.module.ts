import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents/documents.module';
import { BeritaAcaraReport } from './berita-acara-report';
import { TransferCommandHandler } from './transfer-command.handler';
import { TransferReads } from './transfer-reads';
import { TransfersController } from './transfers.controller';
import { TransfersService } from './transfers.service';

/** Transfers and depot intake; the stores come from the global StoresModule. The import's transfer uses the handler too. */
@Module({
  controllers: [TransfersController],
  imports: [DocumentsModule],
  providers: [TransferCommandHandler, TransferReads, BeritaAcaraReport, TransfersService],
  exports: [TransferCommandHandler],
})
export class TransfersModule {}
