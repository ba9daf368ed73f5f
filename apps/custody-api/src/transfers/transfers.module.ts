import { Module } from '@nestjs/common';
import { TransferCommandHandler } from './transfer-command.handler';
import { TransferReads } from './transfer-reads';
import { TransfersController } from './transfers.controller';

/** Transfers and depot intake; the stores come from the global StoresModule. The import's transfer uses the handler too. */
@Module({
  controllers: [TransfersController],
  providers: [TransferCommandHandler, TransferReads],
  exports: [TransferCommandHandler],
})
export class TransfersModule {}
