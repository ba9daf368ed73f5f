import { Module } from '@nestjs/common';
import { DisposalCommandHandler } from './disposal-command.handler';
import { DisposalsController } from './disposals.controller';

/** Batches of disposals and static transfers; the stores come from the global StoresModule. */
@Module({ controllers: [DisposalsController], providers: [DisposalCommandHandler] })
export class DisposalsModule {}
