import { Inject, Injectable, Optional } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@jejak/config';
import { LocationRepository, TokenRepository } from '@jejak/directory';
import { LOG_CHECKPOINT, noCheckpointYet, type CheckpointLine } from './log-checkpoint';
import type { DocumentHeading } from './pdf-document';
import { signatoryOf, type DocumentDirectory } from './signatories';

/** What every printed document draws on besides its own data: names, the letterhead, the log. */
@Injectable()
export class DocumentSources {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LocationRepository) private readonly locations: LocationRepository,
    @Inject(TokenRepository) private readonly tokens: TokenRepository,
    @Optional() @Inject(LOG_CHECKPOINT) private readonly checkpointLine: CheckpointLine | null,
  ) {}

  get heading(): DocumentHeading {
    return this.config.documents;
  }

  get publicBaseUrl(): string {
    return this.config.publicBaseUrl;
  }

  /** Names as of now: a unit's directory name, a person as the directory knows them. */
  directory(): DocumentDirectory {
    const holders = this.tokens.list();
    return {
      person: (id) => signatoryOf(id, holders),
      unitName: (unitId) => this.locations.get(unitId)?.name ?? unitId,
    };
  }

  checkpoint(): Promise<string | null> {
    return (this.checkpointLine ?? noCheckpointYet)();
  }
}
