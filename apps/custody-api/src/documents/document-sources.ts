import { Inject, Injectable, Optional } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@jejak/config';
import { LocationRepository, PeopleRepository, TokenRepository, type Person } from '@jejak/directory';
import {
  LOG_CHECKPOINT,
  noCheckpointYet,
  type CheckpointSource,
  type PrintedCheckpoint,
} from './log-checkpoint';
import type { DocumentHeading } from './pdf-document';
import { signatoryOf, type DocumentDirectory } from './signatories';

/** What every printed document draws on besides its own data: names, the letterhead, the log. */
@Injectable()
export class DocumentSources {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LocationRepository) private readonly locations: LocationRepository,
    @Inject(TokenRepository) private readonly tokens: TokenRepository,
    @Inject(PeopleRepository) private readonly people: PeopleRepository,
    @Optional() @Inject(LOG_CHECKPOINT) private readonly checkpointSource: CheckpointSource | null,
  ) {}

  get heading(): DocumentHeading {
    return this.config.documents;
  }

  get publicBaseUrl(): string {
    return this.config.publicBaseUrl;
  }

  /**
   * Names as of now: a unit's directory name; a person with the name, NIP and jabatan of the
   * people directory, else as the tokens name them.
   */
  directory(): DocumentDirectory {
    const tokens = this.tokens.list();
    return {
      person: (id) => {
        const person = this.people.get(id);
        const holders = person
          ? [
              ...tokens,
              {
                principalId: person.id,
                name: person.name,
                role: person.role,
                nip: person.nip,
                jabatan: person.jabatan,
              },
            ]
          : tokens;
        return signatoryOf(id, holders);
      },
      unitName: (unitId) => this.locations.get(unitId)?.name ?? unitId,
    };
  }

  /** A person of the people directory (whose badge is printed), or undefined. */
  person(id: string): Person | undefined {
    return this.people.get(id);
  }

  /** A place of the directory (a depot whose shelves get labels), or undefined. */
  place(id: string): { id: string; name: string; type: string } | undefined {
    return this.locations.get(id);
  }

  checkpoint(): Promise<PrintedCheckpoint | null> {
    return (this.checkpointSource ?? noCheckpointYet)();
  }
}
