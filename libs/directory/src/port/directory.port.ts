import type { LocationInfo, LocationLookup, ShortCodeAssigner } from '@jejak/custody';
import type { AuditEntry } from '../directory.database';
import type { IssuedReleaseCode, ReleaseCodeCheck, ReleaseCodeUse } from '../release-code.repository';
import type { ReleaseCodeRecord } from '../release-code-judgement';
import type { SignatureImage } from '../signature-image.store';
import type { DirectoryLocation, LocationChanges, LocationFilter } from '../location.repository';
import type { MigrationReport } from '../token-principal.migration';
import type { NewPerson, PeopleFilter, PersonChanges } from '../people.repository';
import type { Person } from '../person';
import type { Principal } from '../principal';
import type { ActiveSession, SessionEndReason } from '../session.repository';
import type { TokenRecord } from '../token.repository';
import type { AttemptCounterStore } from './attempt-counter.port';
import type { ImportLedgerStore } from './import-ledger.port';

/*
 * The directory port: what the service asks of the people, places, credentials and counters it
 * keeps beside the event log. Two adapters: SQLite files in the data folder (the default, one
 * process) and MongoDB (shared by every API replica).
 *
 * Why asynchronous: a MongoDB call is a network round-trip, so every method that reads or writes
 * shared state returns a Promise and the callers await it. Two lookups stay synchronous because the
 * domain calls them inside `decide` (a pure, synchronous function): `LocationStore.lookup/get/list`
 * and `PeopleStore.known`. Both adapters serve them from a copy in memory that `refresh()` brings
 * up to date; the command handlers await `refresh()` before every decision, so a decision on one
 * replica sees a person or place changed on another (see mongodb-directory-snapshot.ts for how the
 * MongoDB adapter notices a change with one small read). Abstract classes, not interfaces, so Nest
 * can inject them by class.
 */

/** Places: never deleted, only deactivated. Reads are synchronous over the copy in memory. */
export abstract class LocationStore {
  abstract readonly lookup: LocationLookup;
  abstract get(id: string): DirectoryLocation | undefined;
  abstract list(filter?: LocationFilter): DirectoryLocation[];
  /** Refuses an id that is a person's (DirectoryError 'id-is-a-person') or a place's ('already-exists'). */
  abstract create(location: LocationInfo, actorId: string): Promise<DirectoryLocation>;
  abstract update(id: string, changes: LocationChanges, actorId: string): Promise<DirectoryLocation>;
  /** Brings the copy in memory up to date with changes made elsewhere (another replica). */
  abstract refresh(): Promise<void>;
  /** The recorded changes of a place (or any subject), oldest first. */
  abstract changes(subjectId: string): Promise<AuditEntry[]>;
}

export abstract class PeopleStore {
  abstract get(id: string): Promise<Person | undefined>;
  /** The person as this replica last refreshed them: for the domain's synchronous party lookup. */
  abstract known(id: string): Person | undefined;
  abstract list(filter?: PeopleFilter): Promise<Person[]>;
  /** Refuses a place's id ('id-is-a-place'), a taken id ('already-exists'), a bad unit. */
  abstract create(input: NewPerson, actorId: string): Promise<Person>;
  /** `active: false` ends the person's tokens, sessions, sign-in codes and release codes at once. */
  abstract update(id: string, changes: PersonChanges, actorId: string): Promise<Person>;
  abstract changes(subjectId: string): Promise<AuditEntry[]>;
  abstract refresh(): Promise<void>;
  /** Tokens made before the directory had people become people (SQLite stores of old only). */
  abstract migrateTokenPrincipals(): Promise<MigrationReport>;
}

export interface NewToken {
  name: string;
  role: Principal['role'];
  unitId: string | null | undefined;
  principalId?: string;
}

export abstract class TokenStore {
  abstract isEmpty(): Promise<boolean>;
  abstract create(input: NewToken, actorId: string): Promise<{ record: TokenRecord; token: string }>;
  /** False when no such active token exists. */
  abstract revoke(id: string, actorId: string): Promise<boolean>;
  abstract list(): Promise<TokenRecord[]>;
  abstract get(id: string): Promise<TokenRecord | undefined>;
  /** The principal of a presented bearer token, or null; a revocation anywhere counts at once. */
  abstract authenticate(token: string): Promise<Principal | null>;
}

export abstract class SessionStore {
  abstract start(
    personId: string,
    method: 'password' | 'code',
  ): Promise<{ secret: string; session: ActiveSession }>;
  /** The live session of a cookie secret, its idle time renewed; null if ended, idle or inactive. */
  abstract resolve(secret: string): Promise<ActiveSession | null>;
  abstract end(sessionId: string, actorId: string, reason: SessionEndReason): Promise<void>;
  abstract liveCount(personId: string): Promise<number>;
  abstract endAllOf(
    personId: string,
    actorId: string,
    reason: SessionEndReason,
    keep?: string,
  ): Promise<number>;
}

export abstract class CredentialStore {
  abstract passwordHashOf(personId: string): Promise<string | null>;
  abstract setPasswordHash(personId: string, passwordHash: string, actorId: string): Promise<void>;
  abstract createSignInCode(
    personId: string,
    actorId: string,
    validMs?: number,
  ): Promise<{ signInCode: string; expiresAt: string }>;
  /** The person of a valid unused code, used up by this call (once, whoever asks first); else null. */
  abstract consumeSignInCode(typed: string): Promise<string | null>;
}

/**
 * Release codes (kode serah). The domain judges a code synchronously inside its decision, so a
 * command reads the records of the code it carries first (`find`, the pipeline's gather step) and
 * the decision judges over them (releaseCodeLookupOf); once the decision holds, before anything is
 * recorded, `check` binds the code to the courier atomically (the pipeline's settle step): a
 * courier who lost the race is refused then, as the decision would have refused them.
 */
export abstract class ReleaseCodeStore {
  abstract issue(placeId: string, issuedBy: string): Promise<IssuedReleaseCode>;
  /** Every code issued with this text, at any place, newest first; binds nothing. */
  abstract find(code: string): Promise<ReleaseCodeRecord[]>;
  /**
   * Judges a typed code for a use (at `use.at`, else now) and binds it to the first courier who
   * uses it, atomically: of couriers racing on any replicas one gets it. The same courier again
   * binds nothing new and is answered valid while the code counts at that time.
   */
  abstract check(use: ReleaseCodeUse): Promise<ReleaseCodeCheck>;
}

/**
 * Drawn signatures (domain.md "Two-party custody": kept as an image, its SHA-256 in the event).
 * Content-addressed: keeping the same image twice keeps one, and nothing is ever removed, since an
 * event names it for good. `keep` refuses an image that does not match its hash.
 */
export abstract class SignatureImageStore {
  abstract keep(image: SignatureImage, keptBy: string): Promise<void>;
  abstract get(hash: string): Promise<Buffer | undefined>;
}

/** A registration that will need a short code. */
export interface ShortCodeWanted {
  originUnitId: string;
  occurredAt: string;
}

/**
 * Short-code counters. `assign` is synchronous because the domain's decision calls it; `reserve`
 * is awaited before (one number per wanted registration), so an adapter over the network takes
 * its numbers then. The SQLite adapter takes them in `assign` and ignores `reserve`.
 */
export abstract class ShortCodeStore implements ShortCodeAssigner {
  abstract assign(originUnitId: string, occurredAt: string): string;
  abstract reserve(wanted: readonly ShortCodeWanted[]): Promise<void>;
  abstract close(): Promise<void>;
}

/** The first answer to a keyed request, as stored (its body already sealed by the service). */
export interface IdempotencyRecord {
  tokenId: string;
  key: string;
  requestHash: string;
  status: number;
  body: string;
}

export abstract class IdempotencyStore {
  abstract find(tokenId: string, key: string): Promise<IdempotencyRecord | null>;
  /** Keeps the first record of a (token, key): a later save of the same key changes nothing. */
  abstract save(record: IdempotencyRecord): Promise<void>;
  abstract close(): Promise<void>;
}

/** One adapter's stores, opened together and closed together. */
export interface Directory {
  locations: LocationStore;
  people: PeopleStore;
  tokens: TokenStore;
  sessions: SessionStore;
  credentials: CredentialStore;
  releaseCodes: ReleaseCodeStore;
  signatureImages: SignatureImageStore;
  shortCodes: ShortCodeStore;
  idempotency: IdempotencyStore;
  /** Which daftar arsip lists were imported (see import-ledger.port.ts). */
  importLedger: ImportLedgerStore;
  /** Failed sign-ins and tokens (see attempt-counter.port.ts). */
  attempts: AttemptCounterStore;
  /** Which adapter, for the health answer and the logs. */
  kind: 'sqlite' | 'mongodb';
  ping(): Promise<void>;
  close(): Promise<void>;
}
