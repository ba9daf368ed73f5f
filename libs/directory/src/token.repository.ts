import type Database from 'better-sqlite3';
import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Role } from '@jejak/custody';
import type { Principal } from './principal';
import { authGeneration, bumpAuthGeneration, recordAudit } from './directory.database';
import { hashSecret } from './secret-hash';
import { PeopleRepository } from './people.repository';

export interface TokenRecord {
  id: string;
  name: string;
  principalId: string;
  role: Role;
  unitId: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

interface TokenRow {
  id: string;
  token_hash: string;
  name: string;
  principal_id: string;
  role: Role;
  unit_id: string | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

/** 256 random bits, URL-safe; the prefix lets secret scanners recognise a leaked token. */
export const generateToken = (): string => `jjk_${randomBytes(32).toString('base64url')}`;

const ENV_ADMIN_TOKEN_ID = 'env-admin';
/** last_used_at is advisory: write it at most this often per token, not on every request. */
const LAST_USED_RESOLUTION_MS = 60_000;

const toRecord = (row: TokenRow): TokenRecord => ({
  id: row.id,
  name: row.name,
  principalId: row.principal_id,
  role: row.role,
  unitId: row.unit_id,
  createdAt: row.created_at,
  lastUsedAt: row.last_used_at,
  revokedAt: row.revoked_at,
});

/** Most principals remembered (one per token in use); past it the memory starts again. */
const MAX_REMEMBERED = 10_000;

/**
 * Tokens are stored only as SHA-256 hashes. The principal of a valid token is remembered, and all
 * of them are forgotten whenever the tokens may have changed: a revocation through this repository
 * (the API) clears them, and one by another process (`jejak token revoke`) changes the file's
 * `data_version`, which is checked on every request — so a revocation still takes effect at once.
 * Under a write load the table probe cost ~0.3 ms of CPU per request; the version check does not.
 */
export class TokenRepository {
  private readonly findActive: Database.Statement;
  private readonly dataVersion: Database.Statement;
  private readonly lastUsedWritten = new Map<string, number>();
  private readonly envAdminHash: Buffer | null;
  private readonly remembered = new Map<string, Principal>();
  private rememberedAtVersion: unknown = null;
  private rememberedAtGeneration = -1;
  private readonly people: PeopleRepository;

  constructor(
    private readonly db: Database.Database,
    envAdminToken?: string,
  ) {
    this.envAdminHash = envAdminToken ? Buffer.from(hashSecret(envAdminToken), 'hex') : null;
    // A token of a deactivated person never answers (deactivation also revokes it; this is the
    // second lock, for tokens written by an older `jejak` binary).
    this.findActive = db.prepare(
      `SELECT t.* FROM tokens t LEFT JOIN people p ON p.id = t.principal_id
       WHERE t.token_hash = ? AND t.revoked_at IS NULL AND (p.active = 1 OR p.id IS NULL)`,
    );
    this.people = new PeopleRepository(db);
    this.dataVersion = db.prepare('PRAGMA data_version').pluck();
  }

  isEmpty(): boolean {
    const { n } = this.db.prepare('SELECT count(*) AS n FROM tokens').get() as { n: number };
    return n === 0;
  }

  /**
   * A token for a person: an existing active one (of the same role and unit), or a new person
   * made from the token's name. `unitId` undefined takes the existing person's unit.
   * Throws DirectoryError when the principal is a place, deactivated, or of another role or unit.
   */
  create(
    input: { name: string; role: Role; unitId: string | null | undefined; principalId?: string },
    actorId: string,
  ): { record: TokenRecord; token: string } {
    const token = generateToken();
    const row: TokenRow = {
      id: randomUUID(),
      token_hash: hashSecret(token),
      name: input.name,
      principal_id: input.principalId ?? `p-${randomUUID()}`,
      role: input.role,
      unit_id: input.unitId ?? null,
      created_at: new Date().toISOString(),
      last_used_at: null,
      revoked_at: null,
    };
    this.db.transaction(() => {
      const person = this.people.ensureForToken(
        { principalId: row.principal_id, name: row.name, role: row.role, unitId: input.unitId },
        actorId,
      );
      row.unit_id = person.unitId;
      this.db
        .prepare(
          `INSERT INTO tokens (id, token_hash, name, principal_id, role, unit_id, created_at, created_by)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          row.id,
          row.token_hash,
          row.name,
          row.principal_id,
          row.role,
          row.unit_id,
          row.created_at,
          actorId,
        );
      recordAudit(this.db, {
        actorId,
        action: 'token.created',
        subjectId: row.id,
        details: { name: row.name, principalId: row.principal_id, role: row.role, unitId: row.unit_id },
      });
    })();
    return { record: toRecord(row), token };
  }

  /** Returns false when no such active token exists. */
  revoke(id: string, actorId: string): boolean {
    const now = new Date().toISOString();
    let changed = false;
    this.db.transaction(() => {
      changed =
        this.db
          .prepare('UPDATE tokens SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL')
          .run(now, actorId, id).changes > 0;
      if (changed) recordAudit(this.db, { actorId, action: 'token.revoked', subjectId: id, details: {} });
    })();
    // This connection's own writes leave data_version as it is.
    if (changed) bumpAuthGeneration(this.db);
    return changed;
  }

  list(): TokenRecord[] {
    return (this.db.prepare('SELECT * FROM tokens ORDER BY created_at').all() as TokenRow[]).map(toRecord);
  }

  get(id: string): TokenRecord | undefined {
    const row = this.db.prepare('SELECT * FROM tokens WHERE id = ?').get(id) as TokenRow | undefined;
    return row ? toRecord(row) : undefined;
  }

  /** The principal of a presented bearer token, or null. */
  authenticate(token: string): Principal | null {
    const hash = hashSecret(token);
    if (this.envAdminHash && timingSafeEqual(Buffer.from(hash, 'hex'), this.envAdminHash)) {
      return {
        tokenId: ENV_ADMIN_TOKEN_ID,
        principalId: 'admin',
        role: 'admin',
        unitId: null,
        name: 'JEJAK_ADMIN_TOKEN',
        via: 'token',
      };
    }
    const version = this.dataVersion.get();
    const generation = authGeneration(this.db);
    if (version !== this.rememberedAtVersion || generation !== this.rememberedAtGeneration) {
      this.forget(version, generation);
    }
    const known = this.remembered.get(hash);
    if (known) {
      this.touch(known.tokenId);
      return known;
    }
    const row = this.findActive.get(hash) as TokenRow | undefined;
    if (!row) return null;
    this.touch(row.id);
    const principal: Principal = {
      tokenId: row.id,
      principalId: row.principal_id,
      role: row.role,
      unitId: row.unit_id,
      name: row.name,
      via: 'token',
    };
    if (this.remembered.size >= MAX_REMEMBERED) this.remembered.clear();
    this.remembered.set(hash, principal);
    return principal;
  }

  /** Forgets every remembered principal; they will match this data_version and generation. */
  private forget(version: unknown, generation: number): void {
    this.remembered.clear();
    this.rememberedAtVersion = version;
    this.rememberedAtGeneration = generation;
  }

  private touch(id: string): void {
    const now = Date.now();
    if (now - (this.lastUsedWritten.get(id) ?? 0) < LAST_USED_RESOLUTION_MS) return;
    this.lastUsedWritten.set(id, now);
    this.db.prepare('UPDATE tokens SET last_used_at = ? WHERE id = ?').run(new Date(now).toISOString(), id);
  }
}
