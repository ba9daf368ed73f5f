import { Global, Module } from '@nestjs/common';
import { AuditBundleController } from './audit-bundle.controller';
import { AuditBundleService } from './audit-bundle.service';
import { LogController } from './log.controller';
import { LogService } from './log.service';

/** The verifiable log's routes; LogService is global so printed documents can ask for the checkpoint. */
@Global()
@Module({
  controllers: [LogController, AuditBundleController],
  providers: [LogService, AuditBundleService],
  exports: [LogService],
})
export class LogModule {}
