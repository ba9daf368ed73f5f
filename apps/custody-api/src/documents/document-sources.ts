import { Inject, Injectable, Optional } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@jejak/config';
import { LocationStore, PeopleStore, TokenStore, type Person } from '@jejak/directory';
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
    @Inject(LocationStore) private readonly locations: LocationStore,
    @Inject(TokenStore) private readonly tokens: TokenStore,
    @Inject(PeopleStore) private readonly people: PeopleStore,
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
   * people directory, else as the tokens name them. Read once per document: the people from the
   * copy in memory (refreshed first), the tokens' names from the store.
   */
  async directory(): Promise<DocumentDirectory> {
    const [tokens] = await Promise.all([this.tokens.list(), this.people.refresh(), this.locations.refresh()]);
    return {
      person: (id) => {
        const person = this.people.known(id);
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
  person(id: string): Promise<Person | undefined> {
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
