import { Global, Module } from '@nestjs/common';
import { AcknowledgementEvidence } from '../common/acknowledgement-evidence';
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
  providers: [AcknowledgementEvidence, SignInService, PeopleService, DecisionContextSource],
  exports: [AcknowledgementEvidence, DecisionContextSource],
})
export class PeopleModule {}
