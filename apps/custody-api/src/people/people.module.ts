import { Global, Logger, Module } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { APP_CONFIG, type AppConfig } from '@jejak/config';
import {
  CredentialRepository,
  LocationRepository,
  PeopleRepository,
  ReleaseCodeRepository,
  SessionRepository,
  SqliteSignatureImageStore,
  type SignatureImageStore,
} from '@jejak/directory';
import { AcknowledgementEvidence, SIGNATURE_IMAGES } from '../common/acknowledgement-evidence';
import { DecisionContextSource } from '../common/decision-context.source';
import { DIRECTORY_DB } from '../infrastructure/stores.module';
import { ReleaseCodesController } from '../release-codes/release-codes.controller';
import { SessionController } from '../session/session.controller';
import { SignInService } from '../session/sign-in.service';
import { PeopleController } from './people.controller';
import { PeopleService } from './people.service';

/**
 * The people directory, sign-in, sessions and release codes, over the directory database; and the
 * directory as the domain's decisions see it (DecisionContextSource).
 */
@Global()
@Module({
  controllers: [PeopleController, SessionController, ReleaseCodesController],
  providers: [
    {
      provide: PeopleRepository,
      // After the locations are seeded: a token's principal that is a place id is told apart.
      inject: [DIRECTORY_DB, LocationRepository],
      useFactory: (db: Database.Database) => {
        const people = new PeopleRepository(db);
        const { created, revokedPlaceIds } = people.migrateTokenPrincipals();
        const logger = new Logger('People');
        if (created.length > 0) logger.log(`${created.length} token holders became people of the directory`);
        if (revokedPlaceIds.length > 0) {
          logger.warn(`tokens revoked: their principal id is a place id (${revokedPlaceIds.join(', ')})`);
        }
        return people;
      },
    },
    {
      provide: CredentialRepository,
      inject: [DIRECTORY_DB],
      useFactory: (db: Database.Database) => new CredentialRepository(db),
    },
    {
      provide: SessionRepository,
      inject: [DIRECTORY_DB, APP_CONFIG],
      useFactory: (db: Database.Database, config: AppConfig) =>
        new SessionRepository(db, config.session.idleMs),
    },
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
  exports: [
    PeopleRepository,
    CredentialRepository,
    SessionRepository,
    ReleaseCodeRepository,
    SIGNATURE_IMAGES,
    AcknowledgementEvidence,
    DecisionContextSource,
  ],
})
export class PeopleModule {}
