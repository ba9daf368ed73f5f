import type { LocationType, Role } from '@jejak/custody';
import type { Collection, Db } from 'mongodb';
import type { IdKind } from './mongodb-errors';

/* The directory's MongoDB documents: the SQLite tables' columns in camelCase, times as ISO text. */

export interface IdDocument {
  _id: string;
  kind: IdKind;
}

export interface LocationDocument {
  _id: string;
  name: string;
  type: LocationType;
  parentId: string | null;
  active: boolean;
  kemendagriCode: string | null;
  createdAt: string;
  createdBy: string;
}

export interface PersonDocument {
  _id: string;
  name: string;
  jabatan: string | null;
  nip: string | null;
  unitId: string | null;
  role: Role;
  active: boolean;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

export interface PasswordDocument {
  _id: string;
  passwordHash: string;
  setAt: string;
  setBy: string;
}

export interface SignInCodeDocument {
  _id: string;
  personId: string;
  createdAt: string;
  createdBy: string;
  expiresAt: string;
  usedAt: string | null;
}

export interface SessionDocument {
  _id: string;
  secretHash: string;
  personId: string;
  method: string;
  createdAt: string;
  lastSeenAt: string;
  endedAt: string | null;
  endReason: string | null;
}

export interface TokenDocument {
  _id: string;
  tokenHash: string;
  name: string;
  principalId: string;
  role: Role;
  unitId: string | null;
  createdAt: string;
  createdBy: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  revokedBy: string | null;
}

export interface ReleaseCodeDocument {
  _id: string;
  codeHash: string;
  placeId: string;
  issuedBy: string;
  issuedAt: string;
  expiresAt: string;
  courierId: string | null;
  firstUsedAt: string | null;
}

export interface AuditDocument {
  at: string;
  actorId: string;
  action: string;
  subjectId: string;
  details: Record<string, unknown>;
}

export interface CounterDocument {
  _id: string;
  prefix: string;
  year: number;
  last: number;
}

export interface IdempotencyDocument {
  tokenId: string;
  key: string;
  requestHash: string;
  status: number;
  body: string;
  createdAt: string;
}

/** `_id: 'version'`: bumped by every change of a person or place (see the snapshot). */
export interface MetaDocument {
  _id: string;
  n: number;
}

export interface DirectoryCollections {
  ids: Collection<IdDocument>;
  locations: Collection<LocationDocument>;
  people: Collection<PersonDocument>;
  passwords: Collection<PasswordDocument>;
  signInCodes: Collection<SignInCodeDocument>;
  sessions: Collection<SessionDocument>;
  tokens: Collection<TokenDocument>;
  releaseCodes: Collection<ReleaseCodeDocument>;
  audit: Collection<AuditDocument>;
  counters: Collection<CounterDocument>;
  idempotency: Collection<IdempotencyDocument>;
  meta: Collection<MetaDocument>;
}

/** Prefixed `directory_`, apart from the read models' collections in the same database. */
export const directoryCollections = (db: Db): DirectoryCollections => ({
  ids: db.collection('directory_ids'),
  locations: db.collection('directory_locations'),
  people: db.collection('directory_people'),
  passwords: db.collection('directory_passwords'),
  signInCodes: db.collection('directory_sign_in_codes'),
  sessions: db.collection('directory_sessions'),
  tokens: db.collection('directory_tokens'),
  releaseCodes: db.collection('directory_release_codes'),
  audit: db.collection('directory_audit'),
  counters: db.collection('short_code_counters'),
  idempotency: db.collection('idempotency'),
  meta: db.collection('directory_meta'),
});

/**
 * Indexes, each under a name that says its keys (a changed key set gets a new name, never the old
 * name with other keys). The unique ones carry the atomic rules: one secret per session, one hash
 * per token, one first answer per (token, Idempotency-Key).
 */
export async function createDirectoryIndexes(c: DirectoryCollections): Promise<void> {
  await c.sessions.createIndex({ secretHash: 1 }, { unique: true, name: 'secretHash_1_unique' });
  await c.sessions.createIndex({ personId: 1, endedAt: 1 }, { name: 'personId_1_endedAt_1' });
  await c.tokens.createIndex({ tokenHash: 1 }, { unique: true, name: 'tokenHash_1_unique' });
  await c.tokens.createIndex({ principalId: 1, revokedAt: 1 }, { name: 'principalId_1_revokedAt_1' });
  await c.releaseCodes.createIndex(
    { placeId: 1, codeHash: 1, issuedAt: -1 },
    { name: 'placeId_1_codeHash_1_issuedAt_-1' },
  );
  await c.releaseCodes.createIndex({ issuedBy: 1, expiresAt: 1 }, { name: 'issuedBy_1_expiresAt_1' });
  // A command's typed code is read by its hash alone, before the decision knows the place.
  await c.releaseCodes.createIndex({ codeHash: 1, issuedAt: -1 }, { name: 'codeHash_1_issuedAt_-1' });
  await c.signInCodes.createIndex({ personId: 1, usedAt: 1 }, { name: 'personId_1_usedAt_1' });
  await c.audit.createIndex({ subjectId: 1, at: 1 }, { name: 'subjectId_1_at_1' });
  await c.idempotency.createIndex({ tokenId: 1, key: 1 }, { unique: true, name: 'tokenId_1_key_1_unique' });
}
