import type Database from 'better-sqlite3';
import type { LocationInfo, LocationLookup } from '@jejak/custody';
import { auditOf } from '../directory.database';
import { CredentialRepository } from '../credential.repository';
import { LocationRepository, type LocationChanges, type LocationFilter } from '../location.repository';
import {
  PeopleRepository,
  type NewPerson,
  type PeopleFilter,
  type PersonChanges,
} from '../people.repository';
import { systemClock, type Clock } from '../person';
import { ReleaseCodeRepository, type ReleaseCodeUse } from '../release-code.repository';
import { SqliteSignatureImageStore } from '../signature-image.store';
import { SessionRepository, type SessionEndReason } from '../session.repository';
import { ShortCodeRepository } from '../short-code.repository';
import { TokenRepository } from '../token.repository';
import {
  CredentialStore,
  LocationStore,
  PeopleStore,
  ReleaseCodeStore,
  SessionStore,
  ShortCodeStore,
  TokenStore,
  type Directory,
  type IdempotencyStore,
  type NewToken,
} from '../port/directory.port';
import { MemoryAttemptCounterStore } from '../memory/memory-attempt-counter.store';
import { SqliteImportLedgerStore } from './sqlite-import-ledger.store';

/*
 * The SQLite adapter: the synchronous repositories (better-sqlite3, one file in the data folder,
 * also used as they are by the `jejak` CLI) behind the asynchronous port. Each method runs the
 * repository's transaction at once; a throw becomes a rejection.
 */

class SqliteLocationStore extends LocationStore {
  readonly lookup: LocationLookup;
  constructor(
    private readonly repository: LocationRepository,
    private readonly db: Database.Database,
  ) {
    super();
    this.lookup = repository.lookup;
  }
  get(id: string) {
    return this.repository.get(id);
  }
  list(filter?: LocationFilter) {
    return this.repository.list(filter);
  }
  async create(location: LocationInfo, actorId: string) {
    return this.repository.create(location, actorId);
  }
  async update(id: string, changes: LocationChanges, actorId: string) {
    return this.repository.update(id, changes, actorId);
  }
  /** One process owns the file's places: the copy in memory is written through, never behind. */
  async refresh() {}
  async changes(subjectId: string) {
    return auditOf(this.db, subjectId);
  }
}

class SqlitePeopleStore extends PeopleStore {
  constructor(
    private readonly repository: PeopleRepository,
    private readonly db: Database.Database,
  ) {
    super();
  }
  async get(id: string) {
    return this.repository.get(id);
  }
  /** Read from the file itself: always current, so nothing to refresh. */
  known(id: string) {
    return this.repository.get(id);
  }
  async list(filter?: PeopleFilter) {
    return this.repository.list(filter);
  }
  async create(input: NewPerson, actorId: string) {
    return this.repository.create(input, actorId);
  }
  async update(id: string, changes: PersonChanges, actorId: string) {
    return this.repository.update(id, changes, actorId);
  }
  async changes(subjectId: string) {
    return auditOf(this.db, subjectId);
  }
  async refresh() {}
  async migrateTokenPrincipals() {
    return this.repository.migrateTokenPrincipals();
  }
}

class SqliteTokenStore extends TokenStore {
  constructor(private readonly repository: TokenRepository) {
    super();
  }
  async isEmpty() {
    return this.repository.isEmpty();
  }
  async create(input: NewToken, actorId: string) {
    return this.repository.create(input, actorId);
  }
  async revoke(id: string, actorId: string) {
    return this.repository.revoke(id, actorId);
  }
  async list() {
    return this.repository.list();
  }
  async get(id: string) {
    return this.repository.get(id);
  }
  async authenticate(token: string) {
    return this.repository.authenticate(token);
  }
}

class SqliteSessionStore extends SessionStore {
  constructor(private readonly repository: SessionRepository) {
    super();
  }
  async start(personId: string, method: 'password' | 'code') {
    return this.repository.start(personId, method);
  }
  async resolve(secret: string) {
    return this.repository.resolve(secret);
  }
  async end(sessionId: string, actorId: string, reason: SessionEndReason) {
    this.repository.end(sessionId, actorId, reason);
  }
  async liveCount(personId: string) {
    return this.repository.liveCount(personId);
  }
  async endAllOf(personId: string, actorId: string, reason: SessionEndReason, keep?: string) {
    return this.repository.endAllOf(personId, actorId, reason, keep);
  }
}

class SqliteCredentialStore extends CredentialStore {
  constructor(private readonly repository: CredentialRepository) {
    super();
  }
  async passwordHashOf(personId: string) {
    return this.repository.passwordHashOf(personId);
  }
  async setPasswordHash(personId: string, passwordHash: string, actorId: string) {
    this.repository.setPasswordHash(personId, passwordHash, actorId);
  }
  async createSignInCode(personId: string, actorId: string, validMs?: number) {
    return this.repository.createSignInCode(personId, actorId, validMs);
  }
  async consumeSignInCode(typed: string) {
    return this.repository.consumeSignInCode(typed);
  }
}

class SqliteReleaseCodeStore extends ReleaseCodeStore {
  constructor(private readonly repository: ReleaseCodeRepository) {
    super();
  }
  async issue(placeId: string, issuedBy: string) {
    return this.repository.issue(placeId, issuedBy);
  }
  async find(code: string) {
    return this.repository.find(code);
  }
  async check(use: ReleaseCodeUse) {
    return this.repository.check(use);
  }
}

/** Numbers are taken in `assign`, in one statement on the counters' own file. */
class SqliteShortCodeStore extends ShortCodeStore {
  constructor(private readonly repository: ShortCodeRepository) {
    super();
  }
  assign(originUnitId: string, occurredAt: string) {
    return this.repository.assign(originUnitId, occurredAt);
  }
  async reserve() {}
  async close() {
    this.repository.close();
  }
}

/** The counters of `short-codes.sqlite` (openShortCodeDatabase) behind the port. */
export const sqliteShortCodeStore = (db: Database.Database): ShortCodeStore =>
  new SqliteShortCodeStore(new ShortCodeRepository(db));

export interface SqliteDirectoryFiles {
  /** `directory.sqlite` (openDirectoryDatabase). */
  directory: Database.Database;
  /** `short-codes.sqlite` (openShortCodeDatabase). */
  shortCodes: Database.Database;
  idempotency: IdempotencyStore;
}

export interface DirectoryOptions {
  adminToken?: string;
  sessionIdleMs: number;
  clock?: Clock;
  /** How long a release code stays valid; RELEASE_CODE_TTL_MS if absent. */
  releaseCodeTtlMs?: number;
}

/** The stores over `directory.sqlite` alone (what the `jejak` operator commands need). */
export type DirectoryStores = Pick<
  Directory,
  'locations' | 'people' | 'tokens' | 'sessions' | 'credentials' | 'releaseCodes' | 'importLedger'
>;

/** The places are seeded on first open. */
export function sqliteDirectoryStores(db: Database.Database, options: DirectoryOptions): DirectoryStores {
  const clock = options.clock ?? systemClock;
  const locations = new LocationRepository(db, clock);
  return {
    locations: new SqliteLocationStore(locations, db),
    people: new SqlitePeopleStore(new PeopleRepository(db, clock), db),
    tokens: new SqliteTokenStore(new TokenRepository(db, options.adminToken)),
    sessions: new SqliteSessionStore(new SessionRepository(db, options.sessionIdleMs, clock)),
    credentials: new SqliteCredentialStore(new CredentialRepository(db, clock)),
    releaseCodes: new SqliteReleaseCodeStore(new ReleaseCodeRepository(db, clock, options.releaseCodeTtlMs)),
    importLedger: new SqliteImportLedgerStore(db, clock),
  };
}

/** The directory over the data folder's SQLite files; the places are seeded on first open. */
export function sqliteDirectory(files: SqliteDirectoryFiles, options: DirectoryOptions): Directory {
  const db = files.directory;
  return {
    kind: 'sqlite',
    ...sqliteDirectoryStores(db, options),
    signatureImages: new SqliteSignatureImageStore(db, options.clock),
    shortCodes: sqliteShortCodeStore(files.shortCodes),
    idempotency: files.idempotency,
    // One process: the counts stay in its memory (see MemoryAttemptCounterStore).
    attempts: new MemoryAttemptCounterStore(),
    ping: async () => {
      db.prepare('SELECT 1').get();
    },
    close: async () => {
      await files.idempotency.close();
      files.shortCodes.close();
      db.close();
    },
  };
}
