import { Global, Module } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { APP_CONFIG, type AppConfig } from '@jejak/config';
import { ReleaseCodeRepository, SqliteSignatureImageStore, type SignatureImageStore } from '@jejak/directory';
import { AcknowledgementEvidence, SIGNATURE_IMAGES } from '../common/acknowledgement-evidence';
import { DIRECTORY_DB } from '../infrastructure/stores.module';
import { DecisionContextSource } from '../common/decision-context.source';
import { ReleaseCodesController } from '../release-codes/release-codes.controller';
import { SessionController } from '../session/session.controller';
import { SignInService } from '../session/sign-in.service';
import { PeopleController } from './people.controller';
import { PeopleService } from './people.service';

/**
 * The people directory, sign-in, sessions and release codes, over the directory's stores (StoresModule); and the
 * directory as the domain's decisions see it (DecisionContextSource).
 */
@Global()
@Module({
  controllers: [PeopleController, SessionController, ReleaseCodesController],
  providers: [
    // The custody rule verifies and binds a kode serah synchronously, inside the decision: release
    // codes and drawn signatures stay in directory.sqlite (per replica under MONGODB_URL, see README).
    {
      provide: ReleaseCodeRepository,
      inject: [DIRECTORY_DB, APP_CONFIG],
      useFactory: (db: Database.Database, config: AppConfig) =>
        new ReleaseCodeRepository(db, undefined, config.releaseCodeTtlMinutes * 60_000),
    },
    {
      provide: SIGNATURE_IMAGES,
      inject: [DIRECTORY_DB],
      useFactory: (db: Database.Database): SignatureImageStore => new SqliteSignatureImageStore(db),
    },
    AcknowledgementEvidence,
    SignInService,
    PeopleService,
    DecisionContextSource,
  ],
  exports: [ReleaseCodeRepository, SIGNATURE_IMAGES, AcknowledgementEvidence, DecisionContextSource],
})
export class PeopleModule {}
